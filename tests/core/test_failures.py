"""The site stays up when a part fails: database down → 503 page; missing media → 404."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connections
from wagtail_factories import DocumentFactory, ImageFactory

from resources.factories import ResourcePageFactory
from resources.models import ResourceLibraryPage
from tests.conftest import LANGUAGES, add_page, search_url

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

UNAVAILABLE = {
    "en": "Temporarily unavailable",
    "fr": "Momentanément indisponible",
    "es": "No disponible temporalmente",
    "ar": "غير متاح مؤقتًا",
}


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails as it does when the server is unreachable."""

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "db" failed: Connection refused')

    monkeypatch.setattr(connections["default"], "ensure_connection", refuse)


@pytest.mark.parametrize("language", LANGUAGES)
def test_database_down_gives_a_static_503_in_the_language_of_the_url(
    client, database_down, language
):
    for path in (f"/{language}/", f"{search_url(language)}?q=housing"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert response["Retry-After"] == "120"
        html = response.content.decode()
        assert UNAVAILABLE[language] in html
        assert f'<html lang="{language}"' in html
        assert "OperationalError" not in html and "Connection refused" not in html


def test_database_down_at_the_root_answers_in_the_browsers_language(client, database_down):
    response = client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    assert response.status_code == 503
    assert UNAVAILABLE["es"] in response.content.decode()


UNREACHABLE_POSTGRESQL = """
import django
django.setup()
from django.test import Client
response = Client(raise_request_exception=False).get("/fr/")
print(response.status_code, response["Retry-After"])
print(response.content.decode())
"""


def test_an_unreachable_postgresql_server_gives_the_503_page():
    # Port 9 (discard) on the loopback: nothing listens, the connection is refused at once.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.test",
        "DATABASE_URL": "postgresql://postgres@127.0.0.1:9/unreachable",
    }
    result = subprocess.run(
        [sys.executable, "-c", UNREACHABLE_POSTGRESQL],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.startswith("503 120"), result.stdout + result.stderr
    assert UNAVAILABLE["fr"] in result.stdout


def test_a_document_whose_file_is_missing_is_a_404_not_a_500(client):
    document = DocumentFactory()
    assert client.get(document.url).status_code == 200
    Path(document.file.path).unlink()
    response = client.get(document.url)
    assert response.status_code == 404


def test_a_page_whose_image_file_is_missing_still_renders(client, home):
    image = ImageFactory()
    library = add_page(home, ResourceLibraryPage, title="Library", slug="library")
    page = add_page(library, ResourcePageFactory)
    page.cover_image = image
    page.save_revision().publish()
    Path(image.file.path).unlink()
    response = client.get(page.url)
    assert response.status_code == 200
    assert f'<h1 class="page-header__title">{page.title}</h1>' in response.content.decode()


def test_a_form_posted_without_a_field_its_view_reads_is_a_bad_request(admin_client, home):
    """Wagtail's page copy reads `new_parent_page` from the POST without checking it."""
    response = admin_client.post(f"/admin/pages/{home.pk}/copy/", {})
    assert response.status_code == 400
