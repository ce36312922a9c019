import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create a local admin login if there is none, and print how to log in (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, url, **options):
        User = get_user_model()
        saved = settings.LOCAL_DIR / "admin-password"
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@localhost", password)
            settings.LOCAL_DIR.mkdir(exist_ok=True)
            saved.write_text(password)
            saved.chmod(0o600)
        admin = User.objects.filter(username="admin", is_superuser=True).first()
        if admin and saved.exists() and admin.check_password(saved.read_text().strip()):
            self.stdout.write(
                self.style.SUCCESS(f"Admin: {url}  user: admin  password: {saved.read_text().strip()}")
            )
        else:
            names = ", ".join(User.objects.filter(is_superuser=True).values_list("username", flat=True))
            self.stdout.write(
                f"Admin: {url}  log in as an existing superuser ({names}); "
                "reset a password with: .venv/bin/python manage.py changepassword NAME"
            )
