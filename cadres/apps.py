from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CadresConfig(AppConfig):
    name = "cadres"
    verbose_name = _("Cadres")

    def ready(self):
        from gaoyou_portal import registry

        from . import demo, guard, receivers
        from .hooks import consequence_confirmed
        from .permissions import DEPARTMENT_ROLES

        # Cadre data appears nowhere else: no public summary, no unit panel, and the navigation
        # entry and the dashboard panel only for the organisation department.
        registry.nav_item(_("Cadres"), "cadres:cadre_list", icon="person-badge", roles=DEPARTMENT_ROLES, order=60)
        registry.dashboard_panel(receivers.dashboard_panel, order=60)
        registry.demo_seeder(demo.seed, order=50)
        guard.connect()
        consequence_confirmed.connect(
            receivers.on_consequence_confirmed, dispatch_uid="cadres.on_consequence_confirmed"
        )
