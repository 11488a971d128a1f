"""How often a kiosk may write: a stolen kiosk link must not forge visits in bulk.

Counted per kiosk in the configured cache (Redis in production, so every gunicorn
process shares the count), in fixed windows of a minute and of an hour. The limits
are settings (`KIOSK_WRITES_PER_MINUTE`, `KIOSK_WRITES_PER_HOUR`): a busy door sees a
few people a minute, a script hundreds.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from .models import Kiosk

# The most people one tap of "I'm here" may count: a group arriving together. More
# come in with the staff's head-count.
KIOSK_GROUP_MAX = 10


def _count(key: str, window: int) -> int:
    cache.add(key, 0, timeout=window * 2)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window * 2)
        return 1


def kiosk_may_write(kiosk: Kiosk, what: str = "checkin") -> bool:
    """Count one write (`what`: a check-in, a request...) against the kiosk's limits;
    False once either limit is passed in the current window."""
    now = int(time.time())
    limits = [
        (60, settings.KIOSK_WRITES_PER_MINUTE),
        (3600, settings.KIOSK_WRITES_PER_HOUR),
    ]
    allowed = True
    for window, limit in limits:
        key = f"kiosk-writes:{what}:{kiosk.pk}:{window}:{now // window}"
        allowed = _count(key, window) <= limit and allowed
    return allowed


def kiosk_anonymous_repeat(kiosk: Kiosk, people: int = 1) -> bool:
    """True for a head-count of `people` that follows one of the same size on the same
    kiosk within `KIOSK_ANONYMOUS_REPEAT_SECONDS`: the same tap sent again because the
    page seemed slow. Atomic in the shared cache, so taps at the same moment count one.
    A group says how many they are in one tap, and a count of another size is another
    group, so only a double tap is held back; two people a few seconds apart who each
    choose "1" are both welcomed, and only the count may miss one."""
    seconds = settings.KIOSK_ANONYMOUS_REPEAT_SECONDS
    if seconds <= 0:
        return False
    return not cache.add(f"kiosk-anonymous:{kiosk.pk}:{people}", 1, timeout=seconds)
