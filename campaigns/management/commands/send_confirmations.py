"""Retry the confirmation emails the mail server refused, and free the addresses of
endorsements never confirmed within the link's lifetime. Run it every few minutes (cron)."""

import logging
import smtplib

from django.core.management.base import BaseCommand

from campaigns.emails import MAIL_ERRORS, confirmation_email, send_confirmation_now
from campaigns.endorsements import Endorsement, EndorsementStatus, expired_unconfirmed

logger = logging.getLogger(__name__)
# The server itself down or hung (not one address refused): the next sends would fail too.
SERVER_FAILURES = (
    TimeoutError,
    ConnectionError,
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
)


class Command(BaseCommand):
    help = (
        "Send the endorsement confirmation emails still waiting (the mail server failed), "
        "and delete endorsements never confirmed within the link's lifetime."
    )

    def handle(self, *args, **options):
        expired, _ = expired_unconfirmed().delete()
        waiting = Endorsement.objects.filter(
            status=EndorsementStatus.UNCONFIRMED, confirmation_sent_at__isnull=True
        ).order_by("pk")
        sent = 0
        for endorsement in waiting:
            campaign = endorsement.campaign
            if campaign is None:
                continue
            subject, body = confirmation_email(campaign, endorsement)
            try:
                send_confirmation_now(endorsement, subject, body)
            except MAIL_ERRORS as error:
                logger.exception("Confirmation email to endorsement %s not sent", endorsement.pk)
                if isinstance(error, SERVER_FAILURES):
                    # Each next send would wait EMAIL_TIMEOUT too: they wait for the next run.
                    break
                continue
            sent += 1
        still_waiting = Endorsement.objects.filter(
            status=EndorsementStatus.UNCONFIRMED, confirmation_sent_at__isnull=True
        ).count()
        self.stdout.write(
            f"{sent} confirmation emails sent, {still_waiting} still waiting, "
            f"{expired} expired endorsements deleted."
        )
