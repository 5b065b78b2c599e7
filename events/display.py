"""How an event's date and time read, in the visitor's language and the event's time zone."""

from babel.dates import get_timezone_location
from django.utils.formats import date_format
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

TIME = "H:i"  # 24-hour clock: the network's members are on every continent


def event_when(event):
    """e.g. "15 June 2027, 10:00–12:00 (UTC+01:00)" or "3–5 March 2027" (all day)."""
    if event.all_day:
        first = date_format(event.start_date, "DATE_FORMAT")
        if not event.is_multi_day:
            return first
        return _("%(first)s to %(last)s") % {
            "first": first,
            "last": date_format(event.last_date, "DATE_FORMAT"),
        }
    start, end = event.local_start, event.local_end
    if not event.is_multi_day:
        return _("%(date)s, %(start)s–%(end)s (%(offset)s)") % {
            "date": date_format(start, "DATE_FORMAT"),
            "start": date_format(start, TIME),
            "end": date_format(end, TIME),
            "offset": event.utc_offset,
        }
    return _("%(first)s, %(start)s to %(last)s, %(end)s (%(offset)s)") % {
        "first": date_format(start, "DATE_FORMAT"),
        "start": date_format(start, TIME),
        "last": date_format(end, "DATE_FORMAT"),
        "end": date_format(end, TIME),
        "offset": event.utc_offset,
    }


def time_zone_label(event):
    """The event's time zone as the visitor's language names it, from the Unicode CLDR (Babel):
    "Spain (Madrid) Time", "hora de España (Madrid)", "توقيت إسبانيا (مدريد)"."""
    try:
        return get_timezone_location(event.time_zone, locale=to_locale(get_language() or "en"))
    except (LookupError, ValueError):  # a zone or language CLDR does not know
        return event.time_zone.replace("_", " ")
