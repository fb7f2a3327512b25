"""Shared fixtures: the real example project, and a small valid data set to break on purpose."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

MINIMAL_DATA = {
    "organisations.yml": """
        collective:
          id: samen
          name: {nl: Samen, en: Together}
          website: https://samen.example.org
          mission: {nl: Musea voor iedereen., en: Museums for everyone.}
        members:
          - id: stadsmuseum
            name: {nl: Stadsmuseum, en: City Museum}
            website: https://stad.example.org
            mission: {nl: De stad laten zien., en: Showing the city.}
        """,
    "statements.yml": """
        - id: samen-belofte
          organisation: samen
          title: {nl: Onze belofte, en: Our promise}
          mission_link: {nl: Het past bij onze missie., en: It fits our mission.}
          commitments:
            - {nl: We werven breder., en: We recruit more widely.}
          groups_named:
            - {nl: Mensen met een beperking, en: Disabled people}
          invitation: {nl: Denk mee., en: Think with us.}
          contact_role: coordinator
        """,
    "goals.yml": """
        - id: breder-werven
          organisation: samen
          pillar: personeel
          building_block: 3
          type: ambition
          title: {nl: Breder werven, en: Recruit more widely}
          description: {nl: Vacatures op meer plekken., en: Vacancies in more places.}
          deadline: 2027-12-31
          status: in-progress
          owner_role: coordinator
        """,
    "roles.yml": """
        - id: coordinator
          organisation: samen
          title: {nl: Coördinator, en: Coordinator}
          responsibilities:
            - {nl: De voortgang bewaken., en: Keeping track of progress.}
          mailbox: diversiteit@samen.example.org
        """,
    "reviews.yml": """
        - id: kwartaal
          organisation: samen
          subject: {nl: Voortgang, en: Progress}
          frequency: quarterly
          participants: [coordinator]
          leadership: {nl: De directie zit voor., en: The directors chair it.}
        """,
    "groups.yml": """
        - id: lgbtiq
          title: {nl: LHBTIQ+, en: LGBTIQ+}
          intro: {nl: Welkom., en: Welcome.}
          contact_role: coordinator
        """,
    "documents.yml": """
        - id: beleid
          organisation: samen
          kind: policy
          title: {nl: Beleid, en: Policy}
          url: https://samen.example.org/beleid.pdf
          language: nl
          published: 2025-01-15
        """,
    "updates.yml": """
        - id: start
          organisation: samen
          date: 2024-03-01
          title: {nl: Gestart, en: Started}
          body: {nl: We zijn begonnen., en: We started.}
          goals: [breder-werven]
        """,
}


def write_minimal_data(project: Path) -> Path:
    data = project / "data"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")  # the site's languages
    for name, text in MINIMAL_DATA.items():
        (data / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return project


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    return write_minimal_data(tmp_path / "project")


def copy_example(dest: Path) -> Path:
    """Copy the example project (sources only, no builds or tools) to `dest`."""
    top_level = {".venv", "node_modules", "site", "site-internal", ".git", ".pytest_cache", ".podium-cache",
                 "bench", "tests"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {n for n in names if n == "__pycache__" or n.startswith(".site-")}
        return skip | (top_level & set(names) if Path(folder) == ROOT else set())

    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


@pytest.fixture(scope="session")
def example_copier():
    return copy_example


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A copy of the real example project that a test may change."""
    return copy_example(tmp_path / "example")
