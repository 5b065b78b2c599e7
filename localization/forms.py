from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import SwitchInput

from core.forms import ListingFilterForm
from localization import po_files
from localization.models import LanguageTeam, NotificationPreferences
from localization.status import State


class DashboardFilterForm(ListingFilterForm):
    """Filters of the status dashboard. Unknown values are dropped, never an error."""

    locale = forms.ChoiceField(label=_("Language"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)
    content_type = forms.ChoiceField(label=_("Type"), required=False)
    section = forms.ChoiceField(label=_("Section"), required=False)

    def __init__(self, data, *, locales, content_types, sections):
        super().__init__(data)
        self.set_choices(
            "locale", [(locale.language_code, locale.get_display_name()) for locale in locales]
        )
        self.set_choices("state", State.choices)
        self.set_choices("content_type", content_types)
        self.set_choices("section", sections)


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs to change"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class POImportForm(forms.Form):
    archive = forms.FileField(
        label=_("Archive of PO files"),
        help_text=_("A .zip archive exported from this page, with the translations filled in."),
    )

    def clean_archive(self):
        # Size, files and compression, from the zip's directory: before anything is read.
        upload = self.cleaned_data["archive"]
        po_files.check_archive(upload)
        return upload


class GlossaryImportForm(forms.Form):
    MAX_SIZE = 2 * 1024 * 1024

    file = forms.FileField(
        label=_("Glossary file"),
        help_text=_(
            "A CSV or TBX file, as the glossary's downloads are, UTF-8 encoded, at most 2 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class NotificationPreferencesForm(forms.ModelForm):
    """The translation emails a member of a language team may turn off (Account page)."""

    class Meta:
        model = NotificationPreferences
        fields = ["new_work", "sent_back", "ready_for_review"]
        # Switches, as Wagtail's own notification settings beside them.
        widgets = {name: SwitchInput() for name in fields}

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        if LanguageTeam.Role.TRANSLATOR not in roles:
            del self.fields["new_work"], self.fields["sent_back"]
        if LanguageTeam.Role.REVIEWER not in roles:
            del self.fields["ready_for_review"]
