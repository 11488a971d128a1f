"""Every governance view refuses the methods it does not serve (405), before anything else."""

import re

import pytest
from django.urls import reverse

from members.governance.urls import urlpatterns


def _url(pattern) -> str:
    args = []
    for converter in re.findall(r"<(\w+):\w+>", str(pattern.pattern)):
        args.append(1 if converter == "int" else "some-token")
    return reverse(pattern.name, args=args)


@pytest.mark.parametrize("pattern", urlpatterns, ids=lambda p: p.name)
def test_wrong_method_is_405(client, db, pattern):
    url = _url(pattern)
    for method in (client.put, client.delete, client.patch):
        assert method(url).status_code == 405, (pattern.name, method)


GET_ONLY = {
    "governance_home",
    "ballot_detail",
    "ballot_receipts",
    "committee_detail",
    "candidate_picture",
    "booth_picture",
}
POST_ONLY = {
    "ballot_open",
    "election_open_voting",
    "election_certify",
    "decision_publish",
    "booth_device_revoke",
    "polling_officer_name",
    "polling_officer_remove",
    "booth_pass_cancel",
    "paper_batch_enter",
    "paper_batch_confirm",
    "paper_batch_discard",
}


@pytest.mark.parametrize("pattern", urlpatterns, ids=lambda p: p.name)
def test_read_only_and_action_views(client, db, pattern):
    url = _url(pattern)
    if pattern.name in GET_ONLY:
        assert client.post(url).status_code == 405
    elif pattern.name in POST_ONLY:
        assert client.get(url).status_code == 405
    elif pattern.name == "booth_pair":  # open to any tablet: its form takes the code
        assert client.get(url).status_code == 200
    else:  # a page with its form: both, behind sign-in or a paired device's cookie
        assert client.get(url).status_code in (302, 404)
