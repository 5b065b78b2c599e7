"""The authorization walk: every admin URL the project and Wagtail register, for every role.

The URL resolver's patterns under /admin/ are enumerated (a new URL is walked without
editing this file); their parameters are filled by name from a site with content in every
language (pages, snippets and a translation of each made through wagtail-localize, a
glossary term, an image, a document in a private collection, an endorsement…), and each
bulk action Wagtail's registry holds is walked with an object of each language. Each URL is
requested with GET and with an empty POST by each role, in a transaction rolled back after
the request, recording the status and the tables it wrote to. `expected_violation()` holds
the rules of docs/translation-workflow.md (the role table) and docs/operations.md as code;
the test prints the matrix and fails on every cell that breaks them.
"""

import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    Locale,
    Page,
    Site,
    TranslatableMixin,
    Workflow,
)
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from localization.models import GlossaryTerm
from localization.roles import EDITORS, REVIEWERS, TRANSLATORS
from security.two_factor import OPEN_URL_NAMES
from tests.conftest import (
    ABOUT,
    data_for_module,
    on_commit_as_in_autocommit,
    translate_everywhere,
    translated_standard_page,
)

pytestmark = pytest.mark.django_db

# The object languages walked: the source, a Latin-script and a right-to-left translation.
LANGUAGES = ("en", "fr", "ar")
TEAM_ROLES = {
    "translator-fr": ("fr", False),
    "reviewer-fr": ("fr", True),
    "translator-ar": ("ar", False),
    "reviewer-ar": ("ar", True),
}
ROLES = ["editor", *TEAM_ROLES, "anonymous", "password-only"]

# Parameters that cannot be filled, with the reason. Anything else unfillable fails the walk.
SKIPPED_PARAMETERS = {
    "task_state_id": "Wagtail's workflows are off (WAGTAIL_WORKFLOW_ENABLED = False): no task runs",
    "workflow_state_id": "Wagtail's workflows are off: no workflow runs",
    "uploaded_file_id": "a multiple-upload's temporary file exists only during an upload",
    "session_id": "an editing session exists only while an editor has a page open",
    "overridable_segment_id": "the walked pages have no overridable segment (no image, no URL)",
}
# Server errors of Wagtail itself on an empty POST (not an authorization matter; reported
# upstream-style in the report, shown in the matrix, not failed): {URL name: why}.
KNOWN_SERVER_ERRORS = {
    "wagtailadmin_error_test": "Wagtail's page that fails on purpose, to test error reporting",
    "wagtailadmin_choose_page_external_link": "Wagtail's external-link chooser reads a missing "
    "URL as None (URLOrAbsolutePathField.to_python)",
    "create": "Wagtail's snippet chooser posts to a creation form it did not make (no form)",
}
# Admin addresses anyone may open (signing in, its password reset, the admin's own assets).
PUBLIC_ADMIN_URLS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
# Tables a request may write without changing anything a user acts on: sessions, sign-in
# records, rendition files, editing-session presence, the user's own admin profile.
BOOKKEEPING_TABLES = {
    "django_session",
    "auth_user",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "wagtailimages_rendition",
    "wagtailadmin_editingsession",
    "wagtailusers_userprofile",
    "otp_totp_totpdevice",  # django-otp records the last code tried
}
# Views that act on an object (as opposed to reading it): a language team may not open them
# on another language's object.
ACTING_VIEWS = {
    "edit",
    "delete",
    "unpublish",
    "publish",
    "move",
    "move_confirm",
    "set_page_position",
    "copy",
    "lock",
    "unlock",
    "revisions_revert",
    "revisions_unschedule",
    "convert_alias",
    "convert_to_alias",
    "set_privacy",
    "add_subpage",
    "edit_string_translation",
    "edit_override",
    "upload_pofile",
    "machine_translate",
    "stop_translation",
    "fill_from_memory",
    "use_memory",
    "submit_page_translation",
    "submit_snippet_translation",
    "update_translations",
    "sync_translations",
}
# What only editors do to a page or snippet, whatever the language (docs/translation-workflow.md:
# "Turning a translation into an alias … stopping a synced translation … are for editors
# only"; translators "cannot publish, unpublish or delete"; submitting and syncing need
# submit_translation; the tree follows the source's, so moving and copying are editors').
EDITORS_ONLY = {
    "delete",
    "move",
    "move_confirm",
    "set_page_position",
    "copy",
    "convert_alias",
    "convert_to_alias",
    "stop_translation",
    "set_privacy",
    "add_subpage",
    "add",
    "create",
    "submit_page_translation",
    "submit_snippet_translation",
    "update_translations",
    "sync_translations",
}
PUBLISHING = {"publish", "unpublish", "revisions_unschedule"}
# Site administration: superusers only (no group of docs/translation-workflow.md has it).
ADMINISTRATION_NAMESPACES = {
    "wagtailusers_users",
    "wagtailusers_groups",
    "wagtailsites",
    "wagtaillocales",
    "wagtailadmin_collections",
    "wagtailadmin_workflows",
    "wagtailredirects",
    "wagtailsettings",
    "wagtailforms",
}
ADMINISTRATION_NAMES = {"clear_page_cache"}
# The user's own account (everyone signed in may change it).
ACCOUNT_NAMES = {
    "wagtailadmin_account",
    "wagtailadmin_account_notification_preferences",
    "two_factor_enrol",
    "two_factor_backup_codes",
    "two_factor_verify",
    "wagtailadmin_logout",
}

WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def make_user(username, *groups, **fields):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw", **fields)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def by_language(instances):
    return {item.locale.language_code: item for item in instances}


def build():
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from wagtail.contrib.redirects.models import Redirect
    from wagtail_factories import DocumentFactory, ImageFactory

    from campaigns.factories import EndorsementFactory
    from core.models import FooterContent, SitePages
    from home.models import HomePage
    from localization.models import MemoryEntry, TranslationSettings
    from taxonomy.factories import AgendaReferenceFactory, PartnerFactory, ThemeFactory

    users = {
        "editor": make_user("editor", EDITORS),
        "translator-fr": make_user("translator-fr", TRANSLATORS.format(code="fr")),
        "reviewer-fr": make_user("reviewer-fr", REVIEWERS.format(code="fr")),
        "translator-ar": make_user("translator-ar", TRANSLATORS.format(code="ar")),
        "reviewer-ar": make_user("reviewer-ar", REVIEWERS.format(code="ar")),
        # Staff who typed their password but not the code of their authenticator app.
        "password-only": make_user("password-only", EDITORS, is_staff=True),
    }
    TOTPDevice.objects.create(user=users["password-only"], name="phone", confirmed=True)

    home = HomePage.objects.get(locale__language_code="en")
    about = translated_standard_page(home, ABOUT)
    pages = by_language(Page.objects.filter(translation_key=about.translation_key))
    homes = by_language(Page.objects.filter(translation_key=home.translation_key))
    english = Locale.objects.get(language_code="en")
    snippets = {}
    for source in (
        ThemeFactory(slug="diversity", name="Diversity management"),
        AgendaReferenceFactory(),
        PartnerFactory(),
        FooterContent.objects.create(locale=english, text="<p>A committee.</p>"),
        GlossaryTerm.objects.create(locale=english, slug="local-governments", term="local"),
    ):
        source.save_revision().publish()
        snippets[type(source)] = translate_everywhere(source)
    snippets[EndorsementFactory._meta.model] = {None: EndorsementFactory(campaign_key=uuid.uuid4())}
    source = TranslationSource.objects.get_for_instance(about)
    translations = {
        code: Translation.objects.get(source=source, target_locale__language_code=code)
        for code in LANGUAGES
        if code != "en"
    }
    private = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    site = Site.objects.get(is_default_site=True)
    workflow = Workflow.objects.create(name="Unused", active=False)
    task = GroupApprovalTask.objects.create(name="Unused", active=False)
    return {
        "users": users,
        "pages": pages,
        "homes": homes,
        "snippets": snippets,
        "translations": translations,
        "source": source,
        "segment": StringSegment.objects.filter(source=source).order_by("order").first(),
        "image": ImageFactory(title="Map"),
        "document": DocumentFactory(
            title="Minutes", collection=private, file__filename="minutes.txt", file__data=b"Minutes"
        ),
        "collection": private,
        "redirect": Redirect.objects.create(old_path="/old", redirect_page=about),
        "workflow": workflow,
        "task": task,
        "memory": MemoryEntry.objects.first(),
        "site": site,
        "locale": Locale.objects.get(language_code="fr"),
        "group": Group.objects.get(name=EDITORS),
        # Made on first reading: made now, so that reading them changes nothing.
        "settings": [setting.for_site(site) for setting in (SitePages, TranslationSettings)],
    }


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with data_for_module(django_db_blocker, build) as data:
        yield data


# --- The URLs ------------------------------------------------------------------------------


def admin_patterns():
    """(namespace, name, route, parameter names) of every URL pattern under /admin/."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern):
                yield namespace, pattern.name, route, list(pattern.pattern.regex.groupindex)

    return [
        found
        for found in walk(get_resolver().url_patterns, "", None)
        if found[2].startswith("admin/")
    ]


@dataclass(frozen=True)
class Cell:
    """One admin URL to request: `language` is that of the object it acts on (None: none)."""

    namespace: str | None
    name: str | None
    url: str
    language: str | None = None
    model: type | None = None
    action: str | None = None  # a bulk action's type

    @property
    def view(self):
        return self.action or self.name or ""


class Unfillable(Exception):
    pass


def snippet_model_of(namespace):
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        if namespace in (viewset.url_namespace, viewset.get_chooser_admin_url_namespace()):
            return model
    return None


def instance_of(site, model, language):
    versions = site["snippets"].get(model)
    if versions is None:
        raise Unfillable(f"no {model.__name__} in the walk's site")
    return versions.get(language, versions.get(None))


def subject(site, namespace, name, language, params):
    """The object a URL acts on, in `language`: a page, a snippet, or None."""
    model = snippet_model_of(namespace or "")
    if model is not None:
        return instance_of(site, model, language)
    if "app_label" in params and "pk" in params:  # wagtail-localize's snippet submission
        return instance_of(site, next(iter(site["snippets"])), language)
    return site["pages"][language]


def fill(site, namespace, name, params, language):
    """{parameter: value} for the pattern, acting on objects of `language`."""
    obj = subject(site, namespace, name, language, params)
    revision = getattr(obj, "latest_revision", None)
    theme = next(iter(site["snippets"]))
    values = {}
    for param in params:
        if param in SKIPPED_PARAMETERS:
            raise Unfillable(SKIPPED_PARAMETERS[param])
        if param in ("page_id", "parent_page_id", "page_to_move_id", "page_pk", "object_id"):
            values[param] = site["pages"][language].pk
        elif param == "pk":
            values[param] = pk_for(site, namespace, name, obj)
        elif param == "destination_id":
            values[param] = site["homes"][language].pk
        elif param == "revision_id":
            if revision is None:
                raise Unfillable(f"{obj!r} has no revision")
            values[param] = revision.pk
        elif param == "revision_id_a":
            values[param] = "earliest"
        elif param == "revision_id_b":
            values[param] = "latest"
        elif param == "translation_id":
            if language not in site["translations"]:
                raise Unfillable("the source has no translation into its own language")
            values[param] = site["translations"][language].pk
        elif param == "translation_source_id":
            values[param] = site["source"].pk
        elif param == "string_segment_id":
            values[param] = site["segment"].pk
        elif param in ("image_id",):
            values[param] = site["image"].pk
        elif param in ("document_id", "doc_id"):
            values[param] = site["document"].pk
        elif param == "collection_id":
            values[param] = site["collection"].pk
        elif param == "redirect_id":
            values[param] = site["redirect"].pk
        elif param == "workflow_pk":
            values[param] = site["workflow"].pk
        elif param == "task_id":
            values[param] = site["task"].pk
        elif param == "entry_id":
            if site["memory"] is None:
                raise Unfillable("the translation memory is empty")
            values[param] = site["memory"].pk
        elif param == "language_code":
            values[param] = language
        elif param in ("content_type_app_name", "content_type_model_name"):
            values[param] = {"content_type_app_name": "home"}.get(param, "standardpage")
        elif param in ("app_label", "model_name", "app_name"):
            values[param] = app_and_model(namespace, name, theme)[param]
        elif param == "filter_spec":
            values[param] = "original"
        elif param == "mode":
            values[param] = "default"
        elif param == "action_name":
            values[param] = "approve"
        elif param in ("uidb64", "token"):
            values[param] = "x"
        else:
            raise Unfillable(f"no value for the parameter {param!r}")
    return values


def pk_for(site, namespace, name, obj):
    namespace = namespace or ""
    if namespace in ("wagtailadmin_pages", "wagtailadmin_api:pages") or obj is None:
        return obj.pk
    by_namespace = {
        "wagtailusers_users": site["users"]["translator-fr"].pk,
        "wagtailusers_groups": site["group"].pk,
        "wagtailsites": site["site"].pk,
        "wagtaillocales": site["locale"].pk,
        "wagtailadmin_collections": site["collection"].pk,
        "wagtailadmin_api:images": site["image"].pk,
        "wagtailadmin_api:documents": site["document"].pk,
        "wagtailsettings": site["site"].pk,
    }
    if namespace == "wagtailadmin_workflows":
        return (site["task"] if "task" in (name or "") else site["workflow"]).pk
    if namespace in by_namespace:
        return by_namespace[namespace]
    return obj.pk


def app_and_model(namespace, name, theme):
    if namespace == "wagtailsettings":
        return {"app_name": "localization", "model_name": "translationsettings"}
    if namespace == "wagtailadmin_workflows":
        return {"app_label": "wagtailcore", "model_name": "groupapprovaltask"}
    if namespace == "wagtailadmin_pages":
        return {"app_label": "home", "model_name": "standardpage"}
    if name == "wagtailadmin_tag_model_autocomplete":
        return {"app_name": "wagtailimages", "model_name": "image"}
    if namespace == "wagtailadmin_editing_sessions":
        return {"app_label": "wagtailcore", "model_name": "page"}
    return {"app_label": theme._meta.app_label, "model_name": theme._meta.model_name}


def language_dependent(namespace, params):
    if snippet_model_of(namespace or "") is not None and "pk" in params:
        model = snippet_model_of(namespace)
        return issubclass(model, TranslatableMixin)
    page_params = {"page_id", "parent_page_id", "page_to_move_id", "page_pk", "object_id"}
    if page_params & set(params) or {"translation_id", "language_code"} & set(params):
        return True
    if namespace in ("wagtailadmin_pages", "wagtailadmin_api:pages") and "pk" in params:
        return True
    return "app_label" in params and "pk" in params  # wagtail-localize's snippet views


def bulk_cells(site):
    """Every registered bulk action, on an object of each language (one when the model has no
    languages)."""
    bulk_action_registry._scan_for_bulk_actions()
    cells = []
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            for action in actions:
                url = reverse("wagtail_bulk_action", args=(app_label, model_name, action))
                for language, obj in bulk_objects(site, app_label, model_name):
                    model = type(obj)
                    cells.append(
                        Cell(
                            None,
                            "wagtail_bulk_action",
                            f"{url}?id={obj.pk}",
                            language,
                            model,
                            action,
                        )
                    )
    return cells


def bulk_objects(site, app_label, model_name):
    if (app_label, model_name) == ("wagtailcore", "page"):
        return [(code, site["pages"][code]) for code in LANGUAGES]
    if (app_label, model_name) == ("wagtailimages", "image"):
        return [(None, site["image"])]
    if (app_label, model_name) == ("wagtaildocs", "document"):
        return [(None, site["document"])]
    if app_label == get_user_model()._meta.app_label and model_name == "user":
        return [(None, site["users"]["translator-fr"])]
    for model, versions in site["snippets"].items():
        if (model._meta.app_label, model._meta.model_name) == (app_label, model_name):
            if None in versions:
                return [(None, versions[None])]
            return [(code, versions[code]) for code in LANGUAGES]
    pytest.fail(f"the walk has no {app_label}.{model_name} for its bulk actions")


def cells(site):
    """[Cell], and [(pattern, reason)] of patterns left out with a reason."""
    found, skipped, unfillable = [], [], []
    for namespace, name, route, params in admin_patterns():
        if name == "wagtail_bulk_action":
            continue
        languages = LANGUAGES if language_dependent(namespace, params) else (None,)
        for language in languages:
            try:
                values = fill(site, namespace, name, params, language or "en")
            except Unfillable as why:
                reason = str(why)
                if reason in SKIPPED_PARAMETERS.values() or "own language" in reason:
                    skipped.append((route, reason))
                    continue
                unfillable.append(f"{route} ({namespace}:{name}): {reason}")
                continue
            url = to_url(namespace, name, route, values)
            if url is None:
                unfillable.append(f"{route} ({namespace}:{name}): cannot build its address")
                continue
            model = snippet_model_of(namespace or "")
            found.append(Cell(namespace, name, url, language, model))
    assert not unfillable, (
        "Admin URLs the walk cannot fill (fill them, or add to SKIPPED_PARAMETERS with a reason):\n"
        + "\n".join(unfillable)
    )
    return found + bulk_cells(site), skipped


def to_url(namespace, name, route, values):
    if name:
        full = f"{namespace}:{name}" if namespace else name
        try:
            return reverse(full, kwargs=values)
        except NoReverseMatch:
            pass
    # An unnamed pattern (or one whose name another pattern took): its route, filled in.
    url = "/" + route.replace("^", "").replace("$", "")
    for param, value in values.items():
        url = re.sub(rf"<(?:\w+:)?{param}>|\(\?P<{param}>[^)]*\)", str(value), url)
    return None if "<" in url or "(?P" in url else url


# --- The rules -----------------------------------------------------------------------------


@dataclass
class Outcome:
    status: int
    location: str
    writes: frozenset
    acts_on: int | None  # a bulk action's confirmation: how many objects it offers to act on

    @property
    def changed(self):
        return bool(self.writes - BOOKKEEPING_TABLES)

    @property
    def opened(self):
        return self.status == 200


def expected_violation(role, method, cell, outcome):
    """Why this cell breaks the rules, or None."""
    name = cell.name or ""
    namespace = cell.namespace or ""
    if outcome.status >= 500 and name not in KNOWN_SERVER_ERRORS:
        return "server error"  # docs/operations.md: garbage input answers 4xx, never 500
    if role in ("anonymous", "password-only"):
        # Nothing but signing in (docs/operations.md: two-factor sign-in; anonymous-equivalent).
        # Of the pages TwoFactorMiddleware leaves open, only the code's own opens for them
        # (enrolling or new backup codes ask for the code first).
        allowed = PUBLIC_ADMIN_URLS | ({"two_factor_verify"} if role == "password-only" else set())
        assert allowed - PUBLIC_ADMIN_URLS <= OPEN_URL_NAMES
        if outcome.changed and name not in ("wagtailadmin_login", "two_factor_verify"):
            return "changed the database"
        if outcome.opened and name not in allowed:
            return "opened an admin page"
        return None
    administration = namespace in ADMINISTRATION_NAMESPACES or name in ADMINISTRATION_NAMES
    if administration and (outcome.changed or (outcome.opened and cell.view in ACTING_VIEWS)):
        return "site administration is for superusers"
    if role == "editor":
        return None
    language, reviewer = TEAM_ROLES[role]
    other_language = cell.language is not None and cell.language != language
    if name == "wagtail_bulk_action":
        if cell.language is None or other_language:
            may = False  # images, documents, users, endorsements; other languages' objects
        elif cell.model is Page:
            may = cell.action not in ("delete", "move") and (
                cell.action not in PUBLISHING or reviewer
            )
        else:  # a snippet of their language: reviewers manage its glossary terms
            may = cell.action != "delete" or (reviewer and cell.model is GlossaryTerm)
        if (outcome.acts_on or outcome.changed) and not may:
            return f"{cell.action}: offered or done"
        return None
    if other_language and cell.view in ACTING_VIEWS and outcome.opened:
        return "opened another language's object to act on it"
    glossary_delete = cell.view == "delete" and reviewer and cell.model is GlossaryTerm
    if cell.view in EDITORS_ONLY and outcome.opened and not glossary_delete:
        return f"opened {cell.view}, which is for editors"
    if outcome.changed:
        if name in ACCOUNT_NAMES or namespace.startswith("wagtailadmin_account"):
            return None
        if other_language or cell.language is None:
            return "changed something outside its language"
        if glossary_delete:
            return None  # reviewers manage their language's glossary (localization.roles)
        if cell.view in EDITORS_ONLY:
            return f"{cell.view} is for editors"
        if cell.view in PUBLISHING and not reviewer:
            return "translators do not publish"
    return None


# --- The walk ------------------------------------------------------------------------------


def request(client, method, url):
    """The outcome of one request, whose changes are rolled back; the client keeps its session
    (a logout or a password change is undone with the database, but not in the cookie jar)."""
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    writes = set()

    def record(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        found = WRITE.match(sql)
        # Django's deletions also null the foreign keys of every model that could point at
        # what is deleted: only statements that touched a row count.
        if found and context["cursor"].rowcount != 0:
            writes.add(found.group(1).lower())
        return result

    with transaction.atomic():
        with on_commit_as_in_autocommit(), connection.execute_wrapper(record):
            response = getattr(client, method.lower())(url)
        transaction.set_rollback(True)
    client.cookies.clear()
    for name, value in cookies.items():
        client.cookies[name] = value
    context = getattr(response, "context", None)
    acts_on = None
    if context is not None and "items_with_no_access" in context:
        acts_on = len(context["items"])
    return Outcome(response.status_code, response.get("Location", ""), frozenset(writes), acts_on)


def languages_walked_by(role):
    """A language team meets objects of its own language and of the source's (another
    translation's take the same path: any language not theirs);
    whom the rules do not tell apart by language (editors, and those who did not sign in)
    meet one translation's objects, and those of no language."""
    if role in TEAM_ROLES:
        return (None, TEAM_ROLES[role][0], "en")
    return (None, "fr")


def clients(site):
    made = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(site["users"][role])
        made[role] = client
    return made


def test_every_admin_url_for_every_role(site, capsys):
    started = time.monotonic()
    walked, skipped = cells(site)
    matrix, violations = [], []
    by_role = clients(site)
    spent, slowest = Counter(), Counter()
    for cell in walked:
        for role in ROLES:
            if cell.language not in languages_walked_by(role):
                continue
            for method in ("GET", "POST"):
                before = time.monotonic()
                outcome = request(by_role[role], method, cell.url)
                spent[role] += time.monotonic() - before
                slowest[cell.view] += time.monotonic() - before
                why = expected_violation(role, method, cell, outcome)
                matrix.append((role, method, cell, outcome, why))
                if why:
                    violations.append(
                        f"{role:14} {method:4} {cell.url} → {outcome.status} "
                        f"{sorted(outcome.writes - BOOKKEEPING_TABLES)}: {why}"
                    )
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print_matrix(matrix, walked, skipped, elapsed)
        print("seconds per role:", {role: round(seconds, 1) for role, seconds in spent.items()})
        print("slowest views:", [(view, round(t, 1)) for view, t in slowest.most_common(15)])
    assert not violations, "\n".join(violations)


def print_matrix(matrix, walked, skipped, elapsed):
    print(
        f"\nAuthorization walk: {len(walked)} URLs × {len(ROLES)} roles × GET/POST "
        f"= {len(matrix)} requests in {elapsed:.1f} s; {len(skipped)} left out:"
    )
    for route, reason in sorted(set(skipped)):
        print(f"  skipped {route}: {reason}")
    rows = {}
    for role, method, cell, outcome, why in matrix:
        mark = f"{outcome.status}{'*' if outcome.changed else ''}{'!' if why else ''}"
        rows.setdefault((cell.url, cell.view), {})[f"{role}/{method}"] = mark
    header = [f"{role}/{method}" for role in ROLES for method in ("GET", "POST")]
    print("URL | " + " | ".join(header) + "   (* changed the database, ! violation)")
    for (url, _view), marks in rows.items():
        print(f"{url} | " + " | ".join(marks.get(column, "") for column in header))
    counts = Counter((role, outcome.changed) for role, _m, _c, outcome, _w in matrix)
    print("changes per role:", {role: counts[(role, True)] for role in ROLES})
