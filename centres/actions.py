"""Writes of the centres app. Each one checks its rule, is atomic and is audited
(django-auditlog records the rows it changes, with the acting user)."""

from __future__ import annotations

import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import mail, submissions
from .audit import acting_as, records_actor
from .local_time import zone_of
from .models import CASE_ROLES, Centre, CentreRole, Invitation, Role, User
from .outbox import enqueue_on_commit
from .rules import role_clash
from .signals import case_role_lost
from .tokens import hash_token

# The committee belongs to the members: its role comes with an elected seat and ends
# with the term, and a manager can neither grant nor remove it.
SEAT_ROLE_MESSAGE = gettext_lazy(
    "The committee-member role comes only with a seat on an elected committee, "
    "and ends with the term."
)


@records_actor
@transaction.atomic
def invitation_create(*, centre: Centre, email: str, role: str, by: User) -> Invitation:
    email = email.strip().lower()
    if role == Role.COMMITTEE_MEMBER:
        raise ValidationError(SEAT_ROLE_MESSAGE)
    if clash := role_clash(centre_id=centre.pk, email=email, role=role):
        raise ValidationError(clash)
    if CentreRole.objects.filter(centre=centre, user__email__iexact=email, role=role).exists():
        raise ValidationError(_("This person already holds that role in this centre."))
    if Invitation.objects.pending().filter(centre=centre, email__iexact=email, role=role).exists():
        raise ValidationError(_("An invitation for this person and role is already waiting."))
    invitation = Invitation.objects.create(
        centre=centre,
        email=email,
        role=role,
        invited_by=by,
        expires_at=timezone.now() + settings.INVITATION_VALID_FOR,
    )
    from .tasks import send_invitation

    enqueue_on_commit(send_invitation, invitation.pk)
    return invitation


@transaction.atomic
def invitation_send(*, invitation: Invitation) -> None:
    """Mint a fresh link (only its hash is kept) and e-mail it to the invited person.

    The token is made here, in the worker, so it never travels through the broker.
    An invitation already sent is left alone: a task delivered twice (a worker lost
    after sending, before acknowledging) neither mails again nor breaks the link sent.
    """
    invitation = (
        Invitation.objects.pending()
        .select_for_update()
        .filter(pk=invitation.pk, sent_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["token_hash", "sent_at"])
    link = settings.SITE_URL.rstrip("/") + reverse("invitation_accept", args=[token])
    context = {"invitation": invitation, "link": link, "valid_until": invitation.expires_at}
    # The link's last day on the centre's calendar, as the centre's pages give dates.
    # In the language of the account the address already has, else the centre's.
    known = User.objects.filter(email__iexact=invitation.email).first()
    with timezone.override(zone_of(invitation.centre)):
        mail.mail_send(
            recipient=known,
            email=invitation.email,
            about=invitation.centre,
            subject=lambda: _("You are invited"),
            body=lambda: render_to_string("centres/email/invitation.txt", context),
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, name: str, password: str) -> User:
    """Create the invited person's account (or use the existing one) and grant the role.

    Raises ValidationError for an invitation no longer pending, or one whose role would
    join a staff role and the worker-member role in one account (`rules.role_clash`:
    a role granted after the invitation was sent).
    """
    invitation = Invitation.objects.pending().select_for_update().filter(pk=invitation.pk).first()
    if invitation is None:
        raise ValidationError(_("This invitation has expired or was already used."))
    clash = role_clash(centre_id=invitation.centre_id, email=invitation.email, role=invitation.role)
    if clash:
        raise ValidationError(clash)
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = User.objects.create_user(email=invitation.email, password=password, name=name)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    with acting_as(user):
        CentreRole.objects.get_or_create(
            user=user,
            centre=invitation.centre,
            role=invitation.role,
            defaults={"granted_by": invitation.invited_by},
        )
        invitation.accepted_at = timezone.now()
        invitation.token_hash = None
        invitation.save(update_fields=["accepted_at", "token_hash"])
    return user


@records_actor
@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation was already accepted; remove the role instead."))
    invitation.revoked_at = timezone.now()
    invitation.token_hash = None
    invitation.save(update_fields=["revoked_at", "token_hash"])


@records_actor
@transaction.atomic
def role_revoke(*, centre_role: CentreRole, by: User) -> None:
    if centre_role.role == Role.COMMITTEE_MEMBER:
        raise ValidationError(SEAT_ROLE_MESSAGE)
    if centre_role.user_id == by.pk and centre_role.role == Role.MANAGER:
        raise ValidationError(
            _("You cannot remove your own manager role; ask another manager or an administrator.")
        )
    centre_role.delete()
    still_case_staff = CentreRole.objects.filter(
        user=centre_role.user, centre=centre_role.centre, role__in=CASE_ROLES
    ).exists()
    if centre_role.role in CASE_ROLES and not still_case_staff:
        case_role_lost.send(
            sender=CentreRole, centre=centre_role.centre, user=centre_role.user, by=by
        )


@records_actor
@transaction.atomic
def centre_update(*, centre: Centre, by: User, **fields) -> Centre:
    for name, value in fields.items():
        setattr(centre, name, value)
    centre.full_clean()
    centre.save()
    return centre


def purge_expired_access() -> dict[str, int]:
    """Retention: drop expired sessions, invitations that can no longer be used, the
    used keys of forms sent long ago, and the record of mails sent long ago."""
    now = timezone.now()
    sessions, _per_model = Session.objects.filter(expire_date__lt=now).delete()
    stale = Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=now)
    invitations = 0
    for invitation in stale:  # one by one, so each deletion is audited
        invitation.delete()
        invitations += 1
    form_keys = submissions.purge_old()
    sent_mails = mail.purge_old()
    return {
        "sessions": sessions,
        "invitations": invitations,
        "form_keys": form_keys,
        "sent_mails": sent_mails,
    }


@transaction.atomic
def user_language_set(*, user: User, language: str) -> None:
    """Keep `user`'s preferred language (the language of the mails they get) the one
    they chose on the site. Raises ValueError for a code not in settings.LANGUAGES."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(language)
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
