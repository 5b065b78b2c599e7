from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from resources.covers import cover_for, is_pdf
from resources.models import ResourcePage


class Command(BaseCommand):
    help = (
        "Draw the cover of every PDF document that has none (new uploads get theirs when "
        "saved), then give each live resource without a cover its first PDF's, in a new "
        "published revision. Resources with unpublished changes are left to their editors: "
        "they take the cover on their next save."
    )

    def handle(self, *args, **options):
        drawn = 0
        for document in get_document_model().objects.filter(cover__isnull=True).iterator():
            if is_pdf(document) and cover_for(document) is not None:
                drawn += 1
        covered = left = 0
        resources = ResourcePage.objects.live().filter(cover_image__isnull=True)
        for page in resources.filter(files__isnull=False).distinct().iterator():
            if page.has_unpublished_changes:
                left += 1
                continue
            cover = page.cover_from_files()
            if cover is not None:
                page.cover_image = cover
                page.save_revision(log_action=True).publish()
                covered += 1
        self.stdout.write(
            f"Drew {drawn} covers; gave {covered} resources their cover; "
            f"left {left} with unpublished changes."
        )
