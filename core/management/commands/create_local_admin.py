from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin-local-only"  # noqa: S105 - stated in README, for a local machine only


class Command(BaseCommand):
    help = "Create the local administrator account stated in README (development only; idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a known-password account with DEBUG off.")
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"Local administrator '{USERNAME}' already exists.")
            return
        User.objects.create_superuser(USERNAME, "admin@example.org", PASSWORD)
        self.stdout.write(f"Created local administrator '{USERNAME}' / '{PASSWORD}'.")
