"""The audit trail's settings, imported by `base`: every audited model, in one place."""

AUDITLOG_LOGENTRY_MODEL = "centres.AuditEntry"
AUDITLOG_DISABLE_REMOTE_ADDR = True  # an address can identify a worker's phone
# Every audited model, in one place. The trail outlives erasure: whatever is listed,
# the entry writer (centres.audit_entries.AuditEntryManager) names records by type and id,
# replaces free text by "[redacted]" and drops encrypted fields; lists of fields keep
# coded sensitive attributes (nationality, gender...) out as well.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    # Accounts, roles and second factors: the admin can change them all.
    {
        "model": "centres.User",
        "include_fields": ["email", "name", "password", "is_active", "is_staff", "is_superuser"],
    },
    {"model": "account.EmailAddress", "include_fields": ["user", "email", "verified", "primary"]},
    {"model": "mfa.Authenticator", "include_fields": ["user", "type"]},
    "centres.Programme",
    "centres.Centre",
    "centres.FundingSource",
    "centres.CentreRole",
    "centres.ProgrammeCoordinator",
    "centres.ServiceCategory",
    {"model": "centres.Invitation", "exclude_fields": ["token_hash"]},
    "django_celery_beat.PeriodicTask",
    "django_celery_beat.CrontabSchedule",
    "django_celery_beat.IntervalSchedule",
    {
        "model": "members.Member",
        # The account a member is linked to (the trail keeps that it changed, never whose).
        "include_fields": [
            "safe_to_contact",
            "never_contact_via_employer",
            "erased_at",
            "account",
        ],
    },
    {"model": "members.Consent", "include_fields": ["purpose", "version", "withdrawn_at"]},
    {
        "model": "members.Visit",
        "include_fields": ["member", "people", "arrived_at", "left_at", "channel"],
    },
    {"model": "members.Kiosk", "include_fields": ["paired_at", "revoked_at"]},
    # Self-governance: every administrative change. Never Participation, Vote, Receipt,
    # RollEntry or BoothPass: a trail row's time and actor would link a voter to a vote.
    "members.Committee",
    "members.Seat",
    "members.SeatTerm",
    {
        "model": "members.Ballot",
        "include_fields": [
            "question",
            "method",
            "status",
            "opens_at",
            "closes_at",
            "roll_date",
            "roll_frozen_at",
            "scheduled_closes_at",
            # Free text: the trail records that a reason was given, never its words.
            "early_close_reason",
        ],
    },
    {"model": "members.BallotOption", "include_fields": ["label", "source"]},
    {"model": "members.Election", "exclude_fields": ["seats"]},
    {"model": "members.Candidate", "include_fields": ["member", "accepted_at", "withdrawn_at"]},
    {"model": "members.Meeting", "exclude_fields": ["seats_present"]},
    "members.Decision",
    "members.PriorityResponse",
    # A batch's totals are part of a result before the close, and beside the officer and
    # time they could tell a small batch's votes: the trail keeps who entered what, not them.
    {"model": "members.PaperBatch", "exclude_fields": ["totals"]},
    # Which options won a draw by lot, and when; never who drew (a person's name).
    {"model": "members.TieDraw", "include_fields": ["ballot", "winners", "recorded_at"]},
    {"model": "members.PollingOfficer", "include_fields": ["ballot", "user"]},
    {"model": "members.BoothDevice", "include_fields": ["label", "paired_at", "revoked_at"]},
    "services.ReferralPartner",
    "services.Service",
    "services.ScheduleSlot",
    "services.Session",
    "services.Booking",
    {"model": "services.Child", "include_fields": ["member"]},
    {"model": "services.PickUp", "include_fields": ["child", "session", "allowed"]},
    {"model": "services.ServiceRequest", "include_fields": ["category", "status", "channel"]},
    {
        "model": "advocacy.Grievance",
        "include_fields": [
            "status",
            "risk",
            "outcome",
            "follow_up_on",
            "employer",
            "consent_given",
        ],
    },
    {"model": "advocacy.CaseNote", "include_fields": ["legal", "author"]},
    {"model": "advocacy.Referral", "include_fields": ["partner", "status"]},
    "advocacy.Remedy",
    "advocacy.Employer",
    # Feedback: staff's writes only. Workers' answers and comments are written with
    # the trail switched off (see advocacy.feedback.actions), so no actor is linked.
    {"model": "advocacy.Survey", "include_fields": ["is_open", "on_kiosk"]},
    {"model": "advocacy.Question", "include_fields": ["kind", "version", "retired_at"]},
    {
        "model": "advocacy.Comment",
        "include_fields": ["sentiment", "coded_at", "shared_approved_at"],
    },
    # Recommendations: status, dates and owner; never the text or the addressee.
    {
        "model": "advocacy.Recommendation",
        "include_fields": ["status", "sent_on", "follow_up_on", "owner", "proposed_by"],
    },
    {"model": "advocacy.EvidenceSnapshot", "include_fields": ["content_hash"]},
    {"model": "advocacy.RecommendationResponse", "include_fields": ["received_on"]},
    # Who built or rebuilt which report; never its contents.
    {
        "model": "advocacy.FeedbackReport",
        "include_fields": ["period_kind", "period_start", "version", "is_current"],
    },
)

# The centre each audited model's entries belong to, so that the centre's trail page
# (`AuditEntry.objects.for_centre`) lists them: a model with a `centre_id` (a field or
# a property) gives it; a model without one is either reached through the relations
# named here (ORM lookups, ending with the centre), or concerns no single centre and is
# named in AUDIT_GLOBAL_MODELS (its entries have no centre: the administrator's trail).
# tests/centres/test_audit_centres.py checks that every audited model is one of these.
AUDIT_CENTRE_PATHS = {
    "members.SeatTerm": "seat__committee__centre",
    "members.Candidate": "election__ballot__committee__centre",
    "members.BallotOption": "ballot__committee__centre",
    "members.PaperBatch": "ballot__committee__centre",
    "members.PollingOfficer": "ballot__committee__centre",
    "members.TieDraw": "ballot__committee__centre",
    "members.PriorityResponse": "option__ballot__committee__centre",
    "advocacy.Question": "survey__centre",
    "advocacy.RecommendationResponse": "recommendation__centre",
}
AUDIT_GLOBAL_MODELS = frozenset(
    {
        "centres.User",
        "account.EmailAddress",
        "mfa.Authenticator",
        "centres.Programme",
        "centres.ProgrammeCoordinator",
        "django_celery_beat.PeriodicTask",
        "django_celery_beat.CrontabSchedule",
        "django_celery_beat.IntervalSchedule",
    }
)
