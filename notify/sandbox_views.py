"""The sandbox robot's page: what a sandbox group received, as the group sees it; and the robot's own
webhook (a POST as WeCom or DingTalk takes it). Only where ``NOTIFY_SANDBOX`` is on; elsewhere 404."""

import json

from django.http import Http404, JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import ListView

from gaoyou_portal.mixins import StaffRequiredMixin

from . import sandbox
from .models import Channel, ChannelScheme
from .sandbox_models import SandboxMessage


@method_decorator(csrf_exempt, name="dispatch")
class SandboxView(StaffRequiredMixin, ListView):
    template_name = "notify/sandbox.html"
    paginate_by = 30

    def dispatch(self, request, *args, **kwargs):
        if not sandbox.enabled():
            raise Http404
        if request.method == "POST":  # the robot's webhook: no session, as a real robot takes none
            return self.receive(request, kwargs["group"])
        return super().dispatch(request, *args, **kwargs)

    def receive(self, request, group):
        try:
            payload = json.loads(request.body or b"{}")
        except ValueError:
            payload = None
        if not isinstance(payload, dict) or payload.get("msgtype") not in ("markdown", "text"):
            return JsonResponse({"errcode": 40008, "errmsg": "invalid message type"})
        robot = ChannelScheme.DINGTALK if "at" in payload or "title" in payload.get("markdown", {}) else (
            ChannelScheme.WECOM)
        return JsonResponse(sandbox.receive(group, robot, payload))

    def get_queryset(self):
        return SandboxMessage.objects.filter(channel=self.kwargs["group"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.kwargs["group"]
        context["group"] = group
        context["messages_seen"] = [sandbox.as_seen(m) for m in context["object_list"]]
        context["channels"] = [c for c in Channel.objects.filter(url_hint__startswith="sandbox://")
                               if c.url_hint.rstrip("/").endswith(f"/{group}")]
        return context
