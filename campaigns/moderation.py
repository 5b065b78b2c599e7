"""What waits for moderation, per campaign: shown on the admin's dashboard
(`campaigns.admin_views.PendingEndorsementsPanel`) and sent to moderators as a digest
(`manage.py send_endorsement_digest`, to those who have not turned it off under
Account › Notifications)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation

from campaigns.endorsements import ModerationEmailPreferences, pending_counts
from campaigns.models import CampaignPage

MODERATE_PERMISSION = "campaigns.change_endorsement"


def pending_by_campaign():
    """[{"title", "count", "url"}], most waiting first: each campaign with endorsements
    waiting, its title (its oldest language version) and the moderation list filtered on it
    and on "pending" (a path). Two queries."""
    counts = pending_counts()
    titles = {}
    campaigns = CampaignPage.objects.filter(translation_key__in=[key for key, _n in counts])
    for page in campaigns.order_by("pk").only("title", "translation_key"):
        titles.setdefault(page.translation_key, page.title)
    list_url = reverse("wagtailsnippets_campaigns_endorsement:list")
    return [
        {
            "title": titles.get(key, "—"),
            "count": count,
            "url": list_url + "?" + urlencode({"campaign_key": key, "status": "pending"}),
        }
        for key, count in counts
    ]


def digest_recipients():
    """Active users who may moderate, with an address, who have not turned the digest off."""
    opted_out = ModerationEmailPreferences.objects.filter(pending_digest=False).values("user")
    return (
        get_user_model()
        .objects.with_perm(
            MODERATE_PERMISSION,
            backend="django.contrib.auth.backends.ModelBackend",
            is_active=True,
        )
        .exclude(email="")
        .exclude(pk__in=opted_out)
        .select_related("wagtail_userprofile")
        .order_by("pk")
    )


def send_moderation_digest():
    """Email each recipient the endorsements waiting, in their admin language; nothing when
    nothing waits. Returns the number of emails sent."""
    rows = pending_by_campaign()
    if not rows:
        return 0
    base = settings.WAGTAILADMIN_BASE_URL
    sent = 0
    for user in digest_recipients():
        profile = getattr(user, "wagtail_userprofile", None)
        language = getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            subject, body = digest_email(rows, base)
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent


def digest_email(rows, base):
    """(subject, body) in the active language."""
    total = sum(row["count"] for row in rows)
    subject = translation.ngettext(
        "%(count)d endorsement waits for moderation",
        "%(count)d endorsements wait for moderation",
        total,
    ) % {"count": total}
    lines = [
        translation.ngettext(
            "- %(campaign)s: %(count)d waiting: %(url)s",
            "- %(campaign)s: %(count)d waiting: %(url)s",
            row["count"],
        )
        % {"campaign": row["title"], "count": row["count"], "url": base + row["url"]}
        for row in rows
    ]
    body = translation.gettext(
        "These endorsements wait for moderation:\n\n%(list)s\n\n"
        "To stop this email: Account › Notifications, %(url)s"
    ) % {"list": "\n".join(lines), "url": base + reverse("wagtailadmin_account")}
    return subject, body
