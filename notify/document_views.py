"""Word documents: the office uploads its templates; those who may read a document export it."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from gaoyou_portal import documents
from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.views import ServiceActionView

from . import services
from .forms import TemplateUploadForm
from .models import DocumentTemplate
from .permissions import is_channel_manager
from .views import ManagerMixin


def _kind(code, user=None):
    kind = documents.get_kind(code)
    if kind is None or (user is not None and not (kind.can_export(user) or is_channel_manager(user))):
        raise Http404
    return kind


def _template_bytes(kind):
    stored = DocumentTemplate.objects.filter(kind=kind.code).first()
    if stored and stored.file:
        with stored.file.open("rb") as handle:
            return handle.read()
    return None


def _docx(data, filename):
    response = HttpResponse(data, content_type=documents.DOCX_MIME)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


class TemplateListView(StaffRequiredMixin, TemplateView):
    """Every document the user may export; for the office also its template and the upload form."""

    template_name = "notify/document_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        manager = is_channel_manager(user)
        kinds = [k for k in documents.kinds() if manager or k.can_export(user)]
        if not kinds:
            raise Http404
        stored = {t.kind: t for t in DocumentTemplate.objects.select_related("uploaded_by")}
        rows = [{"kind": k, "stored": stored.get(k.code), "placeholders": sorted(k.allowed)} for k in kinds]
        hint = format_html(
            escape(_("Tables go in a paragraph of their own as %(table)s; lists of paragraphs as %(loop)s.")).replace(
                "%(table)s", "{table}").replace("%(loop)s", "{loop}"),
            table=format_html("<code>{}</code>", "{{p ranking_table }}"),
            loop=format_html("<code>{}</code>", "{%p for text in summary %}{{ text }}{%p endfor %}"))
        return super().get_context_data(rows=rows, is_manager=manager, form=TemplateUploadForm(),
                                        placeholder_hint=hint, **kwargs)


class TemplateUploadView(ManagerMixin, ServiceActionView):
    form_class = TemplateUploadForm

    def get_object(self):
        return _kind(self.kwargs["kind"])

    def call_service(self, form):
        return services.document_template_upload(kind=self.object, upload=form.cleaned_data["file"],
                                                 user=self.request.user)

    def get_success_message(self):
        return _("Template for “%(label)s” saved.") % {"label": self.object.label}

    def get_redirect_url(self):
        return reverse("channels:template_list")


class TemplateDeleteView(ManagerMixin, ServiceActionView):
    success_message = gettext_lazy("The portal's default template is used again.")

    def call_service(self, form):
        return services.document_template_delete(kind=_kind(self.kwargs["kind"]), user=self.request.user)

    def get_redirect_url(self):
        return reverse("channels:template_list")


class TemplateDownloadView(ManagerMixin, View):
    """The template in use (the office's, or the default GB/T 9704 one to start from)."""

    def get(self, request, kind):
        kind = _kind(kind)
        return _docx(_template_bytes(kind) or documents.default_template(kind), f"{kind.code}-template.docx")


class ExportView(StaffRequiredMixin, View):
    def get(self, request, kind):
        kind = _kind(kind, request.user)
        if not kind.can_export(request.user):
            raise Http404
        data, problem = documents.export(kind, user=request.user, params=request.GET,
                                         template_bytes=_template_bytes(kind))
        if problem:
            messages.warning(request, problem)
        return _docx(data, f"{kind.code}.docx")
