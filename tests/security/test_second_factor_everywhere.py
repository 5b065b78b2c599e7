"""A password without the second factor opens nothing: outside /admin/, a session that has
not given its code is anonymous (login-restricted pages, private documents, previews, the
page cache), and the code, once given, opens them."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.conftest import STAFF_PASSWORD as PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_lockouts")]


@pytest.fixture
def members_only(about):
    """/en/about/, open to signed-in users only."""
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    return about


@pytest.fixture
def private_document(db):
    collection = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="Minutes", collection=collection)
    document.file.save("minutes.pdf", ContentFile(b"%PDF-1.4\nsecret minutes"), save=True)
    return document


def code(device):
    device.refresh_from_db()
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


def password_only(client):
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302  # the password is right: on to the code
    return response


def assert_anonymous_view(client, members_only, private_document):
    anonymous = type(client)()  # what a visitor with no session at all gets
    page = client.get(members_only.url)
    expected = anonymous.get(members_only.url)
    assert page.status_code == expected.status_code == 302
    assert page["Location"] == expected["Location"]
    assert page["Location"].startswith("/en/_util/login/")  # asked to sign in, as anyone
    document = client.get(private_document.url)
    assert document.status_code != 200
    assert b"secret minutes" not in b"".join(document)
    assert document["Location"] == anonymous.get(private_document.url)["Location"]
    draft = client.get(f"/admin/pages/{members_only.pk}/view_draft/")
    assert draft.status_code == 302
    assert draft["Location"].startswith("/admin/two-factor/")
    # No Wagtail user bar, no "signed in" rendering: the public page is the anonymous one.
    home = client.get("/en/")
    assert home.status_code == 200
    assert b"wagtail-userbar" not in home.content


def test_a_password_without_the_code_opens_no_private_page_document_or_preview(
    client, staff, members_only, private_document
):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    password_only(client)
    assert_anonymous_view(client, members_only, private_document)

    # The session was kept: the code, given under /admin/, opens everything.
    response = client.post("/admin/two-factor/verify/", {"token": code(device)})
    assert response.status_code == 302
    assert client.get(members_only.url).status_code == 200
    document = client.get(private_document.url)
    assert document.status_code == 200
    assert b"secret minutes" in b"".join(document)
    draft = client.get(f"/admin/pages/{members_only.pk}/view_draft/")
    assert draft.status_code == 200
    assert members_only.title in draft.content.decode()


def test_where_two_factor_is_required_a_password_alone_opens_nothing_before_enrolment(
    client, staff, members_only, private_document, settings
):
    settings.ADMIN_2FA_REQUIRED = True
    password_only(client)
    assert_anonymous_view(client, members_only, private_document)
    # Enrolling (one code from the new app) opens them.
    client.get("/admin/two-factor/enrol/")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert client.post("/admin/two-factor/enrol/", {"token": code(device)}).status_code == 200
    assert client.get(members_only.url).status_code == 200
    assert client.get(private_document.url).status_code == 200


def test_without_two_factor_required_or_enrolled_the_password_is_the_whole_sign_in(
    client, staff, members_only, private_document
):
    password_only(client)
    assert client.get(members_only.url).status_code == 200
    assert client.get(private_document.url).status_code == 200


def test_a_half_signed_in_session_is_neither_served_nor_stored_by_the_page_cache(
    client, staff, about, page_cache
):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    password_only(client)
    first = client.get(about.url)
    second = client.get(about.url)
    assert (first.status_code, second.status_code) == (200, 200)
    # A session cookie: the cache is neither read nor written for it...
    assert "X-Cache" not in first and "X-Cache" not in second
    # ...and the next visitor gets a page rendered for nobody (stored now).
    assert type(client)().get(about.url)["X-Cache"] == "MISS"


def test_signing_in_for_a_private_page_asks_for_the_code_then_opens_the_page(
    client, staff, members_only
):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    asked = client.get(members_only.url)["Location"]  # /en/_util/login/?next=/en/about/
    signed_in = client.post(asked, {"username": "editor", "password": PASSWORD})
    # Not the password form again (the session counts as anonymous until the code): the code.
    assert signed_in.status_code == 302
    assert signed_in["Location"].startswith("/admin/two-factor/verify/?next=")
    assert client.get(asked)["Location"] == signed_in["Location"]  # the form again: the code
    opened = client.post(signed_in["Location"], {"token": code(device)})
    assert opened["Location"] == members_only.url
    assert client.get(members_only.url).status_code == 200


def test_a_wrong_code_says_so_where_the_page_shows_it_and_offers_a_way_out(client, staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    password_only(client)
    refused = client.post("/admin/two-factor/verify/", {"token": "000000"})
    html = refused.content.decode()
    # In the message box the sign-in layout shows (it hides fields' own errors).
    assert '<li class="error">This code is not right.' in html
    assert 'action="/admin/logout/"' in html
    client.post("/admin/logout/")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_the_sign_in_form_for_a_private_page_is_in_the_sites_frame(client, staff, members_only):
    asked = client.get(members_only.url)["Location"]
    form = client.get(asked).content.decode()
    assert '<header class="site-header"' in form and 'autocomplete="current-password"' in form
    assert "About" not in form.split("<main", 1)[1]  # nothing of the page asked for
    refused = client.post(asked, {"username": "editor", "password": "wrong"}).content.decode()
    assert refused.count('role="alert"') == 1 and "correct username and password" in refused
    french = client.get(asked.replace("/en/", "/fr/")).content.decode()
    assert '<html lang="fr"' in french and "Se connecter" in french


def test_the_right_code_typed_too_soon_after_a_wrong_one_says_to_wait(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    password_only(client)
    client.post("/admin/two-factor/verify/", {"token": "000000"})
    too_soon = client.post("/admin/two-factor/verify/", {"token": code(device)})
    html = too_soon.content.decode()
    assert "Too many wrong codes: wait 1 second" in html and "not right" not in html
    # Once the wait is over, the code opens the admin.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=5)
    )
    assert client.post("/admin/two-factor/verify/", {"token": code(device)}).status_code == 302
