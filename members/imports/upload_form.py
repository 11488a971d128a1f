"""The upload form: a CSV or XLSX file within the limits, read into a `Sheet`."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .limits import FORMATS, MAX_BYTES
from .sheet import Upload, read_sheet


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.csv or .xlsx)"),
        help_text=gettext_lazy("At most 2 MB and 1,000 members. Only the first sheet is read."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        fmt = PurePath(upload.name).suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 2 MB. Split it into smaller files."))
        self.upload = Upload(content=upload.read(), fmt=fmt)
        self.sheet = read_sheet(self.upload)
        return upload
