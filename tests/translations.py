"""Counting catalogue lookups, for list pages whose translation work must not grow with
their rows."""

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils.translation.trans_real import DjangoTranslation


@contextmanager
def catalogue_lookups() -> Iterator[mock.Mock]:
    """Counts every message looked up in a catalogue inside the block (gettext,
    pgettext and lazy strings all end there): `lookups.call_count`."""
    with mock.patch.object(
        DjangoTranslation, "gettext", autospec=True, side_effect=DjangoTranslation.gettext
    ) as lookups:
        yield lookups
