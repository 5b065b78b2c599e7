"""The migration graph between apps, and moves of models between apps (core's to caching,
search and security; themes' snippets to taxonomy) tried on a database that holds rows from
before the move (a copy of the run's migrated database, taken back and forward by
`manage.py migrate` in a process of its own)."""

import shutil
import sqlite3

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tests.shared_databases import _manage, migrated_database, site_environment

PROJECT_APPS = {
    "core", "caching", "graphics", "search", "security", "home", "taxonomy", "themes", "cities",
    "events", "campaigns", "resources", "localization",
}  # fmt: skip


def app_dependencies():
    """{app: apps its migrations depend on}, for the project's apps."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    depends = {app: set() for app in PROJECT_APPS}
    for key, node in graph.node_map.items():
        app = key[0]
        if app in PROJECT_APPS:
            depends[app] |= {parent.key[0] for parent in node.parents} & (PROJECT_APPS - {app})
    return depends


def cycle_in(depends):
    """One cycle of apps as a list (the first app again at the end), or None."""
    visiting, done = [], set()

    def visit(app):
        if app in visiting:
            return visiting[visiting.index(app) :] + [app]
        if app in done:
            return None
        visiting.append(app)
        for other in sorted(depends[app]):
            found = visit(other)
            if found:
                return found
        visiting.pop()
        done.add(app)
        return None

    for app in sorted(depends):
        found = visit(app)
        if found:
            return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set()}) is None


@pytest.mark.django_db  # wagtail-localize's first migration reads the database when loaded
def test_no_app_s_migrations_depend_in_a_circle():
    assert cycle_in(app_dependencies()) is None


@pytest.fixture
def database_before(tmp_path_factory, tmp_path):
    if connection.vendor != "sqlite":
        # The moves change Django's state only, the same on every database: tried once, on
        # the SQLite pass, which has the migrated database at hand.
        pytest.skip("tried on SQLite")
    """A copy of the run's migrated SQLite database, its site environment, and a function
    running management commands on it."""
    shutil.copyfile(migrated_database(tmp_path_factory), tmp_path / "db.sqlite3")
    env = site_environment(tmp_path, "settings.test")
    return tmp_path / "db.sqlite3", lambda *commands: _manage(env, *commands)


TAXONOMY_ROWS = [
    "INSERT INTO themes_theme (translation_key, live, has_unpublished_changes, expired, name, "
    "slug, description, colour, locale_id) VALUES ('{key}', 1, 0, 0, 'Housing', 'housing', '', "
    "'', 1)",
    "INSERT INTO themes_partner (translation_key, live, has_unpublished_changes, expired, name, "
    "acronym, slug, kind, website, locale_id) VALUES ('{key}', 1, 0, 0, 'United Cities', "
    "'UCLG', 'uclg', 'network', '', 1)",
    "INSERT INTO themes_agendareference (translation_key, live, has_unpublished_changes, "
    "expired, agenda, code, title, slug, url, locale_id) VALUES ('{key}', 1, 0, 0, 'sdg', "
    "'SDG 11', 'Sustainable cities', 'sdg-11', '', 1)",
    # The migrated database's one page (Wagtail's welcome page) made a work area tagged with
    # the theme: a page's many-to-many link to it.
    "INSERT INTO themes_themepage (page_ptr_id, listing_summary, introduction, body) "
    "VALUES (2, '', '', '[]')",
    "INSERT INTO themes_themepage_themes (themepage_id, theme_id) "
    "SELECT 2, id FROM themes_theme WHERE slug = 'housing'",
]


def test_models_moved_out_of_core_and_themes_keep_their_rows(database_before):
    path, manage = database_before
    # Back to before the moves: core 0008 with the three models still core's, themes 0008
    # with the taxonomy's snippets still themes' (and their content types theirs again).
    manage(
        *(["migrate", app, "zero", "-v0"] for app in ("caching", "search", "security", "taxonomy"))
    )
    with sqlite3.connect(path) as db:
        for number, statement in enumerate(TAXONOMY_ROWS):
            db.execute(statement.format(key=f"{number:032x}"))
        # As for search below: the content types migrating back re-made for taxonomy go, the
        # themes' ones (the old code's) stay.
        made_for_taxonomy = "SELECT id FROM django_content_type WHERE app_label = 'taxonomy'"
        db.execute(f"DELETE FROM auth_permission WHERE content_type_id IN ({made_for_taxonomy})")
        db.execute("DELETE FROM django_content_type WHERE app_label = 'taxonomy'")
        (theme_type_id,) = db.execute(
            "SELECT id FROM django_content_type WHERE app_label = 'themes' AND model = 'theme'"
        ).fetchone()
        db.execute(
            "INSERT INTO core_pendingpurge (name, recorded_at) VALUES ('chrome', '2026-12-01')"
        )
        db.execute(
            "INSERT INTO core_searchword (language, word, key, length) "
            "VALUES ('fr', 'logement', 'logement', 8)"
        )
        # What the old code had: no content type for the new apps (migrating back re-made
        # them), the one of core's search words with a permission.
        made_for_search = "SELECT id FROM django_content_type WHERE app_label = 'search'"
        db.execute(f"DELETE FROM auth_permission WHERE content_type_id IN ({made_for_search})")
        db.execute("DELETE FROM django_content_type WHERE app_label = 'search'")
        (type_id,) = db.execute(
            "SELECT id FROM django_content_type WHERE app_label = 'core' AND model = 'searchword'"
        ).fetchone()
    manage(["migrate", "-v0"])
    output = manage(
        [
            "shell",
            "-c",
            "from caching.pending_purges import PendingPurge; "
            "from search.models import SearchWord; "
            "from django.contrib.contenttypes.models import ContentType; "
            "print(list(PendingPurge.objects.values_list('name', flat=True))); "
            "print(list(SearchWord.objects.values_list('word', flat=True))); "
            "print(ContentType.objects.get(model='searchword').pk); "
            "print(ContentType.objects.filter(app_label='core', model='searchword').count()); "
            "from taxonomy.models import AgendaReference, Partner, Theme; "
            "from themes.models import ThemePage; "
            "print(Theme.objects.get().name, Partner.objects.get().slug, "
            "AgendaReference.objects.get().slug, ThemePage.objects.get(pk=2).themes.get().slug); "
            "print(ContentType.objects.get_for_model(Theme).pk, "
            "ContentType.objects.filter(app_label='themes', model='theme').count())",
        ]
    )
    # The content types (and so the permissions) moved with the models.
    assert output.split()[-10:] == [
        "['chrome']",
        "['logement']",
        str(type_id),
        "0",
        "Housing",
        "uclg",
        "sdg-11",
        "housing",
        str(theme_type_id),
        "0",
    ]


def test_an_existing_editors_group_gets_moderation_in_campaigns_0010(database_before):
    """A site migrated before editors moderated endorsements: its editors' group (made by
    setup_roles) gets the moderation permissions when migrated; the migration ran into
    Django's app state stub before it looked for the attribute it lacks."""
    path, manage = database_before
    manage(["migrate", "campaigns", "0009", "-v0"])
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO auth_group (name) VALUES ('Communications editors')")
    manage(["migrate", "-v0"])
    output = manage(
        [
            "shell",
            "-c",
            "from django.contrib.auth.models import Group; "
            "print(sorted(Group.objects.get(name='Communications editors').permissions"
            ".values_list('codename', flat=True)))",
        ]
    )
    assert output.strip().splitlines()[-1] == (
        "['change_endorsement', 'view_endorsement', 'view_signer_contact']"
    )
