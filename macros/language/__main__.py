"""``python -m macros.language`` runs the same check as ``podium check``."""

from __future__ import annotations

import argparse
import sys

from .command import HELP, add_arguments, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.language", description=HELP)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
