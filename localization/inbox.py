from wagtail.admin.ui.components import Component

from localization.permissions import language_scope
from localization.status import State, compute_rows

LIMIT = 20


def inbox_rows(user):
    """What waits in the user's languages, newest first."""
    scope = language_scope(user)
    if not scope.teams:
        return []
    rows = [
        row
        for row in compute_rows()
        if row.locale.pk in scope.locale_ids and row.state in State.WAITING and row.translation_id
    ]
    rows.sort(key=lambda row: row.changed_at.timestamp() if row.changed_at else 0, reverse=True)
    return rows


class TranslatorInboxPanel(Component):
    """Admin home panel of translators and reviewers."""

    name = "translator_inbox"
    order = 50
    template_name = "localization/inbox_panel.html"

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        if not language_scope(self.user).teams:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        rows = inbox_rows(self.user)
        return {"rows": rows[:LIMIT], "more": max(0, len(rows) - LIMIT)}
