from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = _("Safety")

    def ready(self):
        from gaoyou_portal import registry

        from . import compliance, demo, leader_panels, panels
        from .models import ChemicalFirm, GarmentWorkshop

        registry.nav_item(_("Safety rectification"), "safety:board", icon="shield-exclamation", order=40)
        registry.dashboard_panel(panels.dashboard_panel, order=40)
        registry.public_summary(panels.public_summary, order=40)
        registry.demo_seeder(demo.seed, order=40)
        registry.compliance_source("safety_cases", _("Rectification items due"), compute=compliance.compliance,
                                   order=40, models=[ChemicalFirm, GarmentWorkshop])
        registry.deadline_items(compliance.items_due)
        panels.register_metrics()
        leader_panels.register()
        registry.private_file("safety.InspectionPhoto", "image", prefixes=["safety/inspections/"],
                              readable=_readable_photos)


def _readable_photos(user):
    from .models import Inspection, InspectionPhoto

    return InspectionPhoto.objects.filter(inspection__in=Inspection.objects.visible_to(user).values("pk"))

