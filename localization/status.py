"""Translation status of every translatable page and snippet in every language, in bulk.

A fixed number of queries whatever the number of pages: pages, snippets (one query per
model), translation sources, translations (with their latest hand-off event), and two
aggregates over wagtail-localize's string segments.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from localization.models import TranslationEvent
from localization.permissions import translatable_snippet_models


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


@dataclass
class Row:
    """A source object in one target language."""

    source: Item
    locale: Locale
    state: str
    target: Item | None = None
    translation_id: int | None = None
    source_id: int | None = None  # the TranslationSource, when there is one
    percent: int | None = None
    section_key: str = ""
    changed_at: datetime | None = None  # newest event of this row, for inboxes
    last_action: str = ""
    comment: str = ""

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
    def edit_url(self):
        """The translation editor (wagtail-localize replaces the edit view of a translation)."""
        from wagtail.admin.admin_url_finder import AdminURLFinder

        if self.target is None:
            return ""
        if self.target.is_page:
            return f"/admin/pages/{self.target.pk}/edit/"
        return AdminURLFinder().get_edit_url(self.target.model(pk=self.target.pk)) or ""

    @property
    def source_edit_url(self):
        if self.source.is_page:
            return f"/admin/pages/{self.source.pk}/edit/"
        return ""


def _items():
    content_types = {}
    items = []
    pages = Page.objects.filter(depth__gt=1).values_list(
        "pk",
        "translation_key",
        "locale_id",
        "title",
        "content_type_id",
        "live",
        "alias_of_id",
        "last_published_at",
        "has_unpublished_changes",
        "path",
    )
    rows = list(pages)
    for ct in ContentType.objects.filter(pk__in={row[4] for row in rows}):
        content_types[ct.pk] = ct.model_class() or Page
    for pk, key, locale_id, title, ct, live, alias, published, changes, path in rows:
        items.append(
            Item(
                key,
                pk,
                locale_id,
                title,
                content_types.get(ct, Page),
                True,
                live,
                alias,
                published,
                changes,
                path,
            )
        )
    for model in translatable_snippet_models():
        queryset = model.objects.all()
        if "locale" in [f.name for f in model._meta.get_fields()]:
            queryset = queryset.select_related("locale")
        for instance in queryset:
            items.append(
                Item(
                    instance.translation_key,
                    instance.pk,
                    instance.locale_id,
                    str(instance),
                    model,
                    False,
                )
            )
    return items


def compute_rows():
    """Every translatable object × every language other than its source's."""
    locales = list(Locale.objects.order_by("pk"))
    default_locale_id = Locale.get_default().pk if locales else None
    groups = defaultdict(dict)
    for item in _items():
        # Pages and snippets share no translation keys, but keep them apart anyway.
        groups[(item.is_page, item.key)][item.locale_id] = item

    sources = {}
    for source in TranslationSource.objects.values(
        "pk", "object_id", "locale_id", "last_updated_at"
    ).order_by("last_updated_at"):
        sources[source["object_id"]] = source  # the most recently synced source wins

    latest_events = TranslationEvent.objects.filter(translation=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    translations = {
        (t["source_id"], t["target_locale_id"]): t
        for t in Translation.objects.filter(enabled=True)
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
    totals = dict(StringSegment.objects.values_list("source_id").annotate(n=Count("pk")).order_by())
    translated = {
        (row["source_id"], row["locale"]): row
        for row in StringSegment.objects.filter(
            string__translations__context_id=F("context_id"),
            string__translations__has_error=False,
        )
        .values("source_id", locale=F("string__translations__locale_id"))
        .annotate(n=Count("pk"), last=Max("string__translations__updated_at"))
        .order_by()
    }

    sections = {}  # path of a section (child of a language's home) → its translation key
    for versions in groups.values():
        for item in versions.values():
            if item.is_page and len(item.path) == 12:
                sections[item.path] = str(item.key)

    rows = []
    for (is_page, key), versions in groups.items():
        source_data = sources.get(key)
        if source_data and source_data["locale_id"] in versions:
            source_item = versions[source_data["locale_id"]]
        else:
            source_data = None
            originals = [v for v in versions.values() if v.alias_of_id is None] or list(
                versions.values()
            )
            source_item = versions.get(default_locale_id) or min(originals, key=lambda v: v.pk)
        section_key = ""
        if is_page and len(source_item.path) >= 12:
            section_key = sections.get(source_item.path[:12], "")
        for locale in locales:
            if locale.pk == source_item.locale_id:
                continue
            row = Row(source_item, locale, State.MISSING, section_key=section_key)
            target = versions.get(locale.pk)
            row.target = target
            row.source_id = source_data["pk"] if source_data else None
            translation = translations.get((source_data["pk"], locale.pk)) if source_data else None
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
            if target is None:
                row.state = State.MISSING
            elif target.alias_of_id is not None:
                row.state = State.ALIAS
            elif translation is None:
                # Translated by hand, outside wagtail-localize: compare publication dates.
                behind = (
                    source_item.last_published_at
                    and target.last_published_at
                    and source_item.last_published_at > target.last_published_at
                )
                row.state = State.OUT_OF_DATE if behind else State.UP_TO_DATE
            else:
                row.state = _translation_state(
                    row,
                    source_item,
                    target,
                    source_data,
                    translation,
                    totals.get(source_data["pk"], 0),
                    translated.get((source_data["pk"], locale.pk)),
                )
            rows.append(row)
    return rows


def _translation_state(row, source_item, target, source_data, translation, total, done):
    done_count = done["n"] if done else 0
    row.percent = 100 if total == 0 else min(100, done_count * 100 // total)
    synced_at = source_data["last_updated_at"]
    if source_item.last_published_at and source_item.last_published_at > synced_at:
        return State.OUT_OF_DATE
    last_action_at = translation["last_action_at"]
    if (
        translation["last_action"] == TranslationEvent.Action.READY
        and last_action_at
        and last_action_at >= synced_at
    ):
        return State.READY
    if done_count < total:
        return State.IN_PROGRESS
    if target.is_page:
        last_string = done["last"] if done else None
        unpublished_strings = last_string and (
            not target.last_published_at or last_string > target.last_published_at
        )
        if not target.live or unpublished_strings:
            return State.IN_PROGRESS
    return State.UP_TO_DATE


def section_choices(rows):
    """(translation key, title) of the site's sections: children of a language's home page."""
    from django.utils.translation import get_language

    seen = {}
    by_key = defaultdict(dict)
    for row in rows:
        for item in (row.source, row.target):
            if item and item.is_page and len(item.path) == 12:
                by_key[str(item.key)][item.locale_id] = item.title
    language = get_language()
    current = Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()
    for key, titles in by_key.items():
        seen[key] = titles.get(current) or next(iter(titles.values()))
    return sorted(seen.items(), key=lambda pair: pair[1].lower())
