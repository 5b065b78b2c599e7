"""Signing a campaign, confirming by email, moderation, public display, protections."""

import datetime
import io
import re
import smtplib
import socket
import threading
import time
from html import unescape
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail, signing
from django.core.cache import cache
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Site

from campaigns.emails import CONFIRM_SALT
from campaigns.factories import CampaignPageFactory, EndorsementFactory, endorsement_form_data
from campaigns.models import Endorsement, EndorsementStatus
from core.background import wait_for_background
from core.models import SitePages
from tests.campaigns.conftest import WELCOMING
from tests.conftest import LANGUAGES, publish, steady_queries, view_then_renew
from themes.factories import ActionPlanPageFactory, ThemeIndexPageFactory, ThemePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def html_of(response):
    return unescape(response.content.decode())


def public_count(client, page):
    html = html_of(client.get(page.url))
    return int(re.search(r'class="progress-block__count">(\d+) ', html).group(1))


def test_signing_confirming_and_approving_an_endorsement(
    client, campaign, translated_campaign, admin_client
):
    french = translated_campaign["fr"]
    # Endorsed already (in Arabic, the count of one is a word, not a figure).
    EndorsementFactory.create_batch(5, campaign_key=campaign.translation_key)
    before = {code: public_count(client, translated_campaign[code]) for code in LANGUAGES}
    assert len(set(before.values())) == 1

    response = client.post(french.url, endorsement_form_data())
    assert response.status_code == 302 and response["Location"] == french.url + "thanks/#outcome"
    endorsement = Endorsement.objects.get(email="amina@example.org")
    assert endorsement.status == EndorsementStatus.UNCONFIRMED
    assert endorsement.campaign_key == campaign.translation_key and endorsement.language == "fr"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert message.subject.startswith("Veuillez confirmer votre soutien")
    assert "Merci d’avoir soutenu" in message.body
    confirm_url = re.search(r"http://testserver(\S+/confirm/\?token=\S+)", message.body).group(1)
    assert "/withdraw/?token=" in message.body

    # A mail scanner following the link confirms nothing: the page asks with a button.
    page = client.get(confirm_url)
    assert "Confirmer le soutien" in html_of(page)
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.UNCONFIRMED
    token = confirm_url.split("token=")[1]
    response = client.post(french.url + "confirm/", {"token": token})
    assert response.status_code == 200
    assert "Votre soutien est confirmé." in html_of(response)
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.PENDING
    # Confirmed but not yet moderated: not counted.
    assert public_count(client, french) == before["fr"]

    response = admin_client.post(
        f"/admin/bulk/campaigns/endorsement/approve/?next=/admin/&id={endorsement.pk}"
    )
    assert response.status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.APPROVED
    assert endorsement.moderated_by.username == "editor-admin" and endorsement.moderated_at
    after = {code: public_count(client, translated_campaign[code]) for code in LANGUAGES}
    assert after == {code: count + 1 for code, count in before.items()}
    assert "City of Tangier" in html_of(client.get(translated_campaign["ar"].url))
    assert "amina@example.org" not in html_of(client.get(french.url)).lower()


def test_rejecting_many_at_once(admin_client, campaign):
    pending = [
        EndorsementFactory(campaign_key=campaign.translation_key, status=EndorsementStatus.PENDING)
        for _ in range(3)
    ]
    query = "&".join(f"id={e.pk}" for e in pending)
    response = admin_client.post(f"/admin/bulk/campaigns/endorsement/reject/?next=/admin/&{query}")
    assert response.status_code == 302
    assert set(
        Endorsement.objects.filter(pk__in=[e.pk for e in pending]).values_list("status", flat=True)
    ) == {EndorsementStatus.REJECTED}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"organisation": None}, "organisation"),
        ({"email": "not-an-email"}, "email"),
        ({"country": "XX"}, "country"),
        ({"country": "Atlantis"}, "country"),
        ({"organisation": "x" * 10000}, "organisation"),
        ({"city": "Tang\x00ier"}, "city"),
        ({"signatory_type": "mayor"}, "signatory_type"),
        ({"consent_privacy": None}, "consent_privacy"),
        ({"organisation": "   "}, "organisation"),
        ({"country": ""}, "country"),
    ],
)
def test_invalid_input_gets_field_errors_in_the_visitors_language_and_stores_nothing(
    client, campaign, campaign_in, change, field
):
    spanish = campaign_in(campaign, "es")
    response = client.post(spanish.url, endorsement_form_data(**change))
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        html = html_of(response)
        assert "Corrija lo siguiente" in html
        if field:
            assert f'id="field-{field}"' in html
            block = html[html.index(f'id="field-{field}"') :]
            assert 'class="form-field__error"' in block[:3000]
    assert not Endorsement.objects.filter(city__startswith="Tang").exists()
    assert mail.outbox == []


def test_field_errors_are_translated(client, campaign, campaign_in):
    response = client.post(
        campaign_in(campaign, "fr").url, endorsement_form_data(organisation=None)
    )
    assert "Champ requis." in html_of(response)
    response = client.post(campaign_in(campaign, "ar").url, endorsement_form_data(email="nope"))
    assert "أدخِل عنوان بريد إلكتروني صحيح." in html_of(response)


def test_honeypot_stores_nothing_and_sends_nothing(client, campaign):
    response = client.post(campaign.url, endorsement_form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Endorsement.objects.filter(email="amina@example.org").exists()
    assert mail.outbox == []


def test_a_repeated_endorsement_is_not_stored_twice(client, campaign, campaign_in):
    client.post(campaign.url, endorsement_form_data())
    spanish = campaign_in(campaign, "es")
    # Not confirmed yet: signing again sends the email again, not within minutes; the
    # visitor is thanked as anyone is (the answer never tells who signed).
    response = client.post(spanish.url, endorsement_form_data(email="AMINA@example.org"))
    assert response.status_code == 302 and response["Location"].endswith("/thanks/#outcome")
    assert len(mail.outbox) == 1
    Endorsement.objects.update(status=EndorsementStatus.PENDING)  # confirmed
    response = client.post(spanish.url, endorsement_form_data(email="AMINA@example.org"))
    assert response.status_code == 302 and response["Location"].endswith("/thanks/#outcome")
    assert Endorsement.objects.filter(email="amina@example.org").count() == 1
    # The owner is told, in the language just used, that the address has signed already.
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["amina@example.org"]
    assert "/withdraw/?token=" in mail.outbox[1].body


def test_a_signer_who_lost_the_email_asks_for_it_again(client, campaign):
    client.post(campaign.url, endorsement_form_data())
    Endorsement.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(minutes=11))
    response = client.post(campaign.url, endorsement_form_data(organisation="Another name"))
    assert response.status_code == 302 and response["Location"].endswith("thanks/#outcome")
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["amina@example.org"]
    endorsement = Endorsement.objects.get()
    assert endorsement.organisation != "Another name"  # a resend changes nothing else


class RefusingMailServer(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server is down")


def test_a_mail_server_outage_loses_no_endorsement_and_the_command_retries(
    client, campaign, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    response = client.post(campaign.url, endorsement_form_data())
    assert response.status_code == 302  # the signer is told the email is on its way
    endorsement = Endorsement.objects.get()
    assert endorsement.confirmation_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    output = io.StringIO()
    call_command("send_confirmations", stdout=output)
    assert "1 confirmation emails sent, 0 still waiting" in output.getvalue()
    assert mail.outbox[0].to == ["amina@example.org"] and "/confirm/?token=" in mail.outbox[0].body
    endorsement.refresh_from_db()
    assert endorsement.confirmation_sent_at is not None
    call_command("send_confirmations", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # sent once


def test_an_endorsement_never_confirmed_expires_and_frees_its_address(client, campaign):
    client.post(campaign.url, endorsement_form_data())
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    Endorsement.objects.update(created_at=eight_days_ago, confirmation_sent_at=eight_days_ago)
    response = client.post(campaign.url, endorsement_form_data(organisation="City of Tangier"))
    assert response.status_code == 302
    assert Endorsement.objects.get().organisation == "City of Tangier"
    EndorsementFactory(
        campaign_key=campaign.translation_key, status=EndorsementStatus.UNCONFIRMED, email="o@x.org"
    )
    Endorsement.objects.filter(email="o@x.org").update(created_at=eight_days_ago)
    call_command("send_confirmations", stdout=io.StringIO())
    assert not Endorsement.objects.filter(email="o@x.org").exists()


def test_rate_limit_rejects_the_next_post_from_one_address(client, campaign, settings):
    settings.ENDORSEMENT_RATE_LIMIT = "3/h"
    for number in range(3):
        response = client.post(
            campaign.url,
            endorsement_form_data(email=f"s{number}@example.org"),
            REMOTE_ADDR="203.0.113.9",
        )
        assert response.status_code == 302
    response = client.post(
        campaign.url, endorsement_form_data(email="s4@example.org"), REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429
    assert "Too many endorsements were sent from your network" in html_of(response)
    assert not Endorsement.objects.filter(email="s4@example.org").exists()
    # Another address is not affected.
    response = client.post(
        campaign.url, endorsement_form_data(email="s5@example.org"), REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302


def test_only_valid_endorsements_count_toward_the_rate_limit(client, campaign, settings):
    """Typing mistakes, and the honeypot's catches, never use up a network's signatures."""
    settings.ENDORSEMENT_RATE_LIMIT = "3/h"
    address = {"REMOTE_ADDR": "203.0.113.20"}
    for _ in range(5):
        mistaken = endorsement_form_data(email="not an address", organisation="")
        response = client.post(campaign.url, mistaken, **address)
        assert response.status_code == 200
        assert "Too many endorsements" not in html_of(response)
    for number in range(4):
        spam = endorsement_form_data(email=f"bot{number}@example.org", website="http://x")
        assert client.post(campaign.url, spam, **address).status_code == 302
    for number in range(3):
        valid = endorsement_form_data(email=f"v{number}@example.org")
        assert client.post(campaign.url, valid, **address).status_code == 302
    valid = endorsement_form_data(email="v4@example.org")
    assert client.post(campaign.url, valid, **address).status_code == 429
    # Over the limit, even a mistaken form is told so first.
    mistaken = endorsement_form_data(email="", organisation="")
    assert client.post(campaign.url, mistaken, **address).status_code == 429
    assert Endorsement.objects.filter(email__startswith="v").count() == 3
    assert not Endorsement.objects.filter(email__startswith="bot").exists()


def test_withdrawal_from_the_email_link(client, campaign):
    client.post(campaign.url, endorsement_form_data())
    withdraw_url = re.search(
        r"http://testserver(\S+/withdraw/\?token=\S+)", mail.outbox[0].body
    ).group(1)
    endorsement = Endorsement.objects.get(email="amina@example.org")
    endorsement.moderate(EndorsementStatus.APPROVED, None)
    count = public_count(client, campaign)

    page = client.get(withdraw_url)  # a mail scanner following the link changes nothing
    assert "Withdraw the endorsement" in html_of(page)
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.APPROVED

    token = withdraw_url.split("token=")[1]
    response = client.post(campaign.url + "withdraw/", {"token": token})
    assert "Your endorsement has been withdrawn." in html_of(response)
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.WITHDRAWN
    assert public_count(client, campaign) == count - 1


def test_bad_or_expired_links_are_refused(client, campaign, monkeypatch):
    for token in ("abc", "", "%00", "x" * 5000, signing.dumps(999999, salt="other")):
        response = client.get(campaign.url + "confirm/", {"token": token})
        assert response.status_code == 400
        assert "This link is not valid or has expired." in html_of(response)
    endorsement = EndorsementFactory(
        campaign_key=campaign.translation_key, status=EndorsementStatus.UNCONFIRMED
    )
    import time

    token = signing.dumps(endorsement.pk, salt=CONFIRM_SALT)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 8 * 24 * 3600)
    response = client.get(campaign.url + "confirm/", {"token": token})
    assert response.status_code == 400
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.UNCONFIRMED


def test_closed_campaign_has_no_form_and_refuses_posts(client, closed_campaign):
    closed = closed_campaign
    html = html_of(client.get(closed.url))
    assert 'name="organisation"' not in html
    assert "This campaign no longer accepts endorsements." in html
    response = client.post(closed.url, endorsement_form_data())
    assert response.status_code == 400
    assert not Endorsement.objects.filter(email="amina@example.org").exists()


def make_moderator(contact_permission):
    user = get_user_model().objects.create_user(
        f"moderator-{contact_permission}", "m@example.org", "pw"
    )
    group = Group.objects.create(name=f"Moderators {contact_permission}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("view_endorsement", "change_endorsement"):
        group.permissions.add(Permission.objects.get(codename=codename))
    if contact_permission:
        group.permissions.add(Permission.objects.get(codename="view_signer_contact"))
    user.groups.add(group)
    return user


LIST_URL = "/admin/snippets/campaigns/endorsement/"


def test_signers_emails_and_export_need_the_permission(client, sample_endorsement):
    response = client.get(LIST_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get(LIST_URL + "?export=csv").status_code == 302

    client.force_login(make_moderator(contact_permission=False))
    html = client.get(LIST_URL).content.decode()
    assert "Villa Esperanza" in html
    assert "sample-0@example.org" not in html
    refused = client.get(LIST_URL + "?export=csv")  # Wagtail sends it back to the dashboard
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    endorsement = Endorsement.objects.get(email="sample-0@example.org")
    edit = client.get(f"{LIST_URL}edit/{endorsement.pk}/").content.decode()
    assert "sample-0@example.org" not in edit

    client.force_login(make_moderator(contact_permission=True))
    assert "sample-0@example.org" in client.get(LIST_URL).content.decode()
    export = client.get(LIST_URL + "?export=csv")
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode()
    assert "sample-0@example.org" in body and "Municipality of Villa Esperanza" in body


def test_moderation_list_filters_by_status_country_and_campaign(
    admin_client, campaign, sample_endorsement
):
    EndorsementFactory(
        campaign_key=campaign.translation_key,
        organisation="Pending Town",
        status=EndorsementStatus.PENDING,
        country="SN",
    )
    html = admin_client.get(LIST_URL + "?status=pending").content.decode()
    assert "Pending Town" in html and "Villa Esperanza" not in html
    html = admin_client.get(LIST_URL + "?country=AR").content.decode()
    assert "Villa Esperanza" in html and "Pending Town" not in html
    html = admin_client.get(f"{LIST_URL}?campaign_key={campaign.translation_key}").content.decode()
    assert "Villa Esperanza" in html


def test_campaign_page_costs_the_same_queries_with_5_or_500_endorsements(
    client, campaign_index, django_assert_num_queries
):
    page = CampaignPageFactory(parent=campaign_index, endorsement_target=1000)
    page.save_revision().publish()
    for _ in range(5):
        EndorsementFactory(campaign_key=page.translation_key)
    expected, _ = steady_queries(client, page.url)
    EndorsementFactory.create_batch(495, campaign_key=page.translation_key)
    view_then_renew(client, page.url)
    with django_assert_num_queries(expected):
        html = client.get(page.url).content.decode()
    assert "500 endorsements" in html and html.count("<tr><td>") == 500


@pytest.mark.parametrize("language", LANGUAGES)
def test_social_metadata_and_share_links_in_every_language(client, campaign, campaign_in, language):
    page = campaign_in(campaign, language)
    html = html_of(client.get(page.url))
    assert f'<meta property="og:title" content="{page.title}">' in html
    assert f'<meta property="og:locale" content="{language}">' in html
    assert '<meta name="twitter:card"' in html
    for share in (
        "mailto:?subject=",
        "twitter.com/intent/tweet",
        "facebook.com/sharer",
        "linkedin.com/sharing",
        "wa.me/?text=",
        "bsky.app/intent/compose",
    ):
        assert share in html
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert all(src.startswith("/static/") for src in scripts), "no third-party scripts"


def test_campaign_index_filters_combine_and_survive_garbage(
    client, campaign_index, campaign, closed_campaign
):
    index = campaign_index
    html = html_of(client.get(index.url + "?status=active"))
    assert "Welcoming cities" in html and "Cities against discrimination" not in html
    html = html_of(client.get(index.url + "?status=closed&theme=non-discrimination"))
    assert "Cities against discrimination" in html and "Welcoming cities" not in html
    html = html_of(client.get(index.url + "?status=active&theme=housing"))
    assert "Welcoming cities" not in html
    for query in (
        "status=zzz",
        "theme=%00",
        "page=-5",
        "page=" + "9" * 30,
        "status=active&status=x",
        "theme=" + "y" * 5000,
    ):
        response = client.get(f"{index.url}?{query}")
        assert response.status_code == 200
        assert "Welcoming cities" in html_of(response), query  # the filter dropped, not an error


def advocacy_plan(home, campaign):
    """An action plan whose advocacy panel (between two others) links to the campaign."""
    area = publish(ThemePageFactory(parent=publish(ThemeIndexPageFactory(parent=home))))

    def line(heading, anchor, body=()):
        paragraph = ("paragraph", f"<p>{heading}.</p>")
        body = [paragraph, *body]
        return ("line", {"heading": heading, "anchor": anchor, "summary": "", "body": body})

    related = ("related_pages", {"heading": "Related campaign", "pages": [campaign]})
    return publish(
        ActionPlanPageFactory(
            parent=area,
            lines=[
                line("Peer learning", "peer-learning"),
                line("Advocacy", "advocacy", [related]),
                line("Policy debates", "policy-debates"),
            ],
        )
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_action_plans_advocacy_panel_links_to_the_campaign_in_each_language(
    client, home, campaign, campaign_in, language
):
    plan = campaign_in(advocacy_plan(home, campaign), language)
    localized = campaign_in(campaign, language)
    html = html_of(client.get(plan.url))
    panel = html[html.index('id="advocacy"') : html.index('id="policy-debates"')]
    assert f'href="{localized.url}">{localized.title}</a>' in panel


def test_moderation_list_costs_the_same_queries_with_more_endorsements(
    admin_client, campaign, sample_endorsement, django_assert_num_queries
):
    admin_client.get(LIST_URL)
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(LIST_URL)
    EndorsementFactory.create_batch(30, campaign_key=campaign.translation_key)
    with django_assert_num_queries(len(queries)):
        html = admin_client.get(LIST_URL).content.decode()
    assert html.count(WELCOMING) >= 30


def test_the_country_list_keeps_the_choice_and_flags_a_missing_country(client, campaign):
    def country_select(html):
        start = html.rindex("<select", 0, html.index('name="country"'))
        return html[start : html.index("</select>", start)]

    select = country_select(client.post(campaign.url, {"country": "MA"}).content.decode())
    assert '<option value="MA" selected>Morocco</option>' in select
    assert select.count(" selected>") == 1 and " required" in select
    select = country_select(client.post(campaign.url, {"city": "Tangier"}).content.decode())
    opening = select[: select.index(">")]
    assert 'aria-invalid="true"' in opening and "id_country_error" in opening


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_form_links_the_privacy_page_chosen_in_the_site_settings_whatever_its_slug(
    client, campaign_in, campaign, privacy, language
):
    # Renamed in every language: a lookup by slug would lose it.
    for version in privacy.get_translations(inclusive=True):
        version.specific.slug = f"data-protection-{version.locale.language_code}"
        publish(version.specific)
    SitePages.objects.update_or_create(site=Site.objects.get(), defaults={"privacy_page": privacy})
    page = campaign if language == "en" else campaign_in(campaign, language)
    html = client.get(page.url).content.decode()
    expected = privacy.get_translation(Locale.objects.get(language_code=language))
    assert f'href="/{language}/data-protection-{language}/"' in html
    assert expected.url == f"/{language}/data-protection-{language}/"


def test_without_a_chosen_privacy_page_the_form_has_no_privacy_link(client, campaign, privacy):
    SitePages.objects.filter(site=Site.objects.get()).delete()
    html = client.get(campaign.url).content.decode()
    assert "/privacy/" not in html


def test_replayed_links_change_nothing_and_purge_no_cached_page(client, campaign, home, settings):
    """Confirmation and withdrawal are single-use POSTs: replaying either, a hundred times,
    saves nothing, so other pages stay in the page cache."""
    settings.PAGE_CACHE_SECONDS = 600
    client.post(campaign.url, endorsement_form_data())
    body = mail.outbox[0].body
    confirm_token = re.search(r"/confirm/\?token=(\S+)", body).group(1)
    withdraw_token = re.search(r"/withdraw/\?token=(\S+)", body).group(1)
    endorsement = Endorsement.objects.get(email="amina@example.org")
    client.post(campaign.url + "confirm/", {"token": confirm_token})
    endorsement.refresh_from_db()
    confirmed_at = endorsement.confirmed_at
    assert endorsement.status == EndorsementStatus.PENDING
    client.post(campaign.url + "withdraw/", {"token": withdraw_token})

    visitor = Client()  # another visitor, who has no cookie of the signer's
    assert visitor.get(home.url)["X-Cache"] == "MISS"
    assert visitor.get(home.url)["X-Cache"] == "HIT"
    for _ in range(100):
        client.post(campaign.url + "withdraw/", {"token": withdraw_token})
        response = client.post(campaign.url + "confirm/", {"token": confirm_token})
    assert "Your endorsement has been withdrawn." in html_of(response)  # not resurrected
    assert visitor.get(home.url)["X-Cache"] == "HIT"
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.WITHDRAWN
    assert endorsement.confirmed_at == confirmed_at


@pytest.mark.parametrize(
    "address, message",
    [
        ("x@\u0627a.org", "not a domain that can receive email"),
        ("amina@example.org\u202e", "invisible characters"),
        ("ami\u200bna@example.org", "invisible characters"),
        ("ami\u00adna@example.org", "invisible characters"),
        ('"amina"@example.org', "Latin letters"),
        ("am\u00edna@example.org", "Latin letters"),
    ],
)
def test_addresses_a_confirmation_cannot_reach_are_refused_in_the_form(
    client, campaign, address, message
):
    response = client.post(campaign.url, endorsement_form_data(email=address))
    assert response.status_code == 200
    html = html_of(response)
    # Ours, or Django's own validation's when it refuses first: an error on the field.
    assert message in html or "Enter a valid email address." in html
    assert 'id="field-email"' in html and "form-field form-field--error" in html
    assert not Endorsement.objects.exists()
    assert mail.outbox == []


def test_one_mailbox_endorses_once_however_its_address_is_spelt(client, campaign):
    assert client.post(campaign.url, endorsement_form_data()).status_code == 302
    # Full-width letters and capitals are the same address (Unicode NFKC, lower case).
    again = client.post(campaign.url, endorsement_form_data(email="\uff41mina@EXAMPLE.org"))
    assert again.status_code == 302
    assert Endorsement.objects.count() == 1


def test_the_signatory_type_prompts_in_the_visitors_language(client, campaign):
    html = html_of(client.get(campaign.url))
    select = re.search(r'<select name="signatory_type"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert '<option value="" selected>Choose a type</option>' in select
    assert "---------" not in html


def test_signing_lands_on_the_thank_you_notice(client, campaign):
    """The redirect names the notice: a browser would otherwise keep the form's fragment
    across it and show the page far below the notice."""
    response = client.post(campaign.url, endorsement_form_data(email="landing@example.org"))
    assert response.status_code == 302
    assert response["Location"].endswith("/thanks/#outcome")
    html = html_of(client.get(response["Location"].split("#")[0]))
    assert 'id="outcome" tabindex="-1"' in html
    assert re.search(r"<title>Thank you! · ", html)


def test_signatories_names_keep_their_own_direction(client, translated_campaign):
    """Names typed by signers, in any script, are isolated in the Arabic page's table."""
    arabic = translated_campaign["ar"]
    EndorsementFactory(
        campaign_key=arabic.translation_key, organisation="City of Tangier", city="Tanger"
    )
    html = html_of(client.get(arabic.url))
    assert "<td><bdi>City of Tangier</bdi>" in html and "<td><bdi>Tanger</bdi></td>" in html


# --- Who signed stays private (the answer is the same for every address) -------------------

CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def public_answer(campaign, email):
    """What a visitor without cookies sees after signing with `email`: the redirect and the
    page it leads to (CSRF tokens left out: they differ per visitor)."""
    visitor = Client()
    response = visitor.post(campaign.url, endorsement_form_data(email=email))
    landing = visitor.get(response["Location"].split("#")[0])
    return (
        response.status_code,
        response["Location"],
        response.content,
        landing.status_code,
        CSRF_VALUE.sub("", landing.content.decode()),
    )


@pytest.mark.parametrize(
    ("status", "public"),
    [
        (EndorsementStatus.UNCONFIRMED, False),
        (EndorsementStatus.PENDING, True),
        (EndorsementStatus.APPROVED, True),
        (EndorsementStatus.APPROVED, False),  # signed, not listed
        (EndorsementStatus.REJECTED, True),
        (EndorsementStatus.WITHDRAWN, False),
    ],
)
def test_signing_with_an_address_that_signed_answers_as_for_a_new_one(campaign, status, public):
    EndorsementFactory(
        campaign_key=campaign.translation_key,
        email="signed@example.org",
        status=status,
        consent_public=public,
        confirmation_sent_at=timezone.now(),
    )
    fresh = public_answer(campaign, "fresh@example.org")
    signed = public_answer(campaign, "signed@example.org")
    assert signed == fresh
    assert "already" not in signed[4]
    assert Endorsement.objects.filter(email="signed@example.org").count() == 1


def test_the_owner_of_an_address_that_signed_is_told_by_email(client, campaign, campaign_in):
    approved = EndorsementFactory(
        campaign_key=campaign.translation_key,
        email="signed@example.org",
        organisation="Ville de Lyon",
        status=EndorsementStatus.APPROVED,
    )
    french = campaign_in(campaign, "fr")
    client.post(french.url, endorsement_form_data(email="Signed@Example.org"))
    (notice,) = mail.outbox
    assert notice.to == ["signed@example.org"]
    # In the language just used (the French version's title; its wording, once translated).
    assert "Villes accueillantes" in notice.subject
    assert "Ville de Lyon" in notice.body
    # Typed again and again by a stranger: one email per RESEND_INTERVAL, not a flood.
    for _ in range(2):
        client.post(campaign.url, endorsement_form_data(email="signed@example.org"))
    assert len(mail.outbox) == 1
    withdraw = re.search(r"http://testserver(\S+/withdraw/\?token=\S+)", notice.body).group(1)
    client.post(withdraw.split("?")[0], {"token": withdraw.split("token=")[1]})
    approved.refresh_from_db()
    assert approved.status == EndorsementStatus.WITHDRAWN


def test_a_withdrawn_signer_who_signs_again_gets_a_link_to_endorse_again(client, campaign):
    withdrawn = EndorsementFactory(
        campaign_key=campaign.translation_key,
        email="back@example.org",
        status=EndorsementStatus.WITHDRAWN,
        consent_public=False,
    )
    client.post(campaign.url, endorsement_form_data(email="back@example.org"))
    (notice,) = mail.outbox
    assert notice.to == ["back@example.org"]
    assert notice.subject.startswith("Endorse “") and "again" in notice.subject
    link = re.search(r"http://testserver(\S+/sign-again/\?token=\S+)", notice.body).group(1)
    # A mail scanner following the link changes nothing: the page asks with a button.
    page = client.get(link)
    assert page.status_code == 200 and "Endorse again" in html_of(page)
    withdrawn.refresh_from_db()
    assert withdrawn.status == EndorsementStatus.WITHDRAWN
    response = client.post(link.split("?")[0], {"token": link.split("token=")[1]})
    assert "Your endorsement is confirmed." in html_of(response)
    withdrawn.refresh_from_db()
    # Back to moderation, listed as chosen when signing again.
    assert withdrawn.status == EndorsementStatus.PENDING and withdrawn.consent_public
    assert client.get(campaign.url + "sign-again/", {"token": "forged"}).status_code == 400


# --- One mailbox, one spelling: domains in their IDNA form ----------------------------------


def test_a_domain_in_unicode_or_idna_form_is_one_mailbox(client, campaign, settings):
    settings.ENDORSEMENT_RATE_LIMIT = "100/h"
    for address in ("amina@bücher.example", "amina@xn--bcher-kva.example", "AMINA@BÜCHER.EXAMPLE"):
        response = client.post(campaign.url, endorsement_form_data(email=address))
        assert response.status_code == 302
    assert list(Endorsement.objects.values_list("email", flat=True)) == [
        "amina@xn--bcher-kva.example"
    ]
    # IDNA 2008 keeps ß (non-transitional, as registries do): straße.example is a domain of
    # its own, which another party may hold, not strasse.example.
    for address in ("amina@straße.example", "amina@xn--strae-oqa.example", "amina@strasse.example"):
        client.post(campaign.url, endorsement_form_data(email=address))
    assert set(Endorsement.objects.values_list("email", flat=True)) == {
        "amina@xn--bcher-kva.example",
        "amina@xn--strae-oqa.example",
        "amina@strasse.example",
    }


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("amina@ex\u0430mple.org", "mixes alphabets"),  # a Cyrillic а among Latin letters
        ("amina@\u0441ity.example", "mixes alphabets"),  # a Cyrillic с
        ("amina@[127.0.0.1]", "not at an IP address"),
        ("amina@[IPv6:2001:db8::1]", "not at an IP address"),
        ("amina@192.0.2.10", "not at an IP address"),
    ],
)
def test_look_alike_domains_and_address_literals_are_refused(client, campaign, address, message):
    response = client.post(campaign.url, endorsement_form_data(email=address))
    assert response.status_code == 200
    html = html_of(response)
    assert message in html or "Enter a valid email address." in html
    assert "form-field form-field--error" in html
    assert not Endorsement.objects.exists()


def test_one_script_per_label_and_the_scripts_cjk_writing_mixes_are_accepted(client, campaign):
    for number, domain in enumerate(
        ("пример.рф", "مثال.example", "日本語ドメイン.jp", "例子.中国", "münchen.de")
    ):
        response = client.post(campaign.url, endorsement_form_data(email=f"x{number}@{domain}"))
        assert response.status_code == 302, domain
    assert Endorsement.objects.count() == 5
    assert all(email.isascii() for email in Endorsement.objects.values_list("email", flat=True))


def test_stored_addresses_move_to_their_idna_form_and_duplicates_are_kept(campaign):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("campaigns.migrations.0008_normalise_endorsement_emails")
    key = campaign.translation_key
    rows = {
        email: EndorsementFactory(campaign_key=key, email=email)
        for email in (
            "a@bücher.example",
            "a@xn--bcher-kva.example",  # the same mailbox, signed twice before
            "b@münchen.de",
            "c@ex\u0430mple.org",  # refused today (mixed scripts), still one mailbox
            "e@\u0627a.org",  # no IDNA form: kept as it was
            "d@example.org",
        )
    }
    migration.normalise_emails(apps, None)
    stored = {email: Endorsement.objects.get(pk=e.pk).email for email, e in rows.items()}
    assert stored == {
        "a@bücher.example": "a@bücher.example",  # its normal form is taken: both kept
        "a@xn--bcher-kva.example": "a@xn--bcher-kva.example",
        "b@münchen.de": "b@xn--mnchen-3ya.de",
        "c@ex\u0430mple.org": "c@xn--exmple-4nf.org",
        "e@\u0627a.org": "e@\u0627a.org",
        "d@example.org": "d@example.org",
    }
    assert Endorsement.objects.count() == 6


# --- A mail server that accepts and never answers ------------------------------------------


@pytest.fixture
def hung_mail_server(settings):
    """An SMTP server on 127.0.0.1 that accepts connections and never says a word (not
    even its greeting) until released, then hangs up. Mail goes to it over real SMTP."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    released = threading.Event()
    connections = []

    def serve():
        # Holds at most 30 s, so that a send without a timeout ends (and its test fails).
        deadline = time.monotonic() + 30
        while not released.is_set() and time.monotonic() < deadline:
            try:
                connections.append(listener.accept()[0])
            except TimeoutError:
                continue
        released.set()
        listener.close()
        for held in connections:
            held.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = listener.getsockname()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield SimpleNamespace(released=released, connections=connections)
    released.set()
    thread.join()


def test_a_hung_mail_server_neither_fails_nor_loses_a_sign_up(
    client, campaign, settings, hung_mail_server
):
    # Django's own default waits for ever; the site's waits EMAIL_TIMEOUT (10 s).
    assert django_settings.EMAIL_TIMEOUT == 10
    settings.EMAIL_TIMEOUT = 1
    assert get_connection().timeout == 1
    response = client.post(campaign.url, endorsement_form_data())
    assert response.status_code == 302 and response["Location"].endswith("/thanks/#outcome")
    endorsement = Endorsement.objects.get()
    assert endorsement.confirmation_sent_at is None  # marked for the retry
    assert hung_mail_server.connections  # it was tried, over SMTP

    output = io.StringIO()
    call_command("send_confirmations", stdout=output)  # the server still hangs
    assert "0 confirmation emails sent, 1 still waiting" in output.getvalue()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # back up
    call_command("send_confirmations", stdout=output)
    assert "1 confirmation emails sent, 0 still waiting" in output.getvalue()
    assert mail.outbox[0].to == ["amina@example.org"]
    endorsement.refresh_from_db()
    assert endorsement.confirmation_sent_at is not None


def test_the_confirmation_leaves_without_holding_the_request(
    client, campaign, settings, hung_mail_server
):
    """With background threads (as served), the answer comes while the mail server still
    has not said a word: no worker waits for it."""
    settings.BACKGROUND_THREADS = True
    settings.EMAIL_TIMEOUT = 60  # only the server's hanging up ends the send
    response = client.post(campaign.url, endorsement_form_data())
    assert response.status_code == 302
    assert not hung_mail_server.released.is_set()  # answered before the server did
    hung_mail_server.released.set()
    wait_for_background(timeout=60)
    endorsement = Endorsement.objects.get()
    assert endorsement.confirmation_sent_at is None  # left for send_confirmations
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_confirmations", stdout=io.StringIO())
    assert mail.outbox[0].to == ["amina@example.org"]


def test_an_endorsement_remembers_its_loaded_status_and_city_without_a_query(
    sample_endorsement, django_assert_num_queries
):
    """What the page cache's purge compares a save with (campaigns.signals)."""
    assert sample_endorsement.loaded_value("status") is None  # made here, never loaded
    loaded = Endorsement.objects.get(pk=sample_endorsement.pk)
    loaded.status = EndorsementStatus.REJECTED
    assert loaded.loaded_value("status") == EndorsementStatus.APPROVED
    assert loaded.changed_since_loaded("status")
    assert not loaded.changed_since_loaded("matched_city_id")
    deferred = Endorsement.objects.only("pk", "campaign_key").get(pk=sample_endorsement.pk)
    with django_assert_num_queries(0):
        assert deferred.loaded_value("status") is None
        assert not deferred.changed_since_loaded("matched_city_id")
