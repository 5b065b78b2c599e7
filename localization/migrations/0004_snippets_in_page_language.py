"""Pages that hold a snippet of another language (chosen before the selects were limited
to the page's language, or copied by wagtail-localize from the source page) now hold that
snippet's translation in the page's language, where there is one; the others stay as they
are, shown in the visitor's language when they are translated."""

from django.db import migrations
from modelcluster.fields import ParentalManyToManyField

APPS = ("campaigns", "events", "resources", "themes")


def snippets_in_page_language(apps, schema_editor):
    for app_label in APPS:
        for model in apps.get_app_config(app_label).get_models():
            for field in model._meta.local_many_to_many:
                if isinstance(field, ParentalManyToManyField):
                    _move_links(model, field)


def _move_links(model, field):
    snippet_model = field.related_model
    if not hasattr(snippet_model, "translation_key"):
        return
    through = field.remote_field.through
    page_column = field.m2m_column_name()
    snippet_column = field.m2m_reverse_name()
    page_locale = dict(model.objects.values_list("pk", "locale_id"))
    snippets = {s.pk: s for s in snippet_model.objects.all()}
    by_key_and_locale = {(s.translation_key, s.locale_id): s.pk for s in snippets.values()}
    for link in through.objects.all().order_by("pk"):
        page_id = getattr(link, page_column)
        snippet = snippets[getattr(link, snippet_column)]
        locale_id = page_locale.get(page_id)
        if locale_id is None or snippet.locale_id == locale_id:
            continue
        translation_id = by_key_and_locale.get((snippet.translation_key, locale_id))
        if translation_id is None:
            continue
        already = through.objects.filter(**{page_column: page_id, snippet_column: translation_id})
        if already.exists():
            link.delete()
        else:
            setattr(link, snippet_column, translation_id)
            link.save()


class Migration(migrations.Migration):
    dependencies = [
        ("localization", "0003_one_moderation_story"),
        ("campaigns", "0004_gallery_images_are_figures"),
        ("events", "0004_time_zone_choices_callable"),
        ("resources", "0003_agenda_references_help"),
        ("themes", "0005_introduction_from_section_index"),
    ]

    operations = [migrations.RunPython(snippets_in_page_language, migrations.RunPython.noop)]
