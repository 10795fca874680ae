"""Platform commands of the ``medvirk`` command line. Each sets up Django first."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _demo(args: argparse.Namespace) -> int:
    _django()
    from django.core.management import call_command

    from medvirk.core.demo import demo_load

    if not args.no_migrate:
        call_command("migrate", interactive=False, verbosity=0)
    demo_load(log=print)
    return 0


def _migrate(args: argparse.Namespace) -> int:
    _django()
    from django.core.management import call_command

    call_command("migrate", interactive=False)
    return 0


def _import_municipalities(args: argparse.Namespace) -> int:
    _django()
    from pathlib import Path

    from django.core.exceptions import ValidationError

    from medvirk.places.reference_data import DATA_DIR, read_counties, read_municipalities
    from medvirk.places.services import municipalities_import

    data_dir = Path(args.data_dir) if args.data_dir else DATA_DIR
    try:
        counties = read_counties(data_dir)
        records = read_municipalities(data_dir)
        created, updated = municipalities_import(
            counties=counties,
            municipalities=records,
            progress=lambda text: print(f"  {text}", flush=True),
        )
    except (OSError, KeyError, ValueError, ValidationError) as error:
        print(f"medvirk import-municipalities: {error}", file=sys.stderr)
        return 2
    print(f"{len(counties)} counties; municipalities: {created} created, {updated} updated.")
    return 0


def _createadmin(args: argparse.Namespace) -> int:
    _django()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from medvirk.accounts.models import Role, User
    from medvirk.accounts.services import role_grant

    password = os.environ.get("MEDVIRK_ADMIN_PASSWORD") or ""
    if not password:
        if not sys.stdin.isatty():
            print(
                "medvirk createadmin: set MEDVIRK_ADMIN_PASSWORD or run it in a terminal.",
                file=sys.stderr,
            )
            return 2
        password = getpass.getpass("Password: ")
    try:
        validate_password(password)
    except ValidationError as error:
        print("medvirk createadmin: " + " ".join(error.messages), file=sys.stderr)
        return 2
    user, created = User.objects.get_or_create(email=args.email.lower())
    user.set_password(password)
    user.is_superuser = True
    user.is_staff = True
    if user.email_verified_at is None:
        # The operator typed the address on the server: trusted as given.
        from django.utils import timezone

        user.email_verified_at = timezone.now()
    user.save()
    role_grant(user=user, role=Role.PLATFORM_ADMIN)
    print(f"Platform administrator {'created' if created else 'updated'}: {user.email}")
    return 0


def _gunicorn(args: argparse.Namespace) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        "127.0.0.1",
    ]


def _serve(args: argparse.Namespace) -> int:
    """Serve with gunicorn, a production-grade WSGI server, and (unless ``--no-worker``)
    the task worker and the scheduler beside it, stopped together."""
    if args.no_worker:
        command = _gunicorn(args)
        os.execv(sys.executable, command)
    from medvirk.core.processes import Child, Supervisor

    medvirk = [sys.executable, "-m", "medvirk.cli"]
    return Supervisor(
        [
            Child("web server", _gunicorn(args), restart=False),
            Child("task worker", [*medvirk, "worker"], restart=True),
            Child("scheduler", [*medvirk, "scheduler"], restart=True),
        ]
    ).run()


def _worker(args: argparse.Namespace) -> int:
    """Run the task worker until SIGTERM or Ctrl+C."""
    _django()
    from django.core.management import call_command

    options = ["--batch"] if args.batch else []
    call_command("worker", "--no-startup-delay", "--interval", str(args.interval), *options)
    return 0


def _scheduler(args: argparse.Namespace) -> int:
    """Run the scheduler of recurring tasks (one per installation; a Redis lock keeps
    a second one waiting)."""
    _django()
    from django.core.management import call_command

    call_command("crontask", "--no-heartbeat")
    return 0


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser("demo", help="Load the demo municipality and its content.")
    demo.add_argument("--no-migrate", action="store_true", help="Do not migrate first.")
    demo.set_defaults(func=_demo)

    migrate = subparsers.add_parser("migrate", help="Create or update the database tables.")
    migrate.set_defaults(func=_migrate)

    serve = subparsers.add_parser("serve", help="Serve the site with gunicorn.")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=3)
    serve.add_argument(
        "--no-worker",
        action="store_true",
        help="Serve only; run the task worker and the scheduler as their own processes.",
    )
    serve.set_defaults(func=_serve)

    worker = subparsers.add_parser("worker", help="Run the background task worker.")
    worker.add_argument(
        "--interval", type=float, default=0.5, help="Seconds between looks at an empty queue."
    )
    worker.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")
    worker.set_defaults(func=_worker)

    scheduler = subparsers.add_parser("scheduler", help="Run the scheduler of recurring tasks.")
    scheduler.set_defaults(func=_scheduler)

    importer = subparsers.add_parser(
        "import-municipalities",
        help="Import the 357 municipalities and 15 counties with population, KOSTRA group "
        "and boundaries.",
    )
    importer.add_argument(
        "--data-dir",
        help="A folder with the reference files (default: the files shipped with medvirk).",
    )
    importer.set_defaults(func=_import_municipalities)

    admin = subparsers.add_parser("createadmin", help="Create a platform administrator.")
    admin.add_argument("--email", required=True)
    admin.set_defaults(func=_createadmin)
