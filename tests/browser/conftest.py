"""Browser tests drive Debian's Chromium (never a downloaded browser) on a phone-sized screen."""

import pytest

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
