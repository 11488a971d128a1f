"""E-mail that a retried task never sends twice.

A task that mails several people and fails half-way (the mail server drops the
connection) is retried: the people already mailed must not get it again. Each mail is
recorded under (kind, recipient, key) in the transaction that sends it, so a mail
that failed leaves no record and is sent on the retry, and one that went out is
skipped. The key says what the mail is about (a day, a digest of case ids): never text.

Every mail goes out through `mail_send`: in its reader's language (`mail_language`),
its subject naming the centre or programme it is about (a person may hold roles in
several), and in plain text with no isolate characters (U+2068, U+2069), which some
mail clients show as boxes: a plain-text mail has no page direction to guard against.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import pgettext

from . import local_time
from .numbers import figure

# Long enough for every retry of a task (hours) and for a day's key to have passed.
KEPT_FOR = timedelta(days=30)


class SentMail(models.Model):
    kind = models.CharField(max_length=40)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=64)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "centres"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "key"], name="one_mail_per_kind_recipient_key"
            )
        ]
        indexes = [models.Index(fields=["sent_at"], name="sent_mail_sent_at")]

    def __str__(self) -> str:
        return f"{self.kind} {self.recipient_id} {self.key}"


def key_of(ids: Iterable[int], *, day=None) -> str:
    """A short key for a set of record ids (and a day): the same set, the same key."""
    text = ",".join(str(i) for i in sorted(set(ids)))
    digest = hashlib.sha256(text.encode()).hexdigest()[:40]
    return f"{day.isoformat()}:{digest}" if day is not None else digest


def day_key(owner) -> str:
    """The key of a once-a-day mail about `owner` (a centre, or a programme): its own
    day in its own zone, and which one it is. A mail keyed on the server's (UTC) day
    went twice in one of the centre's days, or skipped one, when the task ran either
    side of UTC midnight."""
    return f"{local_time.today(owner).isoformat()}:{owner._meta.model_name}-{owner.pk}"


def mail_once(*, kind: str, recipient, key: str, send: Callable[[], object]) -> bool:
    """Call `send` unless a mail of this kind and key already went to `recipient`.
    Returns whether it was sent now. If `send` raises, nothing is recorded."""
    with transaction.atomic():
        _record, created = SentMail.objects.get_or_create(kind=kind, recipient=recipient, key=key)
        if not created:
            return False
        send()
    return True


def mail_language(recipient=None, *, about=None) -> str:
    """The language code to write a mail in: the recipient's preferred language (kept
    in step with the language they choose on the site); for a person with no account
    yet (an invitation), the first of the centre's spoken languages the application
    has (in the order of their codes, `centres.languages.CODES`: a centre speaking
    Arabic and English writes in Arabic); else the site's language."""
    if recipient is not None and recipient.preferred_language:
        return recipient.preferred_language
    site_languages = {code for code, _name in settings.LANGUAGES}
    for code in getattr(about, "languages", None) or []:
        if code in site_languages:
            return code
    return settings.LANGUAGE_CODE


def mail_send(
    *,
    about,
    subject: Callable[[], str],
    body: Callable[[], str],
    recipient=None,
    email: str = "",
) -> None:
    """Send one plain-text mail to `recipient` (a user) or to `email` (no account yet),
    in their language, with a subject "<centre or programme>: <subject>".

    `about` is the Centre or Programme the mail concerns; `subject` and `body` are
    called with the reader's language active. Raises what `send_mail` raises (OSError
    when the mail server refuses)."""
    with translation.override(mail_language(recipient, about=about)):
        send_mail(
            subject=pgettext(
                "mail subject: the centre or programme it concerns, then what",
                "%(about)s: %(subject)s",
            )
            % {"about": about.name, "subject": subject()},
            message=body(),
            from_email=None,
            recipient_list=[recipient.email if recipient is not None else email],
        )


def send_references(
    user, *, about, subject: Callable[[int], str], template: str, references: list[str]
) -> None:
    """Mail `user` a list of record references of the centre or programme `about`.

    `subject` gives the subject for a count in the active language (see `counted`);
    `template` renders with ``references`` and ``count``. References only: never names
    or text."""
    count = len(references)
    mail_send(
        recipient=user,
        about=about,
        subject=lambda: subject(count),
        body=lambda: render_to_string(template, {"references": references, "count": count}),
    )


def counted(sentence: str, count: int) -> str:
    """`sentence` (an ``ngettext`` chosen by the raw `count`) with its ``%(count)s`` the
    figure as the pages show it."""
    return sentence % {"count": figure(count)}


def purge_old() -> int:
    deleted, _per_model = SentMail.objects.filter(sent_at__lt=timezone.now() - KEPT_FOR).delete()
    return deleted
