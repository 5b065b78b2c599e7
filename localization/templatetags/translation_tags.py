"""The public notice on a translation that is behind its source.

Whether a version is behind is the translation state of `localization.status`, the one the
dashboard shows: the notice is shown exactly when the dashboard says the version is out of
date, or in progress or ready for review after its source changed.
"""

from django import template
from django.conf import settings
from wagtail.models import Locale, Page, Site

from caching.fragments import register_page_fragments, shared_fragment
from caching.invalidation import page_generation, site_wide
from core.visibility import public
from localization import memory
from localization.glossary import glossary_for, violations
from localization.models import TranslationSettings
from localization.permissions import language_scope
from localization.status import page_behind_source
from localization.workflow import current_strings

register = template.Library()


def behind_source(page):
    """The live, public source page of `page` when `page` is behind it, else None (also for
    source pages, and when the source is not public: there is nothing to link to)."""
    behind = page_behind_source(page)
    if behind is None:
        return None
    source_pk, source_locale_id = behind
    source_page = public(Page.objects.live()).filter(pk=source_pk).first()
    if source_page is not None:
        source_page.source_locale = Locale.objects.get(pk=source_locale_id)
    return source_page


@register_page_fragments
def _notice_fragment(page):
    """The notice every page's template asks for (caching.fragments.read_ahead)."""
    return [(f"out-of-date:{page.pk}", (page_generation(page.pk),))]


@register.inclusion_tag("localization/out_of_date_notice.html", takes_context=True)
def out_of_date_notice(context, page):
    """Kept with the page's other fragments (caching.fragments): whether a version is behind
    changes only when it or its source is published, which renews its generation."""
    request = context.get("request")
    if page is None or request is None or not isinstance(page, Page) or not page.pk:
        return {}

    def build():
        # Read without for_request(), which creates the settings row on first use (a write
        # during a page view, and a first view that costs more queries than the next).
        site = Site.find_for_request(request)
        shown = site_wide(
            f"show-out-of-date-notice:{site.pk if site else None}",
            lambda: (
                TranslationSettings.objects.filter(site=site)
                .values_list("show_out_of_date_notice", flat=True)
                .first()
            ),
        )
        if shown is False:
            return {}
        source_page = behind_source(page)
        if source_page is None:
            return {}
        return {
            "source_url": source_page.get_url(request),
            "source_language": source_page.source_locale.language_code,
            "source_language_name": str(source_page.source_locale.get_display_name() or ""),
        }

    # A sync changes whether a version is behind without renewing anything: kept no longer
    # than the page cache keeps a page.
    seconds = settings.PAGE_CACHE_SECONDS or 60
    generations = (page_generation(page.pk),)
    return shared_fragment(f"out-of-date:{page.pk}", request, build, generations, seconds)


@register.filter
def works_in_one_language(user):
    """The user is a translator or reviewer limited to their language's team(s)."""
    return language_scope(user).is_limited


@register.inclusion_tag("localization/memory_panel.html", takes_context=True)
def memory_panel(context):
    """The translation memory's panel under wagtail-localize's editor: for each untranslated
    string, the memory's exact and close matches and, after a sync, its previous version."""
    translation = context.get("translation")
    if translation is None or not getattr(translation, "enabled", False):
        return {}
    suggestions = memory.suggestions_for(translation)
    # The glossary: each string still to translate that uses a term, with the term's approved
    # translation; and each translated string that uses a term without it.
    request = context.get("request")
    strings = current_strings(translation)
    untranslated = [
        (path, source)
        for path, source, translated in strings
        if not translated and path.rpartition(".")[2] != "slug"
    ]
    terms = glossary_for(
        [source for _path, source in untranslated],
        translation.source.locale,
        translation.target_locale,
        request=request,
    )
    return {
        "translation": translation,
        "suggestions": suggestions,
        "glossary_strings": [
            (source, terms[source]) for _path, source in untranslated if terms.get(source)
        ],
        "glossary_violations": violations(translation, strings=strings, request=request),
        "exact_count": memory.exact_count(suggestions),
        "source_language": translation.source.locale.language_code,
        "target_language": translation.target_locale.language_code,
    }


@register.simple_tag
def filled_from_memory(translation):
    """[(field, source text, translation)] of the strings filled from the translation memory
    and not edited since (the review page lists them)."""
    return memory.filled_from_memory(translation)
