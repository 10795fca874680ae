"""The ``medvirk`` command line."""

from __future__ import annotations

import pytest

from medvirk.accounts.models import Role, RoleAssignment, User
from medvirk.cli import build_parser, main
from medvirk.places.models import District, Hub, Municipality


def test_help_lists_every_family(capsys) -> None:
    """``medvirk --help`` names the platform and algorithm commands."""
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("demo", "serve", "import-municipalities", "createadmin"):
        assert command in out


def test_no_command_prints_help_and_fails(capsys) -> None:
    """Without a command the help is printed and the exit code says so."""
    assert main([]) == 2
    assert "usage" in capsys.readouterr().out


def test_serve_uses_gunicorn_by_default() -> None:
    """``serve`` binds to loopback port 8000 unless told otherwise."""
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


@pytest.mark.django_db(transaction=True)
def test_import_municipalities_and_demo(capsys) -> None:
    """The import loads the country; the demo adds Drammen's 10 districts with hubs and
    demo people, and running it again changes nothing."""
    assert main(["import-municipalities"]) == 0
    assert "357 created" in capsys.readouterr().out
    assert Municipality.objects.count() == 357
    assert main(["demo", "--no-migrate"]) == 0
    assert main(["demo", "--no-migrate"]) == 0
    drammen = Municipality.objects.get(number="3301")
    assert drammen.is_participating
    assert District.objects.filter(municipality=drammen).count() == 10
    assert Hub.objects.filter(district__municipality=drammen).count() == 10
    assert all(d.boundary for d in District.objects.filter(municipality=drammen))
    assert RoleAssignment.objects.filter(role=Role.COORDINATOR).count() == 10


@pytest.mark.django_db
def test_createadmin_needs_a_good_password(capsys, monkeypatch) -> None:
    """A weak password is refused with the reason; a good one makes a platform admin."""
    monkeypatch.setenv("MEDVIRK_ADMIN_PASSWORD", "123")
    assert main(["createadmin", "--email", "drift@kommune.example"]) == 2
    assert "password" in capsys.readouterr().err.lower()
    monkeypatch.setenv("MEDVIRK_ADMIN_PASSWORD", "et-langt-og-godt-passord")
    assert main(["createadmin", "--email", "Drift@kommune.example"]) == 0
    user = User.objects.get(email="drift@kommune.example")
    assert user.is_superuser
    assert RoleAssignment.objects.filter(user=user, role=Role.PLATFORM_ADMIN).exists()
