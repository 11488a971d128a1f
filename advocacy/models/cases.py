"""Grievance cases: confidential intake to remedy.

The most dangerous records the system holds: a worker's account of abuse, naming
the employer. Narratives, notes and contact details are encrypted at rest; every
read goes to the audit trail; only the assigned staff and the centre manager can
reach a case at all (see `GrievanceQuerySet.visible_to`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centres.fields import EncryptedTextField
from centres.local_time import before_local_today
from centres.models import CASE_ROLES, CentreRole, Role
from centres.names import NameField, UniqueNameMixin, unique_name
from members.models import ConsentPurpose

NARRATIVE_MAX = 20_000
NOTE_MAX = 10_000


class IssueType(models.TextChoices):
    # The ILO's 11 indicators of forced labour.
    ABUSE_OF_VULNERABILITY = "vulnerability", _("Abuse of vulnerability")
    DECEPTION = "deception", _("Deception")
    RESTRICTION_OF_MOVEMENT = "movement", _("Restriction of movement")
    ISOLATION = "isolation", _("Isolation")
    VIOLENCE = "violence", _("Physical and sexual violence")
    INTIMIDATION = "intimidation", _("Intimidation and threats")
    DOCUMENTS_RETAINED = "documents", _("Retention of identity documents")
    WAGES_WITHHELD = "wages_withheld", _("Withholding of wages")
    DEBT_BONDAGE = "debt", _("Debt bondage")
    ABUSIVE_CONDITIONS = "conditions", _("Abusive working and living conditions")
    EXCESSIVE_OVERTIME = "overtime", _("Excessive overtime")
    # Other grievances.
    WAGE_THEFT = "wage_theft", _("Wage theft")
    HARASSMENT = "harassment", _("Harassment")
    GENDER_VIOLENCE = "gbv", _("Gender-based violence")
    SAFETY = "safety", _("Occupational safety and health")
    CONTRACT_SUBSTITUTION = "contract", _("Contract substitution")
    DISCRIMINATION = "discrimination", _("Discrimination")
    OTHER = "other", _("Other")


def case_reference(case_id: int) -> str:
    """The reference a case is known by outside its page (e-mails, the audit trail):
    `CASE-<id>`, never a name, an employer or a word of the narrative."""
    return f"CASE-{case_id}"


class EmployerKind(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    RECRUITER = "recruiter", _("Recruiter or agency")
    HOUSEHOLD = "household", _("Household (domestic work)")


class EmployerQuerySet(models.QuerySet):
    def known_to(self, user, centre) -> EmployerQuerySet:
        """The centre's employers named in a case `user` may open: naming an employer
        is telling that someone complained about them."""
        cases = Grievance.objects.visible_to(user).for_centre(centre)
        return self.filter(centre=centre, pk__in=cases.values("employer")).order_by("name")


class Employer(UniqueNameMixin, models.Model):
    """An employer or recruiter as named by workers. Shared within the centre; never
    shown to workers, and to staff only through the cases they may open."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="employers")
    name = NameField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EmployerKind.choices)
    sector = models.CharField(_("sector"), max_length=20, blank=True)

    objects = EmployerQuerySet.as_manager()
    name_scope = ("centre", "kind")

    class Meta:
        ordering = ["name"]
        constraints = [unique_name("name", "centre", "kind", name="one_employer_per_name")]
        verbose_name = _("employer or recruiter")
        verbose_name_plural = _("employers and recruiters")

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ADVICE = "advice", _("Advice")
    MEDIATION = "mediation", _("Mediation")
    REFERRAL = "referral", _("Referral")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


# The workflow: every other move is refused. Resolved and closed cases can reopen.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.INTAKE: frozenset({Status.ADVICE, Status.CLOSED}),
    Status.ADVICE: frozenset({Status.MEDIATION, Status.REFERRAL, Status.RESOLVED, Status.CLOSED}),
    Status.MEDIATION: frozenset({Status.REFERRAL, Status.RESOLVED, Status.CLOSED}),
    Status.REFERRAL: frozenset({Status.MEDIATION, Status.RESOLVED, Status.CLOSED}),
    Status.RESOLVED: frozenset({Status.ADVICE}),
    Status.CLOSED: frozenset({Status.ADVICE}),
}
OPEN_STATUSES = frozenset({Status.INTAKE, Status.ADVICE, Status.MEDIATION, Status.REFERRAL})


class Risk(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent: danger now")


class Outcome(models.TextChoices):
    FAVOUR = "favour", _("Resolved in the worker's favour")
    PARTLY = "partly", _("Partly resolved")
    NOT = "not", _("Not resolved")
    WITHDRAWN = "withdrawn", _("Withdrawn by the worker")


class GrievanceQuerySet(models.QuerySet):
    def visible_to(self, user) -> GrievanceQuerySet:
        """Cases a person may open: those assigned to them while they hold a case role
        (manager, social worker, legal advisor) in the case's centre, and every case of
        a centre they manage. Nobody else: not former staff, not committees, not
        coordinators."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        # Uncorrelated IN subqueries, each run once (hashed) rather than once per case,
        # and no join that would repeat a case and need DISTINCT.
        roles = CentreRole.objects.filter(user=user)
        managed = roles.filter(role=Role.MANAGER).values("centre_id")
        case_centres = roles.filter(role__in=CASE_ROLES).values("centre_id")
        assigned = Grievance.assignees.through.objects.filter(user=user).values("grievance_id")
        return self.filter(
            Q(centre_id__in=managed) | (Q(pk__in=assigned) & Q(centre_id__in=case_centres))
        )

    def assigned_to_current_staff(self) -> models.QuerySet:
        """(case id, user id, centre id) of assignees who still hold a case role in the
        case's centre: the people a reminder may reach."""
        through = Grievance.assignees.through
        current = CentreRole.objects.filter(
            user=OuterRef("user"), centre=OuterRef("grievance__centre"), role__in=CASE_ROLES
        )
        return (
            through.objects.filter(grievance__in=self)
            .filter(Exists(current))
            .values_list("grievance_id", "user_id", "grievance__centre_id")
        )

    def for_centre(self, centre) -> GrievanceQuerySet:
        return self.filter(centre=centre)

    def open(self) -> GrievanceQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None) -> GrievanceQuerySet:
        """Open cases whose follow-up date has passed: before `today` if given, else
        before the current date in each case's own centre's time zone."""
        if today is not None:
            return self.open().filter(follow_up_on__lt=today)
        return self.open().filter(before_local_today("centre__time_zone", "follow_up_on__lt"))


class Grievance(models.Model):
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="grievances"
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="grievances"
    )
    pseudonym = EncryptedTextField(
        _("pseudonym"),
        max_length=60,
        validators=[MaxLengthValidator(60)],
        blank=True,
        help_text=_("For a complainant who is not registered: a name that is not theirs."),
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, null=True, blank=True, related_name="grievances"
    )
    sector = models.CharField(_("sector"), max_length=20, blank=True)
    narrative = EncryptedTextField(
        _("what happened"), validators=[MaxLengthValidator(NARRATIVE_MAX)]
    )
    contact = EncryptedTextField(_("how to reach the complainant safely"), blank=True)
    risk = models.CharField(_("risk"), max_length=10, choices=Risk.choices, default=Risk.MEDIUM)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INTAKE
    )
    consent_given = models.BooleanField(_("consent to case handling given"), default=False)
    # Opened without that consent on record: why the case could not wait, as a
    # referral without referral consent records it (`grievance_open`).
    consent_override = EncryptedTextField(
        _("why opened without recorded consent"),
        max_length=300,
        validators=[MaxLengthValidator(300)],
        blank=True,
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="assigned_grievances", verbose_name=_("assigned to")
    )
    follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    closed_reason = EncryptedTextField(
        _("why closed"), max_length=300, validators=[MaxLengthValidator(300)], blank=True
    )
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    # When retention removed its narrative, notes and contacts (codes and outcome stay).
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = GrievanceQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["centre", "opened_at"], name="grievance_centre_opened"),
            models.Index(fields=["centre", "status"], name="grievance_centre_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(pseudonym=""),
                name="grievance_has_a_complainant",
            ),
            models.CheckConstraint(
                condition=~Q(status="resolved") | ~Q(outcome=""),
                name="resolved_grievance_has_outcome",
            ),
        ]
        verbose_name = _("grievance case")
        verbose_name_plural = _("grievance cases")

    def __str__(self) -> str:
        # Case reference only: never a name, an employer or a word of the narrative.
        return case_reference(self.pk)

    @property
    def reference(self) -> str:
        return str(self)

    @property
    def has_referral_consent(self) -> bool:
        """Whether the worker's consent to referral is on record and current."""
        return (
            self.member_id is not None
            and self.member.consents.current().filter(purpose=ConsentPurpose.REFERRAL).exists()
        )

    def allowed_next(self) -> frozenset[str]:
        """The statuses this case may move to: none once it is anonymised."""
        return frozenset() if self.anonymised_at else TRANSITIONS[self.status]


class GrievanceIssue(models.Model):
    """One issue type of a case; a case may have several."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="issues")
    issue_type = models.CharField(_("issue"), max_length=20, choices=IssueType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["grievance", "issue_type"], name="one_row_per_issue")
        ]
        indexes = [models.Index(fields=["issue_type"], name="grievance_issue_type")]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")

    def __str__(self) -> str:
        return self.get_issue_type_display()

    @property
    def centre_id(self) -> int:
        return self.grievance.centre_id


class CaseNote(models.Model):
    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(_("note"), validators=[MaxLengthValidator(NOTE_MAX)])
    legal = models.BooleanField(
        _("legal note"),
        default=False,
        help_text=_(
            "Read only by the legal advisors assigned to the case; the manager sees that "
            "it exists, not what it says."
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["written_at", "pk"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self) -> str:
        return f"{self.grievance} note {self.pk}"

    @property
    def centre_id(self) -> int:
        return self.grievance.centre_id
