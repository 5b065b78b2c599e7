"""Campaigns in a real browser: signing with the keyboard only, errors, accessibility."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

INDEX = {
    "en": "/en/campaigns/",
    "fr": "/fr/campagnes/",
    "es": "/es/campanas/",
    "ar": "/ar/campaigns/",
}
CAMPAIGN = {
    "en": "/en/campaigns/welcoming-cities/",
    "fr": "/fr/campagnes/villes-accueillantes/",
    "es": "/es/campanas/ciudades-acogedoras/",
    "ar": "/ar/campaigns/welcoming-cities/",
}


def tab_to(page, selector, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"could not reach {selector} with Tab")


def in_viewport(page, selector, timeout=3000):
    """Whether the element's top comes into view (waiting for smooth scrolling to end)."""
    try:
        page.wait_for_function(
            """(selector) => {
              const top = document.querySelector(selector).getBoundingClientRect().top;
              return top >= -1 && top + 40 <= window.innerHeight;
            }""",
            arg=selector,
            timeout=timeout,
        )
    except Exception:  # noqa: BLE001 - Playwright's timeout: not in view
        return False
    return True


@pytest.mark.parametrize(("width", "height"), [(360, 740), (1280, 800)])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_endorse_button_is_in_the_first_screen_and_leads_to_the_form(
    make_page, live_site, language, width, height
):
    page = make_page(width=width, height=height)
    page.goto(live_site + CAMPAIGN[language])
    button = page.locator(".page-header__action a.button")
    box = button.bounding_box()
    assert box["y"] + box["height"] <= height, box
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'endorse-form'")
    assert in_viewport(page, "#endorse-form")


def test_a_visitor_signs_with_the_keyboard_only(page, live_site):
    page.goto(live_site + CAMPAIGN["en"])
    tab_to(page, "#id_signatory_type")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("City of Keyboardville")
    page.keyboard.press("Tab")
    page.keyboard.type("Keyboardville")
    page.keyboard.press("Tab")
    page.keyboard.type("Morocco")
    assert page.eval_on_selector("#id_country", "el => el.value") == "MA"
    page.keyboard.press("Tab")
    page.keyboard.type("Nadia Keys")
    page.keyboard.press("Tab")
    page.keyboard.type("Mayor")
    page.keyboard.press("Tab")
    page.keyboard.type("nadia.keys@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_consent_public"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/thanks/#outcome")
    assert page.locator("#outcome").inner_text().startswith("Thank you!")
    # Shown where the visitor is: in view, focused, named in the title.
    assert page.evaluate("document.activeElement.id") == "outcome"
    assert in_viewport(page, "#outcome")
    assert page.title().startswith("Thank you!")
    assert_no_axe_violations(page)


def test_errors_are_announced_next_to_their_fields(page, live_site):
    page.goto(live_site + CAMPAIGN["fr"])
    page.fill("#id_email", "pas-une-adresse")
    page.click("form.form button[type=submit]")
    summary = page.locator("#error-summary")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert in_viewport(page, "#error-summary")
    assert page.title().startswith("Erreur\u00a0:")
    assert "Veuillez corriger les points suivants" in summary.inner_text()
    email = page.locator("#id_email")
    assert email.get_attribute("aria-invalid") == "true"
    described = email.get_attribute("aria-describedby").split()
    assert "id_email_error" in described
    assert page.locator("#id_email_error").inner_text().strip()
    # The summary links to the field.
    page.click("#error-summary a[href='#id_email']")
    assert page.evaluate("location.hash") == "#id_email"


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_campaign_pages_have_no_accessibility_violations(page, live_site, language):
    for url in (INDEX[language], INDEX[language] + "?status=closed", CAMPAIGN[language]):
        page.goto(live_site + url)
        assert_no_axe_violations(page)
    page.goto(live_site + CAMPAIGN[language])
    page.click("form.form button[type=submit]")  # an empty form: every error at once
    # The click returns once the answer starts loading: wait for the summary
    # to be shown rather than asking at once (a race CI lost once).
    page.locator("#error-summary").wait_for(state="visible")
    assert_no_axe_violations(page)


def test_arabic_campaign_has_no_horizontal_scroll_on_a_phone(make_page, live_site):
    page = make_page(width=360)
    page.goto(live_site + CAMPAIGN["ar"])
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_form_is_one_column_without_nested_boxes_on_a_phone(make_page, live_site, language):
    page = make_page(width=360, height=740)
    page.goto(live_site + CAMPAIGN[language])
    width = page.evaluate("document.querySelector('#id_email').getBoundingClientRect().width")
    assert width >= 300  # was 210 px inside three boxes
    boxes = page.evaluate(
        """() => {
        let boxes = 0;
        for (let node = document.querySelector('#id_email').parentElement;
             node && node.tagName !== 'MAIN'; node = node.parentElement) {
            const style = getComputedStyle(node);
            const filled = style.backgroundColor !== 'rgba(0, 0, 0, 0)';
            if (parseFloat(style.borderTopWidth) > 0 || filled) boxes++;
        }
        return boxes;
    }"""
    )
    assert boxes <= 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
