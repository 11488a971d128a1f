"""A survey's title in each language is a name on its owner's list of surveys: a title
the list already holds in that language, whatever its case or spacing, is refused beside
its field, nothing is saved, and the database refuses it too."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from advocacy.feedback import actions
from advocacy.models import Survey

from ..factories import CentreFactory


def test_a_title_the_centres_list_holds_is_refused_beside_its_field(client, manager, centre):
    actions.survey_create(by=manager, centre=centre, titles={"en": "After the visit"})
    client.force_login(manager)
    response = client.post(
        reverse("survey_list", args=[centre.pk]),
        {"title_en": "  after  the VISIT ", "on_kiosk": "on"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "already has" in " ".join(form.errors["title_en"])
    assert Survey.objects.count() == 1
    # The rule, not the input: another title is taken.
    response = client.post(
        reverse("survey_list", args=[centre.pk]), {"title_en": "Before the visit"}
    )
    assert response.status_code == 302 and Survey.objects.count() == 2


def test_titles_are_tidied_and_checked_in_each_language(manager, centre):
    first = actions.survey_create(
        by=manager, centre=centre, titles={"en": " Our  centre ", "ar": "مركزنا"}
    )
    assert first.titles == {"en": "Our centre", "ar": "مركزنا"}
    with pytest.raises(ValidationError) as refused:
        actions.survey_create(by=manager, centre=centre, titles={"en": "Other", "ar": "مركزنا"})
    assert "titles" in refused.value.error_dict
    # Another centre's list, and the programme's, are other lists.
    actions.survey_create(by=manager, centre=CentreFactory(), titles={"en": "Our centre"})
    actions.survey_create(by=manager, programme=centre.programme, titles={"en": "Our centre"})
    assert Survey.objects.count() == 3


def test_the_database_refuses_a_title_its_list_holds(manager, centre, programme):
    Survey.objects.create(centre=centre, titles={"en": "Kiosk survey"})
    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.create(centre=centre, titles={"en": "KIOSK SURVEY"})
    Survey.objects.create(programme=programme, titles={"ne": "सर्वेक्षण"})
    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.create(programme=programme, titles={"ne": "सर्वेक्षण", "en": "x"})


BEFORE = [("advocacy", "0019_employer_names_unique_by_case")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_numbers_titles_already_stored_twice(centre, other_centre, programme):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        surveys = executor.loader.project_state(BEFORE).apps.get_model("advocacy", "Survey")
        for owner, titles in [
            ({"centre_id": centre.pk}, {"en": "Visit", "ar": "زيارة"}),
            ({"centre_id": centre.pk}, {"en": " visit ", "ar": "الزيارة"}),
            ({"centre_id": centre.pk}, {"en": "Other", "ar": "زيارة"}),
            ({"centre_id": other_centre.pk}, {"en": "VISIT"}),
            ({"programme_id": programme.pk}, {"en": "visit"}),
        ]:
            surveys.objects.create(**owner, titles=titles)
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        titles = [s.titles for s in Survey.objects.order_by("pk")]
        assert titles == [
            {"en": "Visit", "ar": "زيارة"},
            {"en": "visit (2)", "ar": "الزيارة"},
            {"en": "Other", "ar": "زيارة (2)"},
            {"en": "VISIT"},
            {"en": "visit"},
        ]
    finally:  # the database as every other test expects it: fully migrated
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
