"""An import 组织部 uploaded may hold confidential rows (a confidential target's monthly values): the job, its
preview and its file are 组织部's alone, administrators included, on the import pages and in the admin."""

import pytest
from django.urls import reverse

from gaoyou_portal.models import ImportJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def confidential_job(users):
    return ImportJob.objects.create(spec="targets.values", original_name="选树三型干部月度数值.xlsx",
                                    created_by=users.orgdept,
                                    preview=[{"row": 2, "cells": ["C01", "组织部", "2026-11", "3"], "note": ""}])


def test_an_orgdept_upload_is_hidden_from_the_administrator_in_the_admin(client, users, confidential_job):
    other = ImportJob.objects.create(spec="targets.values", original_name="农户集中居住.xlsx",
                                     created_by=users.reporter)
    client.force_login(users.admin)
    listing = client.get(reverse("admin:gaoyou_portal_importjob_changelist")).content.decode()
    assert "农户集中居住.xlsx" in listing and "选树三型干部月度数值.xlsx" not in listing
    change = reverse("admin:gaoyou_portal_importjob_change", args=[confidential_job.pk])
    assert client.get(change).status_code in (302, 404)  # the admin redirects a row it cannot find to the list
    assert "C01" not in client.get(change, follow=True).content.decode()
    assert client.get(reverse("admin:gaoyou_portal_importjob_change", args=[other.pk])).status_code == 200
    client.force_login(users.orgdept)
    assert confidential_job in ImportJob.objects.visible_to(users.orgdept)


def test_an_orgdept_upload_is_in_no_one_elses_scope(users, confidential_job):
    for user in (users.admin, users.office, users.leader, users.reporter, users.safety):
        assert confidential_job not in ImportJob.objects.visible_to(user), user
    assert confidential_job in ImportJob.objects.visible_to(users.orgdept)
