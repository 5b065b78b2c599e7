"""Language limits for translators and reviewers.

Wagtail's page permissions are tree permissions, so a group with edit rights on `/fr/`
edits French pages only. Snippet permissions are per model, across every language, and
wagtail-localize's editor and string endpoints check only those: `LanguageScopeMiddleware`
adds the language check for members of a language team.
"""

from functools import cache, cached_property

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation

from localization.models import LanguageTeam

# wagtail-localize's views that act on one translation (their `translation_id` argument).
TRANSLATION_VIEWS = {
    "edit_string_translation",
    "edit_override",
    "download_pofile",
    "upload_pofile",
    "machine_translate",
    "preview_translation",
    "stop_translation",
}

# Replacing a translation with a live copy of the source (an alias: the source's text
# published in the language), and detaching it from its source (it then no longer follows
# the source's changes): decisions about a page in every language, for editors.
EDITORS_ONLY_VIEWS = {"convert_to_alias", "stop_translation"}

# A snippet's views that make a new instance: its form, a copy of an instance, the chooser's
# form. New snippets are the source's (editors'); wagtail-localize makes their translations.
CREATING_VIEWS = {"add", "copy", "create"}

# A snippet's listing and chooser views (and their filtered results).
LISTING_VIEWS = {"list", "list_results", "choose", "choose_results"}

# Page actions for editors only, whatever a language team's tree permissions allow: the
# tree of every language follows the source's (wagtail-localize syncs it), and deleting a
# translation loses a language's work (the single views: localization.wagtail_hooks).
EDITORS_ONLY_PAGE_ACTIONS = {"delete", "move"}
# Wagtail's page views for those actions, and the others on a page's place and audience:
# copying it, its privacy, turning an alias into a page of its own. Wagtail would show
# reviewers some of them (its checks follow the publish permission); only editors take these
# decisions, for every language at once.
EDITORS_ONLY_PAGE_VIEWS = {
    "delete",
    "move",
    "move_confirm",
    "set_page_position",
    "copy",
    "set_privacy",
    "convert_alias",
}
# Actions that change what the public sees: reviewers of the object's language.
PUBLISHING_ACTIONS = {"publish", "unpublish"}


class LanguageScope:
    """What one user may do in which languages (locale ids)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def teams(self):
        if not self.user.is_authenticated or self.user.is_superuser:
            return []
        return list(LanguageTeam.objects.filter(group__user=self.user).select_related("locale"))

    @cached_property
    def is_limited(self):
        """Members of a language team are limited to its language, unless they may also
        submit content for translation (communications editors work in every language)."""
        if not self.teams:
            return False
        return not self.user.has_perm("wagtail_localize.submit_translation")

    @cached_property
    def locale_ids(self):
        return {team.locale_id for team in self.teams}

    @cached_property
    def language_codes(self):
        return sorted(team.locale.language_code for team in self.teams)

    @cached_property
    def review_locale_ids(self):
        return {team.locale_id for team in self.teams if team.role == LanguageTeam.Role.REVIEWER}

    def can_edit(self, locale_id):
        return not self.is_limited or locale_id in self.locale_ids

    def can_publish(self, locale_id):
        return not self.is_limited or locale_id in self.review_locale_ids

    def can_review(self, locale_id):
        """Publish or send back a translation handed over for review."""
        if self.user.is_superuser or self.user.has_perm("wagtail_localize.submit_translation"):
            return True
        return locale_id in self.review_locale_ids

    def can_hand_over(self, locale_id):
        """Mark a translation ready for review."""
        return self.can_review(locale_id) or locale_id in self.locale_ids


def may_act_on(scope, action, obj):
    """Whether `scope`'s user may apply `action` (a bulk action's type) to `obj`, as far as
    languages go: Wagtail's own permissions are checked as well, by the caller."""
    if not scope.is_limited:
        return True
    if isinstance(obj, Page):
        return action not in EDITORS_ONLY_PAGE_ACTIONS
    if isinstance(obj, TranslatableMixin):
        if action in PUBLISHING_ACTIONS:
            return scope.can_publish(obj.locale_id)
        return scope.can_edit(obj.locale_id)
    return True


def language_scope(user):
    scope = getattr(user, "_language_scope", None)
    if scope is None:
        scope = LanguageScope(user)
        user._language_scope = scope
    return scope


def translatable_snippet_models():
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def _snippet_namespaces():
    """{URL namespace: model} of the translatable snippets' admin views and choosers."""
    namespaces = {}
    for model in translatable_snippet_models():
        viewset = model.snippet_viewset
        namespaces[viewset.url_namespace] = model
        namespaces[viewset.get_chooser_admin_url_namespace()] = model
    return namespaces


class LanguageScopeMiddleware:
    """Refuses (403) what a translator or reviewer does outside their language in the admin."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._namespaces = None
        self._admin_prefix = None

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self._admin_prefix is None:
            self._admin_prefix = reverse("wagtailadmin_home")
        match = request.resolver_match
        if match is None or not request.path.startswith(self._admin_prefix):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        scope = language_scope(user)
        if not scope.is_limited:
            return None
        if match.namespace == "wagtail_localize" and match.url_name in EDITORS_ONLY_VIEWS:
            raise PermissionDenied
        if match.namespace == "wagtail_localize" and match.url_name in TRANSLATION_VIEWS:
            locale_id = (
                Translation.objects.filter(pk=view_kwargs.get("translation_id"))
                .values_list("target_locale_id", flat=True)
                .first()
            )
            if locale_id is not None and not scope.can_edit(locale_id):
                raise PermissionDenied
            return None
        if match.namespace == "wagtailadmin_pages" and match.url_name in EDITORS_ONLY_PAGE_VIEWS:
            raise PermissionDenied
        if match.url_name == "wagtail_bulk_action" and not match.namespace:
            return scoped_bulk_action(request, **view_kwargs)
        if self._namespaces is None:
            self._namespaces = _snippet_namespaces()
        model = self._namespaces.get(match.namespace)
        if model is None:
            return None
        if match.url_name in CREATING_VIEWS:
            raise PermissionDenied
        if "pk" not in view_kwargs:
            # Listing, choosers and the like: reading is allowed.
            if match.url_name in LISTING_VIEWS and request.method == "GET":
                return _listing_in_own_language(request, scope)
            return None
        locale_id = (
            model.objects.filter(pk=unquote(str(view_kwargs["pk"])))
            .values_list("locale_id", flat=True)
            .first()
        )
        if locale_id is None:
            return None
        if not scope.can_edit(locale_id):
            raise PermissionDenied
        # Translatable snippets have no drafts: saving one (or publishing it from the
        # translation editor) changes the live site, which only reviewers may do.
        if request.method == "POST" and not scope.can_publish(locale_id):
            raise PermissionDenied
        return None


def _listing_in_own_language(request, scope):
    """A snippet listing or chooser shows one language (Wagtail's `locale` parameter, the default
    language when absent): a language team's is theirs, so they never see instances they
    may not open."""
    if request.GET.get("locale") in scope.language_codes:
        return None
    query = request.GET.copy()
    query["locale"] = scope.language_codes[0]
    return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")


@cache
def _language_scoped(action_class):
    """`action_class` with its per-object check (`check_perm`) limited to the languages of the
    user's teams: objects outside them are listed as "no access" on the confirmation page
    and left alone by the action, as Wagtail does with pages the user may not act on."""

    def check_perm(self, obj):
        scope = language_scope(self.request.user)
        return may_act_on(scope, self.action_type, obj) and super(scoped, self).check_perm(obj)

    scoped = type(f"LanguageScoped{action_class.__name__}", (action_class,), {})
    scoped.check_perm = check_perm
    return scoped


@never_cache
@require_admin_access
def scoped_bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk action view (`wagtail.admin.views.bulk_action.index`, every bulk action
    of pages, snippets, images, documents and users) for a member of a language team."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    return _language_scoped(action_class)(request, model).dispatch(request)
