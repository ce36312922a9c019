"""The desk's signal receivers, connected in `DeskConfig.ready()`."""

from articles import publishing

from . import notifications


def connect():
    # Every workflow step tells the people involved (front page and email).
    publishing.step_taken.connect(notifications.step_taken, dispatch_uid="articles.notify")
