"""A page's privacy holds for every language version of it.

Wagtail keeps a view restriction per page, and a translation is another page, in its
language's tree: a page made private (or given a password) in English stayed public at its
French, Spanish and Arabic addresses. Privacy is therefore synchronised across a translation
key, as wagtail-localize synchronises a page's other non-text fields: setting, changing or
removing the restriction of any language version does the same to the others (in place, so
a visitor's open password form keeps working). A new translation of a restricted page starts
with its restriction (Wagtail's page copy, which wagtail-localize uses, copies it; its copy
is then passed on like any other change); an alias serves nothing of its own (it sends
visitors to the page it copies). Deleting a page leaves its translations' restrictions as
they are: a deletion never makes another page public.

Restrictions inherited from an ancestor follow by themselves: the ancestor's translations
are restricted too, and a translation lies under its parent's translation.
"""

import threading

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction

_state = threading.local()


def _busy():
    return getattr(_state, "syncing", False)


def _deleting():
    """{page id: pending deletion signals}: a page's row and its type's row are deleted
    apart, each with its signals, and its restrictions go between them."""
    if not hasattr(_state, "deleting"):
        _state.deleting = {}
    return _state.deleting


def _settings(restriction):
    return (
        restriction.restriction_type,
        restriction.password,
        sorted(restriction.groups.values_list("pk", flat=True)),
    )


def mirror(page_id, onto):
    """Give the pages `onto` the view restriction of page `page_id` (Wagtail's privacy
    dialog sets one per page), or none if it has none of its own."""
    source = PageViewRestriction.objects.filter(page_id=page_id).order_by("pk").first()
    wanted = _settings(source) if source is not None else None
    _state.syncing = True
    try:
        for other in onto:
            held = list(PageViewRestriction.objects.filter(page=other).order_by("pk"))
            kept = held[0] if held and wanted is not None else None
            for surplus in held[1:] if kept else held:
                surplus.delete()
            if wanted is None or (kept is not None and _settings(kept) == wanted):
                continue
            kept = kept or PageViewRestriction(page=other)
            kept.restriction_type, kept.password, groups = wanted
            kept.save()
            kept.groups.set(groups)
    finally:
        _state.syncing = False


def _translations(page_id):
    page = Page.objects.filter(pk=page_id).only("translation_key").first()
    if page is None:
        return []
    return list(Page.objects.filter(translation_key=page.translation_key).exclude(pk=page_id))


def on_restriction_changed(sender, instance, **kwargs):
    if not _busy() and instance.page_id not in _deleting():
        mirror(instance.page_id, _translations(instance.page_id))


def on_groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        on_restriction_changed(sender, instance)


def on_page_deleting(sender, instance, **kwargs):
    # Django deletes a page's restrictions with it: not a privacy change to pass on.
    if isinstance(instance, Page):
        deleting = _deleting()
        deleting[instance.pk] = deleting.get(instance.pk, 0) + 1


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        deleting = _deleting()
        deleting[instance.pk] = deleting.get(instance.pk, 1) - 1
        if deleting[instance.pk] <= 0:
            del deleting[instance.pk]


def connect():
    """Called from CoreConfig.ready()."""
    post_save.connect(on_restriction_changed, sender=PageViewRestriction)
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction)
    m2m_changed.connect(on_groups_changed, sender=PageViewRestriction.groups.through)
    # Any page type: signals of subclasses are sent with the subclass as sender.
    pre_delete.connect(on_page_deleting)
    post_delete.connect(on_page_deleted)
