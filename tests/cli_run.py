"""Run the `shebao` command in the test's own process: (exit code, standard output, standard error)."""

import sys

import pytest

from openfisca_china_social_insurance.cli import main


def run(monkeypatch, capsys, *args):
    monkeypatch.setattr(sys, "argv", ["shebao", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    captured = capsys.readouterr()
    return exit_.value.code or 0, captured.out, captured.err
