"""Moderation of endorsements by the communications editors (the real group that setup_roles
and the data migration give the permissions): the row buttons, the edit form and the bulk
actions record who moderated and when; the signer's statuses stay the signer's; the CSV reads
in the exporting user's language and time zone; the listing keeps its filter after an edit;
the dashboard and a daily digest (which each moderator may turn off) say what waits."""

import csv
import datetime
import io
import re
from html import unescape
from importlib import import_module
from urllib.parse import quote

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from campaigns.factories import EndorsementFactory
from campaigns.models import Endorsement, EndorsementStatus, SignatoryType
from localization.roles import EDITORS, TRANSLATORS
from tests.localization.test_notifications import account_form

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/campaigns/endorsement/"
MODERATE_URL = LIST_URL + "moderate/{pk}/{decision}/"
ROW_FORM = re.compile(r'<form action="([^"]+/moderate/(\d+)/(\w+)/)" method="post">')


def make_user(username, group_name):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "pw", first_name=username.capitalize()
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(client):
    """The demo's `editor`: a communications editor, signed in."""
    user = make_user("editor", EDITORS)
    client.force_login(user)
    client.user = user
    return client


def pending(campaign, **fields):
    return EndorsementFactory(
        campaign_key=campaign.translation_key, status=EndorsementStatus.PENDING, **fields
    )


def edit_data(endorsement, **changes):
    data = {
        "status": endorsement.status,
        "organisation": endorsement.organisation,
        "signatory_type": endorsement.signatory_type,
        "city": endorsement.city,
        "country": endorsement.country.code,
        "matched_city": "",
        "consent_public": "on" if endorsement.consent_public else "",
        "contact_name": endorsement.contact_name,
        "contact_role": endorsement.contact_role,
        "email": endorsement.email,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_editors_open_the_list_and_approve_or_reject_from_a_row(editor, campaign):
    waiting = pending(campaign, organisation="Town of Waiting")
    approved = EndorsementFactory(
        campaign_key=campaign.translation_key, organisation="Town of Yes", email="yes@example.org"
    )
    response = editor.get(f"{LIST_URL}?status=pending&campaign_key={campaign.translation_key}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Town of Waiting" in html
    buttons = {(int(pk), decision) for _url, pk, decision in ROW_FORM.findall(html)}
    assert buttons == {(waiting.pk, "approve"), (waiting.pk, "reject")}
    # Each row button carries the listing back, filter included.
    listing = f"{LIST_URL}?status=pending&amp;campaign_key={campaign.translation_key}"
    assert f'name="next" value="{listing}"' in html

    response = editor.post(
        MODERATE_URL.format(pk=waiting.pk, decision="approve"), {"next": unescape(listing)}
    )
    assert response.status_code == 302 and response["Location"] == unescape(listing)
    waiting.refresh_from_db()
    assert waiting.status == EndorsementStatus.APPROVED
    assert waiting.moderated_by == editor.user and waiting.moderated_at
    page = editor.get(response["Location"]).content.decode()
    assert "“Town of Waiting (" in unescape(page) and "approved." in page

    # An approved one offers Reject only.
    html = editor.get(LIST_URL).content.decode()
    offered = {(int(pk), decision) for _url, pk, decision in ROW_FORM.findall(html)}
    assert (approved.pk, "reject") in offered and (approved.pk, "approve") not in offered
    editor.post(MODERATE_URL.format(pk=approved.pk, decision="reject"))
    approved.refresh_from_db()
    assert approved.status == EndorsementStatus.REJECTED and approved.moderated_by == editor.user


def test_row_buttons_need_a_post_the_csrf_token_and_the_permission(client, campaign):
    waiting = pending(campaign)
    url = MODERATE_URL.format(pk=waiting.pk, decision="approve")
    editor = Client(enforce_csrf_checks=True)
    editor.force_login(make_user("editor", EDITORS))
    assert editor.get(url).status_code == 405
    assert editor.post(url).status_code == 403  # no CSRF token
    translator = make_user("translator-fr", TRANSLATORS.format(code="fr"))
    client.force_login(translator)
    response = client.post(url)
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "/admin/login/" not in response["Location"]
    assert client.get(LIST_URL).status_code in (302, 403)
    waiting.refresh_from_db()
    assert waiting.status == EndorsementStatus.PENDING and waiting.moderated_by is None


def test_a_signers_status_is_left_alone_by_the_row_buttons(editor, campaign):
    withdrawn = EndorsementFactory(
        campaign_key=campaign.translation_key, status=EndorsementStatus.WITHDRAWN
    )
    html = editor.get(LIST_URL).content.decode()
    assert not ROW_FORM.findall(html)
    response = editor.post(MODERATE_URL.format(pk=withdrawn.pk, decision="approve"), follow=True)
    assert "only its signer can change that" in response.content.decode()
    withdrawn.refresh_from_db()
    assert withdrawn.status == EndorsementStatus.WITHDRAWN and withdrawn.moderated_by is None


def status_select(html):
    select = html[html.rindex("<select", 0, html.index('name="status"')) :]
    return select[: select.index("</select>")]


def status_options(html):
    return re.findall(r'<option value="(\w+)"', status_select(html))


def test_the_edit_form_records_the_moderator_and_offers_moderation_statuses_only(editor, campaign):
    waiting = pending(campaign)
    edit_url = f"{LIST_URL}edit/{waiting.pk}/"
    html = editor.get(edit_url).content.decode()
    assert status_options(html) == ["pending", "approved", "rejected"]

    response = editor.post(edit_url, edit_data(waiting, status="withdrawn"))
    assert response.status_code == 200  # the form again, with the error
    waiting.refresh_from_db()
    assert waiting.status == EndorsementStatus.PENDING

    response = editor.post(edit_url, edit_data(waiting, status="approved"))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == EndorsementStatus.APPROVED
    assert waiting.moderated_by == editor.user and waiting.moderated_at

    # Saving without touching the status is no moderation.
    other = pending(campaign, email="other@example.org")
    editor.post(f"{LIST_URL}edit/{other.pk}/", edit_data(other, organisation="Renamed"))
    other.refresh_from_db()
    assert other.organisation == "Renamed" and other.moderated_by is None


def test_an_unconfirmed_endorsement_keeps_its_status_when_edited(editor, campaign):
    unconfirmed = EndorsementFactory(
        campaign_key=campaign.translation_key, status=EndorsementStatus.UNCONFIRMED
    )
    edit_url = f"{LIST_URL}edit/{unconfirmed.pk}/"
    html = editor.get(edit_url).content.decode()
    assert " disabled" in status_select(html) and status_options(html) == ["unconfirmed"]
    response = editor.post(edit_url, edit_data(unconfirmed, status="approved", city="Fès"))
    assert response.status_code == 302
    unconfirmed.refresh_from_db()
    assert unconfirmed.city == "Fès" and unconfirmed.status == EndorsementStatus.UNCONFIRMED


def test_bulk_approval_by_an_editor_records_who_and_when(editor, campaign):
    waiting = [pending(campaign, email=f"w{i}@example.org") for i in range(2)]
    withdrawn = EndorsementFactory(
        campaign_key=campaign.translation_key, status=EndorsementStatus.WITHDRAWN
    )
    query = "&".join(f"id={e.pk}" for e in [*waiting, withdrawn])
    response = editor.post(
        f"/admin/bulk/campaigns/endorsement/approve/?next={LIST_URL}&{query}", follow=True
    )
    assert "2 endorsements approved." in response.content.decode()
    withdrawn.refresh_from_db()
    assert withdrawn.status == EndorsementStatus.WITHDRAWN and withdrawn.moderated_by is None
    for endorsement in waiting:
        endorsement.refresh_from_db()
        assert endorsement.status == EndorsementStatus.APPROVED
        assert endorsement.moderated_by == editor.user and endorsement.moderated_at


def test_the_listing_keeps_its_campaign_filter_after_an_edit(editor, campaign, closed_campaign):
    waiting = pending(campaign, organisation="Filtered Town")
    listing = f"{LIST_URL}?campaign_key={campaign.translation_key}"
    html = editor.get(listing).content.decode()
    edit_link = f"{LIST_URL}edit/{waiting.pk}/?next={quote(listing, safe='')}"
    assert f'href="{edit_link}"' in unescape(html).replace("&amp;", "&")
    form = editor.get(edit_link).content.decode()
    assert f'action="{edit_link}"' in unescape(form)
    response = editor.post(edit_link, edit_data(waiting, status="approved"))
    assert response.status_code == 302 and response["Location"] == listing


def csv_rows(client):
    response = client.get(LIST_URL + "?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text, newline="")))


def rosario(editor, campaign):
    """An approved Spanish endorsement signed on 14 July 2026 at 10:30:15.123456 UTC, and
    an editor who works in French, in Paris."""
    profile = UserProfile.get_for_user(editor.user)
    profile.preferred_language = "fr"
    profile.current_time_zone = "Europe/Paris"
    profile.save()
    endorsement = pending(
        campaign,
        organisation="Ville de Rosario",
        country="AR",
        signatory_type=SignatoryType.LOCAL_GOVERNMENT,
        consent_public=True,
        is_sample=False,
        language="es",
    )
    created = datetime.datetime(2026, 7, 14, 10, 30, 15, 123456, tzinfo=datetime.UTC)
    Endorsement.objects.filter(pk=endorsement.pk).update(created_at=created)
    editor.post(MODERATE_URL.format(pk=endorsement.pk, decision="approve"))


def test_the_csv_reads_in_the_exporting_editors_language_and_time_zone(editor, campaign):
    rosario(editor, campaign)
    (row,) = csv_rows(editor)
    assert row["Organisation"] == "Ville de Rosario"
    assert row["Pays"] == "Argentine"
    assert row["Type de signataire"] == "Gouvernement local ou régional"
    assert row["Statut"] == "Approuvé"
    assert row["Affiché publiquement"] == "Oui" and row["Données fictives"] == "Non"
    assert row["Signé le"] == "2026-07-14 12:30"  # Paris in summer, to the minute
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", row["Modéré le"])
    assert row["Modéré par"] == "Editor"
    assert row["Langue"] == "Espagnol"


def test_the_xlsx_has_the_same_labels_and_local_dates(editor, campaign):
    rosario(editor, campaign)
    response = editor.get(LIST_URL + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings, values = sheet.iter_rows(values_only=True)
    row = dict(zip(headings, values, strict=True))
    assert (row["Pays"], row["Statut"], row["Langue"]) == ("Argentine", "Approuvé", "Espagnol")
    assert row["Affiché publiquement"] == "Oui"
    assert row["Signé le"] == datetime.datetime(2026, 7, 14, 12, 30, 15)  # a date cell


def test_existing_databases_give_editors_the_moderation(db):
    """The data migration: a group made before it (by an older setup_roles) gets the
    permissions."""
    group = Group.objects.get(name=EDITORS)
    codenames = {"view_endorsement", "change_endorsement", "view_signer_contact"}
    group.permissions.remove(*Permission.objects.filter(codename__in=codenames))
    migration = import_module("campaigns.migrations.0010_editors_moderate_endorsements")
    migration.grant(django_apps, None)
    granted = set(group.permissions.values_list("codename", flat=True))
    assert codenames <= granted


def test_the_dashboard_tells_editors_what_waits_per_campaign(
    editor, client, campaign, closed_campaign
):
    for i in range(2):
        pending(campaign, email=f"p{i}@example.org")
    pending(closed_campaign, email="closed@example.org")
    EndorsementFactory(campaign_key=campaign.translation_key, email="done@example.org")
    html = unescape(editor.get("/admin/").content.decode())
    panel = html[html.index('id="pending-endorsements"') :]
    panel = panel[: panel.index("</section>")]
    assert "Endorsements to moderate" in panel
    link = f"{LIST_URL}?campaign_key={campaign.translation_key}&status=pending"
    assert f'<a href="{link}">{campaign.title}</a>: 2 waiting' in panel
    assert f"{closed_campaign.title}</a>: 1 waiting" in panel
    assert panel.index(campaign.title) < panel.index(closed_campaign.title)  # most first
    filtered = editor.get(link).content.decode()
    assert filtered.count("/moderate/") == 4  # two rows, Approve and Reject each

    client.force_login(make_user("reviewer-fr", "Reviewers (fr)"))
    assert 'id="pending-endorsements"' not in client.get("/admin/").content.decode()


def test_moderators_get_a_digest_in_their_language_and_may_turn_it_off(editor, campaign):
    profile = UserProfile.get_for_user(editor.user)
    profile.preferred_language = "fr"
    profile.save()
    colleague = make_user("colleague", EDITORS)
    make_user("translator-fr", TRANSLATORS.format(code="fr"))  # cannot moderate: no email
    for i in range(3):
        pending(campaign, email=f"p{i}@example.org")

    call_command("send_endorsement_digest", stdout=io.StringIO())
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"editor@example.org", "colleague@example.org"}
    french = by_address["editor@example.org"]
    assert french.subject == "3 soutiens attendent une modération"
    link = f"http://testserver{LIST_URL}?campaign_key={campaign.translation_key}&status=pending"
    assert f"- {campaign.title}\u00a0: 3 en attente\u00a0: {link}" in french.body
    assert "Account" not in french.body and "/admin/account/" in french.body
    assert by_address["colleague@example.org"].subject == "3 endorsements wait for moderation"

    # The editor turns it off on their Account page.
    html = editor.get("/admin/account/").content.decode()
    assert 'name="moderation_emails-pending_digest"' in html
    data = account_form(editor)
    assert data.pop("moderation_emails-pending_digest") == ["on"]  # on until turned off
    assert editor.post("/admin/account/", data).status_code == 302
    mail.outbox.clear()
    call_command("send_endorsement_digest", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [[colleague.email]]


def test_no_digest_when_nothing_waits(editor, campaign):
    EndorsementFactory(campaign_key=campaign.translation_key)  # approved already
    call_command("send_endorsement_digest", stdout=io.StringIO())
    assert mail.outbox == []
