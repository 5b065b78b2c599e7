from html import unescape

import pytest

from home.models import StandardPage
from tests.conftest import LANGUAGES, translation_of

pytestmark = pytest.mark.django_db

NOT_FOUND = {
    "en": "Page not found",
    "fr": "Page introuvable",
    "es": "Página no encontrada",
    "ar": "الصفحة غير موجودة",
}
SERVER_ERROR = {
    "en": "Something went wrong on our side",
    "fr": "Une erreur s’est produite de notre côté",
    "es": "Algo ha fallado por nuestra parte",
    "ar": "حدث خطأ من جهتنا",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_missing_page_gives_a_404_in_the_requested_language(client, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert NOT_FOUND[language] in html
    assert f'<html lang="{language}"' in html
    assert 'name="robots" content="noindex"' in html


ABOUT_TITLES = {"en": "About the committee", "fr": "À propos de la Commission"}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_404_page_offers_a_search_and_the_main_sections(client, about, language):
    html = client.get(f"/{language}/no-such-page/").content.decode()
    search = html[html.index('<form class="search-form"') :]
    search = search[: search.index("</form>")]
    assert f'action="/{language}/' in search and 'name="q"' in search
    sections = html[html.index('class="error-page__sections"') :]
    sections = sections[: sections.index("</ul>")]
    assert f'href="{translation_of(about, language).url}"' in sections
    assert ABOUT_TITLES[language] in unescape(sections)


@pytest.mark.parametrize("language", LANGUAGES)
def test_server_error_shows_a_page_in_the_visitors_language_without_a_trace(
    client, monkeypatch, language, settings, about
):
    assert settings.DEBUG is False

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(StandardPage, "serve", broken)
    response = client.get(translation_of(about, language).url)
    assert response.status_code == 500
    html = response.content.decode()
    assert SERVER_ERROR[language] in html
    assert "Traceback" not in html and "secret internal detail" not in html
