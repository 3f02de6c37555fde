"""Following a task: its own Atom feed, and the e-mail subscription's pages (ask, confirm, unsubscribe).

The task page stays cookie-free and cached, so the subscription form carries no CSRF token: the endpoint is
exempt, rate-limited per client address, and does nothing but send a confirmation (double opt-in)."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from gaoyou_portal.errors import DomainError, error_text
from gaoyou_portal.ratelimit import allow

from . import subscriptions
from .cache import public_page
from .models import LivelihoodTask, ProgressUpdate
from .public_views import UpdatesFeed

FOLLOW_LIMIT = 5  # requests an hour from one address


class TaskUpdatesFeed(UpdatesFeed):
    """Atom feed of one task's published progress."""

    def get_object(self, request, year, number):
        return get_object_or_404(LivelihoodTask, year=year, number=number)

    def title(self, task):
        return _("%(code)s %(title)s: progress") % {"code": task.code, "title": task.title}

    def subtitle(self, task):
        return _("The published progress of this livelihood task.")

    def link(self, task):
        return task.get_absolute_url()

    def items(self, task):
        return (ProgressUpdate.objects.filter(task=task, published=True).select_related("task")
                .order_by("-published_at", "-id")[: self.limit])


task_feed = public_page("task-feed")(TaskUpdatesFeed())


def _result(request, *, title, message, status=200, task=None, level="info"):
    return render(request, "livelihood/follow_result.html",
                  {"title": title, "message": message, "task": task, "level": level}, status=status)


@csrf_exempt
@never_cache
@require_POST
def follow(request, year, number):
    task = get_object_or_404(LivelihoodTask, year=year, number=number)
    if not allow(request, "livelihood-follow", limit=FOLLOW_LIMIT, seconds=3600):
        return _result(request, title=_("Too many requests"), status=429, task=task, level="warning",
                       message=_("Too many requests from your address. Please try again in an hour."))
    try:
        subscriptions.subscription_request(task=task, email=request.POST.get("email", ""))
    except DomainError as error:
        return _result(request, title=_("Follow this task"), status=400, task=task, level="danger",
                       message=error_text(error, sep=" "))
    return _result(request, title=_("Please check your e-mail"), task=task, message=_(
        "We sent a message to the address you gave. Open the link in it to confirm; until then nothing else is "
        "sent. If the address already follows this task, nothing changes."))


@never_cache
def confirm(request, token):
    state, subscription = subscriptions.subscription_confirm(token=token)
    task = subscription.task if subscription else None
    if state == "confirmed":
        return _result(request, title=_("You follow this task"), task=task, level="success", message=_(
            "Confirmed. You will get at most one message a day when this task has new progress. Every message "
            "has a link to stop them."))
    if state == "already":
        return _result(request, title=_("Already confirmed"), task=task,
                       message=_("This link was already used: you follow this task. Nothing was changed."))
    return _bad_link(request, state)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])  # POST: the mail programs' one-click unsubscribe (RFC 8058)
def cancel(request, token):
    state, task = subscriptions.subscription_cancel(token=token)
    if state == "cancelled":
        return _result(request, title=_("Unsubscribed"), task=task, level="success", message=_(
            "You will get no more messages about this task, and your address has been deleted."))
    return _bad_link(request, state)


def _bad_link(request, state):
    if state == "gone":
        return _result(request, title=_("This link no longer works"), status=410, level="warning", message=_(
            "This link was already used, or the address no longer follows the task. Nothing was changed."))
    return _result(request, title=_("This link is not valid"), status=400, level="danger", message=_(
        "This link is damaged or was not sent by the portal. Nothing was changed. Copy the whole link from the "
        "message, or ask again from the task's page."))


def follow_url(task):
    return reverse("livelihood:follow", kwargs={"year": task.year, "number": task.number})
