"""The messages to a task's followers: the confirmation and the day's news, each with its unsubscribe link
(in the text and as ``List-Unsubscribe``, one click: RFC 8058). Composed when sent, from the row as it is then:
an address deleted meanwhile gets nothing."""

import logging

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import ProgressUpdate, Subscription
from .subscriptions import CANCEL, CONFIRM, token_for

logger = logging.getLogger("livelihood.follow")


def _url(path):
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _confirmation(subscription):
    task = subscription.task
    confirm = _url(reverse("livelihood:follow_confirm", args=[token_for(subscription, CONFIRM)]))
    subject = _("Please confirm: follow “%(task)s”") % {"task": task.title}
    body = _("Someone (we hope you) asked to receive by e-mail the progress of the livelihood task “%(task)s”.\n\n"
             "To confirm, open this link:\n%(link)s\n\n"
             "If it was not you, ignore this message: nothing will be sent and the address is deleted within a "
             "week.") % {"task": task.title, "link": confirm}
    return subject, body


def _digest(subscription):
    task = subscription.task
    updates = list(ProgressUpdate.objects.filter(task=task, published=True, published_at__gt=subscription.news_since)
                   .order_by("date", "id"))
    if not updates:
        return None, None
    lines = [f"{u.date:%Y-%m-%d} · {u.percent}%：{u.text}" for u in updates]
    subject = _("New progress: %(task)s") % {"task": task.title}
    body = _("The livelihood task “%(task)s” has new progress:\n\n%(lines)s\n\nThe whole task: %(link)s") % {
        "task": task.title, "lines": "\n".join(lines), "link": _url(task.get_absolute_url())}
    return subject, body


def follow_mail_send(*, subscription_id, kind):
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().select_related("task").filter(
            pk=subscription_id).first()
        if subscription is None or (kind == "digest" and subscription.confirmed_at is None):
            return 0
        composed_at = timezone.now()  # updates published from now on are the next message's news
        with override(settings.LANGUAGE_CODE):
            subject, body = _confirmation(subscription) if kind == CONFIRM else _digest(subscription)
            if subject is None:
                return 0
            unsubscribe = _url(reverse("livelihood:follow_cancel", args=[token_for(subscription, CANCEL)]))
            body += "\n\n" + _("Stop these messages (one click, the address is deleted): %(link)s") % {
                "link": unsubscribe}
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [subscription.email], headers={
            "List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    try:
        sent = message.send(fail_silently=False)
    except Exception:
        if not current_app.conf.task_always_eager:
            raise  # the job fails and is replayed; the news stay news until a message went out
        logger.exception("follower message not sent")
        return 0
    if kind == "digest":  # a row without history (see the model): a plain update
        Subscription.objects.filter(pk=subscription_id).update(news_since=composed_at)
    return sent
