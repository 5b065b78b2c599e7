"""The themes app forgets its copies of Theme, Partner and AgendaReference, now taxonomy's
(taxonomy 0001, their tables unchanged): no database change.

It can only happen once every field that pointed at them points at taxonomy's: those of
themes, events, campaigns and resources, whose migrations doing it depend on taxonomy 0001.
An app's own migration forgetting them would have to depend on the apps above it, a cycle;
this app's migrations are the only ones above all of them (localization 0004 already
depends on every app holding these snippets), so it is done here, with an operation that
changes another app's state (`ForgetModel`).
"""

from django.db import migrations


class ForgetModel(migrations.DeleteModel):
    """DeleteModel on the state of `app_label` (whichever app this migration is in), never
    on the database."""

    def __init__(self, app_label, name):
        self.forgotten_app = app_label
        super().__init__(name)

    def deconstruct(self):
        return self.__class__.__name__, [], {"app_label": self.forgotten_app, "name": self.name}

    def state_forwards(self, app_label, state):
        super().state_forwards(self.forgotten_app, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Forget model {self.forgotten_app}.{self.name} (its table is taxonomy's)"


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0009_taxonomy_snippets'),
        ('events', '0007_taxonomy_snippets'),
        ('localization', '0007_translation_memory_and_glossary'),
        ('resources', '0008_taxonomy_snippets'),
        ('themes', '0009_taxonomy_snippets'),
    ]

    operations = [
        ForgetModel('themes', 'Theme'),
        ForgetModel('themes', 'Partner'),
        ForgetModel('themes', 'AgendaReference'),
    ]
