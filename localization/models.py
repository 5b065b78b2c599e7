from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.models import Translation

from core.models import TranslatableSnippet


class LanguageTeam(models.Model):
    """Marks a group as the translators or reviewers of one language.

    Members are limited to that language: pages through Wagtail's tree permissions on the
    language's home page, translatable snippets through `localization.permissions`.
    """

    class Role(models.TextChoices):
        TRANSLATOR = "translator", _("Translator")
        REVIEWER = "reviewer", _("Reviewer")

    group = models.OneToOneField(
        Group,
        on_delete=models.CASCADE,
        related_name="language_team",
        verbose_name=_("group"),
        help_text=_("The group whose members work in this language."),
    )
    locale = models.ForeignKey(
        Locale,
        on_delete=models.CASCADE,
        related_name="language_teams",
        verbose_name=_("language"),
        help_text=_("The only language the members may edit."),
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        help_text=_("Reviewers may also publish in this language."),
    )

    class Meta:
        verbose_name = _("language team")
        verbose_name_plural = _("language teams")

    def __str__(self):
        return self.group.name


class TranslationEvent(models.Model):
    """One step of the hand-off between translators and reviewers: who, what, when."""

    class Action(models.TextChoices):
        READY = "ready", _("Marked ready for review")
        SENT_BACK = "sent_back", _("Sent back to the translator")
        PUBLISHED = "published", _("Published")
        PUBLISHED_INCOMPLETE = "published_incomplete", _("Published with untranslated fields")
        SYNCED = "synced", _("Synced with the source")

    translation = models.ForeignKey(
        Translation,
        on_delete=models.CASCADE,
        related_name="workflow_events",
        verbose_name=_("translation"),
        help_text=_("The wagtail-localize translation (one object into one language)."),
    )
    action = models.CharField(
        _("action"), max_length=20, choices=Action.choices, help_text=_("What was done.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
        help_text=_("Who did it."),
    )
    comment = models.TextField(
        _("comment"),
        blank=True,
        help_text=_(
            "A reviewer's reason for sending a translation back, or the fields published "
            "untranslated."
        ),
    )
    created_at = models.DateTimeField(
        _("date"), default=timezone.now, db_index=True, help_text=_("When it was done.")
    )
    strings = models.JSONField(
        _("published strings"),
        default=list,
        blank=True,
        help_text=_(
            "On a publication: each string as published ([field path, source text, "
            "translation]), which the next review compares with."
        ),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("translation event")
        verbose_name_plural = _("translation events")

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class NotificationPreferences(models.Model):
    """Which of the hand-off's emails a user receives: all of them until turned off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="translation_notifications",
        verbose_name=_("user"),
        help_text=_("Whose preferences these are."),
    )
    new_work = models.BooleanField(
        _("new work in my language"),
        default=True,
        help_text=_(
            "When a page or snippet is submitted for translation into your language, or its "
            "source changes and strings need translating."
        ),
    )
    sent_back = models.BooleanField(
        _("translations sent back to me"),
        default=True,
        help_text=_("When a reviewer sends back a translation you marked ready, with why."),
    )
    ready_for_review = models.BooleanField(
        _("translations ready for my review"),
        default=True,
        help_text=_("When a translator marks a translation into your language ready."),
    )

    class Meta:
        verbose_name = _("translation email preferences")
        verbose_name_plural = _("translation email preferences")

    def __str__(self):
        return str(self.user)


@register_setting(icon="wagtail-localize-language")
class TranslationSettings(BaseSiteSetting):
    show_out_of_date_notice = models.BooleanField(
        _("show a notice on out-of-date translations"),
        default=True,
        help_text=_(
            "Visitors reading a translation that is behind its source see a short notice "
            "linking to the source-language version."
        ),
    )

    class Meta:
        verbose_name = _("translation settings")


class MemoryEntry(models.Model):
    """One string as published in a translation: what the translation memory suggests for
    the same or a similar source text elsewhere (localization.memory).

    Kept per place (the object and the string's path in it), so a string changed in the
    source leaves its previous source text and translation here: what a translator sees
    after a sync, with the difference."""

    source_locale = models.ForeignKey(
        Locale,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("source language"),
        help_text=_("The language of the source text."),
    )
    target_locale = models.ForeignKey(
        Locale,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("target language"),
        help_text=_("The language of the translation."),
    )
    source_text = models.TextField(_("source text"), help_text=_("The string in the source."))
    source_hash = models.UUIDField(
        _("source hash"),
        db_index=True,
        help_text=_("wagtail-localize's hash of the source text: exact matches share it."),
    )
    target_text = models.TextField(_("translation"), help_text=_("The string as published."))
    origin_key = models.UUIDField(
        _("origin"),
        db_index=True,
        help_text=_("The translation key of the page or snippet the string was published on."),
    )
    origin_label = models.CharField(
        _("origin's title"),
        max_length=255,
        help_text=_("The page's or snippet's title in the translation, when it was published."),
    )
    origin_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("origin page"),
        help_text=_("The translated page the string was published on (empty for a snippet)."),
    )
    context_path = models.CharField(
        _("place"),
        max_length=255,
        help_text=_("The string's place in its page or snippet (field and block)."),
    )
    updated_at = models.DateTimeField(
        _("published at"), default=timezone.now, db_index=True, help_text=_("When published.")
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("translation memory entry")
        verbose_name_plural = _("translation memory entries")
        constraints = [
            models.UniqueConstraint(
                fields=["origin_key", "context_path", "target_locale", "source_hash"],
                name="one_memory_entry_per_place_and_text",
            )
        ]
        indexes = [models.Index(fields=["source_locale", "target_locale"])]

    def __str__(self):
        return self.source_text[:60]


class PartOfSpeech(models.TextChoices):
    NOUN = "noun", _("Noun")
    PROPER_NOUN = "proper_noun", _("Proper noun")
    ACRONYM = "acronym", _("Acronym")
    VERB = "verb", _("Verb")
    ADJECTIVE = "adjective", _("Adjective")
    PHRASE = "phrase", _("Phrase")


class GlossaryTerm(TranslatableSnippet):
    """A term of the network's vocabulary with its approved translation in each language
    (one entry per language, translated through wagtail-localize): shown to translators in
    the editor and checked when they mark a translation ready (localization.glossary)."""

    term = models.CharField(
        _("term"),
        max_length=200,
        help_text=_("The term as written in this language, e.g. “local governments”."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("A stable name for the term, the same in every language."),
    )
    part_of_speech = models.CharField(
        _("part of speech"),
        max_length=20,
        choices=PartOfSpeech.choices,
        default=PartOfSpeech.NOUN,
        help_text=_("What kind of word it is, for translators."),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("Usage notes for translators: context, what to avoid, gender, plural."),
    )
    do_not_translate = models.BooleanField(
        _("do not translate"),
        default=False,
        help_text=_("Names and acronyms kept as they are in every language (e.g. MC2CM)."),
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("part_of_speech"),
        FieldPanel("do_not_translate"),
        FieldPanel("note"),
    ]
    translatable_fields = [
        TranslatableField("term"),
        TranslatableField("note"),
        SynchronizedField("slug"),
        SynchronizedField("part_of_speech"),
        SynchronizedField("do_not_translate"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="one_glossary_slug_per_locale")
        ]

    def __str__(self):
        return self.term


class DeepLGlossary(models.Model):
    """The glossary made at DeepL for one language pair from the glossary terms, known by
    the hash of its entries: DeepL glossaries cannot be edited, so a change makes a new one
    (localization.machine_translation)."""

    source_language = models.CharField(
        _("source language"), max_length=10, help_text=_("DeepL's code, e.g. FR.")
    )
    target_language = models.CharField(
        _("target language"), max_length=10, help_text=_("DeepL's code, e.g. EN.")
    )
    entries_hash = models.CharField(
        _("entries' hash"), max_length=64, help_text=_("SHA-256 of the entries sent.")
    )
    glossary_id = models.CharField(
        _("DeepL glossary id"), max_length=100, help_text=_("What DeepL answered.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("DeepL glossary")
        verbose_name_plural = _("DeepL glossaries")
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language"], name="one_deepl_glossary_per_pair"
            )
        ]

    def __str__(self):
        return f"{self.source_language}→{self.target_language}"
