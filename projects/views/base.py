"""What the projects' pages share: the safe ``next`` address and the base of the pages that write to a project."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.scoping import is_editable
from gaoyou_portal.views import ServiceFormView, next_url

from ..models import Project


class ProjectFormView(StaffRequiredMixin, ServiceFormView):
    """A form page that writes to one project: visible to the user, editable to show the form.

    A POST from a user who may see but not edit the project reaches the service, which refuses it on the form.
    """

    heading = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.project = self.get_project()
        return super().dispatch(request, *args, **kwargs)

    def get_project(self):
        project = get_object_or_404(Project.objects.visible_to(self.request.user), pk=self.kwargs["pk"])
        if self.request.method == "GET" and not is_editable(project, self.request.user):
            raise Http404
        return project

    def get_context_data(self, **kwargs):
        kwargs.setdefault("heading", self.heading)
        return super().get_context_data(project=self.project, next=next_url(self.request, ""), **kwargs)

    def get_success_url(self):
        return self.project.get_absolute_url()
