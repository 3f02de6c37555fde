from django.core.management.base import BaseCommand, CommandError

from gaoyou_portal import registry


class Command(BaseCommand):
    help = "Load idempotent demo data for every app (units, leaders, users, and each app's records)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiply the volume of records (for benchmarks).")

    def handle(self, *args, scale, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        for seeder in registry.demo_seeders():
            seeder(scale=scale, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Users: admin, office, leader, reporter, safety, "
                                             "orgdept; password demo-pass-2026."))
