"""The import pages every app shares: upload (subclassed per import), job, confirm, errors, template."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from gaoyou_portal.errors import on_field

from ..choices import ImportState
from ..errors import DomainError
from ..mixins import StaffRequiredMixin
from ..models import ImportJob
from ..uploads import spreadsheet_field
from ..views import ServiceActionView, ServiceFormView
from . import engine
from .spec import get_spec


class ImportForm(forms.Form):
    file = spreadsheet_field()


def done_message(job):
    return _("Imported: %(created)d new, %(updated)d updated.") % {
        "created": job.created_count, "updated": job.updated_count}


class ImportUploadView(StaffRequiredMixin, ServiceFormView):
    """Upload a sheet for ``spec``; a small file is checked at once and its preview (or errors) shown here.

    Subclass with ``spec`` (and ``required_roles``); override ``get_params`` for what the form asks
    besides the file and ``form_class`` to ask it.
    """

    spec = None
    form_class = ImportForm
    template_name = "imports/upload.html"
    redirect_to_job = False  # True: always follow the job on its own page

    def get_params(self, form):
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        spec = self.spec(user=self.request.user, params={})
        context.update(
            spec=spec,
            jobs=ImportJob.objects.visible_to(self.request.user).filter(spec=self.spec.key)
            .select_related("created_by")[:10],
        )
        return context

    def call_service(self, form):
        try:
            return engine.import_start(spec=self.spec, upload=form.cleaned_data["file"], user=self.request.user,
                                       params=self.get_params(form))
        except DomainError as exc:  # the file was refused: said under the file field
            raise on_field(exc, "file") from None

    def form_saved(self, form):
        job = self.saved
        if job.state == ImportState.DONE:
            messages.success(self.request, done_message(job))
            return redirect(self.get_success_url(job))
        if self.redirect_to_job or job.running:
            return redirect(job.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form, **job_context(job)))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_success_url(self, job=None):
        job = job or self.saved
        return self.spec(user=self.request.user, params=job.params).success_url(job) or job.get_absolute_url()


def job_context(job):
    spec = job.get_spec()
    processed = engine.import_progress(job)
    return {
        "job": job,
        "processed": processed,
        "percent": min(100, round(100 * processed / job.total_rows)) if job.total_rows else 0,
        "preview_headers": spec(user=job.created_by, params=job.params).preview_headers() if spec else [],
        "ImportState": ImportState,
        "done_message": done_message(job),
    }


class ImportJobView(LoginRequiredMixin, DetailView):
    """A job's state, progress (polled by htmx while it runs), preview, errors and confirm button."""

    context_object_name = "job"

    def get_queryset(self):
        return ImportJob.objects.visible_to(self.request.user).select_related("created_by")

    def get_template_names(self):
        if self.request.htmx:
            return ["imports/_job.html"]
        return ["imports/job.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(job_context(self.object))
        return context


class ImportConfirmView(LoginRequiredMixin, ServiceActionView):
    model = ImportJob
    scope_action = "view"
    def get_queryset(self):
        return super().get_queryset().select_related("created_by")

    def call_service(self, form):
        return engine.import_confirm(job=self.object, user=self.request.user)

    def get_success_message(self):
        return done_message(self.saved) if self.saved.state == ImportState.DONE else None

    def get_success_url(self):
        job = self.saved
        if job.state == ImportState.DONE:
            return job.get_spec()(user=self.request.user, params=job.params).success_url(job) or job.get_absolute_url()
        return job.get_absolute_url()

    def get_redirect_url(self):
        return self.object.get_absolute_url()


class ImportErrorsView(ImportJobView):
    """Every error of a job as an .xlsx (row, column, problem)."""

    def get(self, request, pk):
        return engine.error_report_response(get_object_or_404(self.get_queryset(), pk=pk))


class ImportTemplateView(StaffRequiredMixin, View):
    """The template of an import: its headers, example rows and each column's help."""

    def get(self, request, key):
        spec_class = get_spec(key, default=None)
        if spec_class is None:
            raise Http404
        spec = spec_class(user=request.user, params={})
        try:
            spec.check_permission()
        except DomainError:
            raise Http404
        return engine.template_response(spec)
