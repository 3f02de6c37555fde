"""The department's own pages: the access log and the read grants it gives (list, create, detail,
revoke)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from gaoyou_portal.audit import history_rows
from gaoyou_portal.views import ServiceActionView

from .. import services
from ..filtersets import AccessLogFilterSet
from ..forms import GrantForm
from ..models import AccessLog, CadreAccessGrant
from .base import CadreAccessMixin, ServiceFormView


class AccessLogView(CadreAccessMixin, ListView):
    access = "department"
    paginate_by = 50
    template_name = "cadres/access_log.html"

    def get_queryset(self):
        qs = AccessLog.objects.visible_to(self.request.user).select_related("user", "cadre")
        self.filterset = AccessLogFilterSet(self.request.GET, queryset=qs)
        return qs.none() if self.filterset.is_bound and not self.filterset.is_valid() else self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class GrantListView(CadreAccessMixin, ListView):
    access = "department"
    paginate_by = 50
    template_name = "cadres/grant_list.html"

    def get_queryset(self):
        return CadreAccessGrant.objects.visible_to(self.request.user).select_related("user", "granted_by")


class GrantCreateView(ServiceFormView):
    access = "department"
    form_class = GrantForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Grant access to cadre records"), **kwargs)

    def call_service(self, form):
        data = form.cleaned_data
        return services.grant_create(
            grantee=data["user"], reason=data["reason"], starts_on=data["starts_on"], ends_on=data["ends_on"],
            user=self.request.user,
        )

    def get_success_url(self):
        return reverse("cadres:grant_detail", args=[self.saved.pk])


class GrantDetailView(CadreAccessMixin, DetailView):
    access = "department"
    template_name = "cadres/grant_detail.html"

    def get_queryset(self):
        return CadreAccessGrant.objects.visible_to(self.request.user).select_related("user", "granted_by")

    def get_context_data(self, **kwargs):
        return super().get_context_data(history=history_rows(self.object), **kwargs)


class GrantRevokeView(CadreAccessMixin, ServiceActionView):
    access = "department"
    model = CadreAccessGrant
    scope_action = "view"
    success_message = gettext_lazy("Access revoked.")

    def call_service(self, form):
        return services.grant_revoke(grant=self.object, user=self.request.user)

    def get_redirect_url(self):
        return reverse("cadres:grant_detail", kwargs={"pk": self.object.pk})
