"""A text field encrypted at rest with the field-encryption key (never SECRET_KEY).

The database holds only Fernet tokens: a dump shows no plaintext. Encrypted fields
cannot be searched or sorted in SQL; where a lookup is needed (a phone number),
keep a keyed digest beside it (see `crypto.digest`).
"""

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return crypto.encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return crypto.decrypt(value)

    def get_internal_type(self) -> str:
        return "TextField"
