"""Images and renditions served from the local file system (`core.views.public_media`):
who may see them, and a rendition file that went missing made again.

Privacy: Wagtail's collection view restrictions guard documents only; images are files
anyone can fetch. Here an image (or any rendition of it) in a restricted collection is
served only to a visitor the restriction accepts, and never cached by a shared cache.
Apps add the collections whose privacy an image also follows with
`register_image_collections()` (a PDF's cover follows its document's: resources.covers).

A rendition whose file is missing is drawn again when requested (core.images).
"""

_collection_finders = []


def register_image_collections(finder):
    """`finder(image)` gives the collections, beside the image's own, whose view
    restrictions apply to it (e.g. the collection of the document a cover shows)."""
    _collection_finders.append(finder)


def view_restrictions(image):
    """(the collection view restrictions that apply to `image`, whether its privacy follows
    another object's: a cover's document may move to a restricted collection any day)."""
    collections = [image.collection]
    for finder in _collection_finders:
        collections.extend(finder(image))
    restrictions = []
    for collection in collections:
        restrictions.extend(collection.get_view_restrictions())
    return restrictions, len(collections) > 1


def refused(request, restrictions):
    return any(not restriction.accept_request(request) for restriction in restrictions)
