"""allauth forms, where ours must differ."""

from allauth.account.forms import ResetPasswordForm
from allauth.account.models import EmailAddress


class VerifiedResetPasswordForm(ResetPasswordForm):
    """A password reset goes only to an address its account has verified: an address
    added in the settings but never confirmed could belong to anyone who once had the
    account open. allauth mails an unknown address its usual "no account" note."""

    def clean_email(self) -> str:
        email = super().clean_email()
        verified = set(
            EmailAddress.objects.filter(
                user__in=self.users, email__iexact=email, verified=True
            ).values_list("user_id", flat=True)
        )
        self.users = [user for user in self.users if user.pk in verified]
        return email
