"""What renews the library's facet index (resources.facet_index): any change to what it
indexes, that is resources, their files, view restrictions and the taxonomy items facets
name."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

from core.media import register_image_collections
from resources import covers
from resources.facet_index import index_generation
from resources.models import ResourceFile, ResourcePage
from taxonomy.models import Partner, Theme

# A save that names only these fields (drafts, locks, revisions) changes nothing indexed.
UNINDEXED_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
}


def on_save(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= UNINDEXED_FIELDS:
        return
    index_generation.renew()


def connect():
    """Called from ResourcesConfig.ready()."""
    # Every PDF uploaded gets a cover drawn from its first page (resources.covers).
    post_save.connect(
        covers.on_document_saved, sender=get_document_model(), dispatch_uid="document-cover"
    )
    # A cover is served only to whom its document's collection lets in.
    register_image_collections(covers.document_collections)
    for model in (ResourcePage, ResourceFile, PageViewRestriction):
        post_save.connect(on_save, sender=model, dispatch_uid=f"library-index-{model.__name__}")
    # Deleting a taxonomy item removes its links to resources without saving them.
    for model in (ResourcePage, ResourceFile, PageViewRestriction, Theme, Partner):
        post_delete.connect(
            index_generation.renew,
            sender=model,
            dispatch_uid=f"library-index-del-{model.__name__}",
        )
    post_page_move.connect(
        index_generation.renew, sender=ResourcePage, dispatch_uid="library-index-move"
    )
