"""Languages of services and referral partners, from free English text to a list of
codes; words not read as a language are kept in "other languages" (see
centres.languages.code_free_text)."""

import centres.languages
from django.db import migrations, models
from django.utils.translation import override

MODELS = ("service", "referralpartner")


def forwards(apps, schema_editor):
    for name in MODELS:
        centres.languages.code_free_text(apps.get_model("services", name))


def backwards(apps, schema_editor):
    with override("en"):
        for name in MODELS:
            centres.languages.uncode_free_text(apps.get_model("services", name))


def _coded(model_name, before):
    return [
        migrations.AddField(
            model_name=model_name,
            name='other_languages',
            field=models.CharField(blank=True, help_text='Languages not on the list, as you would write them.', max_length=200, verbose_name='other languages'),
        ),
        migrations.AddField(
            model_name=model_name,
            name='language_codes',
            field=centres.languages.LanguagesField(blank=True, default=list, verbose_name='languages'),
        ),
    ] if before else [
        migrations.RemoveField(model_name=model_name, name='languages'),
        migrations.RenameField(model_name=model_name, old_name='language_codes', new_name='languages'),
    ]


class Migration(migrations.Migration):

    dependencies = [
        ('services', '0008_anonymous_channel_coarse'),
        ('centres', '0023_languages_coded'),
    ]

    operations = [
        *[operation for name in MODELS for operation in _coded(name, before=True)],
        migrations.RunPython(forwards, backwards, elidable=False),
        *[operation for name in MODELS for operation in _coded(name, before=False)],
    ]
