"""Purging cached pages when content changes: our page cache and, when configured, the CDN.

Our page cache is purged whole (the `page_content` generation is renewed, see
`core.invalidation`): a page shows its translations (language switcher), its parent's
listings, snippets and endorsements, so "what shows this?" has no cheap exact answer, and
a site-wide purge is always right.

What renews it: publishing, unpublishing, moving or deleting a page, and saving or
deleting an instance of a model pages show. Those are the snippets and the models listed
in `connect()`, plus what apps register from their AppConfig.ready() with
`register_shown_model()`, with a rule when only some saves show (campaigns: endorsements),
so this shared layer imports no app.

The CDN (`WAGTAILFRONTENDCACHE`, set from FRONTEND_CACHE_* environment variables) is purged
by URL through wagtail.contrib.frontend_cache: the page and its ancestors (the listings that
show it) in every language, including the old URLs of a moved or renamed page. Changes
that show on many pages (snippets, endorsements) are left to the CDN's short lifetime
(CDN_CACHE_SECONDS): purging every URL of the site on each snippet edit would cost more.
"""

import functools
import logging

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail import signals as wagtail_signals
from wagtail.contrib.frontend_cache.utils import PurgeBatch
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

from core.invalidation import page_content

logger = logging.getLogger(__name__)

# Models pages show, registered by apps: {model: save_shows(instance, created) or None}.
_shown_models = {}


def register_shown_model(model, save_shows=None):
    """Saving or deleting a `model` instance changes what pages show: renew `page_content`.

    `save_shows(instance, created)`, if given, tells whether a save does; a deletion
    always does. Call from AppConfig.ready(); it overrides the rule for snippets.
    """
    _shown_models[model] = save_shows


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
    batch = PurgeBatch()
    batch.add_pages(_pages_showing(page))
    batch.add_urls([url for url in extra_urls if url])
    try:
        batch.purge()
    except Exception:  # a CDN outage must not stop an editor from publishing
        logger.exception("CDN purge failed for page %s", page.pk)


def on_page_changed(instance, **kwargs):
    page_content.renew()
    purge_cdn(instance)


def on_page_moving(instance, **kwargs):
    # Before the move: the URLs the CDN holds are the old ones.
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_cdn(instance, extra_urls=[instance.specific.get_full_url()])


def on_slug_changed(instance, instance_before, **kwargs):
    purge_cdn(instance, extra_urls=[instance_before.get_full_url()])


def on_page_deleting(instance, **kwargs):
    purge_cdn(instance)


def connect():
    """Called from CoreConfig.ready()."""
    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    for model in page_models:
        wagtail_signals.page_published.connect(on_page_changed, sender=model)
        wagtail_signals.page_unpublished.connect(on_page_changed, sender=model)
        wagtail_signals.page_slug_changed.connect(on_slug_changed, sender=model)
        pre_delete.connect(on_page_deleting, sender=model)
        post_delete.connect(page_content.renew, sender=model)
    wagtail_signals.pre_page_move.connect(on_page_moving)
    wagtail_signals.post_page_move.connect(on_page_changed)

    # View restrictions: a page made private must stop being served from the cache at once.
    for model in (
        get_image_model(),
        get_document_model(),
        Redirect,
        Site,
        Locale,
        PageViewRestriction,
        CollectionViewRestriction,
    ):
        register_shown_model(model)
    # Snippets are registered by wagtail_hooks modules, after this runs: looked up on use.
    post_save.connect(on_any_save)
    post_delete.connect(on_any_delete)
    # Snippets with drafts (none yet) announce publishing separately.
    wagtail_signals.published.connect(page_content.renew)
    wagtail_signals.unpublished.connect(page_content.renew)


@functools.cache
def snippet_models():
    return frozenset(get_snippet_models())


def on_any_save(sender, instance, created, **kwargs):
    if sender in _shown_models:
        save_shows = _shown_models[sender]
        if save_shows is None or save_shows(instance, created):
            page_content.renew()
    elif sender in snippet_models():
        page_content.renew()


def on_any_delete(sender, **kwargs):
    if sender in _shown_models or sender in snippet_models():
        page_content.renew()
