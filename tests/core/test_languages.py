"""Language prefixes, redirects from `/`, <html lang dir>, and the missing-home fallback."""

import pytest

from tests.conftest import LANGUAGES, translation_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr", "/fr/"),
        ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"),
        ("es-419,es;q=0.9", "/es/"),
        ("ar-MA", "/ar/"),
        ("de-DE,de;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_to_the_browsers_best_language(client, header, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_home_page_has_the_right_lang_and_direction(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


@pytest.mark.parametrize(
    "header",
    [
        "*;q=abc",
        "fr;q=1.5,,,;;",
        "x" * 5000,
        "ar" + ";q=0" * 400,
        "\u00e9\u00e9;q=0.5",
        "en-,-fr",
    ],
)
def test_malformed_accept_language_never_breaks_the_redirect(client, header):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code in (301, 302)
    assert response["Location"] in {f"/{code}/" for code in LANGUAGES}


@pytest.mark.parametrize(
    "path",
    [
        "/xx/",
        "/zz-ZZ/about/",
        "/en/" + "a/" * 600,
        "/en/%00/",
        "/fr/..%2f..%2fetc/passwd",
        "/es/" + "\u0645" * 300 + "/",
        "/en/%ff%fe/",
        "/en//double//slashes/",
    ],
)
def test_unknown_prefixes_and_odd_paths_give_404_or_redirect(client, path):
    response = client.get(path)
    assert response.status_code in (301, 302, 404)


def test_a_language_without_a_live_home_sends_visitors_to_the_default_language(client, home):
    spanish_home = translation_of(home, "es")
    spanish_home.unpublish()

    response = client.get("/es/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    response = client.get("/es/acerca-de/?q=1")
    assert response["Location"] == "/en/acerca-de/?q=1"
    # Other languages are untouched.
    assert client.get("/fr/").status_code == 200
