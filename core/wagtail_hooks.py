from wagtail.snippets.models import register_snippet

from core.models import FooterContent
from core.snippet_admin import OnePerLocaleSnippetViewSet


class FooterContentViewSet(OnePerLocaleSnippetViewSet):
    model = FooterContent


register_snippet(FooterContentViewSet)
