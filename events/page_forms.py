"""The event page's admin form."""

from django.utils.translation import gettext_lazy as _

from core.snippet_locale import PageForm


class EventPageForm(PageForm):
    """An online or hybrid event says where to join: without its link, the page and its
    calendar file would leave visitors with nowhere to go."""

    def clean(self):
        cleaned_data = super().clean()
        event_format = cleaned_data.get("event_format")
        if event_format in ("online", "hybrid") and not cleaned_data.get("online_url"):
            self.add_error(
                "online_url",
                _("An online or hybrid event needs its link: where participants join."),
            )
        return cleaned_data
