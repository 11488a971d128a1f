"""Mail servers that fail the way real ones do, for tests of retried tasks."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class DropsTheSecondMail(EmailBackend):
    """A mail server that drops the connection at the second message it is given, once."""

    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        if type(self).attempts == 2:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
