""" "Did you mean …?": the words of the indexed pages, per language, and the closest ones to a
word typed that the site does not have.

The search backend remembers the words of the live, public pages of each language as it
indexes them (`remember_words`: not a draft, an alias, a copy waiting for its translation or a
page behind a password or a login); `update_index` starts the vocabulary afresh, so words of
pages since changed, unpublished or deleted are forgotten then. Until then they stay, so a
suggestion is offered only when searching it finds public pages (search.views checks). Arabic
words are offered bare, without the article and the conjunction written onto them.
Distance is Levenshtein's (rapidfuzz), on words compared
without accents and with Arabic letters written one way, so "developement" suggests
"développement" and "مدينه" is not a typo of "مدينة".
"""

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne
from wagtail.models import Page

from search import analysis

MIN_LENGTH = 4  # shorter words are seldom mistyped into another and make poor suggestions
MAX_LENGTH = 40


def _max_distance(length):
    return 1 if length < 8 else 2


def vocabulary(language, text):
    """{word as written (lower case): key} for the words of a text worth suggesting."""
    found = {}
    for word in analysis.WORD.findall(text.casefold()):
        if language == "ar":
            word = analysis.without_arabic_article(word)
        if word.isdigit() or not MIN_LENGTH <= len(word) <= MAX_LENGTH:
            continue
        key = analysis.fold(analysis.normalise(language, word))
        if key not in analysis.stop_words(language) and len(key) <= MAX_LENGTH:
            found[word] = key
    return found


def _public_live_pages(pages):
    """The pks of those pages a visitor may read: live, no alias (its text is another
    language's until translated) and not behind a view restriction. One query."""
    from wagtail.models import PageViewRestriction

    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    return {
        page.pk
        for page in pages
        if page.live
        and not page.alias_of_id
        and not any(page.path.startswith(path) for path in restricted)
    }


def remember_words(model, objs, texts):
    """Store the words of the public live pages just indexed: `objs` and, in their order,
    [(language, text)]. Two queries per batch."""
    from search.models import SearchWord

    if not issubclass(model, Page):
        return
    public = _public_live_pages(objs)
    rows = {}
    for obj, (language, text) in zip(objs, texts, strict=True):
        if language == analysis.SIMPLE or obj.pk not in public:
            continue
        for word, key in vocabulary(language, text).items():
            rows[(language, word)] = SearchWord(
                language=language, word=word, key=key, length=len(key)
            )
    if rows:
        SearchWord.objects.bulk_create(rows.values(), ignore_conflicts=True, batch_size=500)


def forget_words():
    """Empty the vocabulary (update_index fills it again from the pages it indexes)."""
    from search.models import SearchWord

    SearchWord.objects.all().delete()


def _key(language, word):
    return analysis.fold(analysis.normalise(language, word))


def suggestion(language, query):
    """The query with each word the site lacks replaced by the site's closest word in that
    language, or None when nothing would change. One query for all the words."""
    from search.models import SearchWord

    typed = analysis.WORD.findall(query.casefold())
    keys = [_key(language, word) for word in typed]
    lengths = set()
    for key in keys:
        if MIN_LENGTH <= len(key) <= MAX_LENGTH:
            reach = _max_distance(len(key))
            lengths.update(range(len(key) - reach, len(key) + reach + 1))
    if not lengths:
        return None
    candidates = {}  # length → {word: key}
    rows = SearchWord.objects.filter(language=language, length__in=sorted(lengths))
    for word, key, length in rows.order_by("word").values_list("word", "key", "length"):
        candidates.setdefault(length, {})[word] = key
    known = {key for by_word in candidates.values() for key in by_word.values()}

    replaced = []
    for word, key in zip(typed, keys, strict=True):
        best = None
        if MIN_LENGTH <= len(key) <= MAX_LENGTH and key not in known:
            reach = _max_distance(len(key))
            near = {}
            for length in range(len(key) - reach, len(key) + reach + 1):
                near.update(candidates.get(length, {}))
            match = extractOne(key, near, scorer=Levenshtein.distance, score_cutoff=reach)
            best = match[2] if match else None
        replaced.append(best or word)
    return " ".join(replaced) if replaced != typed else None
