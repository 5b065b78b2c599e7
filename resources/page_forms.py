"""The resource page's admin form (apart from resources/forms.py, whose document forms
cannot be imported while the models load)."""

from django.utils.translation import gettext_lazy as _

from core.fields import language_label
from core.snippet_locale import PageForm


class ResourcePageForm(PageForm):
    """A resource offers one document per language: a second file in a language already
    given is refused on that file's row, in the editor's language."""

    def is_valid(self):
        # After the files' formset is cleaned (modelcluster validates it after this form's
        # own clean), so each row's language is known.
        valid = super().is_valid()
        files = self.formsets.get("files")
        if files is None:
            return valid
        seen, duplicated = set(), False
        for form in files.forms:
            data = getattr(form, "cleaned_data", None) or {}
            language = data.get("language")
            if not language or data.get("DELETE"):
                continue
            if language in seen:
                form.add_error(
                    "language",
                    _("Another file of this resource is in %(language)s already: one per language.")
                    % {"language": language_label(language)},
                )
                duplicated = True
            seen.add(language)
        if duplicated:
            self.add_error(None, _("Each language can have one file only."))
        return valid and not duplicated
