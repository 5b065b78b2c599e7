"""Blocks of the home page: what it features, then the shared body blocks."""

from core.blocks import BODY_BLOCKS, FeaturedPagesBlock

HOME_BLOCKS = [
    ("featured_pages", FeaturedPagesBlock()),
    *BODY_BLOCKS,
]
