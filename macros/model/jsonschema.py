"""JSON Schema for each data file, so YAML editors complete and check fields while typing."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from ..base.languages import Languages
from .dataset import FILES, FileSpec


def text_schema(languages: Languages) -> dict:
    """`Text` as the site's languages make it: one required field per language."""
    names = [language.english_name for language in languages]
    return {
        "additionalProperties": False,
        "description": f"Text a reader sees, in {' and in '.join(names)}.",
        "properties": {language.code: {"description": f"The {language.english_name} text.", "minLength": 1,
                                       "title": language.code.capitalize(), "type": "string"}
                       for language in languages},
        "required": list(languages.codes),
        "title": "Text",
        "type": "object",
    }


def schema_for(spec: FileSpec, languages: Languages) -> dict:
    schema = TypeAdapter(spec.shape).json_schema()
    if "Text" in schema.get("$defs", {}):
        schema["$defs"]["Text"] = text_schema(languages)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", f"Podium: data/{spec.name}")
    return schema


def write_schemas(out_dir: Path, languages: Languages) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in FILES:
        path = out_dir / spec.schema_name
        path.write_text(json.dumps(schema_for(spec, languages), indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written
