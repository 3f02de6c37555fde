"""Viewset pieces shared by every app's API."""

from rest_framework import exceptions, permissions

from gaoyou_portal.roles import roles_of


class ScopedViewSetMixin:
    """Reads through ``visible_to(user)``, writes through ``editable_by(user)``: outside scope is 404."""

    def get_base_queryset(self):
        return self.queryset.all()

    def get_queryset(self):
        qs = self.get_base_queryset()
        user = self.request.user
        if self.request.method in permissions.SAFE_METHODS:
            return qs.visible_to(user)
        return qs.editable_by(user)


class HasRole(permissions.BasePermission):
    """Allow users holding any role (``HasRole.of(Role.OFFICE)`` narrows it to those roles).

    Anonymous callers get 401; a signed-in user without the role gets 404, as outside scope.
    """

    roles = ()

    @classmethod
    def of(cls, *roles):
        return type("HasRole", (cls,), {"roles": roles})

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        user_roles = roles_of(request.user)
        if not user_roles or (self.roles and not user_roles & set(self.roles)):
            raise exceptions.NotFound()
        return True


class PublicReadStaffWrite(HasRole):
    """Reads are open to everyone (the public API); writes need a signed-in user with a role (anonymous 401)."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return super().has_permission(request, view)
