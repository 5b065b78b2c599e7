from django.core.management.base import BaseCommand

from core.images import restore_missing_renditions


class Command(BaseCommand):
    help = (
        "Draw again, from their originals and under their own names, the renditions whose "
        "file is missing from the media storage (media restored from a backup without "
        "renditions). On a local disk the site does it by itself on each one's first "
        "request; on object storage, where the bucket serves files, run this after a restore."
    )

    def handle(self, *args, **options):
        restored, lost = restore_missing_renditions()
        self.stdout.write(
            f"Drew {restored} missing renditions again; {lost} could not be drawn "
            "(their original is missing too)."
        )
