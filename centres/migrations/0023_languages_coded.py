"""Languages spoken, from free English text to a list of codes; words not read as a
language are kept in "other languages" (see centres.languages.code_free_text)."""

import centres.languages
from django.db import migrations, models
from django.utils.translation import override


def forwards(apps, schema_editor):
    centres.languages.code_free_text(apps.get_model("centres", "Centre"))


def backwards(apps, schema_editor):
    with override("en"):
        centres.languages.uncode_free_text(apps.get_model("centres", "Centre"))


class Migration(migrations.Migration):

    dependencies = [
        ('centres', '0022_redact_personal_references'),
    ]

    operations = [
        migrations.AddField(
            model_name='centre',
            name='other_languages',
            field=models.CharField(blank=True, help_text='Languages not on the list, as you would write them.', max_length=200, verbose_name='other languages'),
        ),
        migrations.AddField(
            model_name='centre',
            name='language_codes',
            field=centres.languages.LanguagesField(blank=True, default=list, verbose_name='languages spoken'),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.RemoveField(model_name='centre', name='languages'),
        migrations.RenameField(model_name='centre', old_name='language_codes', new_name='languages'),
    ]
