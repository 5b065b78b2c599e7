"""Every block an editor can pick has an icon, a description and a preview that renders."""

import pytest
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from core.models import FooterContent

pytestmark = pytest.mark.django_db


def choosable_blocks():
    """(field, name, block) for each block offered in a StreamField's block chooser."""
    seen = {}
    models = [*get_page_models(), FooterContent]

    def walk(owner, block):
        if isinstance(block, blocks.StreamBlock):
            for name, child in block.child_blocks.items():
                seen.setdefault((type(child), name), (owner, name, child))
                walk(owner, child)
        elif isinstance(block, blocks.StructBlock):
            for child in block.child_blocks.values():
                walk(owner, child)
        elif isinstance(block, blocks.ListBlock):
            walk(owner, block.child_block)

    for model in models:
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                walk(f"{model.__name__}.{field.name}", field.stream_block)
    return list(seen.values())


BLOCKS = choosable_blocks()


def test_there_are_blocks_to_check():
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize(("owner", "name", "block"), BLOCKS, ids=[f"{o}:{n}" for o, n, _ in BLOCKS])
def test_block_is_described_for_editors_and_its_preview_renders(owner, name, block):
    assert block.meta.icon and block.meta.icon != "placeholder", "icon"
    assert block.meta.description, "description"
    value = block.get_preview_value()
    assert value is not None, "preview_value"
    if isinstance(block, blocks.StructBlock | blocks.StreamBlock | blocks.RichTextBlock):
        assert getattr(block.meta, "template", None), "template"
    html = block.render(value)
    assert html is not None
