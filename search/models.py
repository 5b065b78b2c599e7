from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchWord(models.Model):
    """A word of the site's indexed pages in one language, for "Did you mean …?" (filled by
    the search backend as pages are indexed; search.vocabulary)."""

    language = models.CharField(max_length=8, help_text=_("Language code of the pages."))
    word = models.CharField(max_length=40, help_text=_("The word as written, in lower case."))
    key = models.CharField(
        max_length=40, help_text=_("The word as compared: without accents or Arabic variants.")
    )
    length = models.PositiveSmallIntegerField(help_text=_("Length of the key."))

    wagtail_reference_index_ignore = True

    class Meta:
        db_table = "core_searchword"  # moved from core: the table keeps its name
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="core_searchword_unique")
        ]
        indexes = [models.Index(fields=["language", "length"], name="core_searchword_length")]

    def __str__(self):
        return f"{self.word} ({self.language})"
