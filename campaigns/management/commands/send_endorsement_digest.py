"""Email those who moderate endorsements how many wait, per campaign, with links to the
filtered list (nothing when nothing waits; not to those who turned it off under Account ›
Notifications). Run it once a day (cron)."""

from django.core.management.base import BaseCommand

from campaigns.moderation import send_moderation_digest


class Command(BaseCommand):
    help = "Email moderators the endorsements waiting for moderation, per campaign."

    def handle(self, *args, **options):
        sent = send_moderation_digest()
        self.stdout.write(f"{sent} moderation digests sent.")
