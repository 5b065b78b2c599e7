"""Pages made private before privacy was shared by language versions (core.translated_privacy):
give each version without a restriction of its own the restriction of a restricted version
of the same page. Nothing is removed, so no page becomes public."""

from django.db import migrations


def share_privacy(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    restricted = {}
    for restriction in PageViewRestriction.objects.order_by("pk").select_related("page"):
        restricted.setdefault(restriction.page.translation_key, restriction)
    held = set(PageViewRestriction.objects.values_list("page_id", flat=True))
    for key, source in restricted.items():
        groups = list(source.groups.values_list("pk", flat=True))
        for page_id in Page.objects.filter(translation_key=key).values_list("pk", flat=True):
            if page_id in held:
                continue
            copy = PageViewRestriction.objects.create(
                page_id=page_id,
                restriction_type=source.restriction_type,
                password=source.password,
            )
            copy.groups.set(groups)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_pending_purges_password_attempts"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(share_privacy, migrations.RunPython.noop)]
