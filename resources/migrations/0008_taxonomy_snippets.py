"""The resource page's themes, agenda references and publishers point at the taxonomy app's snippets, moved there from themes with their tables
(taxonomy 0001): only the migration state changes, the many-to-many tables are the same."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('resources', '0007_unguessable_cover_names'),
        ('taxonomy', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='resourcepage',
                    name='agenda_references',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='SDG targets, Global Compact objectives and New Urban Agenda commitments.', related_name='+', to='taxonomy.agendareference', verbose_name='global agenda references'),
                ),
                migrations.AlterField(
                    model_name='resourcepage',
                    name='publishers',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='Organisations that published it.', related_name='+', to='taxonomy.partner', verbose_name='publishers'),
                ),
                migrations.AlterField(
                    model_name='resourcepage',
                    name='themes',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The priority themes this page is about; it is listed on their work areas.', related_name='+', to='taxonomy.theme', verbose_name='themes'),
                ),
            ],
            database_operations=[],
        ),
    ]
