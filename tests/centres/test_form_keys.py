"""One action, one effect: a form sent twice (double click, double tap, resent page)
does its work once, and the repeat is answered with the first result and a notice."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from advocacy import actions as advocacy_actions
from advocacy.models import CaseNote, Grievance
from centres.actions import purge_expired_access
from centres.submissions import FIELD, FormSubmission, new_key
from centres.templatetags.bidi import isolated
from members.models import Kiosk, Member, Visit
from services.models import Booking

from ..devices import paired_kiosk
from ..factories import MemberFactory, ServiceFactory, SessionFactory

NOTICE = "This form had already been sent"


def _twice(client, url, data):
    """The same rendered form sent twice: the same key both times."""
    data = {**data, FIELD: new_key()}
    return client.post(url, data), client.post(url, data, follow=True)


def test_double_submitted_registration_makes_one_member(client, social_worker, centre):
    client.force_login(social_worker)
    first, again = _twice(
        client, reverse("member_register", args=[centre.pk]), {"preferred_name": "Sita"}
    )
    member = Member.objects.get()
    assert first.status_code == 302
    # The repeat lands where the first went (the new member's page), with a notice.
    assert again.redirect_chain[0][0] == first["Location"]
    page = again.content.decode()
    assert NOTICE in page and member.code in page


def test_double_submitted_visit_logs_one_visit(client, social_worker, centre):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    _twice(client, reverse("visit_new", args=[centre.pk]), {"member": member.code})
    assert Visit.objects.filter(member=member).count() == 1


def test_double_submitted_headcount_logs_once(client, social_worker, centre):
    client.force_login(social_worker)
    _twice(client, reverse("headcount_new", args=[centre.pk]), {"count_woman": 3})
    assert Visit.objects.count() == 1


def test_double_tap_at_the_kiosk_logs_one_visit(client, manager, centre):
    paired_kiosk(client, centre, by=manager)
    kiosk_url = reverse("kiosk_checkin")
    # Anonymous: the per-member check-in window does not cover a head count.
    first, again = _twice(client, kiosk_url, {"code": ""})
    assert Visit.objects.count() == 1
    assert again.redirect_chain[0][0] == kiosk_url
    # Nothing stored in the clear: not the kiosk's cookie, not where the tap led.
    with connection.cursor() as cursor:
        cursor.execute("SELECT went_to FROM centres_formsubmission")
        stored = str(cursor.fetchall())
    assert client.cookies["wc_kiosk"].value.split(":")[0] not in stored
    assert kiosk_url not in stored


def test_double_click_on_a_new_kiosk_makes_one_kiosk_and_still_shows_its_code(
    client, manager, centre
):
    client.force_login(manager)
    _first, again = _twice(client, reverse("kiosk_list", args=[centre.pk]), {"label": "Door"})
    assert Kiosk.objects.count() == 1
    shown = r'<code class="pairing-code"[^>]*>[A-Z2-7 ]{29}</code>'
    assert re.search(shown, again.content.decode())


def test_double_submitted_booking_books_once(client, social_worker, centre):
    session = SessionFactory(service=ServiceFactory(centre=centre, capacity=5))
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    first, again = _twice(
        client, reverse("booking_create", args=[centre.pk, session.pk]), {"member": member.code}
    )
    assert Booking.objects.filter(session=session).count() == 1
    # The repeat is the first result, not an "already booked" error.
    shown = [str(m) for m in again.context["messages"]]
    assert shown == [f"{isolated(member.code)} is booked.", f"{NOTICE}: it was recorded once."]


def test_double_submitted_case_intake_opens_one_case(client, social_worker, centre):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    _twice(
        client,
        reverse("case_new", args=[centre.pk]),
        {
            "member": member.code,
            "issue_types": ["wage_theft"],
            "narrative": "What happened",
            "risk": "medium",
            "assignees": [social_worker.pk],
            "consent_given": "on",
        },
    )
    assert Grievance.objects.count() == 1


def test_double_submitted_note_adds_one_note(client, social_worker, centre):
    case = advocacy_actions.grievance_open(
        consent_given=True,
        centre=centre,
        by=social_worker,
        member=MemberFactory(centre=centre),
        narrative="n",
        issue_types=["wage_theft"],
        assignees=[social_worker],
    )
    before = CaseNote.objects.count()
    client.force_login(social_worker)
    _twice(client, reverse("note_add", args=[centre.pk, case.pk]), {"text": "Met the worker"})
    assert CaseNote.objects.count() == before + 1


def test_a_refused_form_gives_its_key_back(client, social_worker, centre):
    """A form sent with a mistake can be corrected and sent again from the same page."""
    client.force_login(social_worker)
    url = reverse("member_register", args=[centre.pk])
    key = new_key()
    refused = client.post(url, {"preferred_name": "", FIELD: key})
    assert refused.status_code == 200 and not Member.objects.exists()
    accepted = client.post(url, {"preferred_name": "Sita", FIELD: key})
    assert accepted.status_code == 302 and Member.objects.count() == 1


def test_another_centre_or_wrong_role_does_not_use_up_the_key(
    client, social_worker, centre, other_centre, worker
):
    key = new_key()
    client.force_login(worker)
    assert (
        client.post(
            reverse("member_register", args=[centre.pk]), {"preferred_name": "X", FIELD: key}
        ).status_code
        == 403
    )
    client.force_login(social_worker)
    assert (
        client.post(
            reverse("member_register", args=[other_centre.pk]), {"preferred_name": "X", FIELD: key}
        ).status_code
        == 404
    )
    assert not FormSubmission.objects.exists()


def test_keys_are_per_person(client, social_worker, manager, centre):
    url = reverse("member_register", args=[centre.pk])
    key = new_key()
    client.force_login(social_worker)
    client.post(url, {"preferred_name": "Sita", FIELD: key})
    client.force_login(manager)
    client.post(url, {"preferred_name": "Rita", FIELD: key})
    assert Member.objects.count() == 2


def test_a_malformed_key_is_ignored_not_an_error(client, social_worker, centre):
    client.force_login(social_worker)
    url = reverse("member_register", args=[centre.pk])
    for number, key in enumerate(["", "short", "x" * 5000, "../../etc", "\x00" * 32]):
        response = client.post(url, {"preferred_name": f"Sita {number}", FIELD: key})
        assert response.status_code == 302
    assert not FormSubmission.objects.exists()


def test_every_rendered_form_carries_a_fresh_key(client, social_worker, centre):
    client.force_login(social_worker)
    url = reverse("member_register", args=[centre.pk])
    keys = [
        re.search(rf'name="{FIELD}" value="([^"]+)"', client.get(url).content.decode()).group(1)
        for _n in range(2)
    ]
    assert keys[0] != keys[1]


def test_old_keys_are_purged_by_the_clean_up_task(client, social_worker, centre):
    client.force_login(social_worker)
    client.post(
        reverse("member_register", args=[centre.pk]), {"preferred_name": "Sita", FIELD: new_key()}
    )
    recent = FormSubmission.objects.get()
    old = FormSubmission.objects.create(
        digest="0" * 64, used_on=timezone.now().date() - timedelta(days=8)
    )
    assert purge_expired_access()["form_keys"] == 1
    assert list(FormSubmission.objects.all()) == [recent]
    assert not FormSubmission.objects.filter(pk=old.pk).exists()


# Forms that change nothing recorded: signing in and out (allauth limits its own
# attempts) and choosing the interface language.
NOT_RECORDS = {
    "templates/account/login.html",
    "templates/base.html",
}


# Forms sent by POST only to keep what they carry out of addresses and logs, and that
# record nothing: the member search and its pages.
READ_ONLY_ACTIONS = {"{% url 'member_list' centre.pk %}"}


def test_every_state_changing_form_carries_a_form_key():
    root = Path(settings.BASE_DIR)
    missing = []
    for path in sorted((root / "templates").rglob("*.html")):
        name = str(path.relative_to(root))
        if name in NOT_RECORDS or name.startswith(("templates/account/", "templates/mfa/")):
            continue
        text = path.read_text()
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", text, flags=re.S | re.I):
            action = re.search(r'action="([^"]+)"', form.split(">", 1)[0])
            if action and action.group(1) in READ_ONLY_ACTIONS:
                continue
            if "{% form_key %}" not in form:
                missing.append(f"{name}: {form[:80]}")
    assert missing == []


@pytest.mark.parametrize("name", sorted(NOT_RECORDS))
def test_forms_left_without_a_key_change_no_record(name):
    text = (Path(settings.BASE_DIR) / name).read_text()
    actions = re.findall(r"<form[^>]*method=\"post\"[^>]*action=\"([^\"]+)\"", text)
    assert set(actions) <= {
        "{% url 'account_login' %}",
        "{% url 'account_logout' %}",
        "{% url 'set_language' %}",
    }
