"""The site's languages, from configuration: the one place that knows which languages there are.

They are listed in mkdocs.yml under `extra.podium.languages`, one entry per language, in the
order the site shows them (the first is the default):

    - code: nl                # the language code of the pages (<html lang>, content/nl, site/nl)
      name: Nederlands        # its own name, in the language switch
      english_name: Dutch     # its name in messages ("the Dutch text is missing")
      locale: nl_NL           # how Babel writes dates and numbers
      theme: [nl]             # Material's theme language; the first one Material has is used
      search: [nl]            # the search languages; those Material has are used, else English
      readability: Flesch-Douma   # the readability formula, or leave it out for none

Adding a language is one entry here, its pages in content/<code>/, its texts in the data (each
`{nl: …, en: …}` gets a `<code>:`), and its interface words in translations/<code>.yml (a key
from macros/site/strings.yml per line).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .problems import Problem, Problems
from .validate import validate
from .yamlread import Document, read_yaml

CONFIG_FILE = "mkdocs.yml"
CONFIG_PATH = ("extra", "podium", "languages")
TRANSLATIONS = "translations"

Code = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Language(BaseModel):
    """One language of the site; `interface` holds the project's own interface words for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Code = Field(description="the language code, for example nl or en")
    name: Words = Field(description="the language's own name, for example Nederlands")
    english_name: Words = Field(description="its English name, for example Dutch")
    locale: Words = Field(description="the Babel locale, for example nl_NL")
    theme: tuple[Code, ...] = Field(min_length=1, description="Material theme languages to try, for example [nl]")
    search: tuple[Code, ...] = Field(min_length=1, description="search languages to try, for example [nl]")
    readability: Words | None = Field(None, description="a readability formula, or nothing")
    interface: dict[str, str] = Field(default_factory=dict, exclude=True,
                                      description="interface words from translations/<code>.yml")

    def __hash__(self) -> int:  # the code names a language; its words are no part of its identity
        return hash(self.code)


class _Config(BaseModel):
    languages: tuple[Language, ...] = Field(min_length=1, description="one entry per language")


@dataclass(frozen=True)
class Languages:
    """The registry: the configured languages in site order."""

    all: tuple[Language, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.all)

    def get(self, code: str) -> Language:
        for language in self.all:
            if language.code == code:
                return language
        raise KeyError(code)

    def __iter__(self):
        return iter(self.all)


def _section(doc: Document) -> Document | None:
    """The languages list of mkdocs.yml as a document of its own (other settings are MkDocs's)."""
    data: Any = doc.data
    for key in CONFIG_PATH:
        data = data.get(key) if isinstance(data, dict) else None
    if data is None:
        return None
    depth = len(CONFIG_PATH)

    def moved(positions: dict) -> dict:
        return {("languages",) + loc[depth:]: pos for loc, pos in positions.items() if loc[:depth] == CONFIG_PATH}
    return Document(doc.path, {"languages": data}, moved(doc.value_pos), moved(doc.key_pos))


def _interface(root: Path, code: str) -> tuple[dict[str, str], list[Problem]]:
    path = root / TRANSLATIONS / f"{code}.yml"
    if not path.is_file():
        return {}, []
    doc, problems = read_yaml(path, root)
    if doc is None or problems:
        return {}, problems
    words, found = validate(dict[str, Words], doc)
    return words or {}, found


@lru_cache(maxsize=8)
def _read(root: Path, stamp: tuple) -> Languages:
    if not (root / CONFIG_FILE).is_file():
        raise Problems([Problem(CONFIG_FILE, 1, 1, "the site settings are missing",
                                f"a {CONFIG_FILE} in the project folder that lists the site's languages")])
    doc, problems = read_yaml(root / CONFIG_FILE, root)
    section = _section(doc) if doc is not None else None
    if doc is not None and section is None:
        problems.append(Problem(doc.path, 1, 1, "the site's languages are not listed",
                                "a list under extra: podium: languages:, one entry per language"))
    if problems:
        raise Problems(problems)
    value, problems = validate(_Config, section)
    if value is None:
        raise Problems(problems)
    codes = [language.code for language in value.languages]
    problems += [section.problem(("languages", index, "code"), f"the language '{code}' is listed twice",
                                 "list each language once")
                 for index, code in enumerate(codes) if code in codes[:index]]
    languages = []
    for language in value.languages:
        words, found = _interface(root, language.code)
        problems += found
        languages.append(language.model_copy(update={"interface": words}))
    if problems:
        raise Problems(problems)
    return Languages(tuple(languages))


def read_languages(root: Path) -> Languages:
    """The languages of the project at `root`; raises Problems at their line and column."""
    root = Path(root).resolve()
    files = [root / CONFIG_FILE, *sorted((root / TRANSLATIONS).glob("*.yml"))]
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())
    return _read(root, stamp)
