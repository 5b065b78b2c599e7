from django.core.management.base import BaseCommand

from localization.roles import setup_roles


class Command(BaseCommand):
    help = (
        "Create or complete the groups 'Communications editors', 'Translators (xx)' and "
        "'Reviewers (xx)' for every language. Safe to run again."
    )

    def handle(self, *args, **options):
        without_home = setup_roles()
        for code in without_home:
            self.stderr.write(
                f"No home page in '{code}' yet: its teams get page permissions once it exists "
                "(run this command again)."
            )
        if options["verbosity"] >= 1:
            self.stdout.write("Translation roles are set up.")
