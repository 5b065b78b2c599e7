"""Every public page runs under the strict Content-Security-Policy with no violation; the
admin works under its own policy."""

import json
import re
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import BROWSER_EDITOR, live_site_shell, log_in, wait_until
from tests.conftest import search_url

# Collects the browser's own reports of what the policy blocked, from the first script on.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def watched_page(page):
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_console_messages = messages
    return page


def violations(page):
    return page.evaluate("window.__cspViolations") + page.csp_console_messages


def sitemap_urls(live_site):
    """The sitemap's URLs, on the test server (the sitemap names the site's own host)."""
    with urllib.request.urlopen(f"{live_site}/sitemap.xml", timeout=10) as response:
        urls = re.findall(r"<loc>([^<]+)</loc>", response.read().decode())
    return [live_site + urlsplit(url).path for url in urls]


def test_every_public_page_passes_the_policy_in_every_language(watched_page, live_site):
    page = watched_page
    urls = sitemap_urls(live_site)  # every live page of every type, in every language
    assert {re.match(r"http://[^/]+/(\w\w)/", url).group(1) for url in urls} == {
        "en", "fr", "es", "ar",
    }  # fmt: skip
    urls += [f"{live_site}{search_url(language)}?q=migration" for language in ("en", "ar")]
    urls += [f"{live_site}/fr/evenements/?tab=past", f"{live_site}/es/no-existe/"]
    for url in urls:
        response = page.goto(url)
        policy = response.header_value("content-security-policy")
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        page.wait_for_load_state("load")
        assert violations(page) == [], url


def test_the_panels_script_runs_under_the_policy(watched_page, live_site):
    page = watched_page
    page.goto(f"{live_site}/en/work-areas/migration-and-diversity/migration-action-plan/")
    page.locator("details summary").first.click()
    assert page.locator("details[open]").count() >= 1
    assert violations(page) == []


def test_the_listener_sees_a_blocked_inline_script(watched_page, live_site):
    page = watched_page
    page.goto(f"{live_site}/en/")
    page.evaluate(
        "const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        "document.head.appendChild(s)"
    )
    wait_until(page, "window.__cspViolations.length > 0")
    assert page.evaluate("window.ran") is None
    assert any("script-src" in violation for violation in violations(page))


def test_the_admin_works_under_its_own_policy(watched_page, live_site):
    page = watched_page
    log_in(page, live_site, *BROWSER_EDITOR)
    page.goto(f"{live_site}/admin/pages/")
    page.get_by_role("link", name=re.compile("Home", re.I)).first.wait_for()
    page.goto(f"{live_site}/admin/pages/3/edit/")
    assert page.locator("#id_title").is_visible()
    # The editor's scripts ran: the side panels' toggles and the status panel are there.
    assert page.locator("[data-side-panel-toggle]").count() > 0
    assert violations(page) == []


# A source page of each type (translations open in wagtail-localize's editor instead).
SOURCE_PAGE_OF_EACH_TYPE = """
import json
from wagtail.models import Page
from wagtail_localize.models import Translation
targets = set(Translation.objects.values_list("source__object_id", "target_locale_id"))
pages = {}
for page in Page.objects.live().filter(depth__gt=1).specific():
    if (page.translation_key, page.locale_id) not in targets:
        # The browser tab's title: a home page's is its headline.
        title = page.seo_title or getattr(page, "hero_title", "") or page.title
        pages.setdefault(type(page).__name__, [page.pk, title])
print(json.dumps(pages))
"""


def test_the_preview_panel_shows_a_page_of_each_type(watched_page, live_site):
    pages = json.loads(live_site_shell(SOURCE_PAGE_OF_EACH_TYPE).splitlines()[-1])
    assert len(pages) == 14  # every page type of the demo
    page = watched_page
    log_in(page, live_site, *BROWSER_EDITOR)
    for kind, (page_id, title) in pages.items():
        page.goto(f"{live_site}/admin/pages/{page_id}/edit/")
        page.click('[data-side-panel-toggle="preview"]')
        # A frame the browser refuses to show holds an error page, without the site's <main>.
        preview = page.frame_locator("#w-preview-iframe").last
        preview.locator("main").wait_for(state="attached", timeout=20_000)
        assert preview.locator("head > title").text_content().startswith(title), kind
        assert preview.locator("main").text_content().strip(), kind
        assert violations(page) == [], kind


def strict(response):
    policy = response.header_value("content-security-policy")
    return "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_the_sign_in_and_two_factor_pages_work_under_a_strict_policy(make_page, live_site):
    """Login, enrolment (QR code, key, first code), backup codes and the code asked at the
    next sign-in: no inline script or style allowed, none needed."""
    import base64

    from django_otp.oath import totp

    page = make_page()
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    messages = []
    page.on("console", lambda m: messages.append(m.text) if "Security Policy" in m.text else None)
    username, password = "two-factor-browser", "pw-for-2fa-test"
    live_site_shell(
        "from django.contrib.auth import get_user_model; get_user_model().objects"
        f".create_superuser({username!r}, 't@example.org', {password!r})"
    )

    def sign_in(on):
        response = on.goto(f"{live_site}/admin/login/")
        assert strict(response)
        on.fill("input[name=username]", username)
        on.fill("input[name=password]", password)
        on.click("button[type=submit]")
        on.wait_for_load_state("load")

    sign_in(page)
    response = page.goto(f"{live_site}/admin/two-factor/enrol/")
    assert strict(response)
    assert page.locator("svg.segno").is_visible()  # the QR code is drawn
    secret = page.locator(".two-factor-secret").text_content().strip()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("input[name=token]", str(totp(key)).zfill(6))
    page.click("form.login-form button[type=submit]")
    page.locator("#backup-codes li").first.wait_for()
    codes = page.locator("#backup-codes code").all_text_contents()
    assert len(codes) == 10
    assert page.evaluate("window.__cspViolations") + messages == []
    assert strict(page.goto(f"{live_site}/admin/two-factor/backup-codes/"))

    other = make_page()  # another browser: the password, then a code
    other.add_init_script(LISTEN_FOR_VIOLATIONS)
    other.on("console", lambda m: messages.append(m.text) if "Security Policy" in m.text else None)
    sign_in(other)
    assert "/admin/two-factor/verify/" in other.url
    other.fill("input[name=token]", codes[0])
    other.click("form.login-form button[type=submit]")
    other.wait_for_url(f"{live_site}/admin/")
    assert other.evaluate("window.__cspViolations") + messages == []
    assert page.evaluate("window.__cspViolations") == []


def test_the_site_scripts_run_with_their_integrity_checked(watched_page, live_site):
    """Subresource Integrity: the browser checks each of the site's scripts against the hash
    in the page, and runs them (a wrong hash would stop them, with a console error)."""
    page = watched_page
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    plan = "/en/work-areas/migration-and-diversity/migration-action-plan/"
    page.goto(f"{live_site}{plan}#policy-debates")
    page.wait_for_load_state("load")
    assert page.locator("script[type=module][integrity^='sha384-']").count() == 2
    wait_until(page, "document.documentElement.classList.contains('js')")  # site.js ran
    wait_until(page, "document.getElementById('policy-debates').open")  # panels.js ran
    assert errors == []
    assert violations(page) == []
