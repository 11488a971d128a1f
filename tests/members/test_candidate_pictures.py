"""Candidates' pictures: optional, bounded in size and type, re-encoded, shown with alt text."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from members.actions import (
    booth_check_in,
    committee_create,
    election_create,
    election_open_voting,
)
from members.models import Ballot, Candidate, Election

from ..devices import paired_booth
from ..factories import MemberFactory


def _image(fmt="PNG", size=(800, 600), exif=False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "PhoneMaker"  # camera make: must not survive
        kwargs["exif"] = data.tobytes()
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


@pytest.fixture
def voter(centre, worker):
    member = MemberFactory(centre=centre, preferred_name="Sita")
    member.account = worker
    member.registered_at = timezone.now() - timezone.timedelta(days=30)
    member.save()
    return member


@pytest.fixture
def rival(centre):
    member = MemberFactory(centre=centre, preferred_name="Asha")
    member.registered_at = timezone.now() - timezone.timedelta(days=30)
    member.save()
    return member


@pytest.fixture
def election(centre, social_worker, voter, rival):
    committee = committee_create(
        centre=centre, by=None, name="Workers' committee", seats=[("chair", "")]
    )
    now = timezone.now()
    return election_create(
        committee=committee,
        by=None,
        title="Chair 2026",
        seats=[committee.seats.first()],
        method="plurality",
        returning_officer=social_worker,
        nominations_open_at=now - timezone.timedelta(minutes=5),
        nominations_close_at=now + timezone.timedelta(days=1),
        opens_at=now + timezone.timedelta(days=1),
        closes_at=now + timezone.timedelta(days=2),
        term_starts_on=now.date() + timezone.timedelta(days=4),  # once voting has closed
        term_ends_on=now.date() + timezone.timedelta(days=365),
        roll_date=now,
    )


def _nominate(client, election, picture, name="Sita"):
    url = reverse("election_detail", args=[election.ballot.committee.centre_id, election.pk])
    data = {"display_name": name, "statement": "I will listen."}
    if picture is not None:
        data["picture"] = picture
    return client.post(url, data)


def test_a_picture_is_re_encoded_small_and_shown_with_alt_text(client, worker, election):
    client.force_login(worker)
    upload = SimpleUploadedFile("me.jpg", _image("JPEG", exif=True), content_type="image/jpeg")
    assert _nominate(client, election, upload).status_code == 302
    candidate = Candidate.objects.get()
    stored = bytes(candidate.picture)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and max(image.size) <= 320
        assert 0x010F not in image.getexif()
    centre_id = election.ballot.committee.centre_id
    page = client.get(reverse("election_detail", args=[centre_id, election.pk])).content.decode()
    assert 'alt="Picture of Sita"' in page
    url = reverse("candidate_picture", args=[centre_id, election.pk, candidate.pk])
    response = client.get(url)
    assert response["Content-Type"] == "image/jpeg" and response.content == stored
    assert client.post(url).status_code == 405


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"not an image at all", "me.png", "must be a JPEG, PNG or WebP"),
        (_image("GIF", (10, 10)), "me.gif", "must be a JPEG, PNG or WebP"),
        (b"0" * (2 * 1024 * 1024 + 1), "big.png", "too large"),
        (_image("PNG", (4100, 4000)), "huge.png", "too many pixels"),
    ],
)
def test_bad_pictures_are_refused_and_nothing_saved(
    client, worker, election, content, name, message
):
    client.force_login(worker)
    response = _nominate(client, election, SimpleUploadedFile(name, content))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Candidate.objects.exists()


def test_the_picture_is_optional_and_private_to_the_centre(client, cast, worker, election):
    client.force_login(worker)
    assert _nominate(client, election, None).status_code == 302
    candidate = Candidate.objects.get()
    centre_id = election.ballot.committee.centre_id
    url = reverse("candidate_picture", args=[centre_id, election.pk, candidate.pk])
    assert client.get(url).status_code == 404  # no picture
    Candidate.objects.update(picture=_image("JPEG", (50, 50)))
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(cast["coordinator"])
    assert client.get(url).status_code == 403


def test_the_booth_shows_pictures_of_its_open_ballot_only(
    client, centre, manager, voter, rival, election
):
    from members.actions import candidate_nominate

    with_picture = candidate_nominate(
        election=election,
        member=voter,
        nominated_by=voter,
        display_name="Sita",
        picture=_image("PNG", (40, 40)),
    )
    candidate_nominate(election=election, member=rival, nominated_by=rival, display_name="Asha")
    now = timezone.now()
    Election.objects.filter(pk=election.pk).update(nominations_close_at=now)
    Ballot.objects.filter(pk=election.ballot_id).update(opens_at=now)
    election.refresh_from_db()
    ballot = election_open_voting(election=election, by=None)
    device = paired_booth(client, centre, by=manager)
    picture = reverse("booth_picture", args=[with_picture.pk])
    assert client.get(picture).status_code == 404  # nothing open on the booth yet
    booth_check_in(ballot=ballot, member=voter, device=device, by=manager)
    page = client.get(reverse("booth")).content.decode()
    assert picture in page and 'alt="Picture of Sita"' in page
    assert client.get(picture)["Content-Type"] == "image/jpeg"
    assert Client().get(picture).status_code == 404  # another tablet: no booth
