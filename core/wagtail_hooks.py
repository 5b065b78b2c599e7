from wagtail.snippets.models import register_snippet

from core.models import FooterContent

register_snippet(FooterContent)
