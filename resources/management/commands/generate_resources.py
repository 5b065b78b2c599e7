from django.core.management.base import BaseCommand, CommandError

from resources.factories import generate_resources
from resources.models import ResourceLibraryPage


class Command(BaseCommand):
    help = (
        "Add N realistic resources (themes, publishers, files in 1 to 4 languages) to a "
        "language's resource library, for benchmarks. Run load_demo_content first."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--language", default="en", help="Library's language (default en).")
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, count, language, seed, **options):
        library = ResourceLibraryPage.objects.filter(locale__language_code=language).first()
        if library is None:
            raise CommandError("No resource library in that language: run load_demo_content.")
        generate_resources(library, count, seed=seed)
        self.stdout.write(f"Added {count} resources to {library.url}")
