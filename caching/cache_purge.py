"""What a change makes stale: the pages that show the changed object, in every language, for
our page cache, its fragments and the CDN.

Every page has a generation of its own (`caching.invalidation.page_generation`); its cached
copies, parts and fragments hold its token. A change renews the tokens of the pages that
show what changed, and nothing else:

- a page published, unpublished or deleted: the page, its translations and their aliases;
  their parents and ancestors below the home page (listings, section indexes); the pages
  whose content references any of them (Wagtail's `ReferenceIndex`: page choosers, links,
  featured cards); the pages its model says show it too (`shown_on()`, e.g. the work areas
  and related resources of its themes, before and after the change); its descendants when
  its title, slug or publication changed (breadcrumbs, addresses). The home page is stale
  only when it features the page (or is its parent).
- a snippet, image or document saved or deleted: the pages that reference it (reference
  index, and the many-to-many fields of page models, which the index does not cover), the
  pages listing those (cards show themes and images), and the pages whose model shows
  every instance of it (`shows_every`, e.g. the theme filter of the library).
- what apps register with `register_shown_model(model, save_shows, shown_on)`, e.g. an
  approved endorsement: its campaign in every language and the pages that list it.
- the `chrome` generation (main menu, footer; not the bodies, which are kept per revision)
  when a page of the main menu or a chrome model (the footer) changes.
- a move, a redirect, a site, a locale or a view restriction: everything (`page-content`),
  as is `manage.py flush_page_cache` and the admin's "Clear the page cache" action.

The CDN (`WAGTAILFRONTENDCACHE`, set from FRONTEND_CACHE_* environment variables) is purged
with the same pages, by URL through wagtail.contrib.frontend_cache (routable sub-pages and
filtered listings are left to its short lifetime, CDN_CACHE_SECONDS).
"""

import functools
import logging

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import ManyToManyField
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail import signals as wagtail_signals
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    DraftStateMixin,
    Locale,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
    TranslatableMixin,
)
from wagtail.snippets.models import get_snippet_models

from caching.invalidation import any_page, chrome, page_content, page_generation, renew_generations

logger = logging.getLogger(__name__)

# Models pages show, registered by apps: {model: (save_shows, shown_on)}.
_shown_models = {}
# Models every page shows in its frame (the footer): a change renews `chrome`.
_chrome_models = set()
# Models whose change makes everything stale (addresses, privacy).
_site_wide_models = set()
# Tests of a page whose change makes everything stale (the privacy notice).
_site_wide_pages = []

# How many steps of "shown by" a snippet or image change follows (a partner's logo shows on
# the partner, which shows on pages, which show on listings).
MAX_REFERENCE_DEPTH = 2


def register_shown_model(model, save_shows=None, shown_on=None):
    """Saving or deleting a `model` instance changes what pages show.

    `save_shows(instance, created)`, if given, tells whether a save does (a deletion always
    does); `shown_on(instance)`, if given, returns the pages that show the instance (then
    the pages listing those are stale too), else they are found as for a snippet. Call from
    AppConfig.ready().
    """
    _shown_models[model] = (save_shows, shown_on)


def register_site_wide_model(model):
    """A model whose change may show on any page (a setting): its change makes every page
    stale."""
    _site_wide_models.add(model)


def register_chrome_model(model):
    """A model every page's frame shows (menu, footer): its change renews `chrome` only."""
    _chrome_models.add(model)


# Which pages show what -------------------------------------------------------------------

STEP = Page.steplen


def _versions(pages):
    """(pk, path, depth) of every language version of `pages` and of their aliases."""
    keys = {page.translation_key for page in pages}
    versions = list(
        Page.objects.filter(translation_key__in=keys).values_list("pk", "path", "depth")
    )
    aliases = Page.objects.filter(alias_of_id__in=[pk for pk, _, _ in versions])
    return versions + list(aliases.values_list("pk", "path", "depth"))


def _page_ids_at(paths):
    return set(Page.objects.filter(path__in=paths).values_list("pk", flat=True)) if paths else set()


def _listing_paths(versions):
    """Paths of the parents and the ancestors below the home pages (depth 3 and more)."""
    paths = set()
    for _pk, path, depth in versions:
        if depth > 1:
            paths.add(path[: (depth - 1) * STEP])  # the parent, even a home page
        paths.update(path[: level * STEP] for level in range(3, depth))
    return paths


def _referrers(model, object_ids):
    """Page ids and (model, pk) of other objects whose content references `object_ids`."""
    if not object_ids:
        return set(), set()
    base = ReferenceIndex._get_base_content_type(model)
    rows = ReferenceIndex.objects.filter(
        to_content_type=base, to_object_id__in=[str(pk) for pk in object_ids]
    ).values_list("base_content_type_id", "object_id")
    page_type = ContentType.objects.get_for_model(Page).pk
    pages, others = set(), set()
    for content_type_id, object_id in rows:
        if content_type_id == page_type:
            pages.add(int(object_id))
        else:
            other = ContentType.objects.get_for_id(content_type_id).model_class()
            if other is not None:
                others.add((other, object_id))
    return pages, others


def _own_shown_on(pages):
    """Pages the models of `pages` say show them (`shown_on()`): page ids."""
    ids = set()
    for page in pages:
        shown_on = getattr(page.specific, "shown_on", None)
        if shown_on is not None:
            ids.update(shown_on())
    return ids


def pages_showing_pages(pages, with_descendants=False, depth=0):
    """(ids of the pages whose display shows any of `pages`, whether the frame of every page
    does: the footer links to one) (see the module's docstring)."""
    pages = [page for page in pages if page.pk]
    if not pages:
        return set(), False
    versions = _versions(pages)
    ids = {pk for pk, _, _ in versions}
    ids |= _page_ids_at(_listing_paths(versions))
    referring, others = _referrers(Page, ids)
    ids |= referring
    ids |= _own_shown_on(pages)
    if with_descendants:
        descendant_ids = set()
        for _pk, path, depth_ in versions:
            descendants = Page.objects.filter(path__startswith=path, depth__gt=depth_)
            descendant_ids |= set(descendants.values_list("pk", flat=True))
        # Their addresses changed too: what links to them shows the old ones.
        referring, more_others = _referrers(Page, descendant_ids)
        ids |= descendant_ids | referring
        others |= more_others
    other_ids, uses_chrome = _shown_with(others, depth)
    return ids | other_ids, uses_chrome


def _shown_with(others, depth):
    """What shows the objects (`(model, pk)`) that reference something changed: a footer
    renews the frame, a snippet the pages showing it (up to MAX_REFERENCE_DEPTH steps)."""
    ids, uses_chrome = set(), False
    for other_model, other_pk in others:
        if other_model in _chrome_models:
            uses_chrome = True
        elif depth < MAX_REFERENCE_DEPTH and _is_shown(other_model):
            other = other_model.objects.filter(pk=other_pk).first()
            if other is not None:
                other_ids, other_chrome = pages_showing_object(other, depth + 1)
                ids |= other_ids
                uses_chrome = uses_chrome or other_chrome
    return ids, uses_chrome


def _many_to_many_pages(model, object_ids):
    """Ids of pages whose many-to-many fields (themes, partners…) hold one of `object_ids`."""
    ids = set()
    for page_model in _page_models():
        for field in page_model._meta.local_many_to_many:
            if isinstance(field, ManyToManyField) and field.related_model is model:
                chosen = page_model.objects.filter(**{f"{field.name}__in": object_ids})
                ids |= set(chosen.values_list("pk", flat=True))
    return ids


def _pages_showing_every(model):
    """Ids of pages whose model shows every instance of `model` (`shows_every`)."""
    label = model._meta.label
    ids = set()
    for page_model in _page_models():
        if label in getattr(page_model, "shows_every", ()):
            ids |= set(page_model.objects.values_list("pk", flat=True))
    return ids


def pages_showing_object(instance, depth=0):
    """(page ids, chrome?) of what shows a snippet, image, document or registered model."""
    model = type(instance)
    if model in _chrome_models:
        return set(), True
    shown_on = _shown_models.get(model, (None, None))[1]
    if shown_on is not None:
        return pages_showing_pages(list(shown_on(instance)), depth=depth)
    if isinstance(instance, TranslatableMixin) and instance.translation_key:
        object_ids = list(
            model.objects.filter(translation_key=instance.translation_key).values_list(
                "pk", flat=True
            )
        )
    else:
        object_ids = [instance.pk]
    direct, others = _referrers(model, object_ids)
    direct |= _many_to_many_pages(model, object_ids)
    listing_ids, uses_chrome = pages_showing_pages(
        Page.objects.filter(pk__in=direct).specific(), depth=depth
    )
    ids = direct | _pages_showing_every(model) | listing_ids
    other_ids, other_chrome = _shown_with(others, depth)
    return ids | other_ids, uses_chrome or other_chrome


def _page_models():
    return [model for model in apps.get_models() if issubclass(model, Page)]


# Renewing ---------------------------------------------------------------------------------


def make_stale(page_ids, with_chrome=False):
    """Renew the generations of `page_ids` (and `chrome`), and purge them from the CDN."""
    names = [page_generation(pk) for pk in page_ids] + [any_page.name]
    if with_chrome:
        names.append(chrome.name)
    renew_generations(names)
    purge_cdn(page_ids)


def flush_everything():
    """The site-wide flush: every cached page and fragment is stale (not the CDN: purge it
    from its own console)."""
    page_content.renew()


def purge_cdn(page_ids, extra_urls=()):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or not (page_ids or extra_urls):
        return
    batch = PurgeBatch()
    batch.add_pages(Page.objects.filter(pk__in=page_ids).live().specific())
    batch.add_urls([url for url in extra_urls if url])
    try:
        batch.purge()
    except Exception:  # a CDN outage must not stop an editor from publishing
        logger.exception("CDN purge failed for pages %s", sorted(page_ids)[:20])


def _changes_frame(page, before):
    """Whether the page's change shows in every page's frame: a main-menu entry (a child
    of a home page shown in menus, before or after) whose title, address, publication or
    menu flag changed, or a home page whose address or publication changed. `before` None:
    the page appears or goes away."""
    if page.depth <= 2:
        fields = ("slug", "live")
    elif page.depth == 3:
        fields = ("title", "slug", "live", "show_in_menus")
        if not (page.show_in_menus or (before or {}).get("show_in_menus")):
            return False
    else:
        return False
    return before is None or any(getattr(page, name) != before[name] for name in fields)


def _changes_descendants(page, before):
    """Whether the page's change shows on its descendants (breadcrumbs, addresses)."""
    if before is None:
        return False
    return any(getattr(page, name) != before[name] for name in ("title", "slug", "live"))


# Signal receivers --------------------------------------------------------------------------

SNAPSHOT_FIELDS = ("title", "slug", "live", "show_in_menus")


def on_page_saving(sender, instance, update_fields=None, **kwargs):
    """Before a full save (a publication): what the page was, and what showed it then
    (themes it had)."""
    if not instance.pk or update_fields is not None:
        return
    stored = sender.objects.filter(pk=instance.pk).first()
    if stored is None:
        return
    instance._before_save = {name: getattr(stored, name) for name in SNAPSHOT_FIELDS}
    instance._shown_on_before = _own_shown_on([stored])


def register_site_wide_page(is_site_wide):
    """`is_site_wide(page)` says whether a change to `page` changes every page (the privacy
    notice that kept forms link to, for one): then the whole page cache is flushed."""
    _site_wide_pages.append(is_site_wide)


def _is_site_wide_page(page):
    return any(is_site_wide(page) for is_site_wide in _site_wide_pages)


def on_page_changed(instance, **kwargs):
    if _is_site_wide_page(instance):
        flush_everything()
    before = getattr(instance, "_before_save", None)
    page_ids, footer = pages_showing_pages([instance], _changes_descendants(instance, before))
    page_ids |= getattr(instance, "_shown_on_before", set())
    make_stale(page_ids, with_chrome=footer or _changes_frame(instance, before))


def on_page_unpublished(instance, **kwargs):
    if _is_site_wide_page(instance):
        flush_everything()
    page_ids, footer = pages_showing_pages([instance], with_descendants=True)
    make_stale(page_ids, with_chrome=footer or _changes_frame(instance, None))


def on_page_moving(instance, **kwargs):
    # Before the move: the URLs the CDN holds are the old ones.
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        page_ids, _footer = pages_showing_pages([instance])
        purge_cdn(page_ids, extra_urls=[instance.specific.get_full_url()])


def on_page_moved(instance, **kwargs):
    # Addresses of the page and its descendants changed: rare enough to flush everything.
    flush_everything()
    purge_cdn(pages_showing_pages([instance])[0])


def on_slug_changed(instance, instance_before, **kwargs):
    purge_cdn(set(), extra_urls=[instance_before.get_full_url()])


def on_page_deleting(instance, **kwargs):
    """Before a deletion: who shows the page (and its descendants, deleted with it)."""
    if _is_site_wide_page(instance):
        flush_everything()
    instance._stale_on_delete, footer = pages_showing_pages([instance], with_descendants=True)
    instance._stale_chrome = footer or _changes_frame(instance, None)
    purge_cdn(instance._stale_on_delete)


def on_page_deleted(instance, **kwargs):
    page_ids = getattr(instance, "_stale_on_delete", None)
    if page_ids is None:  # deleted without pre_delete (a bulk delete): be safe
        flush_everything()
        return
    renew_generations(
        [page_generation(pk) for pk in page_ids]
        + [any_page.name]
        + ([chrome.name] if instance._stale_chrome else [])
    )


def on_object_changed(instance):
    model = type(instance)
    if model in _site_wide_models:
        flush_everything()
        return
    page_ids, uses_chrome = pages_showing_object(instance)
    make_stale(page_ids, with_chrome=uses_chrome)


@functools.cache
def _snippet_models():
    # Every save asks: built once, on the first save (snippets are registered by then).
    return frozenset(get_snippet_models())


def _is_shown(sender):
    return (
        sender in _shown_models
        or sender in _chrome_models
        or sender in _site_wide_models
        or sender in _snippet_models()
    )


def on_any_save(sender, instance, created, update_fields=None, **kwargs):
    if not _is_shown(sender) or issubclass(sender, Page):
        return
    save_shows = _shown_models.get(sender, (None, None))[0]
    if save_shows is not None and not save_shows(instance, created):
        return
    if isinstance(instance, DraftStateMixin):
        # A draft (a revision saved, `latest_revision` updated) shows nowhere; publishing
        # saves the whole live object.
        if update_fields is not None or not instance.live:
            return
    on_object_changed(instance)


def on_any_deleting(sender, instance, **kwargs):
    if _is_shown(sender) and not issubclass(sender, Page):
        # Found before the deletion removes the references.
        instance._stale_on_delete = (
            None if sender in _site_wide_models else pages_showing_object(instance)
        )


def on_any_delete(sender, instance, **kwargs):
    if not _is_shown(sender) or issubclass(sender, Page):
        return
    stale = getattr(instance, "_stale_on_delete", None)
    if stale is None:
        flush_everything()
        return
    page_ids, uses_chrome = stale
    make_stale(page_ids, with_chrome=uses_chrome)


def on_unpublished_snippet(sender, instance, **kwargs):
    if not isinstance(instance, Page) and _is_shown(type(instance)):
        on_object_changed(instance)


def connect():
    """Called from CachingConfig.ready(), once every app has registered what it shows."""
    for model in _page_models():
        pre_save.connect(on_page_saving, sender=model)
        wagtail_signals.page_published.connect(on_page_changed, sender=model)
        wagtail_signals.page_unpublished.connect(on_page_unpublished, sender=model)
        wagtail_signals.page_slug_changed.connect(on_slug_changed, sender=model)
        pre_delete.connect(on_page_deleting, sender=model)
        post_delete.connect(on_page_deleted, sender=model)
    wagtail_signals.pre_page_move.connect(on_page_moving)
    wagtail_signals.post_page_move.connect(on_page_moved)

    # Addresses and privacy: a page made private must stop being served at once.
    _site_wide_models.update(
        {Redirect, Site, Locale, PageViewRestriction, CollectionViewRestriction}
    )
    for model in (get_image_model(), get_document_model()):
        register_shown_model(model)
    # Snippets are registered by wagtail_hooks modules, after this runs: looked up on use.
    post_save.connect(on_any_save)
    pre_delete.connect(on_any_deleting)
    post_delete.connect(on_any_delete)
    # Unpublishing a snippet with drafts saves it with update_fields: announced apart.
    wagtail_signals.unpublished.connect(on_unpublished_snippet)
