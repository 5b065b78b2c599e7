"""Events in a real browser: accessibility in four languages, filters by keyboard."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

INDEX = {"en": "/en/events/", "fr": "/fr/evenements/", "es": "/es/eventos/", "ar": "/ar/events/"}
EVENT = {
    "en": "/en/events/policy-debate-unaccompanied-minors/",
    "fr": "/fr/evenements/debat-mineurs-non-accompagnes/",
    "es": "/es/eventos/debate-menores-no-acompanados/",
    "ar": "/ar/events/policy-debate-unaccompanied-minors/",
}


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_events_index_and_event_page_have_no_accessibility_violations(page, live_site, language):
    for url in (INDEX[language], INDEX[language] + "?when=past", EVENT[language]):
        response = page.goto(live_site + url)
        assert response.status == 200
        assert_no_axe_violations(page)


def test_filters_work_from_the_keyboard_without_javascript(browser, live_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site + INDEX["en"])
    page.focus("#id_kind")
    page.select_option("#id_kind", "webinar")
    for _ in range(10):  # Tab to the Filter button, then press it
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**kind=webinar**")
    titles = page.locator(".card__link").all_inner_texts()
    assert titles == ["Webinar: cooperation with civil society"]
    context.close()


def test_calendar_download_is_offered(page, live_site):
    page.goto(live_site + EVENT["ar"])
    assert page.evaluate("document.documentElement.dir") == "rtl"
    link = page.get_by_role("link", name="إضافة إلى التقويم")
    href = link.get_attribute("href")
    response = page.request.get(live_site + href)
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "BEGIN:VCALENDAR" in response.text()
