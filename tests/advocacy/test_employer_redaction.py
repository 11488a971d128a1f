"""An employer's name never reaches a worker, the committee or a report's reader through
text people typed: however it is typed, and by its distinctive part alone."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.feedback.actions import comment_share_approve
from advocacy.models import Employer
from advocacy.recommendations import actions
from advocacy.recommendations.models import Recommendation
from advocacy.recommendations.names import BETWEEN, is_distinctive, name_patterns
from advocacy.recommendations.redaction import EmployerNames
from advocacy.reports.contents import build_contents, centre_sections
from advocacy.reports.scope import Scope
from advocacy.statistics.periods import Period, centre_zone
from members.actions import committee_create, decision_publish, decision_record, meeting_record

from ..factories import CentreFactory, CommentFactory, centre_today, fill_seats
from ..releases import released_for

pytestmark = pytest.mark.django_db
GONE = "an employer"


def _clean(centre, *names):
    for name in names:
        Employer.objects.create(centre=centre, name=name, kind="employer")
    return EmployerNames(centre)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # Possessives, straight and typographic apostrophes, and without one.
        ("Acme's supervisor kept our passports.", f"{GONE}'s supervisor kept our passports."),
        ("Acme’s supervisor", f"{GONE}’s supervisor"),
        ("The Acmes' vans", f"The {GONE}' vans"),
        # The distinctive part alone, in any case, and the whole name with its legal form.
        ("We asked ACME to pay.", f"We asked {GONE} to pay."),
        ("acme garments ltd. did not pay", f"{GONE}. did not pay"),
        ("Acme-Garments", GONE),
        # Unicode forms: full-width letters, accents left off, invisible joiners.
        ("Ｍｒ Ａｃｍｅ", f"Ｍｒ {GONE}"),
        ("Bauer at Ac\u200dme", f"Bauer at {GONE}"),
    ],
)
def test_latin_names_are_found_however_typed(centre, typed, expected):
    assert _clean(centre, "Acme Garments Ltd")(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "GROSSMANN did not pay",  # case-folded: ß is ss
        "Grossmann did not pay",
        "Großmann did not pay",
        "Nestle did not pay",  # accents left off
        "NESTLÉ did not pay",
    ],
)
def test_case_folding_and_accents(centre, typed):
    cleaned = _clean(centre, "Großmann Bau GmbH", "Nestlé Construction")(typed)
    assert cleaned == f"{GONE} did not pay"


@pytest.mark.parametrize(
    "typed",
    [
        "إسكندر لم يدفع الأجور",  # the distinctive part alone
        "اسكندر لم يدفع الأجور",  # alef without its hamza
        "إِسْكَنْدَر لم يدفع الأجور",  # with harakat
        "إسكـــندر لم يدفع الأجور",  # stretched with tatweel
        "شَرِكَةُ إِسْكَنْدَرَ لِلْمَلَابِسِ لم يدفع الأجور",  # the whole name, vowelled
        "شركه اسكندر للملابس لم يدفع الأجور",  # teh marbuta typed as heh
        "ﺍﺳﻜﻨﺪﺭ لم يدفع الأجور",  # Arabic presentation forms (NFKC)
    ],
)
def test_arabic_names_are_found_with_marks_and_letter_forms(centre, typed):
    cleaned = _clean(centre, "شركة إسكندر للملابس")(typed)
    assert cleaned == f"{GONE} لم يدفع الأجور"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("عملنا لإسكندر سنتين", f"عملنا ل{GONE} سنتين"),  # a joined preposition
        ("ذهبنا وبالزعتري", f"ذهبنا وب{GONE}"),  # و + ب + the article
        ("مكتب مصطفي", GONE),  # alef maqsura typed as yeh
        ("عمال المومن", f"عمال {GONE}"),  # a hamza on waw left off
        ("عمال الهاشمى", f"عمال {GONE}"),  # yeh typed as alef maqsura
        ("عمال زعتري", f"عمال {GONE}"),  # the article left off
    ],
)
def test_arabic_joined_letters_and_the_article(centre, typed, expected):
    clean = _clean(
        centre, "شركة إسكندر للملابس", "مؤسسة الزعتري للمقاولات", "مكتب مصطفى",
        "مصنع المؤمن", "مزرعة الهاشمي",
    )  # fmt: skip
    assert clean(typed) == expected


def test_devanagari_names_keep_their_vowel_signs(centre):
    clean = _clean(centre, "शर्मा कंस्ट्रक्शन")
    assert clean("शर्मा ने वेतन नहीं दिया") == f"{GONE} ने वेतन नहीं दिया"
    assert clean("शर्मी") == "शर्मी"  # another vowel sign: another word


@pytest.mark.parametrize(
    "typed",
    [
        "Garments workers and construction workers met.",  # generic words alone
        "The Acmeology course.",  # the name inside a longer word
        "Start at nine.",  # "Star" inside a word
        "شركة كبيرة للملابس",  # Arabic generic words
        "कंपनी ने वेतन नहीं दिया",  # Hindi generic word
        "In 2000 we came.",  # a number of a name is not distinctive
    ],
)
def test_generic_words_and_other_words_stay(centre, typed):
    clean = _clean(
        centre, "Acme Garments Ltd", "Star Cleaning", "شركة إسكندر للملابس", "Hotel 2000"
    )
    assert clean(typed) == typed


def test_the_centres_own_name_and_a_place_in_brackets_are_not_distinctive(centre):
    """A household is named by its place, and employers often by the centre's town:
    neither the place nor the town on its own is an employer's name."""
    clean = _clean(centre, "Household (Jabal Amman)", "Amman Star Garments")
    assert clean("The Amman labour office at Jabal Al-Hussein.") == (
        "The Amman labour office at Jabal Al-Hussein."
    )
    assert clean("We worked for Household (Jabal Amman).") == f"We worked for {GONE}."
    assert clean("Star's foreman, at Amman Star Garments") == f"{GONE}'s foreman, at {GONE}"


def test_the_distinctive_rule():
    assert not is_distinctive("garments") and not is_distinctive("للملابس")
    assert not is_distinctive("ltd") and not is_distinctive("2000")
    assert is_distinctive("acme") and is_distinctive("الزعتري")
    # A name without a distinctive word is found whole only; a short one not at all.
    assert name_patterns("Construction Company") == [f"construction{BETWEEN}company"]
    assert name_patterns("AB") == []


def test_decisions_ballots_and_recommendations_in_a_report_are_unnamed(centre, manager):
    """A report may be handed to a donor: what people typed in its sections names no
    employer."""
    Employer.objects.create(centre=centre, name="Acme Garments", kind="employer")
    committee = committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", "")],
        quorum_percent=50,
    )  # fmt: skip
    fill_seats(committee)
    meeting = meeting_record(
        committee=committee, by=None, held_on=centre_today(),
        seats_present=committee.seats.all(),
    )  # fmt: skip
    decision = decision_record(
        meeting=meeting, by=None, motion="Visit Acme's dormitory", votes_for=1,
        votes_against=0, abstentions=0, text="We ask the inspectors to visit ACME.",
    )  # fmt: skip
    decision_publish(decision=decision, by=None)
    period = Period.containing("month", centre_today())
    sections = centre_sections(centre, period, centre_zone(centre))
    assert sections["decisions"][0]["motion"] == f"Visit {GONE}'s dormitory"
    assert "ACME" not in str(sections) and "Acme" not in str(sections)


def test_a_programme_report_unnames_every_centres_employers(centre, programme, coordinator):
    """A programme's recommendation belongs to no centre: the names of every centre of
    the programme are replaced in its title."""
    second = CentreFactory(programme=programme, name="Zarqa centre", code="ZRQ")
    Employer.objects.create(centre=second, name="Cedar Farms", kind="employer")
    recommendation = actions.recommendation_draft(
        programme=programme, by=coordinator, owner=coordinator,
        title="Cedar's farms keep passports", addressee_kind="labour_office",
        addressee_name="Ministry of Labour", deficits=["documents"], text="Inspect.",
    )  # fmt: skip
    Recommendation.objects.filter(pk=recommendation.pk).update(
        status="sent", sent_on=date(2026, 3, 10)
    )
    march = Period.containing("month", date(2026, 3, 1))
    contents = build_contents(Scope.for_programme(programme), march)
    titles = [r["title"] for r in contents["sections"]["recommendations"]]
    assert titles == [f"{GONE}'s farms keep passports"]


def test_the_committee_reads_shared_comments_without_an_employers_name(
    client, centre, manager, committee_member
):
    """The manager redacts a comment by hand before the committee reads it; a name left
    in is replaced on the committee's page."""
    Employer.objects.create(centre=centre, name="Golden Palm Recruitment", kind="recruiter")
    # A day of the last closed month: the page shows the comments of the period shown.
    last_month = centre_today(centre).replace(day=1) - timedelta(days=1)
    comment = CommentFactory(
        centre=centre, text="Golden Palm: no pay", may_share=True, submitted_on=last_month
    )
    comment_share_approve(comment=comment, by=manager, shared_text="Golden Palm’s wages are late")
    client.force_login(committee_member)
    released_for(centre)
    page = client.get(reverse("feedback_summary", args=[centre.pk])).content.decode()
    assert "Golden" not in page and "wages are late" in page


def test_reports_stored_before_are_redacted_in_place(centre, programme):
    """Reports built before the names were found in every form are cleaned by a data
    migration; their figures are left as they were."""
    import importlib

    from django.apps import apps

    from advocacy.models import FeedbackReport

    migration = importlib.import_module("advocacy.migrations.0015_report_texts_without_employers")
    Employer.objects.create(centre=centre, name="Acme Garments", kind="employer")
    sections = {
        "ballots": [
            {"question": "Acme's hours?", "rows": [{"option": "ACME", "reason": "", "votes": 4}]}
        ],
        "decisions": [{"motion": "Visit acme", "text": "We asked Acme’s manager.", "votes": [3]}],
        "recommendations": [{"title": "Acme Garments must pay", "responses": 0}],
    }
    tables = [{"name": "visits.total", "rows": [{"label": "Acme", "values": [6, 5, 7]}]}]
    report = FeedbackReport.objects.create(
        scope_kind="centre", centre=centre, period_kind="month", period_start=date(2026, 3, 1),
        built_at=timezone.now(), contents={"sections": sections, "tables": tables},
    )  # fmt: skip
    programme_report = FeedbackReport.objects.create(
        scope_kind="programme", programme=programme, period_kind="month",
        period_start=date(2026, 3, 1), built_at=timezone.now(),
        contents={"sections": {"recommendations": [{"title": "Ask Acme"}]}},
    )  # fmt: skip
    migration.forwards(apps, None)
    report.refresh_from_db()
    programme_report.refresh_from_db()
    cleaned = report.contents["sections"]
    assert cleaned["ballots"][0]["question"] == f"{GONE}'s hours?"
    assert cleaned["ballots"][0]["rows"][0] == {"option": GONE, "reason": "", "votes": 4}
    assert cleaned["decisions"][0]["text"] == f"We asked {GONE}’s manager."
    assert cleaned["recommendations"][0]["title"] == f"{GONE} must pay"
    assert report.contents["tables"] == tables
    assert programme_report.contents["sections"]["recommendations"][0]["title"] == f"Ask {GONE}"
