"""The date a build speaks of ("today"): read once, at the edge, and passed to pure functions.

SOURCE_DATE_EPOCH (the reproducible-builds convention) fixes it, so a rebuild of
the same commit gives the same pages.
"""
from __future__ import annotations

import datetime as dt
import os


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()
