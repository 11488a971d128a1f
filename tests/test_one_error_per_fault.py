"""A mistake is said once: no field of any form carries two errors for one wrong
value (its own, and a form rule that then finds it missing), and no page shows an
error both in a form and in a banner above it.

Every form of every page each role reaches is filled with plausible values (the first
choice of a list, 1 for a number, today for a date, "x" for a text), then sent once
per field with that field wrong, and once with it empty. Every form cleaned during the
walk is checked (a form whose page redirects with its errors as banners too); every
page that comes back is checked for an error shown twice.
"""

from __future__ import annotations

import logging
from collections import Counter
from html.parser import HTMLParser

import pytest
from django import forms
from django.test import Client
from django.utils import timezone

from centres.submissions import new_key

from .test_fuzz import _patterns, _url, world  # noqa: F401 (a fixture)

WRONG = "zz"
# Fields whose validators rightly give several reasons at once (a password too short
# and too common).
SEVERAL_REASONS = {"password", "password1", "password2", "new_password1", "new_password2"}


class _Page(HTMLParser):
    """The forms of a page with a plausible value for each field, the texts of its
    error summaries and of its banners."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.summary: list[str] = []
        self.banners: list[str] = []
        self._into: list | None = None
        self._select: str | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "section" and "error-summary" in classes:
            self._depth = 1
        elif tag == "li" and self._depth:
            self._into = self.summary
            self.summary.append("")
        elif tag == "li" and "message" in classes and "error" in classes:
            self._into = self.banners
            self.banners.append("")
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self.forms.append({"method": method, "action": attrs.get("action"), "data": {}})
            return
        if not self.forms or not attrs.get("name") or attrs["name"] == "csrfmiddlewaretoken":
            return
        data, name = self.forms[-1]["data"], attrs["name"]
        if tag == "select":
            self._select = name
            data.setdefault(name, "")
        elif tag == "option" and self._select and attrs.get("value") and not data[self._select]:
            data[self._select] = attrs["value"]
        elif tag == "textarea":
            data[name] = "x"
        elif tag == "input":
            data.setdefault(name, _plausible(attrs))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "li":
            self._into = None
        elif tag == "section" and self._depth:
            self._depth = 0

    def handle_data(self, data):
        if self._into is not None:
            self._into[-1] += data


def _plausible(attrs: dict) -> str:
    kind = attrs.get("type", "text")
    if kind in ("hidden", "radio") or attrs.get("value"):
        return attrs.get("value") or "x"
    today = timezone.localdate()
    return {
        "checkbox": "on",
        "number": "1",
        "date": today.isoformat(),
        "datetime-local": f"{today.isoformat()}T00:00",
        "time": "10:00",
        "email": "someone@example.org",
        "tel": "",
        "file": "",
    }.get(kind, "x")


def _text(value: str) -> str:
    """An error's words, without the field's label that the summary puts first."""
    return " ".join(value.split()).split(": ", 1)[-1]


@pytest.fixture
def fields_said_twice(monkeypatch) -> list[str]:
    """Every form cleaned while the test runs whose field holds more than one error."""
    found: list[str] = []
    full_clean = forms.BaseForm.full_clean

    def checked(form):
        full_clean(form)
        for name, errors in (form._errors or {}).items():
            if name != "__all__" and name not in SEVERAL_REASONS and len(errors) > 1:
                found.append(f"{type(form).__name__}.{name}: {list(errors)}")

    monkeypatch.setattr(forms.BaseForm, "full_clean", checked)
    return found


def test_no_mistake_is_said_twice(world, settings, fields_said_twice):  # noqa: F811
    settings.KIOSK_WRITES_PER_MINUTE = 10_000
    settings.KIOSK_WRITES_PER_HOUR = 10_000
    logging.disable(logging.CRITICAL)
    try:
        pages = _walk(world)
    finally:
        logging.disable(logging.NOTSET)
    said_twice = sorted(set(fields_said_twice)) + pages[:40]
    assert not said_twice, "\n".join(said_twice)


def _walk(world) -> list[str]:  # noqa: F811
    ids, users = world
    problems: list[str] = []
    sent: set[tuple] = set()
    urls = [u for u in (_url(name, p, ids) for name, p in _patterns()) if u]
    urls = [u for u in urls if not u.startswith("/admin/")]

    def check(response, where):
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        page = _Page()
        page.feed(response.content.decode(errors="replace"))
        said = [" ".join(t.split()) for t in page.summary]  # "Label: error"
        twice = [text for text, count in Counter(said).items() if count > 1]
        errors = {_text(t) for t in said}
        twice += [_text(b) for b in page.banners if _text(b) in errors]
        if twice:
            problems.append(f"{where}: {twice}")

    for role, user in users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        for url in urls:
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            page = _Page()
            page.feed(response.content.decode(errors="replace"))
            for form in page.forms:
                target = form["action"] or url
                names = sorted(n for n in form["data"] if n not in ("form_key", "once"))
                key = (target, form["method"], tuple(names))
                if form["method"] != "post" or not target.startswith("/") or key in sent:
                    continue
                sent.add(key)
                for name in names:
                    for value in (WRONG, ""):
                        data = {**form["data"], name: value}
                        data.update({k: new_key() for k in ("form_key", "once") if k in data})
                        check(client.post(target, data), f"{role} {target} {name}={value!r}")
                        if user is not None and not client.session.get("_auth_user_id"):
                            client.force_login(user)
    return problems


def test_every_model_form_lets_a_fields_own_error_speak_alone():
    """Model forms derive from centres.formfields.ModelForm, whose model rules add no
    second error to a field already refused."""
    import importlib
    import pkgutil

    from centres.formfields import ModelForm

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for app in ("centres", "members", "services", "advocacy"):
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if "forms" in info.name:
                importlib.import_module(info.name)
    ours = [
        form
        for form in subclasses(forms.ModelForm)
        if form.__module__.split(".")[0] in ("centres", "members", "services", "advocacy")
    ]
    assert ours
    assert [form for form in ours if not issubclass(form, ModelForm)] == []


@pytest.mark.parametrize(
    ("make", "data", "field"),
    [
        ("remedy", {"kind": "wages", "amount": "5", "currency": "zz"}, "currency"),
        ("service", {"fee": "5", "fee_currency": "zz"}, "fee_currency"),
        ("fee", {"status": "waived", "reason": "x" * 201}, "reason"),
    ],
)
def test_a_rule_needing_a_field_is_silent_when_the_field_said_why(db, centre, make, data, field):
    """The walk's plausible values do not reach these: an amount's currency, a fee's
    currency and a waiver's reason, each refused by its own field first."""
    from advocacy.forms import RemedyForm
    from services.forms_catalogue import ServiceForm
    from services.forms_sessions import FeeForm

    form = {
        "remedy": lambda: RemedyForm(data),
        "service": lambda: ServiceForm(data, centre=centre),
        "fee": lambda: FeeForm(data),
    }[make]()
    assert not form.is_valid()
    assert len(form.errors[field]) == 1, form.errors[field]
