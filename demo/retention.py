"""Demo data past its retention period, and a first run of the nightly retention task,
so the manager's retention page shows counts from the start.

The demo's centres opened 120 days before loading, and nothing of theirs is dated
earlier: the figures begin on a centre's first record (`advocacy.statistics.
beginnings`), so a record from years back would offer years of empty periods. The demo
programme therefore keeps its feedback comments and the texts of service requests for
3 months (the product's default is 12, for a yearly planning cycle), and the examples
are dated 100 days back, inside the centre's life and past those periods; a kiosk
token issued then is past the default 90 days.

Inactive members (6 months at the shortest) and closed cases (1 year at the shortest)
cannot be past their period inside 120 days, so the demo has no example of them.
"""

from datetime import timedelta

from django.utils import timezone

from advocacy.models import Comment
from centres import local_time
from centres.models import RetentionPolicy, RetentionRun
from centres.tasks import apply_retention
from members.actions import kiosk_create
from members.models import Kiosk
from services.actions import request_create
from services.models import ServiceRequest

# The demo programme's periods: the product's, but 3 months for the words of comments
# and requests. Every other demo comment and request is younger than that.
DEMO_POLICY = {"feedback_comment_months": 3, "request_text_months": 3, "device_token_days": 90}
# How long before loading the examples were recorded: after the centre opened (120
# days back) and before the 3 months (at most 92 days) and 90 days above.
EXAMPLES_DAYS_AGO = 100


def has_retention_history() -> bool:
    return RetentionRun.objects.exists()


def load_retention_history(centre, *, manager, social) -> None:
    RetentionPolicy.objects.get_or_create(programme=centre.programme, defaults=DEMO_POLICY)
    then = timezone.now() - timedelta(days=EXAMPLES_DAYS_AGO)
    for text in ("The bus to the centre is too expensive.", "Please open on Sunday mornings."):
        Comment.objects.create(
            centre=centre,
            channel="paper",
            text=text,
            submitted_on=local_time.today(centre, then),
        )
    wish = request_create(centre=centre, wish="Evening English classes", by=social)
    ServiceRequest.objects.filter(pk=wish.pk).update(created_at=then)
    kiosk, _token = kiosk_create(centre=centre, label="Old entrance tablet", by=manager)
    Kiosk.objects.filter(pk=kiosk.pk).update(created_at=then)


def run_retention() -> dict:
    """The nightly task, run once now (beat runs it every night at 03:47)."""
    return apply_retention.apply().get()
