"""Every page type renders with at most 20 SQL queries in every language after a change to
its own content (menu and footer kept, its parts, language links and notices rebuilt), and
with at most 23 after the site-wide flush (menu, footer and home pages rebuilt too)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching.cache_purge import flush_everything
from tests.conftest import LANGUAGES, steady_queries, translation_of

pytestmark = pytest.mark.django_db

QUERY_BUDGET = {"after its own change": 20, "after a flush": 23}


def test_every_page_type_renders_within_the_query_budget(client, shared_site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every view rendered
    seen_again, first_seen = {}, {}
    for name, page in shared_site_tree.items():
        for code in LANGUAGES:
            url = translation_of(page, code).url
            seen_again[name, code], _ = steady_queries(client, url)
            flush_everything()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            first_seen[name, code] = len(queries)
    budget = QUERY_BUDGET["after its own change"]
    assert {key: n for key, n in seen_again.items() if n > budget} == {}
    budget = QUERY_BUDGET["after a flush"]
    assert {key: n for key, n in first_seen.items() if n > budget} == {}
