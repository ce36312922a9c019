from axes.utils import reset
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Lift a login lock-out (too many wrong passwords) for a user name, from every address "
        "or only from --ip. Without a user name, --ip lifts every lock on that address."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?")
        parser.add_argument("--ip", help="only the lock from this address")

    def handle(self, *args, username, ip, **options):
        if not username and not ip:
            raise CommandError("give a user name, --ip, or both")
        count = reset(ip=ip, username=username)
        self.stdout.write(f"lifted {count} lock(s)")
