"""JSON Schema for each data file, so YAML editors complete and check fields while typing."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from .dataset import FILES, FileSpec


def schema_for(spec: FileSpec) -> dict:
    schema = TypeAdapter(spec.shape).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", f"Podium: data/{spec.name}")
    return schema


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in FILES:
        path = out_dir / spec.schema_name
        path.write_text(json.dumps(schema_for(spec), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
