"""The permission matrix, through logged-in clients on the admin and wagtail-localize's views.

A French translator edits French pages and French snippet instances only, and cannot
publish or submit for translation; a French reviewer can also publish, in French only;
communications editors can do all of it.
"""

import pytest
from wagtail_localize.models import StringTranslation

from tests.localization.conftest import first_segment, refused, translation_for

pytestmark = pytest.mark.django_db


def put_string(client, translation, value):
    segment = first_segment(translation)
    return client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        data=f"value={value}",
        content_type="application/x-www-form-urlencoded",
    )


def stored_string(translation):
    segment = first_segment(translation)
    found = StringTranslation.objects.filter(
        translation_of_id=segment.string_id,
        context_id=segment.context_id,
        locale_id=translation.target_locale_id,
    ).first()
    return found.data if found else None


@pytest.mark.parametrize("role", ["translator_fr", "reviewer_fr", "editor"])
def test_french_team_and_editors_open_the_french_translation_editor(users, login, about, role):
    response = login(users[role]).get(f"/admin/pages/{about['fr'].pk}/edit/")
    assert response.status_code == 200
    assert b"js-translation-editor" in response.content  # wagtail-localize's editor


@pytest.mark.parametrize("role", ["translator_fr", "reviewer_fr"])
@pytest.mark.parametrize("language", ["es", "en"])
def test_french_team_cannot_open_other_languages(users, login, about, role, language):
    assert refused(login(users[role]).get(f"/admin/pages/{about[language].pk}/edit/"))


def test_french_translator_saves_french_strings_only(users, login, about):
    client = login(users["translator_fr"])
    french, spanish = translation_for(about["en"], "fr"), translation_for(about["en"], "es")
    assert put_string(client, french, "Texte du traducteur").status_code in (200, 201)
    assert stored_string(french) == "Texte du traducteur"
    before = stored_string(spanish)
    assert put_string(client, spanish, "Hack").status_code == 403
    assert stored_string(spanish) == before


def test_french_translator_cannot_publish_submit_or_sync(users, login, about):
    client = login(users["translator_fr"])
    french = translation_for(about["en"], "fr")
    put_string(client, french, "Pas encore publié")
    assert refused(client.post(f"/admin/pages/{about['fr'].pk}/edit/", {"action": "publish"}))
    about["fr"].refresh_from_db()
    assert about["fr"].title != "Pas encore publié"
    assert refused(client.get(f"/admin/localize/submit/page/{about['en'].pk}/"))
    assert refused(client.get(f"/admin/localize/update/{french.source_id}/"))
    assert refused(client.post(f"/admin/pages/{about['fr'].pk}/unpublish/"))


def test_french_reviewer_publishes_french_only(
    users, login, about, django_capture_on_commit_callbacks
):
    client = login(users["reviewer_fr"])
    french, spanish = translation_for(about["en"], "fr"), translation_for(about["en"], "es")
    put_string(client, french, "Relu et publié")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{about['fr'].pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    about["fr"].refresh_from_db()
    assert about["fr"].live and about["fr"].title == "Relu et publié"
    assert put_string(client, spanish, "Hack").status_code == 403
    response = client.post(f"/admin/pages/{about['es'].pk}/edit/", {"action": "publish"})
    assert refused(response)
    assert refused(client.get(f"/admin/localize/submit/page/{about['en'].pk}/"))


def test_editor_can_do_everything(users, login, about, django_capture_on_commit_callbacks):
    client = login(users["editor"])
    spanish = translation_for(about["en"], "es")
    assert put_string(client, spanish, "Texto del editor").status_code in (200, 201)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{about['es'].pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    about["es"].refresh_from_db()
    assert about["es"].title == "Texto del editor"
    for url in (
        f"/admin/localize/submit/page/{about['en'].pk}/",
        f"/admin/localize/update/{spanish.source_id}/",
        f"/admin/pages/{about['en'].pk}/edit/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert about["en"].title in response.content.decode(), url


def snippet_url(instance, action="edit"):
    return f"/admin/snippets/taxonomy/theme/{action}/{instance.pk}/"


@pytest.mark.parametrize("role", ["translator_fr", "reviewer_fr"])
def test_french_team_opens_french_snippets_only(users, login, theme, role):
    client = login(users[role])
    response = client.get(snippet_url(theme["fr"]))
    assert response.status_code == 200
    assert theme["fr"].name in response.content.decode()
    assert client.get(snippet_url(theme["es"])).status_code == 403
    assert client.get(snippet_url(theme["en"])).status_code == 403
    assert client.get("/admin/snippets/taxonomy/theme/add/").status_code == 403


@pytest.mark.parametrize("role", ["translator_fr", "reviewer_fr"])
def test_french_team_lists_french_snippets_only(users, login, theme, role):
    client = login(users[role])
    for asked in ("", "?locale=en", "?locale=es"):
        response = client.get(f"/admin/snippets/taxonomy/theme/{asked}")
        assert response.status_code == 302
        assert response["Location"] == "/admin/snippets/taxonomy/theme/?locale=fr"
    html = client.get("/admin/snippets/taxonomy/theme/?locale=fr").content.decode()
    assert "Gestion de la diversité" in html
    assert "Diversity management" not in html and "Gestión de la diversidad" not in html
    assert client.get("/admin/snippets/taxonomy/theme/results/?locale=es").status_code == 302
    # Editors still choose any language.
    html = login(users["editor"]).get("/admin/snippets/taxonomy/theme/?locale=es").content.decode()
    assert "Gestión de la diversidad" in html


@pytest.mark.parametrize("role", ["translator_fr", "reviewer_fr"])
def test_french_teams_snippet_chooser_offers_french_snippets_only(users, login, theme, role):
    client = login(users[role])
    chooser = "/admin/snippets/choose/taxonomy/theme/"
    for url in (chooser, f"{chooser}?locale=es", f"{chooser}results/?locale=es&q=Gestion"):
        response = client.get(url, follow=True)
        assert "locale=fr" in response.redirect_chain[0][0]
        html = response.json()["html"] if "json" in response["Content-Type"] else ""
        html = html or response.content.decode()
        assert "Gestion de la diversité" in html
        assert "Diversity management" not in html and "Gestión de la diversidad" not in html
    editor = login(users["editor"])
    assert "Diversity management" in editor.get(f"{chooser}?locale=en").json()["html"]
    # Searching within a language (it used to be a server error: no locale filter field).
    found = editor.get(f"{chooser}results/?locale=en&q=Diversity")
    assert found.status_code == 200 and "Diversity management" in found.content.decode()


def test_french_translator_snippet_strings_and_publishing(users, login, theme):
    client = login(users["translator_fr"])
    french, spanish = translation_for(theme["en"], "fr"), translation_for(theme["en"], "es")
    assert put_string(client, french, "Gestion de la diversité (revue)").status_code == 200
    assert put_string(client, spanish, "Hack").status_code == 403
    # Publishing (or saving the plain form, which would change a live snippet) is for reviewers.
    assert client.post(snippet_url(theme["fr"]), {"action": "publish"}).status_code == 403
    assert client.post(snippet_url(theme["fr"]), {"name": "Changé"}).status_code == 403
    theme["fr"].refresh_from_db()
    assert theme["fr"].name != "Gestion de la diversité (revue)"
    response = client.get(f"/admin/localize/submit/snippet/taxonomy/theme/{theme['en'].pk}/")
    assert refused(response)


def test_french_reviewer_publishes_french_snippets_only(
    users, login, theme, django_capture_on_commit_callbacks
):
    client = login(users["reviewer_fr"])
    french = translation_for(theme["en"], "fr")
    put_string(client, french, "Gestion de la diversité (revue)")
    with django_capture_on_commit_callbacks(execute=True):  # the revision goes live on commit
        assert client.post(snippet_url(theme["fr"]), {"action": "publish"}).status_code == 302
    theme["fr"].refresh_from_db()
    assert theme["fr"].name == "Gestion de la diversité (revue)"
    assert client.post(snippet_url(theme["es"]), {"action": "publish"}).status_code == 403


def test_editor_edits_snippets_in_every_language(users, login, theme):
    client = login(users["editor"])
    spanish = translation_for(theme["en"], "es")
    assert put_string(client, spanish, "Gestión de la diversidad (ed.)").status_code == 200
    assert client.post(snippet_url(theme["es"]), {"action": "publish"}).status_code == 302
    theme["es"].refresh_from_db()
    assert theme["es"].name == "Gestión de la diversidad (ed.)"
    response = client.get(snippet_url(theme["en"]))
    assert response.status_code == 200
    assert theme["en"].name in response.content.decode()


def test_other_translation_views_are_limited_to_the_language(users, login, about):
    client = login(users["translator_fr"])
    french, spanish = translation_for(about["en"], "fr"), translation_for(about["en"], "es")
    response = client.get(f"/admin/localize/translate/{french.pk}/pofile/download/")
    assert response.status_code == 200
    assert 'msgid "' in response.content.decode()
    assert client.get(f"/admin/localize/translate/{spanish.pk}/pofile/download/").status_code == 403
    assert refused(client.post(f"/admin/localize/translate/{spanish.pk}/disable/"))


@pytest.mark.parametrize("role", ["translator_fr", "reviewer_fr"])
def test_language_teams_neither_stop_a_synced_translation_nor_make_an_alias(
    users, login, about, role
):
    from wagtail.models import Page

    client = login(users[role])
    french = translation_for(about["en"], "fr")
    assert refused(client.post(f"/admin/localize/translate/{french.pk}/disable/", {"confirm": "1"}))
    assert refused(client.post(f"/admin/localize/page/{about['fr'].pk}/convert_to_alias/"))
    french.refresh_from_db()
    assert french.enabled and Page.objects.get(pk=about["fr"].pk).alias_of_id is None
    # Their editor loads the script that takes both buttons out of wagtail-localize's footer.
    editor = client.get(f"/admin/pages/{about['fr'].pk}/edit/").content.decode()
    assert "localization/language-team-editor" in editor


def test_an_editor_stops_a_synced_translation_only_after_confirming(users, login, about):
    client = login(users["editor"])
    french = translation_for(about["en"], "fr")
    stop = f"/admin/localize/translate/{french.pk}/disable/"
    editor = client.get(f"/admin/pages/{about['fr'].pk}/edit/").content.decode()
    assert "localization/language-team-editor" not in editor
    response = client.post(stop, {"next": "/admin/"})  # wagtail-localize's button
    assert response.status_code == 200 and 'name="confirm" value="1"' in response.content.decode()
    french.refresh_from_db()
    assert french.enabled
    response = client.post(stop, {"confirm": "1", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    french.refresh_from_db()
    assert not french.enabled


def test_roles_command_is_safe_to_rerun(db):
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from wagtail.models import GroupPagePermission

    before = (Group.objects.count(), GroupPagePermission.objects.count())
    call_command("setup_translation_roles", verbosity=0)
    call_command("setup_translation_roles", verbosity=0)
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == before
    names = set(Group.objects.values_list("name", flat=True))
    for code in ("en", "fr", "es", "ar"):
        assert {f"Translators ({code})", f"Reviewers ({code})"} <= names
    assert "Communications editors" in names


def test_translators_do_not_delete_draft_translations(users, login, about):
    from wagtail.models import Page

    about["fr"].unpublish()
    client = login(users["translator_fr"])
    assert refused(client.post(f"/admin/pages/{about['fr'].pk}/delete/"))
    assert Page.objects.filter(pk=about["fr"].pk).exists()


def test_demo_setup_adds_one_user_per_role_only_with_debug(settings):
    from django.contrib.auth import get_user_model

    from localization import demo

    settings.DEBUG = False
    assert demo.load() == 0
    assert not get_user_model().objects.filter(username="translator-fr").exists()
    settings.DEBUG = True
    assert demo.load() == 7
    user = get_user_model().objects.get(username="translator-fr")
    assert user.check_password(demo.DEMO_PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == ["Translators (fr)"]
    assert demo.load() == 0  # idempotent


def test_translators_do_not_turn_translations_into_aliases(users, login, about):
    from wagtail.models import Page

    client = login(users["translator_fr"])
    assert refused(client.post(f"/admin/localize/page/{about['fr'].pk}/convert_to_alias/"))
    assert Page.objects.get(pk=about["fr"].pk).alias_of_id is None
    response = login(users["editor"]).get(
        f"/admin/localize/page/{about['fr'].pk}/convert_to_alias/"
    )
    assert response.status_code == 200  # the confirmation page
    assert about["fr"].title in response.content.decode()


def test_one_moderation_story_without_wagtails_default_workflow(users, login, about):
    """The translation hand-off is the site's review: no Wagtail workflow, no empty
    "Moderators" group, no "Submit to … approval" button that locks a page."""
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow

    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    assert not Workflow.objects.filter(active=True).exists()
    for user, page in (("editor", about["en"]), ("reviewer_fr", about["fr"])):
        html = login(users[user]).get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert 'name="action-submit"' not in html and "approval" not in html


@pytest.mark.parametrize("role", ["translator_fr", "reviewer_fr"])
@pytest.mark.parametrize("view", ["copy/", "privacy/", "move/", "move/{home}/confirm/"])
def test_language_teams_neither_copy_move_nor_set_the_privacy_of_pages(
    users, login, about, role, view
):
    """Wagtail shows reviewers these forms (its checks follow the publish permission), and the
    move's confirmation to anyone: a page's place and audience are decided by editors."""
    home = about["fr"].get_parent()
    for page in (about["fr"], about["en"]):
        url = f"/admin/pages/{page.pk}/{view.format(home=home.pk)}"
        assert refused(login(users[role]).get(url)), url
    editor = login(users["editor"])
    assert (
        editor.get(f"/admin/pages/{about['fr'].pk}/{view.format(home=home.pk)}").status_code == 200
    )
