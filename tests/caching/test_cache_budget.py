"""Cache round trips are budgeted like SQL queries (tests/core/test_query_budget.py): every
page type in every language, with pictures on its cards, keeps to a number of cache
operations (reads and writes, each a round trip on Redis) after a site-wide flush, after a
change of its own, and from the page cache; and no view writes an image rendition it found."""

import pytest
from wagtail_factories import ImageFactory

from caching.cache_purge import flush_everything
from caching.invalidation import page_generation, renew_generations
from caching.operation_count import count_cache_operations
from tests.conftest import LANGUAGES, translation_of

pytestmark = pytest.mark.django_db

# Measured on every page type (tests/conftest.py build_site_tree): 12-16 after a flush, 10-14
# after the page's own change (the campaign's form is one part more), 1 from the page cache.
CACHE_BUDGET = {"after a flush": 16, "after its own change": 14, "from the page cache": 2}


@pytest.fixture
def pictured_site_tree(shared_site_tree):
    """The site tree with a listing image on every page in every language, which the index
    pages' cards and every page's social preview show."""
    image = ImageFactory(title="A square", file__width=1200, file__height=1200)
    for page in shared_site_tree.values():
        type(page).objects.filter(translation_key=page.translation_key).update(listing_image=image)
    return shared_site_tree


def test_every_page_type_keeps_to_the_cache_budget(client, pictured_site_tree, page_cache):
    over, rendition_writes = {}, {}
    for name, page in pictured_site_tree.items():
        for code in LANGUAGES:
            translation = translation_of(page, code)
            url = translation.url
            client.get(url)  # the renditions drawn, as for the first visitor
            flush_everything()
            with count_cache_operations() as after_flush:
                assert client.get(url).status_code == 200
            renew_generations([page_generation(translation.pk)])
            with count_cache_operations() as own_change:
                assert client.get(url).status_code == 200
            with count_cache_operations() as from_page_cache:
                assert client.get(url)["X-Cache"] == "HIT", url
            for case, operations in (
                ("after a flush", after_flush),
                ("after its own change", own_change),
                ("from the page cache", from_page_cache),
            ):
                if operations.total > CACHE_BUDGET[case]:
                    over[name, code, case] = operations
                written = operations.written_keys()
                if any("rendition" in key for key in written):
                    rendition_writes[name, code, case] = written
    assert {key: operations.total for key, operations in over.items()} == {}, over
    assert rendition_writes == {}


def test_the_counter_sees_reads_and_writes_once_each(settings):
    from django.core.cache import cache

    with count_cache_operations() as operations:
        cache.set("a", 1)
        cache.get_or_set("b", 2)  # get then add inside: one operation of the caller's
        cache.get_many(["a", "b"])  # the local-memory cache loops over get: still one
    assert (operations.reads, operations.writes) == (2, 1)
    assert operations.written_keys() == ["a"]
