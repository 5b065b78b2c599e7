"""Demo setup of the translation workflow: the glossary of the network's main terms
(demo/glossary.toml, translated from demo/locale/<language>.po), the roles, and with DEBUG
one user per role."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.demo import ensure_snippets, read_catalogs, read_data
from localization.roles import EDITORS, REVIEWERS, TRANSLATORS, setup_roles

DEMO = Path(__file__).parent / "demo"

DEMO_PASSWORD = "demo-local-only"  # noqa: S105 - stated in the docs, DEBUG only


def demo_users():
    users = [("editor", EDITORS)]
    for code in ("fr", "es", "ar"):
        users.append((f"translator-{code}", TRANSLATORS.format(code=code)))
        users.append((f"reviewer-{code}", REVIEWERS.format(code=code)))
    return users


def load_glossary():
    """The glossary's terms in English, translated into the other languages (published)."""
    created = []
    ensure_snippets(
        read_data(DEMO / "glossary.toml")["snippets"], read_catalogs(DEMO / "locale"), created
    )
    return len(created)


def load():
    setup_roles()
    created = 0
    if not settings.DEBUG:
        return created
    User = get_user_model()
    for username, group_name in demo_users():
        user, was_created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            created += 1
        user.groups.add(Group.objects.get(name=group_name))
    return created


# Last: the language teams get page permissions on every language's home page.
DEMO_LOADERS = {"content": load_glossary, "roles": load}
