from caching.pending_purges import PendingPurge  # noqa: F401 (this app's model)
