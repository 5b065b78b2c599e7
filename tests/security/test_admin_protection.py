"""Admin protection: login rate limiting, password rules, session expiry, two-factor sign-in."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.two_factor import new_backup_codes
from tests.conftest import STAFF_PASSWORD as PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_lockouts")]


@pytest.fixture
def editor(staff):
    return staff


def sign_in(client, password=PASSWORD, **extra):
    return client.post("/admin/login/", {"username": "editor", "password": password}, **extra)


def test_repeated_failed_logins_lock_the_account_out_from_that_address(client, editor):
    for _ in range(4):
        response = sign_in(client, "wrong")
        assert response.status_code == 200  # the form again, with its error
    assert sign_in(client, "wrong").status_code == 429  # the fifth failure locks
    response = sign_in(client)  # even the right password, now
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert AccessAttempt.objects.filter(username="editor").exists()
    # Another address is not locked out with it.
    response = sign_in(client, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302


def test_a_successful_login_clears_the_failures(client, editor):
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client).status_code == 302


def test_the_sign_in_fields_tell_password_managers_what_they_hold(client, editor):
    # WCAG 2.2 1.3.5 (identify input purpose); Wagtail's own form leaves them out.
    html = client.get("/admin/login/").content.decode()
    inputs = {
        re.search(r'name="([^"]+)"', tag).group(1): tag
        for tag in re.findall(r"<input[^>]*>", html)
        if 'name="' in tag
    }
    assert 'autocomplete="username"' in inputs["username"]
    assert 'autocomplete="current-password"' in inputs["password"]
    # And signing in still works through it.
    assert sign_in(client).status_code == 302


def test_weak_passwords_are_refused():
    for weak in ("short", "password1234", "123456789012"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("correct horse battery staple")


def test_sessions_expire(client, editor, settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    sign_in(client)
    assert client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE
    # Without "remember me", the session ends with the browser.
    assert client.session.get_expire_at_browser_close()


def code(device):
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


def test_staff_can_enrol_and_are_then_asked_for_a_code(client, editor):
    assert sign_in(client).status_code == 302
    assert client.get("/admin/").status_code == 200  # optional: nothing asked yet
    response = client.get("/admin/two-factor/enrol/")
    assert response.status_code == 200
    assert "<svg" in response.content.decode()  # the QR code
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    response = client.post("/admin/two-factor/enrol/", {"token": "000000"})
    assert "This code is not right" in response.content.decode()
    # django-otp refuses any code for a moment after a wrong one (throttling): skip the wait.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    response = client.post("/admin/two-factor/enrol/", {"token": code(device)})
    # On: ten single-use backup codes are shown, once.
    assert response.status_code == 200
    backup_codes = re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())
    assert len(set(backup_codes)) == 10
    device.refresh_from_db()
    assert device.confirmed

    client.logout()
    assert sign_in(client).status_code == 302
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/verify/")
    # A second device cannot be enrolled with the password alone.
    assert client.get("/admin/two-factor/enrol/")["Location"].startswith(
        "/admin/two-factor/verify/"
    )
    device.last_t = -1
    device.save()
    response = client.post(
        "/admin/two-factor/verify/", {"token": code(device), "next": "/admin/pages/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_backup_code_signs_in_once_and_a_new_set_replaces_the_old(client, editor):
    assert sign_in(client).status_code == 302
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    codes = new_backup_codes(editor)
    response = client.post("/admin/two-factor/verify/", {"token": codes[0], "next": "/admin/"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert (
        "You have 9 backup codes left."
        in client.get("/admin/two-factor/backup-codes/").content.decode()
    )
    client.logout()
    sign_in(client)
    used_again = client.post("/admin/two-factor/verify/", {"token": codes[0]})
    assert "This code is not right" in used_again.content.decode()  # single use
    # django-otp refuses any code for a moment after a wrong one (throttling): skip the wait.
    StaticDevice.objects.filter(user=editor).update(throttling_failure_timestamp=None)
    client.post("/admin/two-factor/verify/", {"token": codes[1]})
    fresh = client.post("/admin/two-factor/backup-codes/").content.decode()
    new_codes = re.findall(r"<li><code>(\w+)</code></li>", fresh)
    assert len(new_codes) == 10 and codes[2] not in new_codes
    client.logout()
    sign_in(client)
    assert (
        "This code is not right"
        in client.post("/admin/two-factor/verify/", {"token": codes[2]}).content.decode()
    )  # the old set is gone
    call_command("reset_two_factor", "editor", verbosity=0)
    assert not StaticDevice.objects.filter(user=editor).exists()
    assert device.pk


def test_a_setting_requires_every_staff_member_to_enrol(client, editor, settings):
    settings.ADMIN_2FA_REQUIRED = True
    sign_in(client)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/enrol/")


def test_a_lost_device_is_removed_by_a_command(editor):
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    call_command("reset_two_factor", "editor", verbosity=0)
    assert not TOTPDevice.objects.filter(user=editor).exists()


PROXY = "10.0.0.2"
CLIENT_A = "198.51.100.66"
CLIENT_B = "203.0.113.9"


def sign_in_through_proxy(client, forwarded_for, password=PASSWORD):
    return sign_in(client, password, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_a_proxy_failures_lock_out_only_the_client_that_made_them(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(4):
        assert sign_in_through_proxy(client, CLIENT_A, "wrong").status_code == 200
    assert sign_in_through_proxy(client, CLIENT_A, "wrong").status_code == 429
    assert sign_in_through_proxy(client, CLIENT_A).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {CLIENT_A}
    # The real admin, elsewhere behind the same load balancer, still signs in.
    assert sign_in_through_proxy(client, CLIENT_B).status_code == 302


def test_behind_a_proxy_a_forged_left_most_entry_does_not_escape_the_lockout(
    client, editor, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        sign_in_through_proxy(client, CLIENT_A, "wrong")
    for number in range(8):
        forged = f"10.9.9.{number}, {CLIENT_A}"
        assert sign_in_through_proxy(client, forged, "wrong").status_code == 429
        assert sign_in_through_proxy(client, forged).status_code == 429


def test_with_no_proxy_a_forwarded_for_header_is_ignored(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(5):
        sign_in(client, "wrong", REMOTE_ADDR=CLIENT_A, HTTP_X_FORWARDED_FOR=f"10.9.9.{number}")
    response = sign_in(client, REMOTE_ADDR=CLIENT_A, HTTP_X_FORWARDED_FOR=CLIENT_B)
    assert response.status_code == 429


def test_guessing_one_username_from_many_addresses_stops_without_locking_its_owner_out(
    editor, settings
):
    from django.test import Client

    settings.ADMIN_USERNAME_FAILURE_LIMIT = 6
    owner = Client()  # the editor's own browser, which signed in before
    assert sign_in(owner, REMOTE_ADDR="198.51.100.1").status_code == 302
    device = owner.cookies["admin_device"].value
    owner.logout()  # the test client's logout forgets every cookie; a browser keeps this one
    owner.cookies["admin_device"] = device
    guesser = Client()
    for number in range(6):  # two failures from each of three addresses: no axes lockout
        response = sign_in(guesser, "wrong", REMOTE_ADDR=f"203.0.113.{number // 2}")
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode()  # the sign-in form again
    # From a new address, even the right password is refused now: guessing has stopped.
    refused = sign_in(guesser, REMOTE_ADDR="203.0.113.50")
    assert refused.status_code == 429
    assert "Too many failed sign-in attempts" in refused.content.decode()
    # The owner's browser still signs in, and another account is not concerned.
    assert sign_in(owner, REMOTE_ADDR="198.51.100.1").status_code == 302
    get_user_model().objects.create_user("other", "o@example.org", PASSWORD, is_staff=True)
    other = Client().post("/admin/login/", {"username": "other", "password": PASSWORD})
    assert other.status_code == 302


def test_spellings_of_a_username_share_its_lockout_from_one_address(client, editor):
    """The login form strips the name; django-axes counted each spelling apart."""
    for spelling in (" editor", "editor\t", "Editor", "EDITOR", "Editor "):
        response = client.post("/admin/login/", {"username": spelling, "password": "wrong"})
        assert response.status_code in (200, 429)
    response = sign_in(client)  # the right name and password, from the same address
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_spellings_of_a_username_add_up_to_the_username_wide_limit(editor, settings):
    from django.test import Client

    assert settings.ADMIN_USERNAME_FAILURE_LIMIT == 20
    spellings = (" editor", "editor\t", "Editor")
    for number in range(21):  # at most three from each address: no per-address lockout
        response = Client().post(
            "/admin/login/",
            {"username": spellings[number % 3], "password": "wrong"},
            REMOTE_ADDR=f"203.0.113.{number // 3}",
        )
        assert response.status_code == (200 if number < 20 else 429)
    refused = sign_in(Client(), REMOTE_ADDR="198.51.100.77")
    assert refused.status_code == 429
    assert "Too many failed sign-in attempts" in refused.content.decode()


def test_ipv6_addresses_of_one_slash_64_share_the_per_address_lockout(client, editor):
    for address in ("2001:db8:1:2::1", "2001:db8:1:2::ffff") * 2 + ("2001:db8:1:2:aaaa::9",):
        assert sign_in(client, "wrong", REMOTE_ADDR=address).status_code in (200, 429)
    assert sign_in(client, REMOTE_ADDR="2001:db8:1:2::5").status_code == 429
    assert sign_in(client, REMOTE_ADDR="2001:db8:1:3::1").status_code == 302  # another /64
