"""The emails sent to signers: the confirmation (with confirm and withdraw links), and the
notice to an address that has signed already; each link carries a signed token
(`make_token`, read back by `campaigns.views`). Sent after the commit, from a background
thread; `manage.py send_confirmations` retries confirmations a mail server refused."""

import logging
import smtplib

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from campaigns.endorsements import CONFIRMATION_MAX_AGE, Endorsement, EndorsementStatus
from core.background import run_in_background

logger = logging.getLogger(__name__)

CONFIRM_SALT = "campaigns.endorsement.confirm"
WITHDRAW_SALT = "campaigns.endorsement.withdraw"
SIGN_AGAIN_SALT = "campaigns.endorsement.sign-again"
# What a send can raise: the server down, hung (a timeout is an OSError), or refusing.
MAIL_ERRORS = (OSError, smtplib.SMTPException, UnicodeError)


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
