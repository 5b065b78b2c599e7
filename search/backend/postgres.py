"""PostgreSQL: each object's vectors and each query computed with its language's configuration."""

from functools import reduce

from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres import postgres
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from search import analysis
from search.backend import LanguageIndexing, VocabularyRebuilding, query_languages

IndexEntry = postgres.IndexEntry
UPSERT = (
    "INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm, "
    "title_text, body_text) (VALUES {rows}) ON CONFLICT (content_type_id, object_id) DO UPDATE "
    "SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, "
    "body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text"
)


def both(a, b):
    return a & b


def either(a, b):
    return a | b


class PostgresObjectIndexer(postgres.ObjectIndexer):
    def __init__(self, obj, backend, language):
        super().__init__(obj, backend)
        self.language = language
        self.config = analysis.PG_CONFIGS[language]

    def as_vector(self, texts, for_autocomplete=False):
        # The vectors get the normalised text; title_text and body_text keep it as written.
        texts = [(analysis.normalise(self.language, text), weight) for text, weight in texts]
        return super().as_vector(texts, for_autocomplete=for_autocomplete)


class PostgresIndex(LanguageIndexing, postgres.PostgresIndex):
    def index_objects(self, model, objs):
        """One upsert for the batch, as Wagtail's backend does, each row's vectors computed
        with its object's configuration."""
        indexers = []
        for obj in objs:
            indexer = PostgresObjectIndexer(obj, self.backend, self.object_language(obj))
            with self.in_its_language(obj):  # its fields are read while it is indexed
                indexer.values = {
                    name: getattr(indexer, name)
                    for name in ("title", "autocomplete", "body", "title_text", "body_text")
                }
            indexers.append(indexer)
        if not indexers:
            return []
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            row = ["%s", "%s"]
            params.extend((content_type_pk, indexer.id))
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    IndexEntry._meta.get_field(name), indexer.values[name]
                )
                sql, value_params = value.as_sql(compiler, self.write_connection)
                row.append(sql)
                params.extend(value_params)
            rows.append(f"({', '.join(row)}, 1.0, %s, %s)")
            params.extend((indexer.values["title_text"], indexer.values["body_text"]))
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                UPSERT.format(table=IndexEntry._meta.db_table, rows=", ".join(rows)), params
            )
        self._refresh_title_norms()
        return [(i.language, f"{i.values['title_text']} {i.values['body_text']}") for i in indexers]


class PostgresQueryCompiler(postgres.PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return analysis.PG_CONFIGS[query_languages(self.queryset.model)[0]]

    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, PlainText | Phrase):
            return super().build_tsquery_content(query, config=config, invert=invert)
        readings = [
            self._tsquery(query, language, invert)
            for language in query_languages(self.queryset.model)
        ]
        # Negated: no reading may match.
        return reduce(both if invert else either, readings)

    def _tsquery(self, query, language, invert):
        """The query read with one language's rules."""
        config = analysis.PG_CONFIGS[language]
        if isinstance(query, Phrase):
            return self._phrase(query.query_string, language, config, invert)
        phrases, rest = analysis.phrases_and_words(query.query_string)
        parts = [
            self._phrase(phrase, language, config, invert)
            for phrase in phrases
            if analysis.query_groups(language, phrase)  # not stop words only
        ]
        all_of = both if (query.operator == "and") != invert else either
        groups = analysis.query_groups(language, rest) or [analysis.words(language, rest)]
        if not groups[0]:
            if parts:
                return reduce(all_of, parts)
            # No word at all: an empty query, which matches nothing (an empty lexeme would
            # be a syntax error).
            return postgres.SearchQuery("", search_type="plain", config=config)
        # A group matches any of its forms; negated (De Morgan, as Wagtail's compiler does),
        # none of them.
        any_of = both if invert else either
        lexemes = [
            reduce(any_of, (postgres.Lexeme(form, invert=invert) for form in group))
            for group in groups
        ]
        words = postgres.SearchQuery(reduce(all_of, lexemes), search_type="raw", config=config)
        return reduce(all_of, [*parts, words])

    def _phrase(self, text, language, config, invert):
        """PostgreSQL's phrase query (`<->`, stop words counted as the index counts them)."""
        phrase = Phrase(analysis.normalise(language, text))
        return super().build_tsquery_content(phrase, config=config, invert=invert)


class PostgresRebuilder(VocabularyRebuilding, postgres.PostgresSearchRebuilder):
    pass


class PostgresAtomicRebuilder(VocabularyRebuilding, postgres.PostgresSearchAtomicRebuilder):
    pass


class PostgresBackend(postgres.PostgresSearchBackend):
    query_compiler_class = PostgresQueryCompiler
    index_class = PostgresIndex
    rebuilder_class = PostgresRebuilder
    atomic_rebuilder_class = PostgresAtomicRebuilder
