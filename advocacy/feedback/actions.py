"""Writes of surveys, answers, comments and their coding.

A worker's answer or comment is written with the audit trail switched off: the trail
names the actor, and for an anonymous answer the actor is the very link that must not
exist. Staff writes (surveys, questions, coding, approvals) are audited as usual.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date

from auditlog.context import disable_auditlog
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from centres import local_time
from centres.audit import records_actor
from centres.dates import check_happened
from centres.models import Centre, Programme, User
from centres.names import saving_named, tidy_name
from centres.numbers import figure
from centres.templatetags.bidi import isolated
from members.models import Member

from .models import (
    COMMENT_MAX,
    Answer,
    Comment,
    FeedbackChannel,
    KioskTicketUse,
    Question,
    QuestionKind,
    Response,
    Sentiment,
    Survey,
    Theme,
    ThemeCode,
    stored_channel,
)


def _clean_texts(texts: Mapping[str, str], what: str) -> dict[str, str]:
    cleaned = {lang: text.strip() for lang, text in texts.items() if text and text.strip()}
    if not cleaned:
        raise ValidationError(_("Give the %(what)s in at least one language.") % {"what": what})
    return cleaned


@records_actor
@transaction.atomic
def survey_create(
    *,
    by: User,
    titles: Mapping[str, str],
    centre: Centre | None = None,
    programme: Programme | None = None,
    on_kiosk: bool = True,
) -> Survey:
    if (centre is None) == (programme is None):
        raise ValidationError(_("A survey belongs to one centre or to one programme."))
    survey = Survey(
        centre=centre,
        programme=programme,
        titles={lang: tidy_name(text) for lang, text in _clean_texts(titles, _("title")).items()},
        on_kiosk=on_kiosk,
        created_by=by,
    )
    survey.validate_constraints()
    with saving_named(survey):
        survey.save()
    return survey


@records_actor
@transaction.atomic
def survey_set_open(*, survey: Survey, by: User, is_open: bool) -> Survey:
    if survey.is_open == is_open:
        return survey  # already so: nothing to change or audit
    survey.is_open = is_open
    survey.save(update_fields=["is_open"])
    return survey


def _clean_options(kind: str, options: list[Mapping[str, str]]) -> list[dict]:
    if kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return []
    cleaned = [
        {"key": str(i + 1), "texts": _clean_texts(texts, _("option"))}
        for i, texts in enumerate(options)
    ]
    if len(cleaned) < 2:
        raise ValidationError(_("A choice question needs at least two options."))
    return cleaned


@records_actor
@transaction.atomic
def question_add(
    *,
    survey: Survey,
    by: User,
    kind: str,
    texts: Mapping[str, str],
    options: list[Mapping[str, str]] = (),
    required: bool = False,
) -> Question:
    if kind not in QuestionKind.values:
        raise ValidationError(_("Unknown kind of question."))
    last = survey.current_questions().last()
    return Question.objects.create(
        survey=survey,
        position=(last.position + 1) if last else 0,
        kind=kind,
        texts=_clean_texts(texts, _("question")),
        options=_clean_options(kind, list(options)),
        required=required,
    )


@records_actor
@transaction.atomic
def question_change(
    *,
    question: Question,
    by: User,
    texts: Mapping[str, str],
    options: list[Mapping[str, str]] = (),
    required: bool = False,
) -> Question:
    """Change a question's wording. Once it has answers, the question is retired and a
    new version takes its place, so every answer keeps the wording it was given."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.retired_at is not None:
        raise ValidationError(_("This version of the question has been replaced."))
    texts = _clean_texts(texts, _("question"))
    options = _clean_options(question.kind, list(options))
    if not question.answers.exists() and not question.comments.exists():
        question.texts, question.options, question.required = texts, options, required
        question.save(update_fields=["texts", "options", "required"])
        return question
    question.retired_at = timezone.now()
    question.save(update_fields=["retired_at"])
    return Question.objects.create(
        survey=question.survey,
        position=question.position,
        kind=question.kind,
        texts=texts,
        options=options,
        required=required,
        version=question.version + 1,
        replaces=question,
    )


def _answer_for(question: Question, value) -> Answer | None:
    if value in (None, "", []):
        if question.required:
            raise ValidationError(_("Please answer: %(q)s") % {"q": isolated(question.text)})
        return None
    if question.kind == QuestionKind.RATING:
        try:
            rating = int(value)
        except (TypeError, ValueError):
            rating = 0
        if not 1 <= rating <= 5:
            raise ValidationError(
                _("A rating is from %(lowest)s to %(highest)s.")
                % {"lowest": figure(1), "highest": figure(5)}
            )
        return Answer(question=question, rating=rating)
    keys = {key for key, _label in question.option_choices()}
    chosen = [value] if isinstance(value, str) else list(value)
    if not chosen or not set(chosen) <= keys:
        raise ValidationError(_("Choose among the options given."))
    if question.kind == QuestionKind.SINGLE and len(chosen) != 1:
        raise ValidationError(_("Choose one option."))
    return Answer(question=question, chosen=sorted(chosen))


def _already(model, once: str):
    return model.objects.filter(once=once).first()


def response_submit(
    *,
    survey: Survey,
    centre: Centre,
    channel: str,
    answers: Mapping[int, object],
    once: str,
    may_share: bool = False,
    contact_wanted: bool = False,
    member: Member | None = None,
    entered_by: User | None = None,
    submitted_on: date | None = None,
    kiosk_ticket: str | None = None,
) -> Response:
    """Record one filled-in survey (`answers`: question id → rating, option key(s) or
    comment text). Anonymous unless `contact_wanted`; a repeated `once` records nothing
    new and returns the first response. Raises ValidationError on bad input, an unused
    kiosk ticket missing or used, or a survey that is closed or not the centre's."""
    if not once or len(once) > 64:
        raise ValidationError(_("The form has expired. Please start again."))
    if (existing := _already(Response, once)) is not None:
        return existing
    try:
        with disable_auditlog(), transaction.atomic():
            return _response_write(
                survey=survey,
                centre=centre,
                channel=channel,
                answers=answers,
                once=once,
                may_share=may_share,
                contact_wanted=contact_wanted,
                member=member,
                entered_by=entered_by,
                submitted_on=submitted_on,
                kiosk_ticket=kiosk_ticket,
            )
    except IntegrityError:
        if (existing := _already(Response, once)) is not None:
            return existing
        raise ValidationError(_("This check-in has already been used for a survey.")) from None


def _response_write(*, survey, centre, channel, answers, once, may_share, contact_wanted,
                    member, entered_by, submitted_on, kiosk_ticket) -> Response:  # fmt: skip
    if not survey.is_open or not Survey.objects.for_centre(centre).filter(pk=survey.pk).exists():
        raise ValidationError(_("This survey is not open."))
    if channel not in FeedbackChannel.values:
        raise ValidationError(_("Unknown channel."))
    if member is not None and member.centre_id != centre.pk:
        raise ValidationError(_("This member belongs to another centre."))
    if (entered_by is None) == (channel == FeedbackChannel.PAPER):
        raise ValidationError(_("Only paper forms are entered by staff."))
    if channel == FeedbackChannel.KIOSK:
        if not kiosk_ticket:
            raise ValidationError(_("Check in first, then answer the survey."))
        KioskTicketUse.objects.create(ticket_hash=hashlib.sha256(kiosk_ticket.encode()).hexdigest())
    today = local_time.today(centre)  # the only time an answer keeps
    check_happened(centre, submitted_on=submitted_on)
    rows, comment_texts = [], []
    for question in survey.current_questions():
        value = answers.get(question.pk)
        if question.kind == QuestionKind.COMMENT:
            text = (value or "").strip()
            if len(text) > COMMENT_MAX:
                raise ValidationError(
                    _("A comment is at most %(n)s characters.") % {"n": figure(COMMENT_MAX)}
                )
            if text:
                comment_texts.append((question, text))
            elif question.required:
                raise ValidationError(_("Please answer: %(q)s") % {"q": isolated(question.text)})
            continue
        if (answer := _answer_for(question, value)) is not None:
            rows.append(answer)
    if not rows and not comment_texts:
        raise ValidationError(_("Answer at least one question."))
    keep_member = member if contact_wanted else None
    response = Response.objects.create(
        survey=survey,
        centre=centre,
        channel=stored_channel(channel, named=keep_member is not None),
        submitted_on=submitted_on or today,
        contact_wanted=contact_wanted and keep_member is not None,
        member=keep_member,
        entered_by=entered_by,
        once=once,
    )
    for answer in rows:
        answer.response = response
    Answer.objects.bulk_create(rows)
    for question, text in comment_texts:
        Comment.objects.create(
            centre=centre,
            response=response,
            question=question,
            channel=response.channel,
            text=text,
            submitted_on=response.submitted_on,
            may_share=may_share,
            contact_wanted=response.contact_wanted,
            member=keep_member,
            entered_by=entered_by,
        )
    return response


def comment_leave(
    *,
    centre: Centre,
    channel: str,
    text: str,
    once: str,
    may_share: bool = False,
    contact_wanted: bool = False,
    member: Member | None = None,
    entered_by: User | None = None,
) -> Comment:
    """A worker tells the centre something, at any time. Anonymous unless they ask to be
    contacted; submitting the same form twice records it once."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write something to tell the centre."))
    if len(text) > COMMENT_MAX:
        raise ValidationError(
            _("A comment is at most %(n)s characters.") % {"n": figure(COMMENT_MAX)}
        )
    if not once or len(once) > 64:
        raise ValidationError(_("The form has expired. Please start again."))
    if member is not None and member.centre_id != centre.pk:
        raise ValidationError(_("This member belongs to another centre."))
    if (existing := _already(Comment, once)) is not None:
        return existing
    keep_member = member if contact_wanted else None
    try:
        with disable_auditlog(), transaction.atomic():
            return Comment.objects.create(
                centre=centre,
                channel=stored_channel(channel, named=keep_member is not None),
                text=text,
                submitted_on=local_time.today(centre),
                may_share=may_share,
                contact_wanted=keep_member is not None,
                member=keep_member,
                entered_by=entered_by if channel == FeedbackChannel.PAPER else None,
                once=once,
            )
    except IntegrityError:
        return _already(Comment, once)


@records_actor
@transaction.atomic
def comment_code(
    *, comment: Comment, by: User, themes: Iterable[str], sentiment: str = ""
) -> Comment:
    """Code a comment into themes (ThemeCode values) and a sentiment; replaces earlier coding."""
    themes = set(themes)
    if not themes or not themes <= set(ThemeCode.values):
        raise ValidationError(_("Choose at least one theme from the list."))
    if sentiment not in ("", *Sentiment.values):
        raise ValidationError(_("Unknown sentiment."))
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.themes.exclude(code__in=themes).delete()
    have = set(comment.themes.values_list("code", flat=True))
    Theme.objects.bulk_create(Theme(comment=comment, code=code) for code in themes - have)
    comment.sentiment, comment.coded_at, comment.coded_by = sentiment, timezone.now(), by
    comment.save(update_fields=["sentiment", "coded_at", "coded_by"])
    return comment


@records_actor
@transaction.atomic
def comment_share_approve(*, comment: Comment, by: User, shared_text: str) -> Comment:
    """Approve a redacted version of a comment for the committee. Only comments whose
    author ticked "may be shared"; the original text never leaves the staff."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if not comment.may_share:
        raise ValidationError(_("The worker did not allow this comment to be shared."))
    shared_text = (shared_text or "").strip()
    if not shared_text:
        raise ValidationError(_("Write the redacted text that the committee may read."))
    if len(shared_text) > COMMENT_MAX:
        raise ValidationError(
            _("A comment is at most %(n)s characters.") % {"n": figure(COMMENT_MAX)}
        )
    comment.shared_text = shared_text
    comment.shared_approved_at, comment.shared_approved_by = timezone.now(), by
    comment.save(update_fields=["shared_text", "shared_approved_at", "shared_approved_by"])
    return comment


@records_actor
@transaction.atomic
def comment_share_withdraw(*, comment: Comment, by: User) -> Comment:
    comment.shared_text, comment.shared_approved_at, comment.shared_approved_by = "", None, None
    comment.save(update_fields=["shared_text", "shared_approved_at", "shared_approved_by"])
    return comment
