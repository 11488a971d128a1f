"""One object-access helper per model type: 404 outside the centre."""

from django.shortcuts import get_object_or_404

from centres.models import Centre

from .models import Kiosk, Member


def get_member(centre: Centre, member_id: int) -> Member:
    return get_object_or_404(Member.objects.for_centre(centre), pk=member_id)


def get_kiosk(centre: Centre, kiosk_id: int) -> Kiosk:
    return get_object_or_404(Kiosk.objects.filter(centre=centre), pk=kiosk_id)
