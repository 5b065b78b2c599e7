"""Signing a campaign, confirming by email, moderation, public display, protections."""

import datetime
import io
import re
import smtplib
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail, signing
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Site

from campaigns.endorsing import CONFIRM_SALT
from campaigns.factories import CampaignPageFactory, EndorsementFactory, endorsement_form_data
from campaigns.models import Endorsement, EndorsementStatus
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
    # Not confirmed yet: signing again asks for the email again, not within minutes.
    response = client.post(spanish.url, endorsement_form_data(email="AMINA@example.org"))
    assert response.status_code == 200
    assert "Le enviamos el correo de confirmación hace unos minutos" in html_of(response)
    Endorsement.objects.update(status=EndorsementStatus.PENDING)  # confirmed
    response = client.post(spanish.url, endorsement_form_data(email="AMINA@example.org"))
    assert "ya se ha utilizado para apoyar esta campaña" in html_of(response)
    assert Endorsement.objects.filter(email="amina@example.org").count() == 1
    assert len(mail.outbox) == 1


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
    assert "We sent the confirmation email to this address a few minutes ago" in html_of(again)
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
