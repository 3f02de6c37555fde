"""Pages of the notification channels: the office configures them; every unit reads its own delivery log.
Word templates and exports (the machinery is gaoyou_portal.documents) live here too."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.roles import unit_ids_of
from gaoyou_portal.views import ServiceActionView, ServiceFormView
from org.notice_kinds import TEST, kind_label

from . import sandbox, services
from .forms import ChannelForm
from .models import Channel, Delivery, DeliveryState
from .permissions import CHANNEL_MANAGER_ROLES, is_channel_manager


class ManagerMixin(StaffRequiredMixin):
    required_roles = CHANNEL_MANAGER_ROLES


class ChannelListView(ManagerMixin, ListView):
    template_name = "notify/channel_list.html"

    def get_queryset(self):
        return Channel.objects.select_related("unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for channel in context["object_list"]:
            channel.kind_labels = [kind_label(k) for k in channel.kinds]
            channel.sandbox_group = sandbox.group_of(channel.url_hint)
        return context


class ChannelFormView(ManagerMixin, ServiceFormView):
    form_class = ChannelForm
    template_name = "notify/channel_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.channel = get_object_or_404(Channel, pk=kwargs["pk"]) if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editing": self.channel is not None}

    def get_initial(self):
        if not self.channel:
            return {"mention": True, "active": True, "test_first": True}
        c = self.channel
        return {"name": c.name, "unit": c.unit, "kinds": c.kinds, "mention": c.mention, "digest": c.digest,
                "active": c.active, "test_first": False}

    def get_context_data(self, **kwargs):
        title = _("Edit channel") if self.channel else _("New channel")
        return super().get_context_data(channel=self.channel, title=title, **kwargs)

    def call_service(self, form):
        data = dict(form.cleaned_data)
        test_first = data.pop("test_first")
        channel = services.channel_save(user=self.request.user, data=data, channel=self.channel,
                                        test_first=test_first)
        if test_first:
            show_test_result(self.request, channel.deliveries.filter(kind=TEST).latest("pk"))
        return channel

    def get_success_message(self):
        return _("Channel saved.")

    def get_success_url(self):
        return reverse("channels:channel_list")


class ChannelTestView(ManagerMixin, ServiceActionView):
    model = Channel
    scope_action = None
    success_message = None  # the test's own message: sent, not delivered or queued

    def call_service(self, form):
        delivery = services.channel_test(channel=self.object, user=self.request.user)
        show_test_result(self.request, delivery)
        return delivery

    def get_success_url(self):
        return reverse("channels:delivery_list") + f"?channel={self.object.pk}"

    def get_failure_url(self):
        return reverse("channels:channel_list")


def show_test_result(request, delivery):
    """What became of a queued test message so far: sent, not delivered (the portal's words), or queued."""
    delivery.refresh_from_db()
    name = delivery.channel.name
    if delivery.state == DeliveryState.SENT:
        messages.success(request, _("Test message sent to “%(name)s”.") % {"name": name})
    elif delivery.state == DeliveryState.FAILED:
        messages.error(request, _("The test message to “%(name)s” was not delivered: %(answer)s") % {
            "name": name, "answer": delivery.last_answer or "—"})
    else:
        messages.info(request, _("Test message to “%(name)s” queued; its result appears in the delivery log.")
                      % {"name": name})


class ChannelDeleteView(ManagerMixin, ServiceActionView):
    model = Channel
    scope_action = None
    success_message = gettext_lazy("Channel deleted.")

    def call_service(self, form):
        return services.channel_delete(channel=self.object, user=self.request.user)

    def get_redirect_url(self):
        return reverse("channels:channel_list")


class DeliveryListView(StaffRequiredMixin, ListView):
    """The delivery log: the office reads every delivery, a unit's members those about their unit."""

    template_name = "notify/delivery_list.html"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        if not (is_channel_manager(user) or unit_ids_of(user)):
            raise Http404
        qs = Delivery.objects.visible_to(user).select_related("channel", "unit")
        if self.request.GET.get("channel", "").isdigit():
            qs = qs.filter(channel_id=int(self.request.GET["channel"]))
        if self.request.GET.get("state") in DeliveryState.values:
            qs = qs.filter(state=self.request.GET["state"])
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for delivery in context["object_list"]:
            delivery.kind_text = kind_label(delivery.kind)
        context["states"] = DeliveryState.choices
        context["is_manager"] = is_channel_manager(self.request.user)
        context["channels_url"] = reverse("channels:channel_list")
        return context
