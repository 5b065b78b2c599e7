"""Translation state of translatable pages and snippets in every language.

The states are defined once, in `_set_state()`, and everything that shows one reads it from
a `Row` built here: the dashboard, the translators' inbox, the bulk PO export, the review
page of one translation and the public out-of-date notice. They agree because they share
one computation, run for the whole site (`compute_rows()`) or for one object in one
language (`row_for()`).

Both cost a fixed number of queries whatever the number of pages: locales, pages (with
their content types), snippets (one query per model), translation sources, translations
(with their latest hand-off event) and two aggregates over wagtail-localize's string
segments; `row_for()` reads only the one object's versions.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import quote
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from localization.models import TranslationEvent
from localization.permissions import translatable_snippet_models

# The root is at depth 1 and each language's home page at 2: the site's sections, the
# top-level pages under a home page, are at 3.
SECTION_DEPTH = 3


class State:
    MISSING = "missing"
    IN_PROGRESS = "in_progress"
    READY = "ready"
    OUT_OF_DATE = "out_of_date"
    UP_TO_DATE = "up_to_date"
    ALIAS = "alias"

    choices = [
        (MISSING, _("Missing")),
        (IN_PROGRESS, _("In progress")),
        (READY, _("Ready for review")),
        (OUT_OF_DATE, _("Out of date")),
        (UP_TO_DATE, _("Up to date")),
        (ALIAS, _("Alias (untranslated copy)")),
    ]
    labels = dict(choices)

    # What translators (the inbox) and agencies (the PO export) have to work on.
    WAITING = frozenset({IN_PROGRESS, OUT_OF_DATE, READY})


@dataclass
class Item:
    """One language version of a page or snippet."""

    key: object  # translation_key
    pk: int
    locale_id: int
    title: str
    model: type
    is_page: bool
    live: bool = True
    alias_of_id: int | None = None
    last_published_at: datetime | None = None
    has_unpublished_changes: bool = False
    path: str = ""
    depth: int = 0

    @property
    def has_drafts(self):
        """Pages and snippets with drafts are published by a reviewer: until then a fully
        translated version waits."""
        return self.is_page or issubclass(self.model, DraftStateMixin)


@dataclass
class Row:
    """A source object in one target language."""

    source: Item
    locale: Locale
    state: str
    source_locale: Locale | None = None
    target: Item | None = None
    translation_id: int | None = None
    source_id: int | None = None  # the TranslationSource, when there is one
    percent: int | None = None
    section_key: str = ""
    changed_at: datetime | None = None  # newest event of this row, for inboxes
    last_action: str = ""
    comment: str = ""
    # The source was published after this version was last synced or published: visitors
    # read something older than the source (the public notice says so).
    behind_source: bool = False

    @property
    def state_label(self):
        return State.labels[self.state]

    @property
    def content_type_label(self):
        return self.source.model._meta.verbose_name

    @property
    def content_type_key(self):
        return f"{self.source.model._meta.app_label}.{self.source.model._meta.model_name}"

    @property
    def submit_url(self):
        """wagtail-localize's "Translate" form for the source (what a missing row needs)."""
        if self.source.is_page:
            return reverse("wagtail_localize:submit_page_translation", args=[self.source.pk])
        meta = self.source.model._meta
        return reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, quote(self.source.pk)],
        )

    @property
    def edit_url(self):
        """The translation editor (wagtail-localize replaces the edit view of a translation)."""
        if self.target is None:
            return ""
        return AdminURLFinder().get_edit_url(self.target.model(pk=self.target.pk)) or ""


def _lag(source_published_at, target_published_at, synced_at):
    """(published since, changed since sync): the source was published after the target
    was (publication dates: of pages and of snippets with drafts), and after the
    translation source last read it (`synced_at`; None for a version made by hand)."""
    published_since = bool(
        source_published_at and target_published_at and source_published_at > target_published_at
    )
    changed_since_sync = bool(
        synced_at is not None and source_published_at and source_published_at > synced_at
    )
    return published_since, changed_since_sync


def _set_state(row, synced_at, translation, total, done):
    """The state of `row` (and whether it is behind its source), from what was loaded.

    `synced_at` is when the translation source last read the source object; `translation`
    the wagtail-localize translation into the row's language (None when the version was
    made by hand); `total` the source's strings and `done` the aggregate of those translated.

    A version whose source was published since it was last published is never up to date:
    out of date until it is synced, then in progress or ready until it is published.
    """
    source, target = row.source, row.target
    if target is None:
        row.state = State.MISSING
        return
    if target.alias_of_id is not None:
        row.state = State.ALIAS
        return
    published_since, changed_since_sync = _lag(
        source.last_published_at,
        target.last_published_at,
        synced_at if translation is not None else None,
    )
    row.behind_source = published_since or changed_since_sync
    if translation is None:
        # Translated by hand, outside wagtail-localize: publication dates are all there is.
        row.state = State.OUT_OF_DATE if published_since else State.UP_TO_DATE
        return
    done_count = done["n"] if done else 0
    row.percent = 100 if total == 0 else min(100, done_count * 100 // total)
    last_action_at = translation["last_action_at"]
    if changed_since_sync:
        row.state = State.OUT_OF_DATE
    elif (
        translation["last_action"] == TranslationEvent.Action.READY
        and last_action_at
        and last_action_at >= synced_at
    ):
        row.state = State.READY
    elif done_count < total:
        row.state = State.IN_PROGRESS
    elif target.has_drafts and (not target.live or _strings_unpublished(target, done)):
        row.state = State.IN_PROGRESS
    elif target.has_drafts and published_since:
        # Every string is translated and a sync brought the source's change (a synchronised
        # field, say): only the reviewer's publication is missing.
        row.state = State.READY
    else:
        row.state = State.UP_TO_DATE


def _strings_unpublished(target, done):
    """A string was translated after the target page was last published."""
    last_string = done["last"] if done else None
    return bool(
        last_string and (not target.last_published_at or last_string > target.last_published_at)
    )


def _model(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:  # a content type whose model is gone
        return Page


def _page_items(pages):
    return [
        Item(
            key,
            pk,
            locale_id,
            title,
            _model(app_label, model_name),
            True,
            live,
            alias,
            published,
            changes,
            path,
            depth,
        )
        for (
            pk,
            key,
            locale_id,
            title,
            app_label,
            model_name,
            live,
            alias,
            published,
            changes,
            path,
            depth,
        ) in pages.values_list(
            "pk",
            "translation_key",
            "locale_id",
            "title",
            "content_type__app_label",
            "content_type__model",
            "live",
            "alias_of_id",
            "last_published_at",
            "has_unpublished_changes",
            "path",
            "depth",
        )
    ]


def _snippet_items(models, translation_key=None):
    items = []
    for model in models:
        queryset = model.objects.select_related("locale")  # str() of some names the language
        if translation_key is not None:
            queryset = queryset.filter(translation_key=translation_key)
        for instance in queryset:
            items.append(
                Item(
                    instance.translation_key,
                    instance.pk,
                    instance.locale_id,
                    str(instance),
                    model,
                    False,
                    live=getattr(instance, "live", True),
                    last_published_at=getattr(instance, "last_published_at", None),
                    has_unpublished_changes=getattr(instance, "has_unpublished_changes", False),
                )
            )
    return items


def compute_rows():
    """Every translatable object × every language other than its source's."""
    return _rows(Page.objects.filter(depth__gt=1), translatable_snippet_models())


def row_for(model, translation_key, locale_id):
    """The row of one page or snippet in one language; None in its source language.

    `model` is the page or snippet model (any page model stands for every page).
    """
    if issubclass(model, Page):
        # The sections too, to name the one the page is in.
        pages = Page.objects.filter(Q(translation_key=translation_key) | Q(depth=SECTION_DEPTH))
        snippet_models = []
    else:
        pages = Page.objects.none()
        snippet_models = [model]
    rows = _rows(pages, snippet_models, translation_key=translation_key, locale_id=locale_id)
    return rows[0] if rows else None


def _default_locale_id(locales):
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return next((locale.pk for locale in locales if locale.language_code == default), None)


def _section_path(item):
    """The path of the section `item` is in (its ancestor at SECTION_DEPTH), or ""."""
    if not item.is_page or item.depth < SECTION_DEPTH:
        return ""
    return item.path[: Page.steplen * SECTION_DEPTH]


def _rows(pages, snippet_models, translation_key=None, locale_id=None):
    """Rows of `pages` and `snippet_models`' objects, limited to one translation key and one
    language when given."""
    locales = list(Locale.objects.order_by("pk"))
    locales_by_pk = {locale.pk: locale for locale in locales}
    default_locale_id = _default_locale_id(locales)
    wanted_key = None if translation_key is None else str(translation_key)

    sections = {}  # path of a section → its translation key
    groups = defaultdict(dict)
    for item in _page_items(pages) + _snippet_items(snippet_models, translation_key):
        if item.is_page and item.depth == SECTION_DEPTH:
            sections[item.path] = str(item.key)
        if wanted_key is None or str(item.key) == wanted_key:
            # Pages and snippets share no translation keys, but keep them apart anyway.
            groups[(item.is_page, item.key)][item.locale_id] = item

    source_filter = {} if translation_key is None else {"object_id": translation_key}
    sources = {}
    for source in (
        TranslationSource.objects.filter(**source_filter)
        .values("pk", "object_id", "locale_id", "last_updated_at")
        .order_by("last_updated_at")
    ):
        sources[source["object_id"]] = source  # the most recently synced source wins

    pending = []  # (row, its translation source's values or None)
    for (_is_page, key), versions in groups.items():
        source_data = sources.get(key)
        if source_data and source_data["locale_id"] in versions:
            source_item = versions[source_data["locale_id"]]
        else:
            source_data = None
            originals = [v for v in versions.values() if v.alias_of_id is None] or list(
                versions.values()
            )
            source_item = versions.get(default_locale_id) or min(originals, key=lambda v: v.pk)
        section_key = sections.get(_section_path(source_item), "")
        for locale in locales:
            if locale.pk == source_item.locale_id:
                continue
            if locale_id is not None and locale.pk != locale_id:
                continue
            row = Row(
                source_item,
                locale,
                State.MISSING,
                source_locale=locales_by_pk.get(source_item.locale_id),
                target=versions.get(locale.pk),
                source_id=source_data["pk"] if source_data else None,
                section_key=section_key,
            )
            pending.append((row, source_data))

    if any(source_data for _row, source_data in pending):
        translations, totals, translated = _translation_progress(translation_key, locale_id)
    else:
        translations, totals, translated = {}, {}, {}
    rows = []
    for row, source_data in pending:
        translation = None
        if source_data:
            translation = translations.get((source_data["pk"], row.locale.pk))
        if translation:
            row.translation_id = translation["pk"]
            row.last_action = translation["last_action"] or ""
            row.comment = translation["last_comment"] or ""
            row.changed_at = max(
                d
                for d in (
                    translation["created_at"],
                    translation["last_action_at"],
                    source_data["last_updated_at"],
                )
                if d
            )
        _set_state(
            row,
            source_data["last_updated_at"] if source_data else None,
            translation,
            totals.get(source_data["pk"], 0) if translation else 0,
            translated.get((source_data["pk"], row.locale.pk)) if translation else None,
        )
        rows.append(row)
    return rows


def _translation_progress(translation_key=None, locale_id=None):
    """The enabled translations (with their latest hand-off event), the number of strings
    of each source, and the strings translated per source and language."""
    translation_filter = {"enabled": True}
    segment_filter = {}
    done_filter = {
        "string__translations__context_id": F("context_id"),
        "string__translations__has_error": False,
    }
    if translation_key is not None:
        translation_filter["source__object_id"] = translation_key
        segment_filter["source__object_id"] = translation_key
    if locale_id is not None:
        translation_filter["target_locale_id"] = locale_id
        done_filter["string__translations__locale_id"] = locale_id

    latest_events = TranslationEvent.objects.filter(translation=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    translations = {
        (t["source_id"], t["target_locale_id"]): t
        for t in Translation.objects.filter(**translation_filter)
        .annotate(
            last_action=Subquery(latest_events.values("action")[:1]),
            last_action_at=Subquery(latest_events.values("created_at")[:1]),
            last_comment=Subquery(latest_events.values("comment")[:1]),
        )
        .values(
            "pk",
            "source_id",
            "target_locale_id",
            "created_at",
            "last_action",
            "last_action_at",
            "last_comment",
        )
    }
    segments = StringSegment.objects.filter(**segment_filter)
    totals = dict(segments.values_list("source_id").annotate(n=Count("pk")).order_by())
    translated = {
        (row["source_id"], row["locale"]): row
        for row in segments.filter(**done_filter)  # one filter(): the same string translation
        .values("source_id", locale=F("string__translations__locale_id"))
        .annotate(n=Count("pk"), last=Max("string__translations__updated_at"))
        .order_by()
    }
    return translations, totals, translated


def section_choices(rows):
    """(translation key, title) of the site's sections: children of a language's home page."""
    by_key = defaultdict(dict)
    for row in rows:
        for item in (row.source, row.target):
            if item and item.is_page and item.depth == SECTION_DEPTH:
                by_key[str(item.key)][item.locale_id] = item.title
    current = (
        Locale.objects.filter(language_code=get_language()).values_list("pk", flat=True).first()
    )
    titles_by_key = {
        key: titles.get(current) or next(iter(titles.values())) for key, titles in by_key.items()
    }
    return sorted(titles_by_key.items(), key=lambda pair: pair[1].lower())


def page_behind_source(page):
    """(source page's pk, source locale) when this version of a page is behind its source,
    else None: the `behind_source` of its row (`row_for`), in two queries instead of
    seven (the public notice needs no translation progress): the versions, and the
    translation source with whether a translation into the page's language is enabled."""
    versions = {
        version["locale_id"]: version
        for version in Page.objects.filter(translation_key=page.translation_key).values(
            "pk", "locale_id", "last_published_at", "alias_of_id", "locale__language_code"
        )
    }
    target = versions.get(page.locale_id)
    if target is None or target["alias_of_id"] is not None:
        return None
    source_data = (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .annotate(
            translated_here=Exists(
                Translation.objects.filter(
                    source_id=OuterRef("pk"), target_locale_id=page.locale_id, enabled=True
                )
            )
        )
        .order_by("-last_updated_at")
        .values("pk", "locale_id", "last_updated_at", "translated_here")
        .first()
    )
    if source_data and source_data["locale_id"] in versions:
        source = versions[source_data["locale_id"]]
    else:
        source_data = None
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        originals = [v for v in versions.values() if v["alias_of_id"] is None] or list(
            versions.values()
        )
        source = next(
            (v for v in versions.values() if v["locale__language_code"] == default),
            min(originals, key=lambda v: v["pk"]),
        )
    if source["pk"] == target["pk"]:
        return None
    translated = source_data is not None and source_data["translated_here"]
    published_since, changed_since_sync = _lag(
        source["last_published_at"],
        target["last_published_at"],
        source_data["last_updated_at"] if translated else None,
    )
    if not (published_since or changed_since_sync):
        return None
    return source["pk"], source["locale_id"]
