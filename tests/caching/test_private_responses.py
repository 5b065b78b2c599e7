"""What only one visitor may see says so to every cache on the way (`Cache-Control: private,
no-store`): documents of a restricted collection, pages under a view restriction, anything
served to a signed-in user; public documents keep a public lifetime."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

pytestmark = pytest.mark.django_db


def document_in(collection, name):
    document = get_document_model()(title=name, collection=collection)
    document.file.save(f"{name}.pdf", ContentFile(b"%PDF-1.4\n" + name.encode()), save=True)
    return document


def restricted_collection(restriction_type, **fields):
    collection = Collection.get_first_root_node().add_child(name=f"Internal {restriction_type}")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction_type, **fields
    )
    return collection


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def test_a_restricted_document_is_private_to_the_signed_in_user(client):
    document = document_in(restricted_collection(CollectionViewRestriction.LOGIN), "memo")
    user = get_user_model().objects.create_user("member", "member@example.org", "pw")
    client.force_login(user)
    response = client.get(document.url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)
    assert "public" not in cache_control(response)


def test_a_document_unlocked_by_password_is_private():
    collection = restricted_collection(CollectionViewRestriction.PASSWORD, password="members")
    document = document_in(collection, "minutes")
    visitor = Client()
    form = visitor.get(document.url)
    assert {"private", "no-store"} <= cache_control(form)
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    visitor.post(
        reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk]),
        {"password": "members", "return_url": document.url},
    )
    response = visitor.get(document.url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_a_public_document_keeps_a_public_cache_lifetime(client):
    document = document_in(Collection.get_first_root_node(), "report")
    response = client.get(document.url)
    assert response.status_code == 200
    directives = cache_control(response)
    assert "public" in directives
    assert any(part.startswith("max-age=") and int(part[8:]) > 0 for part in directives)


def test_a_private_page_is_private_as_a_form_and_once_unlocked(client, about):
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="committee"
    )
    form = client.get(about.url)
    assert 'name="password"' in form.content.decode()
    assert {"private", "no-store"} <= cache_control(form)
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, about.pk]),
        {"password": "committee", "return_url": about.url},
    )
    response = client.get(about.url)
    assert response.status_code == 200 and about.title in response.content.decode()
    assert {"private", "no-store"} <= cache_control(response)


def test_a_page_served_to_a_signed_in_user_is_private(admin_client, about):
    response = admin_client.get(about.url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)
    # The same page for a visitor is not.
    assert "private" not in cache_control(Client().get(about.url))


def test_a_preview_is_private(admin_client, about):
    response = admin_client.get(f"/admin/pages/{about.pk}/edit/preview/")
    assert {"private", "no-store"} <= cache_control(response)
