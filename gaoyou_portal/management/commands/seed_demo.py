from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from gaoyou_portal import demo_clock, registry

# Seeding sends nothing: notices are recorded, but no e-mail and no robot message leaves, whatever DEBUG says.
QUIET_MAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = ("Load idempotent demo data for every app (units, leaders, users, and each app's records), dated as "
            "they would have happened up to today. Sends no e-mail and no robot message.")

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiply the volume of records (for benchmarks).")

    def handle(self, *args, scale, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        with demo_clock.silenced(), override_settings(EMAIL_BACKEND=QUIET_MAIL):
            for seeder in registry.demo_seeders():
                seeder(scale=scale, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Users: admin, office, leader, reporter, safety, "
                                             "orgdept; password demo-pass-2026. Nothing was sent."))
