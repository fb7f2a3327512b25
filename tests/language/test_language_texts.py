"""A Dutch and an English page, written for this test, with exactly the findings expected.

Most sentences are deliberately clean, including ones that use the preferred words and words
with an innocent meaning next to a flagged one (blank hout, ontdek de collectie, the slave trade).
"""

from __future__ import annotations

from language_helpers import source_span

DUTCH = """\
---
title: Samen open voor iedereen
description: Onze belofte en hoe we die waarmaken
---

# Welkom in het museum

Beste bezoekers, het museum is van iedereen. We vertellen de verhalen van tot slaaf
gemaakte mensen, van homo's en lesbische vrouwen, en van zwarte Nederlanders die hun eigen
geschiedenis maakten.

Ontdek de collectie met je hele gezin. De kasten zijn van blank eikenhout.

## Toegankelijk bezoek

- Rolstoelgebruikers nemen de lift bij de tuin.
- Voor blinde en slechtziende bezoekers zijn er voelroutes.
- Het invalidentoilet ligt op de begane grond.

In 1642 ontdekte Abel Tasman een eiland dat al eeuwen bewoond was.
Indien u vragen heeft, kunt u ons bellen.

<!-- podium-ignore nl-slaaf: titel van een archiefreeks zoals die in de catalogus staat -->
De reeks Slaven en vrijen ligt in het Nationaal Archief.

| Doel | Stand |
|---|---|
| Meer allochtone medewerkers | 12 procent |

```yaml
slaven: dit is code
```
"""

DUTCH_EXPECTED = [
    ("nl-invalidentoilet", "warning", 18, 7, "invalidentoilet"),
    ("nl-ontdekken", "warning", 20, 9, "ontdekte"),
    ("nl-indien", "suggestion", 21, 1, "Indien"),
    ("nl-allochtoon", "warning", 28, 8, "allochtone"),
]

ENGLISH = """\
---
title: Open to everyone
---

# Welcome to the museum

Dear visitors, the museum belongs to everyone. We tell the stories of enslaved people,
of gay and lesbian Londoners, and of Black communities who shaped the city.

The gallery on the transatlantic slave trade opens in May. Discover the collection with
your family. Disabled visitors can borrow a wheelchair, and the accessible toilet is next
to the lift.

!!! note "For the elderly"
    The chairman of the board welcomes you on Sundays.

Please notify the desk in the event that you need help.
The form on the next page was left blank on purpose.

- Audio descriptions for blind and partially sighted visitors
- Tours in British Sign Language
"""

ENGLISH_EXPECTED = [
    ("en-elderly", "warning", 14, 15, "the elderly"),
    ("en-chairman", "warning", 15, 9, "chairman"),
    ("en-notify", "suggestion", 17, 8, "notify"),
    ("en-in-the-event-that", "suggestion", 17, 24, "in the event that"),
]


def _summary(findings) -> list[tuple]:
    return [(finding.rule, finding.severity, finding.line, finding.column, finding.match) for finding in findings]


def test_dutch_page_has_exactly_the_expected_findings(check_file) -> None:
    findings = check_file("content/nl/index.md", DUTCH)
    assert _summary(findings) == DUTCH_EXPECTED
    assert all(source_span(DUTCH, finding) == finding.match for finding in findings)


def test_english_page_has_exactly_the_expected_findings(check_file) -> None:
    findings = check_file("content/en/index.md", ENGLISH)
    assert _summary(findings) == ENGLISH_EXPECTED
    assert all(source_span(ENGLISH, finding) == finding.match for finding in findings)


def test_the_english_page_checked_as_dutch_finds_no_english_rules(check_file) -> None:
    findings = check_file("content/nl/english.md", ENGLISH)
    assert all(finding.rule.startswith(("nl-", "long-", "readability")) for finding in findings)
    assert not any(finding.match == "blank" for finding in findings)
