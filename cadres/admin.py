"""The admin offers no path into cadre records (see ``cadres/guard.py``).

- No token admin: a token is issued only by its own user, on ``/accounts/token/``.
- Users and groups: someone outside the organisation department can neither put anyone in its group
  (the choice is not offered), nor change, deactivate, set the password of or delete a cadre reader (a
  member or a grantee), nor change, rename or delete the department's group; each refused attempt is
  logged and notified to the department (``guard.refuse``). The model guard refuses the same on every other path.
- No cadre model is registered here: cadre records live on the department's own pages.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import TokenProxy

from .guard import DEPARTMENT, is_reader, refuse
from .permissions import is_department

User = get_user_model()

if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


def _outsider(request):
    return not is_department(request.user)


class DepartmentGuardedUserAdmin(UserAdmin):
    def _locked(self, request, obj):
        return obj is not None and _outsider(request) and is_reader(obj)

    def _refuse_a_post(self, request, object_id, what):
        """A POST on a cadre reader's page by someone outside the department: refused, logged, notified."""
        if request.method == "POST" and _outsider(request):
            obj = self.get_object(request, unquote(str(object_id)))
            if obj is not None and is_reader(obj):
                refuse(subject=obj, what=what)

    def user_change_password(self, request, id, form_url=""):
        self._refuse_a_post(request, id, _("the password"))
        return super().user_change_password(request, id, form_url)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._refuse_a_post(request, object_id, _("the account settings"))
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._refuse_a_post(request, object_id, _("the account, by deleting it"))
        return super().delete_view(request, object_id, extra_context)

    def has_change_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_delete_permission(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and _outsider(request):
            kwargs["queryset"] = Group.objects.exclude(name=DEPARTMENT)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def delete_queryset(self, request, queryset):
        if _outsider(request):
            for user in queryset:
                if is_reader(user):
                    refuse(subject=user, what=_("the account, by deleting it"))
        super().delete_queryset(request, queryset)


class DepartmentGuardedGroupAdmin(GroupAdmin):
    def _locked(self, request, obj):
        return obj is not None and _outsider(request) and obj.name == DEPARTMENT

    def has_change_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not _outsider(request):
            return form

        class GuardedForm(form):
            def clean_name(self):
                name = self.cleaned_data["name"]
                if name == DEPARTMENT:
                    raise ValidationError(_("Only the organisation department may change this."))
                return name

        return GuardedForm

    def delete_queryset(self, request, queryset):
        if _outsider(request) and queryset.filter(name=DEPARTMENT).exists():
            from .guard import DepartmentOnly

            raise DepartmentOnly()
        super().delete_queryset(request, queryset)


for model, model_admin in ((User, DepartmentGuardedUserAdmin), (Group, DepartmentGuardedGroupAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
