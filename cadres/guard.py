"""No administrator path into cadre records.

Who may read cadre records is decided by the organisation department (组织部) alone: membership of its
group, the password, API token and active state of its members, and cadre access grants change only
by the department itself, or on the server's console (the first member: ``manage.py department_member``).
Any such change, by anyone, is appended to the cadre access log and notified to the department.

1. The admin pages do not offer these changes to anyone else (``cadres/admin.py``); the token admin is
   gone, a token is only issued by its own user (``/accounts/token/``).
2. Whatever the path, the model signals below refuse such a change made during a request by a user
   outside the department (``DepartmentOnly``, a 403), and tokens issued for another user.
3. The same signals record every change that goes through and notify the department.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token
from simple_history.models import HistoricalRecords

from gaoyou_portal.roles import Role, forget

from .choices import AccessAction

DEPARTMENT = Role.ORGDEPT.value
CONSOLE = "console"


class DepartmentOnly(PermissionDenied):
    def __init__(self, message=None):
        super().__init__(message or _("Only the organisation department may change this."))


def current_request():
    """The request being served in this thread (set by simple-history's middleware), or None (console)."""
    return getattr(HistoricalRecords.context, "request", None)


def actor():
    """``(in_request, user)``: the signed-in user making a change, None on the console or anonymously."""
    request = current_request()
    if request is None:
        return False, None
    user = getattr(request, "user", None)
    return True, (user if user is not None and user.is_authenticated else None)


def is_member(user) -> bool:
    return user is not None and user.pk is not None and user.groups.filter(name=DEPARTMENT).exists()


def require_department():
    """Refuse a change made during a request by anyone outside the department (the console may)."""
    in_request, user = actor()
    if in_request and not is_member(user):
        raise DepartmentOnly()


def record_change(*, action, subject=None, note="", by=None):
    """Append the change to the access log and notify the department's members.

    ``by``: the acting user where the caller knows it (a service); else the request's user, or the console.
    """
    from org.services import notify_users

    from .models import AccessLog

    in_request, user = actor()
    user = by or user
    request = current_request()
    path = request.get_full_path() if in_request else CONSOLE
    AccessLog.objects.create(
        user=user, action=action, path=f"{path} {note}".strip()[:300],
        object_type="auth.user" if subject is not None else "",
        object_id=subject.pk if subject is not None else None,
    )
    who = (user.get_full_name() or user.username) if user else _("the server console")
    title = _("Cadre access changed: %(action)s") % {"action": AccessAction(action).label}
    body = _("%(action)s: %(subject)s, by %(who)s.") % {
        "action": AccessAction(action).label, "subject": subject.username if subject is not None else note,
        "who": who,
    }
    members = get_user_model().objects.filter(groups__name=DEPARTMENT, is_active=True)
    notify_users(users=list(members), title=title, body=body, link=reverse("cadres:access_log"))


# --- department membership ---------------------------------------------------------------------------------
def _department_id():
    return Group.objects.filter(name=DEPARTMENT).values_list("pk", flat=True).first()


def _affected_users(instance, action, reverse_, pk_set):
    """Users whose department membership this m2m change touches."""
    User = get_user_model()
    dept = _department_id()
    if dept is None:
        return []
    if not reverse_:  # user.groups.add/remove/clear(...)
        if action == "pre_clear":
            return [instance] if instance.groups.filter(pk=dept).exists() else []
        return [instance] if dept in (pk_set or ()) else []
    if instance.pk != dept:  # group.user_set...
        return []
    if action == "pre_clear":
        return list(instance.user_set.all())
    return list(User.objects.filter(pk__in=pk_set or ()))


def on_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("pre_add", "pre_remove", "pre_clear", "post_add", "post_remove"):
        return
    users = _affected_users(instance, action, reverse, pk_set)
    if not users:
        return
    if action.startswith("pre_"):
        require_department()
        if action == "pre_clear":
            for user in users:
                record_change(action=AccessAction.MEMBER_REMOVE, subject=user)
        return
    for user in users:
        forget(user)
        record_change(action=AccessAction.MEMBER_ADD if action == "post_add" else AccessAction.MEMBER_REMOVE,
                      subject=user)


def on_group_saving(sender, instance, raw=False, **kwargs):
    """Renaming a group into or out of the department changes who reads cadre records."""
    if raw:
        return
    old = Group.objects.filter(pk=instance.pk).values_list("name", flat=True).first() if instance.pk else None
    if DEPARTMENT in (old, instance.name) and old != instance.name:
        require_department()
        record_change(action=AccessAction.GROUP, note=f"{old or ''} → {instance.name}")


def on_group_deleting(sender, instance, **kwargs):
    if instance.name == DEPARTMENT:
        require_department()
        record_change(action=AccessAction.GROUP, note=f"{instance.name} ×")


# --- a member's password, active state, account ----------------------------------------------------------
def on_user_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    fields = set(update_fields) if update_fields is not None else None
    if fields is not None and not fields & {"password", "is_active"}:
        return  # e.g. last_login on every sign-in
    old = get_user_model().objects.filter(pk=instance.pk).values("password", "is_active").first()
    if old is None or not is_member(instance):
        return
    # A login that upgrades the hash of the same password saves the password alone, without a new one.
    rehash = fields == {"password"} and getattr(instance, "_password", None) is None
    changes = []
    if old["password"] != instance.password and not rehash:
        changes.append(AccessAction.PASSWORD)
    if old["is_active"] != instance.is_active:
        changes.append(AccessAction.ACTIVE)
    if changes:
        require_department()
        for action in changes:
            record_change(action=action, subject=instance)


def on_user_deleting(sender, instance, **kwargs):
    if is_member(instance):
        require_department()
        record_change(action=AccessAction.MEMBER_REMOVE, subject=instance, note="×")


# --- API tokens -------------------------------------------------------------------------------------------------
def on_token_saving(sender, instance, raw=False, **kwargs):
    """A token is issued only by its own user (or on the console)."""
    if raw:
        return
    in_request, user = actor()
    if in_request and (user is None or user.pk != instance.user_id):
        raise PermissionDenied(_("An API token is issued only by its own user."))


def on_token_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and is_member(instance.user):
        record_change(action=AccessAction.TOKEN, subject=instance.user, note="+")


def on_token_deleting(sender, instance, **kwargs):
    in_request, user = actor()
    if in_request and is_member(instance.user) and not (user and user.pk == instance.user_id):
        require_department()


def on_token_deleted(sender, instance, **kwargs):
    if is_member(instance.user):
        record_change(action=AccessAction.TOKEN, subject=instance.user, note="×")


def connect():
    User = get_user_model()
    m2m_changed.connect(on_groups_changed, sender=User.groups.through, dispatch_uid="cadres.guard.groups")
    pre_save.connect(on_group_saving, sender=Group, dispatch_uid="cadres.guard.group_save")
    pre_delete.connect(on_group_deleting, sender=Group, dispatch_uid="cadres.guard.group_delete")
    pre_save.connect(on_user_saving, sender=User, dispatch_uid="cadres.guard.user_save")
    pre_delete.connect(on_user_deleting, sender=User, dispatch_uid="cadres.guard.user_delete")
    pre_save.connect(on_token_saving, sender=Token, dispatch_uid="cadres.guard.token_save")
    post_save.connect(on_token_saved, sender=Token, dispatch_uid="cadres.guard.token_saved")
    pre_delete.connect(on_token_deleting, sender=Token, dispatch_uid="cadres.guard.token_delete")
    post_delete.connect(on_token_deleted, sender=Token, dispatch_uid="cadres.guard.token_deleted")
