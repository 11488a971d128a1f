from datetime import UTC, date, datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from centres.models import (
    Centre,
    CentreRole,
    IntermediaryKind,
    Invitation,
    Programme,
    ProgrammeCoordinator,
    Role,
    User,
)

PASSWORD = "a-long-test-password-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("first_name")
    # Hashed before the row is written, so a user is one INSERT (and one audit row),
    # not an INSERT and an UPDATE that the audit trail diffs field by field.
    password = factory.Transformer(PASSWORD, transform=make_password)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    time_zone = "Asia/Amman"


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Centre {n}")
    code = factory.Sequence(lambda n: "C" + "".join(chr(65 + int(d)) for d in f"{n:03d}"))
    country = "JO"
    time_zone = "Asia/Amman"
    intermediary_kind = IntermediaryKind.NGO

    @factory.post_generation
    def created_at(centre, create, extracted, **kwargs):
        """Set up long before the periods tests report on (2020-01-01 unless given): a
        centre has no figures before its first day (advocacy.statistics.beginnings)."""
        centre.created_at = extracted or datetime(2020, 1, 1, tzinfo=UTC)
        if create:
            Centre.objects.filter(pk=centre.pk).update(created_at=centre.created_at)


class CentreRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CentreRole

    user = factory.SubFactory(UserFactory)
    centre = factory.SubFactory(CentreFactory)
    role = Role.SOCIAL_WORKER


class ProgrammeCoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeCoordinator

    user = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    centre = factory.SubFactory(CentreFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = Role.SOCIAL_WORKER
    expires_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=7))


class MemberFactory(factory.django.DjangoModelFactory):
    """A member registered through the action, so codes and digests are real."""

    class Meta:
        model = "members.Member"

    centre = factory.SubFactory(CentreFactory)
    preferred_name = factory.Faker("first_name")
    gender = "woman"
    age_band = "25-34"
    nationality = "NP"
    sector = "domestic"

    @classmethod
    def _create(cls, model_class, *args, centre, consents=("services", "statistics"), **kwargs):
        from members.actions import member_register

        # A phone is kept only with consent to be contacted (`Member.clean`).
        kwargs.setdefault("safe_to_contact", bool(kwargs.get("phone")))
        return member_register(centre=centre, by=None, consents=consents, **kwargs)


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Visit"

    centre = factory.SubFactory(CentreFactory)
    people = 1
    arrived_at = factory.LazyFunction(timezone.now)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "services.Service"

    centre = factory.SubFactory(CentreFactory)
    category = factory.LazyFunction(
        lambda: __import__(
            "centres.categories", fromlist=["ServiceCategory"]
        ).ServiceCategory.objects.get(code="language", centre=None)
    )
    name = factory.Sequence(lambda n: f"Arabic class {n}")
    capacity = 10


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "services.Session"

    service = factory.SubFactory(ServiceFactory)
    centre = factory.LazyAttribute(lambda session: session.service.centre)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timezone.timedelta(hours=1))
    capacity = factory.LazyAttribute(lambda session: session.service.capacity)


class SurveyFactory(factory.django.DjangoModelFactory):
    """A centre's survey: a 1–5 rating, a single choice and a free comment."""

    class Meta:
        model = "advocacy.Survey"
        skip_postgeneration_save = True

    centre = factory.SubFactory(CentreFactory)
    # Each its own title: a centre's list holds a title once in each language.
    titles = factory.Sequence(
        lambda n: {
            "en": f"How was your visit? ({n})",
            "ar": f"كيف كانت زيارتك؟ ({n})",
            "ne": f"तपाईंको भ्रमण कस्तो रह्यो? ({n})",
        }
    )

    @factory.post_generation
    def questions(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        from advocacy.models import Question

        Question.objects.create(
            survey=obj,
            position=0,
            kind="rating",
            texts={
                "en": "How welcome did you feel?",
                "ar": "هل شعرت بالترحيب؟",
                "ne": "तपाईंलाई कत्तिको स्वागत महसुस भयो?",
            },
        )
        Question.objects.create(
            survey=obj,
            position=1,
            kind="single",
            texts={
                "en": "Which service did you use?",
                "ar": "ما الخدمة التي استخدمتها؟",
                "ne": "तपाईंले कुन सेवा प्रयोग गर्नुभयो?",
            },
            options=[
                {"key": "1", "texts": {"en": "Advice", "ar": "نصيحة", "ne": "सल्लाह"}},
                {"key": "2", "texts": {"en": "Language class", "ar": "درس لغة", "ne": "भाषा कक्षा"}},
            ],
        )
        Question.objects.create(
            survey=obj,
            position=2,
            kind="comment",
            texts={"en": "Anything else?", "ar": "هل من شيء آخر؟", "ne": "अरू केही?"},
        )


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "advocacy.Comment"

    centre = factory.SubFactory(CentreFactory)
    channel = "phone"
    text = "The supervisor at Golden Palm keeps our passports."
    submitted_on = factory.LazyAttribute(lambda comment: centre_today(comment.centre))


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Committee"

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Workers' committee {n}")


def open_ballot(committee, options=("Childcare", "Arabic classes", "Legal advice"), **fields):
    """A priority ballot of `committee`, open now, its roll frozen from the members
    registered so far."""
    from members.actions import ballot_create, ballot_open

    now = timezone.now()
    fields.setdefault("method", "approval")
    if fields["method"] == "approval":
        fields.setdefault("max_choices", 2)
    ballot = ballot_create(
        committee=committee,
        by=None,
        kind=fields.pop("kind", "priority"),
        question=fields.pop("question", "What should the centre do first?"),
        opens_at=now,  # and the roll drawn at the same instant, not after
        closes_at=now + timezone.timedelta(days=7),
        roll_date=fields.pop("roll_date", now),
        options=options,
        **fields,
    )
    return ballot_open(ballot=ballot, by=None)


def close_voting(*, ballot, by=None, **kwargs):
    """Close and count `ballot` as at the end of its window: a window still running is
    brought to an end now (as a committee's early close would), then `ballot_close`
    counts it. A ballot not yet open, or not open, is left as it is."""
    from members.actions import ballot_close
    from members.models import Ballot

    now = timezone.now()
    Ballot.objects.filter(pk=ballot.pk, status="open", opens_at__lt=now, closes_at__gt=now).update(
        closes_at=now
    )
    return ballot_close(ballot=ballot, by=by, **kwargs)


def booked_ahead(session) -> datetime:
    """When a test books `session`: now, or an hour before it started if it has (a
    place is booked ahead, `services.actions.check_booking_open`)."""
    return min(timezone.now(), session.starts_at - timezone.timedelta(hours=1))


def centre_today(centre=None) -> date:
    """Today in `centre`'s calendar (by default the factories' zone, Asia/Amman): what a
    test means by "today" for anything a centre shows, whatever the server's zone and
    the hour the suite runs at."""
    from centres import local_time

    return local_time.today(centre or CentreFactory.build())


def fill_seats(committee, seats=None, *, years: int = 3):
    """Give each of `committee`'s seats (or of `seats`) a holder, a member of its centre,
    for a term from `years` before to `years` after the centre's today: a meeting counts
    only seats held on its date."""
    from datetime import timedelta

    from members.governance.models import SeatTerm

    today = centre_today(committee.centre)
    span = timedelta(days=366 * years)
    return [
        SeatTerm.objects.create(
            seat=seat,
            member=MemberFactory(centre=committee.centre),
            starts_on=today - span,
            ends_on=today + span,
        )
        for seat in (seats if seats is not None else committee.seats.all())
    ]
