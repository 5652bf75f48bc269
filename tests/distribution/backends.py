"""An SMTP backend that runs a test's hook before each message: what happens while a
worker is in the middle of a batch."""

from django.core.mail.backends.smtp import EmailBackend


class HookedBackend(EmailBackend):
    before_each = None

    def send_messages(self, email_messages):
        if HookedBackend.before_each is not None:
            for message in email_messages:
                HookedBackend.before_each(message)
        return super().send_messages(email_messages)
