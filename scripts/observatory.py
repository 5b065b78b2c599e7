"""Score one HTTP response the way MDN's HTTP Observatory does, and say what earned each point.

    .venv/bin/python scripts/observatory.py https://cities.example.org/en/
    .venv/bin/python scripts/observatory.py http://127.0.0.1:8000/admin/login/ --assume-https

The rules are those of the Observatory's analyser (github.com/mdn/mdn-http-observatory,
algorithm version 6: `src/analyzer/tests/*.js` for each test's outcome, `src/grader/charts.js`
for the modifiers, `src/scanner/index.js` for the sum), written again here for one response:
start at 100; add every modifier; but when the score counting only the penalties is under 90,
the bonuses do not count. Tests: Content-Security-Policy (header and `<meta http-equiv>`),
cookies, CORS, redirection, Referrer-Policy, HSTS, Subresource Integrity,
X-Content-Type-Options, X-Frame-Options (or CSP `frame-ancestors`), and the three
Cross-Origin policies (resource, opener, embedder).

What differs from a scan of a real site, because one response is all there is:
- **Redirection** is taken as passing (`redirection-to-https`, 0): the site is served over
  HTTPS behind production's redirect of plain HTTP (`SECURE_SSL_REDIRECT`, nginx), which the
  real scanner checks by requesting `http://`. `--check-redirect` asks the http:// URL instead.
- **HSTS preload**: the real scanner gives +5 when the domain is on Chromium's preload list;
  here only with `--preloaded` (the header's `preload` word alone earns nothing).
- **CORS**: the real scanner sends a second request with an `Origin` header; from a URL this
  does too; for a response given in Python, its own `Access-Control-*` headers are read.
- **Cookies**: those the response sets (the real scanner keeps those of its redirects too).
- Several CSP policies are intersected directive by directive (the analyser also compares
  path parts of sources; the site sends one policy).

`score(headers, body, url=…)` returns a `Score` (`total`, `grade`, `results`, each with its
`modifier`); `score_django_response(response, url)` reads a Django test client's response.
"""

import argparse
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
SIX_MONTHS = 15_552_000  # the analyser's "white lie": 180 days count as six months
HTML_TYPES = {"text/html", "application/xhtml+xml"}

# src/grader/charts.js: SCORE_TABLE's modifier of each outcome.
MODIFIERS = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "csp-not-implemented-but-reporting-enabled": -25,
    "csp-implemented-but-duplicate-directives": 0,
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "redirection-all-redirects-preloaded": 0,
    "redirection-to-https": 0,
    "redirection-not-needed-no-http": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    "hsts-preloaded": 5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "hsts-not-implemented-no-https": -20,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 5,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-implemented-with-cross-origin": 0,
    "corp-not-implemented": 0,
    "corp-header-invalid": -5,
    "coop-implemented-with-same-origin": 10,
    "coop-implemented-with-same-origin-allow-popups": 10,
    "coop-implemented-with-noopener-allow-popups": 10,
    "coop-implemented-with-unsafe-none": 0,
    "coop-not-implemented": 0,
    "coop-header-invalid": -5,
    "coep-implemented-with-require-corp": 10,
    "coep-implemented-with-credentialless": 10,
    "coep-implemented-with-unsafe-none": 0,
    "coep-not-implemented": 0,
    "coep-header-invalid": -5,
}

GRADES = [
    (100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"),
    (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F"),
]  # fmt: skip


@dataclass
class Result:
    test: str
    outcome: str
    detail: str = ""

    @property
    def modifier(self):
        return MODIFIERS[self.outcome]


@dataclass
class Score:
    results: list = field(default_factory=list)

    @property
    def penalties_only(self):
        return 100 + sum(r.modifier for r in self.results if r.modifier < 0)

    @property
    def total(self):
        if self.penalties_only < MINIMUM_SCORE_FOR_EXTRA_CREDIT:
            return max(self.penalties_only, 0)
        return max(100 + sum(r.modifier for r in self.results), 0)

    @property
    def grade(self):
        return next(grade for floor, grade in GRADES if min(self.total, 100) >= floor)

    def report(self):
        lines = [
            f"{r.modifier:+4d}  {r.test}: {r.outcome}  {r.detail}".rstrip() for r in self.results
        ]
        extra = (
            "" if self.penalties_only >= MINIMUM_SCORE_FOR_EXTRA_CREDIT else " (no bonus: under 90)"
        )
        lines.append(f"score {self.total}, grade {self.grade}{extra}")
        return "\n".join(lines)


class Headers:
    """Response headers by lower-case name, each with every value it was sent with."""

    def __init__(self, pairs):
        self.values = {}
        for name, value in pairs:
            self.values.setdefault(name.lower(), []).append(value)

    def all(self, name):
        return self.values.get(name.lower(), [])

    def first(self, name):
        return next(iter(self.all(name)), None)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts = []
        self.metas = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))
        elif tag == "meta":
            self.metas.append(dict(attrs))


def _elements(body):
    parser = _Elements()
    parser.feed(body)
    parser.close()
    return parser


# --- Content-Security-Policy (src/analyzer/tests/csp.js, src/analyzer/cspParser.js) --------

DANGEROUSLY_BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*"}
DANGEROUSLY_BROAD |= {"https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
PASSIVE_DIRECTIVES = ("img-src", "media-src")
NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
ALLOWED_DUPLICATES = {"report-uri", "report-to"}


class InvalidPolicy(ValueError):
    pass


def parse_policies(policies):
    """{directive: set of sources} of the policies together (a source must be in every policy
    that has the directive); raises InvalidPolicy as the analyser does. Also returns whether
    report-uri/report-to were repeated (a warning that costs the bonus)."""
    combined, duplicated = {}, False
    for policy in policies:
        policy = re.sub(r"[\r\n]", "", policy).strip()
        if len(policy) < len("img-src") - 1:
            raise InvalidPolicy(policy)
        seen = set()
        for entry in policy.split(";"):
            directive, *sources = entry.strip().split()
            directive = directive.lower() if directive else ""
            if not directive:
                continue
            if directive in seen:
                if directive not in ALLOWED_DUPLICATES:
                    raise InvalidPolicy(f"{directive} twice")
                duplicated = True
                continue
            seen.add(directive)
            values = {source.lower() for source in sources}
            if not values and directive.endswith("-src"):
                values = {"'none'"}
            combined[directive] = combined[directive] & values if directive in combined else values
    return {name: (values or {"'none'"}) for name, values in combined.items()}, duplicated


def _split(values):
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def csp_test(headers, body, https):
    http_policies = _split(headers.all("Content-Security-Policy"))
    meta_policies = []
    if body:
        for meta in _elements(body).metas:
            if (meta.get("http-equiv") or "").lower().strip() == "content-security-policy":
                meta_policies += _split([meta.get("content") or ""])
    try:
        csp, duplicated = parse_policies(http_policies + meta_policies)
    except (InvalidPolicy, ValueError):
        return Result("content-security-policy", "csp-header-invalid"), {}
    if not csp:
        if headers.first("Content-Security-Policy-Report-Only"):
            return Result(
                "content-security-policy", "csp-not-implemented-but-reporting-enabled"
            ), {}
        return Result("content-security-policy", "csp-not-implemented"), {}

    def sources(name):
        return set(csp.get(name) or csp.get("default-src") or {"*"})

    script_src, style_src, object_src = (
        sources("script-src"),
        sources("style-src"),
        sources("object-src"),
    )
    for source_list in (script_src, style_src):
        if any(s.startswith(NONCES_HASHES) for s in source_list):
            source_list.discard("'unsafe-inline'")
    outcome = None
    if any(s.startswith(NONCES_HASHES) for s in script_src) and "'strict-dynamic'" in script_src:
        script_src = {
            s
            for s in script_src
            if not (s.startswith(tuple(DANGEROUSLY_BROAD)) or s in ("'self'", "'unsafe-inline'"))
        }
    elif "'strict-dynamic'" in script_src:
        outcome = "csp-header-invalid"
    active = [
        s
        for name, values in csp.items()
        if name not in (*PASSIVE_DIRECTIVES, "script-src")
        for s in values
    ]
    active += script_src
    passive = [
        s for name in PASSIVE_DIRECTIVES for s in (csp.get(name) or csp.get("default-src") or ())
    ]

    def first(candidate):
        nonlocal outcome
        outcome = outcome or candidate

    if script_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE) or object_src & DANGEROUSLY_BROAD:
        first("csp-implemented-with-unsafe-inline")
    if https and any(s.startswith(("http:", "ftp:")) for s in active):
        first("csp-implemented-with-insecure-scheme")
    if "'unsafe-eval'" in script_src | style_src:
        first("csp-implemented-with-unsafe-eval")
    if https and any(s.startswith(("http:", "ftp:")) for s in passive):
        first("csp-implemented-with-insecure-scheme-in-passive-content-only")
    if style_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE):
        first("csp-implemented-with-unsafe-inline-in-style-src-only")
    if csp.get("default-src") == {"'none'"}:
        first("csp-implemented-with-no-unsafe-default-src-none")
    first("csp-implemented-with-no-unsafe")
    passing = (
        "csp-implemented-with-no-unsafe",
        "csp-implemented-with-no-unsafe-default-src-none",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    )
    if outcome in passing and duplicated:
        outcome = "csp-implemented-but-duplicate-directives"
    return Result("content-security-policy", outcome), csp


# --- Cookies (src/analyzer/tests/cookies.js) --------------------------------------------------

COOKIE_BADNESS = [
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]


def _worse(new, old, order):
    return new if old is None or order.index(new) > order.index(old) else old


def _cookie(set_cookie):
    name = set_cookie.split(";", 1)[0].split("=", 1)[0].strip()
    attributes = {}
    for part in set_cookie.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        attributes[key.strip().lower()] = value.strip() if _ else True
    return name, attributes


def cookies_test(headers, hsts_passes):
    set_cookies = headers.all("Set-Cookie")
    if not set_cookies:
        return Result("cookies", "cookies-not-found")
    outcome, missing_same_site, names = None, False, []
    for raw in set_cookies:
        name, attributes = _cookie(raw)
        names.append(name)
        same_site = attributes.get("samesite")
        if same_site is True or (
            isinstance(same_site, str) and same_site.lower() not in ("lax", "strict", "none")
        ):
            outcome = _worse("cookies-samesite-flag-invalid", outcome, COOKIE_BADNESS)
        secure, http_only = "secure" in attributes, "httponly" in attributes
        session = any(word in name.lower() for word in ("login", "sess"))
        anticsrf = "csrf" in name.lower()
        if not secure and isinstance(same_site, str) and same_site.lower() == "none":
            outcome = _worse("cookies-samesite-flag-invalid", outcome, COOKIE_BADNESS)
        if not secure:
            bad = "cookies-without-secure-flag" + ("-but-protected-by-hsts" if hsts_passes else "")
            outcome = _worse(bad, outcome, COOKIE_BADNESS)
        if anticsrf and not same_site:
            outcome = _worse("cookies-anticsrf-without-samesite-flag", outcome, COOKIE_BADNESS)
        if session and not secure:
            bad = "cookies-session-without-secure-flag"
            bad += "-but-protected-by-hsts" if hsts_passes else ""
            outcome = _worse(bad, outcome, COOKIE_BADNESS)
        if session and not http_only:
            outcome = _worse("cookies-session-without-httponly-flag", outcome, COOKIE_BADNESS)
        missing_same_site = missing_same_site or not same_site
    if outcome is None:
        outcome = "cookies-secure-with-httponly-sessions"
        if not missing_same_site:
            outcome += "-and-samesite"
    return Result("cookies", outcome, ", ".join(names))


# --- The other tests ------------------------------------------------------------------------


def cors_test(headers):
    allow_origin = (headers.first("Access-Control-Allow-Origin") or "").strip().lower()
    if not allow_origin:
        return Result(
            "cross-origin-resource-sharing", "cross-origin-resource-sharing-not-implemented"
        )
    if allow_origin == "*":
        outcome = "public-access"
    elif (headers.first("Access-Control-Allow-Credentials") or "").strip().lower() == "true":
        outcome = "universal-access"  # an origin echoed back, with credentials
    else:
        outcome = "restricted-access"
    return Result(
        "cross-origin-resource-sharing", f"cross-origin-resource-sharing-implemented-with-{outcome}"
    )


def referrer_test(headers, body):
    values = headers.all("Referrer-Policy")
    if body:
        for meta in _elements(body).metas:
            if (meta.get("name") or "").lower().strip() == "referrer" and meta.get("content"):
                values = [*values, meta["content"]]
    if not values:
        return Result("referrer-policy", "referrer-policy-not-implemented")
    good = ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin")
    bad = ("origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade")
    known = [
        v.strip().lower() for v in ", ".join(values).split(",") if v.strip().lower() in good + bad
    ]
    policy = known[-1] if known else ""
    outcome = "private" if policy in good else "unsafe" if policy in bad else "header-invalid"
    return Result("referrer-policy", f"referrer-policy-{outcome}", policy)


def hsts_test(headers, https, preloaded):
    if not https:
        return Result("strict-transport-security", "hsts-not-implemented-no-https")
    if preloaded:
        return Result("strict-transport-security", "hsts-preloaded")
    header = headers.first("Strict-Transport-Security")
    if header is None:
        return Result("strict-transport-security", "hsts-not-implemented")
    header = header[:1024]
    max_age = None
    for parameter in (p.strip().lower() for p in header.split(";")):
        if parameter.startswith("max-age="):
            digits = re.match(r"\d+", parameter[8:128])
            max_age = int(digits.group()) if digits else None
    if "," in header or max_age is None:
        return Result("strict-transport-security", "hsts-header-invalid", header)
    outcome = "at-least-six-months" if max_age >= SIX_MONTHS else "less-than-six-months"
    return Result("strict-transport-security", f"hsts-implemented-max-age-{outcome}", header)


SRI_ORDER = [
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-implemented-but-external-scripts-not-loaded-securely",
    "sri-not-implemented-but-external-scripts-loaded-securely",
    "sri-not-implemented-and-external-scripts-not-loaded-securely",
    "sri-not-implemented-response-not-html",
]


def _site(host):
    """The registrable domain, roughly (the analyser uses the public-suffix list)."""
    return ".".join((host or "").lower().split(".")[-2:])


def sri_test(headers, body, url):
    mime = (headers.first("Content-Type") or "").split(";", 1)[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return Result("subresource-integrity", "sri-not-implemented-response-not-html")
    scripts = _elements(body or "").scripts
    if not scripts:
        return Result("subresource-integrity", "sri-not-implemented-but-no-scripts-loaded")
    page = urlsplit(url)
    outcome, foreign, with_integrity = None, False, 0
    for script in scripts:
        src = script.get("src")
        if not src:
            continue
        integrity = script.get("integrity")
        with_integrity += bool(integrity)
        relative_protocol = bool(re.match(r"^//[^/]", src))
        relative_origin = not relative_protocol and not re.match(r"^https?://", src)
        same_site = (
            relative_protocol
            or relative_origin
            or _site(urlsplit(src).hostname) == _site(page.hostname)
        )
        secure_origin = relative_origin or (same_site and not relative_protocol)
        scheme = None if relative_protocol or relative_origin else urlsplit(src).scheme
        secure_scheme = scheme == "https" or (relative_origin and page.scheme == "https")
        if not secure_origin:
            foreign = True
            if integrity and not secure_scheme:
                new = "sri-implemented-but-external-scripts-not-loaded-securely"
            elif not integrity and secure_scheme:
                new = "sri-not-implemented-but-external-scripts-loaded-securely"
            elif not integrity:
                new = "sri-not-implemented-and-external-scripts-not-loaded-securely"
            else:
                continue
            outcome = _worse(new, outcome, SRI_ORDER)
        elif integrity and secure_scheme and outcome is None:
            # The analyser's bonus "even if they use SRI on the same origin".
            outcome = "sri-implemented-and-all-scripts-loaded-securely"
    if outcome is None:
        outcome = (
            "sri-implemented-and-external-scripts-loaded-securely"
            if foreign
            else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
        )
    return Result(
        "subresource-integrity",
        outcome,
        f"{with_integrity} of {len(scripts)} scripts with integrity",
    )


def nosniff_test(headers):
    value = headers.first("X-Content-Type-Options")
    if value is None:
        return Result("x-content-type-options", "x-content-type-options-not-implemented")
    ok = value[:256].strip().lower() == "nosniff"
    return Result(
        "x-content-type-options",
        "x-content-type-options-" + ("nosniff" if ok else "header-invalid"),
    )


def frame_options_test(headers, csp):
    # As the analyser: any frame-ancestors in the policies read (a <meta> one included).
    if "frame-ancestors" in csp:
        return Result("x-frame-options", "x-frame-options-implemented-via-csp", "frame-ancestors")
    value = (headers.first("X-Frame-Options") or "")[:1024].strip().lower()
    if not value:
        return Result("x-frame-options", "x-frame-options-not-implemented")
    if value in ("deny", "sameorigin"):
        return Result("x-frame-options", "x-frame-options-sameorigin-or-deny", value)
    if value.startswith("allow-from"):
        return Result("x-frame-options", "x-frame-options-allow-from-origin", value)
    return Result("x-frame-options", "x-frame-options-header-invalid", value)


def _token(headers, name):
    """None when absent, "" when invalid (sent twice, or not one structured-field token)."""
    values = headers.all(name)
    if not values:
        return None
    if len(values) > 1:
        return ""
    match = re.fullmatch(r"\s*([A-Za-z*][A-Za-z0-9!#$%&'*+.^_`|~:/-]*)\s*(;.*)?", values[0][:1024])
    return match.group(1) if match else ""


def corp_test(headers):
    value = ", ".join(headers.all("Cross-Origin-Resource-Policy"))[:256].strip().lower()
    outcomes = {
        "same-origin": "same-origin",
        "same-site": "same-site",
        "cross-origin": "cross-origin",
    }
    if not value:
        return Result("cross-origin-resource-policy", "corp-not-implemented")
    if value in outcomes:
        return Result("cross-origin-resource-policy", f"corp-implemented-with-{outcomes[value]}")
    return Result("cross-origin-resource-policy", "corp-header-invalid", value)


def coop_test(headers):
    value = _token(headers, "Cross-Origin-Opener-Policy")
    if value is None:
        return Result("cross-origin-opener-policy", "coop-not-implemented")
    if value in ("same-origin", "same-origin-allow-popups", "noopener-allow-popups", "unsafe-none"):
        return Result("cross-origin-opener-policy", f"coop-implemented-with-{value}")
    return Result("cross-origin-opener-policy", "coop-header-invalid")


def coep_test(headers):
    value = _token(headers, "Cross-Origin-Embedder-Policy")
    if value is None:
        return Result("cross-origin-embedder-policy", "coep-not-implemented")
    if value in ("require-corp", "credentialless", "unsafe-none"):
        return Result("cross-origin-embedder-policy", f"coep-implemented-with-{value}")
    return Result("cross-origin-embedder-policy", "coep-header-invalid")


def score(header_pairs, body="", url="https://example.org/", preloaded=False, redirection=None):
    """The Observatory's score of one response: `header_pairs` as (name, value), one pair per
    Set-Cookie; `url` the address it answered (its scheme says whether HTTPS was used)."""
    headers = Headers(header_pairs)
    https = urlsplit(url).scheme == "https"
    body = body if isinstance(body, str) else body.decode("utf-8", "replace")
    csp_result, csp = csp_test(headers, body, https)
    hsts = hsts_test(headers, https, preloaded)
    hsts_passes = hsts.outcome in ("hsts-implemented-max-age-at-least-six-months", "hsts-preloaded")
    results = [
        csp_result,
        cookies_test(headers, hsts_passes),
        coep_test(headers),
        coop_test(headers),
        cors_test(headers),
        redirection
        or Result("redirection", "redirection-to-https", "assumed: production redirects"),
        referrer_test(headers, body),
        hsts,
        sri_test(headers, body, url),
        nosniff_test(headers),
        frame_options_test(headers, csp),
        corp_test(headers),
    ]
    return Score(results)


def score_django_response(response, url):
    """`score` of a Django (test client) response: its headers, its cookies, its body."""
    pairs = list(response.headers.items())
    pairs += [("Set-Cookie", morsel.OutputString()) for morsel in response.cookies.values()]
    body = b"".join(response) if response.streaming else response.content
    return score(pairs, body, url=url)


# --- From a URL -------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _fetch(url, headers=None, follow=True):
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(
        url, headers={"User-Agent": "observatory.py", **(headers or {})}
    )
    try:
        with opener.open(request, timeout=30) as response:
            return response.geturl(), response.status, response.headers.items(), response.read()
    except urllib.error.HTTPError as error:
        return error.geturl(), error.code, error.headers.items(), error.read()


def _redirection(url):
    """What the real scanner checks: http:// should redirect, first to https on the same host."""
    http_url = "http://" + url.split("://", 1)[1]
    route, current = [http_url], http_url
    for _ in range(10):
        _, status, pairs, _ = _fetch(current, follow=False)
        location = Headers(pairs).first("Location")
        if status not in (301, 302, 303, 307, 308) or not location:
            break
        current = urllib.parse.urljoin(current, location)
        route.append(current)
    if len(route) == 1:
        return Result("redirection", "redirection-missing")
    if not route[-1].startswith("https:"):
        return Result("redirection", "redirection-not-to-https", " > ".join(route))
    if route[1].startswith("http:"):
        return Result(
            "redirection", "redirection-not-to-https-on-initial-redirection", " > ".join(route)
        )
    if urlsplit(route[0]).hostname != urlsplit(route[1]).hostname:
        return Result("redirection", "redirection-off-host-from-http", " > ".join(route))
    return Result("redirection", "redirection-to-https", " > ".join(route))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--preloaded", action="store_true", help="the domain is HSTS-preloaded")
    parser.add_argument(
        "--assume-https",
        action="store_true",
        help="score an http:// URL (a local server behind no TLS) as if it were served over HTTPS",
    )
    parser.add_argument("--check-redirect", action="store_true", help="request http:// too")
    options = parser.parse_args(argv)
    final_url, status, pairs, body = _fetch(options.url)
    # The real scanner also asks with an Origin, to see whether CORS lets any origin read.
    _, _, cors_pairs, _ = _fetch(
        options.url, {"Origin": "https://http-observatory.security.mozilla.org"}
    )
    cors = [(n, v) for n, v in cors_pairs if n.lower().startswith("access-control-")]
    pairs = [(n, v) for n, v in pairs if not n.lower().startswith("access-control-")] + cors
    if options.assume_https:
        final_url = "https://" + final_url.split("://", 1)[1]
    redirection = _redirection(final_url) if options.check_redirect else None
    result = score(pairs, body, url=final_url, preloaded=options.preloaded, redirection=redirection)
    print(f"{final_url} ({status})")
    print(result.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
