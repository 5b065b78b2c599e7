from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string
from wagtail.signal_handlers import disable_reference_index_auto_update

# Each app adds its loader here; they run in order, each idempotent.
DEMO_LOADERS = [
    "home.demo.load",
    "themes.demo.load",
    "events.demo.load",
    "campaigns.demo.load",
    "resources.demo.load",
    "cities.demo.load",
    # The home page's sections choose pages of every app above.
    "home.demo.load_sections",
    "localization.demo.load_glossary",
    # Last: the language teams get page permissions on every language's home page.
    "localization.demo.load",
]


class Command(BaseCommand):
    help = (
        "Load the demo content: pages in English (the action plan in French), translated "
        "into the other languages through wagtail-localize. Safe to run again: what exists "
        "is left as it is."
    )

    def handle(self, *args, **options):
        # Wagtail would update the reference index after each of the thousands of saves (a
        # fifth of the time); it is built once at the end instead.
        total = 0
        with disable_reference_index_auto_update():
            for path in DEMO_LOADERS:
                loader = import_string(path)
                created = loader()
                total += created
                if options["verbosity"] >= 1:
                    self.stdout.write(f"{path}: {created} object(s) created")
        if total:
            call_command("rebuild_references_index", verbosity=0)
