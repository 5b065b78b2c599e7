"""Theme, Partner and AgendaReference move from themes to taxonomy, their tables unchanged.

On a database migrated before the move, their tables are themes' (themes 0001 and 0006): only
Django's idea of which app owns the models changes (no data copied), and their content type
follows them, so that their permissions, revisions, reference index entries, wagtail-localize
translation sources and log entries (all keyed by content type id) stay theirs. On a new
database, whichever of this migration and themes 0001 runs first makes the tables.

This app depends on no app of the project: themes, cities, events, campaigns and resources
point their many-to-many fields at these models in migrations of their own that depend on this
one, and localization 0008 (above them all) makes themes forget its copies of the models.
"""

import django.db.models.deletion
import modelsearch.index
import uuid
from django.db import migrations, models
from django.db.migrations.recorder import MigrationRecorder

from core.migration_tools import create_missing_tables

MODELS = ("theme", "partner", "agendareference")


def relabel(old_label, new_label):
    """The models' content types (and so their permissions) follow them to the new app; the
    wagtail-localize sources made under the old app's last migration are up to date under the
    new app's (the data model did not change)."""

    def move(apps, schema_editor, old_label, new_label, old_version, new_version):
        ContentType = apps.get_model("contenttypes", "ContentType")
        TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
        for model_name in MODELS:
            old = ContentType.objects.filter(app_label=old_label, model=model_name)
            if not old.exists():
                continue  # a new database: nothing was stored yet
            # One made for the new app by an earlier `migrate` of this code would clash.
            ContentType.objects.filter(app_label=new_label, model=model_name).delete()
            old.update(app_label=new_label)
            if old_version:
                TranslationSource.objects.filter(
                    specific_content_type__app_label=new_label,
                    specific_content_type__model=model_name,
                    schema_version=old_version,
                ).update(schema_version=new_version)

    def last_migration(schema_editor, app_label):
        recorded = MigrationRecorder(schema_editor.connection).migration_qs.filter(app=app_label)
        found = recorded.order_by("applied").last()
        return found.name if found else ""

    def forwards(apps, schema_editor):
        move(apps, schema_editor, old_label, new_label, last_migration(schema_editor, old_label), "0001_initial")

    def backwards(apps, schema_editor):
        move(apps, schema_editor, new_label, old_label, "0001_initial", last_migration(schema_editor, old_label))

    return migrations.RunPython(forwards, backwards)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtail_localize', '0016_rename_page_revision_translationlog_revision'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AgendaReference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('agenda', models.CharField(choices=[('sdg', 'Sustainable Development Goals'), ('gcm', 'Global Compact for Migration'), ('nua', 'New Urban Agenda')], help_text='The global agenda.', max_length=10, verbose_name='agenda')),
                        ('code', models.CharField(help_text='As it is cited in this language, e.g. SDG 11 or GCM objective 16.', max_length=60, verbose_name='code')),
                        ('title', models.CharField(help_text='e.g. Sustainable cities and communities.', max_length=255, verbose_name='title')),
                        ('slug', models.SlugField(help_text='e.g. sdg-11; the same in every language.', max_length=80, verbose_name='slug')),
                        ('url', models.URLField(blank=True, help_text='Official page of this goal or objective.', verbose_name='web address')),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                    ],
                    options={
                        'verbose_name': 'global agenda reference',
                        'verbose_name_plural': 'global agenda references',
                        'db_table': 'themes_agendareference',
                        'ordering': ['agenda', 'slug'],
                        'abstract': False,
                        'constraints': [models.UniqueConstraint(fields=('locale', 'slug'), name='unique_agenda_slug_per_locale')],
                        'unique_together': {('translation_key', 'locale')},
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name='Partner',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('name', models.CharField(help_text='Full name in this language, e.g. United Cities and Local Governments.', max_length=200, verbose_name='name')),
                        ('acronym', models.CharField(blank=True, help_text='As used in this language, e.g. UCLG.', max_length=30, verbose_name='acronym')),
                        ('slug', models.SlugField(help_text='e.g. uclg; the same in every language.', max_length=80, verbose_name='slug')),
                        ('kind', models.CharField(choices=[('network', 'Network of local governments'), ('un_agency', 'UN agency'), ('intergovernmental', 'Intergovernmental organisation'), ('local_government', 'Local government'), ('civil_society', 'Civil society organisation'), ('research', 'Research centre')], help_text='What kind of body.', max_length=20, verbose_name='kind')),
                        ('website', models.URLField(blank=True, help_text="The partner's own website.", verbose_name='website')),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('logo', models.ForeignKey(blank=True, help_text='Logo on a transparent or white background.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='logo')),
                    ],
                    options={
                        'verbose_name': 'partner',
                        'verbose_name_plural': 'partners',
                        'db_table': 'themes_partner',
                        'ordering': ['name'],
                        'abstract': False,
                        'constraints': [models.UniqueConstraint(fields=('locale', 'slug'), name='unique_partner_slug_per_locale')],
                        'unique_together': {('translation_key', 'locale')},
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name='Theme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('name', models.CharField(help_text='e.g. Housing.', max_length=120, verbose_name='name')),
                        ('slug', models.SlugField(help_text='Short name used in addresses and filters; the same in every language.', max_length=80, verbose_name='slug')),
                        ('description', models.TextField(blank=True, help_text='One or two sentences on what this theme covers.', verbose_name='description')),
                        ('colour', models.CharField(blank=True, choices=[('blue', 'Blue'), ('teal', 'Teal'), ('green', 'Green'), ('purple', 'Purple'), ('red', 'Red'), ('orange', 'Orange')], help_text="Optional accent colour of the theme's tags.", max_length=10, verbose_name='colour')),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                    ],
                    options={
                        'verbose_name': 'theme',
                        'verbose_name_plural': 'themes',
                        'db_table': 'themes_theme',
                        'ordering': ['name'],
                        'abstract': False,
                        'constraints': [models.UniqueConstraint(fields=('locale', 'slug'), name='unique_theme_slug_per_locale')],
                        'unique_together': {('translation_key', 'locale')},
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
            ],
            database_operations=[],
        ),
        create_missing_tables('taxonomy', 'AgendaReference', 'Partner', 'Theme'),
        relabel('themes', 'taxonomy'),
    ]
