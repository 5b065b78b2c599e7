"""The glossary as translators meet it: which of its terms a string uses, with their approved
translation, and which translated strings use a term but not its approved translation.

A term's entries are the versions of one `GlossaryTerm` (a translatable snippet, translated
through wagtail-localize): the source text's language gives the term looked for, the target
language's LIVE version its approved translation (a "do not translate" term: itself).

Matching is by whole words, without case or accents, light on plurals ("gouvernement
local" finds "gouvernements locaux", "welcoming cities" finds "a welcoming city") and, in
Arabic, on the article and the conjunctions and prepositions written onto a word
(search.analysis's normalisation, then و ف ب ل ك) and on plural and feminine
endings. An acronym also finds its misspelling by two swapped letters: the French source's
"ICPMD" is ICMPD.

`glossary_for(texts, source_locale, target_locale)` is the API the editor calls: two queries
per language pair, kept on the request when one is given.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale

from localization.models import GlossaryTerm, PartOfSpeech
from localization.workflow import current_strings
from search.analysis import fold, language_of, normalise

WORD = re.compile(r"\w+")
TAG = re.compile(r"<[^>]*>")
# One-letter conjunctions and prepositions written onto an Arabic word (after the article
# has been taken off by search.analysis.normalise), and their pairs.
ARABIC_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
ARABIC_MIN_WORD = 2
# Plural, dual and feminine endings (ة is written ه by the normalisation), with what must be
# left of the word: المهاجرون / المهاجرين, الحكومة / الحكومات.
ARABIC_SUFFIXES = (("ون", 3), ("ين", 3), ("ات", 3), ("ان", 4), ("ه", 3))
# A Latin word's plural or singular is looked for from this length on ("les" is not "le").
PLURAL_MIN_STEM = 3
# An acronym's swapped letters are looked for from this length on.
ACRONYM_MIN_LENGTH = 4


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found in a source string (or one entry of the glossary)."""

    source_term: str
    target_term: str  # the approved translation; "" while the target language has none
    part_of_speech: str  # its display name, in the active language
    note: str  # the target language's note, else the source's
    do_not_translate: bool
    slug: str = ""
    found: str = ""  # the words of the string that matched, as written there
    note_language: str = ""  # the language code of the note


class GlossaryViolation(NamedTuple):
    """A translated string whose source uses `term` without its approved translation."""

    source_text: str
    translated_text: str
    term: TermMatch


def plain_text(text):
    """The words of a string as a reader sees them: wagtail-localize's inline tags dropped,
    entities decoded, in composed Unicode."""
    return unicodedata.normalize("NFC", html.unescape(TAG.sub("", text or "")))


def _words(text, language):
    """[(folded word, word as written)] of `text` in `language` (a language code)."""
    text = plain_text(text)
    if language_of(language) == "ar":
        text = normalise("ar", text)
    return [(fold(match.group()), match.group()) for match in WORD.finditer(text)]


def _forms(word):
    """The forms a folded word is compared by: itself, and its singular (Latin script) or its
    stem without a conjunction or preposition (Arabic)."""
    forms = {word}
    if word.isascii():
        for ending, replacement in (("ies", "y"), ("aux", "al"), ("es", ""), ("s", ""), ("x", "")):
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= PLURAL_MIN_STEM:
                forms.add(stem + replacement)
    else:
        for proclitic in ARABIC_PROCLITICS:
            if word.startswith(proclitic) and len(word) - len(proclitic) >= ARABIC_MIN_WORD:
                forms.add(word[len(proclitic) :])
        for form in list(forms):
            for suffix, rest in ARABIC_SUFFIXES:
                if form.endswith(suffix) and len(form) - len(suffix) >= rest:
                    forms.add(form[: -len(suffix)])
    return forms


def _same_word(term_word, word):
    return word == term_word or not _forms(term_word).isdisjoint(_forms(word))


def _swapped(acronym, word):
    """Whether `word` is `acronym` with two neighbouring letters swapped (ICPMD, ICMPD)."""
    if len(word) != len(acronym) or word == acronym:
        return False
    differences = [i for i, (a, b) in enumerate(zip(acronym, word, strict=True)) if a != b]
    return (
        len(differences) == 2
        and differences[1] == differences[0] + 1
        and acronym[differences[0]] == word[differences[1]]
        and acronym[differences[1]] == word[differences[0]]
    )


def _is_acronym(written):
    return written.isupper() and len(written) >= ACRONYM_MIN_LENGTH


def contains(text, term, language):
    """Whether `text` (in `language`) uses `term`: its words in a row, as `Glossary` matches
    them (case, accents, plurals)."""
    term_words = [folded for folded, _written in _words(term, language)]
    if not term_words:
        return False
    words = [folded for folded, _written in _words(text, language)]
    size = len(term_words)
    return any(
        all(_same_word(t, w) for t, w in zip(term_words, words[i : i + size], strict=True))
        for i in range(len(words) - size + 1)
    )


@dataclass
class _Entry:
    match: TermMatch
    words: list  # folded words of the source term
    acronym: bool  # matched also with two letters swapped


class Glossary:
    """The glossary of one language pair: its live terms in the source language, each with
    its approved translation in the target language (two queries, made once)."""

    def __init__(self, source_locale, target_locale):
        self.source_locale = _locale(source_locale)
        self.target_locale = _locale(target_locale)
        self.source_language = self.source_locale.language_code
        self.target_language = self.target_locale.language_code
        fields = ["translation_key", "term", "slug", "part_of_speech", "note", "do_not_translate"]
        sources = list(
            GlossaryTerm.objects.filter(locale=self.source_locale, live=True)
            .order_by("pk")
            .values(*fields)
        )
        # In alphabetical order whatever the database's collation.
        sources.sort(key=lambda row: fold(row["term"]))
        targets = {
            row["translation_key"]: row
            for row in GlossaryTerm.objects.filter(
                locale=self.target_locale,
                live=True,
                translation_key__in=[row["translation_key"] for row in sources],
            ).values("translation_key", "term", "note")
        }
        labels = dict(PartOfSpeech.choices)
        self.entries = []
        self._by_word = {}
        for row in sources:
            target = targets.get(row["translation_key"])
            if row["do_not_translate"]:
                target_term = row["term"]
            else:
                target_term = target["term"] if target else ""
            if target and target["note"]:
                note, note_language = target["note"], self.target_language
            else:
                note, note_language = row["note"], self.source_language
            match = TermMatch(
                source_term=row["term"],
                target_term=target_term,
                part_of_speech=str(labels.get(row["part_of_speech"], row["part_of_speech"])),
                note=note,
                do_not_translate=row["do_not_translate"],
                slug=row["slug"],
                note_language=note_language if note else "",
            )
            words = _words(row["term"], self.source_language)
            if not words:
                continue
            entry = _Entry(
                match=match,
                words=[folded for folded, _written in words],
                acronym=len(words) == 1 and _is_acronym(words[0][1]),
            )
            self.entries.append(entry)
            for form in _forms(entry.words[0]):
                self._by_word.setdefault(form, []).append(entry)
        self._acronyms = [entry for entry in self.entries if entry.acronym]
        self._matches = {}

    @property
    def terms(self):
        """Every term of the pair (TermMatch), in the source language's order."""
        return [entry.match for entry in self.entries]

    def _candidates(self, folded, written):
        seen = []
        for form in _forms(folded):
            for entry in self._by_word.get(form, ()):
                if entry not in seen:
                    seen.append(entry)
        if _is_acronym(written):
            seen.extend(
                entry
                for entry in self._acronyms
                if entry not in seen and _swapped(entry.words[0], folded)
            )
        return seen

    def matches(self, text):
        """The terms `text` uses, in the order they come; a term inside a longer one found
        at the same place (the committee's name holds "human rights") is left out."""
        if text in self._matches:
            return self._matches[text]
        words = _words(text, self.source_language)
        spans = []
        for i, (folded, written) in enumerate(words):
            for entry in self._candidates(folded, written):
                size = len(entry.words)
                window = words[i : i + size]
                if len(window) < size:
                    continue
                if size == 1 and entry.acronym and _swapped(entry.words[0], folded):
                    pass  # the acronym misspelt
                elif not all(
                    _same_word(t, w) for t, (w, _) in zip(entry.words, window, strict=True)
                ):
                    continue
                found = " ".join(written for _folded, written in window)
                spans.append((i, i + size, entry, found))
        kept = [
            span
            for span in spans
            if not any(
                other[0] <= span[0]
                and span[1] <= other[1]
                and other[1] - other[0] > span[1] - span[0]
                for other in spans
            )
        ]
        result = []
        for _start, _end, entry, found in sorted(kept, key=lambda span: (span[0], -span[1])):
            match = replace(entry.match, found=found)
            if all(match.slug != other.slug for other in result):
                result.append(match)
        self._matches[text] = result
        return result


def _locale(value):
    if isinstance(value, Locale):
        return value
    if isinstance(value, int):
        return Locale.objects.get(pk=value)
    return Locale.objects.get(language_code=value)


def glossary(source_locale, target_locale, request=None):
    """The `Glossary` of a language pair (Locale, its id or its language code), kept on the
    request for its next use when one is given."""
    if request is None:
        return Glossary(source_locale, target_locale)
    cache = request.__dict__.setdefault("_glossaries", {})
    key = (_key(source_locale), _key(target_locale))
    if key not in cache:
        cache[key] = Glossary(source_locale, target_locale)
    return cache[key]


def _key(locale):
    return locale.pk if isinstance(locale, Locale) else locale


def glossary_for(texts, source_locale, target_locale, request=None):
    """{text: [TermMatch]} for each of `texts` (source strings in `source_locale`): the
    glossary terms each uses, with their approved translation into `target_locale`."""
    pair = glossary(source_locale, target_locale, request)
    return {text: pair.matches(text) for text in texts}


def terms_in(text, source_locale, target_locale, request=None):
    """[TermMatch] of the glossary terms `text` uses."""
    return glossary(source_locale, target_locale, request).matches(text)


def _glossary_content_type():
    return ContentType.objects.get_for_model(GlossaryTerm)


def violations(translation, strings=None, request=None):
    """[GlossaryViolation] of a wagtail-localize translation: each translated string whose
    source uses a term with an approved translation that the string does not use (a "do not
    translate" term: the term as it is); slugs are not checked, nor a glossary term's own
    translation. `strings`: `current_strings(translation)` when the caller has them."""
    if translation.source.specific_content_type_id == _glossary_content_type().pk:
        return []  # a term's own translation changes the approved one
    strings = current_strings(translation) if strings is None else strings
    pair = glossary(translation.source.locale_id, translation.target_locale_id, request)
    found = []
    for path, source_text, translated_text in strings:
        if not translated_text or path.rpartition(".")[2] == "slug":
            continue  # untranslated strings have their own warning; slugs are addresses
        for match in pair.matches(source_text):
            if not match.target_term:
                continue
            if contains(translated_text, match.target_term, pair.target_language):
                continue
            violation = GlossaryViolation(source_text, translated_text, match)
            if violation not in found:
                found.append(violation)
    return found
