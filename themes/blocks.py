"""Blocks of action plans: each line of action is one collapsible panel."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import ParagraphBlock, QuoteBlock, RelatedPagesBlock, optional_heading
from core.snippets import localized_from_context
from taxonomy.logos import partner_entries

ANCHOR_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class AnchorBlock(blocks.CharBlock):
    """A panel's anchor: synchronised, never translated.

    wagtail-localize calls `get_translatable_segments` when it exists: returning nothing keeps
    the anchor out of translators' strings, and every translation keeps the source's value,
    so a shared link `…#peer-learning` opens the same panel in every language.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault(
            "validators",
            [
                RegexValidator(
                    ANCHOR_PATTERN,
                    _(
                        "Use lowercase letters a–z, digits and single hyphens only, "
                        "e.g. peer-learning."
                    ),
                )
            ],
        )
        super().__init__(**kwargs)

    def get_searchable_content(self, value):
        # An address, not words: it is not indexed, so it never shows in a search excerpt
        # ("…governance. advocacy Committee members…") nor matches a query.
        return []

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value

    class Meta:
        icon = "link"


class QuestionBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Question or topic"),
        max_length=300,
        help_text=_("One question or topic, e.g. the social inclusion of unaccompanied minors."),
    )
    theme = SnippetChooserBlock(
        "taxonomy.Theme",
        label=_("Theme"),
        required=False,
        help_text=_("The theme this question stands for, so content tagged with it can be found."),
    )

    class Meta:
        icon = "help"
        label = _("Question")


class QuestionListBlock(blocks.StructBlock):
    introduction = blocks.CharBlock(
        label=_("Introduction"),
        required=False,
        max_length=300,
        help_text=_("The sentence before the list, e.g. The questions addressed included:"),
    )
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("List of questions or topics")
        template = "themes/blocks/question_list.html"
        description = _("A short introduction followed by a list of questions or topics.")
        preview_value = {
            "introduction": "The questions addressed included:",
            "questions": [
                {"text": "the social inclusion of unaccompanied minors"},
                {"text": "migrant women's right to the city"},
            ],
        }


class PartnerLogosBlock(blocks.StructBlock):
    heading = optional_heading(_("e.g. Partner organisations. Leave empty for no heading."))
    partners = blocks.ListBlock(
        SnippetChooserBlock("taxonomy.Partner"),
        label=_("Partners"),
        min_num=1,
        help_text=_("Partners shown with their logo (or their name when they have none)."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["partner_entries"] = partner_entries(value["partners"], parent_context)
        return context

    class Meta:
        icon = "group"
        label = _("Partner logos")
        template = "themes/blocks/partner_logos.html"
        description = _("Logos of partner organisations, each linking to its website.")
        preview_value = {"heading": "Partner organisations", "partners": []}


class LineBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    questions = QuestionListBlock()
    quote = QuoteBlock()
    partner_logos = PartnerLogosBlock()
    related_pages = RelatedPagesBlock()


class LineOfActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=300,
        help_text=_("The line of action, as visitors see it on the closed panel."),
    )
    anchor = AnchorBlock(
        label=_("Anchor"),
        help_text=_(
            "Short name in the panel's address (…/#peer-learning): lowercase letters, digits "
            "and hyphens, unique in the page. It is the same in every language and is not "
            "translated, so shared links keep working."
        ),
    )
    summary = blocks.TextBlock(
        label=_("Summary"),
        required=False,
        help_text=_("One or two sentences shown under the heading while the panel is closed."),
    )
    body = LineBodyBlock(
        label=_("Body"),
        help_text=_("What visitors read when they open the panel."),
    )
    objectives = blocks.ListBlock(
        blocks.CharBlock(max_length=300),
        label=_("Objectives"),
        required=False,
        default=[],
        help_text=_("What this line of action aims to achieve, one objective per item."),
    )
    themes = blocks.ListBlock(
        SnippetChooserBlock("taxonomy.Theme"),
        label=_("Themes"),
        required=False,
        default=[],
        help_text=_("Priority themes of this line of action, shown as tags."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["line_themes"] = localized_from_context(value["themes"], parent_context)
        return context

    class Meta:
        icon = "collapse-down"
        label = _("Line of action")
        template = "themes/blocks/line_of_action.html"
        description = _(
            "A collapsible panel: heading and summary visible, the rest opens on request."
        )
        preview_value = {
            "heading": "Peer learning between local governments",
            "anchor": "peer-learning",
            "summary": "Local governments learn from each other on migration governance.",
            "body": [
                (
                    "paragraph",
                    "<p>Peer-learning events focus on inclusive migration governance.</p>",
                )
            ],
            "objectives": ["Share practices between cities"],
            "themes": [],
        }


class LinesOfActionBlock(blocks.StreamBlock):
    line = LineOfActionBlock()

    def clean(self, value):
        cleaned = super().clean(value)
        counts = Counter(child.value["anchor"] for child in cleaned)
        errors = {}
        for index, child in enumerate(cleaned):
            if counts[child.value["anchor"]] > 1:
                errors[index] = blocks.StructBlockValidationError(
                    block_errors={
                        "anchor": ValidationError(
                            _(
                                "Another line of action of this page already uses the anchor "
                                "“%(anchor)s”. Anchors must be unique in the page."
                            )
                            % {"anchor": child.value["anchor"]}
                        )
                    }
                )
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return cleaned

    class Meta:
        label = _("Lines of action")
