"""The ``medvirk pb`` command line: outcome printing, JSON, conversion and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medvirk.algorithms.pb.pabulib import election_as_pabulib, read_pabulib
from medvirk.algorithms.pb.tests.helpers import three_project_election
from medvirk.cli import main


@pytest.fixture
def election_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.pb"
    path.write_text(election_as_pabulib(three_project_election()), encoding="utf-8")
    return path


def test_outcome_prints_selection_and_spending(
    election_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Plain output: one selected id per line in selection order, then the money spent."""
    assert main(["pb", "outcome", str(election_file), "--rule", "mes"]) == 0
    assert capsys.readouterr().out.splitlines() == ["a", "c", "spent 100 of 120"]


def test_outcome_json(election_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --json one object carries selected, spent, budget, explanations and seconds."""
    args = ["pb", "outcome", str(election_file), "--rule", "greedy", "--satisfaction"]
    assert main([*args, "cardinality", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["selected"] == ["b", "c"]
    assert data["spent"] == 80
    assert data["budget"] == 120
    assert set(data["explanations"]) == {"a", "b", "c"}
    assert data["explanations"]["a"]["selected"] is False
    assert data["seconds"] >= 0


def test_outcome_on_shared_file(capsys: pytest.CaptureFixture[str]) -> None:
    """A shared pabulib file runs through MES with add-one completion."""
    from medvirk.testing.shared_data import shared_data_dir

    name = "France_Toulouse_2022_11_-_Bonhoure_Guilhemery_Chateau_de_lHers_Limayrac_Cote_Pavee.pb"
    path = shared_data_dir("pabulib") / name
    assert main(["pb", "outcome", str(path), "--rule", "mes", "--completion", "add1"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "spent 394 000 of 400 000"


def test_malformed_file_exits_2_with_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed file gives exit code 2 and names the line, without a traceback."""
    path = tmp_path / "bad.pb"
    path.write_text("META\nkey;value\nbudget;x\nvote_type;approval\n", encoding="utf-8")
    assert main(["pb", "outcome", str(path), "--rule", "greedy"]) == 2
    err = capsys.readouterr().err
    assert "line 4" in err and "not a number" in err
    assert "Traceback" not in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that does not exist gives exit code 2 and a message."""
    assert main(["pb", "outcome", str(tmp_path / "none.pb"), "--rule", "mes"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_greedy_with_completion_exits_2(
    election_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asking greedy for a completion is refused with exit code 2."""
    args = ["pb", "outcome", str(election_file), "--rule", "greedy", "--completion", "add1"]
    assert main(args) == 2
    assert "completion" in capsys.readouterr().err


def test_convert_from_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """CSV projects and ballots become a .pb file that reads back with the same content."""
    projects = tmp_path / "projects.csv"
    projects.write_text("project_id,cost,name\np1,100,Park\np2,50,Bench\n", encoding="utf-8")
    ballots = tmp_path / "ballots.csv"
    ballots.write_text('voter_id,vote\n1,"p1,p2"\n2,p2\n', encoding="utf-8")
    out = tmp_path / "out.pb"
    args = ["pb", "convert", "--projects", str(projects), "--ballots", str(ballots)]
    assert main([*args, "--budget", "120", "-o", str(out)]) == 0
    assert "2 projects, 2 ballots" in capsys.readouterr().out
    election = read_pabulib(out)
    assert [p.name for p in election.projects] == ["Park", "Bench"]
    assert election.profile.ballot(0).tolist() == [0, 1]
    assert election.budget == 120


def test_convert_reports_csv_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A ballot naming an unknown project is refused, naming the ballots file and line."""
    projects = tmp_path / "projects.csv"
    projects.write_text("project_id,cost\np1,100\n", encoding="utf-8")
    ballots = tmp_path / "ballots.csv"
    ballots.write_text("voter_id,vote\n1,p1\n2,p9\n", encoding="utf-8")
    args = ["pb", "convert", "--projects", str(projects), "--ballots", str(ballots)]
    assert main([*args, "--budget", "100", "-o", str(tmp_path / "o.pb")]) == 2
    err = capsys.readouterr().err
    assert "ballots.csv, line 3" in err and "p9" in err


def test_pb_without_subcommand_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """``medvirk pb`` alone prints its usage and exits with code 2."""
    assert main(["pb"]) == 2
    assert "outcome" in capsys.readouterr().err
