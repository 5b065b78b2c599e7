"""Rich text read as plain text: what cards, search excerpts and social descriptions say."""

import re
from html import unescape

from django.utils.html import strip_tags

# Block-level tags: where one paragraph, heading or item ends and the next begins.
BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|div|br|blockquote|td|th|tr|section)\b[^>]*>", re.I)


def plain_text(html):
    """The text of an HTML fragment on one line, entities decoded, its blocks apart:
    "<p>Illustrative.</p><p>Jordan's…</p>" gives "Illustrative. Jordan's…", not
    "Illustrative.Jordan's…"; inline tags (links, emphasis) leave words as they are."""
    return " ".join(unescape(strip_tags(BLOCK_TAG.sub(" ", str(html or "")))).split())
