"""Browser tests drive Debian's Chromium (never a downloaded browser) on a phone-sized screen."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from centres.models import Role
from centres.tokens import hash_token

from ..factories import (
    CentreRoleFactory,
    CommentFactory,
    InvitationFactory,
    MemberFactory,
    SurveyFactory,
    UserFactory,
)
from .governance_world import governance_world

KIOSK_CODE = "AXYKIOSKCODEABCDEFGHJKLM"  # the kiosk's pairing code: the tablet pairs with it
INVITATION_TOKEN = "a11y-invitation-token"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 360, "height": 740}}


@pytest.fixture(autouse=True)
def built_in_categories(transactional_db):
    """Browser tests empty the database between tests, data migrations included:
    put the shared service categories back."""
    from centres.categories import BUILT_IN, ServiceCategory

    for position, (code, (kind, _name)) in enumerate(BUILT_IN.items()):
        ServiceCategory.objects.get_or_create(
            code=code, centre=None, defaults={"kind": kind, "position": position}
        )


@pytest.fixture(scope="session")
def page_weights(pytestconfig):
    """Transferred bytes of each page measured by a browser test, printed at the end."""
    weights = pytestconfig.stash.setdefault(PAGE_WEIGHTS, {})
    return weights


PAGE_WEIGHTS = pytest.StashKey[dict]()


def pytest_terminal_summary(terminalreporter, config):
    weights = config.stash.get(PAGE_WEIGHTS, {})
    if weights:
        terminalreporter.section("page weights (bytes on the wire, first load)")
        for name, (weight, requests) in sorted(weights.items()):
            terminalreporter.write_line(f"{weight:>8}  {requests} requests  {name}")


@pytest.fixture
def a11y_world(centre, cast):
    """A small centre with one of everything the pages show."""
    from advocacy.actions import grievance_open
    from centres.categories import ServiceCategory
    from members.actions import kiosk_create, visit_log
    from members.models import Kiosk
    from services import actions as service_actions
    from services.models import ReferralPartner, Service

    manager, social = cast["manager"], cast["social_worker"]
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    member = MemberFactory(centre=centre, preferred_name="سيتا Sita", phone="+962791234567")
    worker_member = MemberFactory(centre=centre, preferred_name="Kamala")
    worker_member.account = cast["worker"]
    worker_member.save(update_fields=["account"])
    categories = {c.code: c for c in ServiceCategory.objects.filter(centre=None)}
    for _ in range(2):
        visit_log(centre=centre, by=social, member=member, purposes=[categories["language"]])
    partner = ReferralPartner.objects.create(centre=centre, name="Legal aid clinic", kind="lawyer")
    service = service_actions.service_save(
        service=Service(centre=centre, category=categories["language"], name="Arabic", capacity=8),
        by=manager,
    )
    childcare = service_actions.service_save(
        service=Service(
            centre=centre,
            category=categories["unpaid_work"],
            name="Childcare",
            capacity=8,
            is_childcare=True,
        ),
        by=manager,
    )
    service_actions.slot_add(service=service, weekday=4, starts=time(11), minutes=90, by=manager)
    tomorrow = timezone.now() + timedelta(days=1)
    session = service_actions.session_add(
        service=service, starts_at=tomorrow, minutes=90, by=manager
    )
    service_actions.booking_create(session=session, member=member, by=social)
    childcare_session = service_actions.session_add(
        service=childcare, starts_at=tomorrow, minutes=120, by=manager
    )
    service_actions.booking_create(session=childcare_session, member=member, by=social)
    service_actions.child_add(member=member, name="Nima", collectors="Sita\nRam", by=social)
    service_actions.request_create(
        centre=centre, wish="An English class in the evening.", by=social
    )
    case = grievance_open(
        centre=centre,
        by=social,
        member=worker_member,
        narrative="My employer has not paid me for three months.",
        issue_types=["wages_withheld"],
        assignees=[social, cast["legal"]],
        consent_given=True,
    )
    kiosk_create(centre=centre, label="Entrance tablet", by=manager)
    Kiosk.objects.filter(centre=centre).update(token_hash=hash_token(KIOSK_CODE))
    InvitationFactory(centre=centre, token_hash=hash_token(INVITATION_TOKEN))
    CentreRoleFactory(centre=centre, role=Role.SOCIAL_WORKER, user=UserFactory())
    survey = SurveyFactory(centre=centre)
    comment = CommentFactory(centre=centre)
    governance = governance_world(centre, cast, member)
    tablet_cookies = _tablet(worker_member, governance["booth_code"])
    return {
        **governance,
        **cast,
        "administrator": admin,
        "centre": centre,
        "member": member,
        "service": service,
        "session": session,
        "childcare_session": childcare_session,
        "partner": partner,
        "case": case,
        "survey": survey,
        "question": survey.questions.order_by("position").first(),
        "comment": comment,
        "tablet_cookies": tablet_cookies,
        "invitation_token": INVITATION_TOKEN,
    }


def _tablet(member, booth_code: str) -> dict[str, str]:
    """The anonymous tablet: paired as the kiosk and as the booth, it checks a member in
    (their first visit today), so its session holds the ticket that opens the kiosk
    survey. Returns its cookies (session, kiosk, booth) by name."""
    from django.test import Client
    from django.urls import reverse

    from ..devices import pair

    tablet = Client()
    pair(tablet, KIOSK_CODE, "kiosk")
    pair(tablet, booth_code, "booth")
    assert tablet.post(reverse("kiosk_checkin"), {"code": member.card_token}).status_code == 302
    return {name: morsel.value for name, morsel in tablet.cookies.items() if morsel.value}
