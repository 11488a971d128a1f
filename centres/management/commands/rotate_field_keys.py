"""Re-encrypt every encrypted field and recompute every search digest with the current
field key (the first of FIELD_ENCRYPTION_KEY).

Rotation: put the new key first and keep the old one after it, deploy, run this
command, then remove the old key. It works in batches, each in its own transaction,
and skips what is already current, so it can be interrupted and run again.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, models, transaction

from centres import crypto
from centres.fields import EncryptedTextField

# allauth keeps TOTP secrets and recovery-code seeds, encrypted by our MFA adapter,
# under these keys of Authenticator.data.
AUTHENTICATOR_SECRETS = ("secret", "seed")


class Command(BaseCommand):
    help = "Re-encrypt encrypted fields and recompute search digests with the current key."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options) -> None:
        total = 0
        for model in apps.get_models():
            fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            if fields or hasattr(model, "recompute_digests"):
                count, digests = self._model(model, fields, batch_size)
                total += count
                self.stdout.write(
                    f"{model._meta.label_lower}: {count} re-encrypted, {digests} digests"
                )
        count = self._authenticators(batch_size)
        total += count
        self.stdout.write(f"mfa.authenticator: {count} re-encrypted")
        self.stdout.write(f"Done: {total} re-encrypted")

    def _model(self, model, fields: list[models.Field], batch_size: int) -> tuple[int, int]:
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        pk = quote(model._meta.pk.column)
        columns = ", ".join(quote(f.column) for f in fields)
        select = f"SELECT {pk}{', ' + columns if columns else ''} FROM {table} "  # noqa: S608
        select += f"WHERE {pk} > %s ORDER BY {pk} LIMIT %s"
        last, rewritten, digested = 0, 0, 0
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(select, [last, batch_size])
                rows = cursor.fetchall()
                if not rows:
                    return rewritten, digested
                for row in rows:
                    for field, token in zip(fields, row[1:], strict=True):
                        if token and not crypto.is_current(token):
                            cursor.execute(
                                f"UPDATE {table} SET {quote(field.column)} = %s "  # noqa: S608
                                f"WHERE {pk} = %s",
                                [crypto.rotate(token), row[0]],
                            )
                            rewritten += 1
                if hasattr(model, "recompute_digests"):
                    digested += self._digests(model, [row[0] for row in rows])
                last = rows[-1][0]

    def _digests(self, model, pks: list) -> int:
        changed = 0
        for instance in model._base_manager.filter(pk__in=pks).select_for_update():
            before = dict(instance.__dict__)
            names = instance.recompute_digests()
            after = {name: getattr(instance, name) for name in names}
            if any(before[name] != value for name, value in after.items()):
                model._base_manager.filter(pk=instance.pk).update(**after)
                changed += 1
        return changed

    def _authenticators(self, batch_size: int) -> int:
        rewritten, last = 0, 0
        while True:
            with transaction.atomic():
                batch = list(
                    Authenticator.objects.select_for_update()
                    .filter(pk__gt=last)
                    .order_by("pk")[:batch_size]
                )
                if not batch:
                    return rewritten
                for authenticator in batch:
                    data = dict(authenticator.data)
                    stale = [
                        key
                        for key in AUTHENTICATOR_SECRETS
                        if isinstance(data.get(key), str) and not crypto.is_current(data[key])
                    ]
                    for key in stale:
                        data[key] = crypto.rotate(data[key])
                    if stale:
                        Authenticator.objects.filter(pk=authenticator.pk).update(data=data)
                        rewritten += 1
                last = batch[-1].pk
