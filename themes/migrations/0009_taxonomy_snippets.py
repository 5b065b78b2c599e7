"""The work areas', action plans' and projects' themes, partners and agenda references (and
the snippet choosers of their StreamFields) point at the taxonomy app's snippets, moved there
with their tables (taxonomy 0001): only the migration state changes, no table. The themes
app forgets its own copies of the models in localization 0008, once every app points at
taxonomy's."""

import modelcluster.fields
import wagtail.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('taxonomy', '0001_initial'),
        ('themes', '0008_projectpage_cities'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='actionplanpage',
                    name='agenda_references',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='SDG targets, Global Compact objectives and New Urban Agenda commitments.', related_name='+', to='taxonomy.agendareference', verbose_name='global agenda references'),
                ),
                migrations.AlterField(
                    model_name='actionplanpage',
                    name='lines',
                    field=wagtail.fields.StreamField([('line', 27)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': 'The line of action, as visitors see it on the closed panel.', 'label': 'Heading', 'max_length': 300}), 1: ('themes.blocks.AnchorBlock', (), {'help_text': "Short name in the panel's address (…/#peer-learning): lowercase letters, digits and hyphens, unique in the page. It is the same in every language and is not translated, so shared links keep working.", 'label': 'Anchor'}), 2: ('wagtail.blocks.TextBlock', (), {'help_text': 'One or two sentences shown under the heading while the panel is closed.', 'label': 'Summary', 'required': False}), 3: ('core.blocks.ParagraphBlock', (), {}), 4: ('wagtail.blocks.CharBlock', (), {'help_text': 'The sentence before the list, e.g. The questions addressed included:', 'label': 'Introduction', 'max_length': 300, 'required': False}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'One question or topic, e.g. the social inclusion of unaccompanied minors.', 'label': 'Question or topic', 'max_length': 300}), 6: ('wagtail.snippets.blocks.SnippetChooserBlock', ('taxonomy.Theme',), {'help_text': 'The theme this question stands for, so content tagged with it can be found.', 'label': 'Theme', 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('text', 5), ('theme', 6)]], {}), 8: ('wagtail.blocks.ListBlock', (7,), {'label': 'Questions', 'min_num': 1}), 9: ('wagtail.blocks.StructBlock', [[('introduction', 4), ('questions', 8)]], {}), 10: ('wagtail.blocks.TextBlock', (), {'help_text': 'The words quoted, without quotation marks.', 'label': 'Quote'}), 11: ('wagtail.blocks.CharBlock', (), {'help_text': "Who said it, e.g. the mayor's name.", 'label': 'Attribution', 'max_length': 200, 'required': False}), 12: ('wagtail.blocks.CharBlock', (), {'help_text': 'Their role or organisation, e.g. Mayor of Barcelona.', 'label': 'Role', 'max_length': 200, 'required': False}), 13: ('wagtail.blocks.StructBlock', [[('quote', 10), ('attribution', 11), ('role', 12)]], {}), 14: ('wagtail.blocks.CharBlock', (), {'help_text': 'e.g. Partner organisations. Leave empty for no heading.', 'label': 'Heading', 'max_length': 120, 'required': False}), 15: ('wagtail.snippets.blocks.SnippetChooserBlock', ('taxonomy.Partner',), {}), 16: ('wagtail.blocks.ListBlock', (15,), {'help_text': 'Partners shown with their logo (or their name when they have none).', 'label': 'Partners', 'min_num': 1}), 17: ('wagtail.blocks.StructBlock', [[('heading', 14), ('partners', 16)]], {}), 18: ('wagtail.blocks.CharBlock', (), {'help_text': 'e.g. Related project. Leave empty for no heading.', 'label': 'Heading', 'max_length': 120, 'required': False}), 19: ('wagtail.blocks.PageChooserBlock', (), {}), 20: ('wagtail.blocks.ListBlock', (19,), {'help_text': "A project, campaigns, events or resources; shown in the visitor's language.", 'label': 'Pages', 'min_num': 1}), 21: ('wagtail.blocks.StructBlock', [[('heading', 18), ('pages', 20)]], {}), 22: ('wagtail.blocks.StreamBlock', [[('paragraph', 3), ('questions', 9), ('quote', 13), ('partner_logos', 17), ('related_pages', 21)]], {'help_text': 'What visitors read when they open the panel.', 'label': 'Body'}), 23: ('wagtail.blocks.CharBlock', (), {'max_length': 300}), 24: ('wagtail.blocks.ListBlock', (23,), {'default': [], 'help_text': 'What this line of action aims to achieve, one objective per item.', 'label': 'Objectives', 'required': False}), 25: ('wagtail.snippets.blocks.SnippetChooserBlock', ('taxonomy.Theme',), {}), 26: ('wagtail.blocks.ListBlock', (25,), {'default': [], 'help_text': 'Priority themes of this line of action, shown as tags.', 'label': 'Themes', 'required': False}), 27: ('wagtail.blocks.StructBlock', [[('heading', 0), ('anchor', 1), ('summary', 2), ('body', 22), ('objectives', 24), ('themes', 26)]], {})}, help_text='Each line of action is one collapsible panel, in the order shown.', verbose_name='lines of action'),
                ),
                migrations.AlterField(
                    model_name='actionplanpage',
                    name='partners',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='Organisations that carry out the plan with the committee.', related_name='+', to='taxonomy.partner', verbose_name='partners'),
                ),
                migrations.AlterField(
                    model_name='actionplanpage',
                    name='themes',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The priority themes this page is about; it is listed on their work areas.', related_name='+', to='taxonomy.theme', verbose_name='themes'),
                ),
                migrations.AlterField(
                    model_name='projectpage',
                    name='partner_roles',
                    field=wagtail.fields.StreamField([('partner', 2)], blank=True, block_lookup={0: ('wagtail.snippets.blocks.SnippetChooserBlock', ('taxonomy.Partner',), {'label': 'Partner'}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('implementer', 'Implementer'), ('partner', 'Partner'), ('funder', 'Funder')], 'help_text': 'What the partner does in the project.', 'label': 'Role'}), 2: ('wagtail.blocks.StructBlock', [[('partner', 0), ('role', 1)]], {})}, help_text='Implementers, partners and funders of the project.', verbose_name='partners and their roles'),
                ),
                migrations.AlterField(
                    model_name='projectpage',
                    name='themes',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The priority themes this page is about; it is listed on their work areas.', related_name='+', to='taxonomy.theme', verbose_name='themes'),
                ),
                migrations.AlterField(
                    model_name='themepage',
                    name='themes',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The priority themes this page is about; it is listed on their work areas.', related_name='+', to='taxonomy.theme', verbose_name='themes'),
                ),
            ],
            database_operations=[],
        ),
    ]
