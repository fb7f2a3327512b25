"""The `podium` command: build, serve, validate, schema, check and audit.

Exit codes: 0 all is well, 1 a check failed, 2 bad input or usage.
"""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from .base.problems import FORMATS, format_problems
from .model.errors import DataErrors

OK, BAD_INPUT = 0, 2
STOPPED = 128 + signal.SIGINT


def _project(args: argparse.Namespace) -> Path:
    return Path(args.project).resolve()


def _report(errors: DataErrors, fmt: str) -> None:
    """Text goes to stderr for a person; JSON and GitHub annotations to stdout for a program."""
    if fmt == "text":
        print(errors.report(), file=sys.stderr)
    else:
        print(format_problems(errors.problems, fmt))


def cmd_build(args: argparse.Namespace) -> int:
    from .site.build import BuildFailed, build_site
    from .site.publish import OutputRefused
    try:
        out = build_site(_project(args), Path(args.out) if args.out else None, internal=args.internal)
    except DataErrors as errors:
        _report(errors, args.format)
        return BAD_INPUT
    except OutputRefused as refused:
        print(refused, file=sys.stderr)
        print("Nothing was built and no file was changed.", file=sys.stderr)
        return BAD_INPUT
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        print("The build failed; the site that was there before is unchanged.", file=sys.stderr)
        return failure.exit_code
    except KeyboardInterrupt:
        print("The build was stopped; the site that was there before is unchanged.", file=sys.stderr)
        return STOPPED
    try:
        advice = _warnings(_project(args))
    except KeyboardInterrupt:
        advice = []  # the new site is already published: a stop now only skips the advice
    for warning in advice:
        print(warning, file=sys.stderr)
    print(f"Built {out}")
    return OK


def _warnings(project: Path) -> list:
    """Advice, not a failure: moments with explicit dates that have none for next year yet, and
    an accessibility statement, audit report or planned date that has got old."""
    from .model.accessibility import statement_warnings
    from .model.calendar import missing_date_warnings
    from .model.dataset import load_dataset
    from .site.clock import build_date
    today = build_date()
    ds = load_dataset(project, today=today)
    return (missing_date_warnings(project, ds.moments, today.year + 1)
            + statement_warnings(project, ds.accessibility, ds.accessibility_audit, today))


def cmd_serve(args: argparse.Namespace) -> int:
    from .site.serve import CannotListen, serve
    try:
        serve(_project(args), args.host, args.port)
    except CannotListen as problem:
        print(problem, file=sys.stderr)
        return BAD_INPUT
    return OK


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port — a whole number from 1 to 65535, such as 8000")
    return int(text)


def cmd_validate(args: argparse.Namespace) -> int:
    from .model.brand import brand_problems
    from .model.dataset import load_dataset
    from .site.clock import build_date
    try:
        load_dataset(_project(args), today=build_date())
        problems = brand_problems(_project(args))
        if problems:
            raise DataErrors(problems)
    except DataErrors as errors:
        _report(errors, args.format)
        return BAD_INPUT
    for warning in _warnings(_project(args)):
        print(warning, file=sys.stderr)
    print("The data is valid.")
    return OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .base.languages import read_languages
    from .model.jsonschema import write_schemas
    out = Path(args.out) if args.out else _project(args) / "data" / "schema"
    try:
        languages = read_languages(_project(args))
    except DataErrors as errors:
        _report(errors, "text")
        return BAD_INPUT
    for path in write_schemas(out, languages):
        print(f"Wrote {path}")
    return OK


def _command_module(package: str):
    """The language check and the audit each bring their own command (macros.<package>.command)."""
    import importlib
    return importlib.import_module(f"macros.{package}.command")


def _format_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=FORMATS, default="text",
                         help="how to print problems: text (default), json, or github (annotations "
                              "that a pull request shows at each line)")


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", default=".", help="the project folder (default: the current folder)")


def _chosen_command(argv: list[str] | None) -> str | None:
    """The command on the command line, found as the full parser finds it; None when help is asked
    for or nothing is chosen. It spares `podium check` loading the audit (and the audit the check)."""
    first = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    _global_options(first)
    first.add_argument("-h", "--help", action="store_true")
    first.add_argument("command", nargs="?")
    try:
        known, _rest = first.parse_known_args(argv)
    except argparse.ArgumentError:  # the full parser says what is wrong
        return None
    return None if known.help else known.command


def _parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with ``chosen``, the other commands with their own module
    (the language check, the audit) are only names, their module is not loaded."""
    parser = argparse.ArgumentParser(
        prog="podium",
        description="Build and check a bilingual, accessible diversity and inclusion site from YAML data.",
        epilog="Exit codes: 0 all is well, 1 a check failed, 2 bad input or usage.")
    _global_options(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build every language into site/ (only replaced when all succeeds)",
                                description="Validate the data, build the Dutch and English site with every "
                                            "check, and replace site/ only when everything succeeded.")
    build.add_argument("--out", help="build into this folder instead of site/ (or site-internal/)")
    build.add_argument("--internal", action="store_true",
                       help="build the internal version (never published) into site-internal/")
    _format_option(build)
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser("serve", help="live preview on this computer that reloads on every edit",
                                description="Build both languages and serve them; every edit to content/, data/, "
                                            "macros/ or overrides/ rebuilds and reloads the page.")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")
    serve.set_defaults(run=cmd_serve)

    validate = commands.add_parser("validate", help="check the data files and list every problem",
                                   description="Check every file in data/ and print each problem as "
                                               "file:line:column: what is wrong — what is expected.")
    _format_option(validate)
    validate.set_defaults(run=cmd_validate)

    schema = commands.add_parser("schema", help="write JSON Schema for each data file (for editors)",
                                 description="Write data/schema/<file>.schema.json so that an editor with a "
                                             "YAML extension completes and checks fields while you type.")
    schema.add_argument("--out", help="folder to write to (default data/schema)")
    schema.set_defaults(run=cmd_schema)

    for name, module in (("check", "language"), ("audit", "audit")):
        if chosen is not None and chosen != name:
            commands.add_parser(name)
            continue
        command = _command_module(module)
        sub = commands.add_parser(name, help=command.HELP, description=command.HELP)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@contextmanager
def _terminate_like_interrupt():
    """SIGTERM stops a command the way Ctrl+C does, so its temporary folders are removed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    chosen = _chosen_command(argv)
    try:
        args = _parser(chosen).parse_args(argv)
        if args.command != chosen:  # never expected; then the command gets its full parser after all
            args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return BAD_INPUT if exit_.code else OK
    with _terminate_like_interrupt():
        return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
