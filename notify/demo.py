"""Demo channels: two groups of the sandbox robot (``notify.sandbox``), so the channels page, the delivery log and
the sandbox page show real deliveries. Runs after every app's demo (the notices exist by then).

Only where the sandbox is on (``NOTIFY_SANDBOX``: development and the demo); elsewhere it says so and adds
nothing. Nothing leaves the portal: the sandbox keeps what the robot would have received. Idempotent:
channels are matched by name, and a notice is delivered to a channel once (its event key).
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model

from gaoyou_portal import demo_clock
from org.models import Notice, Unit

from . import sandbox, services
from .models import Channel, Delivery, DeliveryState

# (name, address, unit code or None for city-wide)
CHANNELS = [
    ("考核办工作群（沙盒）", "sandbox://wecom/khb-office", None),
    ("龙虬镇工作群（沙盒）", "sandbox://dingtalk/longqiu-town", "longqiu"),
]
RECENT = 10  # the latest notices each channel carried


def seed(*, scale=1, stdout=None):
    office = get_user_model().objects.filter(username="office").first()
    if office is None:
        return
    if not sandbox.enabled():
        if stdout:
            stdout.write("channels: the sandbox robot is off here (NOTIFY_SANDBOX), no demo channel added")
        return
    today = demo_clock.real_now().date()
    delivered = 0
    for name, address, unit_code in CHANNELS:
        unit = Unit.objects.filter(code=unit_code).first() if unit_code else None
        channel = Channel.objects.filter(name=name).first()
        if channel is None:
            with demo_clock.at(demo_clock.working_moment(date(today.year, 1, 5), date(today.year, 1, 9),
                                                         key=f"channel-{name}")):
                channel = services.channel_save(user=office, data={
                    "name": name, "unit": unit, "kinds": [], "address": address, "mention": True, "digest": False,
                    "active": True})
        notices = Notice.objects.filter(created_at__date__gte=today - timedelta(days=120))
        if unit is not None:
            notices = notices.filter(unit=unit)
        seen, chosen = set(), []
        for notice in notices.order_by("-created_at", "-id"):
            if (notice.title, notice.unit_id) not in seen:
                seen.add((notice.title, notice.unit_id))
                chosen.append(notice)
            if len(chosen) == RECENT:
                break
        for notice in reversed(chosen):
            key = f"demo:{notice.pk}"
            if Delivery.objects.filter(channel=channel, event_key=key).exists():
                continue
            with demo_clock.at(notice.created_at):
                delivery = Delivery.objects.create(
                    channel=channel, event_key=key, kind="general", unit=notice.unit, title=notice.title,
                    body=notice.body, link=notice.link, state=DeliveryState.PENDING)
            with demo_clock.at(notice.created_at + timedelta(seconds=20)):
                services.delivery_attempt(delivery_id=delivery.pk)
            delivered += 1
    if stdout:
        stdout.write(f"channels: {len(CHANNELS)} sandbox groups, {delivered} deliveries to them now "
                     f"(kept in the portal, nothing sent)")
