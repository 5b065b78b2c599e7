"""Private sections are left out of every public listing at once, though the restrictions
are kept per process (core.visibility): a restriction's change is a site-wide flush."""

import pytest
from wagtail.models import PageViewRestriction

from tests.conftest import translation_of

pytestmark = pytest.mark.django_db


def shown_on(client, url, title):
    return title in client.get(url).content.decode()


def test_a_page_made_private_leaves_listings_sitemap_and_language_links_at_once(
    client, shared_site_tree
):
    resource, library = shared_site_tree["ResourcePage"], shared_site_tree["ResourceLibraryPage"]
    french = translation_of(resource, "fr")
    # Seen first while public: the restrictions this process keeps say "none".
    assert shown_on(client, library.url, resource.title)
    assert shown_on(client, "/sitemap.xml", resource.url)
    assert shown_on(client, french.url, f'hreflang="en" href="http://testserver{resource.url}"')

    restriction = PageViewRestriction.objects.create(
        page=resource, restriction_type=PageViewRestriction.PASSWORD, password="committee"
    )
    assert not shown_on(client, library.url, resource.title)
    assert not shown_on(client, "/sitemap.xml", resource.url)
    assert not shown_on(client, french.url, f'href="http://testserver{resource.url}"')
    # Private in every language (core.translated_privacy): gone from its own section too.
    assert not shown_on(client, translation_of(library, "fr").url, french.title)

    restriction.delete()
    assert shown_on(client, library.url, resource.title)
    assert shown_on(client, "/sitemap.xml", resource.url)
    assert shown_on(client, translation_of(library, "fr").url, french.title)


def test_a_restricted_section_hides_its_descendants_too(client, shared_site_tree):
    library, resource = shared_site_tree["ResourceLibraryPage"], shared_site_tree["ResourcePage"]
    home = shared_site_tree["HomePage"]
    library.show_in_menus = True
    library.save_revision().publish()
    assert shown_on(client, home.url, f'href="{library.url}"')  # in the main menu
    PageViewRestriction.objects.create(page=library, restriction_type=PageViewRestriction.LOGIN)
    assert not shown_on(client, "/sitemap.xml", resource.url)
    assert not shown_on(client, home.url, f'href="{library.url}"')
