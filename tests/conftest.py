"""The fixed cast every test uses: one centre with a person in each role, a
coordinator of its programme, and an outsider who manages a centre elsewhere."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from centres.models import Role

from .factories import (
    CentreFactory,
    CentreRoleFactory,
    ProgrammeCoordinatorFactory,
    ProgrammeFactory,
    UserFactory,
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _default_language():
    """Start every test in the site's default language.

    A request through the test client activates its visitor's language in the
    thread (LocaleMiddleware never deactivates it), so without this a test
    that calls an action directly would read its messages in whatever language
    the previous test's last request used."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="Levant programme")


@pytest.fixture
def centre(programme):
    return CentreFactory(programme=programme, name="Amman centre", code="AMM")


@pytest.fixture
def other_centre(db):
    """A centre of another programme: nobody in the cast but the outsider may see it."""
    return CentreFactory(name="Elsewhere centre", code="ELS", country="LB", time_zone="Asia/Beirut")


def _holder(centre, role, email):
    return CentreRoleFactory(centre=centre, role=role, user=UserFactory(email=email)).user


@pytest.fixture
def manager(centre):
    return _holder(centre, Role.MANAGER, "manager@example.org")


@pytest.fixture
def social_worker(centre):
    return _holder(centre, Role.SOCIAL_WORKER, "social@example.org")


@pytest.fixture
def legal(centre):
    return _holder(centre, Role.LEGAL_ADVISOR, "legal@example.org")


@pytest.fixture
def committee_member(centre):
    return _holder(centre, Role.COMMITTEE_MEMBER, "committee@example.org")


@pytest.fixture
def worker(centre):
    return _holder(centre, Role.WORKER_MEMBER, "worker@example.org")


@pytest.fixture
def coordinator(programme):
    return ProgrammeCoordinatorFactory(
        programme=programme, user=UserFactory(email="coordinator@example.org")
    ).user


@pytest.fixture
def outsider(other_centre):
    return _holder(other_centre, Role.MANAGER, "manager2@example.org")


@pytest.fixture
def cast(manager, social_worker, legal, committee_member, worker, coordinator, outsider):
    return {
        "manager": manager,
        "social_worker": social_worker,
        "legal": legal,
        "committee_member": committee_member,
        "worker": worker,
        "coordinator": coordinator,
        "outsider": outsider,
    }


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` run only against PostgreSQL (DATABASE_URL); the
    SQLite run leaves them out rather than pretending to have run them."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    deselected = [item for item in items if item.get_closest_marker("postgresql")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
