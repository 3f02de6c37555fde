"""Kinds of notice: plain codes any app may send (``notify_unit(kind="target_behind", ...)``).

The office routes each kind to group-robot channels. Codes an app sends without registering them
still route (to channels that take every kind) and show as their code; registering gives them a
label in the channel form.
"""

from django.utils.translation import gettext_lazy as _

GENERAL = "general"

_KINDS = {
    "report_reminder": _("Report reminder (1st and 4th of the month)"),
    "not_reported": _("Reports overdue: who has not reported"),
    "report_reopened": _("Report reopened"),
    "blocker_raised": _("Problem raised to a leader"),
    "blocker_resolved": _("Problem resolved"),
    "race_published": _("Sprint race published"),
    "consequence_confirmed": _("Consequence confirmed"),
    "case_overdue": _("Safety case overdue"),
    "case_reopened": _("Closed safety case found operating again"),
    "task_overdue": _("Livelihood task overdue"),
    "explanation_due": _("Livelihood explanation due"),
    "target_behind": _("Target behind its pace"),
    GENERAL: _("Other notices"),
}


def register_kind(code, label):
    """Let an app add a kind of notice (call from its AppConfig.ready())."""
    _KINDS.setdefault(code, label)


def kind_choices():
    return list(_KINDS.items())


# Kinds the portal sends itself and nobody routes (not offered in the channel form).
TEST = "channel_test"
_OWN = {TEST: _("Test message")}


def kind_label(code):
    return _KINDS.get(code) or _OWN.get(code, code)


def is_known(code):
    return code in _KINDS
