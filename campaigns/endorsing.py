"""Signing a campaign: the form, its protections, email confirmation, withdrawal.

Protections: CSRF (Django), a honeypot field, a per-IP rate limit kept in the cache (shared
by every app server when Redis is configured), server-side validation of every field, and
one endorsement per campaign and email address.
"""

import logging
import smtplib
import unicodedata
from collections import Counter
from functools import partial

import idna
from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.forms.utils import flatatt
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_ratelimit.core import is_ratelimited
from wagtail.models import Site

from campaigns.endorsements import (
    CONFIRMATION_MAX_AGE,
    RESEND_INTERVAL,
    Endorsement,
    EndorsementStatus,
    SignatoryType,
    expired_unconfirmed,
)
from core.background import run_in_background
from core.models import SitePages
from core.page_maps import map_of_pages


class CountrySelect(forms.Select):
    """The country list (about 250 options) rendered in Python: Django renders each option
    of a select through a template of its own, a third of an uncached campaign page's time.
    Same markup, attributes (id, required, aria-describedby, aria-invalid) and selection."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        attributes = self.build_attrs(self.attrs, attrs)
        attributes["name"] = name
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (code, mark_safe(" selected") if str(code) in selected else "", label)
                for code, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(attributes), options)


logger = logging.getLogger(__name__)

CONFIRM_SALT = "campaigns.endorsement.confirm"
WITHDRAW_SALT = "campaigns.endorsement.withdraw"
SIGN_AGAIN_SALT = "campaigns.endorsement.sign-again"
# What a send can raise: the server down, hung (a timeout is an OSError), or refusing.
MAIL_ERRORS = (OSError, smtplib.SMTPException, UnicodeError)


class EndorsementForm(forms.ModelForm):
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    consent_privacy = forms.BooleanField(
        required=True,
        label=_(
            "I have read the privacy notice and agree to my data being processed to "
            "handle this endorsement."
        ),
        error_messages={"required": _("Please accept the privacy notice to sign.")},
    )
    consent_public = forms.BooleanField(
        required=False,
        label=_("List our organisation, city and country publicly among the signatories."),
    )

    class Meta:
        model = Endorsement
        fields = [
            "signatory_type",
            "organisation",
            "city",
            "country",
            "contact_name",
            "contact_role",
            "email",
            "consent_public",
            "consent_privacy",
        ]
        help_texts = {
            "organisation": _("e.g. City of Tangier."),
            "contact_role": _("e.g. Deputy Mayor for Social Inclusion."),
            "email": _("We send a confirmation link to this address. It is never published."),
        }

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "email" in data:
            # NFKC before Django's validation: full-width letters are the same address.
            data = data.copy()
            data["email"] = unicodedata.normalize("NFKC", data["email"])
        super().__init__(data, *args, **kwargs)
        self.fields["country"].widget = CountrySelect()
        self.fields["country"].choices = [("", _("Choose a country"))] + list(countries)
        # A prompt, not Django's "---------", in the visitor's language.
        self.fields["signatory_type"].choices = [("", _("Choose a type"))] + list(
            SignatoryType.choices
        )
        autocomplete = {
            "organisation": "organization",
            "city": "address-level2",
            "contact_name": "name",
            "contact_role": "organization-title",
            "email": "email",
            "country": "country",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_email(self):
        return normalised_email(self.cleaned_data["email"])

    @property
    def is_spam(self):
        return bool(self.data.get("website"))


def normalised_email(address):
    """One spelling per mailbox, and only addresses a confirmation email can reach.

    Unicode NFKC and lower case; invisible characters (controls, bidirectional marks,
    zero-width spaces, soft hyphens) and quoted or non-Latin local parts are refused (mail
    servers seldom accept them). The domain is kept in its IDNA form (`mail_domain`), so
    `bücher.example` and `xn--bcher-kva.example` are one mailbox. A `+tag` is kept: it is
    the signer's own address, and moderation sees duplicates.
    """
    address = unicodedata.normalize("NFKC", address).strip()
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Zs") for ch in address):
        raise forms.ValidationError(
            gettext("The email address contains invisible characters or spaces: retype it.")
        )
    local, _, domain = address.rpartition("@")
    if local.startswith('"') or not local.isascii():
        raise forms.ValidationError(
            gettext(
                "Use an address whose part before the @ has Latin letters, digits and . _ - + only."
            )
        )
    return f"{local.lower()}@{mail_domain(domain)}"


# Scripts that one domain label may mix (Unicode's "highly restrictive" profile, UTS 39):
# Japanese, Chinese and Korean write Latin and Han with their own scripts.
MIXABLE_SCRIPTS = (
    {"LATIN", "HAN", "HIRAGANA", "KATAKANA"},
    {"LATIN", "HAN", "BOPOMOFO"},
    {"LATIN", "HAN", "HANGUL"},
)
# A letter's script is the first word of its Unicode name, but for these.
SCRIPT_OF_NAME = {
    "CJK": {"HAN"},
    "IDEOGRAPHIC": {"HAN"},
    "KATAKANA-HIRAGANA": set(),  # the prolonged sound mark: either kana
    "MODIFIER": set(),  # modifier letters belong to no one script
}


def _scripts(label):
    scripts = set()
    for ch in label:
        if unicodedata.category(ch).startswith("L"):
            word = unicodedata.name(ch, "").split(" ", 1)[0]
            scripts |= SCRIPT_OF_NAME.get(word, {word})
    return scripts


def _label(label):
    """(A-label, U-label) of one label. A plain ASCII one stays as it is: IDNA 2008 reserves
    `ab--` labels for itself, but such host names predate it and receive mail."""
    if label.isascii() and not label.startswith("xn--"):
        if not label:
            raise idna.IDNAError("empty label")
        return label, label
    ascii_label = idna.alabel(label).decode("ascii")
    return ascii_label, idna.ulabel(ascii_label)


def mail_domain(domain):
    """The domain in its IDNA 2008 form (UTS 46 mapping), as mail servers look it up: the
    one spelling compared and stored. Non-transitional (what registries and browsers use):
    `straße.example` stays `xn--strae-oqa.example`, a domain apart from `strasse.example`
    that another party may hold, so mail for one never goes to the other. Refused: address
    literals (`[127.0.0.1]`) and bare IP addresses, and labels mixing scripts (a Cyrillic
    `с` in a Latin name), the look-alikes of another organisation's domain."""
    not_a_domain = forms.ValidationError(
        gettext("The part after the @ is not a domain that can receive email.")
    )
    if domain.startswith("["):
        raise forms.ValidationError(
            gettext("Use an address at a domain name, not at an IP address.")
        )
    try:
        labels = [_label(label) for label in idna.uts46_remap(domain).split(".")]
    except (idna.IDNAError, UnicodeError, IndexError):
        raise not_a_domain from None
    ascii_domain = ".".join(ascii_label for ascii_label, _unicode in labels)
    if labels[-1][0].isdigit():  # no top-level domain is a number
        raise forms.ValidationError(
            gettext("Use an address at a domain name, not at an IP address.")
        )
    for _ascii, label in labels:
        scripts = _scripts(label)
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in MIXABLE_SCRIPTS):
            raise forms.ValidationError(
                gettext(
                    "The part after the @ mixes alphabets (for example a Cyrillic letter "
                    "among Latin ones): retype it."
                )
            )
    return ascii_domain


def _campaign_endorsements(campaign):
    return Endorsement.objects.filter(campaign_key=campaign.translation_key)


def approved_counts(campaign_keys):
    """{campaign translation key: number of approved endorsements}, in one query: what
    campaign cards show (public consent is not needed to be counted)."""
    rows = (
        Endorsement.objects.filter(
            campaign_key__in=campaign_keys, status=EndorsementStatus.APPROVED
        )
        .values("campaign_key")
        .annotate(n=Count("pk"))
    )
    return {row["campaign_key"]: row["n"] for row in rows}


def endorsement_context(campaign, request):
    approved = _campaign_endorsements(campaign).filter(status=EndorsementStatus.APPROVED)
    listed = list(
        approved.filter(consent_public=True)
        .order_by("country", "city", "organisation")
        .only("organisation", "city", "country", "signatory_type", "is_sample", "matched_city")
        .select_related("matched_city")  # the map's cities, in the same query
    )
    by_country = sorted(
        (
            {"country": countries.name(row["country"]), "count": row["n"]}
            for row in approved.values("country").annotate(n=Count("pk"))
        ),
        key=lambda row: (-row["count"], row["country"]),
    )
    count = sum(row["count"] for row in by_country)  # every approved one has a country
    target = campaign.endorsement_target
    return {
        "endorsement_count": count,
        "endorsement_target": target,
        "endorsement_percent": min(100, round(100 * count / target)) if target else None,
        "endorsers": listed,
        "endorsers_by_country": by_country,
        "signatory_map": SimpleLazyObject(lambda: signatory_map(listed, request)),
        "endorsement_form": EndorsementForm() if campaign.accepts_endorsements else None,
        # Read when the form is rendered: a kept form (caching.fragments.page_part) needs none.
        "privacy_url": SimpleLazyObject(lambda: _privacy_url(request)),
        "share_url": campaign.get_full_url(request),
    }


def signatory_map(listed, request):
    """The cities of the listed (approved, public) endorsements that a moderator matched to
    a city page, on a map, each with its number of endorsements; None when there are none.
    One query for the cities in the visitor's language."""
    per_city = Counter(e.matched_city_id for e in listed if e.matched_city_id is not None)
    if not per_city:
        return None
    cities = list({e.matched_city_id: e.matched_city for e in listed if e.matched_city}.values())
    details = {
        city.translation_key: ngettext(
            "%(count)d endorsement", "%(count)d endorsements", per_city[city.pk]
        )
        % {"count": per_city[city.pk]}
        for city in cities
    }
    return map_of_pages(cities, request, details)[0]


def _privacy_url(request):
    """Read without for_request(), which creates the settings row on first use: a write
    during a page view (and a site-wide flush of the page cache)."""
    site = Site.find_for_request(request)
    pages = SitePages.objects.filter(site=site).first() if site is not None else None
    return pages.privacy_url(request) if pages is not None else ""


def endorse(campaign, request):
    if not campaign.accepts_endorsements:
        return HttpResponseBadRequest(gettext("This campaign does not accept endorsements."))
    form = EndorsementForm(request.POST)
    if form.is_spam:
        # Say thanks as if it worked: nothing is stored, no email is sent.
        return HttpResponseRedirect(_thanks_url(campaign))
    # Only valid submissions count toward the limit: typing mistakes, or a city hall's
    # colleagues behind one address correcting theirs, never lock signers out. A network
    # already over it is told so before anything else.
    rate = getattr(settings, "ENDORSEMENT_RATE_LIMIT", "5/h")
    limit = partial(is_ratelimited, request, group="campaign-endorse", key="ip", rate=rate)
    if limit(increment=False):
        return _too_many(campaign, request, form)
    if not form.is_valid():
        return _render_form(campaign, request, form)
    if limit(increment=True):
        return _too_many(campaign, request, form)
    endorsement = form.save(commit=False)
    endorsement.campaign_key = campaign.translation_key
    endorsement.language = translation.get_language()
    addressed = _campaign_endorsements(campaign).filter(email=endorsement.email)
    expired_unconfirmed().filter(pk__in=addressed.values("pk")).delete()
    existing = addressed.first()
    # Whatever the address did before, the visitor sees the same answer (anyone could type
    # anyone's address): what differs goes to the address's owner, by email.
    if existing is not None:
        _tell_the_owner(campaign, existing, endorsement, request)
        return HttpResponseRedirect(_thanks_url(campaign))
    try:
        with transaction.atomic():
            endorsement.save()
    except IntegrityError:  # the same address, twice at the same moment: one email is enough
        return HttpResponseRedirect(_thanks_url(campaign))
    send_confirmation(campaign, endorsement, request)
    return HttpResponseRedirect(_thanks_url(campaign))


def _tell_the_owner(campaign, existing, submitted, request):
    """An address that has signed already: its owner gets the confirmation again (not yet
    confirmed), or an email saying it has endorsed and how to withdraw, or, withdrawn, how
    to endorse again. At most one such email per RESEND_INTERVAL: a stranger typing the
    address again and again cannot flood its owner."""
    if existing.status == EndorsementStatus.UNCONFIRMED:
        sent = existing.confirmation_sent_at
        if sent is None or timezone.now() - sent >= RESEND_INTERVAL:
            send_confirmation(campaign, existing, request)
        return
    if not cache.add(f"endorsement-notice:{existing.pk}", 1, RESEND_INTERVAL.total_seconds()):
        return
    subject, body = notice_email(campaign, existing, submitted, request)
    transaction.on_commit(
        lambda: run_in_background(send_notice, existing.pk, existing.email, subject, body)
    )


def _too_many(campaign, request, form):
    form.add_error(
        None,
        gettext(
            "Too many endorsements were sent from your network in the last hour. "
            "Please try again later."
        ),
    )
    return _render_form(campaign, request, form, status=429)


def _render_form(campaign, request, form, status=200):
    response = campaign.render(
        request, context_overrides={"endorsement_form": form, "form_has_errors": True}
    )
    response.status_code = status
    return response


def make_token(endorsement, salt):
    return signing.dumps(endorsement.pk, salt=salt)


def send_confirmation(campaign, endorsement, request=None):
    """Send the confirmation email after the commit (the endorsement and its email are one
    unit: nothing is sent for a row rolled back), from a background thread (never holding
    the visitor's request). A mail server that fails or hangs (EMAIL_TIMEOUT) leaves
    `confirmation_sent_at` empty, and the send_confirmations command retries."""
    subject, body = confirmation_email(campaign, endorsement, request)
    transaction.on_commit(
        lambda: run_in_background(deliver_confirmation, endorsement, subject, body)
    )


def send_confirmation_now(endorsement, subject, body):
    """Send it here and now, and note it sent; MAIL_ERRORS when the mail server fails."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [endorsement.email])
    # An update, not a save: pages show nothing of this (no cache purge).
    Endorsement.objects.filter(pk=endorsement.pk).update(confirmation_sent_at=timezone.now())


def deliver_confirmation(endorsement, subject, body):
    try:
        send_confirmation_now(endorsement, subject, body)
    except MAIL_ERRORS:
        logger.exception("Confirmation email to endorsement %s not sent", endorsement.pk)
        return False
    return True


def send_notice(pk, address, subject, body):
    """The email telling an address's owner it has signed already (not retried: signing
    again asks for it again)."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except MAIL_ERRORS:
        logger.exception("Notice email to endorsement %s not sent", pk)


def notice_email(campaign, endorsement, submitted, request=None):
    """(subject, body) in the language just used to sign: the address has endorsed the
    campaign already (a link to withdraw), or had withdrawn (a link to endorse again, with
    the choice to be listed just made)."""
    base = campaign.get_full_url(request)
    with translation.override(submitted.language):
        context = {
            "campaign_title": campaign.title,
            "organisation": endorsement.organisation,
            "days": CONFIRMATION_MAX_AGE.days,
        }
        if endorsement.status == EndorsementStatus.WITHDRAWN:
            token = signing.dumps(
                [endorsement.pk, bool(submitted.consent_public)], salt=SIGN_AGAIN_SALT
            )
            context["sign_again_url"] = (
                f"{base}{campaign.reverse_subpage('sign_again')}?token={token}"
            )
            subject = gettext("Endorse “%(title)s” again?") % {"title": campaign.title}
            body = render_to_string("campaigns/email/endorse_again.txt", context)
        else:
            token = make_token(endorsement, WITHDRAW_SALT)
            context["withdraw_url"] = f"{base}{campaign.reverse_subpage('withdraw')}?token={token}"
            subject = gettext("You have already endorsed “%(title)s”") % {"title": campaign.title}
            body = render_to_string("campaigns/email/already_endorsed.txt", context)
    return subject, body


def confirmation_email(campaign, endorsement, request=None):
    """(subject, body) in the signer's language, with a confirm and a withdraw link."""
    base = campaign.get_full_url(request)

    def link(route, salt):
        return f"{base}{campaign.reverse_subpage(route)}?token={make_token(endorsement, salt)}"

    with translation.override(endorsement.language):
        context = {
            "campaign_title": campaign.title,
            "organisation": endorsement.organisation,
            "confirm_url": link("confirm", CONFIRM_SALT),
            "withdraw_url": link("withdraw", WITHDRAW_SALT),
            "days": CONFIRMATION_MAX_AGE.days,
        }
        subject = gettext("Please confirm your endorsement of “%(title)s”") % {
            "title": campaign.title
        }
        body = render_to_string("campaigns/email/confirm_endorsement.txt", context)
    return subject, body


def _from_token(request, salt, max_age=None):
    token = request.GET.get("token") or request.POST.get("token") or ""
    try:
        pk = signing.loads(token[:500], salt=salt, max_age=max_age)
    except (signing.BadSignature, signing.SignatureExpired, ValueError, TypeError):
        return None
    return Endorsement.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def _thanks_url(campaign):
    """The thank-you page at its notice: the fragment also replaces the form's `#endorse`,
    which a browser would otherwise keep across the redirect, far below the notice."""
    return campaign.url + campaign.reverse_subpage("thanks") + "#outcome"


def thanks(campaign, request):
    return campaign.render(request, context_overrides={"outcome": "thanks"})


def _bad_link(campaign, request):
    response = campaign.render(request, context_overrides={"outcome": "bad_link"})
    response.status_code = 400
    return response


def _ask(campaign, request, outcome):
    """A link's page: a button that POSTs the token (mail scanners follow links, and a
    GET must change nothing)."""
    return campaign.render(
        request,
        context_overrides={"outcome": outcome, "link_token": request.GET.get("token", "")},
    )


def confirm(campaign, request):
    """GET shows a button; POST confirms, once: a replayed link changes nothing."""
    endorsement = _from_token(request, CONFIRM_SALT, max_age=CONFIRMATION_MAX_AGE)
    if endorsement is None or endorsement.campaign_key != campaign.translation_key:
        return _bad_link(campaign, request)
    if request.method != "POST":
        return _ask(campaign, request, "confirm_endorsement")
    if endorsement.status == EndorsementStatus.WITHDRAWN:
        return campaign.render(request, context_overrides={"outcome": "withdrawn"})
    endorsement.mark_confirmed()
    return campaign.render(request, context_overrides={"outcome": "confirmed"})


def withdraw(campaign, request):
    """GET shows a button; POST withdraws, once: a replayed link saves nothing (and so
    purges no cached page)."""
    endorsement = _from_token(request, WITHDRAW_SALT)
    if endorsement is None or endorsement.campaign_key != campaign.translation_key:
        return _bad_link(campaign, request)
    if request.method != "POST":
        return _ask(campaign, request, "confirm_withdraw")
    if endorsement.status != EndorsementStatus.WITHDRAWN:
        endorsement.status = EndorsementStatus.WITHDRAWN
        endorsement.consent_public = False
        endorsement.save(update_fields=["status", "consent_public"])
    return campaign.render(request, context_overrides={"outcome": "withdrawn"})


def sign_again(campaign, request):
    """The link sent to a withdrawn signer who signed again: GET shows a button; POST makes
    the endorsement count again once the team has moderated it (the click confirms the
    address), listed or not as chosen when signing again. A replay changes nothing more."""
    token = request.GET.get("token") or request.POST.get("token") or ""
    try:
        pk, public = signing.loads(token[:500], salt=SIGN_AGAIN_SALT, max_age=CONFIRMATION_MAX_AGE)
        endorsement = Endorsement.objects.filter(pk=int(pk)).first()
    except (signing.BadSignature, ValueError, TypeError):
        endorsement = None
    if endorsement is None or endorsement.campaign_key != campaign.translation_key:
        return _bad_link(campaign, request)
    if request.method != "POST":
        return _ask(campaign, request, "confirm_sign_again")
    if endorsement.status == EndorsementStatus.WITHDRAWN:
        endorsement.status = EndorsementStatus.PENDING
        endorsement.consent_public = bool(public)
        endorsement.confirmed_at = timezone.now()
        endorsement.moderated_at = endorsement.moderated_by = None
        endorsement.save(
            update_fields=[
                "status",
                "consent_public",
                "confirmed_at",
                "moderated_at",
                "moderated_by",
            ]
        )
    return campaign.render(request, context_overrides={"outcome": "confirmed"})
