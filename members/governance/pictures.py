"""Candidates' pictures: bounded in size and type, re-encoded before they are stored.

Re-encoding drops everything but the pixels (a phone photo's metadata can hold the
place it was taken) and keeps pages light: at most 320 × 320 pixels, JPEG.
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from centres.numbers import megabytes

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 4000 * 4000
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
SIDE = 320


def too_large() -> ValidationError:
    return ValidationError(
        _("The picture is too large: at most %(size)s MB.") % {"size": megabytes(MAX_UPLOAD_BYTES)}
    )


def clean_picture(data: bytes) -> bytes:
    """The picture as a small JPEG, or ValidationError for anything else."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise too_large()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind, (width, height) = probe.format, probe.size
            probe.verify()
        if kind not in ACCEPTED_FORMATS:
            raise ValidationError(_("The picture must be a JPEG, PNG or WebP image."))
        if width * height > MAX_PIXELS:
            raise ValidationError(_("The picture has too many pixels."))
        with Image.open(io.BytesIO(data)) as image:
            image = image.convert("RGB")
            image.thumbnail((SIDE, SIDE))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=80, optimize=True)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("The picture must be a JPEG, PNG or WebP image.")) from None
    return out.getvalue()
