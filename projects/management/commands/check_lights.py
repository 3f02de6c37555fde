from django.core.management.base import BaseCommand, CommandError

from projects.lights import stale_lights


class Command(BaseCommand):
    help = ("Report every project whose stored warning light differs from a fresh computation "
            "(exit status 1 if any; repair with refresh_lights).")

    def handle(self, *args, **options):
        stale = stale_lights()
        for project, stored, fresh in stale:
            differences = ", ".join(f"{name}: {stored[name]!r} != {fresh[name]!r}" for name in fresh
                                    if stored[name] != fresh[name])
            self.stdout.write(f"{project.code} {project.name}: {differences}")
        if stale:
            raise CommandError(f"{len(stale)} stored light(s) differ from the rules; run refresh_lights.")
        self.stdout.write("All stored lights agree with the rules.")
