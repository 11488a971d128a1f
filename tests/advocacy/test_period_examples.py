"""A period key given as an example ("2026-W05") is isolated left to right wherever a
sentence shows one: in Arabic a bare "2026-W05" reads "W05-2026", and typing what is
shown is refused. A programme's examples name no week, since it takes none."""

import re

import pytest
from django.urls import reverse

from advocacy.statistics.periods import OUTWARD_KINDS, Period, PeriodKind, PeriodRefused

KEYS = re.compile(r"[0-9]{4}-(?:W[0-9]{2}|Q[0-9]|[0-9]{2})")
ISOLATED = '<bdi dir="ltr" class="code">{}</bdi>'


def bare_keys(html: str) -> list[str]:
    """Keys in `html` that are not the whole of a left-to-right isolate."""
    return [
        m.group()
        for m in KEYS.finditer(html)
        if not html[: m.start()].endswith('<bdi dir="ltr" class="code">')
        or not html[m.end() :].startswith("</bdi>")
    ]


def messages_html(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def errors_html(response) -> str:
    return " ".join(str(e) for e in response.context["form"].errors["period"])


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_key_of_no_shape_is_refused_with_isolated_examples(language):
    from django.utils import translation

    with translation.override(language), pytest.raises(PeriodRefused) as refusal:
        Period.parse("junk")
    text = str(refusal.value)
    assert ISOLATED.format("2026-W05") in text and ISOLATED.format("2026-Q1") in text
    assert not bare_keys(text)


def test_examples_for_kinds_without_weeks_name_no_week():
    with pytest.raises(PeriodRefused) as refusal:
        Period.parse("junk", kinds=[k for k in OUTWARD_KINDS if k is not PeriodKind.WEEK])
    assert "W05" not in str(refusal.value) and "week" not in str(refusal.value)
    assert ISOLATED.format("2026-03") in str(refusal.value)


def test_a_sentence_is_escaped_around_its_keys():
    from advocacy.statistics.periods import isolated_keys

    assert (
        isolated_keys("<b>2026-Q1</b>") == "&lt;b&gt;" + ISOLATED.format("2026-Q1") + "&lt;/b&gt;"
    )


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_programme_figures_refuse_junk_with_its_own_examples(
    client, coordinator, programme, language
):
    client.force_login(coordinator)
    client.cookies["django_language"] = language
    url = reverse("programme_figures", args=[programme.pk])
    response = client.get(url, {"period": "junk"})
    assert response.status_code == 200
    html = response.content.decode()
    (shown,) = [m for m in response.context["messages"] if m.level_tag == "error"]
    assert ISOLATED.format("2026-Q1") in str(shown) and ISOLATED.format("2026-Q1") in html
    assert "W05" not in str(shown)
    assert not bare_keys(str(shown))


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_centre_build_form_refuses_junk_with_isolated_examples(
    client, manager, centre, language
):
    client.force_login(manager)
    client.cookies["django_language"] = language
    url = reverse("report_build", args=[centre.pk])
    response = client.post(url, {"period": "junk"})
    assert response.status_code == 400  # the form again, the reason beside the field
    assert ISOLATED.format("2026-W05") in response.content.decode()
    assert not bare_keys(errors_html(response))


def test_the_programme_build_form_refuses_junk_without_a_week(client, coordinator, programme):
    client.force_login(coordinator)
    url = reverse("programme_report_build", args=[programme.pk])
    response = client.post(url, {"period": "junk"})
    assert response.status_code == 400
    assert "W05" not in errors_html(response)
    assert ISOLATED.format("2026-03") in response.content.decode()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_build_hints_isolate_their_examples(
    client, manager, coordinator, centre, programme, language
):
    client.cookies["django_language"] = language
    client.force_login(manager)
    centre_page = client.get(reverse("report_list", args=[centre.pk])).content.decode()
    hint = re.search(r'<p class="help">(.*?)</p>', centre_page, re.S).group(1)
    assert ISOLATED.format("2026-W05") in hint and not bare_keys(hint)
    client.force_login(coordinator)
    page = client.get(reverse("programme_reports", args=[programme.pk])).content.decode()
    hint = re.search(r'<p class="help">(.*?)</p>', page, re.S).group(1)
    assert ISOLATED.format("2026-Q1") in hint and not bare_keys(hint) and "W05" not in hint
