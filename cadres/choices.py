from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Rank(models.TextChoices):
    """Civil-service rank (职级), lowest first."""

    STAFF = "staff", _("Staff member")
    DEPUTY_SECTION = "deputy_section", _("Deputy section level")
    SECTION = "section", _("Section level")
    DEPUTY_DIVISION = "deputy_division", _("Deputy division level")
    DIVISION = "division", _("Division level")


class CadreType(models.TextChoices):
    """The three types of cadre (三型干部)."""

    OX = "ox", _("Old ox (steady, proven results)")
    LION = "lion", _("Lion (solves hard problems)")
    CHEETAH = "cheetah", _("Cheetah (quick, innovative)")


class FrontLine(models.TextChoices):
    """The front lines where specialist cadres are placed."""

    INVESTMENT = "investment", _("Investment attraction")
    CONSTRUCTION = "construction", _("Project construction")
    MEDIATION = "mediation", _("Dispute mediation")


class IncentiveKind(models.TextChoices):
    COMMENDATION = "commendation", _("Commendation")
    REWARD = "reward", _("Reward")


class FaultDecision(models.TextChoices):
    TOLERATED = "tolerated", _("Tolerated")
    PARTLY = "partly", _("Partly tolerated")
    NOT_TOLERATED = "not_tolerated", _("Not tolerated")


class PostChangeKind(models.TextChoices):
    PROMOTION = "promotion", _("Promotion")
    DEMOTION = "demotion", _("Demotion")
    TRANSFER = "transfer", _("Transfer")
    REASSIGNMENT = "reassignment", _("Reassignment")


class Campaign(models.TextChoices):
    """The three campaigns against bad work style (三大整治)."""

    FOUR_STYLES = "four_styles", _("Four undesirable styles")
    FORMALISM = "formalism", _("Formalism and bureaucratism")
    OBSTRUCTION = "obstruction", _("Obstruction and petty corruption")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("cadres", "Open")
    HANDLING = "handling", _("Being handled")
    CLOSED = "closed", pgettext_lazy("cadres", "Closed")


class InterviewKind(models.TextChoices):
    CONSEQUENCE = "consequence", _("Interview for a unit's sprint-race consequence")
    CONDUCT = "conduct", _("Reminder talk on a cadre's conduct")


class InterviewStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class AccessAction(models.TextChoices):
    LIST = "list", _("Viewed a list")
    VIEW = "view", _("Viewed a record")
    API_LIST = "api_list", _("API list")
    API_VIEW = "api_view", _("API record")
    REPORT = "report", _("Viewed the reports")
    EXPORT = "export", _("Exported to Excel")
    # Changes to who may read cadre records (cadres/guard.py), by anyone, console included.
    MEMBER_ADD = "member_add", _("Added to the organisation department")
    MEMBER_REMOVE = "member_del", _("Removed from the organisation department")
    PASSWORD = "password", _("Department member's password changed")
    ACTIVE = "active", _("Department member activated or deactivated")
    TOKEN = "token", _("Department member's API token issued or revoked")
    GROUP = "group", _("Organisation department group changed")
    GRANT = "grant", _("Access granted")
    REVOKE = "revoke", _("Access revoked")
    ACCOUNT = "account", _("Cadre reader's account changed")
    REFUSED = "refused", _("Refused change to who reads cadre records")


# The actions that are reads of cadre data (the rest record changes to who may read it).
READ_ACTIONS = frozenset({AccessAction.LIST, AccessAction.VIEW, AccessAction.API_LIST, AccessAction.API_VIEW,
                          AccessAction.REPORT, AccessAction.EXPORT})
