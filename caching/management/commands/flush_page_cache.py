from django.core.management.base import BaseCommand

from caching.cache_purge import flush_everything


class Command(BaseCommand):
    help = (
        "Make every cached page and fragment stale at once (after a deployment that changes "
        "templates, or when in doubt). Publishing needs no flush: it makes stale only the "
        "pages that show what changed."
    )

    def handle(self, **options):
        flush_everything()
        self.stdout.write("Every cached page is stale: each is rendered afresh on its next view.")
