"""Surveys, questions in each language, anonymous responses, free comments and themes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KT
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from centres.fields import EncryptedTextField
from centres.names import UniqueNameMixin, name_taken_message, tidy_name, unique_name
from centres.numbers import figure, lazy_text

COMMENT_MAX = 2_000


def in_language(texts: dict[str, str], language: str | None = None) -> str:
    """The text of `texts` ({language code: text}) in `language` or the current language,
    else English, else the first one given."""
    language = (language or get_language() or "en").split("-")[0]
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


class FeedbackChannel(models.TextChoices):
    PHONE = "phone", _("Member's phone")
    KIOSK = "kiosk", _("Kiosk at the entrance")
    PAPER = "paper", _("Paper form entered by staff")
    # What an anonymous answer or comment keeps of the phone or the kiosk: only a
    # signed-in member can use the phone, so "phone" alone would point at the accounts.
    SELF = "self", _("The worker's own (phone or kiosk)")


def stored_channel(channel: str, *, named: bool) -> str:
    """The channel an answer or comment keeps: the phone and the kiosk become one
    unless the worker gave their name (asked to be contacted)."""
    if not named and channel in (FeedbackChannel.PHONE, FeedbackChannel.KIOSK):
        return FeedbackChannel.SELF
    return channel


class SurveyQuerySet(models.QuerySet):
    def for_centre(self, centre) -> SurveyQuerySet:
        """The centre's own surveys and its programme's surveys for all its centres."""
        return self.filter(Q(centre=centre) | Q(programme_id=centre.programme_id))

    def open(self) -> SurveyQuerySet:
        return self.filter(is_open=True)


# The languages a survey's title is given in: each is a name on the survey list.
TITLE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _unique_titles(owner: str) -> list[models.UniqueConstraint]:
    return [
        unique_name(
            KT(f"titles__{code}"),
            owner,
            name=f"survey_title_{code}_per_{owner}",
            condition=Q(**{f"{owner}__isnull": False}),
        )
        for code in TITLE_LANGUAGES
    ]


class Survey(UniqueNameMixin, models.Model):
    """A set of questions, defined by a centre or by the programme for all its centres.

    Its title in each language is a name on its owner's list of surveys: "Kiosk
    survey" and "kiosk  survey" are one survey to the person choosing, so a title its
    list already holds in that language is refused (`centres.names`)."""

    name_field = "titles"
    name_scope = ("centre", "programme")

    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.CASCADE, null=True, blank=True, related_name="surveys"
    )
    programme = models.ForeignKey(
        "centres.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
    )
    titles = models.JSONField(_("title in each language"), default=dict)
    is_open = models.BooleanField(_("open for answers"), default=True)
    on_kiosk = models.BooleanField(_("offered at the kiosk after a check-in"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(centre__isnull=True, programme__isnull=False)
                | Q(centre__isnull=False, programme__isnull=True),
                name="survey_of_a_centre_or_a_programme",
            ),
            *_unique_titles("centre"),
            *_unique_titles("programme"),
        ]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.titles)

    def name_taken(self, name: str, language: str = "en") -> bool:
        others = Survey.objects.filter(centre_id=self.centre_id, programme_id=self.programme_id)
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        lowered = others.annotate(_lower=Lower(KT(f"titles__{language}")))
        return lowered.filter(_lower=name.lower()).exists()

    def name_taken_error(self):
        """The first title its list already holds in that language, with the language
        (`params["language"]`) to say beside which title."""
        for language, title in (self.titles or {}).items():
            name = tidy_name(title or "")
            if name and language in TITLE_LANGUAGES and self.name_taken(name, language):
                return name_taken_message(name, language=language)
        return None

    def current_questions(self):
        return self.questions.filter(retired_at__isnull=True).order_by("position", "pk")


class QuestionKind(models.TextChoices):
    RATING = (
        "rating",
        lazy_text(
            lambda: (
                _("Rating from %(lowest)s to %(highest)s (faces)")
                % {"lowest": figure(1), "highest": figure(5)}
            )
        ),
    )
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    COMMENT = "comment", _("Free comment")


class Question(models.Model):
    """One version of a question. Changing a question that has answers retires this row
    and adds the next version, so every answer keeps the wording it was given."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    texts = models.JSONField(_("question in each language"), default=dict)
    # [{"key": "a", "texts": {"en": "...", "ar": "..."}}, ...] for the choice kinds.
    options = models.JSONField(default=list, blank=True)
    required = models.BooleanField(_("an answer is required"), default=False)
    version = models.PositiveSmallIntegerField(default=1)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["survey", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="question_version_from_1"),
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return in_language(self.texts)

    def option_choices(self, language: str | None = None) -> list[tuple[str, str]]:
        return [(o["key"], in_language(o["texts"], language)) for o in self.options]


class Response(models.Model):
    """One filled-in survey. `member` is set only when the worker asked to be contacted;
    the date is kept, never the time."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=FeedbackChannel.choices)
    # No default: the server's date is not the centre's; every writer gives the
    # centre's day (`centres.local_time.today`) or the day on a paper form.
    submitted_on = models.DateField()
    contact_wanted = models.BooleanField(_("I would like the centre to contact me"), default=False)
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The staff member who typed in a paper form; never set for the other channels.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A random value the form carried, so that submitting twice records once.
    once = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["centre", "submitted_on"], name="response_centre_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=True) | Q(contact_wanted=True),
                name="response_member_only_if_contact_wanted",
            ),
            models.CheckConstraint(
                condition=Q(entered_by__isnull=True) | Q(channel="paper"),
                name="response_entered_by_only_for_paper",
            ),
        ]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"{self.survey} — {self.submitted_on}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    chosen = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="rating_from_1_to_5",
            ),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question_id}: {self.rating or ','.join(self.chosen)}"


class Sentiment(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    MIXED = "mixed", _("Mixed or neutral")
    NEGATIVE = "negative", _("Negative")


class CommentQuerySet(models.QuerySet):
    def for_centre(self, centre) -> CommentQuerySet:
        return self.filter(centre=centre)

    def shared_with_committee(self) -> CommentQuerySet:
        """Only what the worker allowed to be shared and a staff member approved, redacted."""
        return self.filter(may_share=True, shared_approved_at__isnull=False).exclude(shared_text="")

    def submitted_in(self, period) -> CommentQuerySet:
        """Comments given on a day of `period` (a `statistics.periods.Period`: `first`
        included, `end` excluded), on the centre's calendar."""
        return self.filter(submitted_on__gte=period.first, submitted_on__lt=period.end)


class Comment(models.Model):
    """A worker's free comment ("tell the centre" or a survey's comment question).

    The text is encrypted at rest and read by the manager and social workers only.
    """

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, null=True, blank=True, related_name="comments"
    )
    channel = models.CharField(max_length=10, choices=FeedbackChannel.choices)
    text = EncryptedTextField(_("comment"))
    # No default: the server's date is not the centre's; every writer gives the
    # centre's day (`centres.local_time.today`) or the day on a paper form.
    submitted_on = models.DateField()
    may_share = models.BooleanField(
        _("My words may be shared with the committee, without my name"), default=False
    )
    contact_wanted = models.BooleanField(_("I would like the centre to contact me"), default=False)
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    once = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    # Coding by staff.
    sentiment = models.CharField(
        _("sentiment"), max_length=10, choices=Sentiment.choices, blank=True
    )
    coded_at = models.DateTimeField(null=True, blank=True)
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    shared_text = EncryptedTextField(_("redacted text for the committee"), blank=True)
    shared_approved_at = models.DateTimeField(null=True, blank=True)
    shared_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When retention removed the words (themes and sentiment stay).
    text_removed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["centre", "submitted_on"], name="comment_centre_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=True) | Q(contact_wanted=True),
                name="comment_member_only_if_contact_wanted",
            ),
            models.CheckConstraint(
                condition=Q(shared_approved_at__isnull=True) | Q(may_share=True),
                name="comment_shared_only_if_allowed",
            ),
        ]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} — {self.submitted_on}"


class ThemeGroup(models.TextChoices):
    DEFICIT = "deficit", _("Decent-work deficits")
    FORCED_LABOUR = "forced_labour", _("ILO indicators of forced labour")
    SERVICES = "services", _("The centre's services")


class ThemeCode(models.TextChoices):
    """The themes a comment is coded into: decent-work deficits (the ILO's, with the 11
    indicators of forced labour, ILO 2012) and the seed's centre services."""

    WAGES = "wages", _("Wages and wage theft")
    WORKING_TIME = "working_time", _("Working time")
    OSH = "osh", _("Occupational safety and health")
    DISCRIMINATION = "discrimination", _("Discrimination and harassment")
    ASSOCIATION = "association", _("Freedom of association")
    RECRUITMENT = "recruitment", _("Contracts and recruitment fees")
    LIVING = "living", _("Living conditions")
    # The ILO's 11 indicators of forced labour (codes shared with grievance issue types).
    VULNERABILITY = "vulnerability", _("Abuse of vulnerability")
    DECEPTION = "deception", _("Deception")
    MOVEMENT = "movement", _("Restriction of movement")
    ISOLATION = "isolation", _("Isolation")
    VIOLENCE = "violence", _("Physical and sexual violence")
    INTIMIDATION = "intimidation", _("Intimidation and threats")
    DOCUMENTS = "documents", _("Retention of identity documents")
    WAGES_WITHHELD = "wages_withheld", _("Withholding of wages")
    DEBT = "debt", _("Debt bondage")
    CONDITIONS = "conditions", _("Abusive working and living conditions")
    OVERTIME = "overtime", _("Excessive overtime")
    # The centre's services (the seed's basic activities and the centre itself).
    PSYCHOSOCIAL = "psychosocial", _("Psycho-social support")
    LANGUAGE = "language", _("Language, acculturation and information")
    SKILLS = "skills", _("Soft skills and empowerment")
    BONDING = "bonding", _("Social bonding and networking space")
    ADVICE = "advice", _("Advice on labour and living conditions")
    OTHER_SERVICES = "other_services", _("Other services")
    CENTRE = "centre", _("The centre: hours, place, staff")


THEME_GROUPS: dict[str, list[str]] = {
    ThemeGroup.DEFICIT: ThemeCode.values[:7],
    ThemeGroup.FORCED_LABOUR: ThemeCode.values[7:18],
    ThemeGroup.SERVICES: ThemeCode.values[18:],
}


class Theme(models.Model):
    """One theme a staff member coded a comment into."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(_("theme"), max_length=20, choices=ThemeCode.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "code"], name="one_theme_row_per_comment"),
        ]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.get_code_display()


class KioskTicketUse(models.Model):
    """A kiosk check-in's one-use ticket, once a survey was answered with it.

    The ticket is a random value the check-in left in the kiosk's session; only its
    hash is kept, with no kiosk, visit or time, so the answer cannot be traced back.
    """

    ticket_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("used kiosk ticket")
        verbose_name_plural = _("used kiosk tickets")

    def __str__(self) -> str:
        return self.ticket_hash[:8]
