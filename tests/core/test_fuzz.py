"""Bad input is refused with a 4xx, never a 5xx: garbage thrown at every public URL pattern.

Every page type in every language and their routes (…/ics/, …/feed/ of events, the library
and cities, campaign
thanks/confirm/withdraw, search, sitemap, robots) get random query parameters (unicode,
NUL bytes, huge numbers, repeated and unknown names), random path tails and overlong paths,
bad Accept-Language and Host headers, and every HTTP method. Hypothesis draws the inputs
from a fixed seed (derandomize) so CI is repeatable. `dev.py test` sends 4 × 250 requests;
FUZZ_EXAMPLES raises the count: CI's PostgreSQL pass sends 4 × 2,500 (.ci/run). Media,
document and social-card paths are fuzzed too, and every URL gets path segments longer
than a file name may be.
"""

import os
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from tests.conftest import one_page_of_each_type, search_url

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "250"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PARAMETERS = [
    "q", "page", "theme", "kind", "year", "language", "publisher", "sort", "tab", "format",
    "token", "next", "utm_source", "country", "region", "role", "page[]", "q[]", "",
    "x" * 300,
]  # fmt: skip
GARBAGE = st.one_of(
    st.text(max_size=200),
    st.integers().map(str),
    st.sampled_from(
        [
            "\x00",
            "%00",
            "9" * 400,
            "-1",
            "0",
            "1e309",
            "NaN",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "é\x00ب" * 2000,
            "\ufeff\u202e",
        ]
    ),
)
QUERIES = st.lists(st.tuples(st.sampled_from(PARAMETERS), GARBAGE), max_size=8)
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]


def public_urls():
    """Every public URL pattern: one page per type per language, plus their routes."""
    urls = [url for _, url in one_page_of_each_type()]
    routes = {
        "EventIndexPage": ["ics/", "feed/"],
        "EventPage": ["ics/"],
        "ResourceLibraryPage": ["feed/"],
        "CampaignPage": ["thanks/", "confirm/", "withdraw/", "sign-again/"],
        "CityPage": ["feed/"],
    }
    for page in Page.objects.live().filter(depth__gt=1).specific():
        urls += [page.url + route for route in routes.get(type(page).__name__, [])]
    languages = ["en", "fr", "es", "ar"]
    urls += [search_url(language) for language in languages]
    urls += ["/", "/sitemap.xml", "/robots.txt", "/documents/1/x.pdf"]
    # What the app serves besides pages: media files, documents and social cards, whose
    # path segments reach the file system.
    urls += ["/media/images/", "/media/original_images/", "/documents/1/", "/social-cards/1/"]
    return sorted(set(urls))


@pytest.fixture
def urls(db, site_tree_for_module):
    return public_urls()


class Requests:
    """Sends requests and remembers any answer of 500 or more."""

    def __init__(self, client):
        self.client, self.count, self.failures = client, 0, []

    def send(self, method, path, data="", content_type="", **headers):
        response = self.client.generic(method, path, data, content_type, **headers)
        self.count += 1
        if response.status_code >= 500:
            self.failures.append((method, path[:300], headers, response.status_code))
        return response


@pytest.fixture
def requests(client):
    return Requests(client)


def test_the_fuzzed_patterns_cover_every_page_type_and_route(urls):
    # 4 tests × EXAMPLES requests: at least 1,000 in all.
    assert EXAMPLES * 4 >= 1000 or "FUZZ_EXAMPLES" in os.environ
    assert len(urls) > 60
    for route in (
        "/ics/",
        "/feed/",
        "/confirm/",
        "/withdraw/",
        "/sign-again/",
        "/thanks/",
        "/search/",
    ):
        assert any(route in url for url in urls), route


def test_garbage_query_parameters(urls, requests):
    @FUZZ
    @given(index=st.integers(0, len(urls) - 1), params=QUERIES)
    def fuzz(index, params):
        requests.send("GET", urls[index] + "?" + urlencode(params))

    fuzz()
    assert requests.count >= EXAMPLES and not requests.failures, requests.failures


def test_garbage_paths(urls, requests):
    @FUZZ
    @given(
        index=st.integers(0, len(urls) - 1),
        tail=st.one_of(
            st.text(max_size=100).map(lambda text: quote(text, safe="")),
            st.sampled_from(
                ["%00", "%ff%fe", "a/" * 600, "x" * 5000, "..%2f..%2f", "%", "n" * 256 + ".png"]
            ),
        ),
    )
    def fuzz(index, tail):
        requests.send("GET", urls[index] + tail)

    fuzz()
    assert requests.count >= EXAMPLES and not requests.failures, requests.failures


def test_very_long_path_segments(urls, requests):
    # Longer than a file name may be (255 bytes on most file systems): a 404, not an OSError.
    # Every route that reaches storage, and one page per language (the pages' own routes
    # are fuzzed above).
    targets = [url for url in urls if not url.startswith(("/en/", "/fr/", "/es/", "/ar/"))]
    targets += [search_url(language) for language in ("en", "fr", "es", "ar")]
    targets = sorted(set(targets))
    for url in targets:
        for length in (256, 1024, 4096):
            for segment in ("n" * length + ".png", "é" * (length // 2) + "/"):
                requests.send("GET", url + quote(segment))
    assert len(targets) >= 12 and requests.count == len(targets) * 6
    assert not requests.failures, requests.failures


def test_garbage_headers(urls, requests):
    @FUZZ
    @given(
        index=st.integers(0, len(urls) - 1),
        language=st.one_of(
            st.text(max_size=100),
            st.sampled_from(["*", "xx-YY;q=2", "ar;q=abc", "en," * 500, "zh-Hant-TW"]),
        ),
        host=st.one_of(
            st.just("testserver"),
            st.sampled_from(["evil.example", "testserver:99999", "", "[::1", "a" * 300]),
            st.text(max_size=50),
        ),
    )
    def fuzz(index, language, host):
        # Headers travel as latin-1 in WSGI: what cannot be encoded never reaches the site.
        language = language.encode("utf-8").decode("latin-1")
        host = host.encode("utf-8").decode("latin-1")
        requests.send("GET", urls[index], HTTP_ACCEPT_LANGUAGE=language, HTTP_HOST=host)

    fuzz()
    assert requests.count >= EXAMPLES and not requests.failures, requests.failures


def test_every_method_with_garbage_bodies(urls, requests):
    @FUZZ
    @given(
        index=st.integers(0, len(urls) - 1),
        method=st.sampled_from(METHODS),
        params=QUERIES,
    )
    def fuzz(index, method, params):
        requests.send(
            method,
            urls[index],
            data=urlencode(params),
            content_type="application/x-www-form-urlencoded",
        )

    fuzz()
    assert requests.count >= EXAMPLES and not requests.failures, requests.failures
