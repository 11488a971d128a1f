"""A number input offers exactly what the server accepts: its min and max attributes
are the values at which the model's own validation starts and stops passing, on the
ballot and election forms (and the service form, which had the same fault)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.governance.forms import BallotForm, ElectionForm
from members.models import Ballot, Committee
from services.forms_catalogue import ServiceForm
from services.models import Service

from ..factories import CommitteeFactory


def _accepts(model_field, value) -> bool:
    try:
        model_field.run_validators(value)
    except ValidationError:
        return False
    return True


def _assert_bounds_match(form_class, model, names, *, column_max=None):
    """`column_max`: a field bounded above only by its column, whose range SQLite does
    not enforce (PostgreSQL does): the input's max is that range's end."""
    for name in names:
        attrs = form_class.base_fields[name].widget.attrs
        model_field = model._meta.get_field(name)
        low, high = int(attrs["min"]), int(attrs["max"])
        assert _accepts(model_field, low) and not _accepts(model_field, low - 1), name
        if column_max is not None:
            assert high == column_max, name
            continue
        assert _accepts(model_field, high) and not _accepts(model_field, high + 1), name


def test_the_ballot_form_s_inputs_say_what_the_ballot_accepts():
    _assert_bounds_match(BallotForm, Ballot, ["max_choices", "seats", "visit_within_months"])


def test_the_election_form_s_input_says_what_its_ballot_accepts():
    _assert_bounds_match(ElectionForm, Ballot, ["visit_within_months"])


def test_the_service_form_s_places_say_what_a_service_accepts():
    _assert_bounds_match(ServiceForm, Service, ["capacity"], column_max=32767)


@pytest.mark.parametrize("value", ["0", "51"])
def test_the_page_offers_from_one_and_refuses_what_is_outside(
    client, committee_member, centre, value
):
    committee: Committee = CommitteeFactory(centre=centre)
    url = reverse("ballot_new", args=[centre.pk])
    client.force_login(committee_member)
    page = client.get(url).content.decode()
    assert 'name="seats" value="1" min="1" max="50"' in page
    assert 'name="max_choices" min="1" max="50"' in page
    form = client.post(url, {"question": "First?", "seats": value}).context["form"]
    assert "seats" in form.errors and not committee.ballots.exists()
