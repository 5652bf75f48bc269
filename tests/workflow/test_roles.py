import pytest
from django.contrib.auth.models import Group


@pytest.mark.django_db
def test_the_migration_creates_both_roles_with_the_right_permissions():
    officers = Group.objects.get(name="Press officers")
    editors = Group.objects.get(name="Editors")
    officer_perms = set(officers.permissions.values_list("codename", flat=True))
    editor_perms = set(editors.permissions.values_list("codename", flat=True))
    assert {
        "add_pressrelease",
        "change_pressrelease",
        "submit_pressrelease",
        "submit_event",
    } <= officer_perms
    assert (
        not {"publish_pressrelease", "publish_event", "delete_pressrelease", "add_embargolink"}
        & officer_perms
    )
    assert {
        "publish_pressrelease",
        "publish_event",
        "add_embargolink",
        "delete_pressrelease",
    } <= editor_perms
