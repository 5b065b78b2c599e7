"""The city page's themes point at taxonomy's Theme (they pointed at the themes app's, which
now sits above cities); its table, cities_citypage_themes, is unchanged: cities 0001 made it on
databases migrated before, and it is made here on new ones."""

import modelcluster.fields
from django.db import migrations

from core.migration_tools import create_missing_m2m_table


class Migration(migrations.Migration):

    dependencies = [
        ('cities', '0001_initial'),
        ('taxonomy', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name='citypage',
                    name='themes',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The priority themes this page is about; it is listed on their work areas.', related_name='+', to='taxonomy.theme', verbose_name='themes'),
                ),
            ],
            database_operations=[],
        ),
        create_missing_m2m_table('cities', 'CityPage', 'themes'),
    ]
