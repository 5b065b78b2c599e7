"""The visitor's address, the one answer used by the admin lockout (django-axes), every rate
limit (django-ratelimit's `key="ip"`) and anything that logs who made a request.

Behind `TRUSTED_PROXY_COUNT` proxies, each proxy appends the address it received the request
from to `X-Forwarded-For`, and the last one connects to us (`REMOTE_ADDR`). Everything left of
what our own proxies wrote is whatever the client sent, so the client is found by counting
from the right: the entry the outermost trusted proxy appended. Never the left-most entry,
which anyone can forge.

A chain shorter than the proxies configured (a request that did not come through all of
them), or a malformed entry among those our proxies wrote, gives the address that connected
to us instead: still one no client can choose.

Reading the addresses is python-ipware's, the engine of django-ipware (which django-axes
installs): ports and brackets dropped, IPv4-mapped and NAT64 addresses read as the IPv4
client, malformed entries and addresses no client can have (`0.0.0.0`, multicast, reserved)
refused. One rule it cannot express: with a proxy count, strict mode refuses the whole
header when the client sent an `X-Forwarded-For` of its own (a longer chain, or a malformed
entry on the left), which would put every such visitor under the proxy's address, and
lenient mode skips malformed entries before counting, which lets a client who adds one
choose its address. So we cut off the entries our proxies wrote (the right-most
`TRUSTED_PROXY_COUNT`) and let ipware read those strictly; what the client sent is never
read at all.
"""

import functools
import ipaddress

from django.conf import settings
from python_ipware import IpWare

_CONNECTION = IpWare(precedence=("REMOTE_ADDR",))


@functools.cache
def _forwarded(proxies):
    """Reads the chain our `proxies` proxies wrote: the client, then the proxies in front of
    the one that connects to us (ipware counts only those: the last one is `REMOTE_ADDR`)."""
    return IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=proxies - 1)


def _read(ipware, meta):
    """The address ipware finds in `meta`, strictly (a malformed entry spoils the chain), as
    an `ipaddress` object without an IPv6 zone (`fe80::1%eth0` counts as `fe80::1`); None
    when there is none."""
    address, _trusted_route = ipware.get_client_ip(meta, strict=True)
    return None if address is None else type(address)(int(address))


def client_address(request):
    """The client's address as an `ipaddress` object, or None: see `client_ip`."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(entries) >= proxies:
            ours = ",".join(entries[-proxies:])
            address = _read(_forwarded(proxies), {"HTTP_X_FORWARDED_FOR": ours})
            if address is not None:
                return address
    return _read(_CONNECTION, {"REMOTE_ADDR": request.META.get("REMOTE_ADDR") or ""})


def client_ip(request):
    """The address of the client that sent `request`, as the trusted proxies saw it; None
    when not even the connecting address is usable. One spelling per address, so
    `2001:DB8::0001` and `2001:db8::1` count as one, and an IPv4 client seen by a dual-stack
    socket (`::ffff:192.0.2.1`) as plain IPv4: as IPv6, rate limits would count every such
    client in one /64."""
    address = client_address(request)
    return None if address is None else str(address)


def client_ip_for_rate_limits(request):
    """`client_ip` for django-ratelimit (`RATELIMIT_IP_META_KEY`), which needs a string: the
    requests whose address is unknown share one count."""
    return client_ip(request) or "0.0.0.0"


def client_network(request):
    """`client_ip` as django-axes counts it (AXES_CLIENT_IP_CALLABLE): an IPv6 client by its
    /64, as the rate limits do, since one client commonly holds a whole /64 and could
    otherwise start afresh from each of its addresses; IPv4 addresses as they are."""
    address = client_address(request)
    if address is not None and address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return None if address is None else str(address)
