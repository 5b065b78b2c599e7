"""The admin of a snippet that has one instance per language (a unique constraint on
`locale` alone, e.g. `core.models.FooterContent`): "Add" leads to a language that has
none yet, and disappears when every language has one; the add view refuses politely
(a message, back to the list) instead of showing a form whose saving must fail.

The form's own check (`core.snippet_forms.TranslatableSnippetForm`) still refuses a
language that already has one, should two editors add it at once.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.snippets.views.snippets import CreateView, IndexView, SnippetViewSet

from core.snippet_forms import locales_without, model_name, one_per_locale


class OnePerLocaleIndexView(IndexView):
    def get_add_url(self):
        url = super().get_add_url()
        if url is None or not one_per_locale(self.model):
            return url
        free = list(locales_without(self.model))
        if not free:
            return None
        if self.locale is not None and self.locale in free:
            return url
        return self._set_locale_query_param(reverse(self.add_url_name), free[0])


class OnePerLocaleCreateView(CreateView):
    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal() or super().post(request, *args, **kwargs)

    def refusal(self):
        """A redirect with a message when every language has one already, else None."""
        if not one_per_locale(self.model) or locales_without(self.model).exists():
            return None
        messages.warning(
            self.request,
            gettext(
                "Every language already has its “%(model)s”: there is none to add. "
                "Edit the one you want to change."
            )
            % {"model": model_name(self.model)},
        )
        return redirect(self._set_locale_query_param(reverse(self.index_url_name)))


class OnePerLocaleSnippetViewSet(SnippetViewSet):
    """The viewset of a one-per-language snippet (see the module's docstring)."""

    index_view_class = OnePerLocaleIndexView
    add_view_class = OnePerLocaleCreateView
