"""`runserver` that starts while the database is down, as gunicorn does.

Django's runserver looks for unapplied migrations before it serves, and a database it
cannot reach stops it with a traceback. The site itself copes (pages answer 503 in the
reader's language and recover when the database is back; see docs/operations.md), so the
development server says so and serves instead.
"""

from django.db import DatabaseError
from whitenoise.runserver_nostatic.management.commands.runserver import Command as RunserverCommand


class Command(RunserverCommand):
    def check_migrations(self):
        try:
            super().check_migrations()
        except DatabaseError as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            self.stdout.write(
                self.style.WARNING(
                    f"The database is not reachable ({first_line}).\n"
                    "Serving anyway: pages answer 503 until it is back; unapplied migrations were not checked."
                )
            )
