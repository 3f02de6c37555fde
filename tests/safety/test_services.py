"""The case workflow: every allowed and forbidden transition, the reopen rule, and the bad inputs."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from gaoyou_portal.credit_codes import is_valid_credit_code, make_credit_code
from org.models import Notice
from safety import services
from safety.choices import CaseState, FirmDisposition, Verdict, WorkshopDisposition
from safety.models import ChemicalFirm, Inspection, InspectionPhoto

from .factories import TODAY, ChemicalFirmFactory, GarmentWorkshopFactory, InspectionFactory, ItemFactory, photo

pytestmark = pytest.mark.django_db

ALLOWED_FROM = {
    "start": {CaseState.DECIDED},
    "submit": {CaseState.IN_PROGRESS, CaseState.SENT_BACK, CaseState.REOPENED},
    "close_out": {CaseState.SUBMITTED},
    "send_back": {CaseState.SUBMITTED},
    "set_disposition": {CaseState.UNDECIDED, CaseState.DECIDED, CaseState.IN_PROGRESS, CaseState.SENT_BACK,
                        CaseState.REOPENED},
}
RESULT = {"start": CaseState.IN_PROGRESS, "submit": CaseState.SUBMITTED, "close_out": CaseState.CLOSED_OUT,
          "send_back": CaseState.SENT_BACK}


def _case(state, town, submitter=None):
    firm = ChemicalFirmFactory(
        town=town, state=state, submitted_by=submitter,
        disposition="" if state == CaseState.UNDECIDED else FirmDisposition.RECTIFY,
    )
    InspectionFactory(firm=firm, verdict=Verdict.PASSED)
    return firm


def _do(action, case, users):
    if action == "start":
        return services.case_start(case=case, user=users.reporter)
    if action == "submit":
        return services.case_submit(case=case, user=users.reporter)
    if action == "close_out":
        return services.case_close_out(case=case, user=users.safety)
    if action == "send_back":
        return services.case_send_back(case=case, reason="照片不全", user=users.safety)
    return services.case_set_disposition(case=case, disposition=FirmDisposition.CLOSE,
                                         deadline=TODAY + dt.timedelta(days=60), user=users.safety)


@pytest.mark.parametrize("state", list(CaseState))
@pytest.mark.parametrize("action", list(ALLOWED_FROM))
def test_every_transition_is_allowed_only_from_its_states(action, state, users, units):
    case = _case(state, units.town, submitter=users.reporter)
    before = case.history.count()
    if state in ALLOWED_FROM[action]:
        _do(action, case, users)
        case.refresh_from_db()
        expected = RESULT.get(action) or (CaseState.DECIDED if state == CaseState.UNDECIDED else state)
        assert case.state == expected
        assert case.history.count() == before + 1
        assert case.history.first().history_user is not None
    else:
        with pytest.raises(ValidationError) as info:
            _do(action, case, users)
        assert info.value.messages == [f"案件处于“{CaseState(state).label}”状态，此操作不可行。"]
        case.refresh_from_db()
        assert case.state == state
        assert case.history.count() == before


def test_submit_records_who_and_when(users, units):
    case = _case(CaseState.IN_PROGRESS, units.town)
    services.case_submit(case=case, user=users.reporter)
    case.refresh_from_db()
    assert case.submitted_by == users.reporter and case.submitted_at is not None


def test_nobody_accepts_their_own_submission(users, units):
    case = _case(CaseState.IN_PROGRESS, units.town)
    services.case_submit(case=case, user=users.safety)
    with pytest.raises(ValidationError) as info:
        services.case_close_out(case=case, user=users.safety)
    assert "不能验收自己提交" in info.value.messages[0]
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED


def test_a_reporter_cannot_accept_or_send_back(users, units):
    case = _case(CaseState.SUBMITTED, units.town, submitter=users.safety)
    for call in (lambda: services.case_close_out(case=case, user=users.reporter),
                 lambda: services.case_send_back(case=case, reason="x", user=users.reporter)):
        with pytest.raises(ValidationError) as info:
            call()
        assert "只有应急管理局" in info.value.messages[0]
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED


def test_striking_off_a_closure_needs_an_inspection_confirming_it(users, units):
    firm = ChemicalFirmFactory(town=units.town, disposition=FirmDisposition.CLOSE, state=CaseState.SUBMITTED,
                               submitted_by=users.reporter)
    with pytest.raises(ValidationError) as info:
        services.case_close_out(case=firm, user=users.safety)
    assert "关闭须经检查确认" in info.value.messages[0]
    InspectionFactory(firm=firm, verdict=Verdict.HAZARDS_REMAIN)
    with pytest.raises(ValidationError):
        services.case_close_out(case=firm, user=users.safety)
    firm.refresh_from_db()
    assert firm.state == CaseState.SUBMITTED
    InspectionFactory(firm=firm, verdict=Verdict.CLOSURE_CONFIRMED, date=TODAY)
    services.case_close_out(case=firm, user=users.safety)
    firm.refresh_from_db()
    assert firm.state == CaseState.CLOSED_OUT and firm.closed_out_by == users.safety


def test_striking_off_needs_every_item_verified(users, units):
    case = _case(CaseState.SUBMITTED, units.town, submitter=users.reporter)
    item = ItemFactory(firm=case)
    with pytest.raises(ValidationError) as info:
        services.case_close_out(case=case, user=users.safety)
    assert "整改事项" in info.value.messages[0]
    services.item_mark_done(item=item, done_on=TODAY, user=users.reporter)
    services.item_verify(item=item, user=users.safety)
    services.case_close_out(case=case, user=users.safety)
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED_OUT


def test_sending_back_needs_reasons_and_keeps_them(users, units):
    case = _case(CaseState.SUBMITTED, units.town, submitter=users.reporter)
    with pytest.raises(ValidationError) as info:
        services.case_send_back(case=case, reason="  ", user=users.safety)
    assert "退回理由" in info.value.messages[0]
    services.case_send_back(case=case, reason="灭火器仍过期", user=users.safety)
    case.refresh_from_db()
    assert case.state == CaseState.SENT_BACK and case.sent_back_reason == "灭火器仍过期"


def test_the_deadline_cannot_be_before_the_disposition_date(users, units):
    case = ChemicalFirmFactory(town=units.town, state=CaseState.UNDECIDED, disposition="", deadline=None,
                               disposition_date=None)
    with pytest.raises(ValidationError) as info:
        services.case_set_disposition(case=case, disposition=FirmDisposition.CLOSE, user=users.safety,
                                      disposition_date=dt.date(2026, 5, 1), deadline=dt.date(2026, 4, 1))
    assert "整改期限不能早于处置日期" in info.value.messages[0]
    case.refresh_from_db()
    assert case.state == CaseState.UNDECIDED and case.disposition == ""


def test_a_duplicate_credit_code_is_refused(users, units):
    existing = ChemicalFirmFactory(town=units.town)
    with pytest.raises(ValidationError) as info:
        services.case_create(model=ChemicalFirm, user=users.safety, data={
            "name": "重复公司", "credit_code": existing.credit_code, "town": units.town})
    assert "统一社会信用代码" in " ".join(info.value.messages)
    assert ChemicalFirm.objects.count() == 1


def test_a_bad_credit_code_is_refused(users, units):
    with pytest.raises(ValidationError) as info:
        services.case_create(model=ChemicalFirm, user=users.safety, data={
            "name": "坏代码公司", "credit_code": "91321084000000001X", "town": units.town})
    assert "不是有效的统一社会信用代码" in " ".join(info.value.messages)
    assert not ChemicalFirm.objects.exists()


def test_credit_codes_follow_gb_32100():
    assert is_valid_credit_code("91350100M000100Y43")
    assert is_valid_credit_code(make_credit_code(42))
    assert not is_valid_credit_code("91350100M000100Y44")
    assert not is_valid_credit_code("91350100M000100Y4")
    assert not is_valid_credit_code("91350100I000100Y43")


def test_a_town_reporter_cannot_write_outside_their_town(users, units):
    case = _case(CaseState.IN_PROGRESS, units.other_town)
    for call in (
        lambda: services.case_submit(case=case, user=users.reporter),
        lambda: services.case_update(case=case, data={"address": "x"}, user=users.reporter),
        lambda: services.inspection_record(case=case, date=TODAY, inspectors="a", findings="b",
                                           verdict=Verdict.HAZARDS_REMAIN, user=users.reporter),
        lambda: services.item_add(case=case, hazard="h", measure="m", deadline=TODAY, user=users.reporter),
    ):
        with pytest.raises(ValidationError) as info:
            call()
        assert "只能修改本镇" in info.value.messages[0]
    case.refresh_from_db()
    assert case.state == CaseState.IN_PROGRESS and case.address == "测试地址1号"
    assert case.inspections.count() == 1  # only the factory's


def test_a_reporter_changes_only_the_working_fields(users, units):
    case = _case(CaseState.IN_PROGRESS, units.town)
    services.case_update(case=case, data={"address": "新地址", "responsible_person": "张三"}, user=users.reporter)
    with pytest.raises(ValidationError) as info:
        services.case_update(case=case, data={"is_public": True}, user=users.reporter)
    assert "is_public" in info.value.messages[0]
    case.refresh_from_db()
    assert case.address == "新地址" and case.is_public is False
    assert case.history.first().history_user == users.reporter


def test_an_inspection_keeps_its_photos(users, units):
    case = _case(CaseState.IN_PROGRESS, units.town)
    inspection = services.inspection_record(case=case, date=TODAY, inspectors="镇安监办 郑华", findings="已整改",
                                            verdict=Verdict.PASSED, user=users.reporter,
                                            photos=[photo("a.png"), photo("b.jpg", fmt="JPEG")])
    assert inspection.photos.count() == 2
    assert inspection.recorded_by == users.reporter


@pytest.mark.parametrize("upload, message", [
    ("not-image", "不是图片"),
    ("too-big", "大于"),
])
def test_photos_that_are_not_images_or_too_large_are_refused(upload, message, users, units, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = _case(CaseState.IN_PROGRESS, units.town)
    if upload == "not-image":
        bad = SimpleUploadedFile("evil.png", b"%PDF-1.4 not an image", content_type="image/png")
    else:
        settings.PORTAL_MAX_IMAGE_BYTES = 100
        bad = photo("big.png", size=(200, 200))
    with pytest.raises(ValidationError) as info:
        services.inspection_record(case=case, date=TODAY, inspectors="a", findings="b", verdict=Verdict.PASSED,
                                   user=users.reporter, photos=[photo("ok.png"), bad])
    assert message in " ".join(info.value.messages)
    assert case.inspections.count() == 1 and not InspectionPhoto.objects.exists()


def test_verdicts_must_fit_the_disposition(users, units):
    rectify = _case(CaseState.IN_PROGRESS, units.town)
    with pytest.raises(ValidationError):
        services.inspection_record(case=rectify, date=TODAY, inspectors="a", findings="b",
                                   verdict=Verdict.CLOSURE_CONFIRMED, user=users.safety)
    shut = GarmentWorkshopFactory(town=units.town, disposition=WorkshopDisposition.SHUT)
    with pytest.raises(ValidationError):
        services.inspection_record(case=shut, date=TODAY, inspectors="a", findings="b", verdict=Verdict.PASSED,
                                   user=users.safety)
    with pytest.raises(ValidationError) as info:
        services.inspection_record(case=shut, date=TODAY + dt.timedelta(days=1), inspectors="a", findings="b",
                                   verdict=Verdict.CLOSURE_CONFIRMED, user=users.safety)
    assert "检查日期不能晚于今天" in " ".join(info.value.messages)


def test_a_closed_firm_found_operating_again_is_reopened_and_raised_to_the_leaders(users, units):
    firm = ChemicalFirmFactory(town=units.town, disposition=FirmDisposition.CLOSE, state=CaseState.CLOSED_OUT,
                               closed_out_by=users.safety)
    mail.outbox.clear()
    services.inspection_record(case=firm, date=TODAY, inspectors="应急局 钱明", findings="设备重新运行",
                               verdict=Verdict.OPERATING_AGAIN, user=users.reporter)
    firm.refresh_from_db()
    assert firm.state == CaseState.REOPENED
    assert firm.raised_to_leaders and firm.reopened_at is not None and firm.closed_out_at is None
    leader_notices = Notice.objects.filter(recipient=users.leader)
    assert leader_notices.count() == 1 and "恢复生产" in leader_notices.get().title
    assert Notice.objects.filter(recipient=users.safety).exists()
    # The town works on it again and the bureau strikes it off once more after a new confirmation.
    services.case_submit(case=firm, user=users.reporter)
    InspectionFactory(firm=firm, verdict=Verdict.CLOSURE_CONFIRMED, date=TODAY)
    services.case_close_out(case=firm, user=users.safety)
    firm.refresh_from_db()
    assert firm.state == CaseState.CLOSED_OUT and not firm.raised_to_leaders


def test_a_shut_workshop_found_operating_again_is_reopened(users, units):
    shop = GarmentWorkshopFactory(town=units.town, disposition=WorkshopDisposition.SHUT,
                                  state=CaseState.CLOSED_OUT)
    services.inspection_record(case=shop, date=TODAY, inspectors="a", findings="又开工了",
                               verdict=Verdict.OPERATING_AGAIN, user=users.safety)
    shop.refresh_from_db()
    assert shop.state == CaseState.REOPENED and shop.raised_to_leaders


def test_operating_again_before_close_out_does_not_reopen(users, units):
    firm = ChemicalFirmFactory(town=units.town, disposition=FirmDisposition.CLOSE, state=CaseState.IN_PROGRESS)
    services.inspection_record(case=firm, date=TODAY, inspectors="a", findings="仍在生产",
                               verdict=Verdict.OPERATING_AGAIN, user=users.safety)
    firm.refresh_from_db()
    assert firm.state == CaseState.IN_PROGRESS and not firm.raised_to_leaders
    assert not Notice.objects.filter(recipient=users.leader).exists()


def test_overdue_cases_are_flagged_once_and_their_unit_notified(users, units):
    late = ChemicalFirmFactory(town=units.town, deadline=dt.date(2026, 11, 1), responsible_department=units.dept)
    late_shop = GarmentWorkshopFactory(town=units.town, deadline=dt.date(2026, 10, 1))
    ChemicalFirmFactory(town=units.town, deadline=dt.date(2026, 11, 1), state=CaseState.CLOSED_OUT)
    ChemicalFirmFactory(town=units.town, deadline=dt.date(2026, 12, 1))
    from safety.tasks import flag_overdue

    assert flag_overdue.delay().get() == 2
    late.refresh_from_db()
    late_shop.refresh_from_db()
    assert late.overdue_flagged_at is not None and late_shop.overdue_flagged_at is not None
    dept_notice = Notice.objects.get(recipient=users.dept_reporter)
    assert late.name in dept_notice.body
    town_notice = Notice.objects.get(recipient=users.reporter)
    assert late_shop.name in town_notice.body
    assert services.flag_overdue() == 0  # idempotent
    # A new deadline clears the flag, so the case is flagged again once that one passes.
    services.case_set_disposition(case=late, disposition=FirmDisposition.RECTIFY, deadline=dt.date(2027, 1, 31),
                                  disposition_date=dt.date(2026, 3, 1), user=users.safety)
    late.refresh_from_db()
    assert late.overdue_flagged_at is None and not late.is_overdue


def test_the_overdue_schedule_exists():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(name="safety: flag overdue cases")
    assert task.task == "safety.flag_overdue" and task.enabled


def test_publishing_is_for_the_bureau(users, units):
    case = _case(CaseState.IN_PROGRESS, units.town)
    with pytest.raises(ValidationError):
        services.case_set_public(case=case, is_public=True, user=users.reporter)
    services.case_set_public(case=case, is_public=True, user=users.safety)
    case.refresh_from_db()
    assert case.is_public


def test_inspection_objects_reject_two_cases(units):
    from django.db import IntegrityError

    firm = ChemicalFirmFactory(town=units.town)
    shop = GarmentWorkshopFactory(town=units.town)
    with pytest.raises(IntegrityError):
        Inspection.objects.create(firm=firm, workshop=shop, date=TODAY, inspectors="a", findings="b",
                                  verdict=Verdict.PASSED)
