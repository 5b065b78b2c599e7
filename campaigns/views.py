"""Signing a campaign, the views behind the campaign page's routes (`CampaignPage`): the
form posted, email confirmation, withdrawal, signing again, and what the page shows of its
endorsements (`endorsement_context`). The form: `campaigns.forms`; the emails:
`campaigns.emails`.

Protections: CSRF (Django), a honeypot field, a per-IP rate limit kept in the cache (shared
by every app server when Redis is configured), server-side validation of every field, and
one endorsement per campaign and email address.
"""

from collections import Counter
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, ngettext
from django_countries import countries
from django_ratelimit.core import is_ratelimited
from wagtail.models import Site

from campaigns.emails import (
    CONFIRM_SALT,
    SIGN_AGAIN_SALT,
    WITHDRAW_SALT,
    notice_email,
    send_confirmation,
    send_notice,
)
from campaigns.endorsements import (
    CONFIRMATION_MAX_AGE,
    RESEND_INTERVAL,
    Endorsement,
    EndorsementStatus,
    expired_unconfirmed,
)
from campaigns.forms import EndorsementForm
from core.background import run_in_background
from core.models import SitePages
from core.page_maps import map_of_pages


def _campaign_endorsements(campaign):
    return Endorsement.objects.filter(campaign_key=campaign.translation_key)


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
