from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Events are listed on their host city's page (cities.links).
        from cities.links import register_city_link
        from events.models import EventPage
        from home.sections import register_section

        register_section("events.EventIndexPage", latest=True, order=20)

        register_city_link(
            "events",
            _("Events hosted"),
            EventPage,
            lambda key: EventPage.objects.filter(host_city__translation_key=key),
            ordering=("-starts_at",),
            order=20,
        )
