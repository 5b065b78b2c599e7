from django.core.management import call_command
from django.core.management.base import BaseCommand
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.demo import demo_loaders


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
            # Every app's, declared in its demo module (core.demo.demo_loaders), each idempotent.
            for path, loader in demo_loaders():
                created = loader()
                total += created
                if options["verbosity"] >= 1:
                    self.stdout.write(f"{path}: {created} object(s) created")
        if total:
            call_command("rebuild_references_index", verbosity=0)
