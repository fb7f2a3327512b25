"""Internal fragments never fill a public page, also when Python strips asserts (PYTHONOPTIMIZE=1)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.site.registry import INTERNAL_MACROS

PODIUM = [sys.executable, "-c", "import sys; from macros.cli import main; sys.exit(main(sys.argv[1:]))"]


def _optimised(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONOPTIMIZE": "1"}
    return subprocess.run([*args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def test_no_security_check_is_an_assert():
    """Asserts vanish under -O; every guard in the package must be a real check."""
    package = Path(__file__).resolve().parents[2] / "macros"
    asserts = [f"{path.relative_to(package.parent)}:{number}"
               for path in package.rglob("*.py")
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
               if line.lstrip().startswith("assert ")]
    assert asserts == []


@pytest.mark.parametrize("macro", INTERNAL_MACROS)
def test_each_internal_fragment_refuses_a_public_page_under_python_O(macro):
    code = ("import datetime as dt, sys\n"
            "from pathlib import Path\n"
            "from macros.site.registry import fragments\n"
            "from macros.site.expand import known_ids\n"
            "from macros.model.dataset import load_dataset\n"
            "from macros.site.i18n import PageContext\n"
            "from macros.site.internal import InternalOnly\n"
            "assert False, 'asserts must be off in this test'\n"
            f"fn = fragments(internal=True)['{macro}']\n"
            "ds = load_dataset(Path('.'))\n"
            "ids = known_ids(ds)\n"
            "extra = {k: ids[k][0] for k in fn.__code__.co_varnames[:fn.__code__.co_argcount] if k in ids}\n"
            "try:\n"
            "    fn(ds, PageContext(ds.languages.get('nl'), internal=False, today=dt.date(2026, 1, 1)), **extra)\n"
            "except InternalOnly as refused:\n"
            "    print('refused:', refused); sys.exit(0)\n"
            "print('published'); sys.exit(1)\n")
    root = Path(__file__).resolve().parents[2]
    result = _optimised(sys.executable, "-c", code, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"refused: {macro}() shows internal data" in result.stdout


def test_a_public_page_with_an_internal_macro_fails_a_real_optimised_build(example_copy: Path):
    page = example_copy / "content" / "en" / "work-with-us.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ internal_maturity() }}\n\n{{ internal_figures() }}\n",
                    encoding="utf-8")
    result = _optimised(*PODIUM, "--project", str(example_copy), "build", cwd=example_copy)
    assert result.returncode != 0
    assert "content/en/work-with-us.md:" in result.stderr
    assert "internal_maturity() shows internal data and works only in the internal build" in result.stderr
    assert "internal_figures() shows internal data" in result.stderr
    assert not (example_copy / "site").exists()


def test_the_internal_build_still_shows_the_internal_pages_under_python_O(example_copy: Path, tmp_path: Path):
    out = tmp_path / "internal"
    result = _optimised(*PODIUM, "--project", str(example_copy), "build", "--internal", "--out", str(out),
                        cwd=example_copy)
    assert result.returncode == 0, result.stderr
    maturity = (out / "en" / "internal" / "maturity" / "index.html").read_text(encoding="utf-8")
    assert "Atelier Noor" in maturity
