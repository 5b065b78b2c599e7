"""Search in each language's own rules, on the database the suite runs on (SQLite, and
PostgreSQL in CI's second pass): word forms, accents, Arabic spelling variants, titles first,
"Did you mean", and the search page's address in each language."""

import re
from html import unescape
from urllib.parse import unquote

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.models import HomePage, StandardPage
from search import analysis
from tests.conftest import (
    add_page,
    data_for_module,
    search_url,
    translate_everywhere,
    translation_of,
)

# (language, slug, title, introduction): each pair of forms a test compares is split over
# two pages, so "the same pages" means that a form finds the page written with the other.
PAGES = [
    ("fr", "logement-social", "Le logement social", "Une politique pour les familles."),
    ("fr", "logements-vacants", "Des logements vacants", "Des maisons vides en ville."),
    ("fr", "femme-maire", "Une femme maire", "Elle dirige la ville."),
    ("fr", "femmes-elues", "Femmes élues", "Elles sont conseillères municipales."),
    ("fr", "migrant-accueil", "Accueillir un migrant", "Une famille arrive au port."),
    ("fr", "migrants-droits", "Les droits des migrants", "Les associations de la ville."),
    ("fr", "migrantes-travail", "Migrantes et travail", "Des travailleuses en ville."),
    ("fr", "developpement", "Le développement urbain", "Des plans pour les villes."),
    ("fr", "quartiers-titre", "Quartiers populaires", "Un programme pour la ville."),
    ("fr", "quartiers-texte", "Un programme municipal", "La ville aide ses quartiers."),
    ("es", "vivienda", "Vivienda digna", "Un derecho en la ciudad."),
    ("es", "viviendas", "Viviendas vacías", "Programas municipales."),
    ("es", "ciudades", "Ciudades acogedoras", "Redes de gobiernos locales."),
    ("es", "migrantes-es", "Personas migrantes", "Acogida y derechos."),
    ("en", "house", "A house for everyone", "A right for every family."),
    ("en", "housing", "Housing policies", "Cities act together."),
    ("ar", "madina", "حقوق الإنسان في المدن", "تعمل مدينة طنجة على إدماج المهاجرين."),
    ("ar", "iskan", "السكن اللائق", "أحمد يعمل في إسكان الأسر."),
    ("fr", "coeur-villes", "Au cœur des villes", "Une œuvre collective."),
    ("ar", "maktaba", "مكتبة البلدية", "كتب للجميع."),
    ("en", "rights-city", "Human rights in the city", "Local governments act."),
    ("en", "city-rights", "City budgets", "Rights of residents and human dignity."),
]


@pytest.fixture(scope="module")
def pages_for_module(django_db_setup, django_db_blocker):
    def build():
        english = HomePage.objects.get(locale__language_code="en")
        homes = {code: translation_of(english, code) for code in ("fr", "es", "ar")}
        homes["en"] = english
        return {
            slug: add_page(homes[code], StandardPage, title=title, slug=slug, introduction=intro)
            for code, slug, title, intro in PAGES
        }

    with data_for_module(django_db_blocker, build) as pages:
        yield pages


@pytest.fixture
def pages(db, pages_for_module):
    return pages_for_module


def found(client, language, query, path=None):
    """The slugs of the pages the search page lists for `query`, in order."""
    path = path or search_path(language)
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    urls = re.findall(r'<h3 class="result__title"><a href="([^"]+)">', html)
    return [unquote(url).rstrip("/").rsplit("/", 1)[-1] for url in urls]


def search_path(language):
    return unquote(search_url(language))


@pytest.mark.parametrize(
    ("language", "forms", "slugs"),
    [
        ("fr", ["logement", "logements"], {"logement-social", "logements-vacants"}),
        ("fr", ["femme", "femmes"], {"femme-maire", "femmes-elues"}),
        (
            "fr",
            ["migrant", "migrants", "migrantes"],
            {"migrant-accueil", "migrants-droits", "migrantes-travail"},
        ),
        ("es", ["vivienda", "viviendas"], {"vivienda", "viviendas"}),
        ("es", ["ciudad", "ciudades"], {"vivienda", "ciudades"}),
        # English: Snowball's English stemmer gives "hous" for house, houses and housing.
        ("en", ["house", "housing", "houses"], {"house", "housing"}),
    ],
)
def test_every_form_of_a_word_finds_the_same_pages(client, pages, language, forms, slugs):
    for form in forms:
        assert set(found(client, language, form)) == slugs, form


def test_accents_do_not_matter_in_french(client, pages):
    assert found(client, "fr", "developpement") == ["developpement"]
    assert found(client, "fr", "DÉVELOPPEMENT") == ["developpement"]
    assert found(client, "fr", "elues") == ["femmes-elues"]


def test_arabic_article_prefixes_diacritics_and_letter_variants(client, pages):
    # The text says مدينة; the article and a preposition do not stop it matching.
    assert found(client, "ar", "المدينة") == ["madina"]
    assert found(client, "ar", "بالمدينة") == ["madina"]
    # Diacritics (tashkeel), tatweel and the taa marbuta written as haa.
    assert found(client, "ar", "مَدِينَة") == ["madina"]
    assert found(client, "ar", "مديـنه") == ["madina"]
    # The broken plural مدن is another word: found through the title that has it.
    assert found(client, "ar", "مدن") == ["madina"]
    # Alef with or without hamza.
    assert found(client, "ar", "احمد") == ["iskan"]
    assert found(client, "ar", "اسكان") == ["iskan"]
    assert found(client, "ar", "الإسكان") == ["iskan"]


def test_a_query_finds_only_pages_of_its_language(client, pages):
    # "migrantes" is a French and a Spanish word: each language finds its own page only.
    assert set(found(client, "fr", "migrantes")) == {
        "migrant-accueil",
        "migrants-droits",
        "migrantes-travail",
    }
    assert found(client, "es", "migrantes") == ["migrantes-es"]
    assert found(client, "ar", "migrantes") == []


def test_a_word_in_the_title_ranks_before_the_same_word_in_the_text(client, pages):
    assert found(client, "fr", "quartiers") == ["quartiers-titre", "quartiers-texte"]


def test_stop_words_are_left_out_of_the_query(client, pages):
    # "des", "de", "du" are in the stop list (PostgreSQL's French list, which lacks "les").
    assert found(client, "fr", "droits des migrants") == ["migrants-droits"]
    assert found(client, "fr", "droits du migrant") == ["migrants-droits"]
    assert found(client, "fr", "des") == []


def test_ligatures_are_typed_either_way(client, pages):
    for query in ("coeur", "cœur", "CŒUR", "oeuvre"):
        assert found(client, "fr", query) == ["coeur-villes"], query


def test_persian_kaf_and_yeh_find_the_arabic_letters(client, pages):
    assert found(client, "ar", "مکتبة") == ["maktaba"]  # Persian kaf
    assert found(client, "ar", "البلدیة") == ["maktaba"]  # Persian yeh


def test_french_les_and_arabic_function_words_are_left_out_of_the_query(client, pages):
    # Neither page has "les" or "في": they would otherwise be words that must match.
    assert found(client, "fr", "les logements vacants") == ["logements-vacants"]
    assert found(client, "ar", "مكتبة في البلدية") == ["maktaba"]
    assert analysis.query_groups("fr", "les des de la") == []


def test_quoted_words_are_a_phrase(client, pages):
    assert set(found(client, "en", "human rights")) == {"rights-city", "city-rights"}
    assert found(client, "en", '"human rights"') == ["rights-city"]
    assert found(client, "en", '"rights human"') == []
    assert found(client, "en", '"human rights" local') == ["rights-city"]
    assert found(client, "en", '"human rights" budgets') == []
    # A quote left open is no phrase; a phrase of stop words only is left out.
    assert set(found(client, "en", 'human "rights')) == {"rights-city", "city-rights"}
    assert found(client, "fr", '"les des" logement') == found(client, "fr", "logement")


def test_the_excerpt_marks_every_form_the_search_matched(client, pages):
    html = client.get("/fr/recherche/", {"q": "ville"}).content.decode()
    assert "<mark>ville.</mark>" in html
    assert "<mark>villes.</mark>" in html


@pytest.mark.parametrize(
    ("language", "typo", "word"),
    [
        ("fr", "logemnt", "logement"),
        ("fr", "devloppement", "développement"),
        ("es", "vivenda", "vivienda"),
        ("en", "polices", "policies"),
        ("ar", "طنخة", "طنجة"),
    ],
)
def test_did_you_mean_offers_the_sites_word_one_click_away(client, pages, language, typo, word):
    assert found(client, language, typo) == []
    html = unescape(client.get(search_path(language), {"q": typo}).content.decode())
    suggestion = re.search(
        r'class="search-suggestion">.*?<a href="([^"]+)"><bdi>([^<]+)</bdi>', html
    )
    assert suggestion, html
    assert suggestion.group(2) == word
    assert unquote(suggestion.group(1)).startswith(search_path(language) + "?q=")
    assert found(client, language, word, path=unquote(suggestion.group(1)).split("?")[0])


def test_no_suggestion_when_nothing_close_or_when_it_would_find_nothing(client, pages):
    html = client.get("/fr/recherche/", {"q": "zzzzqqqq"}).content.decode()
    assert "search-suggestion" not in html
    # A word of another language's pages is not offered in French.
    html = client.get("/fr/recherche/", {"q": "viviend"}).content.decode()
    assert "search-suggestion" not in html


def test_the_search_page_has_an_address_in_each_language(client, pages):
    response = client.get("/fr/recherche/", {"q": "logement"})
    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()
    old = client.get("/fr/search/", {"q": "logement"})
    assert old.status_code == 301
    assert old["Location"] == "/fr/recherche/?q=logement"
    assert client.get("/es/search/").headers["Location"] == "/es/buscar/"
    assert unquote(client.get("/ar/search/").headers["Location"]) == "/ar/بحث/"
    assert client.get("/en/search/", {"q": "house"}).status_code == 200


def test_the_language_switcher_keeps_the_query(client, pages):
    html = client.get("/fr/recherche/", {"q": "logement"}).content.decode()
    nav = unquote(html[html.index('class="language-switcher"') :])
    assert 'href="/es/buscar/?q=logement"' in nav
    assert 'href="/en/search/?q=logement"' in nav
    assert 'href="/ar/بحث/?q=logement"' in nav


def test_spanish_query_expansion_covers_plurals_both_ways():
    assert analysis.variants("es", "ciudad") == ["ciudad", "ciudades"]
    assert analysis.variants("es", "ciudades") == ["ciudades", "ciudad"]
    assert analysis.variants("es", "luces") == ["luces", "luz"]
    assert analysis.normalise("ar", "وبالمدينة") == "مدينه"
    assert analysis.normalise("ar", "إلى") == "الي"  # too short to lose an article


def test_the_index_follows_publishing_moving_translating_and_deleting(client, home):
    page = add_page(
        home,
        StandardPage,
        title="Welcoming neighbourhoods",
        slug="welcoming-neighbourhoods",
        introduction="Homes for newcomers.",
    )
    assert found(client, "en", "neighbourhood") == ["welcoming-neighbourhoods"]
    page.unpublish()
    assert found(client, "en", "neighbourhood") == []
    page.save_revision().publish()
    assert found(client, "en", "neighbourhoods") == ["welcoming-neighbourhoods"]

    programmes = add_page(home, StandardPage, title="Programmes", slug="programmes")
    page.move(programmes, pos="last-child")
    response = client.get(search_url("en"), {"q": "newcomer"})
    assert "/en/programmes/welcoming-neighbourhoods/" in response.content.decode()

    translate_everywhere(programmes)
    french = translate_everywhere(
        Page.objects.get(pk=page.pk).specific,
        {"fr": {"Welcoming neighbourhoods": "Voisinages solidaires"}},
    )["fr"]
    assert found(client, "fr", "voisinage solidaire") == [french.slug]
    assert found(client, "en", "voisinage") == []

    Page.objects.get(pk=page.pk).delete()
    assert found(client, "en", "neighbourhood") == []
    assert found(client, "fr", "voisinages") == [french.slug]  # the translation stays


# Wagtail warns that Partner has no autocomplete fields: that is what sends this search through
# the analysis.
@pytest.mark.filterwarnings("ignore:.*does not specify any AutocompleteFields")
def test_admin_search_reads_the_words_in_every_language(admin_client, pages, locales):
    """An editor whose admin is in English finds a French partner by another form of its
    words (the admin's searches without title prefixes go through the analysis); the public
    search reads a query in the visitor's language only."""
    from taxonomy.factories import PartnerFactory

    PartnerFactory(name="Observatoire du logement", slug="observatoire", locale=locales["fr"])
    html = admin_client.get(reverse("wagtailsnippets_taxonomy_partner:list"), {"q": "logements"})
    assert "Observatoire du logement" in html.content.decode()
    assert found(admin_client, "en", "logements") == []


def test_the_query_echoed_keeps_its_own_direction(client, pages):
    """A Latin query in an Arabic sentence is isolated (<bdi>), escaped."""
    html = client.get(search_url("ar"), {"q": "UCLG 2024!"}).content.decode()
    assert "«<bdi>UCLG 2024!</bdi>»" in html or "“<bdi>UCLG 2024!</bdi>”" in html
    html = client.get(search_url("en"), {"q": "AT&T"}).content.decode()
    assert "<bdi>AT&amp;T</bdi>" in html


@pytest.mark.parametrize("query", ["\ufeff\u202e", "…", "«»", "-"])
def test_a_query_without_words_finds_nothing_and_fails_nothing(client, pages, query):
    assert found(client, "fr", query) == []
    assert list(Page.objects.live().search(query)) == []  # the backend itself, too
