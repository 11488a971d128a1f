"""E-mail backends for tests: the in-memory outbox, failing where a test says so."""

from smtplib import SMTPException

from django.core.mail.backends.locmem import EmailBackend


class FailingOnceBackend(EmailBackend):
    """Refuses the first message to each address in `FAIL_ONCE_FOR`, like an SMTP
    server that drops the connection, then delivers normally."""

    FAIL_ONCE_FOR: set[str] = set()

    def send_messages(self, messages):
        for message in messages:
            for address in message.to:
                if address in self.FAIL_ONCE_FOR:
                    self.FAIL_ONCE_FOR.discard(address)
                    raise SMTPException("connection dropped")
        return super().send_messages(messages)
