from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale
from wagtail_localize.models import Translation


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
