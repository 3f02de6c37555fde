"""Add a user to (or remove one from) the organisation department, on the server's console.

This is how the first member of 组织部 is made: nobody else, administrators included, can put anyone in
the department through the portal. The change is written to the cadre access log (as made on the
console) and notified to the department's members.

    python manage.py department_member add zhangsan --create --email zhangsan@example.gov.cn
    python manage.py changepassword zhangsan
    python manage.py department_member remove zhangsan
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cadres.guard import DEPARTMENT


class Command(BaseCommand):
    help = "Add a user to or remove one from the organisation department (组织部); logged and notified."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "remove"])
        parser.add_argument("username")
        parser.add_argument("--create", action="store_true",
                            help="create the user (no password yet: set it with changepassword)")
        parser.add_argument("--email", default="")

    @transaction.atomic
    def handle(self, *args, action, username, create, email, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            if not (create and action == "add"):
                raise CommandError(f"No user {username!r} (use --create to make one).")
            user = User(username=username, email=email)
            user.set_unusable_password()
            user.save()
            self.stdout.write(f"Created {username}; set a password with: python manage.py changepassword {username}")
        group, _created = Group.objects.get_or_create(name=DEPARTMENT)
        if action == "add":
            user.groups.add(group)
            self.stdout.write(self.style.SUCCESS(f"{username} is a member of the organisation department."))
        else:
            user.groups.remove(group)
            self.stdout.write(self.style.SUCCESS(f"{username} is no longer a member of the organisation department."))
