"""Wagtail's database search backend, with each object indexed and each query read in its own
language (search.analysis has the rules).

Wagtail indexes every language with one configuration (wagtail/wagtail#9253). Here the
PostgreSQL backend picks the configuration per object (the object's locale) and per query (the
active language, for translatable models; the language-neutral one for images, documents and
other models without a language); the SQLite backend stores and looks up Snowball terms
computed in Python. Everything else (signals on publish, unpublish, move and delete,
`update_index`) is Wagtail's.

Settings: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}.
"""

from contextlib import contextmanager, nullcontext
from contextvars import ContextVar

from django.conf import settings
from django.db import connection
from django.utils import translation
from wagtail.models import Locale, TranslatableMixin

from search import analysis
from search.vocabulary import forget_words, remember_words


def _language_codes_by_locale():
    return dict(Locale.objects.values_list("pk", "language_code"))


def object_language(obj, languages):
    """The analysis of an object: its locale's language, or the language-neutral one."""
    locale_id = getattr(obj, "locale_id", None)
    return languages.get(locale_id, analysis.SIMPLE) if locale_id else analysis.SIMPLE


# In the admin, editors search pages of every language whatever their own: a query is then
# read in each language in turn and matches a page that any reading matches.
_every_language = ContextVar("search_in_every_language", default=False)


@contextmanager
def queries_in_every_language():
    token = _every_language.set(True)
    try:
        yield
    finally:
        _every_language.reset(token)


class EveryLanguageInAdmin:
    """Middleware: searches made by admin views read their words in every site language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            return self.get_response(request)
        with queries_in_every_language():
            return self.get_response(request)


def query_languages(model):
    """The analyses of a query on a model: the language it is typed in (the active one) for
    translatable models, the language-neutral one for the others; in the admin, every site
    language, the active one first."""
    if not issubclass(model, TranslatableMixin):
        return [analysis.SIMPLE]
    active = analysis.language_of(translation.get_language())
    if not _every_language.get():
        return [active]
    others = [analysis.language_of(code) for code, _name in settings.LANGUAGES]
    return list(dict.fromkeys([active, *others]))


class LanguageIndexing:
    """add_items with each object's language known without a query per object."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        objs = list(objs)
        self._codes = _language_codes_by_locale()
        self._languages = {pk: analysis.language_of(code) for pk, code in self._codes.items()}
        texts = self.index_objects(model, objs)
        remember_words(model, objs, texts)

    def object_language(self, obj):
        return object_language(obj, self._languages)

    def in_its_language(self, obj):
        """The object's language active while its fields are read: a field computed from a
        translated label (a city's country) is indexed in the page's language,
        whichever language the request or command that saved it was in."""
        code = self._codes.get(getattr(obj, "locale_id", None))
        return translation.override(code) if code else nullcontext()


class VocabularyRebuilding:
    """A rebuild of the index (update_index) rebuilds the "Did you mean" vocabulary with it:
    emptied at the start, refilled by add_items from the live public pages indexed."""

    def start(self):
        forget_words()
        return super().start()


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    """The database's backend with per-language analysis; others (MySQL, SQLite without FTS5)
    as Wagtail has them. The vendor's module is imported only on that vendor: each reads
    models that exist only there."""
    from modelsearch.backends.database import SearchBackend as database_backend

    if connection.vendor == "postgresql":
        from search.backend.postgres import PostgresBackend

        return PostgresBackend(params)
    backend = database_backend(params)
    if connection.vendor == "sqlite" and backend.__class__.__name__ == "SQLiteSearchBackend":
        from search.backend.sqlite import SQLiteBackend

        return SQLiteBackend(params)
    return backend
