"""Every public page runs under the strict Content-Security-Policy with no violation; the
admin works under its own policy."""

import json
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import (
    BROWSER_EDITOR,
    LISTEN_FOR_POLICY_VIOLATIONS,
    live_site_shell,
    log_in,
    wait_until,
)
from tests.conftest import search_url


@pytest.fixture
def watched_page(page):
    page.add_init_script(LISTEN_FOR_POLICY_VIOLATIONS)
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


class PolicyBreaches(HTMLParser):
    """What in a public page's HTML the strict policy (settings.CONTENT_SECURITY_POLICY)
    would block: inline scripts and styles, style and event-handler attributes, javascript:
    URLs, frames, and any resource, form target or base from another origin. The browser's
    own reports, for one page of each type, are in tests/browser/test_every_page_type.py;
    this reads every page, as the browser would not have time to."""

    # The attributes that load something, and the tags whose `href` does.
    LOADING = {"src", "srcset", "poster", "data", "action", "formaction"}
    LOADING_LINKS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}

    def __init__(self, origin):
        super().__init__()
        self.origin = origin
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src") and attributes.get("type") not in (
            "application/json", "application/ld+json",
        ):  # fmt: skip
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("inline <style>")
        if tag in ("iframe", "frame", "embed"):
            self.found.append(f"<{tag}> (frame-src and object-src are 'none')")
        for name, value in attrs:
            value = value or ""
            if name == "style":
                self.found.append(f"style attribute on <{tag}>")
            elif name.startswith("on"):
                self.found.append(f"{name} attribute on <{tag}>")
            elif value.strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: URL in <{tag} {name}>")
            elif name in self.LOADING or (name == "href" and self._loads(tag, attributes)):
                for url in re.split(r",\s+", value) if name == "srcset" else [value]:
                    self._same_origin(tag, name, url.strip().split(" ")[0])

    def _loads(self, tag, attributes):
        relations = set((attributes.get("rel") or "").lower().split())
        return tag == "base" or bool(relations & self.LOADING_LINKS)

    def _same_origin(self, tag, name, url):
        if not url or url.startswith("data:") and tag in ("img", "source"):
            return
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if f"{parts.scheme}://{parts.netloc}" != self.origin:
                self.found.append(f"<{tag} {name}={url!r}> from another origin")


def policy_breaches(html, origin):
    parser = PolicyBreaches(origin)
    parser.feed(html)
    return parser.found


def test_the_policy_reader_finds_what_the_policy_blocks():
    origin = "http://127.0.0.1:8000"
    page = (
        '<script>alert(1)</script><script src="/static/site.js"></script>'
        '<script type="application/ld+json">{}</script><style>p{}</style>'
        '<p style="color:red" onclick="x()"><a href="javascript:x()">x</a></p>'
        '<img src="https://tracker.example/p.gif" srcset="/a.webp 1x, //cdn.example/b.webp 2x">'
        '<img src="data:image/png;base64,AA"><img src="http://127.0.0.1:8000/m/a.webp">'
        '<link rel="stylesheet" href="https://fonts.example/css"><a href="https://un.org/">'
        '<iframe src="/x"></iframe><form action="https://elsewhere.example/"></form>'
    )
    assert policy_breaches(page, origin) == [
        "inline <script>",
        "inline <style>",
        "style attribute on <p>",
        "onclick attribute on <p>",
        "javascript: URL in <a href>",
        "<img src='https://tracker.example/p.gif'> from another origin",
        "<img srcset='//cdn.example/b.webp'> from another origin",
        "<link href='https://fonts.example/css'> from another origin",
        "<iframe> (frame-src and object-src are 'none')",
        "<form action='https://elsewhere.example/'> from another origin",
    ]


def test_every_public_page_passes_the_policy_in_every_language(live_site):
    urls = sitemap_urls(live_site)  # every live page of every type, in every language
    assert {re.match(r"http://[^/]+/(\w\w)/", url).group(1) for url in urls} == {
        "en", "fr", "es", "ar",
    }  # fmt: skip
    urls += [f"{live_site}{search_url(language)}?q=migration" for language in ("en", "ar")]
    urls += [f"{live_site}/fr/evenements/?tab=past", f"{live_site}/es/no-existe/"]
    breaches = {}
    for url in urls:
        try:
            response = urllib.request.urlopen(url, timeout=20)
        except urllib.error.HTTPError as error:  # the page not found
            response = error
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        found = policy_breaches(response.read().decode(), live_site)
        if found:
            breaches[url] = found
    assert breaches == {}


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
    page.add_init_script(LISTEN_FOR_POLICY_VIOLATIONS)
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
    other.add_init_script(LISTEN_FOR_POLICY_VIOLATIONS)
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
