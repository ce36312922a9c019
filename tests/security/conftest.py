import pytest


@pytest.fixture(autouse=True)
def no_login_locks(db):
    """Login throttling counts failures per user name and address: start and end each test
    with none, so one test's wrong passwords never lock out another's logins."""
    from axes.utils import reset

    reset()
    yield
    reset()
