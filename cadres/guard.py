"""No administrator path into cadre records.

Who may read cadre records is decided by the organisation department (组织部) alone: membership of its
group, cadre access grants, and the account of every cadre reader (a member or a grantee: ``is_reader``):
password, e-mail, active state, staff and superuser flags, groups, permissions and API tokens change only
by the department itself, or on the server's console (the first member: ``manage.py department_member``);
a reader may still change their own password and issue their own token.
Any such change, by anyone, is appended to the cadre access log and notified to the department; so is
every refused attempt (``refuse``), once the refused request's transaction has rolled back.

1. The admin pages do not offer these changes to anyone else (``cadres/admin.py``); the token admin is
   gone, a token is only issued by its own user (``/accounts/token/``).
2. Whatever the path, the model signals below refuse such a change made during a request by a user
   outside the department (``DepartmentOnly``, a 403), and tokens issued for another user.
3. The same signals record every change that goes through and notify the department.
"""

import threading

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token
from simple_history.models import HistoricalRecords

from gaoyou_portal.roles import Role, forget

from .choices import AccessAction

DEPARTMENT = Role.ORGDEPT.value
CONSOLE = "console"
# The account fields of a cadre reader that only the department changes (``last_login`` and names are free).
GUARDED_FIELDS = {"password", "is_active", "email", "is_staff", "is_superuser", "username"}
_refused = threading.local()


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


def is_reader(user) -> bool:
    """A user who reads cadre records, or will by a grant not yet ended: a member or a grantee."""
    if user is None or user.pk is None:
        return False
    if is_member(user):
        return True
    from .models import CadreAccessGrant

    return CadreAccessGrant.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate()),
                                           user_id=user.pk, revoked_at__isnull=True).exists()


def refuse(*, subject=None, what=""):
    """Refuse the change (403). The attempt is logged and notified when the request ends: written now, it
    would roll back with the refused transaction."""
    in_request, user = actor()
    request = current_request()
    attempts = getattr(_refused, "attempts", None)
    if attempts is None:
        attempts = _refused.attempts = []
    attempts.append({"user_id": user.pk if user else None, "subject_id": subject.pk if subject else None,
                     "path": request.get_full_path() if in_request else CONSOLE, "what": str(what)})
    raise DepartmentOnly()


def require_department(*, subject=None, what=""):
    """Refuse a change made during a request by anyone outside the department (the console may)."""
    in_request, user = actor()
    if in_request and not is_member(user):
        refuse(subject=subject, what=what)


def forget_refusals(**kwargs):
    _refused.attempts = []


def record_refusals(**kwargs):
    """At the end of a request: append the refused attempts to the access log and notify the department."""
    attempts = getattr(_refused, "attempts", None)
    if not attempts:
        return
    _refused.attempts = []
    from org.services import notify_users

    from .models import AccessLog

    User = get_user_model()
    members = list(User.objects.filter(groups__name=DEPARTMENT, is_active=True))
    for attempt in attempts:
        who = User.objects.filter(pk=attempt["user_id"]).first()
        subject = User.objects.filter(pk=attempt["subject_id"]).first()
        AccessLog.objects.create(user=who, action=AccessAction.REFUSED,
                                 path=f"{attempt['path']} {attempt['what']}".strip()[:300],
                                 object_type="auth.user" if subject else "", object_id=attempt["subject_id"])
        title = _("Refused: a change to who reads cadre records")
        body = _("%(who)s tried to change %(what)s of %(subject)s; the portal refused it.") % {
            "who": (who.get_full_name() or who.username) if who else _("an anonymous visitor"),
            "what": attempt["what"] or _("the account"),
            "subject": subject.username if subject else _("the organisation department")}
        notify_users(users=members, title=title, body=body, link=reverse("cadres:access_log"))


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
        if action.startswith("pre_"):
            _guard_reader_m2m(instance, reverse, pk_set, action, what=_("the groups"), model=model)
        return
    if action.startswith("pre_"):
        require_department(subject=users[0], what=_("membership of the organisation department"))
        if action == "pre_clear":
            for user in users:
                record_change(action=AccessAction.MEMBER_REMOVE, subject=user)
        return
    for user in users:
        forget(user)
        record_change(action=AccessAction.MEMBER_ADD if action == "post_add" else AccessAction.MEMBER_REMOVE,
                      subject=user)


def _guard_reader_m2m(instance, reverse_, pk_set, action, *, what, model):
    """Another group or a permission of a cadre reader: the department's to change (logged), nobody else's."""
    User = get_user_model()
    if not reverse_:
        readers = [instance] if is_reader(instance) else []
    elif action == "pre_clear":
        readers = [u for u in instance.user_set.all() if is_reader(u)]
    else:
        readers = [u for u in User.objects.filter(pk__in=pk_set or ()) if is_reader(u)]
    for reader in readers:
        require_department(subject=reader, what=what)
        record_change(action=AccessAction.ACCOUNT, subject=reader, note=str(what))


def on_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action in ("pre_add", "pre_remove", "pre_clear"):
        _guard_reader_m2m(instance, reverse, pk_set, action, what=_("the permissions"), model=model)


def on_group_saving(sender, instance, raw=False, **kwargs):
    """Renaming a group into or out of the department changes who reads cadre records."""
    if raw:
        return
    old = Group.objects.filter(pk=instance.pk).values_list("name", flat=True).first() if instance.pk else None
    if DEPARTMENT in (old, instance.name) and old != instance.name:
        require_department(what=_("the organisation department group"))
        record_change(action=AccessAction.GROUP, note=f"{old or ''} → {instance.name}")


def on_group_deleting(sender, instance, **kwargs):
    if instance.name == DEPARTMENT:
        require_department(what=_("the organisation department group"))
        record_change(action=AccessAction.GROUP, note=f"{instance.name} ×")


# --- a cadre reader's password, e-mail, active state, account ------------------------------------------------
def on_user_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    fields = set(update_fields) if update_fields is not None else None
    if fields is not None and not fields & GUARDED_FIELDS:
        return  # e.g. last_login on every sign-in
    old = get_user_model().objects.filter(pk=instance.pk).values(*GUARDED_FIELDS).first()
    if old is None or not is_reader(instance):
        return
    # A login that upgrades the hash of the same password saves the password alone, without a new one.
    rehash = fields == {"password"} and getattr(instance, "_password", None) is None
    changed = [name for name in sorted(GUARDED_FIELDS) if old[name] != getattr(instance, name)
               and not (name == "password" and rehash)]
    if not changed:
        return
    in_request, user = actor()
    own_password = changed == ["password"] and user is not None and user.pk == instance.pk
    if not own_password:
        User = get_user_model()
        require_department(subject=instance, what="、".join(str(User._meta.get_field(name).verbose_name)
                                                           for name in changed))
    for name in changed:
        action = {"password": AccessAction.PASSWORD, "is_active": AccessAction.ACTIVE}.get(name, AccessAction.ACCOUNT)
        record_change(action=action, subject=instance, note="" if action != AccessAction.ACCOUNT else name)


def on_user_deleting(sender, instance, **kwargs):
    if is_reader(instance):
        require_department(subject=instance, what=_("the account, by deleting it"))
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
    if created and not raw and is_reader(instance.user):
        record_change(action=AccessAction.TOKEN, subject=instance.user, note="+")


def on_token_deleting(sender, instance, **kwargs):
    in_request, user = actor()
    if in_request and is_reader(instance.user) and not (user and user.pk == instance.user_id):
        require_department(subject=instance.user, what=_("API token"))


def on_token_deleted(sender, instance, **kwargs):
    if is_reader(instance.user):
        record_change(action=AccessAction.TOKEN, subject=instance.user, note="×")


def connect():
    User = get_user_model()
    m2m_changed.connect(on_groups_changed, sender=User.groups.through, dispatch_uid="cadres.guard.groups")
    m2m_changed.connect(on_permissions_changed, sender=User.user_permissions.through,
                        dispatch_uid="cadres.guard.permissions")
    request_started.connect(forget_refusals, dispatch_uid="cadres.guard.refusals_reset")
    request_finished.connect(record_refusals, dispatch_uid="cadres.guard.refusals")
    pre_save.connect(on_group_saving, sender=Group, dispatch_uid="cadres.guard.group_save")
    pre_delete.connect(on_group_deleting, sender=Group, dispatch_uid="cadres.guard.group_delete")
    pre_save.connect(on_user_saving, sender=User, dispatch_uid="cadres.guard.user_save")
    pre_delete.connect(on_user_deleting, sender=User, dispatch_uid="cadres.guard.user_delete")
    pre_save.connect(on_token_saving, sender=Token, dispatch_uid="cadres.guard.token_save")
    post_save.connect(on_token_saved, sender=Token, dispatch_uid="cadres.guard.token_saved")
    pre_delete.connect(on_token_deleting, sender=Token, dispatch_uid="cadres.guard.token_delete")
    post_delete.connect(on_token_deleted, sender=Token, dispatch_uid="cadres.guard.token_deleted")
