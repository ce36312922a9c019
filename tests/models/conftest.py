"""Model-layer fixtures: a desk editor from the groups the data migration made."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client


@pytest.fixture
def desk(db):
    """A logged-in editor of the desk (the "Editors" group comes from migration 0003)."""
    user = get_user_model().objects.create_user("desk-editor", password="x-desk-test-9", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client
