"""The one way settings read environment variables.

Every variable is read through `env` (or `Env(mapping)` where a function takes the
environment as an argument, so tests can pass their own), so a boolean means the same
everywhere and a malformed value stops the start-up with a message naming the variable,
instead of being silently read as false or failing with a bare ValueError.

An unset variable gives the default. A set one is parsed, even when empty: an empty boolean
is false and an empty list is [], as an operator who writes `FOO=` means "none".
"""

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


class Env:
    """Typed readers over an environment mapping (os.environ unless told otherwise)."""

    def __init__(self, environ: Mapping[str, str] = os.environ):
        self.environ = environ

    def str(self, name, default=""):
        return self.environ.get(name, default)

    def bool(self, name, default=False):
        value = self.environ.get(name)
        if value is None:
            return default
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise self.malformed(name, value, "1, true, yes, on, or 0, false, no, off")

    def int(self, name, default):
        value = self.environ.get(name)
        if value is None:
            return default
        try:
            return int(value)
        except ValueError:
            raise self.malformed(name, value, "a whole number") from None

    def float(self, name, default):
        value = self.environ.get(name)
        if value is None:
            return default
        try:
            return float(value)
        except ValueError:
            raise self.malformed(name, value, "a number") from None

    def list(self, name, default=()):
        """Comma-separated values, blanks around and between commas ignored."""
        value = self.environ.get(name)
        if value is None:
            return list(default)
        return [item.strip() for item in value.split(",") if item.strip()]

    @staticmethod
    def malformed(name, value, expected):
        return ImproperlyConfigured(
            f"The environment variable {name} is {value!r}; it must be {expected}."
        )


env = Env()
