"""A priority ballot's draw by lot is the committee's (it runs the ballot), never the
centre's staff's: DESIGN, self-governance, "staff cannot see or change ballots"."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.actions import ballot_tie_draw
from members.models import TieDraw

from .test_tie_draw import _key, tied  # noqa: F401 (the tied priority ballot)


@pytest.mark.parametrize("role", ["manager", "social_worker"])
def test_staff_cannot_record_a_priority_ballot_s_draw(client, cast, tied, role):  # noqa: F811
    url = reverse("ballot_tie_draw", args=[tied.committee.centre_id, tied.pk])
    client.force_login(cast[role])
    detail = reverse("ballot_detail", args=[tied.committee.centre_id, tied.pk])
    assert url not in client.get(detail).content.decode()
    assert client.get(url).status_code == 403
    data = {"drawn_by": "The oldest member present", "winners": _key(tied, "A doctor")}
    assert client.post(url, data).status_code == 403
    with pytest.raises(ValidationError, match="committee"):
        ballot_tie_draw(
            ballot=tied, by=cast[role], drawn_by="A witness", winners=[_key(tied, "A doctor")]
        )
    assert not TieDraw.objects.exists()


def test_the_committee_records_it(client, committee_member, tied):  # noqa: F811
    url = reverse("ballot_tie_draw", args=[tied.committee.centre_id, tied.pk])
    client.force_login(committee_member)
    detail = reverse("ballot_detail", args=[tied.committee.centre_id, tied.pk])
    assert url in client.get(detail).content.decode()
    data = {"drawn_by": "The oldest member present", "winners": _key(tied, "A doctor")}
    assert client.post(url, data).status_code == 302
    assert TieDraw.objects.get().winners == [_key(tied, "A doctor")]
