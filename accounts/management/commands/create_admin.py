"""Create the first administrator with a random password, printed once.

There is never a fixed default password. When an administrator exists already,
nothing changes (reset a password with ``manage.py changepassword``).
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the administrator account 'admin' with a random password, once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "An administrator exists already. Forgot the password? "
                f"Run: .venv/bin/python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Administrator created. Log in at /admin/ as '{username}' with password: "
                f"{password}\nThis password is shown only once."
            )
        )
