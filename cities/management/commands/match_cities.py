"""Propose the city pages meant by the cities people typed: endorsements' and events' city
and country, projects' other participating cities (`cities.matching.CityMatcher`).

    manage.py match_cities            # lists the proposals, changes nothing
    manage.py match_cities --apply    # writes those of events and projects

`--apply` sets each event's host city, and adds each project's proposed cities to its
cities, on every language version of the page (a revision published when the version was
live without unpublished changes, else a draft revision for its editors to publish).
Endorsements are never matched here: a moderator confirms their suggestion in the admin
(Endorsements, the bulk action "Match to the suggested city", or the edit form).

The apps that link content to cities sit above this one: their models are looked up by name.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page

from caching.cache_purge import make_stale
from cities.matching import CityMatcher

# Endorsements that will never show anywhere are not worth a moderator's time.
IGNORED_ENDORSEMENT_STATUSES = ("rejected", "withdrawn")


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def page_edit_url(page_id):
    return admin_url(reverse("wagtailadmin_pages:edit", args=[page_id]))


def describe(suggestion):
    if suggestion is None:
        return "no city page found"
    how = "same name" if suggestion.exact else f"close name, {suggestion.score:.2f}"
    return f"{suggestion.title} ({how})"


def plural(count, singular, plural_form=None):
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def groups_by_key(rows):
    """{translation key: [rows]} of value dicts, the oldest version (the source) first."""
    groups = {}
    for row in sorted(rows, key=lambda row: row["pk"]):
        groups.setdefault(row["translation_key"], []).append(row)
    return groups


class Command(BaseCommand):
    help = (
        "Propose city pages for the free-text cities of endorsements, events and projects; "
        "with --apply, set them on events and projects (endorsements wait for a moderator)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply",
            action="store_true",
            help="Set the proposed host city of events and add the proposed cities of projects.",
        )

    def handle(self, *args, apply=False, **options):
        self.matcher = CityMatcher()
        if not len(self.matcher):
            self.stdout.write("There are no city pages yet: nothing to match.")
            return
        endorsements = self.endorsement_proposals()
        events = self.event_proposals()
        projects = self.project_proposals()
        self.show_endorsements(endorsements)
        self.show_events(events)
        self.show_projects(projects)

        proposed = {
            "endorsements": sum(1 for row in endorsements if row["suggestion"]),
            "events": sum(1 for row in events if row["suggestion"]),
            "project cities": sum(1 for row in projects if row["suggestion"]),
        }
        unmatched = len(endorsements) + len(events) + len(projects) - sum(proposed.values())
        counts = ", ".join(f"{count} for {what}" for what, count in proposed.items())
        self.stdout.write("")
        self.stdout.write(
            f"Summary: {sum(proposed.values())} proposals ({counts}); "
            f"{unmatched} names without a city page."
        )
        if not apply:
            if proposed["events"] or proposed["project cities"]:
                self.stdout.write("Run again with --apply to set those of events and projects.")
            return
        self.apply(events, projects)

    # What needs a city ---------------------------------------------------------------------

    def endorsement_proposals(self):
        Endorsement = apps.get_model("campaigns", "Endorsement")
        rows = (
            Endorsement.objects.filter(matched_city__isnull=True)
            .exclude(status__in=IGNORED_ENDORSEMENT_STATUSES)
            .order_by("created_at", "pk")
            .values("pk", "organisation", "city", "country", "status")
        )
        edit = Endorsement.snippet_viewset.get_url_name("edit")
        return [
            {
                **row,
                "suggestion": self.matcher.suggest(row["city"], row["country"]),
                "url": admin_url(reverse(edit, args=[row["pk"]])),
            }
            for row in rows
        ]

    def event_proposals(self):
        """One row per event (all its language versions) with a typed city and no host city
        in any version: the first of its versions' typed names that finds a city."""
        EventPage = apps.get_model("events", "EventPage")
        rows = EventPage.objects.filter(alias_of__isnull=True).values(
            "pk", "translation_key", "title", "city", "country", "host_city_id"
        )
        proposals = []
        for key, versions in groups_by_key(rows).items():
            if any(version["host_city_id"] for version in versions):
                continue
            texts = list(dict.fromkeys(v["city"].strip() for v in versions if v["city"].strip()))
            if not texts:
                continue
            source = versions[0]
            suggestion, typed = None, texts[0]
            for text in texts:
                suggestion = self.matcher.suggest(text, source["country"])
                if suggestion is not None:
                    typed = text
                    break
            proposals.append(
                {
                    "key": key,
                    "pk": source["pk"],
                    "title": source["title"],
                    "city": typed,
                    "country": source["country"],
                    "suggestion": suggestion,
                    "url": page_edit_url(source["pk"]),
                }
            )
        return proposals

    def project_proposals(self):
        """One row per participating city typed in a project (its versions' names for one
        item) whose proposed city the project does not hold yet."""
        ProjectPage = apps.get_model("themes", "ProjectPage")
        rows = ProjectPage.objects.filter(alias_of__isnull=True).values(
            "pk", "translation_key", "title", "participating_cities"
        )
        held_rows = ProjectPage.cities.through.objects.values_list(
            "projectpage__translation_key", "citypage__translation_key"
        )
        held = {}
        for project_key, city_key in held_rows:
            held.setdefault(project_key, set()).add(city_key)
        proposals = []
        for key, versions in groups_by_key(rows).items():
            names = {}  # block id → the item's names, the source's first
            for version in versions:
                for item in version["participating_cities"].raw_data:
                    text = str(item.get("value") or "").strip()
                    if text:
                        names.setdefault(item.get("id") or text, []).append(text)
            source = versions[0]
            proposed = set(held.get(key, ()))
            for texts in names.values():
                texts = list(dict.fromkeys(texts))
                suggestion = next(
                    filter(None, (self.matcher.suggest(text) for text in texts)), None
                )
                if suggestion is not None and suggestion.translation_key in proposed:
                    continue  # already among the project's cities, or proposed just above
                if suggestion is not None:
                    proposed.add(suggestion.translation_key)
                proposals.append(
                    {
                        "key": key,
                        "pk": source["pk"],
                        "title": source["title"],
                        "city": texts[0],
                        "suggestion": suggestion,
                        "url": page_edit_url(source["pk"]),
                    }
                )
        return proposals

    # Output ----------------------------------------------------------------------------------

    def heading(self, text, rows):
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"{text} ({len(rows)})"))
        if not rows:
            self.stdout.write("  none")

    def line(self, subject, typed, suggestion, url):
        arrow = self.style.SUCCESS(describe(suggestion)) if suggestion else describe(suggestion)
        self.stdout.write(f"  {subject}\n    typed {typed} → {arrow}\n    {url}")

    def show_endorsements(self, rows):
        self.heading("Endorsements without a city page", rows)
        if any(row["suggestion"] for row in rows):
            Endorsement = apps.get_model("campaigns", "Endorsement")
            listing = admin_url(reverse(Endorsement.snippet_viewset.get_url_name("list")))
            self.stdout.write(
                "  A moderator confirms them: in the admin's listing, select them and choose\n"
                f'  "Match to the suggested city" ({listing}),\n'
                "  or set the city page in each one's form."
            )
        for row in rows:
            self.line(
                f"Endorsement #{row['pk']}: {row['organisation']} ({row['status']})",
                f'"{row["city"]}", {row["country"]}',
                row["suggestion"],
                row["url"],
            )

    def show_events(self, rows):
        self.heading("Events without a host city", rows)
        for row in rows:
            country = f", {row['country']}" if row["country"] else ""
            self.line(
                f'Event "{row["title"]}" (page {row["pk"]})',
                f'"{row["city"]}"{country}',
                row["suggestion"],
                row["url"],
            )

    def show_projects(self, rows):
        self.heading("Projects' other participating cities", rows)
        for row in rows:
            self.line(
                f'Project "{row["title"]}" (page {row["pk"]})',
                f'"{row["city"]}"',
                row["suggestion"],
                row["url"],
            )

    # --apply -------------------------------------------------------------------------------

    def apply(self, events, projects):
        EventPage = apps.get_model("events", "EventPage")
        ProjectPage = apps.get_model("themes", "ProjectPage")
        CityPage = apps.get_model("cities", "CityPage")
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Applying"))

        work = [(EventPage, row, [row["suggestion"]]) for row in events if row["suggestion"]]
        by_project = {}
        for row in projects:
            if row["suggestion"]:
                by_project.setdefault(row["key"], (row, []))[1].append(row["suggestion"])
        work += [(ProjectPage, row, found) for row, found in by_project.values()]
        # Every city page that may be set, in one query.
        self.city_pages = CityPage.objects.in_bulk(
            {pk for _model, _row, found in work for s in found for pk in s.page_ids.values()}
        )

        cities, published, drafts, failed = set(), 0, 0, 0
        for model, row, suggestions in work:
            versions = model.objects.filter(
                translation_key=row["key"], alias_of__isnull=True
            ).select_related("locale")
            try:
                with transaction.atomic():
                    outcomes = [self.save_page(page, suggestions) for page in versions]
            except ValidationError as error:
                failed += 1
                problems = "; ".join(error.messages)
                self.stdout.write(
                    self.style.ERROR(f'  "{row["title"]}" left as it was: {problems}')
                    + f"\n    {row['url']}"
                )
                continue
            published += outcomes.count(True)
            drafts += outcomes.count(False)
            cities.update(suggestion.translation_key for suggestion in suggestions)
            names = ", ".join(suggestion.title for suggestion in suggestions)
            state = ", ".join(
                f"{count} {what}"
                for what, count in (
                    ("published", outcomes.count(True)),
                    ("saved as drafts", outcomes.count(False)),
                )
                if count
            )
            kind = str(model._meta.verbose_name).capitalize()
            self.stdout.write(
                f'  {kind} "{row["title"]}" → {names}: '
                f"{plural(len(outcomes), 'language version')} ({state})"
            )
        if cities:
            # The city pages list what links to them: stale in every language.
            make_stale(
                set(Page.objects.filter(translation_key__in=cities).values_list("pk", flat=True))
            )
        self.stdout.write(
            f"Applied: {plural(published, 'language version')} published, "
            f"{drafts} saved as drafts for their editors to publish, "
            f"{plural(failed, 'page')} left as they were (invalid). "
            "Endorsements are left for a moderator to confirm."
        )

    def link(self, page, language, suggestion):
        """Set the city on a version (in memory): the host city of an event, one more city
        of a project; the city's page in the version's language, else its source's."""
        city = self.city_pages[suggestion.page_id_in(language)]
        if hasattr(page, "host_city_id"):
            page.host_city = city
            return
        held = list(page.cities.all())
        if suggestion.translation_key not in {item.translation_key for item in held}:
            page.cities = held + [city]

    def save_page(self, page, suggestions):
        """Change a version of a page as an editor would: a new revision, published when
        the version was live with nothing unpublished, else a draft. True if published."""
        publish = page.live and not page.has_unpublished_changes
        target = page if publish else page.get_latest_revision_as_object()
        for suggestion in suggestions:
            self.link(target, page.locale.language_code, suggestion)
        revision = target.save_revision(log_action=True)
        if publish:
            revision.publish(log_action=True)
        return publish
