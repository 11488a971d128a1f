"""Recommendations: released evidence only, frozen when sent, the workflow, the letter."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from advocacy import actions as case_actions
from advocacy.models import Grievance
from advocacy.recommendations import actions
from advocacy.recommendations.evidence import CITABLE_TABLES
from advocacy.recommendations.letter import letter_html
from advocacy.recommendations.models import (
    EvidenceSnapshot,
    EvidenceSnapshotIsFrozen,
    Recommendation,
    content_hash,
)
from advocacy.recommendations.tasks import send_follow_up_reminders
from advocacy.statistics.models import Release, SegmentSnapshot
from advocacy.statistics.periods import Period, centre_zone
from advocacy.statistics.tables import month_snapshot
from centres.models import AuditEntry

from ..factories import MemberFactory, centre_today
from ..releases import released_for

SEPTEMBER = "2026-09"


@pytest.fixture
def open_cases(centre, social_worker):
    def open_cases(number, issue="documents", day=10):
        for _ in range(number):
            case = case_actions.grievance_open(
                consent_given=True,
                centre=centre,
                by=social_worker,
                member=MemberFactory(centre=centre),
                narrative="what happened",
                issue_types=[issue],
                assignees=[social_worker],
            )
            Grievance.objects.filter(pk=case.pk).update(
                opened_at=datetime(2026, 9, day, 10, tzinfo=ZoneInfo("UTC"))
            )

    return open_cases


@pytest.fixture
def draft(centre, manager):
    return actions.recommendation_draft(
        centre=centre,
        by=manager,
        owner=manager,
        title="Return workers' passports",
        addressee_kind="labour_office",
        addressee_name="Amman labour inspectorate",
        deficits=["documents"],
        text="Inspect the recruitment agencies that keep passports.",
    )


def _cite(draft, manager, centre, period=SEPTEMBER, cells=(("cases.issue", "documents"),)):
    released_for(centre, period)  # as the hourly schedule has by now
    return actions.evidence_cite(
        recommendation=draft, by=manager, centre=centre, period=period, cells=cells
    )


def test_sending_freezes_the_evidence(client, centre, manager, draft, open_cases):
    open_cases(6)
    _cite(draft, manager, centre)
    actions.recommendation_send(recommendation=draft, by=manager)
    snapshot = EvidenceSnapshot.objects.get(recommendation=draft)
    assert snapshot.verify()
    assert snapshot.content_hash == content_hash(snapshot.content)
    [item] = snapshot.content["items"]
    assert item["value"] == 6 and item["period"] == SEPTEMBER
    letter_before = letter_html(Recommendation.objects.get(pk=draft.pk))
    assert snapshot.content_hash in letter_before

    # Later cases for the same month change the live figures...
    open_cases(4)
    live = month_snapshot(centre, Period.month(2026, 9), centre_zone(centre))
    assert live["cases.issue"]["documents"] == 10
    # ...and even a rebuilt release of that month...
    Release.objects.filter(centre=centre).delete()
    SegmentSnapshot.objects.filter(centre=centre).delete()
    client.force_login(manager)
    from advocacy.statistics.releases import release

    assert release(centre=centre, period=SEPTEMBER).value("cases.issue", "documents") == 10
    # ...but not the letter, whose hash still verifies.
    sent = Recommendation.objects.get(pk=draft.pk)
    assert letter_html(sent) == letter_before
    assert sent.snapshot.verify()
    page = client.get(reverse("recommendation_letter", args=[centre.pk, draft.pk]))
    assert ">6<" in page.content.decode() and ">10<" not in page.content.decode()


def test_a_snapshot_cannot_be_changed(centre, manager, draft, open_cases):
    open_cases(6)
    _cite(draft, manager, centre)
    actions.recommendation_send(recommendation=draft, by=manager)
    snapshot = EvidenceSnapshot.objects.get()
    snapshot.content["items"][0]["value"] = 60
    assert not snapshot.verify()  # tampering shows
    with pytest.raises(EvidenceSnapshotIsFrozen):
        snapshot.save()
    with pytest.raises(EvidenceSnapshotIsFrozen):
        EvidenceSnapshot.objects.update(content={})
    with pytest.raises(ValidationError):  # nor can the sent recommendation cite more
        _cite(draft, manager, centre, cells=[("cases.total", "")])
    assert EvidenceSnapshot.objects.get().verify()


@pytest.mark.parametrize(
    "period",
    ["this month", "this year", "2099-01", "2026-W01", "2026-09-01/2026-09-15", "last-30-days"],
)
def test_a_draft_cannot_cite_an_open_period_or_a_custom_range(
    client, centre, manager, draft, open_cases, period
):
    today = centre_today()
    period = {"this month": f"{today:%Y-%m}", "this year": f"{today:%Y}"}.get(period, period)
    open_cases(6)
    with pytest.raises(ValidationError):
        _cite(draft, manager, centre, period=period)
    client.force_login(manager)
    url = reverse("evidence_cite", args=[centre.pk, draft.pk])
    response = client.post(url, {"period": period, "cells": ["cases.issue|documents"]})
    assert response.status_code == 400
    assert not draft.evidence_items.exists()
    # The same figure from a closed month is accepted: the refusal came from the period.
    released_for(centre, SEPTEMBER)
    client.post(url, {"period": SEPTEMBER, "cells": ["cases.issue|documents"]})
    assert draft.evidence_items.count() == 1


def test_a_hidden_figure_cannot_be_cited(centre, manager, draft, open_cases):
    open_cases(6)
    open_cases(2, issue="harassment")
    with pytest.raises(ValidationError, match="hidden"):
        _cite(draft, manager, centre, cells=[("cases.issue", "harassment")])
    assert not draft.evidence_items.exists()


def test_status_transitions_not_allowed_are_refused(client, centre, manager, draft, open_cases):
    open_cases(6)
    for status in ("acknowledged", "implemented", "sent", "nonsense"):
        with pytest.raises(ValidationError):
            actions.recommendation_move(recommendation=draft, by=manager, status=status)
    with pytest.raises(ValidationError, match="Cite at least one"):
        actions.recommendation_send(recommendation=draft, by=manager)
    _cite(draft, manager, centre)
    actions.recommendation_send(recommendation=draft, by=manager)
    with pytest.raises(ValidationError):
        actions.recommendation_send(recommendation=draft, by=manager)
    with pytest.raises(ValidationError):
        actions.recommendation_move(recommendation=draft, by=manager, status="implemented")
    with pytest.raises(ValidationError, match="Record the response"):
        actions.recommendation_move(recommendation=draft, by=manager, status="responded")
    actions.recommendation_move(recommendation=draft, by=manager, status="acknowledged")
    actions.response_record(
        recommendation=draft, by=manager, received_on=centre_today(), summary="We will inspect."
    )
    draft.refresh_from_db()
    assert draft.status == "responded"
    actions.recommendation_move(recommendation=draft, by=manager, status="partly")
    with pytest.raises(ValidationError):
        actions.recommendation_move(recommendation=draft, by=manager, status="implemented")
    # Through the page: refused with a message, nothing changed.
    client.force_login(manager)
    url = reverse("recommendation_move", args=[centre.pk, draft.pk])
    page = client.post(url, {"status": "draft"}, follow=True)
    assert "cannot go from" in page.content.decode()
    draft.refresh_from_db()
    assert draft.status == "partly"


def test_access_matrix_of_recommendations(client, cast, centre, draft, other_centre):
    detail = reverse("recommendation_detail", args=[centre.pk, draft.pk])
    listing = reverse("recommendation_list", args=[centre.pk])
    manage = [
        reverse("recommendation_edit", args=[centre.pk, draft.pk]),
        reverse("evidence_cite", args=[centre.pk, draft.pk]),
    ]
    for role in ("manager", "committee_member"):
        client.force_login(cast[role])
        assert client.get(detail).status_code == 200
        assert client.get(listing).status_code == 200
    for role in ("social_worker", "legal", "worker", "coordinator"):
        client.force_login(cast[role])
        assert client.get(detail).status_code == 403, role
    client.force_login(cast["committee_member"])
    for url in manage:
        assert client.get(url).status_code == 403
    assert (
        client.post(reverse("recommendation_send", args=[centre.pk, draft.pk])).status_code == 403
    )
    client.force_login(cast["outsider"])
    assert client.get(detail).status_code == 404
    client.force_login(cast["manager"])
    assert client.get(reverse("recommendation_send", args=[centre.pk, draft.pk])).status_code == 405
    assert client.delete(detail).status_code == 405
    # A draft has no letter.
    assert (
        client.get(reverse("recommendation_letter", args=[centre.pk, draft.pk])).status_code == 404
    )


def test_the_committee_proposes_and_the_manager_owns(client, centre, manager, committee_member):
    client.force_login(committee_member)
    url = reverse("recommendation_new", args=[centre.pk])
    data = {
        "title": "Weekly rest day",
        "addressee_kind": "ministry",
        "addressee_name": "Ministry of Labour",
        "deficits": ["working_time"],
        "text": "Enforce one rest day a week for domestic workers.",
    }
    client.post(url, {**data, "deficits": []})
    assert not Recommendation.objects.exists()
    client.post(url, data)
    proposal = Recommendation.objects.get()
    assert proposal.proposed_by == committee_member and proposal.owner == manager
    assert proposal.status == "draft"


def test_the_manager_sends_once_and_downloads_the_letter(
    client, centre, manager, draft, open_cases
):
    open_cases(6)
    _cite(draft, manager, centre)
    client.force_login(manager)
    send = reverse("recommendation_send", args=[centre.pk, draft.pk])
    client.post(send, {"follow_up_on": "2026-12-15"})
    client.post(send, {"follow_up_on": "2026-12-15"})
    assert EvidenceSnapshot.objects.count() == 1
    pdf = client.get(reverse("recommendation_letter_pdf", args=[centre.pk, draft.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert draft.reference in pdf["Content-Disposition"]
    # The letter leaves the centre: each download and print is in the trail.
    client.get(reverse("recommendation_letter", args=[centre.pk, draft.pk]))
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=manager)
    exports = [e.changes_dict["export"] for e in entries if "export" in e.changes_dict]
    assert sorted(fmt for _what, fmt, _rows in exports) == [
        "html",
        "pdf",
    ]


def test_owners_are_reminded_of_follow_ups_by_reference_only(centre, manager, draft, open_cases):
    open_cases(6)
    _cite(draft, manager, centre)
    actions.recommendation_send(recommendation=draft, by=manager, follow_up_on=date(2026, 1, 1))
    assert send_follow_up_reminders() == 1
    [message] = mail.outbox
    assert message.to == [manager.email] and draft.reference in message.body
    assert "inspectorate" not in message.body and "passports" not in message.body
    # Run again the same day (a retry, beat firing twice): nobody is mailed twice.
    assert send_follow_up_reminders() == 0
    assert len(mail.outbox) == 1


def test_committee_members_never_read_an_employers_name(
    client, centre, manager, committee_member, open_cases
):
    """Committee members are workers: an employer or recruiter addressee is shown by its
    kind, the centre's employers' names are replaced in what people typed, and the
    letter (which names its addressee) is the manager's."""
    from advocacy.models import Employer

    Employer.objects.create(centre=centre, name="Acme Garments", kind="employer")
    draft = actions.recommendation_draft(
        centre=centre,
        by=manager,
        owner=manager,
        title="Acme Garments must pay overtime",
        addressee_kind="employer",
        addressee_name="Acme Garments",
        deficits=["wages"],
        text="We ask Acme Garments to pay the overtime it owes.",
    )
    open_cases(6)
    _cite(draft, manager, centre)
    actions.recommendation_send(recommendation=draft, by=manager)
    pages = [
        reverse("recommendation_list", args=[centre.pk]),
        reverse("recommendation_detail", args=[centre.pk, draft.pk]),
    ]
    client.force_login(committee_member)
    for url in pages:
        page = client.get(url).content.decode()
        assert "Acme" not in page, url
    assert "an employer or recruiter" in client.get(pages[1]).content.decode()
    for name in ("recommendation_letter", "recommendation_letter_pdf"):
        assert client.get(reverse(name, args=[centre.pk, draft.pk])).status_code == 403
    client.force_login(manager)
    assert "Acme Garments" in client.get(pages[1]).content.decode()
    letter = client.get(reverse("recommendation_letter", args=[centre.pk, draft.pk]))
    assert letter.status_code == 200 and "Acme Garments" in letter.content.decode()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_period_select_names_periods_in_the_readers_language(
    client, centre, manager, draft, language
):
    from django.utils import translation

    from advocacy.recommendations.evidence import offered_periods
    from advocacy.statistics.labels import period_name

    manager.preferred_language = language
    manager.save()
    client.force_login(manager)
    client.cookies["django_language"] = language
    url = reverse("evidence_cite", args=[centre.pk, draft.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    key = offered_periods(centre)[0]  # last month, e.g. "2026-10"
    with translation.override(language):
        name = period_name(key)
    assert name != key
    assert f'<option value="{key}">{name}</option>' in page
    assert f">{key}</option>" not in page


def test_cited_figures_are_read_in_the_readers_words_and_never_name_an_employer(
    client, centre, manager, committee_member, open_cases
):
    """A figure counting an employer's cases may be cited once the release names its
    row; the frozen words name the employer in the sender's language. Committee members
    read every cited figure in their own language, an employer's row without its name;
    the manager reads it named."""
    from django.utils import translation

    from advocacy.models import Employer

    acme = Employer.objects.create(centre=centre, name="Acme Garments", kind="employer")
    open_cases(6)
    Grievance.objects.filter(centre=centre).update(employer=acme)
    draft = actions.recommendation_draft(
        centre=centre,
        by=manager,
        owner=manager,
        title="Pay overtime",
        addressee_kind="labour_office",
        addressee_name="Amman labour inspectorate",
        deficits=["wages"],
        text="Inspect overtime pay.",
    )
    _cite(
        draft, manager, centre, cells=(("cases.employer", str(acme.pk)), ("cases.total", "cases"))
    )
    url = reverse("recommendation_detail", args=[centre.pk, draft.pk])
    client.force_login(committee_member)
    assert "cases.employer" not in client.get(url).content.decode()
    with translation.override("en"):
        actions.recommendation_send(recommendation=draft, by=manager)
    assert "Acme Garments" in str(EvidenceSnapshot.objects.get(recommendation=draft).content)

    page = client.get(url).content.decode()
    assert "Acme" not in page
    client.cookies["django_language"] = "ar"
    page = client.get(url).content.decode()
    with translation.override("ar"):
        opened = str(CITABLE_TABLES["cases.total"])
    assert opened != "Grievance cases opened" and opened in page
    assert "Grievance cases opened" not in page
    client.force_login(manager)
    client.cookies["django_language"] = "en"
    assert "Acme Garments" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "typed",
    [
        "ACME  Garments",  # two spaces
        "Acme\nGarments",  # the name broken over two lines
        "Acme\u00a0Garments",  # a no-break space
        "Acme \t Garments",
    ],
)
def test_an_employers_name_is_replaced_however_its_words_are_spaced(centre, typed):
    """People type names with doubled spaces, line breaks and no-break spaces; the
    name is still the employer's."""
    from advocacy.models import Employer
    from advocacy.recommendations.redaction import EmployerNames

    Employer.objects.create(centre=centre, name="Acme Garments", kind="employer")
    cleaned = EmployerNames(centre)(f"We asked {typed} to pay.")
    assert "Acme" not in cleaned and "ACME" not in cleaned
    assert cleaned == "We asked an employer to pay."


def test_the_letter_states_the_direction_of_each_typed_text(centre, manager, draft, open_cases):
    """WeasyPrint lays `<bdi>` and `dir="auto"` out in the page's direction: an English
    title in an Arabic letter printed as "'Inspect … workers passports" and a text's
    full stop jumped to its start. The letter states each typed text's own direction."""
    from django.utils import translation

    from centres.templatetags.bidi import text_dir

    assert (text_dir("عمال Acme"), text_dir("Acme عمال"), text_dir("42 — !")) == (
        "rtl",
        "ltr",
        "ltr",  # no letter with a direction: left to right, as dir="auto" in HTML
    )
    open_cases(6)
    _cite(draft, manager, centre)
    actions.recommendation_send(recommendation=draft, by=manager)
    with translation.override("ar"):
        html = letter_html(Recommendation.objects.get(pk=draft.pk))
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 dir="ltr">Return workers&#x27; passports</h1>' in html
    assert '<div class="text" dir="ltr">' in html
    assert 'dir="auto"' not in html and "<bdi>Amman labour" not in html


def test_the_letter_names_its_periods_and_dates_the_freeze_in_the_readers_language(
    centre, manager, draft, open_cases
):
    """The letter printed the frozen period key ("2026-10") and the freezing time as
    "j F Y, H:i", a Latin comma in an Arabic letter. It names the period in the
    reader's words and dates the freeze with the language's own format."""
    from django.utils import translation
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    from advocacy.statistics.labels import period_name
    from centres.templatetags.bidi import isolate

    open_cases(6)
    _cite(draft, manager, centre)
    actions.recommendation_send(recommendation=draft, by=manager)
    sent = Recommendation.objects.get(pk=draft.pk)
    [item] = sent.snapshot.content["items"][:1]
    for language in ("ar", "en"):
        with translation.override(language):
            html = letter_html(sent)
            name = period_name(item["period"])
            when = date_format(localtime(sent.snapshot.frozen_at), "DATETIME_FORMAT")
        assert name != item["period"]
        assert isolate(name) in html and f">{item['period']}<" not in html
        assert f">{when}</bdi> (" in html, language  # isolated (|when)
        assert f"{localtime(sent.snapshot.frozen_at).year}, " not in html


def test_a_follow_up_date_refused_says_which_dates_are_taken(client, centre, manager, draft):
    client.force_login(manager)
    send = reverse("recommendation_send", args=[centre.pk, draft.pk])
    response = client.post(send, {"follow_up_on": "2999-01-01"}, follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert any("Enter a date between" in text for text in shown), shown
    draft.refresh_from_db()
    assert draft.sent_on is None
