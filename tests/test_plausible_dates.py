"""Implausible dates are refused with a clear message, wherever a person types or
sends one: one bound (centres.dates), on every date field of every form and filter."""

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse

from centres.dates import DateField, DateTimeField, SearchDateField
from members.models import Visit
from services.models import Session

from .factories import MemberFactory, ServiceFactory

APPS = ["centres", "members", "services", "advocacy"]
REFUSED = "Enter a date between"


def _all_form_classes() -> list[type]:
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and ".management" not in module.name:
                importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [
        cls
        for cls in set(subclasses(forms.BaseForm))
        if cls.__module__.split(".")[0] in APPS and hasattr(cls, "base_fields")
    ]


def test_every_form_date_field_has_a_plausible_bound():
    unbounded = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _all_form_classes()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
        and not isinstance(field, DateField | DateTimeField)
    ]
    assert not unbounded


def test_no_module_builds_an_unbounded_date_field():
    """Fields added in a form's __init__ are not in base_fields: read the sources."""
    pattern = re.compile(r"\b(forms\.Date(Time)?Field|django_filters\.Date\w*Filter)\(")
    root = Path(__file__).resolve().parent.parent
    found = [
        str(path.relative_to(root))
        for app in APPS
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts
        and path.name != "dates.py"
        and pattern.search(path.read_text())
    ]
    assert not found


@pytest.mark.parametrize(
    "arrived", ["0001-01-01T10:00", "9999-12-31T23:00", "1899-12-31T10:00", "2999-01-01T10:00"]
)
def test_a_visit_far_in_the_past_or_future_is_refused(client, social_worker, centre, arrived):
    member = MemberFactory(centre=centre)
    client.force_login(social_worker)
    response = client.post(
        reverse("visit_new", args=[centre.pk]), {"member": member.code, "arrived_at": arrived}
    )
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert not Visit.objects.exists()
    # The same visit today is logged: the refusal came from the date.
    client.post(reverse("visit_new", args=[centre.pk]), {"member": member.code})
    assert Visit.objects.count() == 1


def test_a_session_at_the_end_of_time_is_refused(client, manager, centre):
    service = ServiceFactory(centre=centre)
    client.force_login(manager)
    url = reverse("session_add", args=[centre.pk, service.pk])
    response = client.post(url, {"starts_at": "9999-12-31T23:00", "minutes": 60})
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert not Session.objects.exists()


def test_a_year_past_9999_is_malformed_not_a_crash():
    field = SearchDateField()
    with pytest.raises(forms.ValidationError):
        field.clean("10000-01-01")
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("9999-12-31")
    assert REFUSED in refused.value.messages[0]


@pytest.mark.parametrize("query", [{"until": "9999-12-31"}, {"since": "0001-01-01"}])
def test_visit_filters_and_exports_refuse_far_dates(client, manager, centre, query):
    client.force_login(manager)
    page = client.get(reverse("visit_list", args=[centre.pk]), query)
    assert page.status_code == 200 and REFUSED in page.content.decode()
    export = client.get(reverse("visit_export", args=[centre.pk, "csv"]), query)
    assert export.status_code == 302  # back to the list with "Check the filters"


def test_case_figures_ignore_a_far_until(client, manager, centre):
    client.force_login(manager)
    response = client.get(reverse("case_figures", args=[centre.pk]), {"until": "9999-12-31"})
    assert response.status_code == 200


def test_a_nul_byte_in_an_e_mail_is_refused_not_a_crash(client, manager, centre):
    member = MemberFactory(centre=centre)
    client.force_login(manager)
    url = reverse("member_link_account", args=[centre.pk, member.pk])
    response = client.post(url, {"email": "worker\x00@example.org"}, follow=True)
    assert response.status_code == 200 and "valid email" in response.content.decode()
    member.refresh_from_db()
    assert member.account is None
