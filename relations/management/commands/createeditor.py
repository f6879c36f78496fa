"""`manage.py createeditor NAME`: a staff account in the editors group (not a superuser).

The password comes from --password, else (with --no-input) from DJANGO_EDITOR_PASSWORD, else
it is asked for twice without echo.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import exceptions
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from relations.roles import EDITORS, ensure_editors_group

PASSWORD_ENV = "DJANGO_EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create an editor: a staff user in the editors group, who can review, edit, merge "
        "and upload but not manage users or groups."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The editor's user name.")
        parser.add_argument("--email", default="", help="The editor's email address.")
        parser.add_argument(
            "--password",
            help=f"The password (kept in the shell history: prefer the prompt or {PASSWORD_ENV}).",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Ask nothing: the password is --password or the {PASSWORD_ENV} variable.",
        )

    def handle(self, *args, name, email, password, interactive, **options):
        User = get_user_model()
        name = name.strip()
        if not name:
            raise CommandError("The user name cannot be blank.")
        if User._default_manager.filter(**{User.USERNAME_FIELD: name}).exists():
            raise CommandError(f"A user named '{name}' already exists.")
        candidate = User(**{User.USERNAME_FIELD: name, "email": email})
        if password is None and not interactive:
            password = os.environ.get(PASSWORD_ENV)
            if not password:
                raise CommandError(f"With --no-input, give --password or set {PASSWORD_ENV}.")
        if password is None:
            try:
                password = self._ask_password(candidate)
            except (EOFError, KeyboardInterrupt) as exc:
                raise CommandError("Cancelled: no editor created.") from exc
        else:
            try:
                validate_password(password, candidate)
            except exceptions.ValidationError as exc:
                raise CommandError("Password refused: " + " ".join(exc.messages)) from exc

        with transaction.atomic():
            user = User._default_manager.create_user(
                **{User.USERNAME_FIELD: name},
                email=email,
                password=password,
                is_staff=True,
                is_superuser=False,
            )
            user.groups.add(ensure_editors_group())
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Editor '{name}' created (staff, in the {EDITORS} group).")
            )

    def _ask_password(self, candidate) -> str:
        while True:
            password = getpass.getpass("Password: ")
            if not password.strip():
                self.stderr.write("The password cannot be blank.")
                continue
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords do not match.")
                continue
            try:
                validate_password(password, candidate)
            except exceptions.ValidationError as exc:
                self.stderr.write("\n".join(exc.messages))
                continue
            return password
