"""The glossary: terms shown with their approved translation, checked when a translator marks
a translation ready, given to DeepL (a fake here, never the network), exchanged with agencies
as CSV and TBX; the demo's glossary."""

import csv
import io
import logging
import re
from urllib.parse import urlencode

import pytest
import requests
from defusedxml.ElementTree import fromstring
from django.test import RequestFactory
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation

from home.models import HomePage, StandardPage
from localization import glossary_files
from localization.glossary import TermMatch, contains, glossary_for, terms_in
from localization.models import DeepLGlossary, GlossaryTerm, PartOfSpeech, TranslationEvent
from taxonomy.factories import translate_now
from tests.localization.conftest import refused, translation_for

IMPORT = "/admin/glossary-files/import/"
EXPORT_CSV = "/admin/glossary-files/export.csv"
EXPORT_TBX = "/admin/glossary-files/export.tbx"
LISTING = "/admin/snippets/localization/glossaryterm/"
DEEPL = {
    "CLASS": "localization.machine_translation.GlossaryDeepLTranslator",
    "OPTIONS": {"AUTH_KEY": "test-key:fx"},
}

# (slug, English term, part of speech, do not translate, {language: (term, note)})
TERMS = [
    (
        "local-governments",
        "local governments",
        PartOfSpeech.NOUN,
        False,
        {
            "en": ("local governments", "Cities and regions, as UCLG names them."),
            "fr": ("gouvernements locaux", "Les villes et les régions, comme CGLU les nomme."),
            "es": ("gobiernos locales", "Las ciudades y las regiones, como las nombra CGLU."),
            "ar": ("الحكومات المحلية", "المدن والأقاليم."),
        },
    ),
    (
        "uclg",
        "UCLG",
        PartOfSpeech.ACRONYM,
        False,
        {
            "en": ("UCLG", ""),
            "fr": ("CGLU", ""),
            "es": ("CGLU", ""),
            "ar": ("المدن والحكومات المحلية المتحدة", ""),
        },
    ),
    (
        "icmpd",
        "ICMPD",
        PartOfSpeech.ACRONYM,
        True,
        {
            "en": ("ICMPD", "The French source writes ICPMD, a typo."),
            "fr": ("ICMPD", "Le texte source écrit ICPMD, une coquille."),
            "es": ("ICMPD", "El texto fuente escribe ICPMD, una errata."),
            "ar": ("ICMPD", "يكتب النص المصدر ICPMD، وهو خطأ."),
        },
    ),
]


def make_term(slug, english, part_of_speech, do_not_translate, languages):
    source = GlossaryTerm(
        locale=Locale.objects.get(language_code="en"),
        slug=slug,
        term=english,
        note=languages["en"][1],
        part_of_speech=part_of_speech,
        do_not_translate=do_not_translate,
    )
    source.save()
    source.save_revision().publish()
    for code in ("fr", "es", "ar"):
        term, note = languages[code]
        strings = {english: term} | ({languages["en"][1]: note} if note else {})
        translate_now(source, code, strings)
    return source


@pytest.fixture
def terms(db):
    return {slug: make_term(slug, *rest) for slug, *rest in TERMS}


def locale(code):
    return Locale.objects.get(language_code=code)


# --- What translators see -------------------------------------------------------------------


def test_a_string_using_a_term_shows_its_approved_translation(terms, django_assert_num_queries):
    texts = [
        "Les <b>gouvernements locaux</b> et CGLU.",
        "Un gouvernement local.",
        "Le projet est mis en œuvre par le ICPMD.",
        "Rien à signaler.",
    ]
    request = RequestFactory().get("/")
    french, english = locale("fr"), locale("en")
    with django_assert_num_queries(2):
        found = glossary_for(texts, french, english, request=request)
    with django_assert_num_queries(0):  # kept on the request
        assert glossary_for(texts, french, english, request=request) == found
    first = found[texts[0]]
    assert [(m.source_term, m.target_term) for m in first] == [
        ("gouvernements locaux", "local governments"),
        ("CGLU", "UCLG"),
    ]
    assert isinstance(first[0], TermMatch)
    assert (
        first[0].part_of_speech == "Noun"
        and first[0].note == "Cities and regions, as UCLG names them."
    )
    assert first[1].part_of_speech == "Acronym" and not first[1].do_not_translate
    # A singular finds the plural term; an acronym its misspelling by two swapped letters.
    assert [m.target_term for m in found[texts[1]]] == ["local governments"]
    (icmpd,) = found[texts[2]]
    assert (icmpd.target_term, icmpd.found, icmpd.do_not_translate) == ("ICMPD", "ICPMD", True)
    assert found[texts[3]] == []
    # Into Spanish: the Spanish terms and notes; Arabic strings with the article and a
    # preposition written onto the word.
    (spanish,) = terms_in("Avec CGLU.", "fr", "es")
    assert (spanish.target_term, spanish.note) == ("CGLU", "")
    (arabic,) = terms_in("تعمل للحكومات المحلية معًا.", "ar", "en")
    assert arabic.target_term == "local governments"


def test_an_unpublished_translation_of_a_term_is_not_approved(terms):
    french = terms["uclg"].get_translation(locale("fr"))
    french.live = False
    french.save()
    (match,) = terms_in("UCLG and its members.", "en", "fr")
    assert match.target_term == ""


def test_the_approved_term_is_found_in_a_translation_without_case_or_accents():
    assert contains("Les Gouvernements Locaux", "gouvernements locaux", "fr")
    assert contains("gobiernos  locales.", "gobiernos locales", "es")
    assert not contains("Les collectivités locales", "gouvernements locaux", "fr")
    assert contains("DÉMOCRATIE PARTICIPATIVE", "démocratie participative", "fr")
    assert contains("وحقوق الإنسان", "حقوق الإنسان", "ar")
    assert contains("المهاجرين", "المهاجرون", "ar")


# --- Mark ready for review ------------------------------------------------------------------


def put_text(client, translation, segment, value):
    response = client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        data=urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content


@pytest.fixture
def french_translation(terms, users, login):
    """An English page about local governments, submitted for translation into French."""
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(
        instance=StandardPage(
            title="Local governments together",
            slug="local-governments-together",
            introduction="UCLG brings local governments together.",
        )
    )
    page.save_revision(user=users["editor"]).publish(user=users["editor"])
    login(users["editor"]).post(
        f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale("fr").pk]}
    )
    return translation_for(page, "fr")


def translate_strings(client, translation, texts):
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    for segment in segments:
        put_text(client, translation, segment, texts[segment.string.data])


def ready_events(translation):
    return TranslationEvent.objects.filter(
        translation=translation, action=TranslationEvent.Action.READY
    )


def test_marking_ready_with_a_mistranslated_term_warns_first(
    users, login, french_translation, django_capture_on_commit_callbacks
):
    translator = login(users["translator_fr"])
    translate_strings(
        translator,
        french_translation,
        {
            "Local governments together": "Les gouvernements locaux ensemble",
            "local-governments-together": "gouvernements-locaux-ensemble",
            "UCLG brings local governments together.": (
                "L’UCLG rassemble les collectivités locales."
            ),
        },
    )
    detail = f"/admin/translation-workflow/translation/{french_translation.pk}/"
    response = translator.post(detail, {"action": "ready"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="l10n-glossary-warning"' in html
    # Each term, its approved translation and the string are named.
    warning = html.split('id="l10n-glossary-warning"')[1]
    assert re.search(r">local governments</span> → <strong[^>]*>gouvernements locaux<", warning)
    assert re.search(r">UCLG</span> → <strong[^>]*>CGLU<", warning)
    assert "L’UCLG rassemble les collectivités locales." in warning
    assert "Les gouvernements locaux ensemble" not in warning  # a string with the terms
    assert 'name="confirm_glossary" value="1"' in html
    assert html.count('value="ready"') == 1  # the warning's button only
    assert not ready_events(french_translation).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(detail, {"action": "ready", "confirm_glossary": "1"})
    assert response.status_code == 302
    assert ready_events(french_translation).count() == 1


def test_marking_ready_with_the_approved_terms_asks_nothing(
    users, login, french_translation, django_capture_on_commit_callbacks
):
    translator = login(users["translator_fr"])
    translate_strings(
        translator,
        french_translation,
        {
            "Local governments together": "Les gouvernements locaux ensemble",
            "local-governments-together": "gouvernements-locaux-ensemble",
            "UCLG brings local governments together.": ("CGLU rassemble les gouvernements locaux."),
        },
    )
    detail = f"/admin/translation-workflow/translation/{french_translation.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(detail, {"action": "ready"})
    assert response.status_code == 302
    assert ready_events(french_translation).count() == 1


# --- DeepL with the glossary (a fake DeepL) -------------------------------------------------


class FakeResponse:
    def __init__(self, status_code, payload):
        self.status_code = status_code
        self.payload = payload

    def json(self):
        return self.payload

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code}", response=self)


@pytest.fixture
def fake_deepl(monkeypatch):
    """requests.post and requests.delete answered as DeepL would; the calls recorded."""
    calls = []
    state = {"refuse_glossaries": False, "next_id": 1}

    def post(url, data=None, **kwargs):
        calls.append(("POST", url, data, kwargs.get("headers")))
        if url.endswith("/v2/glossaries"):
            if state["refuse_glossaries"]:
                return FakeResponse(400, {"message": "Unsupported glossary language pair"})
            glossary_id = f"glossary-{state['next_id']}"
            state["next_id"] += 1
            return FakeResponse(201, {"glossary_id": glossary_id, "ready": True})
        if url.endswith("/v2/translate"):
            target = data["target_lang"]
            return FakeResponse(
                200, {"translations": [{"text": f"[{target}] {text}"} for text in data["text"]]}
            )
        raise AssertionError(f"unexpected POST {url}")

    def delete(url, **kwargs):
        calls.append(("DELETE", url, None, kwargs.get("headers")))
        return FakeResponse(204, None)

    monkeypatch.setattr(requests, "post", post)
    monkeypatch.setattr(requests, "delete", delete)
    return calls, state


def machine_translate(client, translation):
    response = client.post(
        f"/admin/localize/translate/{translation.pk}/machine_translate/", {"next": "/admin/"}
    )
    assert response.status_code == 302


def machine_strings(translation):
    segments = StringSegment.objects.filter(source=translation.source)
    return set(
        StringTranslation.objects.filter(
            locale=translation.target_locale,
            translation_of__in=segments.values("string"),
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        ).values_list("data", flat=True)
    )


def clear_machine_strings(translation):
    segments = StringSegment.objects.filter(source=translation.source)
    StringTranslation.objects.filter(
        locale=translation.target_locale, translation_of__in=segments.values("string")
    ).delete()


def test_deepl_gets_the_glossary_of_the_language_pair(
    settings, users, login, french_translation, fake_deepl
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DEEPL
    calls, _state = fake_deepl
    translator = login(users["translator_fr"])
    machine_translate(translator, french_translation)

    (create, translate) = calls
    assert create[:2] == ("POST", "https://api-free.deepl.com/v2/glossaries")
    assert create[3] == {"Authorization": "DeepL-Auth-Key test-key:fx"}
    data = create[2]
    assert (data["source_lang"], data["target_lang"], data["entries_format"]) == ("EN", "FR", "tsv")
    # Sorted by term: the English terms with the French approved ones ("do not translate":
    # itself).
    assert data["entries"] == "ICMPD\tICMPD\nlocal governments\tgouvernements locaux\nUCLG\tCGLU"
    assert translate[:2] == ("POST", "https://api-free.deepl.com/v2/translate")
    assert translate[2]["glossary_id"] == "glossary-1"
    assert translate[2]["source_lang"] == "EN" and translate[2]["target_lang"] == "FR"
    assert "[FR] UCLG brings local governments together." in machine_strings(french_translation)
    assert DeepLGlossary.objects.get(source_language="EN", target_language="FR").glossary_id == (
        "glossary-1"
    )

    # The same glossary again: DeepL's is used as it is.
    calls.clear()
    clear_machine_strings(french_translation)
    machine_translate(translator, french_translation)
    assert [call[1].rsplit("/", 1)[1] for call in calls] == ["translate"]
    assert calls[0][2]["glossary_id"] == "glossary-1"


def test_a_changed_glossary_makes_a_new_deepl_glossary(
    settings, users, login, terms, french_translation, fake_deepl
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DEEPL
    calls, _state = fake_deepl
    translator = login(users["translator_fr"])
    machine_translate(translator, french_translation)
    # The French term changes (published by its reviewer).
    translate_now(terms["local-governments"], "fr", {"local governments": "autorités locales"})
    calls.clear()
    clear_machine_strings(french_translation)
    machine_translate(translator, french_translation)

    create, delete, translate = calls
    assert create[1].endswith("/v2/glossaries")
    assert "local governments\tautorités locales" in create[2]["entries"]
    assert delete[:2] == ("DELETE", "https://api-free.deepl.com/v2/glossaries/glossary-1")
    assert translate[2]["glossary_id"] == "glossary-2"
    assert DeepLGlossary.objects.get().glossary_id == "glossary-2"


def test_deepl_refusing_the_glossary_translates_without_it(
    settings, users, login, french_translation, fake_deepl, caplog
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DEEPL
    calls, state = fake_deepl
    state["refuse_glossaries"] = True
    with caplog.at_level(logging.WARNING, logger="localization.machine_translation"):
        machine_translate(login(users["translator_fr"]), french_translation)
    create, translate = calls
    assert "glossary_id" not in translate[2]
    assert "[FR] Local governments together" in machine_strings(french_translation)
    assert "not made, translating without it" in caplog.text
    assert not DeepLGlossary.objects.exists()


# --- CSV and TBX ----------------------------------------------------------------------------


def csv_rows(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def glossary_state():
    return [
        (row.slug, row.part_of_speech, row.do_not_translate, row.terms)
        for row in glossary_files.export_rows()
    ]


def test_csv_round_trip(terms, users, login, django_capture_on_commit_callbacks):
    editor = login(users["editor"])
    response = editor.get(EXPORT_CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response.content)
    assert list(rows[0]) == [
        "slug",
        "part_of_speech",
        "do_not_translate",
        *[f"{kind}_{code}" for code in ("en", "fr", "es", "ar") for kind in ("term", "note")],
    ]
    by_slug = {row["slug"]: row for row in rows}
    assert by_slug["uclg"]["term_ar"] == "المدن والحكومات المحلية المتحدة"
    assert by_slug["icmpd"]["do_not_translate"] == "1"
    before = glossary_state()

    GlossaryTerm.objects.all().delete()
    upload = io.BytesIO(response.content)
    upload.name = "glossary.csv"
    with django_capture_on_commit_callbacks(execute=True):
        imported = editor.post(IMPORT, {"file": upload})
    assert imported.status_code == 302, imported.content.decode()
    assert glossary_state() == before
    assert GlossaryTerm.objects.filter(live=True).count() == 12  # 3 terms in 4 languages
    # The translations are wagtail-localize's, from the English source.
    french = GlossaryTerm.objects.get(slug="uclg", locale__language_code="fr")
    assert translation_for(GlossaryTerm.objects.get(slug="uclg", locale__language_code="en"), "fr")
    assert french.term == "CGLU"

    # Importing again changes nothing; a changed cell changes that language only.
    rows = csv_rows(response.content)
    rows[1]["term_es"] = "gobiernos locales y regionales"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    upload = io.BytesIO(out.getvalue().encode())
    upload.name = "glossary.csv"
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(IMPORT, {"file": upload}).status_code == 302
    assert (
        GlossaryTerm.objects.get(slug=rows[1]["slug"], locale__language_code="es").term
        == "gobiernos locales y regionales"
    )
    assert GlossaryTerm.objects.count() == 12


def test_tbx_export_holds_every_language_and_imports_back(
    terms, users, login, django_capture_on_commit_callbacks
):
    editor = login(users["editor"])
    response = editor.get(EXPORT_TBX)
    assert response.status_code == 200
    root = fromstring(response.content)
    ns = {"tbx": "urn:iso:std:iso:30042:ed-2"}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entries = root.findall(".//tbx:conceptEntry", ns)
    assert sorted(entry.get("id") for entry in entries) == ["icmpd", "local-governments", "uclg"]
    for entry in entries:
        languages = [section.get(lang) for section in entry.findall("tbx:langSec", ns)]
        assert languages == ["en", "fr", "es", "ar"]
    uclg = next(entry for entry in entries if entry.get("id") == "uclg")
    french = next(s for s in uclg.findall("tbx:langSec", ns) if s.get(lang) == "fr")
    assert french.find("tbx:termSec/tbx:term", ns).text == "CGLU"
    assert french.find("tbx:termSec/tbx:termNote[@type='partOfSpeech']", ns).text == "noun"
    assert french.find("tbx:termSec/tbx:termNote[@type='termType']", ns).text == "acronym"
    before = glossary_state()

    GlossaryTerm.objects.all().delete()
    upload = io.BytesIO(response.content)
    upload.name = "glossary.tbx"
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(IMPORT, {"file": upload}).status_code == 302
    assert glossary_state() == before


MALFORMED = {
    "no slug column": b"term_en,term_fr\nlocal governments,gouvernements locaux\n",
    "unknown language": b"slug,term_en,term_de\nx,local governments,lokale Regierungen\n",
    "unknown part of speech": b"slug,part_of_speech,term_en\nx,pronoun,local governments\n",
    "not UTF-8": "slug,term_en\nx,gouvernements locaux é\n".encode("latin-1"),
    "duplicate slugs": b"slug,term_en\nx,local governments\nx,peer learning\n",
    "no term": b"slug,term_en\nx,\n",
    "not XML": b"<tbx><text><body><conceptEntry id='x'>",
    "XML entities": (
        b'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;">]><tbx><text><body><conceptEntry id="x">'
        b'<langSec xml:lang="en"><termSec><term>&b;</term></termSec></langSec>'
        b"</conceptEntry></body></text></tbx>"
    ),
    "XML but not TBX": b"<html><body>hello</body></html>",
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_file_is_a_form_error_and_imports_nothing(terms, users, login, case):
    before = glossary_state()
    upload = io.BytesIO(MALFORMED[case])
    upload.name = "glossary.csv"
    response = login(users["editor"]).post(IMPORT, {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="glossary-import-errors"' in html and "Nothing was imported" in html
    assert glossary_state() == before


def test_an_import_that_fails_halfway_keeps_nothing(terms, users, login, monkeypatch):
    content = (
        "slug,part_of_speech,term_en,term_fr\n"
        "peer-learning,noun,peer learning,apprentissage entre pairs\n"
        "right-to-the-city,phrase,right to the city,droit à la ville\n"
    ).encode()
    real = glossary_files.translate

    def translate_once(instance, *args, **kwargs):
        if instance.slug == "right-to-the-city":
            raise glossary_files.MissingTranslationError("broken")
        return real(instance, *args, **kwargs)

    monkeypatch.setattr(glossary_files, "translate", translate_once)
    upload = io.BytesIO(content)
    upload.name = "glossary.csv"
    response = login(users["editor"]).post(IMPORT, {"file": upload})
    assert response.status_code == 400
    assert not GlossaryTerm.objects.filter(slug__in=["peer-learning", "right-to-the-city"]).exists()


def test_only_those_who_manage_every_language_import(terms, users, login):
    upload = io.BytesIO(b"slug,term_en\npeer-learning,peer learning\n")
    upload.name = "glossary.csv"
    for role in ("translator_fr", "reviewer_fr"):
        client = login(users[role])
        assert refused(client.get(IMPORT))
        assert refused(client.post(IMPORT, {"file": upload}))
        # Reading the glossary is for every language team.
        response = client.get(EXPORT_CSV)
        assert response.status_code == 200
        assert csv_rows(response.content)[0]["slug"]
    assert not GlossaryTerm.objects.filter(slug="peer-learning").exists()
    response = login(users["editor"]).get(IMPORT)
    assert response.status_code == 200
    assert 'type="file" name="file"' in response.content.decode()


def test_the_listing_offers_the_files(terms, users, login):
    html = login(users["editor"]).get(LISTING).content.decode()
    assert EXPORT_CSV in html and EXPORT_TBX in html and IMPORT in html
    translator = login(users["translator_fr"])
    response = translator.get(LISTING, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "gouvernements locaux" in html  # their language's terms
    assert EXPORT_CSV in html and IMPORT not in html


def test_translators_draft_terms_and_reviewers_manage_them(terms, users):
    translator, reviewer = users["translator_fr"], users["reviewer_fr"]
    assert translator.has_perm("localization.view_glossaryterm")
    # A draft of their language's version; approving it is publishing it.
    assert translator.has_perm("localization.change_glossaryterm")
    for action in ("add", "delete", "publish"):
        assert not translator.has_perm(f"localization.{action}_glossaryterm")
    for action in ("add", "change", "delete", "publish"):
        assert reviewer.has_perm(f"localization.{action}_glossaryterm")


# --- The demo's glossary --------------------------------------------------------------------


def test_the_demo_glossary_in_four_languages(db):
    from localization.demo import load_glossary
    from themes.demo import source_lines

    created = load_glossary()
    assert created == 15 * 4
    assert load_glossary() == 0  # loading again changes nothing
    source = next(line for line in source_lines() if "ICPMD" in line)
    found = {m.source_term: m for m in terms_in(source, "fr", "en")}
    assert found["ICMPD"].found == "ICPMD" and found["ICMPD"].do_not_translate
    assert found["CGLU"].target_term == "UCLG"
    assert found["MC2CM"].target_term == "MC2CM"
    assert [m.target_term for m in terms_in("Les gouvernements locaux", "fr", "ar")] == [
        "الحكومات المحلية"
    ]
    spanish = terms_in("Droit à la ville des femmes migrantes", "fr", "es")
    assert [m.target_term for m in spanish] == ["derecho a la ciudad", "migrantes"]


def test_the_editor_shows_the_approved_translation_of_each_term_in_a_string_to_translate(
    users, login, french_translation
):
    page = french_translation.source.get_source_instance()
    french = page.get_translation(locale("fr"))
    translator = login(users["translator_fr"])
    html = translator.get(f"/admin/pages/{french.pk}/edit/").content.decode()
    glossary = html.split('id="l10n-glossary"')[1].split("</section>")[0]
    # The untranslated introduction uses two terms: each shows its approved French term.
    assert "UCLG brings local governments together." in glossary
    assert re.search(r">UCLG</dt>\s*<dd><span lang=\"fr\"[^>]*>CGLU</span>", glossary)
    assert re.search(
        r">local governments</dt>\s*<dd><span lang=\"fr\"[^>]*>gouvernements locaux</span>",
        glossary,
    )
    # Once translated without the approved term, the string is listed to check.
    put_text(
        translator,
        french_translation,
        StringSegment.objects.get(
            source=french_translation.source,
            string__data="UCLG brings local governments together.",
        ),
        "L’UCLG rassemble les collectivités locales.",
    )
    html = translator.get(f"/admin/pages/{french.pk}/edit/").content.decode()
    glossary = html.split('id="l10n-glossary"')[1].split("</section>")[0]
    assert "Uses “UCLG” but not its approved translation “CGLU”." in glossary


def test_the_csv_export_neutralises_formulas_and_imports_them_back(
    users, login, django_capture_on_commit_callbacks
):
    """A term or note a spreadsheet would run (`=HYPERLINK(…)`) is exported as text, and the
    import of that file gives back what was typed."""
    hostile = "=HYPERLINK(A1)"
    make_term(
        "formula",
        hostile,
        PartOfSpeech.PHRASE,
        False,
        {
            "en": (hostile, "+1 see the charter"),
            "fr": ("-lien", ""),
            "es": ("@enlace", ""),
            "ar": ("\t=1+1", ""),
        },
    )
    editor = login(users["editor"])
    response = editor.get(EXPORT_CSV)
    (row,) = csv_rows(response.content)
    assert row["term_en"] == "'" + hostile
    assert row["note_en"] == "'+1 see the charter"
    assert (row["term_fr"], row["term_es"]) == ("'-lien", "'@enlace")
    assert row["term_ar"].startswith("'")
    before = glossary_state()

    GlossaryTerm.objects.all().delete()
    upload = io.BytesIO(response.content)
    upload.name = "glossary.csv"
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(IMPORT, {"file": upload}).status_code == 302
    assert glossary_state() == before
    assert before[0][3]["en"] == (hostile, "+1 see the charter")
