"""The resource library: files in the visitor's language, facets, search, feeds, bad input."""

import re
from html import unescape
from urllib.parse import parse_qs

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import resources.library
from resources.facet_index import index_generation
from resources.factories import generate_resources
from resources.models import ResourcePage
from search.views import SiteSearch
from taxonomy.factories import translate_now
from tests.conftest import LANGUAGES, search_url, steady_queries, translation_of, view_then_renew
from tests.resources.conftest import RESOURCES, TRANSLATIONS

pytestmark = pytest.mark.django_db


def html_of(response):
    assert response.status_code == 200
    return unescape(response.content.decode())


def result_titles(client, url):
    html = html_of(client.get(url))
    return re.findall(r'<h3 class="result__title"><a href="[^"]+">([^<]+)</a>', html)


def result_count(html):
    return int(re.search(r'class="listing-count"[^>]*>(\d+) ', html).group(1))


def facet_options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [
        (value, int(count))
        for value, count in re.findall(
            r'<option value="([^"]+)"[^>]*>[^<]*\((\d+)\)</option>', select
        )
    ]


def test_spanish_visitors_get_the_spanish_file_first(client, resource):
    html = html_of(client.get(resource("brief-migrant-women", "es").url))
    main = html[
        html.index('class="downloads__main"') : html.index(
            "</ul>", html.index('class="downloads__main"')
        )
    ]
    assert 'hreflang="es"' in main and "Descargar en español" in main.replace("Español", "español")
    others = html[html.index('class="downloads__others"') :]
    assert 'hreflang="fr"' in others


def test_english_visitors_are_told_and_offered_the_other_languages(client, resource):
    html = html_of(client.get(resource("brief-migrant-women", "en").url))
    assert "This resource is not available in English." in html
    assert 'class="downloads__main"' not in html
    others = html[html.index('class="downloads__others"') :]
    # The link's text is in the page's language: hreflang names the file's, lang may not
    # (WCAG 3.1.2, language of parts).
    assert re.search(r'<a [^>]*hreflang="es"[^>]*>Spanish</a>', others)
    assert re.search(r'<a [^>]*hreflang="fr"[^>]*>French</a>', others)
    assert not re.search(r"<a [^>]*\blang=", others.split("</ul>", 1)[0])
    assert "PDF" in others and "bytes" in others
    assert re.search(r"\(PDF, \d+", others)


def test_arabic_visitors_read_file_details_with_the_arabic_comma(client, resource):
    html = html_of(client.get(resource("brief-migrant-women", "ar").url))
    others = html[html.index('class="downloads__others"') :]
    details = re.findall(r'<span class="downloads__meta">\(([^)]*)\)</span>', others)
    assert len(details) == 2 and all(detail.startswith("PDF، ") for detail in details)


def test_each_facet_count_is_what_choosing_it_returns(client, library):
    base = library.url
    # "houses": another form of the word "housing" that the resources use.
    for start in ("", "?q=houses", "?kind=policy_brief", "?theme=housing&language=en"):
        html = html_of(client.get(base + start))
        joiner = "&" if start else "?"
        for name in ("theme", "kind", "year", "language", "publisher"):
            for value, count in facet_options(html, name):
                if f"{name}={value}" in start:
                    continue
                chosen = html_of(client.get(f"{base}{start}{joiner}{name}={value}"))
                expected = count if f"{name}=" not in start else None
                if expected is not None:
                    assert result_count(chosen) == expected, (start, name, value)


def test_facets_combine_with_each_other_and_with_a_text_search(client, library):
    assert set(result_titles(client, library.url + "?kind=policy_brief")) == {
        "Policy brief: the social inclusion of unaccompanied minors",
        "Migrant women's right to the city",
    }
    assert result_titles(client, library.url + "?kind=policy_brief&language=en") == [
        "Policy brief: the social inclusion of unaccompanied minors"
    ]
    assert result_titles(client, library.url + "?theme=housing&year=2026") == [
        "Housing for newcomers: a guide for local governments"
    ]
    assert set(result_titles(client, library.url + "?q=housing")) >= {
        "Housing for newcomers: a guide for local governments",
        "Peer learning on access to housing: lessons from MC2CM",
    }
    assert result_titles(client, library.url + "?q=housing&kind=toolkit") == [
        "Housing for newcomers: a guide for local governments"
    ]
    assert result_titles(client, library.url + "?q=housing&language=fr") == [
        "Peer learning on access to housing: lessons from MC2CM"
    ]


def test_the_count_matches_the_items_listed_across_pages(client, library, monkeypatch):
    monkeypatch.setattr(resources.library.LibraryListing, "page_size", 5)
    first = html_of(client.get(library.url))
    total = result_count(first)
    titles = []
    for number in range(1, 10):
        titles += result_titles(client, f"{library.url}?page={number}")
        if len(titles) >= total:
            break
    assert len(titles) == total == len(set(titles)) == len(RESOURCES)


def test_sorting(client, library):
    newest = result_titles(client, library.url + "?sort=newest")
    assert newest[0] == "Housing for newcomers: a guide for local governments"
    assert result_titles(client, library.url + "?sort=oldest") == list(reversed(newest))
    by_title = result_titles(client, library.url + "?sort=title")
    assert by_title == sorted(by_title)


@pytest.mark.parametrize("language", LANGUAGES)
def test_library_searches_in_the_visitors_language(client, resource, language):
    brief = resource("brief-unaccompanied-minors", language)
    library = brief.get_parent()
    word = {"en": "schooling", "fr": "scolarisation", "es": "escolarización", "ar": "توصيات"}[
        language
    ]
    titles = result_titles(client, f"{library.url}?q={word}")
    assert brief.title in titles


@settings(
    max_examples=50,  # tests/core/test_fuzz.py throws more garbage at every page, this one too
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "q",
                    "theme",
                    "kind",
                    "year",
                    "language",
                    "publisher",
                    "sort",
                    "page",
                    "other",
                    "q[]",
                ]
            ),
            st.one_of(
                st.text(max_size=300),
                st.integers().map(str),
                st.just("\x00"),
                st.just("9" * 400),
                st.just("é\x00ب" * 3400),
            ),
        ),
        max_size=6,
    )
)
def test_garbage_query_strings_never_cause_a_server_error(client, library, params):
    response = client.get(library.url, params and dict(params) or {})
    assert response.status_code in (200, 400)
    if params:
        from urllib.parse import urlencode

        response = client.get(library.url + "?" + urlencode(params))
        assert response.status_code in (200, 400)


def test_library_and_site_search_cost_the_same_queries_with_10_or_100_resources(
    client, library, django_assert_num_queries
):
    """The library's first view after a change (which rebuilds the facet index) and the next
    ones, and the site search, with a text query whose matches grow with the library."""
    library = translate_now(library, "fr", TRANSLATIONS["fr"])
    generate_resources(library, 10, seed=1)
    url = library.url + "?q=housing&sort=newest"
    search = search_url("fr") + "?q=housing"  # the generated resources are French
    steady, _ = steady_queries(client, url)
    searching, _ = steady_queries(client, search)
    view_then_renew(client, url)
    index_generation.renew()  # as any change to a resource does
    with CaptureQueriesContext(connection) as rebuilding:
        client.get(url)
    rebuilding = len(rebuilding)
    assert steady < rebuilding  # the index is kept, not rebuilt on every view
    generate_resources(library, 90, seed=2)  # pages of results for "housing"
    view_then_renew(client, url)
    index_generation.renew()
    with django_assert_num_queries(rebuilding):
        client.get(url)
    view_then_renew(client, url)
    with django_assert_num_queries(steady):
        html = client.get(url).content.decode()
    assert html.count('<li class="result') == resources.library.LibraryListing.page_size
    view_then_renew(client, search)
    with django_assert_num_queries(searching):
        html = client.get(search).content.decode()
    assert html.count('class="result"') == SiteSearch.page_size


# A text query too: the matches kept for the same words (resources.library) go with the index.
@pytest.mark.parametrize("query", ["?kind=newsletter", "?q=quarterly+newsletters"])
def test_the_library_shows_publishing_unpublishing_and_deleting_at_once(client, library, query):
    """The facet index is rebuilt after each change a visitor would notice."""
    from resources.models import ResourceKind

    url = library.url + query
    before = result_count(html_of(client.get(url)))
    page = library.add_child(
        instance=ResourcePage(
            title="Quarterly newsletter of the committee",
            slug="quarterly-newsletter",
            kind=ResourceKind.NEWSLETTER,
            publication_date="2026-10-01",
            summary="News.",
            live=False,
        )
    )
    assert result_count(html_of(client.get(url))) == before
    page.save_revision().publish()
    html = html_of(client.get(url))
    assert result_count(html) == before + 1
    assert "Quarterly newsletter of the committee" in html
    page.refresh_from_db()
    page.unpublish()
    assert result_count(html_of(client.get(url))) == before
    page.save_revision().publish()
    assert result_count(html_of(client.get(url))) == before + 1
    page.delete()
    assert result_count(html_of(client.get(url))) == before


def test_atom_feed_validates_and_links_to_the_language(client, library, resource):
    translated = ("brief-unaccompanied-minors", "brief-migrant-women")
    for language in LANGUAGES:
        in_language = [resource(slug, language) for slug in translated]
        feed = feedparser.parse(client.get(in_language[0].get_parent().url + "feed/").content)
        assert feed.bozo == 0 and feed.version == "atom10"
        assert len(feed.entries) == (len(RESOURCES) if language == "en" else len(translated))
        assert all(f"http://testserver/{language}/" in entry.link for entry in feed.entries)
    themed = feedparser.parse(client.get(library.url + "feed/?theme=housing").content)
    assert len(themed.entries) == 3 and "Housing" in themed.feed.title


def test_documents_uploads_are_limited_and_checked(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 2000
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"x" * 3000, "application/pdf")
    response = admin_client.post("/admin/documents/add/", {"title": "Big", "file": big})
    assert "This file is too big" in response.content.decode()
    liar = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = admin_client.post("/admin/documents/add/", {"title": "Liar", "file": liar})
    assert "content is not PDF" in response.content.decode()
    script = SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")
    response = admin_client.post("/admin/documents/add/", {"title": "Exe", "file": script})
    assert response.status_code == 200 and "Exe" not in [d.title for d in _documents()]
    good = SimpleUploadedFile("ok.pdf", b"%PDF-1.4\nsmall", "application/pdf")
    response = admin_client.post("/admin/documents/add/", {"title": "Fine", "file": good})
    assert response.status_code == 302 and "Fine" in [d.title for d in _documents()]


def _documents():
    from wagtail.documents import get_document_model

    return get_document_model().objects.all()


def test_documents_in_a_private_collection_stay_private(client, library):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="Internal memo", collection=private)
    document.file.save("memo.pdf", ContentFile(b"%PDF-1.4\nmemo"), save=True)
    response = client.get(document.url)
    assert response.status_code == 302 and "/login" in response["Location"]
    public = ResourcePage.objects.get(slug="brief-migrant-women", locale__language_code="en")
    public_doc = public.files.first().document
    response = client.get(public_doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_generated_resources_can_come_with_translations(client, library):
    from django.core.management import call_command

    for code in ("fr", "ar"):
        translate_now(library, code, TRANSLATIONS[code])
    call_command("generate_resources", 3, "--translate-into", "fr,ar", "--seed", "5", verbosity=0)
    generated = ResourcePage.objects.child_of(library).filter(slug__startswith="generated-")
    assert generated.count() == 3
    for page in generated:
        for code in ("fr", "ar"):
            copy = translation_of(page, code)
            assert copy.live and copy.files.count() == page.files.count()
            assert client.get(copy.url).status_code == 200


def test_embedded_sqlite_sorts_large_matches_by_date_and_says_so(client, library, monkeypatch):
    from django.db import connection

    monkeypatch.setattr(resources.library, "SQLITE_RANK_LIMIT", 1)
    html = html_of(client.get(library.url + "?q=housing"))
    if connection.vendor == "sqlite":
        assert "Many resources match: they are listed newest first." in html
        titles = re.findall(r'<h3 class="result__title"><a href="[^"]+">([^<]+)</a>', html)
        assert titles[0] == "Housing for newcomers: a guide for local governments"
    else:  # PostgreSQL ranks every match
        assert "Many resources match" not in html


def test_a_misspelt_search_offers_the_librarys_word_with_the_filters_kept(client, library):
    html = html_of(client.get(library.url + "?q=housng&kind=toolkit&page=2"))
    assert result_count(html) == 0
    link = re.search(r'class="search-suggestion">.*?<a href="([^"]+)"><bdi>([^<]+)</bdi>', html)
    assert link and link.group(2) == "housing"
    assert parse_qs(link.group(1)[1:]) == {"q": ["housing"], "kind": ["toolkit"]}  # no page
    assert result_titles(client, library.url + "?q=housing&kind=toolkit") == [
        "Housing for newcomers: a guide for local governments"
    ]
    # Words that match resources, only not with these filters: no suggestion.
    html = html_of(client.get(library.url + "?q=housing&kind=video"))
    assert "search-suggestion" not in html


def test_a_resource_page_describes_itself_to_search_engines(client, library):
    resource = ResourcePage.objects.child_of(library).first()
    html = client.get(resource.url).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)">', html)
    assert description and unescape(description.group(1)) == resource.summary
