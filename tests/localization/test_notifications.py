"""Translators hear of their work by email, in their admin language: a submission into their
language (one email per language, however many pages), a source change that leaves strings
to translate, a translation sent back to whoever marked it ready. Each member of a language
team can turn these emails off on their Account page."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from home.factories import StandardPageFactory
from localization.roles import TRANSLATORS
from tests.localization.conftest import make_user, new_source_page, translation_for

pytestmark = pytest.mark.django_db


def locale_pks(*codes):
    return [Locale.objects.get(language_code=code).pk for code in codes]


def speaks(user, language_code):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language_code
    profile.save()


def received(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_a_submission_tells_each_languages_translators_in_their_admin_language(
    users, login, django_capture_on_commit_callbacks
):
    speaks(users["translator_es"], "es")
    editor = login(users["editor"])
    page = new_source_page(users["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"/admin/localize/submit/page/{page.pk}/", {"locales": locale_pks("es", "fr")}
        )
    assert response.status_code == 302

    (spanish,) = received("translator-es@example.org")
    assert spanish.subject == f"Para traducir: {page.title}"
    translation = translation_for(page, "es")
    assert f"/admin/translation-workflow/translation/{translation.pk}/" in spanish.body
    (french,) = received("translator-fr@example.org")
    assert french.subject == f"To translate: {page.title}"
    assert "French translation" in french.body
    assert "traducción a español" in spanish.body
    # Reviewers hear when a translation is ready, not before; editors not at all.
    assert len(mail.outbox) == 2


def test_a_subtree_submission_is_one_email_listing_every_page(
    users, login, django_capture_on_commit_callbacks
):
    page = new_source_page(users["editor"], title="Guides")
    child = StandardPageFactory(parent=page, title="Shelters", slug="shelters")
    child.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        login(users["editor"]).post(
            f"/admin/localize/submit/page/{page.pk}/",
            {"locales": locale_pks("fr"), "include_subtree": "on"},
        )
    (message,) = received("translator-fr@example.org")
    assert message.subject == "To translate into French: 2 items"
    assert "- Guides: " in message.body and "- Shelters: " in message.body


def test_a_source_change_that_leaves_strings_to_translate_tells_the_translators(
    users, login, django_capture_on_commit_callbacks
):
    editor = login(users["editor"])
    page = new_source_page(users["editor"])
    editor.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": locale_pks("es")})
    page.refresh_from_db()
    page.introduction = "Why housing comes first, and what it costs."
    page.save_revision(user=users["editor"]).publish(user=users["editor"])
    source = translation_for(page, "es").source
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/localize/update/{source.pk}/", {})
    (message,) = received("translator-es@example.org")
    assert message.subject == f"To update: {page.title}"
    assert received("translator-fr@example.org") == []


def test_sent_back_reaches_the_translator_who_marked_it_ready_with_the_reason(
    users, login, django_capture_on_commit_callbacks
):
    make_user("colleague-es", TRANSLATORS.format(code="es"))  # another Spanish translator
    page = new_source_page(users["editor"])
    login(users["editor"]).post(
        f"/admin/localize/submit/page/{page.pk}/", {"locales": locale_pks("es")}
    )
    translation = translation_for(page, "es")
    detail = f"/admin/translation-workflow/translation/{translation.pk}/"
    translator = login(users["translator_es"])
    translator.post(detail, {"action": "ready"})
    reviewer = login(users["reviewer_es"])
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(
            detail, {"action": "send_back", "comment": "The title reads as a question."}
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["translator-es@example.org"]  # not the colleague
    assert message.subject == f"Sent back: {page.title}"
    assert "The title reads as a question." in message.body
    assert detail in message.body


class FormValues(HTMLParser):
    """The values a browser would submit for a page's forms (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file", "button"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value", "on"))
            else:
                self.data[name] = [attrs.get("value", "")]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = [attrs.get("value", "")]
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] = [data]


def account_form(client):
    """The Account page's form as its user would submit it (Wagtail asks for a last name)."""
    parser = FormValues()
    parser.feed(client.get("/admin/account/").content.decode())
    return {**parser.data, "name_email-last_name": ["Doe"]}


def test_a_translator_turns_new_work_emails_off_on_their_account_page(
    users, login, django_capture_on_commit_callbacks
):
    translator = login(users["translator_fr"])
    html = translator.get("/admin/account/").content.decode()
    assert "Translation emails" in html
    assert 'name="translation_emails-new_work"' in html
    assert 'name="translation_emails-ready_for_review"' not in html  # a reviewer's email
    data = account_form(translator)
    assert data.pop("translation_emails-new_work") == ["on"]  # on until turned off
    response = translator.post("/admin/account/", data)
    assert response.status_code == 302
    assert re.search(
        r'name="translation_emails-sent_back"[^>]*checked',
        translator.get("/admin/account/").content.decode(),
    )

    page = new_source_page(users["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        login(users["editor"]).post(
            f"/admin/localize/submit/page/{page.pk}/", {"locales": locale_pks("fr", "es")}
        )
    assert received("translator-fr@example.org") == []
    assert len(received("translator-es@example.org")) == 1


def test_reviewers_may_turn_off_ready_for_review_emails(
    users, login, django_capture_on_commit_callbacks
):
    reviewer = login(users["reviewer_es"])
    data = account_form(reviewer)
    assert "translation_emails-new_work" not in data
    data.pop("translation_emails-ready_for_review")
    assert reviewer.post("/admin/account/", data).status_code == 302
    page = new_source_page(users["editor"])
    login(users["editor"]).post(
        f"/admin/localize/submit/page/{page.pk}/", {"locales": locale_pks("es")}
    )
    translation = translation_for(page, "es")
    with django_capture_on_commit_callbacks(execute=True):
        login(users["translator_es"]).post(
            f"/admin/translation-workflow/translation/{translation.pk}/", {"action": "ready"}
        )
    assert received("reviewer-es@example.org") == []
