"""One helper per governance object: 404 outside the centre."""

from django.shortcuts import get_object_or_404

from centres.models import Centre

from .models import Ballot, BallotOption


def get_ballot(centre: Centre, ballot_id: int) -> Ballot:
    return get_object_or_404(
        Ballot.objects.for_centre(centre).select_related("committee"), pk=ballot_id
    )


def get_option(centre: Centre, ballot_id: int, option_id: int) -> BallotOption:
    return get_object_or_404(
        BallotOption.objects.filter(ballot__committee__centre=centre, ballot_id=ballot_id),
        pk=option_id,
    )
