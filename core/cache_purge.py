"""Purging cached pages when content changes: our page cache and, when configured, the CDN.

Our page cache is purged whole (a new generation, see `core.page_cache`): a page shows its
translations (language switcher), its parent's listings, snippets and endorsements, so
"what shows this?" has no cheap exact answer, and a site-wide purge is always right.

The CDN (`WAGTAILFRONTENDCACHE`, set from FRONTEND_CACHE_* environment variables) is purged
by URL through wagtail.contrib.frontend_cache: the page and its ancestors (the listings that
show it) in every language, including the old URLs of a moved or renamed page. Changes
that show on many pages (snippets, endorsements) are left to the CDN's short lifetime
(CDN_CACHE_SECONDS): purging every URL of the site on each snippet edit would cost more.
"""

import functools
import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail import signals as wagtail_signals
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.snippets.models import get_snippet_models

from core.page_cache import new_generation

logger = logging.getLogger(__name__)


def purge_page_cache(**kwargs):
    # Now, for this process, and again once the transaction commits: a server that renders
    # the page between the two would otherwise store the old content under the new generation.
    new_generation()
    transaction.on_commit(new_generation)


def _pages_showing(page):
    """The page and its ancestors below the root, in every language they exist in."""
    pages = []
    for ancestor in page.get_ancestors(inclusive=True).filter(depth__gt=1).specific():
        pages.append(ancestor)
        pages.extend(ancestor.get_translations().live().specific())
    return pages


def purge_cdn(page, extra_urls=()):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(_pages_showing(page))
    batch.add_urls([url for url in extra_urls if url])
    try:
        batch.purge()
    except Exception:  # a CDN outage must not stop an editor from publishing
        logger.exception("CDN purge failed for page %s", page.pk)


def on_page_changed(instance, **kwargs):
    purge_page_cache()
    purge_cdn(instance)


def on_page_moving(instance, **kwargs):
    # Before the move: the URLs the CDN holds are the old ones.
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_cdn(instance, extra_urls=[instance.specific.get_full_url()])


def on_slug_changed(instance, instance_before, **kwargs):
    purge_cdn(instance, extra_urls=[instance_before.get_full_url()])


def on_page_deleting(instance, **kwargs):
    purge_cdn(instance)


def on_endorsement_saved(instance, created, **kwargs):
    # A new endorsement waits for confirmation and moderation: it shows nowhere yet, and
    # visitors must not be able to empty the cache by signing.
    if not created or instance.status == "approved":
        purge_page_cache()


def connect():
    """Called from CoreConfig.ready()."""
    from django.apps import apps

    from campaigns.models import Endorsement

    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    for model in page_models:
        wagtail_signals.page_published.connect(on_page_changed, sender=model)
        wagtail_signals.page_unpublished.connect(on_page_changed, sender=model)
        wagtail_signals.page_slug_changed.connect(on_slug_changed, sender=model)
        pre_delete.connect(on_page_deleting, sender=model)
        post_delete.connect(purge_page_cache, sender=model)
    wagtail_signals.pre_page_move.connect(on_page_moving)
    wagtail_signals.post_page_move.connect(on_page_changed)

    post_save.connect(on_endorsement_saved, sender=Endorsement)
    post_delete.connect(purge_page_cache, sender=Endorsement)
    # Snippets are registered by wagtail_hooks modules, after this runs: looked up on use.
    post_save.connect(on_any_save_or_delete)
    post_delete.connect(on_any_save_or_delete)
    # Snippets with drafts (none yet) announce publishing separately.
    wagtail_signals.published.connect(purge_page_cache)
    wagtail_signals.unpublished.connect(purge_page_cache)


@functools.cache
def models_shown_on_pages():
    from campaigns.models import Endorsement

    # View restrictions: a page made private must stop being served from the cache at once.
    models = {get_image_model(), get_document_model(), Redirect, Site, Locale}
    models |= {PageViewRestriction, CollectionViewRestriction}
    return models | {model for model in get_snippet_models() if model is not Endorsement}


def on_any_save_or_delete(sender, **kwargs):
    if sender in models_shown_on_pages():
        purge_page_cache()
