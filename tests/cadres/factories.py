import datetime

import factory
from django.utils import timezone

from cadres.choices import CadreType, Campaign, FaultDecision, IncentiveKind, InterviewKind, PostChangeKind, Rank
from cadres.models import (
    Cadre,
    CadreAccessGrant,
    CadreTypeAssessment,
    Clearance,
    FaultToleranceCase,
    Incentive,
    Interview,
    PostChange,
    WorkStyleCase,
)
from tests.factories import UnitFactory

TODAY = timezone.localdate()


class CadreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cadre

    name = factory.Sequence(lambda n: f"测试干部{n}")
    sex = "male"
    year_of_birth = TODAY.year - 40
    unit = factory.SubFactory(UnitFactory)
    post = "副镇长"
    rank = Rank.DEPUTY_SECTION


class RecordFactory(factory.django.DjangoModelFactory):
    cadre = factory.SubFactory(CadreFactory)


class AssessmentFactory(RecordFactory):
    class Meta:
        model = CadreTypeAssessment

    cadre_type = CadreType.LION
    facts = "攻坚克难"
    assessed_by = "考察组"
    assessed_on = TODAY - datetime.timedelta(days=10)


class IncentiveFactory(RecordFactory):
    class Meta:
        model = Incentive

    kind = IncentiveKind.COMMENDATION
    reason = "表现突出"
    granted_on = TODAY - datetime.timedelta(days=5)
    issuing_body = "市委"


class FaultToleranceFactory(RecordFactory):
    class Meta:
        model = FaultToleranceCase

    occurred_on = TODAY - datetime.timedelta(days=30)
    facts = "先行先试"
    rule_applied = "第六条"
    decision = FaultDecision.TOLERATED
    decided_on = TODAY - datetime.timedelta(days=3)


class PostChangeFactory(RecordFactory):
    class Meta:
        model = PostChange

    kind = PostChangeKind.PROMOTION
    to_post = "镇长"
    reason = "实绩突出"
    effective_on = TODAY - datetime.timedelta(days=2)


class ClearanceFactory(RecordFactory):
    class Meta:
        model = Clearance

    accusation = "匿名举报"
    finding = "不实"
    made_known = "会议澄清"
    cleared_on = TODAY - datetime.timedelta(days=4)


class WorkStyleCaseFactory(RecordFactory):
    class Meta:
        model = WorkStyleCase

    campaign = Campaign.FORMALISM
    facts = "推诿"
    opened_on = TODAY - datetime.timedelta(days=9)


class InterviewFactory(RecordFactory):
    class Meta:
        model = Interview

    unit = factory.SelfAttribute("cadre.unit")
    kind = InterviewKind.CONDUCT
    reason = "提醒谈话"


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CadreAccessGrant

    reason = "专项审计"
    starts_on = TODAY - datetime.timedelta(days=1)


RECORD_FACTORIES = {
    "assessment": AssessmentFactory,
    "incentive": IncentiveFactory,
    "fault-tolerance": FaultToleranceFactory,
    "post-change": PostChangeFactory,
    "clearance": ClearanceFactory,
    "work-style": WorkStyleCaseFactory,
    "interview": InterviewFactory,
}
