"""Stored addresses in the form signing now stores: the domain in IDNA 2008 (UTS 46) form,
so that `bücher.example` and `xn--bcher-kva.example` are one mailbox (campaigns.endorsing
.mail_domain). No row is deleted: an address that does not encode (refused by today's form)
keeps its spelling, and one whose new spelling another endorsement of the campaign already
holds (the same mailbox signed twice before) keeps its own, for moderators to see."""

import idna
from django.db import migrations


def _idna_form(email):
    local, _, domain = email.rpartition("@")
    if domain.isascii():
        return email
    try:
        return f"{local}@{idna.encode(domain, uts46=True).decode('ascii')}"
    except (idna.IDNAError, UnicodeError):
        return email


def normalise_emails(apps, schema_editor):
    Endorsement = apps.get_model("campaigns", "Endorsement")
    for endorsement in Endorsement.objects.order_by("pk").only("pk", "campaign_key", "email"):
        email = _idna_form(endorsement.email)
        if email == endorsement.email:
            continue
        taken = Endorsement.objects.filter(campaign_key=endorsement.campaign_key, email=email)
        if not taken.exists():
            Endorsement.objects.filter(pk=endorsement.pk).update(email=email)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0007_endorsement_matched_city")]

    operations = [migrations.RunPython(normalise_emails, migrations.RunPython.noop)]
