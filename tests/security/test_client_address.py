"""The client's address behind 0, 1 or 2 trusted proxies: real and forged X-Forwarded-For
chains, malformed entries, the endorsement rate limit, and X-Forwarded-Proto in production."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited
from python_ipware import IpWare

from campaigns.factories import endorsement_form_data
from campaigns.models import Endorsement
from security.client_address import client_ip, client_network

ROOT = Path(__file__).resolve().parents[2]
CLIENT = "198.51.100.66"
OTHER_CLIENT = "203.0.113.9"
INNER_PROXY = "10.0.0.3"
OUTER_PROXY = "10.0.0.2"


def address_of(settings, proxies, remote_addr, forwarded_for=None):
    settings.TRUSTED_PROXY_COUNT = proxies
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client_ip(RequestFactory().get("/", **extra))


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded_for", "expected"),
    [
        # No proxy: the connection's address, whatever the client claims.
        (0, CLIENT, None, CLIENT),
        (0, CLIENT, "10.9.9.1", CLIENT),
        (0, CLIENT, f"10.9.9.1, {OTHER_CLIENT}", CLIENT),
        # One proxy: the address it appended, the right-most entry.
        (1, OUTER_PROXY, CLIENT, CLIENT),
        (1, OUTER_PROXY, f"10.9.9.1, {CLIENT}", CLIENT),
        (1, OUTER_PROXY, f"10.9.9.1, 10.9.9.2,{CLIENT}", CLIENT),
        # Two proxies: the outer one appended the client, the inner one the outer proxy.
        (2, INNER_PROXY, f"{CLIENT}, {OUTER_PROXY}", CLIENT),
        (2, INNER_PROXY, f"10.9.9.1, {CLIENT}, {OUTER_PROXY}", CLIENT),
        (2, INNER_PROXY, f"{OTHER_CLIENT}, 10.9.9.1, {CLIENT}, {OUTER_PROXY}", CLIENT),
    ],
)
def test_the_client_is_the_address_the_outermost_trusted_proxy_saw(
    settings, proxies, remote_addr, forwarded_for, expected
):
    assert address_of(settings, proxies, remote_addr, forwarded_for) == expected


@pytest.mark.parametrize(
    ("proxies", "forwarded_for"),
    [
        (1, None),  # the proxy was bypassed, or added nothing
        (1, ""),
        (2, CLIENT),  # came in through the inner proxy only: the entry may be forged
        (1, "unknown"),
        (1, f"{OTHER_CLIENT}, not-an-address"),  # never fall back to the forgeable left
        (1, f"{OTHER_CLIENT}, "),
        (1, f"{OTHER_CLIENT},,"),
        (1, "<script>alert(1)</script>"),
        (1, "999.1.1.1"),
        (1, "010.001.001.001"),
        (2, f"{OTHER_CLIENT}, garbage, {OUTER_PROXY}"),
    ],
)
def test_a_short_or_malformed_chain_gives_the_connecting_address_never_a_forged_one(
    settings, proxies, forwarded_for
):
    assert address_of(settings, proxies, INNER_PROXY, forwarded_for) == INNER_PROXY


@pytest.mark.parametrize(
    ("forwarded_for", "expected"),
    [
        (f"  {CLIENT}  ", CLIENT),
        (f"{CLIENT}:54321", CLIENT),  # some load balancers append the client's port
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:DB8:0:0::0001", "2001:db8::1"),  # one spelling per address, one lockout bucket
        ("fe80::1%eth0", "fe80::1"),
        (f"::ffff:{CLIENT}", CLIENT),
        (f"64:ff9b::{CLIENT}", CLIENT),  # NAT64: an IPv4 client, counted as one
    ],
)
def test_entries_are_normalised(settings, forwarded_for, expected):
    assert address_of(settings, 1, OUTER_PROXY, forwarded_for) == expected


@pytest.mark.parametrize(
    "forwarded_for",
    ["0.0.0.0", "224.0.0.1", "240.0.0.1", "ff02::1", f"{CLIENT}:99999", "[2001:db8::1"],
)
def test_an_address_no_client_can_have_gives_the_connecting_address(settings, forwarded_for):
    # Unspecified, multicast and reserved addresses, an impossible port, a broken bracket.
    assert address_of(settings, 1, OUTER_PROXY, forwarded_for) == OUTER_PROXY


@pytest.mark.parametrize(
    ("proxies", "forwarded_for"),
    [
        (1, f"not-an-address, {CLIENT}"),  # lenient ipware would skip the junk, strict refuse
        (1, f"{OTHER_CLIENT}, unknown, 10.9.9.1, {CLIENT}"),
        (1, f'"{OTHER_CLIENT}, {CLIENT}'),  # an unclosed quote the client opened
        (2, f"for={OTHER_CLIENT}, {CLIENT}, {OUTER_PROXY}"),
        (2, f"{OTHER_CLIENT}, {OTHER_CLIENT}, ,{CLIENT}, {OUTER_PROXY}"),
    ],
)
def test_what_the_client_sent_left_of_our_proxies_is_never_read(settings, proxies, forwarded_for):
    remote_addr = OUTER_PROXY if proxies == 1 else INNER_PROXY
    assert address_of(settings, proxies, remote_addr, forwarded_for) == CLIENT


def test_ipware_alone_cannot_express_the_rule():
    """Why security.client_address cuts the chain before ipware reads it (if this fails,
    ipware learned the rule: use it on the whole header and drop the cut)."""
    forged = {"HTTP_X_FORWARDED_FOR": f"{OTHER_CLIENT}, not-an-address"}
    lenient, _ = IpWare(proxy_count=0).get_client_ip(forged, strict=False)
    assert str(lenient) == OTHER_CLIENT  # the junk is skipped: the client chose its address
    sent_its_own = {"HTTP_X_FORWARDED_FOR": f"10.9.9.1, {CLIENT}"}
    strict, _ = IpWare(proxy_count=0).get_client_ip(sent_its_own, strict=True)
    assert strict is None  # a real client that sent a header of its own is lost


@pytest.mark.parametrize(
    ("forwarded_for", "expected"),
    [
        (CLIENT, CLIENT),
        ("2001:db8:0:1:aaaa:bbbb:cccc:dddd", "2001:db8:0:1::"),
        ("[2001:DB8:0:1::9]:443", "2001:db8:0:1::"),
        ("fe80::1%eth0", "fe80::"),
        (f"::ffff:{CLIENT}", CLIENT),
    ],
)
def test_the_lockout_counts_an_ipv6_client_by_its_slash_64(settings, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR=OUTER_PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_network(request) == expected


def test_no_usable_address_is_none(settings):
    assert address_of(settings, 0, "") is None
    assert address_of(settings, 0, "not-an-address", CLIENT) is None
    assert address_of(settings, 1, "", "junk") is None


def test_behind_a_unix_socket_proxy_the_forwarded_address_is_used(settings):
    # A proxy talking to the app server over a Unix socket leaves REMOTE_ADDR empty.
    assert address_of(settings, 1, "", CLIENT) == CLIENT


# --- The endorsement rate limit -----------------------------------------------------------


@pytest.mark.django_db
def test_behind_a_proxy_the_endorsement_rate_limit_counts_each_real_client(
    client, campaign, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ENDORSEMENT_RATE_LIMIT = "3/h"

    def sign(email, forwarded_for):
        return client.post(
            campaign.url,
            endorsement_form_data(email=email),
            REMOTE_ADDR=OUTER_PROXY,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    for number in range(3):
        assert sign(f"a{number}@example.org", CLIENT).status_code == 302
    # A forged left-most entry does not make a new client.
    response = sign("a3@example.org", f"10.9.9.3, {CLIENT}")
    assert response.status_code == 429
    assert not Endorsement.objects.filter(email="a3@example.org").exists()
    # Another visitor behind the same load balancer still signs.
    assert sign("b@example.org", OTHER_CLIENT).status_code == 302
    assert Endorsement.objects.filter(email="b@example.org").exists()


@pytest.mark.django_db
def test_without_a_proxy_a_forged_forwarded_for_does_not_escape_the_rate_limit(
    client, campaign, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.ENDORSEMENT_RATE_LIMIT = "2/h"
    statuses = [
        client.post(
            campaign.url,
            endorsement_form_data(email=f"c{number}@example.org"),
            REMOTE_ADDR=CLIENT,
            HTTP_X_FORWARDED_FOR=f"10.9.9.{number}",
        ).status_code
        for number in range(4)
    ]
    assert statuses == [302, 302, 429, 429]


def test_behind_a_proxy_rate_limits_count_an_ipv6_client_by_its_network(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    def limited(address):
        request = RequestFactory().post("/", REMOTE_ADDR=OUTER_PROXY, HTTP_X_FORWARDED_FOR=address)
        return is_ratelimited(request, group="test", key="ip", rate="2/h", increment=True)

    assert [limited(f"2001:db8:0:1::{n}") for n in range(3)] == [False, False, True]
    assert not limited("2001:db8:0:2::1")  # another network


# --- X-Forwarded-Proto in production -------------------------------------------------------

GOOD_KEY = "p" * 20 + "roxy-" + "q" * 30
PRODUCTION_PROTO = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/robots.txt", HTTP_HOST="example.org", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({"status": response.status_code,
                  "header": getattr(settings, "SECURE_PROXY_SSL_HEADER", None)}))
"""


def production_answer_to_forwarded_https(proxies):
    env = {k: v for k, v in os.environ.items() if k != "TRUSTED_PROXY_COUNT"}
    env.update(
        DJANGO_SETTINGS_MODULE="settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="example.org",
        TRUSTED_PROXY_COUNT=str(proxies),
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROTO], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_x_forwarded_proto_is_honoured_only_behind_a_trusted_proxy():
    # No proxy: the client's claim of HTTPS is ignored, and plain HTTP is redirected.
    direct = production_answer_to_forwarded_https(0)
    assert direct == {"status": 301, "header": None}
    behind = production_answer_to_forwarded_https(1)
    assert behind == {"status": 200, "header": ["HTTP_X_FORWARDED_PROTO", "https"]}
