"""Machine translation: configured from the environment, off without it; the editor's
machine-translate action works with it (a fake translator here, never the network)."""

import pytest
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.strings import StringValue

from settings.base import machine_translator_from_env
from tests.localization.conftest import refused, translation_for
from tests.localization.test_dashboard import new_source_page

FAKE = {"CLASS": "tests.localization.test_machine_translation.FakeTranslator"}


class FakeTranslator(BaseMachineTranslator):
    display_name = "Fake translator"

    def translate(self, source_locale, target_locale, strings):
        code = target_locale.language_code
        return {string: StringValue(f"[{code}] {string.data}") for string in strings}

    def can_translate(self, source_locale, target_locale):
        return source_locale != target_locale


def test_configuration_comes_from_the_environment():
    assert machine_translator_from_env({}) is None
    deepl = machine_translator_from_env({"DEEPL_API_KEY": "k:fx"})
    assert deepl["CLASS"].endswith("DeepLTranslator") and deepl["OPTIONS"]["AUTH_KEY"] == "k:fx"
    libre = machine_translator_from_env({"LIBRETRANSLATE_URL": "http://127.0.0.1:5000"})
    assert libre["CLASS"].endswith("LibreTranslator")
    assert libre["OPTIONS"] == {"LIBRETRANSLATE_URL": "http://127.0.0.1:5000", "API_KEY": ""}


@pytest.fixture
def spanish_translation(db, users, login):
    from wagtail.models import Locale

    page = new_source_page(users["editor"], title="Safe streets")
    login(users["editor"]).post(
        f"/admin/localize/submit/page/{page.pk}/",
        {"locales": [Locale.objects.get(language_code="es").pk]},
    )
    return translation_for(page, "es")


def machine_translate(client, translation):
    return client.post(
        f"/admin/localize/translate/{translation.pk}/machine_translate/",
        {"next": "/admin/"},
    )


def translated_strings(translation):
    segments = StringSegment.objects.filter(source=translation.source)
    return StringTranslation.objects.filter(
        locale=translation.target_locale,
        translation_of__in=segments.values("string"),
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    )


def test_translator_machine_translates_their_language(settings, users, login, spanish_translation):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = FAKE
    client = login(users["translator_es"])
    page_id = spanish_translation.get_target_instance().pk
    assert b"Fake translator" in client.get(f"/admin/pages/{page_id}/edit/").content
    assert machine_translate(client, spanish_translation).status_code == 302
    assert "[es] Safe streets" in set(
        translated_strings(spanish_translation).values_list("data", flat=True)
    )
    assert refused(machine_translate(login(users["translator_fr"]), spanish_translation))


def test_machine_translation_is_off_without_configuration(
    settings, users, login, spanish_translation
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    client = login(users["translator_es"])
    response = machine_translate(client, spanish_translation)
    # wagtail-localize answers 404; LocaleMiddleware turns an unprefixed 404 into a redirect.
    assert response.status_code == 404 or response["Location"].startswith("/en/admin/")
    page_id = spanish_translation.get_target_instance().pk
    assert b"Fake translator" not in client.get(f"/admin/pages/{page_id}/edit/").content
    assert not translated_strings(spanish_translation).exists()
