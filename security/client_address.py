"""The visitor's address, the one answer used by the admin lockout (django-axes), every rate
limit (django-ratelimit's `key="ip"`) and anything that logs who made a request.

Behind `TRUSTED_PROXY_COUNT` proxies, each proxy appends the address it received the request
from to `X-Forwarded-For`, and the last one connects to us (`REMOTE_ADDR`). Everything left of
what our own proxies wrote is whatever the client sent, so the client is found by counting
from the right: the entry the outermost trusted proxy appended. Never the left-most entry,
which anyone can forge.

A chain shorter than the proxies configured (a request that did not come through all of
them), or a malformed entry at that position, gives the address that connected to us instead:
still one no client can choose.
"""

import ipaddress

from django.conf import settings


def _parse(entry):
    """A normalised address from one chain entry (spaces, a port, an IPv6 zone dropped), or
    None. One spelling per address, so `2001:DB8::0001` and `2001:db8::1` count as one, and
    an IPv4 client seen by a dual-stack socket (`::ffff:192.0.2.1`) as plain IPv4: as IPv6,
    rate limits would count every such client in one /64."""
    text = entry.strip()
    if text.startswith("[") and "]" in text:  # [IPv6]:port
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # IPv4:port
        text = text.partition(":")[0]
    text = text.partition("%")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return str(getattr(address, "ipv4_mapped", None) or address)


def client_ip(request):
    """The address of the client that sent `request`, as the trusted proxies saw it; None
    when not even the connecting address is usable."""
    remote_addr = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        # "".split(",") is [""]: no header is an empty chain, not one empty entry.
        forwarded = [] if forwarded == [""] else forwarded
        if len(forwarded) >= proxies:
            address = _parse(forwarded[-proxies])
            if address:
                return address
    return _parse(remote_addr)


def client_ip_for_rate_limits(request):
    """`client_ip` for django-ratelimit (`RATELIMIT_IP_META_KEY`), which needs a string: the
    requests whose address is unknown share one count."""
    return client_ip(request) or "0.0.0.0"


def client_network(request):
    """`client_ip` as django-axes counts it (AXES_CLIENT_IP_CALLABLE): an IPv6 client by its
    /64, as the rate limits do, since one client commonly holds a whole /64 and could
    otherwise start afresh from each of its addresses; IPv4 addresses as they are."""
    address = client_ip(request)
    if address and ":" in address:
        network = ipaddress.ip_network(f"{address}/64", strict=False)
        return str(network.network_address)
    return address
