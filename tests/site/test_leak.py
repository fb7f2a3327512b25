"""No internal or private value reaches any file of the public site.

Every internal field of the example data gets a unique marker (text) or a
distinctive date; private names (a role holder without public consent, a partner
without listing consent) get markers too. Then the public site is built and every
file under it is searched: HTML, search index, sitemap, CSV, JSON and what is
inside the zip.
"""
from __future__ import annotations

import datetime as dt
import io
import itertools
import types
import typing
import zipfile
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from macros.base.languages import read_languages
from macros.model.dataset import FILES
from macros.site.build import build_site
from macros.site.i18n import PageContext

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = read_languages(ROOT)  # the example site's languages

_counter = itertools.count(1)
_days = (dt.date(2041, 1, 1) + dt.timedelta(days=37 * i) for i in itertools.count())


def _models(annotation) -> list[type[BaseModel]]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models(typing.get_args(annotation)[0])
    if origin in (list, tuple, typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _models(arg)]
    return [annotation] if isinstance(annotation, type) and issubclass(annotation, BaseModel) else []


def _unwrap(annotation):
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _is_choice(annotation) -> bool:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_is_choice(arg) for arg in typing.get_args(annotation) if arg is not type(None))
    return typing.get_origin(annotation) is typing.Literal


def _list_item(annotation):
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return typing.get_args(annotation)[0] if typing.get_origin(annotation) is list else annotation


class Marker:
    def __init__(self) -> None:
        self.texts: list[str] = []
        self.dates: list[dt.date] = []

    def fill(self, value, annotation=None):
        """Replace every free text and date inside `value` by a unique marker (choices stay valid)."""
        if _is_choice(annotation):
            return value
        if isinstance(value, str):
            marker = f"LEAKMARKER{next(_counter):04d}"
            self.texts.append(marker)
            return marker
        if isinstance(value, dt.date):
            day = next(_days)
            self.dates.append(day)
            return day
        models = _models(annotation) if annotation is not None else []
        if isinstance(value, dict):
            fields = models[0].model_fields if models else {}
            return {k: (v if k == "id" else self.fill(v, fields[k].annotation if k in fields else None))
                    for k, v in value.items()}
        if isinstance(value, list):
            inner = _list_item(annotation)
            return [self.fill(v, inner) for v in value]
        return value

    def walk(self, value, annotation):
        """Follow the schema; fill the fields it marks internal."""
        models = _models(annotation)
        if isinstance(value, list):
            inner = typing.get_args(annotation)[0] if typing.get_origin(annotation) is list else annotation
            return [self.walk(item, inner) for item in value]
        if not isinstance(value, dict) or not models:
            return value
        model = models[0]
        out = {}
        for key, item in value.items():
            field = model.model_fields.get(key)
            extra = (field.json_schema_extra or {}) if field else {}
            if field is not None and isinstance(extra, dict) and extra.get("internal"):
                out[key] = self.fill(item, field.annotation)
            elif field is not None:
                out[key] = self.walk(item, field.annotation)
            else:
                out[key] = item
        return self.private(out, model)

    def private(self, value: dict, model: type[BaseModel]) -> dict:
        """Values that are private unless consent says otherwise."""
        person = value.get("person")
        if model.__name__ == "Role" and isinstance(person, dict) and not person.get("public"):
            person["name"] = self.fill("name")
        if model.__name__ == "Partner" and not value.get("listing_consent"):
            value["name"] = self.fill("name")
        return value


def date_forms(day: dt.date) -> list[str]:
    return [day.isoformat()] + [PageContext(LANGUAGES.get(lang)).date(day) for lang in ("nl", "en")]


def public_texts(site: Path):
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".zip":
            with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
                for name in archive.namelist():
                    yield f"{path}!{name}", archive.read(name).decode("utf-8", "replace")
        elif path.suffix in (".html", ".json", ".xml", ".csv", ".txt", ".js", ".md", ".ics"):
            yield str(path), path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def marked(tmp_path_factory, example_copier):
    project = example_copier(tmp_path_factory.mktemp("leak") / "project")
    marker = Marker()
    for spec in FILES:
        path = project / "data" / spec.name
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            path.write_text(yaml.safe_dump(marker.walk(data, spec.shape), allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
    return project, marker


def test_every_kind_of_private_value_got_a_marker(marked):
    _, marker = marked
    assert len(marker.texts) >= 20 and len(marker.dates) >= 5


def test_no_marker_in_any_public_file(marked):
    project, marker = marked
    site = build_site(project, check_language=False)
    forbidden = marker.texts + [form for day in marker.dates for form in date_forms(day)]
    checked = 0
    for name, text in public_texts(site):
        checked += 1
        leaked = [item for item in forbidden if item in text]
        assert not leaked, f"{name} contains private values {leaked[:5]}"
    assert checked > 50
    assert (site / "nl" / "search" / "search_index.json").is_file() and (site / "sitemap.xml").is_file()
    # the calendar's public files were searched too; its planning and channel texts are not there
    assert (site / "nl" / "calendar.ics").is_file() and (site / "en" / "feed-moments.xml").is_file()
    assert not list(site.rglob("internal")) and not list(site.rglob("planning.ics"))


def test_the_internal_build_shows_what_the_public_one_hides(marked):
    project, marker = marked
    internal = build_site(project, internal=True, check_language=False)
    assert internal.name == "site-internal"
    text = "\n".join(t for name, t in public_texts(internal) if name.endswith(".html"))
    goals = yaml.safe_load((project / "data" / "goals.yml").read_text(encoding="utf-8"))
    notes = [goal["notes"] for goal in goals if goal.get("notes")]
    assert notes and all(note in text for note in notes)
    assert sum(m in text for m in marker.texts) > len(notes)
    page = (internal / "nl" / "internal" / "maturity" / "index.html").read_text(encoding="utf-8")
    assert 'name="robots" content="noindex, nofollow"' in page
