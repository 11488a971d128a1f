"""Reads of the advocacy app that cross models."""

from __future__ import annotations

from centres.models import CentreRole, Role

from .models import CaseNote, Grievance

# The role a sealed legal note's author is shown by, the first they hold in the centre.
AUTHOR_ROLES = (Role.LEGAL_ADVISOR, Role.MANAGER, Role.SOCIAL_WORKER)


def case_notes(user, grievance: Grievance) -> list[CaseNote]:
    """The notes of `grievance` that `user` is shown, oldest first.

    Legal notes in full only to those who may read them (`rules.advises_on_case`).
    The manager is shown each as sealed (`note.sealed` True): its date and its
    author's role in the centre (`note.author_role`, a label, or None once the author
    holds none), never its text, which is not even read from the database. Others see
    no legal note."""
    notes = grievance.notes.select_related("author")
    if user.has_perm("advocacy.read_legal_notes", grievance):
        return list(notes)
    shown = list(notes.filter(legal=False))
    if not user.has_perm("advocacy.see_legal_notes_exist", grievance.centre):
        return shown
    sealed = list(notes.filter(legal=True).defer("text"))
    held: dict[int, set[str]] = {}
    for user_id, role in CentreRole.objects.filter(
        centre_id=grievance.centre_id, user_id__in={note.author_id for note in sealed}
    ).values_list("user_id", "role"):
        held.setdefault(user_id, set()).add(role)
    for note in sealed:
        note.sealed = True
        roles = held.get(note.author_id, set())
        note.author_role = next((role.label for role in AUTHOR_ROLES if role in roles), None)
    return sorted(shown + sealed, key=lambda note: (note.written_at, note.pk))
