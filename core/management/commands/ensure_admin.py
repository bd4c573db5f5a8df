import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create a local administrator with a random password and print the credentials. "
        "Safe to run again: an existing account keeps its password. For development only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--password-file",
            default=str(Path(settings.BASE_DIR) / ".local" / "admin-password"),
            help="Where the generated password is kept (git-ignored).",
        )

    def handle(self, *args, username, password_file, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            # A known account with a file-stored password has no place on a public server.
            raise CommandError("ensure_admin is for development; use createsuperuser.")
        user_model = get_user_model()
        password_path = Path(password_file)
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser(
                username=username, email=f"{username}@localhost", password=password
            )
            password_path.parent.mkdir(parents=True, exist_ok=True)
            password_path.write_text(password + "\n")
            password_path.chmod(0o600)
        elif password_path.exists() and user.check_password(password_path.read_text().strip()):
            password = password_path.read_text().strip()
        else:
            self.stdout.write(
                f"The account '{username}' exists with a password set elsewhere. "
                f"To set a new one: python manage.py changepassword {username}"
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                "Admin login: http://127.0.0.1:8000/admin/\n"
                f"  user:     {username}\n"
                f"  password: {password}"
            )
        )
