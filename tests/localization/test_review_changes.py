"""The review page shows reviewers what changed since the translation was last published,
string by string: the source before and now, the translation before and now."""

import re

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment

from tests.localization.conftest import new_source_page, put, translation_for

pytestmark = pytest.mark.django_db

SPANISH = {
    "Housing first, a local guide": "Vivienda primero, una guía local",
    "Why housing comes first.": "Por qué la vivienda va primero.",
    "<p>Cities lead the way.</p>": "Las ciudades abren el camino.",
    "Cities lead the way.": "Las ciudades abren el camino.",
}


def translate_all(client, translation, strings):
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        text = segment.string.data
        put(client, translation, segment, strings.get(text, text))


def changes(client, translation):
    """The review page's rows of changes: [field, source before, source now, translation
    before, translation now], or None when the page shows no such section."""
    html = client.get(f"/admin/translation-workflow/translation/{translation.pk}/").content
    table = re.search(r'<table class="listing l10n-changes".*?</table>', html.decode(), re.S)
    if table is None:
        return None
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", table.group(0), re.S)
    cells = []
    for row in rows:
        field, rest = row.split("</th>", 1)
        values = re.findall(r"<td[^>]*>(.*?)</td>", rest, re.S)
        cells.append([field] + [re.sub(r"<[^>]+>", "", value) for value in values])
    return cells


def test_the_review_page_lists_each_string_that_changed_since_publication(
    users, login, django_capture_on_commit_callbacks
):
    editor = login(users["editor"])
    page = new_source_page(users["editor"])
    spanish = Locale.objects.get(language_code="es")
    editor.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [spanish.pk]})
    translation = translation_for(page, "es")
    detail = f"/admin/translation-workflow/translation/{translation.pk}/"
    translate_all(login(users["translator_es"]), translation, SPANISH)
    reviewer = login(users["reviewer_es"])
    assert changes(reviewer, translation) is None  # never published: all of it is new
    with django_capture_on_commit_callbacks(execute=True):
        assert reviewer.post(detail, {"action": "publish"}).status_code == 302
    html = reviewer.get(detail).content.decode()
    assert "Nothing has changed since the last publication." in html

    page.refresh_from_db()
    page.introduction = "Why housing comes first, and what it costs."
    page.save_revision(user=users["editor"]).publish(user=users["editor"])
    login(users["editor"]).post(f"/admin/localize/update/{translation.source.pk}/", {})
    reviewer = login(users["reviewer_es"])
    assert changes(reviewer, translation) == [
        [
            "Introduction",
            "Why housing comes first.",
            "Why housing comes first, and what it costs.",
            "Por qué la vivienda va primero.",
            "not translated",
        ]
    ]

    translator = login(users["translator_es"])
    segment = StringSegment.objects.get(
        source=translation.source, string__data="Why housing comes first, and what it costs."
    )
    put(translator, translation, segment, "Por qué la vivienda va primero, y cuánto cuesta.")
    assert changes(login(users["reviewer_es"]), translation)[0][4] == (
        "Por qué la vivienda va primero, y cuánto cuesta."
    )
    # The Spanish cells say their language (screen readers, right-to-left scripts).
    html = reviewer.get(detail).content.decode()
    assert '<td lang="es" dir="ltr">' in html and '<td lang="en" dir="ltr">' in html
