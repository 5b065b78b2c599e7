"""A translator's day in a browser: inbox → translation editor → ready for review; the
reviewer publishes; the public Spanish page shows the text. And Arabic reads right to left
in the translation editor."""

import re

import pytest

from tests.browser.conftest import live_site_shell
from tests.browser.conftest import log_in as browser_log_in

SETUP = """
from django.contrib.auth.models import Group
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from home.models import HomePage, StandardPage

User = get_user_model()
for name, group in [("b-translator-es", "Translators (es)"), ("b-reviewer-es", "Reviewers (es)"),
                    ("b-translator-ar", "Translators (ar)")]:
    user = User.objects.create_user(name, name + "@example.org", "pw-" + name)
    user.groups.add(Group.objects.get(name=group))
home = HomePage.objects.get(locale__language_code="en")
page = home.add_child(instance=StandardPage(
    title="Street lighting", slug="street-lighting", introduction="Light for everyone."))
page.save_revision().publish()
source, _ = TranslationSource.get_or_create_from_instance(page)
for code in ("es", "ar"):
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code=code))
    translation.save_target(publish=False)  # what "Translate this page" does: a draft
# An Arabic page edited in Wagtail's own editor (its synced translation stopped).
plain = home.add_child(instance=StandardPage(
    title="Public toilets", slug="public-toilets", introduction="Clean and free."))
plain.save_revision().publish()
plain_source, _ = TranslationSource.get_or_create_from_instance(plain)
stopped = Translation.objects.create(
    source=plain_source, target_locale=Locale.objects.get(language_code="ar"))
stopped.save_target(publish=False)
stopped.enabled = False
stopped.save()
print(plain.get_translation(Locale.objects.get(language_code="ar")).pk)
print(page.pk)
"""


@pytest.fixture(scope="module")
def setup_ids(live_site):
    plain_arabic_id, source_id = live_site_shell(SETUP).strip().splitlines()[-2:]
    return {"source": int(source_id), "plain_arabic": int(plain_arabic_id)}


@pytest.fixture(scope="module")
def source_page_id(setup_ids):
    return setup_ids["source"]


def log_in(page, live_site, username):
    browser_log_in(page, live_site, username, "pw-" + username)


def translate_button(page):
    return page.get_by_role("button", name="Translate", exact=True).locator("visible=true").first


def translate_strings(page, texts):
    """Fill the visible untranslated segments of wagtail-localize's editor, in order."""
    for text in texts:
        translate_button(page).click()
        page.locator("textarea").fill(text)
        page.get_by_role("button", name="Save", exact=True).click()
        page.locator("textarea").wait_for(state="detached")


def test_translator_to_reviewer_to_public_page(live_site, source_page_id, make_page):
    translator = make_page()
    log_in(translator, live_site, "b-translator-es")
    inbox = translator.locator("#translator-inbox")
    inbox.get_by_role("link", name="Street lighting").click()
    translator.wait_for_selector(".js-translation-editor")
    translate_strings(translator, ["Alumbrado público", "Luz para todas las personas."])
    translator.get_by_role("tab", name="Promote").click()
    translate_strings(translator, ["alumbrado-publico"])
    translator.goto(f"{live_site}/admin/")
    inbox.locator("li", has_text="Street lighting").get_by_role("link", name="Review").click()
    translator.get_by_role("button", name="Mark ready for review").click()
    assert "Ready for review" in translator.locator("#l10n-state").inner_text()

    reviewer = make_page()
    log_in(reviewer, live_site, "b-reviewer-es")
    item = reviewer.locator("#translator-inbox li", has_text="Street lighting")
    assert item.get_attribute("data-state") == "ready"
    item.get_by_role("link", name="Review").click()
    reviewer.get_by_role("button", name="Publish").click()
    assert "Up to date" in reviewer.locator("#l10n-state").inner_text()
    assert "b-translator-es" in reviewer.locator("#l10n-history").inner_text()

    visitor = make_page()
    response = visitor.goto(f"{live_site}/es/alumbrado-publico/")
    assert response.status == 200
    assert visitor.locator("h1").inner_text() == "Alumbrado público"
    assert "Luz para todas las personas." in visitor.content()


def test_arabic_strings_read_right_to_left_in_the_editor(live_site, source_page_id, make_page):
    page = make_page()
    log_in(page, live_site, "b-translator-ar")
    page.locator("#translator-inbox").get_by_role("link", name="Street lighting").click()
    page.wait_for_selector(".js-translation-editor")
    translate_button(page).click()
    textarea = page.locator("textarea")
    assert textarea.get_attribute("dir") == "rtl"
    textarea.fill("إنارة الشوارع")
    page.get_by_role("button", name="Save", exact=True).click()
    saved = page.get_by_text("إنارة الشوارع")
    saved.wait_for()
    assert saved.evaluate("node => getComputedStyle(node).direction") == "rtl"
    # Arabic script has no italics: wagtail-localize's slanted translations are set upright.
    assert saved.evaluate("node => getComputedStyle(node).fontStyle") == "normal"
    # The English source strings stay left to right.
    source = page.get_by_text("Light for everyone.")
    assert source.evaluate("node => getComputedStyle(node).direction") == "ltr"
    assert re.search(r"/admin/pages/\d+/edit/", page.url)


def test_arabic_fields_read_right_to_left_in_wagtails_editor(live_site, setup_ids, make_page):
    page = make_page()
    log_in(page, live_site, "b-translator-ar")
    page.goto(f"{live_site}/admin/pages/{setup_ids['plain_arabic']}/edit/")
    title = page.locator("#id_title")
    title.wait_for()
    assert title.get_attribute("dir") == "rtl"
    assert page.locator("#id_introduction").get_attribute("dir") == "rtl"


def test_dashboard_and_inbox_are_accessible(live_site, source_page_id, make_page):
    from tests.browser.conftest import assert_no_axe_violations

    page = make_page()
    log_in(page, live_site, "b-reviewer-es")
    page.locator("#translator-inbox").wait_for()
    page.goto(f"{live_site}/admin/translation-workflow/")
    assert page.locator("#l10n-status tbody tr").count() > 10
    assert_no_axe_violations(page)


def test_a_translators_editor_and_listings_hold_only_what_they_may_do(
    live_site, source_page_id, make_page
):
    names = live_site_shell(
        "from taxonomy.models import Theme\n"
        "from wagtail.models import Locale, Page\n"
        "from core.models import FooterContent\n"
        "for code in ('en', 'es'):\n"
        "    print(code, '|'.join(Theme.objects.filter(locale__language_code=code)"
        ".values_list('name', flat=True)))\n"
        "print('footers', FooterContent.objects.filter(locale__language_code='es').count())\n"
        f"source = Page.objects.get(pk={source_page_id})\n"
        "print('spanish', source.get_translation(Locale.objects.get(language_code='es')).pk)\n"
    ).splitlines()
    spanish_page_id = int(next(line for line in names if line.startswith("spanish ")).split()[1])
    names = [line for line in names if line.startswith(("en ", "es ", "footers "))]
    themes = {line.split(" ", 1)[0]: line.split(" ", 1)[1].split("|") for line in names[:2]}
    assert themes["es"] and names[2] == "footers 1"
    page = make_page()
    log_in(page, live_site, "b-translator-es")
    # Whatever state the other tests left it in, the Spanish version's editor is
    # wagtail-localize's (the translation is synced).
    page.goto(f"{live_site}/admin/pages/{spanish_page_id}/edit/")
    page.wait_for_selector(".js-translation-editor footer")
    footer = page.locator(".js-translation-editor footer")
    footer.wait_for()
    buttons = page.locator(".js-translation-editor footer :is(a, button)")
    labels = " | ".join(buttons.all_inner_texts()) + " | " + footer.inner_html()
    for unwanted in (
        "Stop Synced translation",
        "Convert to alias",
        "/disable/",
        "convert_to_alias",
    ):
        assert unwanted not in labels
    assert "Moderat" not in page.content() and "Submit to" not in page.content()

    page.goto(f"{live_site}/admin/snippets/taxonomy/theme/")
    assert page.url.endswith("/admin/snippets/taxonomy/theme/?locale=es")
    listing = page.locator("main").inner_text()
    assert all(name in listing for name in themes["es"])
    assert not any(name in listing for name in themes["en"] if name not in themes["es"])
    page.goto(f"{live_site}/admin/snippets/core/footercontent/")
    assert page.url.endswith("/admin/snippets/core/footercontent/?locale=es")
    assert page.locator("main table tbody tr").count() == 1


REVIEW_SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from core.localize import translate
from home.models import HomePage, StandardPage
from localization import workflow

editor = get_user_model().objects.create_user("b-editor", "b-editor@example.org", "pw-b-editor")
editor.groups.add(Group.objects.get(name="Communications editors"))
home = HomePage.objects.get(locale__language_code="en")
page = home.add_child(instance=StandardPage(
    title="Bus shelters", slug="bus-shelters", introduction="Shade at every stop."))
page.save_revision().publish()
translate(page, "es", {"Bus shelters": "Marquesinas", "bus-shelters": "marquesinas",
                       "Shade at every stop.": "Sombra en cada parada."})
translation = Translation.objects.get(source__object_id=page.translation_key,
                                      target_locale__language_code="es")
page.introduction = "Shade and a bench at every stop."
page.save_revision().publish()
workflow.sync(TranslationSource.objects.get_for_instance(page), None)
print(translation.pk)
"""


@pytest.fixture(scope="module")
def review_translation_id(live_site, setup_ids):
    return int(live_site_shell(REVIEW_SETUP).strip().splitlines()[-1])


def test_the_inbox_po_files_review_confirmations_and_email_settings_are_accessible(
    live_site, review_translation_id, make_page
):
    from tests.browser.conftest import assert_no_axe_violations

    review = f"{live_site}/admin/translation-workflow/translation/{review_translation_id}/"
    reviewer = make_page(width=360, height=800)
    log_in(reviewer, live_site, "b-reviewer-es")
    reviewer.locator("#translator-inbox").wait_for()  # the admin's home, with the inbox
    assert_no_axe_violations(reviewer)
    reviewer.goto(f"{live_site}/admin/translation-workflow/files/es/")  # PO files
    assert reviewer.locator("input[type=file]").count() == 1
    assert_no_axe_violations(reviewer)
    reviewer.goto(review)
    changes = reviewer.locator("#l10n-changes")
    assert "Shade and a bench at every stop." in changes.inner_text()
    assert_no_axe_violations(reviewer)
    # The table scrolls sideways on a phone, and from the keyboard.
    assert changes.locator("xpath=..").get_attribute("tabindex") == "0"
    reviewer.get_by_role("button", name="Publish", exact=True).click()
    confirmation = reviewer.locator("#l10n-confirm-incomplete")
    assert "Introduction" in confirmation.inner_text()
    assert_no_axe_violations(reviewer)

    editor = make_page()
    log_in(editor, live_site, "b-editor")
    editor.goto(f"{live_site}/admin/localize/translate/{review_translation_id}/disable/")
    assert editor.get_by_role("button", name=re.compile("Stop")).count() == 1
    assert_no_axe_violations(editor)

    translator = make_page()
    log_in(translator, live_site, "b-translator-es")
    translator.goto(f"{live_site}/admin/account/")
    translator.get_by_role("tab", name="Notifications").click()
    assert translator.get_by_label("New work in my language").is_checked()
    assert_no_axe_violations(translator)


def test_a_snippet_chooser_in_a_french_pages_editor_opens_on_french_partners(
    live_site, review_translation_id, make_page
):
    french_plan_id = int(
        live_site_shell(
            "from themes.models import ActionPlanPage\n"
            "print(ActionPlanPage.objects.get(locale__language_code='fr', alias_of=None).pk)\n"
        )
        .strip()
        .splitlines()[-1]
    )
    page = make_page()
    log_in(page, live_site, "b-editor")
    page.goto(f"{live_site}/admin/pages/{french_plan_id}/edit/")
    chooser = page.locator('[data-chooser-url*="/snippets/choose/taxonomy/partner/"]').first
    chooser.wait_for(state="attached")
    # The first partner chooser of the panels: open its modal as an editor would. Wagtail
    # passes the page's language (its active content locale) to the chooser's locale filter.
    chooser.evaluate("node => node.widget.openChooserModal()")
    locale = page.locator(".modal select[name=locale]")
    locale.wait_for()
    assert locale.input_value() == "fr"
