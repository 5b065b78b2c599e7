from django import template
from wagtail.models import Page, Site
from wagtail_localize.models import Translation

from localization.models import TranslationSettings

register = template.Library()


def behind_source(page):
    """The source page when `page` is a translation that is behind it, else None.

    Behind: the source was published after the translation was last synced, or after the
    translation was last published (synced, but not yet published again).
    """
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source__locale")
        .first()
    )
    if translation is None or translation.source.locale_id == page.locale_id:
        return None
    source = translation.source
    source_page = (
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key, locale_id=source.locale_id)
        .first()
    )
    if source_page is None:
        return None
    source_changed = (
        source_page.last_published_at and source_page.last_published_at > source.last_updated_at
    )
    not_republished = (
        source_page.last_published_at
        and page.last_published_at
        and page.last_published_at < source_page.last_published_at
    )
    if source_changed or not_republished:
        source_page.source_locale = source.locale
        return source_page
    return None


@register.inclusion_tag("localization/out_of_date_notice.html", takes_context=True)
def out_of_date_notice(context, page):
    request = context.get("request")
    if page is None or request is None or not isinstance(page, Page):
        return {}
    # Read without for_request(), which creates the settings row on first use (a write
    # during a page view, and a first view that costs more queries than the next).
    site = Site.find_for_request(request)
    shown = (
        TranslationSettings.objects.filter(site=site)
        .values_list("show_out_of_date_notice", flat=True)
        .first()
    )
    if shown is False:
        return {}
    source_page = behind_source(page)
    if source_page is None:
        return {}
    return {
        "source_url": source_page.get_url(request),
        "source_language": source_page.source_locale.language_code,
        "source_language_name": source_page.source_locale.get_display_name(),
    }
