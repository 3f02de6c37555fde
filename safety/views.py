"""Pages of the safety ledgers: board, ledger lists, case pages with their actions, Excel in and out."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from gaoyou_portal.forms import show_domain_error
from gaoyou_portal.imports import views as import_views
from gaoyou_portal.imports.engine import template_response
from gaoyou_portal.imports.views import ImportUploadView
from gaoyou_portal.mixins import ScopedQuerysetMixin, StaffRequiredMixin
from gaoyou_portal.scoping import is_editable
from gaoyou_portal.views import ServiceActionView, ServiceFormView

from . import selectors, services
from .choices import CaseState, Ledger
from .filtersets import ChemicalFirmFilterSet, GarmentWorkshopFilterSet
from .forms import (
    ChemicalFirmForm,
    DispositionForm,
    GarmentWorkshopForm,
    ImportForm,
    InspectionForm,
    ItemDoneForm,
    ItemForm,
    SendBackForm,
)
from .imports import SPECS, board_export_response, case_export_response
from .models import ChemicalFirm, GarmentWorkshop, RectificationItem
from .permissions import BUREAU_ROLES, is_bureau


class LedgerMixin:
    """The per-ledger pieces a view needs; ``ledger`` is set in urls.py."""

    ledger = Ledger.FIRMS
    CONFIG = {
        Ledger.FIRMS: {"model": ChemicalFirm, "filterset": ChemicalFirmFilterSet, "form": ChemicalFirmForm,
                       "prefix": "firm"},
        Ledger.WORKSHOPS: {"model": GarmentWorkshop, "filterset": GarmentWorkshopFilterSet,
                           "form": GarmentWorkshopForm, "prefix": "workshop"},
    }

    @property
    def conf(self):
        return self.CONFIG[self.ledger]

    @property
    def model(self):
        return self.conf["model"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(ledger=self.ledger, prefix=self.conf["prefix"], ledger_label=Ledger(self.ledger).label,
                       bureau=is_bureau(self.request.user))
        return context


class BoardView(StaffRequiredMixin, TemplateView):
    template_name = "safety/board.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.board(user=self.request.user), **kwargs)


class BoardExportView(StaffRequiredMixin, View):
    def get(self, request):
        return board_export_response(selectors.board(user=request.user))


class CaseListView(LedgerMixin, ScopedQuerysetMixin, ListView):
    paginate_by = 50
    template_name = "safety/case_list.html"

    def get_base_queryset(self):
        return self.model.objects.select_related("town", "responsible_department")

    def get_queryset(self):
        self.filterset = self.conf["filterset"](self.request.GET, queryset=super().get_queryset(),
                                                request=self.request)
        return self.filterset.qs if self.filterset.is_valid() else self.filterset.queryset.none()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, today=timezone.localdate(), **kwargs)


class CaseExportView(CaseListView):
    def get(self, request, *args, **kwargs):
        return case_export_response(SPECS[self.ledger], self.get_queryset())


class CaseDetailView(LedgerMixin, ScopedQuerysetMixin, DetailView):
    template_name = "safety/case_detail.html"

    def get_base_queryset(self):
        return self.model.objects.select_related("town", "responsible_department", "submitted_by", "closed_out_by")

    def get_context_data(self, **kwargs):
        from gaoyou_portal.audit import history_rows

        case, user = self.object, self.request.user
        can_edit, bureau = is_editable(case, user), is_bureau(user)
        state = case.state
        context = super().get_context_data(**kwargs)
        context.update(
            history=history_rows(case),
            inspections=case.inspections.select_related("recorded_by").prefetch_related("photos"),
            items=case.rectificationitems.select_related("verified_by"),
            can_edit=can_edit,
            can_start=can_edit and state in services.START_FROM,
            can_submit=can_edit and state in services.SUBMIT_FROM,
            can_decide=bureau and state in services.DECIDE_FROM,
            own_submission=case.submitted_by_id == user.pk,
            can_set_disposition=bureau and state in services.SETTABLE_FROM,
            can_add_item=can_edit and state in services.SETTABLE_FROM,
            inspection_form=kwargs.get("inspection_form") or InspectionForm(),
            item_form=kwargs.get("item_form") or ItemForm(),
            send_back_form=kwargs.get("send_back_form") or SendBackForm(),
            disposition_form=kwargs.get("disposition_form") or DispositionForm(
                model=self.model, initial={"disposition": case.disposition, "deadline": case.deadline,
                                           "disposition_date": case.disposition_date or timezone.localdate()}),
            done_form=ItemDoneForm(),
        )
        return context


class CaseFormView(LedgerMixin, ScopedQuerysetMixin, SingleObjectMixin, ServiceFormView):
    """Create (the bureau) or edit a case's particulars."""

    template_name = "safety/case_form.html"
    scope_action = "change"
    creating = False

    def get_object(self, queryset=None):
        if self.creating:
            if not is_bureau(self.request.user):
                raise Http404
            return None
        return super().get_object(queryset)

    def get_form_class(self):
        return self.conf["form"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object or self.model(),
                "bureau": is_bureau(self.request.user), "creating": self.creating}

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def call_service(self, form):
        if self.creating:
            return services.case_create(model=self.model, data=form.cleaned_data, user=self.request.user)
        return services.case_update(case=self.object, data=form.case_data(), user=self.request.user)

    def get_success_url(self):
        return self.saved.get_absolute_url()


class CaseActionView(LedgerMixin, ScopedQuerysetMixin, ServiceActionView):
    """POST-only workflow actions on a case: each calls one service; a refusal shows its reason. An action with
    a form (send back, disposition, inspection, item) shows the case page again with the form when it is invalid
    or the service refuses a field of it."""

    scope_action = "change"
    FORMS = {"send_back": (SendBackForm, "send_back_form"), "disposition": (DispositionForm, "disposition_form"),
             "inspection": (InspectionForm, "inspection_form"), "item": (ItemForm, "item_form")}
    DONE = {"start": gettext_lazy("Work started."),
            "submit": gettext_lazy("Submitted to the safety bureau for acceptance."),
            "accept": gettext_lazy("Accepted and struck off the ledger."),
            "send_back": gettext_lazy("Sent back with your reasons."),
            "disposition": gettext_lazy("Disposition set."), "publish": gettext_lazy("Saved."),
            "inspection": gettext_lazy("Inspection recorded."), "item": gettext_lazy("Rectification item added.")}

    def get_object(self):
        case = super().get_object()
        self.action = self.kwargs["action"].replace("-", "_")
        if self.action not in self.DONE:
            raise Http404
        return case

    def get_form(self):
        if self.action not in self.FORMS:
            return None
        form_class = self.FORMS[self.action][0]
        kwargs = {"model": self.model} if self.action == "disposition" else {}
        return form_class(self.request.POST, self.request.FILES, **kwargs)

    def call_service(self, form):
        case, user = self.object, self.request.user
        if self.action == "start":
            return services.case_start(case=case, user=user)
        if self.action == "submit":
            return services.case_submit(case=case, user=user)
        if self.action == "accept":
            return services.case_close_out(case=case, user=user)
        if self.action == "send_back":
            return services.case_send_back(case=case, reason=form.cleaned_data["reason"], user=user)
        if self.action == "disposition":
            return services.case_set_disposition(case=case, user=user, **form.cleaned_data)
        if self.action == "publish":
            return services.case_set_public(case=case, is_public=self.request.POST.get("public") == "1", user=user)
        if self.action == "inspection":
            return services.inspection_record(case=case, user=user, **form.cleaned_data)
        return services.item_add(case=case, user=user, **form.cleaned_data)

    def get_success_message(self):
        return self.DONE[self.action]

    def get_redirect_url(self):
        return self.object.get_absolute_url()

    def form_invalid(self, form):
        return self._render_detail(form)

    def refused(self, exc, form):
        if self.action == "inspection" or (self.action == "disposition" and hasattr(exc, "error_dict")):
            show_domain_error(exc, form=form)
            return self._render_detail(form)
        return super().refused(exc, form)

    def _render_detail(self, form):
        """The case page again, showing the form with its errors."""
        case = self.object
        view = CaseDetailView(request=self.request, kwargs={"pk": case.pk}, ledger=self.ledger)
        view.object = case
        context = view.get_context_data(object=case, **{self.FORMS[self.action][1]: form})
        return render(self.request, view.template_name, context, status=400)


class ItemActionView(StaffRequiredMixin, ServiceActionView):
    model = RectificationItem
    invalid_message = gettext_lazy("Give the date the item was done.")

    def get_queryset(self):
        return super().get_queryset().select_related("firm", "workshop")

    def get_object(self):
        item = super().get_object()
        if self.kwargs["action"] not in ("done", "verify"):
            raise Http404
        return item

    def get_form(self):
        return ItemDoneForm(self.request.POST) if self.kwargs["action"] == "done" else None

    def call_service(self, form):
        if form is not None:
            return services.item_mark_done(item=self.object, done_on=form.cleaned_data["done_on"],
                                           user=self.request.user)
        return services.item_verify(item=self.object, user=self.request.user)

    def get_redirect_url(self):
        return self.object.case.get_absolute_url()


# --- Excel import (the engine in gaoyou_portal.imports; the specs in imports.py) -----------------------------
class ImportUploadView(LedgerMixin, ImportUploadView):
    template_name = "safety/import_upload.html"
    required_roles = BUREAU_ROLES
    form_class = ImportForm
    redirect_to_job = True

    @property
    def spec(self):
        return SPECS[self.ledger]


class ImportTemplateView(StaffRequiredMixin, View):
    def get(self, request, ledger):
        if ledger not in Ledger.values:
            raise Http404
        return template_response(SPECS[ledger](user=request.user, params={}))


class ImportJobView(StaffRequiredMixin, import_views.ImportJobView):
    required_roles = BUREAU_ROLES


class ImportConfirmView(StaffRequiredMixin, import_views.ImportConfirmView):
    required_roles = BUREAU_ROLES


# --- public -------------------------------------------------------------------------------------------
def public_cases(request):
    """Cases the bureau has published, with the headline counts. No login."""
    firms = ChemicalFirm.objects.public().select_related("town")
    workshops = GarmentWorkshop.objects.public().select_related("town")
    return render(request, "safety/public.html", {
        "counts": selectors.public_counts(), "firms": firms, "workshops": workshops,
        "CaseState": CaseState,
    })
