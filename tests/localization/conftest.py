import csv
import io
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.factories import StandardPageFactory
from home.models import HomePage, StandardPage
from localization.roles import EDITORS, REVIEWERS, TRANSLATORS
from taxonomy.factories import ThemeFactory, translate_now, translate_page

DASHBOARD = "/admin/translation-workflow/"

# What translators give the About page and the theme (Arabic slugs are Latin).
TRANSLATIONS = {
    "fr": {
        "About": "À propos",
        "about": "a-propos",
        "Who we are.": "Qui nous sommes.",
        "Diversity management": "Gestion de la diversité",
    },
    "es": {
        "About": "Acerca de",
        "about": "acerca-de",
        "Who we are.": "Quiénes somos.",
        "Diversity management": "Gestión de la diversidad",
    },
    "ar": {
        "About": "من نحن",
        "about": "about",
        "Who we are.": "من نحن.",
        "Diversity management": "إدارة التنوع",
    },
}


def make_user(username, *group_names):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "pw", first_name=username
    )
    for name in group_names:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def users(db):
    """One user per role (the groups come from the base site, which runs setup_roles)."""
    return {
        "translator_fr": make_user("translator-fr", TRANSLATORS.format(code="fr")),
        "reviewer_fr": make_user("reviewer-fr", REVIEWERS.format(code="fr")),
        "translator_es": make_user("translator-es", TRANSLATORS.format(code="es")),
        "reviewer_es": make_user("reviewer-es", REVIEWERS.format(code="es")),
        "editor": make_user("editor", EDITORS),
    }


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


def translation_for(instance, language_code):
    source = TranslationSource.objects.get_for_instance(instance)
    return Translation.objects.get(
        source=source, target_locale=Locale.objects.get(language_code=language_code)
    )


def first_segment(translation):
    return StringSegment.objects.filter(source=translation.source).order_by("order").first()


def refused(response):
    """Wagtail's admin answers a permission error with 403, or a redirect to the dashboard
    (with an error message)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


@pytest.fixture
def about(home):
    """The English About page and its French and Spanish translations (wagtail-localize)."""
    page = StandardPageFactory(parent=home, title="About", slug="about", introduction="Who we are.")
    page.save_revision().publish()
    versions = {"en": page}
    for code in ("fr", "es"):
        versions[code] = translate_page(page, code, TRANSLATIONS[code])
    return versions


@pytest.fixture
def theme(db):
    """A theme in English, French and Spanish (wagtail-localize)."""
    source = ThemeFactory(slug="diversity-management", name="Diversity management")
    versions = {"en": source}
    for code in ("fr", "es"):
        versions[code] = translate_now(source, code, TRANSLATIONS[code])
    return versions


def csv_rows(client, **params):
    response = client.get(DASHBOARD, {**params, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def state_of(client, title, language):
    rows = [r for r in csv_rows(client, locale=language) if r["title"] == title]
    assert len(rows) == 1, rows
    return rows[0]["state"], rows[0]["percent"]


def new_source_page(user, title="Housing first, a local guide"):
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(
        instance=StandardPage(
            title=title,
            slug=f"guide-{uuid.uuid4().hex[:6]}",
            introduction="Why housing comes first.",
            body=[("paragraph", "<p>Cities lead the way.</p>")],
        )
    )
    page.save_revision(user=user).publish(user=user)
    return page


def put(client, translation, segment, value):
    response = client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        data=f"value={value}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content
