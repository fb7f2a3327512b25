"""--shard K/N splits the pages; --merge joins the shard records into one record, and refuses
any set of records that is not exactly one audit of every page."""

from __future__ import annotations

import argparse
import json

import pytest

from macros.audit import command
from macros.audit.runner import audit_site
from macros.audit.shards import Shard, ShardError, merge_records

from .conftest import TODAY
from .test_incremental import copy_small_site, small_site  # noqa: F401 - a shared fixture


def shard_records(site, browser, count):
    return [audit_site(site, browser=browser, reviewed_file=None, write_report=False,
                       today=TODAY, shard=Shard(index, count)).record
            for index in range(1, count + 1)]


@pytest.fixture(scope="module")
def records(browser, tmp_path_factory):
    return shard_records(copy_small_site(tmp_path_factory.mktemp("shards") / "site"), browser, 2)


def test_parse_accepts_k_of_n_only():
    assert Shard.parse("2/3") == Shard(2, 3)
    for wrong in ("0/2", "3/2", "2", "a/b", "1/0"):
        with pytest.raises(ShardError, match="K/N"):
            Shard.parse(wrong)


def test_shards_split_the_pages_and_the_merge_has_every_page_once(records):
    first, second = records
    assert first["shard"]["site_pages"] == second["shard"]["site_pages"]
    assert not set(first["pages"]) & set(second["pages"])
    merged = merge_records(records, ["1.json", "2.json"])
    assert merged["pages"] == first["shard"]["site_pages"] and len(merged["pages"]) == 5
    assert [r["page"] for r in merged["results"]] == [p for p in merged["pages"] for _ in range(4)]
    assert "shard" not in merged and merged["merged_from_shards"] == 2
    # One failing page in one shard fails the merged record.
    assert not merged["passed"]
    assert merged["totals"]["violations"] == first["totals"]["violations"] + \
        second["totals"]["violations"]


def test_a_missing_or_repeated_shard_is_refused(records):
    first, second = records
    with pytest.raises(ShardError, match="shards missing: 2/2"):
        merge_records([first], ["1.json"])
    with pytest.raises(ShardError, match="more than once: 1/2"):
        merge_records([first, first, second], ["1.json", "1b.json", "2.json"])


def test_records_of_other_runs_are_refused(records):
    first, second = records
    other = {**second, "tools": {**second["tools"], "axe-core": "4.0.0"}}
    with pytest.raises(ShardError, match="tools differ"):
        merge_records([first, other], ["1.json", "2.json"])
    whole = {key: value for key, value in first.items() if key != "shard"}
    with pytest.raises(ShardError, match="not the record of an audit shard"):
        merge_records([whole, second], ["whole.json", "2.json"])


def test_merge_command_records_only_a_passing_merge(records, tmp_path, capsys):
    paths = []
    for number, record in enumerate(records, 1):
        paths.append(tmp_path / f"shard-{number}.json")
        paths[-1].write_text(json.dumps(record), encoding="utf-8")
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    data, site = tmp_path / "data", tmp_path / "site"
    args = parser.parse_args(["--merge", *map(str, paths), "--site", str(site), "--data",
                              str(data), "--record"])
    assert command.run(args) == 1
    out = capsys.readouterr()
    assert "accessibility audit FAILED: 5 pages x 4 views" in out.out
    assert json.loads((site / "accessibility-audit.json").read_text())["merged_from_shards"] == 2
    assert not (data / "accessibility-audit.json").exists()
    args = parser.parse_args(["--merge", str(paths[0]), "--site", str(site)])
    assert command.run(args) == 2
    assert "shards missing: 2/2" in capsys.readouterr().err


def test_a_shard_is_never_recorded_for_the_statement(browser, small_site, tmp_path):  # noqa: F811
    record = tmp_path / "data" / "accessibility-audit.json"
    result = audit_site(small_site, browser=browser, reviewed_file=None, write_report=False,
                        today=TODAY, shard=Shard(1, 2), pages=["/nl/", "/en/"],
                        record_file=record)
    assert result.passed and result.recorded_to is None and not record.exists()
