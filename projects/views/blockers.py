"""Problems (blockers): a unit raises one to a leader linked to the project; that leader resolves it."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.views import ServiceFormView

from .. import services
from ..forms import BlockerForm, ResolveForm
from ..models import Blocker
from .base import ProjectFormView, next_url


class BlockerCreateView(ProjectFormView):
    template_name = "projects/blocker_form.html"
    form_class = BlockerForm
    heading = gettext_lazy("Raise a problem")
    success_message = gettext_lazy("The problem was raised to the leader.")

    def get_form_kwargs(self):
        self.leaders = services.project_leaders(self.project)  # before get_initial, which picks the first
        return {**super().get_form_kwargs(), "leaders": self.leaders}

    def get_initial(self):
        return {"assigned_leader": self.leaders.first()}

    def call_service(self, form):
        data = form.cleaned_data
        return services.blocker_raise(project=self.project, title=data["title"], description=data["description"],
                                      deadline=data["deadline"], leader=data["assigned_leader"], user=self.request.user)


class BlockerResolveView(StaffRequiredMixin, ServiceFormView):
    """Only the leader the problem was raised to sees this page."""

    template_name = "projects/blocker_resolve.html"
    form_class = ResolveForm
    success_message = gettext_lazy("The problem is marked resolved.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.blocker = get_object_or_404(
                Blocker.objects.visible_to(request.user).select_related("project", "assigned_leader"),
                pk=kwargs["pk"], assigned_leader__user=request.user,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(blocker=self.blocker, project=self.blocker.project,
                                        heading=gettext_lazy("Resolve a problem"), next=next_url(self.request, ""),
                                        **kwargs)

    def call_service(self, form):
        return services.blocker_resolve(blocker=self.blocker, resolution=form.cleaned_data["resolution"],
                                        user=self.request.user)

    def get_success_url(self):
        return next_url(self.request, self.blocker.project.get_absolute_url())  # e.g. the leader's workspace
