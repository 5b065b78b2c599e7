"""The translator inbox on the admin home, and right-to-left Arabic in the admin."""

import re

import pytest
from wagtail.models import Locale

from taxonomy.factories import translate_page
from tests.localization.conftest import TRANSLATIONS, translation_for
from tests.localization.test_dashboard import new_source_page

pytestmark = pytest.mark.django_db


def inbox_items(client):
    html = client.get("/admin/").content.decode()
    panel = re.search(r'<section class="panel" id="translator-inbox".*?</section>', html, re.S)
    assert panel, "no inbox panel"
    return re.findall(r'<li data-state="(\w+)">\s*<a href="([^"]+)">([^<]+)</a>', panel.group(0))


def submit(client, page, code):
    client.post(
        f"/admin/localize/submit/page/{page.pk}/",
        {"locales": [Locale.objects.get(language_code=code).pk]},
    )


def test_inbox_lists_what_waits_in_the_language_newest_first(users, login):
    editor = login(users["editor"])
    older = new_source_page(users["editor"], title="Older guide")
    newer = new_source_page(users["editor"], title="Newer guide")
    submit(editor, older, "es")
    submit(editor, newer, "es")
    submit(editor, new_source_page(users["editor"], title="French only"), "fr")
    assert 'id="translator-inbox"' not in editor.get("/admin/").content.decode()

    translator = login(users["translator_es"])
    items = inbox_items(translator)
    titles = [title for _state, _url, title in items]
    assert titles[:2] == ["Newer guide", "Older guide"]
    assert "French only" not in titles
    spanish = Locale.objects.get(language_code="es")
    assert items[1][1] == f"/admin/pages/{older.get_translation(spanish).pk}/edit/"
    response = translator.get(items[1][1])  # the translation editor
    assert response.status_code == 200
    assert "Older guide" in response.content.decode()

    # Marking the older one ready moves it to the top, for the Spanish reviewer too.
    translation = translation_for(older, "es")
    translator.post(
        f"/admin/translation-workflow/translation/{translation.pk}/", {"action": "ready"}
    )
    reviewer_items = inbox_items(login(users["reviewer_es"]))
    assert reviewer_items[0][0] == "ready" and reviewer_items[0][2] == "Older guide"


def test_arabic_edit_views_carry_their_language_for_the_rtl_script(admin_client, about):
    arabic = translate_page(about["en"], "ar", TRANSLATIONS["ar"])
    html = admin_client.get(f"/admin/pages/{arabic.pk}/edit/").content.decode()
    assert "localization/rtl.js" in html
    assert 'data-props="' in html  # wagtail-localize's editor, whose props name the locale
    assert "&quot;code&quot;: &quot;ar&quot;" in html
    theme_page = about["en"]
    html = admin_client.get(f"/admin/pages/{theme_page.pk}/edit/").content.decode()
    assert 'data-content-locale="en"' in html
