"""Search finds people however their digits and letters were typed (issue: Arabic users)."""

import pytest
from django.urls import reverse

from members.models import Member

from ..factories import MemberFactory

SCRIPTS = {
    "Arabic-Indic": "٠٧٩٥٥٥٠١٠١",
    "Eastern Arabic (Persian)": "۰۷۹۵۵۵۰۱۰۱",
    "Devanagari": "०७९५५५०१०१",
    "Bengali": "০৭৯৫৫৫০১০১",
}


def _found(client, centre, query) -> bool:
    page = client.post(reverse("member_list", args=[centre.pk]), {"q": query})
    return "Amina Rahman" in page.content.decode()


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_phone_stored_in_ascii_is_found_by_digits_of_another_script(
    client, social_worker, centre, script
):
    MemberFactory(centre=centre, preferred_name="Amina Rahman", phone="+962 79 555 0101")
    client.force_login(social_worker)
    assert _found(client, centre, SCRIPTS[script])


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_phone_typed_in_another_script_is_found_by_its_ascii_digits(
    client, social_worker, centre, script
):
    MemberFactory(centre=centre, preferred_name="Amina Rahman", phone=SCRIPTS[script])
    client.force_login(social_worker)
    assert _found(client, centre, "+962 795550101")
    assert _found(client, centre, "0795550101")


def test_a_code_typed_with_arabic_indic_digits_is_found(social_worker, centre):
    member = MemberFactory(centre=centre, preferred_name="Amina Rahman")
    typed = member.code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert list(Member.objects.for_centre(centre).search(typed)) == [member]


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("أمينة رحمن", "امينه"),  # hamza and ta marbuta as people type them
        ("مُنى", "منى"),  # vowel marks
        ("Amina RAHMAN", "amina rahman"),
        ("सीता तामाङ", "सीता"),
        ("সীমা বেগম", "বেগম"),
    ],
)
def test_a_name_is_found_the_way_people_type_it(centre, stored, typed):
    member = MemberFactory(centre=centre, preferred_name=stored)
    assert list(Member.objects.for_centre(centre).search(typed)) == [member]


def test_an_erased_member_is_not_found_by_the_erasure_mark(centre):
    from members.actions import ERASED_NAME, member_erase

    member = MemberFactory(centre=centre, preferred_name="Amina")
    member_erase(member=member, by=None)
    assert not Member.objects.search(ERASED_NAME).exists()
