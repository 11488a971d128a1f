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


def encrypt_plaintext(app_label: str, model_name: str, *columns: str):
    """A migration step that encrypts what was stored as plaintext in `columns` before
    they became encrypted fields (raw SQL: historical models would try to decrypt)."""
    from cryptography.fernet import InvalidToken

    def run(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        for column in columns:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT id, {quote(column)} FROM {table}")  # noqa: S608
                for pk, value in cursor.fetchall():
                    if not value:
                        continue
                    try:
                        crypto.decrypt(value)
                    except (InvalidToken, ValueError):
                        cursor.execute(
                            f"UPDATE {table} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608
                            [crypto.encrypt(value), pk],
                        )

    return run
