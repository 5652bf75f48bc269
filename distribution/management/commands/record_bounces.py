import email
import email.policy
import mailbox
import sys

from django.core.management.base import BaseCommand

from distribution.bounces import record


class Command(BaseCommand):
    help = (
        "Mark the messages named by bounce reports (RFC 3464) as bounced in the send "
        "log. Reads one report from standard input (a mail server's pipe), or the "
        "files given, or every message of an mbox (--mbox)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="files, each holding one report")
        parser.add_argument("--mbox", help="an mbox file of reports")

    def handle(self, *args, paths=(), mbox=None, **options):
        reports = []
        if mbox:
            reports += [
                email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
                for message in mailbox.mbox(mbox)
            ]
        for path in paths:
            with open(path, "rb") as data:
                reports.append(email.message_from_binary_file(data, policy=email.policy.default))
        if not mbox and not paths:
            reports.append(
                email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
            )
        marked = sum(len(record(report)) for report in reports)
        self.stdout.write(f"{len(reports)} report(s) read, {marked} message(s) marked bounced")
