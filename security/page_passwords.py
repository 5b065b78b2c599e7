"""Guessing a protected page's password, limited in the database.

Counted in the database, not the cache: limits kept in Redis vanish when it is out of reach
(django-ratelimit fails open), and a password guesser would get all the attempts he wants
then. Each attempt is a row, pruned once older than the longest window; an attempt
refused by the limits is not stored, so a flood does not grow the table.

Two limits (`PAGE_PASSWORD_RATE_LIMIT`, `PAGE_PASSWORD_PAGE_RATE_LIMIT`, "count/period"):

- per address, every attempt at any page's password: past it, the address is refused
  without its password being checked, right or wrong;
- per protected page, the wrong passwords from every address together. It refuses only
  wrong passwords: a visitor who knows the password gets in, whoever else guesses (one
  client's 101 guesses used to lock everyone out for an hour). While a page is past it (a
  distributed guess), an address that already failed on it in that window counts as past
  its own limit: each guessing address gets one try, not ten.
"""

import ipaddress
import re
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import PageViewRestriction

from security.client_address import client_ip

PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


class PasswordAttempt(models.Model):
    """One attempt at a protected page's password (pruned once older than the windows)."""

    restriction = models.ForeignKey(PageViewRestriction, on_delete=models.CASCADE)
    address = models.CharField(max_length=64)
    failed = models.BooleanField()
    attempted_at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "core_passwordattempt"  # moved from core: the table keeps its name
        verbose_name = "page password attempt"
        indexes = [
            models.Index(fields=["address", "attempted_at"]),
            models.Index(fields=["restriction", "failed", "attempted_at"]),
        ]


def parse_rate(rate):
    """(count, seconds) of "10/10m", "100/h" (django-ratelimit's syntax)."""
    match = RATE.match(rate)
    if match is None:
        raise ValueError(f"Not a rate: {rate!r} (say e.g. 10/10m or 100/h)")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * PERIOD_SECONDS[unit]


def address_key(request):
    """The visitor's address as every rate limit counts it: an IPv6 client by its /64."""
    address = client_ip(request) or "0.0.0.0"
    parsed = ipaddress.ip_address(address)
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


class PasswordGuard:
    """The limits as they stand for one visitor's attempt at one restriction's password."""

    def __init__(self, request, restriction):
        self.restriction = restriction
        self.address = address_key(request)
        self.address_limit, address_seconds = parse_rate(settings.PAGE_PASSWORD_RATE_LIMIT)
        self.page_limit, page_seconds = parse_rate(settings.PAGE_PASSWORD_PAGE_RATE_LIMIT)
        now = timezone.now()
        self.now = now
        PasswordAttempt.objects.filter(
            attempted_at__lt=now - timedelta(seconds=max(address_seconds, page_seconds))
        ).delete()
        address_since = now - timedelta(seconds=address_seconds)
        page_since = now - timedelta(seconds=page_seconds)
        mine = Q(address=self.address, attempted_at__gte=address_since)
        page_failures = Q(restriction=restriction, failed=True, attempted_at__gte=page_since)
        self.counts = PasswordAttempt.objects.filter(mine | page_failures).aggregate(
            address_attempts=Count("pk", filter=mine),
            page_failures=Count("pk", filter=page_failures),
            address_failures_here=Count("pk", filter=page_failures & Q(address=self.address)),
        )

    @property
    def page_is_over_limit(self):
        return self.counts["page_failures"] >= self.page_limit

    @property
    def address_is_over_limit(self):
        if self.counts["address_attempts"] >= self.address_limit:
            return True
        return self.page_is_over_limit and self.counts["address_failures_here"] > 0

    def record(self, failed):
        PasswordAttempt.objects.create(
            restriction=self.restriction,
            address=self.address,
            failed=failed,
            attempted_at=self.now,
        )
