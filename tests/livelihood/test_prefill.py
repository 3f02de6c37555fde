"""A task's progress form is prefilled with the last percentage entered."""

import pytest
from django.urls import reverse

from livelihood import services

pytestmark = pytest.mark.django_db


def test_the_progress_form_is_prefilled_with_the_last_percentage(client, users, task):
    services.update_add(task=task, user=users.dept_reporter, percent=40, text="完成管网 3 公里", published=False)
    client.force_login(users.dept_reporter)
    form = client.get(reverse("livelihood:update_create", args=[task.pk])).context["form"]
    assert form.initial["percent"] == 40
    assert client.get(task.get_staff_url()).context["progress_form"].initial["percent"] == 40


def test_a_task_without_updates_starts_from_its_own_percent(client, users, task):
    client.force_login(users.dept_reporter)
    assert client.get(reverse("livelihood:update_create", args=[task.pk])).context["form"].initial["percent"] == 0
