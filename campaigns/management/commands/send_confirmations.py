"""Retry the confirmation emails the mail server refused, and free the addresses of
endorsements never confirmed within the link's lifetime. Run it every few minutes (cron)."""

from django.core.management.base import BaseCommand

from campaigns.endorsements import Endorsement, EndorsementStatus, expired_unconfirmed
from campaigns.endorsing import confirmation_email, deliver_confirmation


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
        sent = failed = 0
        for endorsement in waiting:
            campaign = endorsement.campaign
            if campaign is None:
                continue
            subject, body = confirmation_email(campaign, endorsement)
            if deliver_confirmation(endorsement, subject, body):
                sent += 1
            else:
                failed += 1
        self.stdout.write(
            f"{sent} confirmation emails sent, {failed} still waiting, "
            f"{expired} expired endorsements deleted."
        )
