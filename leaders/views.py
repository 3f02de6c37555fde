"""The city leaders' pages: the list, a leader's workspace (``/leaders/<id>/``), their links (挂钩) kept by the
office, and the office's enterprise records. Reads are scoped by ``permissions.workspace_leaders``; a leader
outside the user's scope answers 404."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from gaoyou_portal import registry
from gaoyou_portal.audit import history_rows
from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.roles import Role
from gaoyou_portal.views import ServiceFormView

from . import services
from .choices import LinkKind
from .forms import EnterpriseForm, LeaderRoleForm, LinkAddForm, LinkEndForm
from .models import Enterprise, Leader, LeaderLink
from .permissions import LINK_MANAGER_ROLES, is_link_manager, workspace_leaders


class LeaderListView(StaffRequiredMixin, ListView):
    template_name = "leaders/leader_list.html"
    paginate_by = 50

    def get_queryset(self):
        return workspace_leaders(self.request.user).annotate(
            active_links=Count("links", filter=Q(links__ended_on__isnull=True))).order_by("order", "id")


class _LeaderMixin(StaffRequiredMixin):
    def get_leader(self):
        return get_object_or_404(workspace_leaders(self.request.user), pk=self.kwargs["pk"])


class WorkspaceView(_LeaderMixin, View):
    """What waits on the leader first (every app's items, oldest first, with days open), then their links."""

    template_name = "leaders/leader_workspace.html"

    def get(self, request, pk=None):
        leader = self.get_leader()
        today = timezone.localdate()
        waiting = registry.waiting_on(request, leader)
        for item in waiting:
            item["days_open"] = (today - item["since"]).days
        return render(request, self.template_name, {
            "leader": leader, "waiting": waiting, "panels": registry.leader_panels(request, leader),
            "own": leader.user_id == request.user.pk, "can_manage": is_link_manager(request.user),
        })


class MyWorkspaceView(WorkspaceView):
    """"我的工作台" (``/leaders/me/``): the signed-in leader's own workspace; 404 for anyone who is not one."""

    required_roles = (Role.LEADER,)

    def get_leader(self):
        leader = Leader.objects.filter(user=self.request.user).first()
        if leader is None:
            raise Http404
        return leader


def _links_of(leader):
    """The leader's links: active ones by kind, then the ended ones (newest end first)."""
    links = list(leader.links.select_related("unit", "enterprise", "content_type").prefetch_related("target"))
    active = sorted((link for link in links if link.ended_on is None),
                    key=lambda link: (list(LinkKind.values).index(link.kind), link.started_on, link.pk))
    ended = sorted((link for link in links if link.ended_on is not None),
                   key=lambda link: (link.ended_on, link.pk), reverse=True)
    return active, ended


def _link_history(leader, links, limit=40):
    """Who added and ended which link, when (the links' own history, newest first); ``links``: the leader's
    links already loaded, to name what each record is about."""
    by_id = {link.pk: link for link in links}
    records = (LeaderLink.history.filter(leader_id=leader.pk).select_related("history_user")
               .order_by("-history_date", "-history_id")[:limit])
    return [{"date": r.history_date, "user": r.history_user, "type": r.get_history_type_display(),
             "reason": r.history_change_reason or "", "link": r,
             "target": by_id[r.id].target_name if r.id in by_id else "—"} for r in records]


class LinksView(_LeaderMixin, View):
    """The leader's links with their history; the office adds, ends and changes the role here."""

    template_name = "leaders/leader_links.html"

    def get(self, request, pk):
        return self.render(self.get_leader())

    def render(self, leader, *, add_form=None, end_form=None, end_link=None, role_form=None, status=200):
        manage = is_link_manager(self.request.user)
        active, ended = _links_of(leader)
        return render(self.request, self.template_name, {
            "leader": leader, "active_links": active, "ended_links": ended, "can_manage": manage,
            "add_form": (add_form or LinkAddForm(initial={"started_on": timezone.localdate()})) if manage else None,
            "end_form": end_form, "end_link": end_link,
            "role_form": (role_form or LeaderRoleForm(initial={"role": leader.role, "title": leader.title}))
            if manage else None,
            "history": history_rows(leader), "link_history": _link_history(leader, [*active, *ended]),
        }, status=status)


class _LinkFormView(_LeaderMixin, ServiceFormView):
    """A form posted from the links page (the core's form-to-service view): on success back to the page; a
    refusal shows the whole page again with the form in its place (``form_slot``)."""

    required_roles = LINK_MANAGER_ROLES
    http_method_names = ["post"]
    form_slot = "add_form"

    @cached_property
    def leader(self):
        return self.get_leader()

    def form_invalid(self, form):
        return LinksView(request=self.request, kwargs=self.kwargs).render(self.leader, **{self.form_slot: form},
                                                                          **self.render_extra())

    def render_extra(self):
        return {}

    def get_success_url(self):
        return reverse("leaders:links", args=[self.leader.pk])


class LinkAddView(_LinkFormView):
    form_class = LinkAddForm

    def call_service(self, form):
        data = form.cleaned_data
        return services.link_add(leader=self.leader, kind=data["kind"], user=self.request.user, unit=data["unit"],
                                 project=data.get("project"), industry=data["industry"],
                                 enterprise=data["enterprise"], started_on=data["started_on"])

    def get_success_message(self):
        return _("Linked to %(target)s.") % {"target": self.saved.target_name}


class LinkEndView(_LinkFormView):
    form_class = LinkEndForm
    form_slot = "end_form"

    def get_form_kwargs(self):
        self.link = get_object_or_404(LeaderLink, pk=self.kwargs["link_pk"], leader=self.leader)
        return {**super().get_form_kwargs(), "prefix": f"end{self.link.pk}"}

    def render_extra(self):
        return {"end_link": self.link}

    def call_service(self, form):
        return services.link_end(link=self.link, ended_on=form.cleaned_data["ended_on"], user=self.request.user)

    def get_success_message(self):
        return _("The link to %(target)s ended.") % {"target": self.link.target_name}


class LeaderRoleView(_LinkFormView):
    form_class = LeaderRoleForm
    form_slot = "role_form"
    success_message = gettext_lazy("The leader's role is saved.")

    def call_service(self, form):
        return services.leader_set_role(leader=self.leader, role=form.cleaned_data["role"],
                                        title=form.cleaned_data["title"], user=self.request.user)


# --- enterprises ---------------------------------------------------------------------------------------------
class EnterpriseListView(StaffRequiredMixin, ListView):
    template_name = "leaders/enterprise_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = Enterprise.objects.visible_to(self.request.user).select_related("town").annotate(
            links=Count("leader_links", filter=Q(leader_links__ended_on__isnull=True))).order_by("name", "id")
        self.q = (self.request.GET.get("q") or "").strip()
        if self.q:
            qs = qs.filter(Q(name__icontains=self.q) | Q(credit_code__icontains=self.q)
                           | Q(industry__icontains=self.q) | Q(town__name__icontains=self.q))
        return qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(q=self.q, can_manage=is_link_manager(self.request.user), **kwargs)


class EnterpriseEditView(StaffRequiredMixin, ServiceFormView):
    """Create (no ``pk``) or change an enterprise record: the office."""

    required_roles = LINK_MANAGER_ROLES
    template_name = "leaders/enterprise_form.html"
    form_class = EnterpriseForm

    @cached_property
    def enterprise(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(Enterprise.objects.editable_by(self.request.user), pk=pk) if pk else None

    def get_initial(self):
        return {f: getattr(self.enterprise, f) for f in services.ENTERPRISE_FIELDS} if self.enterprise else {}

    def call_service(self, form):
        return services.enterprise_save(user=self.request.user, data=form.cleaned_data, enterprise=self.enterprise)

    def get_success_message(self):
        return _("Enterprise “%(name)s” saved.") % {"name": self.saved.name}

    def get_success_url(self):
        return reverse("enterprises:enterprise_list")

    def get_context_data(self, **kwargs):
        enterprise = self.enterprise
        return super().get_context_data(
            enterprise=enterprise, history=history_rows(enterprise) if enterprise else [],
            firms=list(enterprise.chemical_firms.all()) if enterprise and hasattr(enterprise, "chemical_firms")
            else [], **kwargs)
