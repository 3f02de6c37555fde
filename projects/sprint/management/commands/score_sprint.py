from django.core.management.base import BaseCommand, CommandError

from gaoyou_portal.errors import DomainError, error_text
from projects.sprint.choices import RunTrigger
from projects.sprint.services import race_score


class Command(BaseCommand):
    help = "Score a quarter's sprint race now (the Celery task does the same on schedule)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])

    def handle(self, *args, year, quarter, **options):
        try:
            run = race_score(year=year, quarter=quarter, trigger=RunTrigger.COMMAND)
        except DomainError as error:
            raise CommandError(error_text(error))
        self.stdout.write(self.style.SUCCESS(
            f"{year} Q{quarter}: {run.score_count} scores in {run.duration_ms} ms (inputs {run.input_digest[:12]})"
        ))
