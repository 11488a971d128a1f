"""Labels of stored choices for pages that show one on every row.

`get_FOO_display()` builds a dict of the field's choices on every call, and hashing a
lazy label translates it: a case list of 50 rows with 18 issue types looked up about
1,700 labels in the catalogue. A list page takes `choice_labels()` once instead and
reads each row's label from it (`{{ case.status|label_in:statuses }}`, filter in
`centres.templatetags.choices`).
"""

from __future__ import annotations

from django.db import models


def choice_labels(choices: type[models.Choices]) -> dict[str, str]:
    """{stored value: label} of `choices`, each label translated into the language
    active now (call it inside the request, not at import)."""
    return {value: str(label) for value, label in choices.choices}
