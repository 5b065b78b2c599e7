"""Which city page a name typed by someone (a signer, an editor) means.

A name is compared with every city's title in every language, once both are normalised
(`normalised_city_name`: case, accents, punctuation, Arabic letter variants and the
institutional prefixes signers add, "Ville de", "Municipality of", "بلدية"…), within the
country given. A name equal to one of a city's names is a match; otherwise the closest name
of the country, if close enough (`difflib`'s ratio). `CityMatcher` reads every city page in
one query and answers any number of names from memory.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils import translation
from django.utils.functional import cached_property

from cities.models import CityPage
from search.analysis import ARABIC_LETTERS, ARABIC_MARKS

# How close (difflib's ratio, 0 to 1) a name must be to a city's name when none is equal.
CLOSE_ENOUGH = 0.85

# What institutions put before or after their city's name, normalised (see below), in the
# site's four languages. The longest are tried first.
PREFIXES = (
    # English
    "metropolitan municipality of",
    "municipal council of",
    "city council of",
    "municipality of",
    "city hall of",
    "town of",
    "city of",
    "the city of",
    "mayor of",
    # French
    "communaute urbaine de",
    "conseil municipal de",
    "commune urbaine de",
    "hotel de ville de",
    "municipalite de",
    "metropole de",
    "commune de",
    "commune d",
    "mairie de",
    "mairie d",
    "ville de",
    "ville d",
    "la ville de",
    "la ville d",
    # Spanish
    "gobierno autonomo municipal de",
    "intendencia de",
    "municipalidad de",
    "ayuntamiento de",
    "alcaldia de",
    "municipio de",
    "ciudad de",
    # Arabic (letters unified as below)
    "المجلس البلدي ل",
    "الجماعه الحضريه ل",
    "مجلس مدينه",
    "جماعه",
    "بلديه",
    "مدينه",
)
SUFFIXES = (
    "metropolitan municipality",
    "municipal council",
    "city council",
    "municipality",
    "city hall",
)


def _alternatives(phrases):
    """A regular expression matching any of `phrases`, the longest first."""
    return "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))


_PREFIX = re.compile(rf"^(?:{_alternatives(PREFIXES)})\s+")
_SUFFIX = re.compile(rf"\s+(?:{_alternatives(SUFFIXES)})$")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_JOINED_LAM = re.compile(r"^(المجلس البلدي|الجماعه الحضريه) ل(?=\S)")


def normalised_city_name(text):
    """A name as it is compared: "Ville de Tanger (Maroc)" → "tanger", "Municipality of
    Sant-Boi" → "sant boi", "بلدية طنجة" → "طنجه". Empty when nothing is left."""
    if not text:
        return ""
    text = _BRACKETS.sub(" ", str(text))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Arabic: diacritics and tatweel dropped, letter variants (alef, ta marbuta…) unified.
    text = ARABIC_MARKS.sub("", text).translate(ARABIC_LETTERS)
    # Apostrophes, hyphens and any punctuation separate words: "d'Oran" → "d oran".
    text = " ".join(_NOT_WORD.sub(" ", text).split())
    # An Arabic prefix may be joined to the name by "ل" ("المجلس البلدي لطنجة").
    text = _JOINED_LAM.sub(r"\1 ل ", text)
    name = text
    for _ in range(3):  # "Mairie de la ville de…": a prefix may follow another
        shorter = _PREFIX.sub("", name)
        if shorter == name:
            break
        name = shorter
    return _SUFFIX.sub("", name) or text


@dataclass
class CitySuggestion:
    """The city page a name means: its translation key, its source-language version (`page_id`,
    `title`), its title in each language, and how sure (`score` 1.0 when a name is equal)."""

    translation_key: object
    page_id: int
    title: str
    score: float
    titles: dict = field(default_factory=dict)
    page_ids: dict = field(default_factory=dict)

    @property
    def exact(self):
        return self.score >= 1.0

    def title_in(self, language=None):
        """The city's name in `language` (the active one by default), else the source's."""
        language = language or translation.get_language()
        return self.titles.get(language) or self.title

    def page_id_in(self, language):
        """The city's page in `language`, else its source-language page."""
        return self.page_ids.get(language) or self.page_id


@dataclass
class _City:
    key: object
    country: str
    page_id: int = 0  # the oldest version: the source language's
    title: str = ""
    titles: dict = field(default_factory=dict)
    page_ids: dict = field(default_factory=dict)


class CityMatcher:
    """Every city page, read once (one query, on the first question), and the names they go
    by; `suggest(name, country_code)` answers from memory. Build one per request or per
    command run, not one per object."""

    def __init__(self, queryset=None):
        self._queryset = queryset
        self._answers = {}

    @cached_property
    def _cities(self):
        queryset = self._queryset if self._queryset is not None else CityPage.objects.all()
        rows = (
            queryset.filter(alias_of__isnull=True)
            .order_by("pk")
            .values_list("pk", "title", "country", "translation_key", "locale__language_code")
        )
        cities = {}
        for pk, title, country, key, language in rows:
            city = cities.get(key)
            if city is None:
                city = cities[key] = _City(key, country or "", pk, title)
            city.titles.setdefault(language, title)
            city.page_ids.setdefault(language, pk)
        return cities

    @cached_property
    def _names(self):
        """{(country, normalised name): {translation keys}} and {country: [names]}."""
        by_name, by_country = {}, {}
        for city in self._cities.values():
            for title in city.titles.values():
                name = normalised_city_name(title)
                if not name:
                    continue
                keys = by_name.setdefault((city.country, name), set())
                if not keys:
                    by_country.setdefault(city.country, []).append(name)
                keys.add(city.key)
        return by_name, by_country

    def __len__(self):
        return len(self._cities)

    def suggest(self, name, country_code=None):
        """The `CitySuggestion` for `name` (as typed) in the country `country_code` (ISO
        alpha-2; any country when empty, then only a name that one city alone goes by), or
        None: no city's name is equal or close enough, or two cities are as close."""
        country = str(country_code or "").upper()
        wanted = normalised_city_name(name)
        if not wanted:
            return None
        if (wanted, country) not in self._answers:
            self._answers[wanted, country] = self._find(wanted, country)
        return self._answers[wanted, country]

    def _find(self, wanted, country):
        by_name, by_country = self._names
        countries = [country] if country else list(by_country)
        keys = set()
        for code in countries:
            keys |= by_name.get((code, wanted), set())
        if keys:
            return self._suggestion(keys, 1.0)
        best, best_keys = CLOSE_ENOUGH, set()
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(wanted)
        for code in countries:
            for candidate in by_country.get(code, ()):
                matcher.set_seq1(candidate)
                if matcher.real_quick_ratio() < best or matcher.quick_ratio() < best:
                    continue
                ratio = matcher.ratio()
                if ratio > best or (ratio == best and not best_keys):
                    best, best_keys = ratio, set(by_name[code, candidate])
                elif ratio == best:
                    best_keys |= by_name[code, candidate]
        return self._suggestion(best_keys, round(best, 3)) if best_keys else None

    def _suggestion(self, keys, score):
        if len(keys) != 1:  # two cities go by that name: a moderator chooses
            return None
        city = self._cities[next(iter(keys))]
        return CitySuggestion(
            translation_key=city.key,
            page_id=city.page_id,
            title=city.title,
            score=score,
            titles=dict(city.titles),
            page_ids=dict(city.page_ids),
        )
