"""Every page is valid HTML by the Nu HTML Checker (the W3C validator, `vnu.jar`): each page
of the sitemap in four languages, and pages in the states a visitor brings them to (a form
with errors, a library with filters and a search, search results, a 404).

The checker needs Java and `vnu.jar`: `.ci/run` installs both (Debian's
default-jre-headless, the npm package vnu-jar into .tools/); elsewhere the test is skipped
when they are missing (set VNU_JAR to a jar of your own), and fails under CI=true.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import requests

from scripts.screenshots import sitemap_paths

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"))
STATES = [
    "/en/resources/?kind=report&sort=title",
    "/ar/resources/?q=%D8%A7%D9%84%D9%87%D8%AC%D8%B1%D8%A9&kind=report",
    "/fr/resources/?q=logement&page=2",
    "/en/search/?q=migration",
    "/es/buscar/?q=migracion",
    "/ar/%D8%A8%D8%AD%D8%AB/?q=",
    "/fr/no-such-page/",
]
CAMPAIGN = "/en/campaigns/welcoming-cities/"


def checker():
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        return [java, "-jar", str(VNU_JAR)]
    message = "the Nu HTML Checker needs Java and vnu.jar (see this module's docstring)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + ": it cannot be skipped under CI=true")
    pytest.skip(message)


def form_with_errors(live_site):
    """The campaign page after an empty signature: every field's error shown."""
    session = requests.Session()
    page = session.get(live_site + CAMPAIGN)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        live_site + CAMPAIGN,
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": live_site + CAMPAIGN},
    )
    assert 'id="error-summary"' in response.text
    return response.text


def test_every_page_is_valid_html(live_site, tmp_path):
    command = checker()
    documents = {path: requests.get(live_site + path).text for path in sitemap_paths(live_site)}
    assert len(documents) > 100
    for path in STATES:
        documents[path] = requests.get(live_site + path).text
    documents["campaign form with errors"] = form_with_errors(live_site)
    files = {}
    for number, (name, html) in enumerate(documents.items()):
        target = tmp_path / f"{number}.html"
        target.write_text(html, encoding="utf-8")
        files[target.name] = name
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", "--exit-zero-always", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}:"
        f"{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []
