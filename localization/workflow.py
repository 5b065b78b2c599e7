"""The hand-off: a translator marks a translation ready, a reviewer publishes it or sends it
back with a comment. Every step is a TranslationEvent (who, what, when)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation as django_translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from localization.models import LanguageTeam, TranslationEvent


def reviewers_of(locale):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__language_team__locale=locale,
            groups__language_team__role=LanguageTeam.Role.REVIEWER,
        )
        .distinct()
    )


def mark_ready(translation, user):
    event = TranslationEvent.objects.create(
        translation=translation, action=TranslationEvent.Action.READY, user=user
    )
    transaction.on_commit(lambda: _notify_reviewers(translation, user))
    return event


def send_back(translation, user, comment):
    return TranslationEvent.objects.create(
        translation=translation,
        action=TranslationEvent.Action.SENT_BACK,
        user=user,
        comment=comment,
    )


def publish(translation, user):
    """Publish the translation; the page_published signal records the event for pages."""
    instance = translation.get_target_instance()
    translation.save_target(user=user, publish=True)
    if not isinstance(instance, Page):
        TranslationEvent.objects.create(
            translation=translation, action=TranslationEvent.Action.PUBLISHED, user=user
        )


def sync(source, user):
    """Bring a source's translations up to date with it (new strings wait for translators)."""
    source.update_from_db()
    for translation in source.translations.filter(enabled=True):
        TranslationEvent.objects.create(
            translation=translation, action=TranslationEvent.Action.SYNCED, user=user
        )


def _notify_reviewers(translation, user):
    url = settings.WAGTAILADMIN_BASE_URL + reverse(
        "localization:translation", args=[translation.pk]
    )
    title = translation.source.object_repr
    for reviewer in reviewers_of(translation.target_locale):
        if not reviewer.email:
            continue
        language = getattr(getattr(reviewer, "wagtail_userprofile", None), "preferred_language", "")
        with django_translation.override(language or settings.LANGUAGE_CODE):
            send_mail(
                _("Ready for review: %(title)s") % {"title": title},
                _(
                    "%(user)s has marked the translation of “%(title)s” into %(language)s ready "
                    "for review.\n\nReview it: %(url)s"
                )
                % {
                    "user": user.get_full_name() or user.get_username(),
                    "title": title,
                    "language": translation.target_locale.get_display_name(),
                    "url": url,
                },
                None,
                [reviewer.email],
            )
