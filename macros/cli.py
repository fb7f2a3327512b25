"""The `podium` command: build, serve, validate, schema, check and audit.

Exit codes: 0 all is well, 1 a check failed, 2 bad input or usage.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .model.errors import DataErrors

OK, CHECK_FAILED, BAD_INPUT = 0, 1, 2


def _project(args: argparse.Namespace) -> Path:
    return Path(args.project).resolve()


def cmd_build(args: argparse.Namespace) -> int:
    from .site.build import BuildFailed, build_site
    try:
        out = build_site(_project(args), Path(args.out) if args.out else None, internal=args.internal)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return BAD_INPUT
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        print("The build failed; the site that was there before is unchanged.", file=sys.stderr)
        return failure.exit_code
    print(f"Built {out}")
    return OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .site.serve import serve
    return serve(_project(args), args.host, args.port)


def cmd_validate(args: argparse.Namespace) -> int:
    from .model.brand import brand_problems
    from .model.dataset import load_dataset
    try:
        load_dataset(_project(args))
        problems = brand_problems(_project(args))
        if problems:
            raise DataErrors(problems)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return BAD_INPUT
    print("The data is valid.")
    return OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .model.jsonschema import write_schemas
    out = Path(args.out) if args.out else _project(args) / "data" / "schema"
    for path in write_schemas(out):
        print(f"Wrote {path}")
    return OK


def _command_module(package: str):
    """The language check and the audit each bring their own command (macros.<package>.command)."""
    import importlib
    return importlib.import_module(f"macros.{package}.command")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="podium",
        description="Build and check a bilingual, accessible diversity and inclusion site from YAML data.",
        epilog="Exit codes: 0 all is well, 1 a check failed, 2 bad input or usage.")
    parser.add_argument("--project", default=".", help="the project folder (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build every language into site/ (only replaced when all succeeds)",
                                description="Validate the data, build the Dutch and English site with every "
                                            "check, and replace site/ only when everything succeeded.")
    build.add_argument("--out", help="build into this folder instead of site/ (or site-internal/)")
    build.add_argument("--internal", action="store_true",
                       help="build the internal version (never published) into site-internal/")
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser("serve", help="live preview on this computer that reloads on every edit",
                                description="Build both languages and serve them; every edit to content/, data/, "
                                            "macros/ or overrides/ rebuilds and reloads the page.")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.set_defaults(run=cmd_serve)

    validate = commands.add_parser("validate", help="check the data files and list every problem",
                                   description="Check every file in data/ and print each problem as "
                                               "file:line:column: what is wrong — what is expected.")
    validate.set_defaults(run=cmd_validate)

    schema = commands.add_parser("schema", help="write JSON Schema for each data file (for editors)",
                                 description="Write data/schema/<file>.schema.json so that an editor with a "
                                             "YAML extension completes and checks fields while you type.")
    schema.add_argument("--out", help="folder to write to (default data/schema)")
    schema.set_defaults(run=cmd_schema)

    for name, module in (("check", "language"), ("audit", "audit")):
        command = _command_module(module)
        sub = commands.add_parser(name, help=command.HELP, description=command.HELP)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return BAD_INPUT if exit_.code else OK
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
