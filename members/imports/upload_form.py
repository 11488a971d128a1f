"""The upload form: a CSV or XLSX file within the limits, read into a `Sheet`."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from centres.numbers import figure, lazy_text, megabytes

from .limits import FORMATS, MAX_BYTES, MAX_ROWS
from .sheet import Upload, read_sheet


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.csv or .xlsx)"),
        help_text=lazy_text(
            lambda: (
                _("At most %(size)s MB and %(limit)s members. Only the first sheet is read.")
                % {"size": megabytes(MAX_BYTES), "limit": figure(MAX_ROWS)}
            )
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        fmt = PurePath(upload.name).suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(size)s MB. Split it into smaller files.")
                % {"size": megabytes(MAX_BYTES)}
            )
        self.upload = Upload(content=upload.read(), fmt=fmt)
        self.sheet = read_sheet(self.upload)
        return upload
