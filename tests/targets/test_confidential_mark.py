"""Confidentiality belongs to 组织部 (issue 23, hole 4): only 组织部 creates a confidential target, sets or clears
the mark or edits one; the plan import, the office's form and the plan copy keep the database's mark, and a
confidential code the office may not see is answered without telling that it exists."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from gaoyou_portal.models import ImportJob
from targets import services
from targets.models import MonthlyValue, Plan, Target


@pytest.fixture
def secret(make_target, units):
    return make_target(code="C01", title="选树三型干部", is_confidential=True, is_public=False, lead_unit=units.dept,
                       definition="选树的三型干部人数，自1月1日起累计。", data_source="组织部每月报送的名单。")


def _sheet(*rows):
    from targets.imports import TargetPlanImport

    book = Workbook()
    book.active.append(TargetPlanImport(user=None).headers)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("plan.xlsx", buffer.getvalue())


def _row(code, year, confidential="", title="改写的标题"):
    return [code, "聚焦经济发展", title, "", "选树的干部人数，自1月1日起累计。", "牵头单位每月报送的名单。",
            "单位填报", 10, "名", "", f"{year}-12-31", "", "", "", "测试局", "", "", "否", confidential]


@pytest.mark.parametrize("mark", ["否", ""])
def test_a_plan_import_cannot_clear_the_mark_and_reveals_nothing(client, users, secret, year, mark):
    client.force_login(users.office)
    url = reverse("targets:plan_import") + f"?year={year}"
    page = client.post(url, {"file": _sheet(_row("C01", year, mark))}, follow=True).content.decode()
    assert f"编号 C01 不能在{year}年目标任务中使用，请换用其他编号。" in page
    assert "只有考核办" not in page and "组织部" not in page and "涉密" not in page.split("编号 C01")[1][:80]
    job = ImportJob.objects.filter(spec="targets.plan").order_by("pk").last()
    if job is not None:
        client.post(reverse("import_confirm", args=[job.pk]))
    secret.refresh_from_db()
    assert secret.is_confidential and secret.title == "选树三型干部"
    # leader, reporter and admin still do not read it
    for user in (users.leader, users.reporter, users.admin, users.office):
        client.force_login(user)
        assert client.get(reverse("targets:target_detail", args=[secret.pk])).status_code == 404


def test_the_office_cannot_create_a_confidential_target_by_import_or_service(client, users, plan, section, units,
                                                                               year):
    client.force_login(users.office)
    url = reverse("targets:plan_import") + f"?year={year}"
    page = client.post(url, {"file": _sheet(_row("C09", year, "是"))}, follow=True).content.decode()
    assert "只有组织部可以将目标任务标为涉密或取消涉密标记。" in page
    assert not Target.objects.filter(code="C09").exists()
    target = Target.objects.create(plan=plan, section=section, code="A01", title="普通目标", figure=Decimal(5),
                                   deadline=f"{year}-12-31", lead_unit=units.dept,
                                   definition="全年新增的个数。", data_source="牵头单位每月报送。")
    target.is_confidential = True
    with pytest.raises(ValidationError) as excinfo:
        services.target_save(target=target, user=users.office)
    assert "只有组织部可以将目标任务标为涉密" in str(excinfo.value)
    assert not Target.objects.get(pk=target.pk).is_confidential


def test_only_the_department_edits_or_clears_a_confidential_target(users, secret):
    secret.is_confidential = False
    for user in (users.office, users.admin, users.leader):
        with pytest.raises(ValidationError) as excinfo:
            services.target_save(target=secret, user=user)
        assert "C01" in str(excinfo.value) and "涉密" not in str(excinfo.value)
    assert Target.objects.get(pk=secret.pk).is_confidential
    services.target_save(target=secret, user=users.orgdept)
    assert not Target.objects.get(pk=secret.pk).is_confidential


def test_the_offices_form_does_not_take_the_mark(client, users, make_target):
    target = make_target(code="A02", title="普通目标二")
    client.force_login(users.office)
    page = client.get(reverse("targets:target_edit", args=[target.pk])).content.decode()
    assert 'name="is_confidential"' in page and "disabled" in page.split('name="is_confidential"')[1][:200] + \
        page.split('name="is_confidential"')[0][-200:]
    from targets.forms import TargetForm

    form = TargetForm(instance=target, plan=target.plan, user=users.office)
    assert form.fields["is_confidential"].disabled
    assert not TargetForm(instance=target, plan=target.plan, user=users.orgdept).fields["is_confidential"].disabled


def test_the_plan_copy_keeps_the_mark(users, secret, units):
    MonthlyValue.objects.create(target=secret, unit=units.dept, month=secret.deadline.replace(day=1), value=3)
    plan = services.plan_copy(source=secret.plan, year=secret.plan.year + 1, user=users.office)
    copied = Target.objects.get(plan=plan, code="C01")
    assert copied.is_confidential and not copied.is_public
    assert Plan.objects.get(pk=plan.pk).targets.visible_to(users.office).filter(code="C01").count() == 0
