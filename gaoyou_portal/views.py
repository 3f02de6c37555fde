import functools

import redis
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import cache_control, never_cache
from django.views.generic import FormView, TemplateView

from . import registry
from .errors import DomainError
from .forms import show_domain_error, show_form_errors


def next_url(request, default):
    """The page to go back to (``next`` in the form or the address), if it is on this site; else ``default``."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


class ServiceFormView(FormView):
    """The one base of a form page whose valid submission calls a service.

    1. ``call_service(form)`` calls the service with the cleaned data; what it returns is kept as ``self.saved``.
    2. A refusal (a ``DomainError``, or any ``ValidationError`` a service lets through) goes back onto the
       form, field by field, and the page shows again (``form_invalid``): nothing was saved.
    3. Otherwise ``get_success_message()`` is shown and the user goes to ``get_success_url()``.
    Scope and roles come from the mixins in front of it (``StaffRequiredMixin`` or the app's own).
    """

    success_message = gettext_lazy("Saved.")
    saved = None

    def call_service(self, form):
        raise NotImplementedError

    def get_success_message(self):
        return self.success_message

    def form_valid(self, form):
        try:
            self.saved = self.call_service(form)
        except ValidationError as exc:
            show_domain_error(exc, form=form)
            return self.form_invalid(form)
        return self.form_saved(form)

    def form_saved(self, form):
        """After the service said yes: the success message and the redirect (an import's upload page shows the
        file's preview instead)."""
        message = self.get_success_message()
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url())


class ServiceActionView(View):
    """The one base of a one-button action (confirm, publish, resolve, approve…): POST only, no page of its own.

    1. ``get_object()`` fetches ``model`` by ``pk_url_kwarg`` through the scoped queryset
       (``scope_action`` "change" → ``editable_by``, "view" → ``visible_to``): a 404 outside scope.
       Without ``model`` there is no object (the action is on the user's own things, or a year).
    2. ``form_class`` (optional) reads the button's few fields (a date, a reason); an invalid form is a
       refusal: ``invalid_message`` if set, else the form's errors, each named by its field.
    3. ``call_service(form)`` calls the service; what it returns is kept as ``self.saved``.
    4. A refusal (a ``DomainError``, or any ``ValidationError``) is shown the way ``ServiceFormView`` shows it
       without a form (``show_domain_error(exc, request=...)``) and the user goes to ``get_failure_url()``;
       otherwise ``get_success_message()`` and ``get_success_url()``. Both default to ``get_redirect_url()``.
    Roles come from the mixins in front of it (``StaffRequiredMixin`` or the app's own).
    """

    http_method_names = ["post"]
    model = None
    scope_action = "change"
    pk_url_kwarg = "pk"
    form_class = None
    invalid_message = None
    success_message = gettext_lazy("Saved.")
    object = None
    saved = None

    def get_queryset(self):
        qs = self.model._default_manager.all()
        if self.scope_action == "change":
            return qs.editable_by(self.request.user)
        if self.scope_action == "view":
            return qs.visible_to(self.request.user)
        return qs

    def get_object(self):
        if self.model is None:
            return None
        return get_object_or_404(self.get_queryset(), pk=self.kwargs[self.pk_url_kwarg])

    def get_form(self):
        return self.form_class(self.request.POST, self.request.FILES) if self.form_class else None

    def call_service(self, form):
        raise NotImplementedError

    def get_success_message(self):
        return self.success_message

    def get_redirect_url(self):
        raise NotImplementedError

    def get_success_url(self):
        return self.get_redirect_url()

    def get_failure_url(self):
        return self.get_redirect_url()

    def form_invalid(self, form):
        if self.invalid_message:
            show_domain_error(DomainError(self.invalid_message), request=self.request)
        else:
            show_form_errors(form, request=self.request)
        return redirect(self.get_failure_url())

    def refused(self, exc, form):
        """The service said no: its message(s), and back (override to show a page with the form instead)."""
        show_domain_error(exc, request=self.request)
        return redirect(self.get_failure_url())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.form_invalid(form)
        try:
            self.saved = self.call_service(form)
        except ValidationError as exc:
            return self.refused(exc, form)
        message = self.get_success_message()
        if message:
            messages.success(request, message)
        return redirect(self.get_success_url())


class PostToViewMixin:
    """A page whose form posts to the page's own address: the POST is handled by ``post_view``, a
    ``ServiceFormView`` or ``ServiceActionView`` (the address stays one, the rule stays one)."""

    post_view = None

    def post(self, request, *args, **kwargs):
        return self.post_view.as_view()(request, *args, **kwargs)


def home(request):
    """The public home page: headline figures that the apps publish. No login, no cookies."""
    return render(request, "portal/home.html", {"summaries": registry.public_summaries()})


@login_required
def dashboard(request):
    """The staff dashboard: one panel per app the user's role may see."""
    return render(request, "portal/dashboard.html", {"panels": registry.dashboard_panels(request)})


@login_required
def notice_list(request):
    notices = request.user.notices.select_related("unit")
    page = Paginator(notices, 30).get_page(request.GET.get("page"))
    return render(request, "portal/notices.html", {"page_obj": page})


class NoticeMarkReadView(LoginRequiredMixin, ServiceActionView):
    """The user's own notices, all marked read."""

    def call_service(self, form):
        return self.request.user.notices.filter(read_at__isnull=True).update(read_at=timezone.now())

    def get_success_message(self):
        return _("%(count)d notices marked as read.") % {"count": self.saved}

    def get_redirect_url(self):
        return reverse("notice_list")


class ApiTokenIssueView(LoginRequiredMixin, ServiceActionView):
    """A new API token for the user (the old one stops working)."""

    success_message = gettext_lazy("A new API token has been issued; the old one no longer works.")

    def call_service(self, form):
        from rest_framework.authtoken.models import Token

        Token.objects.filter(user=self.request.user).delete()
        return Token.objects.create(user=self.request.user)

    def get_redirect_url(self):
        return reverse("api_token")


class ApiTokenView(LoginRequiredMixin, PostToViewMixin, TemplateView):
    """Show the user's API token; the button posts here for a new one."""

    template_name = "portal/api_token.html"
    post_view = ApiTokenIssueView

    def get_context_data(self, **kwargs):
        from rest_framework.authtoken.models import Token

        return super().get_context_data(token=Token.objects.filter(user=self.request.user).first(), **kwargs)


notice_mark_read = NoticeMarkReadView.as_view()
api_token = ApiTokenView.as_view()


def media(request, path):
    """An uploaded file, for those who may read the record it belongs to (404 for anyone else).

    The file runs in a sandbox (Content-Security-Policy) and anything but a photo or a PDF is a
    download with a neutral type: an uploaded .html or .svg cannot run script on the portal's origin.
    See ``gaoyou_portal.media``.
    """
    from .media import serve

    return serve(request, path)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _check_cache():
    if hasattr(cache, "ping"):  # the resilient Redis backend: ask Redis itself, past the breaker
        cache.ping()
        return "ok"
    cache.set("healthz", "ok", 10)
    return "ok" if cache.get("healthz") == "ok" else "error: cache did not return the value"


def _check_broker():
    if not settings.REDIS_URL:
        return "eager"  # no broker configured: tasks run in-process
    timeout = settings.REDIS_TIMEOUT
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=timeout, socket_timeout=timeout)
    client.ping()
    return "ok"


@never_cache
def healthz(request):
    """JSON state of database, cache, broker and background jobs.

    200 while the database answers (the web process can serve), with ``status`` "degraded" when
    the cache or broker fails; 503 only when the database fails. ``cache_failures`` counts the cache
    calls of this process that failed and were served from the database instead; the job figures are
    the age in seconds of the oldest job still waiting for a worker and of the newest worker heartbeat
    (null: none), and the number of failed jobs an operator may replay (docs/operations.md).
    """
    from .cache import cache_state
    from .jobs import jobs_health

    result = {}
    for name, check in (("database", _check_database), ("cache", _check_cache), ("broker", _check_broker)):
        try:
            result[name] = check()
        except Exception as exc:  # report, never crash: this is what the probe is for
            result[name] = f"error: {exc.__class__.__name__}"
    healthy = all(v in ("ok", "eager") for v in result.values())
    result["status"] = "ok" if healthy else "degraded"
    result["cache_failures"] = cache_state()["failures"]
    if result["database"] == "ok":
        try:
            result.update(jobs_health())
        except Exception as exc:  # a missing table (before migrate) must not hide the rest
            result["jobs"] = f"error: {exc.__class__.__name__}"
    status = 503 if result["database"] != "ok" else 200
    return JsonResponse(result, status=status)


@cache_control(public=True, max_age=86400)
def favicon(request):
    """``/favicon.ico``: browsers ask for it at the root on every first visit, whatever the page links."""
    return HttpResponse(_favicon_bytes(), content_type="image/x-icon")


@functools.cache
def _favicon_bytes():
    return (settings.BASE_DIR / "static" / "img" / "favicon.ico").read_bytes()
