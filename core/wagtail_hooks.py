from django.contrib import messages
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from core.models import BasePage, FooterContent
from core.snippet_admin import OnePerLocaleSnippetViewSet


class FooterContentViewSet(OnePerLocaleSnippetViewSet):
    model = FooterContent


register_snippet(FooterContentViewSet)


@hooks.register("after_publish_page")
def warn_of_cards_without_their_own_summary_or_image(request, page):
    """Publishing is never blocked, but an editor hears (in the admin's language) that the
    page's cards fall back on its text or its kind's stand-in picture (BasePage.card_summary,
    core.listing.stand_in) until it has a listing summary and an image of its own."""
    if not isinstance(page, BasePage) or not page.shown_as_card:
        return
    panel = gettext("Cards and social media")
    if not page.has_own_card_summary():
        messages.warning(
            request,
            gettext(
                "“%(title)s” has no listing summary: its cards show the start of its text "
                "instead. Write one under “%(panel)s”."
            )
            % {"title": page.title, "panel": panel},
        )
    if not page.has_own_card_image():
        messages.warning(
            request,
            gettext(
                "“%(title)s” has no image of its own: its cards show a stand-in picture. "
                "Choose a listing image under “%(panel)s”."
            )
            % {"title": page.title, "panel": panel},
        )
