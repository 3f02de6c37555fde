from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "notify"
    verbose_name = _("Notifications")

    def ready(self):
        from gaoyou_portal import registry
        from gaoyou_portal.roles import Role
        from org import signals

        from . import demo, services, tasks  # noqa: F401  (registers the Celery tasks)
        from .permissions import CHANNEL_MANAGER_ROLES, WORD_ROLES

        signals.notice_sent.connect(services.on_notice, dispatch_uid="notify.route_notices")
        registry.nav_item(_("Group robots"), "channels:channel_list", icon="broadcast", roles=CHANNEL_MANAGER_ROLES,
                          order=95)
        registry.nav_item(_("Robot messages"), "channels:delivery_list", icon="send-check", roles=[Role.REPORTER],
                          order=96)
        registry.nav_item(_("Word documents"), "channels:template_list", icon="file-earmark-word",
                          roles=WORD_ROLES, order=97)
        registry.demo_seeder(demo.seed, order=900)  # after every app: their notices reach the groups
        registry.private_file("notify.DocumentTemplate", "file", prefixes=["document_templates/"],
                              readable=_readable_templates)


def _readable_templates(user):
    """The office's Word templates (letterhead, seal line): the office and administrators."""
    from .models import DocumentTemplate
    from .permissions import is_channel_manager

    if is_channel_manager(user):
        return DocumentTemplate.objects.all()
    return DocumentTemplate.objects.none()
