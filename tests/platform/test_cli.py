"""The `gongkai` command: the platform's sub-commands, and no Django for the report commands."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gongkai.cli import build_parser


def test_platform_commands_are_registered(capsys):
    parser = build_parser()
    for command in ("serve", "demo", "audit", "backup", "restore"):
        with pytest.raises(SystemExit) as exit_:
            parser.parse_args([command, "--help"])
        assert exit_.value.code == 0
    help_text = capsys.readouterr().out
    assert "--port" in help_text and "--no-serve" in help_text
    args = parser.parse_args(["demo", "--no-serve", "--port", "9000"])
    assert (args.no_serve, args.port, args.host) == (True, 9000, "127.0.0.1")
    assert parser.parse_args(["audit", "verify"]).handler.__name__ == "_audit_verify"


def test_building_the_command_line_imports_no_django():
    code = "import sys, gongkai.cli as c; c.build_parser(); print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
