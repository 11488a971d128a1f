"""Mixed-direction text is isolated: phones, codes and e-mails read left to right in
Arabic pages, names and free text in their own direction."""

from django.template import engines
from django.urls import reverse

from ..factories import MemberFactory, fill_seats


def _render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_the_filters_isolate_and_escape():
    assert _render("{{ v|ltr }}", v="+962 79 555 0101") == (
        '<bdi dir="ltr" class="code">+962 79 555 0101</bdi>'
    )
    isolated = '<bdi dir="ltr">&lt;b&gt;Sita&lt;/b&gt;</bdi>'
    assert _render("{{ v|isolate }}", v="<b>Sita</b>") == isolated
    assert _render("{{ v|isolate }}", v="سيتا") == '<bdi dir="rtl">سيتا</bdi>'
    # No letter at all: left to right and, like a code, never broken at its dash.
    assert (
        _render("{{ v|isolate }}", v="00:00–01:00")
        == '<bdi dir="ltr" class="code">00:00–01:00</bdi>'
    )
    assert _render('{{ v|ltr|default:"—" }}', v="") == "—"


def test_a_date_is_isolated_in_its_months_direction_and_kept_whole(settings):
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone, translation

    assert _render('{{ v|when:"j M Y" }}', v=date(2026, 11, 16)) == (
        '<bdi dir="ltr" class="when">16 Nov 2026</bdi>'
    )
    with translation.override("ar"):
        assert _render('{{ v|when:"j F Y" }}', v=date(2026, 11, 16)) == (
            '<bdi dir="rtl" class="when">16 نوفمبر 2026</bdi>'
        )
    # Formatted in the time zone of the page, as the date filter formats it.
    instant = datetime(2026, 11, 30, 21, 30, tzinfo=ZoneInfo("UTC"))
    with timezone.override(ZoneInfo("Asia/Amman")):
        assert _render('{{ v|when:"j M Y H:i" }}', v=instant) == (
            '<bdi dir="ltr" class="when">1 Dec 2026 00:30</bdi>'
        )
    assert _render('{{ v|when:"j M Y" }}', v=None) == ""


def test_governance_pages_show_dates_only_isolated():
    """Every date on the committee's pages goes through |when, never a bare |date."""
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "templates" / "members" / "governance"
    bare = [p.name for p in folder.glob("*.html") if "|date" in p.read_text()]
    assert bare == []


def test_a_meetings_date_and_an_english_motion_are_isolated_in_arabic(
    client, committee_member, centre
):
    from datetime import date

    from members.actions import committee_create, decision_record, meeting_record

    committee = committee_create(
        centre=centre, by=None, name="لجنة العمال", seats=[("chair", ""), ("member", "")]
    )
    fill_seats(committee)
    meeting = meeting_record(
        committee=committee,
        by=None,
        held_on=date(2026, 11, 16),
        seats_present=list(committee.seats.all()),
        minutes="",
    )
    decision_record(
        meeting=meeting,
        by=None,
        motion="Open the crèche from 10:00 instead of 12:00.",
        votes_for=2,
        votes_against=0,
        abstentions=0,
        text="",
        review_on=date(2027, 1, 29),
    )
    client.force_login(committee_member)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("meeting_detail", args=[centre.pk, meeting.pk])).content.decode()
    assert '<bdi dir="rtl" class="when">16 نوفمبر 2026</bdi>' in page
    assert '<bdi dir="rtl" class="when">29 يناير 2027</bdi>' in page
    assert '<bdi dir="ltr">Open the crèche from 10:00 instead of 12:00.</bdi>' in page


def test_a_members_phone_code_and_name_are_isolated_in_arabic(client, social_worker, centre):
    member = MemberFactory(centre=centre, preferred_name="Sita T.", phone="+962 79 555 0101")
    client.force_login(social_worker)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("member_detail", args=[centre.pk, member.pk])).content.decode()
    assert 'dir="rtl"' in page
    # Stored in E.164, shown grouped the way libphonenumber groups Jordanian mobiles.
    assert '<bdi dir="ltr" class="code">+962 7 9555 0101</bdi>' in page
    assert f'<bdi dir="ltr" class="code">{member.code}</bdi>' in page
    assert '<bdi dir="ltr">Sita T.</bdi>' in page
    listing = client.get(reverse("member_list", args=[centre.pk])).content.decode()
    assert '<bdi dir="ltr">Sita T.</bdi>' in listing
    assert f'<bdi dir="ltr" class="code">{member.code}</bdi>' in listing


def test_staff_e_mails_read_left_to_right(client, manager, centre):
    client.force_login(manager)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("staff_list", args=[centre.pk])).content.decode()
    assert f'<bdi dir="ltr" class="code">{manager.email}</bdi>' in page


def test_a_latin_centre_name_is_isolated_inside_an_arabic_sentence(client, worker, centre):
    client.force_login(worker)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("centre_detail", args=[centre.pk])).content.decode()
    assert '<h1><bdi dir="ltr">Amman centre</bdi></h1>' in page


def test_names_and_dates_inside_translated_sentences_are_isolated():
    """A name (`….name`, a title, a label) or a date put into a translated sentence of
    a page goes through |isolate, |ltr or |when: an English centre name in an Arabic
    heading, or an Arabic month beside Latin figures, otherwise reorders the sentence.
    Attributes (aria-label, alt, title) and SVG descriptions hold no markup and are
    left out."""
    import re
    from pathlib import Path

    from django.conf import settings

    tag = re.compile(r"{%\s*blocktranslate\s+with\s+(.*?)%}")
    value = re.compile(r"(\w+)=(\S+)")
    attribute = re.compile(r'(aria-label|alt|title|placeholder|content)="[^"]*$')
    bare = []
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        if path.name.endswith(".svg.html") or "email" in path.parts:
            continue
        text = path.read_text()
        for match in tag.finditer(text):
            if attribute.search(text[: match.start()].rsplit("\n", 1)[-1]):
                continue
            message = text[match.end() : text.find("endblocktranslate", match.end())]
            for name, expression in value.findall(match.group(1)):
                if f"<bdi>{{{{ {name} }}}}</bdi>" in message:
                    continue  # isolated by the message itself
                named = re.search(r"(\.name|^title|^label)$", expression.split("|")[0])
                dated = "|date:" in expression
                if (named or dated) and not re.search(r"\|(isolate|ltr|when)\b", expression):
                    bare.append(f"{path.name}: {name}={expression}")
    assert bare == []


def test_a_latin_centre_name_is_isolated_in_an_arabic_heading(client, manager, centre):
    client.force_login(manager)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("dashboard", args=[centre.pk])).content.decode()
    assert '<bdi dir="ltr">Amman centre</bdi>' in page.split("</h1>")[0]
