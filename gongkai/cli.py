"""The `gongkai` command: one entry point, each concern adds its own sub-commands."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from gongkai import __version__

# Each module exposes `register(subparsers)`; the web modules import Django only when their command runs.
COMMAND_MODULES = (
    "gongkai.report.cli",
    "gongkai.screening.cli",
    "gongkai.web.cli",
    "gongkai.annual.cli",
    "gongkai.applications.cli",
    "gongkai.applications.holidays_cli",
    "gongkai.publishing.cli",
    "gongkai.tasks.cli",
    "gongkai.notifications.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongkai", description="政府信息公开：依申请公开、主动公开与年度报告")
    parser.add_argument("--version", action="version", version=f"gongkai {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
