"""The hand-off's emails, each in its recipient's admin language, sent after the commit
to those who have not turned them off (Account › Notifications › Translation emails):

- a language's translators: new work (something submitted for translation into their
  language, or a source change that left strings to translate);
- the translator who marked a translation ready: the reviewer sent it back;
- a language's reviewers: a translation is ready for review.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation as django_translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from localization.models import LanguageTeam, NotificationPreferences, TranslationEvent


def team_members(locale, role):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__language_team__locale=locale,
            groups__language_team__role=role,
        )
        .distinct()
    )


def ready_for_review(translation, translator):
    _later(
        team_members(translation.target_locale, LanguageTeam.Role.REVIEWER),
        "ready_for_review",
        [translation],
        _("Ready for review: %(title)s"),
        _(
            "%(user)s has marked the translation of “%(title)s” into %(language)s ready "
            "for review.\n\nReview it: %(url)s"
        ),
        user=translator,
    )


def new_work(translations, changed=False):
    """Tell each language's translators of its new translations (one email per language);
    `changed`: the translations exist and their source changed."""
    by_locale = {}
    for translation in translations:
        by_locale.setdefault(translation.target_locale, []).append(translation)
    for locale, batch in by_locale.items():
        if changed:
            subject = _("To update: %(title)s")
            body = _(
                "The source of “%(title)s” has changed: some of its %(language)s strings need "
                "translating.\n\nTranslate them: %(url)s"
            )
        elif len(batch) == 1:
            subject = _("To translate: %(title)s")
            body = _("“%(title)s” is waiting for its %(language)s translation.\n\nStart: %(url)s")
        else:
            subject = _("To translate into %(language)s: %(count)s items")
            body = _("These are waiting for their %(language)s translation:\n\n%(list)s")
        _later(team_members(locale, LanguageTeam.Role.TRANSLATOR), "new_work", batch, subject, body)


def sent_back(translation, reviewer, comment):
    """Tell the translator who marked it ready (or, if none did, the language's translators)."""
    translators = team_members(translation.target_locale, LanguageTeam.Role.TRANSLATOR)
    marked_ready = (
        translation.workflow_events.filter(action=TranslationEvent.Action.READY)
        .exclude(user=None)
        .values_list("user", flat=True)
        .first()
    )
    if marked_ready is not None and translators.filter(pk=marked_ready).exists():
        translators = translators.filter(pk=marked_ready)
    _later(
        translators,
        "sent_back",
        [translation],
        _("Sent back: %(title)s"),
        _(
            "%(user)s has sent the %(language)s translation of “%(title)s” back to you:"
            "\n\n%(comment)s\n\nRevise it: %(url)s"
        ),
        user=reviewer,
        comment=comment,
    )


def _later(recipients, preference, translations, subject, body, user=None, comment=""):
    """Send after the commit (nothing is announced that a rollback undoes)."""
    transaction.on_commit(
        lambda: _send(recipients, preference, translations, subject, body, user, comment)
    )


def _review_url(translation):
    return settings.WAGTAILADMIN_BASE_URL + reverse(
        "localization:translation", args=[translation.pk]
    )


def _send(recipients, preference, translations, subject, body, user, comment):
    opted_out = NotificationPreferences.objects.filter(**{preference: False}).values("user")
    recipients = recipients.exclude(pk__in=opted_out).exclude(email="")
    if user is not None:
        recipients = recipients.exclude(pk=user.pk)
    first = translations[0]
    params = {
        "title": first.source.object_repr,
        "url": _review_url(first),
        "count": len(translations),
        "list": "\n".join(f"- {t.source.object_repr}: {_review_url(t)}" for t in translations),
        "user": user and (user.get_full_name() or user.get_username()),
        "comment": comment,
    }
    for recipient in recipients.select_related("wagtail_userprofile"):
        profile = getattr(recipient, "wagtail_userprofile", None)
        language = getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE
        with django_translation.override(language):
            name = get_language_info(first.target_locale.language_code)["name_translated"]
            # Mid-sentence, French and Spanish write language names in lower case.
            params["language"] = name if language.startswith("en") else name.lower()
            send_mail(str(subject) % params, str(body) % params, None, [recipient.email])
