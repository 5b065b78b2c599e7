from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.demo import demo_loaders


@contextmanager
def search_index_auto_update_disabled():
    """Saves inside leave the search index alone (modelsearch indexes an object on each of
    its saves: a page and its translations are saved a dozen times while the demo is built);
    the caller indexes once at the end."""
    models = [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


class Command(BaseCommand):
    help = (
        "Load the demo content: pages in English (the action plan in French), translated "
        "into the other languages through wagtail-localize. Safe to run again: what exists "
        "is left as it is."
    )

    def handle(self, *args, **options):
        # Wagtail would update the reference index after each of the thousands of saves (a
        # fifth of the time), and the search index after each save of an indexed object (a
        # sixth): both are built once at the end instead.
        total = 0
        with disable_reference_index_auto_update(), search_index_auto_update_disabled():
            # Every app's, declared in its demo module (core.demo.demo_loaders), each idempotent.
            for path, loader in demo_loaders():
                created = loader()
                total += created
                if options["verbosity"] >= 1:
                    self.stdout.write(f"{path}: {created} object(s) created")
        if total:
            call_command("rebuild_references_index", verbosity=0)
            call_command("update_index", verbosity=0)
