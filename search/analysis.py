"""How a language's text becomes search terms: the same rules for the pages indexed and for
the words a visitor types.

PostgreSQL does the stemming and stop words itself, with its own text-search configurations
(`site_english`, `site_french`, `site_spanish`, `site_arabic`: its Snowball stemmers, its stop
words, and `unaccent` for English, French and Spanish), created by `core` migration 0007.
SQLite has none of that: `terms()` applies the same Snowball algorithms (the `snowballstemmer`
package) and the same stop-word lists (`search/data/*.stop`, PostgreSQL's copies of the
Snowball lists) in Python.

What Snowball does not do, both databases get from Python:
- Arabic normalisation (alef forms, taa marbuta, alef maqsura, tashkeel, tatweel) and the
  light stemming of the article with its prefixes (وال، بال، كال، فال، لل…), applied to the text
  before either database sees it;
- query expansion with the regular plural or singular of each word typed (`variants()`):
  Snowball's Spanish stems "ciudad" and "ciudades" differently, so a query for either looks for
  both.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

import snowballstemmer

# Language code → Snowball algorithm, and the PostgreSQL configuration built on it.
ALGORITHMS = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}
SIMPLE = "simple"  # models without a language (images, documents): accents folded, no stemming
PG_CONFIGS = {code: f"site_{name}" for code, name in ALGORITHMS.items()} | {SIMPLE: "site_simple"}

WORD = re.compile(r"\w+", re.UNICODE)
STOP_WORDS_DIR = Path(__file__).parent / "data"

# Arabic: diacritics (tashkeel, superscript alef) and tatweel are dropped; letter variants are
# written one way.
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
# Persian keyboards type their yeh and kaf (ی ک) for the Arabic ones (ي ك).
ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك"}
)
# The article with the conjunctions and prepositions written onto it, longest first.
ARABIC_ARTICLES = (
    "وبال",
    "وكال",
    "فبال",
    "فكال",
    "وال",
    "فال",
    "بال",
    "كال",
    "ولل",
    "فلل",
    "لل",
    "ال",
)
ARABIC_MIN_STEM = 3  # "الي" (إلى) keeps its letters: what is left must be a word


def language_of(code):
    """The analysis used for a language code ("fr", "fr-ca"…): its own, else SIMPLE."""
    code = (code or "").split("-")[0].lower()
    return code if code in ALGORITHMS else SIMPLE


def without_arabic_article(word):
    """An Arabic word without its article and the conjunction or preposition written onto
    it ("والديمقراطية" → "ديمقراطية"), when three letters remain; the word itself otherwise."""
    for article in ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= ARABIC_MIN_STEM:
            return word[len(article) :]
    return word


def normalise(language, text):
    """What both databases index and query: for Arabic, letters written one way and the article
    taken off; other languages unchanged (PostgreSQL folds their accents with `unaccent`)."""
    if language != "ar" or not text:
        return text
    text = ARABIC_MARKS.sub("", text).translate(ARABIC_LETTERS)
    return WORD.sub(lambda match: without_arabic_article(match.group()), text)


# Letters that Unicode does not decompose but that people type either way: "coeur" for
# "cœur" (PostgreSQL's `unaccent` rules write them the same way).
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def fold(text):
    """Lower case without accents or ligatures: "Développement" → "developpement",
    "Cœur" → "coeur"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _stemmer(language):
    return snowballstemmer.stemmer(ALGORITHMS[language]) if language in ALGORITHMS else None


@cache
def stop_words(language):
    """The language's stop words, written as the words they are compared with: PostgreSQL's
    copy of the Snowball list (`<language>.stop`) and the words it lacks (`<language>.more.stop`,
    left out of queries on both databases: French "les"; Arabic, which has no Snowball list)."""
    name = ALGORITHMS.get(language)
    if name is None:
        return frozenset()
    found = set()
    for path in (STOP_WORDS_DIR / f"{name}.stop", STOP_WORDS_DIR / f"{name}.more.stop"):
        if path.exists():
            lines = path.read_text("utf-8").splitlines()
            found.update(
                fold(normalise(language, line.strip()))
                for line in lines
                if line.strip() and not line.startswith("#")
            )
    return frozenset(found)


def words(language, text):
    """The words of a text as compared: normalised, folded, in order."""
    return WORD.findall(fold(normalise(language, text)))


def stem(language, word):
    """One folded word's term, or None for a stop word."""
    if word in stop_words(language):
        return None
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def terms(language, text):
    """The terms SQLite indexes for a text (PostgreSQL computes its own, the same way)."""
    return [term for term in (stem(language, word) for word in words(language, text)) if term]


def variants(language, word):
    """The word typed and its regular plural or singular, for languages whose stemmer does not
    always bring them together (folded words; the word itself first)."""
    forms = [word]
    if language == "es":
        if word.endswith("ces"):
            forms.append(word[:-3] + "z")  # luces → luz
        elif word.endswith("es") and len(word) > 4:
            forms.append(word[:-2])  # ciudades → ciudad
        elif word.endswith("s"):
            forms.append(word[:-1])
        elif word.endswith("z"):
            forms.append(word[:-1] + "ces")
        elif word[-1] in "aeiou":
            forms.append(word + "s")
        else:
            forms.append(word + "es")
    elif language == "fr":
        if word.endswith(("s", "x")) and len(word) > 3:
            forms.append(word[:-1])
        else:
            forms.append(word + "s")
    return list(dict.fromkeys(forms))


def query_groups(language, query):
    """The query as groups of alternatives: each word typed (stop words left out) with its
    variants. [["ciudad", "ciudades"], ["vivienda", "viviendas"]]."""
    groups = []
    for word in words(language, phrases_and_words(query)[1]):
        if word in stop_words(language):
            continue
        groups.append(variants(language, word))
    return groups


PHRASE = re.compile(r'"([^"]*)"')


def phrases_and_words(query):
    """The quoted phrases of a query, and the rest of it: ('"human rights" cities') →
    (["human rights"], " cities"). A quote left open is not a phrase."""
    phrases = [phrase for phrase in PHRASE.findall(query) if WORD.search(phrase)]
    return phrases, PHRASE.sub(" ", query).replace('"', " ")


def query_terms(language, query):
    """The query as SQLite looks it up: groups of terms, one group per word typed."""
    groups = []
    for group in query_groups(language, query):
        stems = [stem(language, form) for form in group]
        groups.append(list(dict.fromkeys(s for s in stems if s)))
    return [group for group in groups if group]
