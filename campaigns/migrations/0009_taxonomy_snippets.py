"""The campaign page's themes, agenda references and partners point at the taxonomy app's snippets, moved there from themes with their tables
(taxonomy 0001): only the migration state changes, the many-to-many tables are the same."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0008_normalise_endorsement_emails'),
        ('taxonomy', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='campaignpage',
                    name='agenda_references',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='SDG targets, Global Compact objectives and New Urban Agenda commitments.', related_name='+', to='taxonomy.agendareference', verbose_name='global agenda references'),
                ),
                migrations.AlterField(
                    model_name='campaignpage',
                    name='partners',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='Organisations running the campaign with the committee.', related_name='+', to='taxonomy.partner', verbose_name='partners'),
                ),
                migrations.AlterField(
                    model_name='campaignpage',
                    name='themes',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The priority themes this page is about; it is listed on their work areas.', related_name='+', to='taxonomy.theme', verbose_name='themes'),
                ),
            ],
            database_operations=[],
        ),
    ]
