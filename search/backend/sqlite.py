"""SQLite: title and body stored as Snowball terms computed in Python, queries likewise."""

from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import query as sqlite_query
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from search import analysis
from search.backend import LanguageIndexing, VocabularyRebuilding, query_languages

IndexEntry = sqlite.IndexEntry

# bm25 weights of the SQLite index's columns (autocomplete, body, title): a word in the title
# counts three times one in the body, as Wagtail's title boost does on PostgreSQL.
SQLITE_COLUMN_WEIGHTS = (0.0, 1.0, 3.0)


class SQLiteObjectIndexer(sqlite.ObjectIndexer):
    """Title and body stored as Snowball terms; autocomplete as folded words (prefixes match
    words, not stems)."""

    def __init__(self, obj, backend, language):
        super().__init__(obj, backend)
        self.language = language

    # The texts as Wagtail's indexer gathers them (its cached properties' functions).
    @cached_property
    def title_text(self):
        return sqlite.ObjectIndexer.title.func(self)

    @cached_property
    def body_text(self):
        return sqlite.ObjectIndexer.body.func(self)

    @property
    def title(self):
        return " ".join(analysis.terms(self.language, self.title_text))

    @property
    def body(self):
        return " ".join(analysis.terms(self.language, self.body_text))

    @property
    def autocomplete(self):
        words = sqlite.ObjectIndexer.autocomplete.func(self)
        return " ".join(analysis.words(self.language, words))


class SQLiteIndex(LanguageIndexing, sqlite.SQLiteIndex):
    def index_objects(self, model, objs):
        """Entries created or updated with their terms (the FTS5 table follows by trigger)."""
        content_type_pk = get_content_type_pk(model)
        data, texts = {}, []
        for obj in objs:
            with self.in_its_language(obj):  # its fields are read while it is indexed
                indexer = SQLiteObjectIndexer(obj, self.backend, self.object_language(obj))
                texts.append((indexer.language, f"{indexer.title_text} {indexer.body_text}"))
                data[indexer.id] = {
                    "title": indexer.title,
                    "autocomplete": indexer.autocomplete,
                    "body": indexer.body,
                }
        entries = self.entries.filter(content_type_id=content_type_pk)
        existing = set(entries.filter(object_id__in=data).values_list("object_id", flat=True))
        for object_id in existing:
            entries.filter(object_id=object_id).update(**data[object_id])
        self.entries.bulk_create(
            IndexEntry(content_type_id=content_type_pk, object_id=object_id, **values)
            for object_id, values in data.items()
            if object_id not in existing
        )
        self._refresh_title_norms()
        return texts


class MatchString(sqlite_query.LexemeCombinable):
    """A ready FTS5 query string: `("ciudad" OR "ciud") AND "viviend"`."""

    def __init__(self, value):
        super().__init__()
        self.value = value

    def as_sql(self, compiler, connection):
        return "%s", [self.value]


def _fts_group(terms, prefix=False):
    quoted = [f'"{term}"' + ("*" if prefix else "") for term in terms]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def _fts_phrase(language, text):
    """An FTS5 phrase: the terms in their order (the index left stop words out too, so the
    words either side of one are next to each other in both)."""
    return '"' + " ".join(analysis.terms(language, text)) + '"'


class SQLiteQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText | Phrase):
            return super().build_search_query_content(query, config=config)
        readings = [self._match(query, lang) for lang in query_languages(self.queryset.model)]
        match = readings[0] if len(readings) == 1 else " OR ".join(f"({r})" for r in readings)
        return sqlite_query.SearchQueryExpression(MatchString(match))

    def _match(self, query, language):
        """The FTS5 query string of one language's reading."""
        if isinstance(query, Phrase):
            return _fts_phrase(language, query.query_string)
        phrases, rest = analysis.phrases_and_words(query.query_string)
        # A phrase of stop words only is no phrase (an empty FTS5 phrase is an error).
        parts = [_fts_phrase(language, p) for p in phrases if analysis.terms(language, p)]
        groups = analysis.query_terms(language, rest)
        if not groups and not parts:
            # Only stop words: looked up as they are, so they match nothing, as on PostgreSQL.
            groups = [[word] for word in analysis.words(language, rest)] or [[""]]
        parts += [_fts_group(group) for group in groups]
        connector = " AND " if query.operator.upper() == "AND" else " OR "
        return connector.join(parts)

    def _build_rank_expression(self, vectors, config):
        return WeightedBM25()


class SQLiteAutocompleteCompiler(sqlite.SQLiteAutocompleteQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        language = query_languages(self.queryset.model)[0]
        found = analysis.words(language, query.query_string) or [""]
        groups = [_fts_group([word], prefix=i == len(found) - 1) for i, word in enumerate(found)]
        return sqlite_query.SearchQueryExpression(MatchString(" AND ".join(groups)))


class WeightedBM25(sqlite_query.BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
        return f"bm25({sqlite_query.SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class SQLiteRebuilder(VocabularyRebuilding, sqlite.SQLiteSearchRebuilder):
    pass


class SQLiteAtomicRebuilder(VocabularyRebuilding, sqlite.SQLiteSearchAtomicRebuilder):
    pass


class SQLiteBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteCompiler
    index_class = SQLiteIndex
    rebuilder_class = SQLiteRebuilder
    atomic_rebuilder_class = SQLiteAtomicRebuilder
