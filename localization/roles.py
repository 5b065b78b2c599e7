"""The roles: communications editors (pages, snippets, the moderation of endorsements), and
translators and reviewers per language.

`setup_roles()` is safe to run again: it adds what is missing and leaves the rest (and any
extra permission an administrator gave a group) alone.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page

from localization.models import GlossaryTerm, LanguageTeam
from localization.permissions import translatable_snippet_models

EDITORS = "Communications editors"
# Group names stay in English: they are data, and staff refer to them in the docs.
TRANSLATORS = "Translators ({code})"
REVIEWERS = "Reviewers ({code})"

EDITOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
# Editors moderate endorsements (approve, reject, match their city page) and export them
# with the signers' contacts; endorsements come from signers, so no add or delete. Named by
# app label: localization does not import campaigns (a data migration of campaigns grants
# the same to existing databases).
EDITOR_ENDORSEMENT_PERMISSIONS = [
    ("campaigns", "view_endorsement"),
    ("campaigns", "change_endorsement"),
    ("campaigns", "view_signer_contact"),
]
TRANSLATOR_PAGE_PERMISSIONS = ["change_page"]
REVIEWER_PAGE_PERMISSIONS = ["change_page", "publish_page"]
# The glossary is managed by editors and each language's reviewers. Translators translate a
# term as any snippet (a draft, in their language only: their inbox lists it), which their
# language's reviewer approves by publishing it; they cannot add or delete terms.
GLOSSARY_ACTIONS = {
    LanguageTeam.Role.TRANSLATOR: ["change", "view"],
    LanguageTeam.Role.REVIEWER: ["add", "change", "delete", "view", "publish"],
}


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _model_permissions(model, actions):
    content_type = ContentType.objects.get_for_model(model)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    return Permission.objects.filter(content_type=content_type, codename__in=codenames)


def _grant_pages(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", codename)
        )


def _grant_collections(group, codenames):
    root = Collection.get_first_root_node()
    for app_label, codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=_permission(app_label, codename)
        )


def _setup_editors():
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(
        _permission("wagtailadmin", "access_admin"),
        _permission("wagtail_localize", "submit_translation"),
        *(_permission(app, codename) for app, codename in EDITOR_ENDORSEMENT_PERMISSIONS),
    )
    for model in translatable_snippet_models():
        group.permissions.add(
            *_model_permissions(model, ["add", "change", "delete", "view", "publish"])
        )
    _grant_pages(group, Page.get_first_root_node(), EDITOR_PAGE_PERMISSIONS)
    _grant_collections(
        group,
        [
            ("wagtailimages", "add_image"),
            ("wagtailimages", "change_image"),
            ("wagtailimages", "choose_image"),
            ("wagtaildocs", "add_document"),
            ("wagtaildocs", "change_document"),
            ("wagtaildocs", "choose_document"),
        ],
    )
    return group


def _setup_team(locale, role, name, page_codenames):
    group, _ = Group.objects.get_or_create(name=name.format(code=locale.language_code))
    LanguageTeam.objects.update_or_create(group=group, defaults={"locale": locale, "role": role})
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    for model in translatable_snippet_models():
        # Model-wide in Wagtail; LanguageScopeMiddleware limits them to this language.
        # Reviewers publish a language's snippets as they publish its pages.
        actions = ["change", "view"] + (["publish"] if role == LanguageTeam.Role.REVIEWER else [])
        if model is GlossaryTerm:
            actions = GLOSSARY_ACTIONS[role]
        group.permissions.add(*_model_permissions(model, actions))
    home = Page.objects.filter(depth=2, locale=locale, alias_of__isnull=True).first()
    if home is not None:
        _grant_pages(group, home, page_codenames)
    # Images and documents the source chose can be swapped for a language's own.
    _grant_collections(
        group, [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")]
    )
    return group, home is not None


def setup_roles():
    """Create or complete the groups. Returns the names of languages with no home page yet
    (their teams get page permissions on the next run, once the home page exists)."""
    _setup_editors()
    without_home = []
    for locale in Locale.objects.order_by("id"):
        _, has_home = _setup_team(
            locale, LanguageTeam.Role.TRANSLATOR, TRANSLATORS, TRANSLATOR_PAGE_PERMISSIONS
        )
        _setup_team(locale, LanguageTeam.Role.REVIEWER, REVIEWERS, REVIEWER_PAGE_PERMISSIONS)
        if not has_home:
            without_home.append(locale.language_code)
    return without_home
