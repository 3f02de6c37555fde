from django.core.management.base import BaseCommand

from projects.lights import refresh_lights
from projects.models import Project


class Command(BaseCommand):
    help = "Recompute and store every project's warning light (repairs; the services and the daily job keep them)."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="Project codes (default: all projects).")

    def handle(self, *args, codes, **options):
        projects = Project.objects.filter(code__in=codes) if codes else None
        changed = refresh_lights(projects)
        self.stdout.write(f"{changed} light(s) changed.")
