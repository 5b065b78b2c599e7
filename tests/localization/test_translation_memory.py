"""The translation memory: published translations feed it, the translation editor shows its
exact and close matches for each untranslated string (and a changed string's previous
version after a sync), "Fill from memory" fills the exact ones, marked for the reviewer."""

import html
import io
import json
import re
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_localize.models import (
    String,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home.factories import StandardPageFactory
from home.models import HomePage
from localization import memory
from localization.models import MemoryEntry
from localization.workflow import sync
from taxonomy.factories import ThemeFactory, translate_now, translate_page
from tests.localization.conftest import put, refused, translation_for

pytestmark = pytest.mark.django_db

SENTENCE = "Cities lead the way on affordable housing."
FRENCH = "Les villes montrent la voie du logement abordable."
ARABIC = "المدن تقود الطريق نحو السكن الميسور."


def english_page(title, introduction, **fields):
    home = HomePage.objects.get(locale__language_code="en")
    page = StandardPageFactory(
        parent=home,
        title=title,
        slug=f"page-{uuid.uuid4().hex[:8]}",
        introduction=introduction,
        listing_summary=f"Summary {uuid.uuid4().hex[:8]}",  # in no other page
        **fields,
    )
    page.save_revision().publish()
    return page


def submit(client, page, language_code):
    """ "Translate this page" as an editor does: a draft in the language, nothing translated."""
    locale = Locale.objects.get(language_code=language_code)
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302
    return translation_for(page, language_code)


def editor_url(translation):
    return f"/admin/pages/{translation.get_target_instance().pk}/edit/"


def panel(client, translation):
    """The translation memory's section of the translation editor."""
    response = client.get(editor_url(translation))
    assert response.status_code == 200
    page = response.content.decode()
    found = re.search(r'<section class="l10n-memory".*?</section>', page, re.S)
    assert found, "no translation memory panel"
    return found.group(0), page


def props(page):
    """wagtail-localize's editor props (the React root's data-props)."""
    return json.loads(html.unescape(re.search(r'data-props="([^"]*)"', page).group(1)))


@pytest.fixture
def published_a(users):
    """Page A, translated into French and published: its sentence is in the memory."""
    page = english_page("Housing in cities", SENTENCE)
    french = translate_page(page, "fr", {SENTENCE: FRENCH})
    return page, french


def test_a_published_translation_feeds_the_memory(published_a):
    page, french = published_a
    entry = MemoryEntry.objects.get(source_text=SENTENCE, target_locale__language_code="fr")
    assert entry.target_text == FRENCH
    assert entry.source_locale.language_code == "en"
    assert entry.origin_key == page.translation_key
    assert entry.origin_page_id == french.pk
    assert entry.origin_label == french.title
    assert entry.context_path == "introduction"
    assert not MemoryEntry.objects.filter(origin_key=page.translation_key, context_path="slug")


def test_a_sentence_of_page_a_is_an_exact_match_on_page_b_and_fills_it(users, login, published_a):
    _page_a, french_a = published_a
    page_b = english_page("Housing, a second look", SENTENCE)
    translation = submit(login(users["editor"]), page_b, "fr")
    translator = login(users["translator_fr"])

    section, _page = panel(translator, translation)
    assert "Fill from memory (1 exact match)" in section
    exact = re.search(r'data-kind="exact">(.*?)</ul>', section, re.S).group(1)
    assert FRENCH in exact and 'lang="fr" dir="ltr"' in exact
    assert f'href="/admin/pages/{french_a.pk}/edit/"' in exact  # from page A
    assert french_a.title in exact and "used once" in exact
    # Each "Use" button names the suggestion and the string it translates.
    assert re.search(r"Use<span class=\"w-sr-only\"> “Les villes[^<]*” as the translation", exact)

    fill = f"/admin/translation-workflow/translation/{translation.pk}/memory/fill/"
    response = translator.post(fill)
    assert response.status_code == 302
    assert response["Location"] == editor_url(translation) + "#l10n-memory"
    segment = StringSegment.objects.get(source=translation.source, string__data=SENTENCE)
    filled = StringTranslation.objects.get(
        translation_of_id=segment.string_id,
        context_id=segment.context_id,
        locale=translation.target_locale,
    )
    assert filled.data == FRENCH
    assert filled.tool_name == "Translation memory"
    assert filled.translation_type == "machine"
    assert filled.last_translated_by == users["translator_fr"]
    assert (
        "Filled 1 string from the translation memory"
        in translator.get(response["Location"]).content.decode()
    )

    # The editor marks it for whoever reads it: "Translated with Translation memory".
    section, page = panel(translator, translation)
    comments = {
        item["segment_id"]: item["comment"] for item in props(page)["initialStringTranslations"]
    }
    assert comments[segment.pk].startswith("Translated with Translation memory on ")
    assert "Fill from memory" not in section  # nothing left to fill
    # Nothing is published: the French page B waits for its reviewer.
    assert not translation.get_target_instance().live

    # The reviewer's page lists it, until a translator edits the string.
    review = f"/admin/translation-workflow/translation/{translation.pk}/"
    reviewer = login(users["reviewer_fr"])
    text = reviewer.get(review).content.decode()
    assert "1 string was filled from the translation memory and not edited since" in text
    listed = re.search(r'<ul id="l10n-memory-filled".*?</ul>', text, re.S).group(0)
    assert SENTENCE in listed and FRENCH in listed
    put(login(users["translator_fr"]), translation, segment, "Les villes ouvrent la voie.")
    assert 'id="l10n-memory-filled"' not in login(users["reviewer_fr"]).get(review).content.decode()


def test_fill_from_memory_is_a_post_for_the_languages_translators(users, login, published_a):
    page_b = english_page("Housing, a third look", SENTENCE)
    translation = submit(login(users["editor"]), page_b, "fr")
    fill = f"/admin/translation-workflow/translation/{translation.pk}/memory/fill/"
    assert login(users["translator_fr"]).get(fill).status_code == 405
    # Refused as the admin refuses (a redirect to the dashboard with a message, or 403).
    assert refused(login(users["translator_es"]).post(fill))
    assert not StringTranslation.objects.filter(tool_name="Translation memory").exists()
    assert login(users["editor"]).post(fill).status_code == 302  # editors work everywhere
    assert StringTranslation.objects.filter(tool_name="Translation memory").count() == 1


def test_a_changed_string_shows_its_previous_translation_and_the_difference(
    users, login, published_a
):
    page, _french = published_a
    page.refresh_from_db()
    page.introduction = "Cities lead the way on social housing."
    page.save_revision(user=users["editor"]).publish(user=users["editor"])
    source = TranslationSource.objects.get_for_instance(page)
    sync(source, users["editor"])
    translation = translation_for(page, "fr")

    section, _page = panel(login(users["translator_fr"]), translation)
    assert "Changed since the last translation" in section
    previous = re.search(r'<dl class="l10n-memory__previous">.*?</dl>', section, re.S).group(0)
    assert SENTENCE in previous and FRENCH in previous
    diff = re.search(r'class="l10n-memory__diff"[^>]*>(.*?)</dd>', previous, re.S).group(1)
    assert diff == "Cities lead the way on <del>affordable</del><ins>social</ins> housing."
    # Its previous translation is a close match too, with its score.
    close = re.search(r'data-kind="close">(.*?)</ul>', section, re.S).group(1)
    assert FRENCH in close
    score = int(re.search(r'data-score="(\d+)"', close).group(1))
    assert 70 <= score < 100
    assert f"{score} % similar" in close
    assert "Fill from memory" not in section  # no exact match: the sentence changed

    # One click uses it: marked as the memory's, like a fill.
    segment = StringSegment.objects.get(
        source=translation.source, string__data="Cities lead the way on social housing."
    )
    entry = MemoryEntry.objects.get(source_text=SENTENCE, target_locale=translation.target_locale)
    use = f"/admin/translation-workflow/translation/{translation.pk}/memory/use/"
    response = login(users["translator_fr"]).post(use, {"segment": segment.pk, "entry": entry.pk})
    assert response.status_code == 302
    used = StringTranslation.objects.get(
        translation_of_id=segment.string_id, locale=translation.target_locale
    )
    assert (used.data, used.tool_name) == (FRENCH, "Translation memory")
    spanish = login(users["translator_es"])
    assert refused(spanish.post(use, {"segment": segment.pk, "entry": entry.pk}))


def test_the_diff_is_escaped_word_by_word():
    assert memory.diff_html("a <b> c", "a <i> c") == ("a &lt;<del>b</del><ins>i</ins>&gt; c")
    assert memory.diff_html("Hello world", "Hello world") == "Hello world"
    assert memory.diff_html("One.", "One. Two.") == "One.<ins> Two.</ins>"


def test_arabic_suggestions_read_right_to_left(users, login):
    page_a = english_page("Housing in Arabic", SENTENCE)
    translate_page(page_a, "ar", {SENTENCE: ARABIC, page_a.slug: "housing-ar"})
    page_b = english_page("Housing in Arabic, again", SENTENCE)
    translation = submit(login(users["editor"]), page_b, "ar")
    section, _page = panel(login(users["editor"]), translation)
    assert f'<p class="l10n-memory__text" lang="ar" dir="rtl">{ARABIC}</p>' in section
    # The English source stays left to right.
    assert f'<span lang="en" dir="ltr">{SENTENCE}</span>' in section


def test_snippets_feed_the_memory_and_link_to_their_editor(users, login):
    theme = ThemeFactory(slug="housing-memory", name="Affordable housing policy")
    french = translate_now(theme, "fr", {"Affordable housing policy": "Politique du logement"})
    entry = MemoryEntry.objects.get(
        source_text="Affordable housing policy", target_locale__language_code="fr"
    )
    assert entry.origin_page_id is None and entry.target_text == "Politique du logement"
    assert memory.origin_url(entry) == f"/admin/translation-workflow/memory/{entry.pk}/"
    response = login(users["translator_fr"]).get(memory.origin_url(entry))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/snippets/taxonomy/theme/edit/{french.pk}/"
    assert refused(login(users["translator_es"]).get(memory.origin_url(entry)))


def many_paragraphs(count):
    return [
        ("paragraph", f"<p>Paragraph number {n} about housing policy.</p>") for n in range(count)
    ]


def translation_of_many(count):
    """A French translation (nothing translated) of a page of `count` paragraphs, with an
    exact and a close match in the memory for every paragraph."""
    page = english_page(
        f"Long page {count}", f"Introduction of {count}.", body=many_paragraphs(count)
    )
    source, _created = TranslationSource.get_or_create_from_instance(page)
    french = Locale.objects.get(language_code="fr")
    english = Locale.objects.get(language_code="en")
    translation = Translation.objects.create(source=source, target_locale=french)
    elsewhere = uuid.uuid4()
    entries = []
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        text = segment.string.data
        for suffix, shown in (("", text), (" Again", text + " Again")):
            entries.append(
                MemoryEntry(
                    source_locale=english,
                    target_locale=french,
                    source_text=shown,
                    source_hash=String._get_data_hash(shown),
                    target_text=f"Traduction de « {shown} »",
                    origin_key=elsewhere,
                    origin_label="Elsewhere",
                    context_path=f"body.{segment.pk}{suffix}",
                )
            )
    MemoryEntry.objects.bulk_create(entries)
    return translation


def queries_of_lookup(translation):
    with CaptureQueriesContext(connection) as queries:
        found = memory.suggestions_for(translation)
    return len(queries), found


def test_the_lookup_costs_the_same_queries_for_20_and_200_strings(users):
    small, large = translation_of_many(20), translation_of_many(200)
    small = Translation.objects.select_related("source").get(pk=small.pk)
    large = Translation.objects.select_related("source").get(pk=large.pk)
    queries_of_lookup(small)  # reads the pair's candidates
    small_queries, small_found = queries_of_lookup(small)
    large_queries, large_found = queries_of_lookup(large)
    assert len(small_found) >= 20 and len(large_found) >= 200
    assert all(found.exact and found.close for found in large_found if found.path != "title")
    assert small_queries == large_queries <= 5


def test_the_backfill_is_idempotent(published_a):
    page, _french = published_a
    theme = ThemeFactory(slug="backfill-theme", name="Local democracy")
    translate_now(theme, "es", {"Local democracy": "Democracia local"})
    remembered = sorted(
        MemoryEntry.objects.values_list(
            "origin_key", "context_path", "target_locale", "source_text", "target_text"
        )
    )
    MemoryEntry.objects.all().delete()
    call_command("fill_translation_memory", stdout=io.StringIO())
    first = sorted(
        MemoryEntry.objects.values_list(
            "origin_key",
            "context_path",
            "target_locale",
            "source_text",
            "target_text",
            "updated_at",
        )
    )
    call_command("fill_translation_memory", stdout=io.StringIO())
    second = sorted(
        MemoryEntry.objects.values_list(
            "origin_key",
            "context_path",
            "target_locale",
            "source_text",
            "target_text",
            "updated_at",
        )
    )
    assert first == second
    assert [row[:5] for row in first] == remembered
    assert ("Local democracy", "Democracia local") in [(row[3], row[4]) for row in first]
