"""Hostile input never reaches a server error.

Every URL pattern of the project is requested as each role of the cast (and signed
out): plainly, then, where the page holds a form or takes query parameters, with
hostile values in every field it names and in the query parameters the pages read
(NUL bytes, far dates, huge and negative numbers, unicode controls, over-long text,
lists where one value is expected, nothing at all). Any 500 fails the test, listing
each URL, role and payload. The payloads are fixed and few, so the walk stays fast
enough for CI on both databases.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from centres.models import Role
from centres.tokens import hash_token

from .devices import pair
from .factories import (
    CentreRoleFactory,
    CommentFactory,
    CommitteeFactory,
    InvitationFactory,
    MemberFactory,
    SurveyFactory,
    UserFactory,
    open_ballot,
)

KIOSK_CODE = "FUZZKIOSKCODEABCDEFGHJKL"  # the kiosk's pairing code: the signed-out walker pairs
INVITATION_TOKEN = "fuzz-invitation-token"

HOSTILE = [
    "\x00",
    "a\x00b@example.org",
    "0001-01-01",
    "9999-12-31",
    "9999-12-31T23:00",
    "99999999999999999999999999",
    "-1",
    "1e308",
    "\u202e\U0001f4a5ٱ𝕏",
    "x" * 3_000,
]
# Names the pages read from their address, beyond the fields of their forms.
QUERY_NAMES = [
    "page", "q", "week", "since", "until", "period", "member", "checked", "uncoded",
    "poster", "example", "status", "kind", "purpose", "category", "next", "o", "p",
]  # fmt: skip


class _Forms(HTMLParser):
    """The forms of a page: method, action and the names of their fields."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action")}
                | {"names": set()}
            )
        elif tag in ("input", "select", "textarea") and self.forms and attrs.get("name"):
            if attrs["name"] != "csrfmiddlewaretoken":
                self.forms[-1]["names"].add(attrs["name"])


def _patterns(resolvers=None, namespace=""):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{entry.namespace}:" if entry.namespace else ""
            yield from _patterns(entry.url_patterns, namespace + inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name, entry


@pytest.fixture
def world(centre, cast):
    from advocacy.actions import grievance_open
    from centres.categories import ServiceCategory
    from members.actions import kiosk_create, visit_log
    from members.models import Kiosk
    from services import actions as service_actions
    from services.models import ReferralPartner, Service

    manager, social = cast["manager"], cast["social_worker"]
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    member = MemberFactory(centre=centre, preferred_name="Sita", phone="+962791234567")
    worker_member = MemberFactory(centre=centre, preferred_name="Kamala")
    worker_member.account = cast["worker"]
    worker_member.save(update_fields=["account"])
    categories = {c.code: c for c in ServiceCategory.objects.filter(centre=None)}
    visit_log(centre=centre, by=social, member=member, purposes=[categories["language"]])
    partner = ReferralPartner.objects.create(centre=centre, name="Legal aid", kind="lawyer")
    service = service_actions.service_save(
        service=Service(centre=centre, category=categories["language"], name="Arabic", capacity=8),
        by=manager,
    )
    session = service_actions.session_add(
        service=service, starts_at=timezone.now() + timedelta(days=1), minutes=90, by=manager
    )
    booking = service_actions.booking_create(session=session, member=member, by=social)
    wish = service_actions.request_create(centre=centre, wish="Evening English", by=social)
    case = grievance_open(
        centre=centre,
        by=social,
        member=worker_member,
        narrative="Not paid for three months.",
        issue_types=["wages_withheld"],
        assignees=[social, cast["legal"]],
        consent_given=True,
    )
    kiosk, _token = kiosk_create(centre=centre, label="Door", by=manager)
    Kiosk.objects.filter(pk=kiosk.pk).update(token_hash=hash_token(KIOSK_CODE))
    invitation = InvitationFactory(centre=centre, token_hash=hash_token(INVITATION_TOKEN))
    extra = CentreRoleFactory(centre=centre, role=Role.SOCIAL_WORKER, user=UserFactory())
    survey = SurveyFactory(centre=centre)
    comment = CommentFactory(centre=centre)
    committee = CommitteeFactory(centre=centre)
    ballot = open_ballot(committee)
    ids = {
        "centre_id": centre.pk,
        "programme_id": centre.programme_id,
        "member_id": member.pk,
        "role_id": extra.pk,
        "invitation_id": invitation.pk,
        "kiosk_id": kiosk.pk,
        "purpose": "services",
        "fmt": "csv",
        "service_id": service.pk,
        "partner_id": partner.pk,
        "session_id": session.pk,
        "booking_id": booking.pk,
        "request_id": wish.pk,
        "case_id": case.pk,
        "survey_id": survey.pk,
        "question_id": survey.questions.first().pk,
        "comment_id": comment.pk,
        "committee_id": committee.pk,
        "ballot_id": ballot.pk,
        "option_id": ballot.options.first().pk,
        "object_id": member.pk,
        "id": admin.pk,
    }
    users = {**cast, "administrator": admin, "signed out": None}
    return ids, users


def _url(name: str, pattern: URLPattern, ids: dict) -> str | None:
    if name.startswith("admin:") and not (name.endswith("_changelist") or name == "admin:index"):
        return None  # the admin's own add/change pages: its lists and search are enough
    names = list(pattern.pattern.converters) or list(pattern.pattern.regex.groupindex)
    values = {n: ids.get(n, 1) for n in names}
    if "token" in names:
        values["token"] = INVITATION_TOKEN
    try:
        return reverse(name, kwargs=values)
    except Exception:  # a pattern whose arguments this walk cannot fill (admin regexes)
        return None


def _payloads(names: list[str]) -> list[dict]:
    """Hostile values rotated over the fields, so every value reaches at least one
    field of every form and a one-field form gets each; then lists for single
    values, and nothing at all."""
    count = max(3, -(-len(HOSTILE) // max(len(names), 1)))
    payloads = [
        {name: HOSTILE[(shift * len(names) + i) % len(HOSTILE)] for i, name in enumerate(names)}
        for shift in range(count)
    ]
    payloads.append({name: ["1", "\x00", "9999-12-31"] for name in names})
    payloads.append({})
    return payloads


def test_hostile_input_never_reaches_a_server_error(world, settings):
    logging.disable(logging.CRITICAL)  # refusals log tracebacks: thousands of them
    try:
        _walk(world, settings)
    finally:
        logging.disable(logging.NOTSET)


def _walk(world, settings):
    settings.KIOSK_WRITES_PER_MINUTE = 10_000
    settings.KIOSK_WRITES_PER_HOUR = 10_000
    ids, users = world
    failures: list[str] = []
    fuzzed: set[tuple] = set()  # a form seen by an earlier role is not fuzzed again
    urls = [u for u in (_url(name, p, ids) for name, p in _patterns()) if u]

    def check(response, role, method, url, data):
        if response.status_code >= 500:
            shown = {k: (v[:20] + "…" if isinstance(v, str) and len(v) > 20 else v)
                     for k, v in (data or {}).items()}  # fmt: skip
            error = response.exc_info[1] if response.exc_info else response.status_code
            failures.append(f"{role} {method} {url} {shown!r}: {error!r}")

    # Signed out first: that walker is the kiosk, paired before a manager's walk posts
    # to the kiosk's "switch off".
    for role, user in sorted(users.items(), key=lambda item: item[1] is not None):
        client = Client(raise_request_exception=False)

        def sign_in_again(response, client=client, user=user):
            # A hostile post may end the session (a password form, a logout): sign in
            # again only then, to keep the walk fast.
            if user is not None and not response.wsgi_request.user.is_authenticated:
                client.force_login(user)

        if user is not None:
            client.force_login(user)
        else:  # signed out, at the kiosk: its pages are walked too
            pair(client, KIOSK_CODE)
        for url in urls:
            page = client.get(url)
            sign_in_again(page)
            check(page, role, "GET", url, None)
            if page.status_code in (302, 403, 404):
                continue  # refused before any input is read: the same for any input
            hostile_query = {name: HOSTILE[i % len(HOSTILE)] for i, name in enumerate(QUERY_NAMES)}
            check(client.get(url, hostile_query), role, "GET", url, hostile_query)
            forms = []
            if page.status_code == 200 and "html" in page.get("Content-Type", ""):
                parser = _Forms()
                parser.feed(page.content.decode(errors="replace"))
                forms = [f for f in parser.forms if f["names"]]
            if not forms:
                check(client.post(url, {"x": "\x00"}), role, "POST", url, {"x": "\x00"})
                continue
            for form in forms:
                target = form["action"] or url
                key = (target, form["method"], frozenset(form["names"]))
                if not target.startswith("/") or target.startswith("/admin/") or key in fuzzed:
                    continue
                fuzzed.add(key)
                for data in _payloads(sorted(form["names"])):
                    send = client.post if form["method"] == "post" else client.get
                    response = send(target, data)
                    check(response, role, form["method"].upper(), target, data)
                    sign_in_again(response)
    assert not failures, "\n".join(failures[:60]) + f"\n({len(failures)} in all)"
