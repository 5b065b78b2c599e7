import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page

from tests.conftest import LANGUAGES, translation_of

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_every_languages_pages_with_their_alternates(client, about, privacy):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("sm:url", NS):
        loc = url.find("sm:loc", NS).text
        entries[loc] = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
    live_pages = Page.objects.live().filter(depth__gte=2, alias_of__isnull=True)
    assert len(entries) == live_pages.count() == 12
    for language in LANGUAGES:
        assert f"http://testserver/{language}/" in entries
    about = entries["http://testserver/es/acerca-de/"]
    assert about == {
        "en": "http://testserver/en/about/",
        "fr": "http://testserver/fr/a-propos/",
        "es": "http://testserver/es/acerca-de/",
        "ar": "http://testserver/ar/about/",
        "x-default": "http://testserver/en/about/",
    }
    # Reciprocal: every version lists the same alternates.
    for href in about.values():
        assert entries[href] == about


def test_unpublished_pages_are_not_in_the_sitemap(client, privacy):
    translation_of(privacy, "fr").unpublish()
    content = client.get("/sitemap.xml").content.decode()
    assert "/fr/confidentialite/" not in content
    assert "/en/privacy/" in content


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
