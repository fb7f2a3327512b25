"""Split the audit over several CI jobs (``--shard K/N``) and merge their records into one.

Shard K of N audits every N-th page of the site, starting with the K-th, so the shards are about
the same size. Each shard's record lists every page of the site; the merge refuses records that
do not add up to exactly one audit of every page with the same tools and settings, so a missing,
repeated or mismatched shard can never produce a passing record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .errors import AuditSetupError
from .findings import ViewResult
from .report import SCHEMA, summarise


class ShardError(AuditSetupError):
    """A --shard value or a set of shard records that cannot be used (exit code 2)."""


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """'2/4' -> Shard(2, 4); ShardError for anything else."""
        head, _, tail = text.partition("/")
        if not (head.isdigit() and tail.isdigit()) or not 1 <= int(head) <= int(tail):
            raise ShardError(f"--shard {text}: write it as K/N with 1 <= K <= N, for example 1/4")
        return cls(int(head), int(tail))

    def select(self, pages: list) -> list:
        return pages[self.index - 1::self.count]

    def as_dict(self, site_pages: list[str]) -> dict:
        return {"index": self.index, "count": self.count, "site_pages": site_pages}


# Parts of a record that must be the same in every shard for the merged record to be honest.
_SAME = ("schema", "tools", "views")
_SAME_STRATEGY = ("tags", "axe_rules_in_first_view", "axe_rules_in_other_views", "reviewed_file")


def read_records(paths: list[Path]) -> list[dict]:
    records = []
    for path in paths:
        try:
            records.append(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            raise ShardError(f"{path}: cannot read this shard record ({error})") from error
    return records


def merge_records(records: list[dict], names: list[str]) -> dict:
    """One record from the records of shards 1..N of one run; ShardError says what is wrong."""
    problems = []
    shards = []
    for record, name in zip(records, names):
        shard = record.get("shard") if isinstance(record, dict) else None
        if record.get("schema") != SCHEMA or not shard:
            problems.append(f"{name}: not the record of an audit shard (made with --shard K/N)")
        else:
            shards.append((shard, record, name))
    if problems:
        raise ShardError("\n".join(problems))
    first_shard, first, first_name = shards[0]
    count = first_shard["count"]
    for shard, record, name in shards[1:]:
        if shard["count"] != count or shard["site_pages"] != first_shard["site_pages"]:
            problems.append(f"{name}: made for another split or another build of the site "
                            f"than {first_name}")
        for part in _SAME:
            if record.get(part) != first.get(part):
                problems.append(f"{name}: its {part} differ from {first_name}'s")
        for part in _SAME_STRATEGY:
            if record["strategy"].get(part) != first["strategy"].get(part):
                problems.append(f"{name}: its {part.replace('_', ' ')} differ from {first_name}'s")
    indexes = sorted(shard["index"] for shard, _, _ in shards)
    missing = sorted(set(range(1, count + 1)) - set(indexes))
    repeated = sorted({i for i in indexes if indexes.count(i) > 1})
    if missing:
        problems.append("shards missing: " + ", ".join(f"{i}/{count}" for i in missing))
    if repeated:
        problems.append("shards given more than once: " + ", ".join(f"{i}/{count}" for i in repeated))
    audited = [page for _, record, _ in shards for page in record["pages"]]
    not_audited = [page for page in first_shard["site_pages"] if page not in audited]
    if not_audited and not missing:
        problems.append(f"{len(not_audited)} pages were audited by no shard, e.g. {not_audited[0]} "
                        "(a shard was run with --page)")
    if problems:
        raise ShardError("\n".join(problems))
    return _merged(first, [record for _, record, _ in shards], first_shard["site_pages"])


def _merged(first: dict, records: list[dict], site_pages: list[str]) -> dict:
    order = {page: n for n, page in enumerate(site_pages)}
    results = sorted((ViewResult.from_dict(r) for record in records for r in record["results"]),
                     key=lambda r: order[r.page])
    # The shards run side by side, so the slowest one is how long the audit took.
    seconds = round(max(record["totals"]["seconds"] for record in records), 2)
    totals = summarise(results)
    merged = {key: value for key, value in first.items() if key != "shard"}
    merged.update({
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "passed": totals["failing_items"] == 0,
        "pages": site_pages,
        "results": [r.to_dict() for r in results],
        "totals": {**totals, "seconds": seconds,
                   "seconds_per_page_view": round(seconds / max(1, len(results)), 3)},
        "cache": {
            "file": first["cache"]["file"],
            **{key: sum(record["cache"][key] for record in records)
               for key in ("reused_page_views", "audited_page_views", "damaged_entries_ignored")},
        },
        "merged_from_shards": len(records),
    })
    merged["strategy"] = {**first["strategy"], "site_published_at": sorted(
        {origin for record in records for origin in record["strategy"]["site_published_at"]})}
    return merged
