"""Grievance cases: confidential intake to remedy, and the models of the advocacy
app's other parts, registered here.

- `cases`: cases, their issue types, notes and the employers they name;
- `case_records`: a case's timeline, referrals and remedies.
"""

from .case_records import CaseEvent, EventKind, Referral, ReferralStatus, Remedy, RemedyKind
from .cases import (
    NARRATIVE_MAX,
    NOTE_MAX,
    OPEN_STATUSES,
    CaseNote,
    Employer,
    EmployerKind,
    EmployerQuerySet,
    Grievance,
    GrievanceIssue,
    GrievanceQuerySet,
    IssueType,
    Outcome,
    Risk,
    Status,
    case_reference,
)

# isort: split
# The other parts' models, registered with the app after the cases'.
from ..feedback.models import (
    Answer,
    Comment,
    KioskTicketUse,
    Question,
    Response,
    Survey,
    Theme,
)
from ..recommendations.models import (
    EvidenceItem,
    EvidenceSnapshot,
    Recommendation,
    RecommendationResponse,
)
from ..reports.models import FeedbackReport
from ..statistics.models import Release, SegmentSnapshot

__all__ = [
    "NARRATIVE_MAX",
    "NOTE_MAX",
    "OPEN_STATUSES",
    "Answer",
    "CaseEvent",
    "CaseNote",
    "Comment",
    "Employer",
    "EmployerKind",
    "EmployerQuerySet",
    "EventKind",
    "EvidenceItem",
    "EvidenceSnapshot",
    "FeedbackReport",
    "Grievance",
    "GrievanceIssue",
    "GrievanceQuerySet",
    "IssueType",
    "KioskTicketUse",
    "Outcome",
    "Question",
    "Recommendation",
    "RecommendationResponse",
    "Referral",
    "ReferralStatus",
    "Release",
    "SegmentSnapshot",
    "Remedy",
    "RemedyKind",
    "Response",
    "Risk",
    "Status",
    "Survey",
    "Theme",
    "case_reference",
]
