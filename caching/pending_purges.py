"""Renewals the shared cache did not take, kept in the database until it takes them.

A generation renewed while Redis is unreachable (a publish, an unpublish, a view
restriction added) would otherwise be lost: once Redis answers again, every entry built
before the change would still match the old token, and a page made private would go on
being served from the cache, its social card and the search. So a renewal whose write
fails leaves a `PendingPurge` row per generation, in the same transaction as the change
when it happens during it, and `caching.invalidation` renews them again the first time this
process reads a token after Redis answers again (or after it started), before any token
is trusted (`replay`).
"""

from django.db import models
from django.utils import timezone


class PendingPurge(models.Model):
    """A generation (`caching.invalidation`) whose renewal the cache did not take."""

    name = models.CharField(max_length=200, unique=True)
    recorded_at = models.DateTimeField()

    class Meta:
        db_table = "core_pendingpurge"  # moved from core: the table keeps its name
        verbose_name = "pending cache purge"

    def __str__(self):
        return self.name


def record(names):
    """Keep `names` until the cache takes their renewal (one query)."""
    now = timezone.now()
    PendingPurge.objects.bulk_create(
        [PendingPurge(name=name, recorded_at=now) for name in sorted(set(names))],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["recorded_at"],
    )


def pending_since():
    """(names pending, when they were read): one query."""
    return list(PendingPurge.objects.values_list("name", flat=True)), timezone.now()


def forget(names, read_at):
    """The cache took the renewal of `names` read at `read_at`: a failure recorded since
    (another outage) stays."""
    PendingPurge.objects.filter(name__in=names, recorded_at__lte=read_at).delete()
