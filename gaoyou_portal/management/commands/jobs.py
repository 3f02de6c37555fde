"""Operators' view of the background jobs (the outbox): list them, sweep now, replay a failed one."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gaoyou_portal.errors import DomainError, error_text
from gaoyou_portal.jobs import job_replay, jobs_sweep
from gaoyou_portal.models import Job, JobState


class Command(BaseCommand):
    help = "Background jobs: `jobs list [--state failed]`, `jobs sweep`, `jobs replay ID`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="The latest jobs, newest first.")
        listing.add_argument("--state", choices=JobState.values)
        listing.add_argument("--limit", type=int, default=50)
        sub.add_parser("sweep", help="Send waiting jobs again and restart those whose worker stopped, now.")
        replay = sub.add_parser("replay", help="Run a failed job again.")
        replay.add_argument("job_id", type=int)

    def handle(self, *args, action, **options):
        if action == "list":
            jobs = Job.objects.all()
            if options["state"]:
                jobs = jobs.filter(state=options["state"])
            now = timezone.now()
            for job in jobs[: options["limit"]]:
                age = int((now - job.created_at).total_seconds())
                self.stdout.write(
                    f"#{job.pk}\t{job.state}\t{job.task}\targs={job.args} kwargs={job.kwargs}\t"
                    f"age={age}s attempts={job.attempts} restarts={job.restarts}\t{job.error[:200]}"
                )
        elif action == "sweep":
            self.stdout.write(str(jobs_sweep(worker="manage.py jobs sweep")))
        else:
            try:
                job = job_replay(job_id=options["job_id"])
            except DomainError as error:
                raise CommandError(error_text(error)) from error
            self.stdout.write(f"#{job.pk} {job.task}: sent again")
