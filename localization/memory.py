"""Translation memory: every published translation of a string feeds it (MemoryEntry), and
the translation editor shows, for each untranslated string, what the memory holds for it in
the target language.

- exact matches: the same source text (wagtail-localize's `String.data_hash`) translated
  elsewhere, grouped by translation with how many times each was used;
- close matches: a similar source text (rapidfuzz's `fuzz.ratio`, at least MIN_SCORE);
- the previous version at the same place: after a sync, a changed string's last published
  source and translation, with the difference of the sources.

`fill_from_memory` gives each untranslated string with an exact match its most used
translation, marked "Translated with Translation memory" in the editor (wagtail-localize's
`tool_name`) until someone edits it; the review page lists those strings.

A lookup costs a fixed number of SQL queries whatever the number of strings: the segments,
the exact matches, the close matches' candidates (the pair's source texts, kept in the
process while the pair's entries are unchanged: one query to check), the close matches and
the previous versions.
"""

import bisect
import difflib
import re
import threading
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import BooleanField, Case, Count, Max, OuterRef, Subquery, When
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from rapidfuzz import fuzz, process, utils
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.models import StringSegment, StringTranslation

from localization.models import MemoryEntry
from localization.workflow import translation_into

# wagtail-localize shows "Translated with Translation memory on <date>" for these strings.
TOOL_NAME = "Translation memory"
MIN_SCORE = 70  # close matches: rapidfuzz's fuzz.ratio (0–100) on lowercased words
CLOSE_MATCHES = 3
# Entries read per similar source text (the newest): a sentence translated in many places
# need not be read in each to suggest its translations.
ENTRIES_PER_TEXT = 2
# Not remembered: a slug is a page's address, unique under its parent, never a sentence.
SKIPPED_PATHS = {"slug"}


@dataclass
class Match:
    """One translation the memory suggests for a string."""

    entry_id: int
    text: str  # in the target language
    source_text: str  # what it translated
    score: int  # 100 for an exact match
    uses: int  # how many places published this translation of this source text
    origin_label: str
    origin_url: str
    exact: bool


@dataclass
class Previous:
    """What the same place held when last published, before its source changed."""

    entry_id: int
    source_text: str
    text: str
    score: int
    diff: str  # HTML: the old source and the new, word by word, with <del> and <ins>
    origin_label: str
    origin_url: str
    also_close: bool = False  # its translation is among the close matches (with a button)


@dataclass
class StringSuggestions:
    """What the memory suggests for one untranslated string of a translation."""

    segment_id: int
    path: str
    field: str
    source_text: str
    exact: list = field(default_factory=list)
    close: list = field(default_factory=list)
    previous: Previous | None = None


# --- Feeding the memory ---------------------------------------------------------------


def record_published(instance):
    """Remember the strings of `instance` (a page or snippet just published) when it is a
    wagtail-localize translation: each current string with its translation. Returns the
    number of strings remembered."""
    if not isinstance(instance, TranslatableMixin) or instance.pk is None:
        return 0
    translation = translation_into(instance)
    if translation is None:
        return 0
    return record_translation(translation, instance)


def record_translation(translation, instance, published_at=None):
    """Remember the translated strings of `translation`, whose target is `instance`, as
    published at `published_at` (now by default). Safe to run again: one entry per place,
    language and source text."""
    source = translation.source
    segments = (
        StringSegment.objects.filter(source=source)
        .annotate_translation(translation.target_locale_id)
        .filter(translation__isnull=False)
        .select_related("string", "context")
        .order_by("order")
    )
    is_page = isinstance(instance, Page)
    label = (instance.title if is_page else str(instance))[:255]
    when = published_at or timezone.now()
    entries = {}
    for segment in segments:
        path = segment.context.path
        if path in SKIPPED_PATHS or not segment.translation.strip():
            continue
        key = (path, segment.string.data_hash)
        entries[key] = MemoryEntry(
            source_locale_id=source.locale_id,
            target_locale_id=translation.target_locale_id,
            source_text=segment.string.data,
            source_hash=segment.string.data_hash,
            target_text=segment.translation,
            origin_key=source.object_id,
            origin_label=label,
            origin_page_id=instance.pk if is_page else None,
            context_path=path,
            updated_at=when,
        )
    if entries:
        MemoryEntry.objects.bulk_create(
            entries.values(),
            update_conflicts=True,
            unique_fields=["origin_key", "context_path", "target_locale", "source_hash"],
            update_fields=["target_text", "origin_label", "origin_page", "updated_at"],
        )
    return len(entries)


# --- Looking it up ----------------------------------------------------------------------

# What a suggestion shows of an entry, read as named tuples (hundreds at a time), without
# its UUIDs (slow to convert): the same source text is the same hash, and `here` says
# whether it comes from the translation's own page or snippet.
ENTRY_FIELDS = (
    "pk",
    "source_text",
    "target_text",
    "origin_label",
    "origin_page_id",
    "context_path",
    "updated_at",
    "here",
)


def _entries(source, **filters):
    return (
        MemoryEntry.objects.filter(**filters)
        .annotate(
            here=Case(
                When(origin_key=source.object_id, then=True),
                default=False,
                output_field=BooleanField(),
            ),
        )
        .order_by("-updated_at", "-pk")
        .values_list(*ENTRY_FIELDS, named=True)
    )


def _field_label(model, path):
    name = path.split(".", 1)[0]
    try:
        label = str(model._meta.get_field(name).verbose_name) if model else name
    except FieldDoesNotExist:
        label = name
    return label[:1].upper() + label[1:]


_SENTINEL = 987654321987
_url_templates = {}  # {script prefix: (page editor's address, memory_origin's)}


def origin_url(entry):
    """Where a translator opens the place an entry comes from (its editor): reversed once
    per process (a lookup shows hundreds)."""
    prefix = get_script_prefix()
    templates = _url_templates.get(prefix)
    if templates is None:
        templates = _url_templates[prefix] = tuple(
            reverse(name, args=[_SENTINEL]).replace(str(_SENTINEL), "{}")
            for name in ("wagtailadmin_pages:edit", "localization:memory_origin")
        )
    if entry.origin_page_id:
        return templates[0].format(entry.origin_page_id)
    return templates[1].format(entry.pk)


def _segments(translation):
    """Every string segment of the translation's source, in the form's order, with
    `translated` (whether it has a translation in the target language, even one with an
    error: those are the translator's to correct)."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        locale_id=translation.target_locale_id,
        context_id=OuterRef("context_id"),
    ).values("pk")[:1]
    return list(
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate(translated=Subquery(translated))
        .select_related("string", "context")
        .order_by("order")
    )


def _exact_matches(source, target_locale_id, untranslated):
    """{segment id: [Match]} from the entries with the same source text (one query)."""
    hashes = {segment.string.data_hash for segment in untranslated}
    if not hashes:
        return {}
    by_text = {}
    for entry in _entries(
        source,
        source_locale_id=source.locale_id,
        target_locale_id=target_locale_id,
        source_hash__in=hashes,
    ):
        by_text.setdefault(entry.source_text, []).append(entry)
    matches = {}
    for segment in untranslated:
        entries = by_text.get(segment.string.data)
        if not entries:
            continue
        # Other places first: the same place's own entry is this string's last translation.
        entries = sorted(
            entries,
            key=lambda entry: entry.here and entry.context_path == segment.context.path,
        )
        matches[segment.pk] = _grouped(entries, lambda entry: 100, exact=True)
    return matches


def _grouped(entries, score, exact, limit=None):
    """[Match] of `entries` (best first), one per translation, counting its uses."""
    groups = {}
    for entry in entries:
        if entry.target_text not in groups:
            groups[entry.target_text] = [entry, 0, score(entry)]
        group = groups[entry.target_text]
        group[1] += 1
        group[2] = max(group[2], score(entry))
    ordered = sorted(
        groups.values(), key=lambda group: (-group[2], -group[1])
    )  # stable: the entries' order within equals
    return [
        Match(
            entry_id=entry.pk,
            text=entry.target_text,
            source_text=entry.source_text,
            score=int(best),
            uses=uses,
            origin_label=entry.origin_label,
            origin_url=origin_url(entry),
            exact=exact,
        )
        for entry, uses, best in ordered[:limit]
    ]


class _Candidates:
    """The source texts of a language pair's entries, for close matches: {processed text:
    [entry id, newest first]}, the texts ordered by length (a text too much shorter or longer
    than the string cannot reach MIN_SCORE, and is not compared), and what each string
    searched found (kept while the pair's entries are unchanged: reloading the editor, or
    another language's translators, search no more)."""

    MAX_REMEMBERED = 20_000

    def __init__(self, rows):
        self.ids = {}
        for pk, text in rows:
            self.ids.setdefault(utils.default_process(text), []).append(pk)
        self.ids.pop("", None)
        self.texts = sorted(self.ids, key=len)
        self.lengths = [len(text) for text in self.texts]
        self.found = {}

    def search(self, query):
        """[(text, score)] of the candidates most similar to `query` (processed), best first:
        one more than shown, as the string's own text may be among them."""
        if query in self.found:
            return self.found[query]
        # fuzz.ratio = 100 × (1 − distance / (a + b)), and the distance is at least |a − b|.
        share = MIN_SCORE / 100
        shortest = int(len(query) * share / (2 - share))
        longest = int(len(query) * (2 - share) / share) + 1
        window = self.texts[
            bisect.bisect_left(self.lengths, shortest) : bisect.bisect_right(self.lengths, longest)
        ]
        found = [
            (text, score)
            for text, score, _index in process.extract(
                query,
                window,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=MIN_SCORE,
                limit=CLOSE_MATCHES + 1,
            )
        ]
        if len(self.found) >= self.MAX_REMEMBERED:
            self.found.clear()
        self.found[query] = found
        return found


_candidates = {}  # {(source locale id, target locale id): (stamp, _Candidates)}
_candidates_lock = threading.Lock()


def _candidates_for(source_locale_id, target_locale_id):
    """The pair's candidates, read again only when its entries changed (their number, the
    latest change or the highest id): one query when they did not."""
    pair = MemoryEntry.objects.filter(
        source_locale_id=source_locale_id, target_locale_id=target_locale_id
    )
    stamp = tuple(pair.aggregate(Count("pk"), Max("updated_at"), Max("pk")).values())
    key = (source_locale_id, target_locale_id)
    with _candidates_lock:
        cached = _candidates.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    candidates = _Candidates(pair.order_by("-pk").values_list("pk", "source_text"))
    with _candidates_lock:
        _candidates[key] = (stamp, candidates)
    return candidates


def _close_matches(source, target_locale_id, untranslated):
    """{segment id: [Match]} of similar source texts (two queries: the candidates' check,
    the entries found; one more when the pair's entries changed since this process last
    read them)."""
    if not untranslated:
        return {}
    candidates = _candidates_for(source.locale_id, target_locale_id)
    if not candidates.texts:
        return {}
    scores = {}  # {segment id: {entry id: score}}
    for segment in untranslated:
        query = utils.default_process(segment.string.data)
        if not query:
            continue
        scores[segment.pk] = {
            pk: score
            for text, score in candidates.search(query)
            for pk in candidates.ids[text][:ENTRIES_PER_TEXT]
        }
    ids = {pk for by_entry in scores.values() for pk in by_entry}
    if not ids:
        return {}
    # One query (in_bulk would split a long list on SQLite): at most 8 ids a string.
    entries = {entry.pk: entry for entry in _entries(source, pk__in=ids)}
    matches = {}
    for segment in untranslated:
        by_entry = scores.get(segment.pk, {})
        found = [
            entries[pk]
            for pk in by_entry
            if pk in entries and entries[pk].source_text != segment.string.data
        ]
        found.sort(key=lambda entry: entry.updated_at, reverse=True)  # newest first on ties
        if found:
            matches[segment.pk] = _grouped(
                found, lambda entry, s=by_entry: s[entry.pk], exact=False, limit=CLOSE_MATCHES
            )
    return matches


def _previous_versions(source, target_locale_id, segments, untranslated):
    """{segment id: Previous}: what each untranslated string's place held when the
    translation was last published with another source text (one query)."""
    paths = {segment.context.path for segment in untranslated}
    if not paths:
        return {}
    current = {}  # {path: the texts of its strings now}
    for segment in segments:
        current.setdefault(segment.context.path, set()).add(segment.string.data)
    at_path = {}
    for entry in _entries(
        source,
        origin_key=source.object_id,
        target_locale_id=target_locale_id,
        context_path__in=paths,
    ):
        if entry.source_text not in current[entry.context_path]:
            at_path.setdefault(entry.context_path, []).append(entry)
    previous = {}
    for segment in untranslated:
        entries = at_path.get(segment.context.path)
        if not entries:
            continue
        new = segment.string.data
        # A place may hold several strings (the sentences of a paragraph): the most similar.
        scored = [(fuzz.ratio(entry.source_text, new), entry) for entry in entries]
        score, entry = max(scored, key=lambda pair: pair[0])
        previous[segment.pk] = Previous(
            entry_id=entry.pk,
            source_text=entry.source_text,
            text=entry.target_text,
            score=int(score),
            diff=diff_html(entry.source_text, new),
            origin_label=entry.origin_label,
            origin_url=origin_url(entry),
        )
    return previous


def suggestions_for(translation):
    """[StringSuggestions] of the translation's untranslated strings that the memory has
    something for (exact or close matches, or a previous version), in the form's order."""
    source = translation.source
    segments = _segments(translation)
    untranslated = [
        segment
        for segment in segments
        if segment.translated is None and segment.context.path not in SKIPPED_PATHS
    ]
    if not untranslated:
        return []
    target_locale_id = translation.target_locale_id
    exact = _exact_matches(source, target_locale_id, untranslated)
    close = _close_matches(source, target_locale_id, untranslated)
    previous = _previous_versions(source, target_locale_id, segments, untranslated)
    model = ContentType.objects.get_for_id(source.specific_content_type_id).model_class()
    found = []
    for segment in untranslated:
        if segment.pk not in exact and segment.pk not in close and segment.pk not in previous:
            continue
        if segment.pk in previous:
            previous[segment.pk].also_close = any(
                match.text == previous[segment.pk].text for match in close.get(segment.pk, [])
            )
        found.append(
            StringSuggestions(
                segment_id=segment.pk,
                path=segment.context.path,
                field=_field_label(model, segment.context.path),
                source_text=segment.string.data,
                exact=exact.get(segment.pk, []),
                close=close.get(segment.pk, []),
                previous=previous.get(segment.pk),
            )
        )
    return found


def exact_translations(translation):
    """{(place, source text): the most used translation} of the untranslated strings that
    have an exact match: what the bulk PO export pre-fills, as fuzzy entries. Three
    queries."""
    untranslated = [
        segment
        for segment in _segments(translation)
        if segment.translated is None and segment.context.path not in SKIPPED_PATHS
    ]
    exact = _exact_matches(translation.source, translation.target_locale_id, untranslated)
    return {
        (segment.context.path, segment.string.data): exact[segment.pk][0].text
        for segment in untranslated
        if segment.pk in exact
    }


def exact_count(suggestions):
    """How many strings "Fill from memory" would fill."""
    return sum(1 for suggestion in suggestions if suggestion.exact)


# --- Using it ---------------------------------------------------------------------------


def fill_from_memory(translation, user):
    """Translate each untranslated string that has an exact match with its most used
    translation, marked as the memory's (wagtail-localize shows "Translated with
    Translation memory"). The target page or snippet is left as it is: it changes when
    its reviewer publishes. Returns the number of strings filled."""
    segments = _segments(translation)
    untranslated = [
        segment
        for segment in segments
        if segment.translated is None and segment.context.path not in SKIPPED_PATHS
    ]
    exact = _exact_matches(translation.source, translation.target_locale_id, untranslated)
    filled = 0
    with transaction.atomic():
        for segment in untranslated:
            matches = exact.get(segment.pk)
            if not matches:
                continue
            # One by one: wagtail-localize's post_save keeps a page's draft title in step.
            _string_translation, created = StringTranslation.objects.get_or_create(
                translation_of_id=segment.string_id,
                locale_id=translation.target_locale_id,
                context_id=segment.context_id,
                defaults=_memory_translation(matches[0].text, user),
            )
            filled += created
    return filled


def use_entry(translation, segment, entry, user):
    """Translate one string of `translation` with a memory entry's translation (the
    translator's choice in the editor), marked as the memory's until someone edits it."""
    StringTranslation.objects.update_or_create(
        translation_of_id=segment.string_id,
        locale_id=translation.target_locale_id,
        context_id=segment.context_id,
        defaults=_memory_translation(entry.target_text, user),
    )


def _memory_translation(text, user):
    return {
        "data": text,
        "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
        "tool_name": TOOL_NAME,
        "last_translated_by": user if user is not None and user.is_authenticated else None,
        "has_error": False,
        "field_error": "",
    }


def filled_from_memory(translation):
    """[(field, source text, translation)] of the strings filled from the memory and not
    edited since (a translator's edit clears wagtail-localize's tool name), in the form's
    order: what the reviewer checks."""
    memory = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        locale_id=translation.target_locale_id,
        context_id=OuterRef("context_id"),
        tool_name=TOOL_NAME,
    ).values("data")[:1]
    segments = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate(memory_text=Subquery(memory))
        .filter(memory_text__isnull=False)
        .select_related("string", "context")
        .order_by("order")
    )
    model = ContentType.objects.get_for_id(
        translation.source.specific_content_type_id
    ).model_class()
    return [
        (_field_label(model, segment.context.path), segment.string.data, segment.memory_text)
        for segment in segments
    ]


# --- The difference between two versions of a source text ------------------------------

_WORDS = re.compile(r"\w+|[^\w\s]|\s+")


def diff_html(old, new):
    """The words of `old` removed in `new` in <del>, those added in <ins>, the rest as it
    is; every piece of text escaped."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    parts = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(before[i1:i2]), "".join(after[j1:j2])
        if operation == "equal":
            parts.append(escape(removed))
            continue
        if removed:
            parts.append(f"<del>{escape(removed)}</del>")
        if added:
            parts.append(f"<ins>{escape(added)}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above
