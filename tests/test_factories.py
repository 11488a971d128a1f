"""The cast's people are cheap to make: each user is written once, password included."""

from django.contrib.contenttypes.models import ContentType

from centres.models import AuditEntry, User

from .factories import PASSWORD, UserFactory


def _trail(user) -> list[int]:
    users = ContentType.objects.get_for_model(User)
    entries = AuditEntry.objects.filter(content_type=users, object_pk=str(user.pk))
    return list(entries.values_list("action", flat=True))


def test_a_user_is_one_insert_with_a_password_that_signs_in(db):
    user = UserFactory()
    assert _trail(user) == [AuditEntry.Action.CREATE]
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)
    assert user.emailaddress_set.get().verified


def test_a_password_given_is_hashed_too(db):
    user = UserFactory(password="another-long-password")
    stored = User.objects.get(pk=user.pk)
    assert stored.password != "another-long-password"
    assert stored.check_password("another-long-password")
