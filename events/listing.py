"""The events index: upcoming and past tabs, filters from a plain GET form, pagination."""

from django import forms
from django.core.paginator import Paginator
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.forms import ListingFilterForm
from core.listing import attach_listing_images
from events.display import event_when
from events.models import EventFormat, EventKind
from themes.listing import localized_themes_by_page
from themes.models import Theme

PAGE_SIZE = 12


class EventFilterForm(ListingFilterForm):
    when = forms.ChoiceField(
        label=_("Events"),
        required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    event_format = forms.ChoiceField(label=_("Format"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, themes, years):
        super().__init__(data)
        self.set_choices("kind", EventKind.choices)
        self.set_choices("event_format", EventFormat.choices)
        self.set_choices("theme", [(t.slug, t.name) for t in themes])
        self.set_choices("year", [(str(y), str(y)) for y in years])


def event_card(event, rendition=None, themes=(), request=None):
    return {
        "title": event.title,
        "url": event.get_url(request),
        "summary": event.listing_summary,
        "kind": event.get_kind_display(),
        "when": event_when(event),
        "format": event.get_event_format_display(),
        "location": ", ".join(
            p for p in (event.city, event.country.name if event.country else "") if p
        ),
        "image": rendition,
        "tags": themes,
        "ended": event.has_ended,
    }


def event_listing_context(index, request):
    language = translation.get_language()
    base = index.events()
    themes = list(Theme.objects.filter(locale__language_code=language).order_by("name"))
    years = [d.year for d in base.dates("start_date", "year", order="DESC")]
    form = EventFilterForm(request.GET, themes, years)
    chosen = form.valid_values()

    now = timezone.now()
    past = chosen.get("when") == "past"
    events = (
        base.filter(ends_at__lt=now).order_by("-starts_at")
        if past
        else (base.filter(ends_at__gte=now).order_by("starts_at"))
    )
    if "kind" in chosen:
        events = events.filter(kind=chosen["kind"])
    if "event_format" in chosen:
        events = events.filter(event_format=chosen["event_format"])
    if "year" in chosen:
        events = events.filter(start_date__year=chosen["year"])
    if "theme" in chosen:
        theme = next(t for t in themes if t.slug == chosen["theme"])
        events = events.filter(themes__translation_key=theme.translation_key).distinct()

    paginator = Paginator(events.prefetch_related("themes"), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    items = list(page.object_list)
    renditions = attach_listing_images(items)
    themes_by_page = localized_themes_by_page(items)
    cards = [
        event_card(event, renditions.get(event.pk), themes_by_page[event.pk], request)
        for event in items
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "showing_past": past,
        "event_cards": cards,
        "page_obj": page,
        "paginator": paginator,
        "query_without_page": query.urlencode(),
        "theme_slug": chosen.get("theme", ""),
    }
