"""Generations (caching.invalidation): renewed now and after commit, seen by every process."""

import pytest
from django.core.cache import cache

from caching.invalidation import Generation, LocalMemo

pytestmark = pytest.mark.django_db


def test_renewal_starts_a_new_token_now_and_again_after_commit(
    django_capture_on_commit_callbacks,
):
    generation = Generation("test-renewal")
    before = generation.current()
    assert generation.current() == before
    with django_capture_on_commit_callbacks(execute=True):
        generation.renew()
        during = generation.current()
        assert during != before
    assert generation.current() not in (before, during)


def test_what_another_server_stores_before_the_commit_is_stale_after_it(
    django_capture_on_commit_callbacks,
):
    generation = Generation("test-commit")
    other_server = LocalMemo(size=4)
    with django_capture_on_commit_callbacks(execute=True):
        generation.renew()
        # Another server renders now, still seeing the data from before the commit.
        other_server.put("page", generation.current(), "old content")
    assert other_server.get("page", generation.current()) is None


def test_a_renewal_on_one_server_makes_every_server_copy_stale():
    generation = Generation("test-servers")
    server_a, server_b = LocalMemo(size=4), LocalMemo(size=4)
    token = generation.current()
    server_a.put("index", token, "built before")
    server_b.put("index", token, "built before")
    assert server_b.get("index", generation.current()) == "built before"

    generation.renew()  # on server a

    assert server_a.get("index", generation.current()) is None
    assert server_b.get("index", generation.current()) is None
    server_b.put("index", generation.current(), "built after")
    assert server_b.get("index", generation.current()) == "built after"


def test_generations_are_independent_and_a_cleared_cache_starts_new_ones():
    pages, index = Generation("test-pages"), Generation("test-index")
    memo = LocalMemo(size=4)
    memo.put("index", index.current(), "kept")
    pages.renew()
    assert memo.get("index", index.current()) == "kept"
    cache.clear()  # what tests do between tests: no copy outlives it
    assert memo.get("index", index.current()) is None


def test_with_the_cache_down_there_is_no_token_and_nothing_is_kept(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    generation = Generation("test-down")
    assert generation.current() is None
    generation.renew()
    memo = LocalMemo(size=4)
    memo.put("page", generation.current(), "content")
    assert memo.get("page", generation.current()) is None


def test_the_memo_keeps_the_most_recently_used_values():
    memo = LocalMemo(size=2)
    for key in ("a", "b"):
        memo.put(key, "token", key.upper())
    assert memo.get("a", "token") == "A"  # "b" is now the least recently used
    memo.put("c", "token", "C")
    assert memo.get("b", "token") is None
    assert (memo.get("a", "token"), memo.get("c", "token")) == ("A", "C")
