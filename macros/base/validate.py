"""Check a read YAML document against a pydantic shape, in sentences a communications officer understands."""
from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .problems import Problem
from .yamlread import Document

from .characters import HIDDEN_EXPECTED

# YAML's and Python's spellings of infinity and "not a number", which no published figure may be.
NO_NUMBER = {".nan", ".inf", "nan", "inf", "infinity"}
DATE_HINT = "a date written as YYYY-MM-DD, for example 2026-07-01"


def kind_of(value: Any) -> str:
    """Name a YAML value's kind in everyday words."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return type(value).__name__


def _inner_types(annotation: Any) -> list[Any]:
    """The model types hidden inside list[...], X | None, Annotated[...]."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_types(typing.get_args(annotation)[0])
    if origin in (list, tuple, typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _inner_types(arg)]
    return [annotation]


def field_for(root: Any, loc: tuple) -> tuple[Any, Any]:
    """Follow `loc` through the models; return (model owning the last field, FieldInfo or None)."""
    owners = [t for t in _inner_types(root) if isinstance(t, type) and issubclass(t, BaseModel)]
    owner, info = (owners[0] if owners else None), None
    for part in loc:
        if isinstance(part, int) or owner is None:
            continue
        info = owner.model_fields.get(part)
        if info is None:
            return owner, None
        nested = [t for t in _inner_types(info.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
        if nested:
            owner = nested[0]
    return owner, info


def _owner_before_last(root: Any, loc: tuple) -> Any:
    owner, _ = field_for(root, loc[:-1])
    if loc[:-1] and owner is not None:
        _, info = field_for(root, loc[:-1])
        nested = [t for t in _inner_types(info.annotation) if isinstance(t, type) and issubclass(t, BaseModel)] if info else []
        return nested[0] if nested else owner
    return owner


def _language_name(code: Any, context: dict | None) -> str | None:
    """The English name of a site language (context `languages`: the registry), or None."""
    registry = (context or {}).get("languages")
    if registry is None or code not in registry.codes:
        return None
    return registry.get(code).english_name


def explain(root: Any, error: dict, context: dict | None = None) -> tuple[str, str, bool]:
    """Return (what is wrong, what is expected, point at the key rather than the value)."""
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p[:1].isupper()))
    kind, value = error["type"], error.get("input")
    last = loc[-1] if loc else ""
    _, info = field_for(root, loc)
    expected = (info.description or "") if info else ""

    if kind == "missing":
        name = _language_name(last, context)
        if name:
            return f"the {name} text is missing", f"add `{last}:` with the {name} translation", False
        return f"the field '{last}' is missing", expected or "add it", False
    if kind == "unknown_language":
        return error["msg"], f"the languages of this site: {error['ctx']['codes']}", True
    if kind == "extra_forbidden":
        owner = _owner_before_last(root, loc)
        known = sorted(owner.model_fields) if owner is not None else []
        close = difflib.get_close_matches(str(last), known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else ""
        listing = "known fields here: " + ", ".join(known)
        return (f"'{last}' is not a field Podium knows here",
                f"{hint} {listing}".strip(), True)
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"):
        return f"{kind_of(value)} is not a date", DATE_HINT, False
    if kind in ("literal_error", "enum"):
        allowed = error.get("ctx", {}).get("expected", "")
        return f"{kind_of(value)} is not one of the allowed values", f"one of: {allowed}", False
    if kind == "string_type":
        return f"expected text here, found {kind_of(value)}", expected or "text", False
    if kind == "string_too_short":
        return "this text is empty", expected or "write the text", False
    if kind == "string_pattern_mismatch":
        return (f"{kind_of(value)} cannot be used as an id",
                "lower-case letters, digits and hyphens, for example 'pride-walk'", False)
    if kind in ("int_parsing", "float_parsing") and isinstance(value, str) and re.fullmatch(r"-?\d+,\d+", value.strip()):
        return (f"{kind_of(value)} is not a number: a comma cannot separate decimals here",
                f"write decimals with a point, as {value.strip().replace(',', '.')}", False)
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {kind_of(value)}", expected, False
    if kind == "finite_number" or (kind == "float_parsing" and _names_no_number(value)):
        return (f"{kind_of(value)} is not an ordinary number (it stands for infinity or 'not a number')",
                "a number such as 12 or 12.5", False)
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, found {kind_of(value)}", expected, False
    if kind == "claim":  # a rule across fields, which names what is expected itself
        return error["msg"], error["ctx"]["expected"], False
    if kind == "hidden_character":
        return error["msg"], HIDDEN_EXPECTED, False
    if kind in ("bool_type", "bool_parsing"):
        return f"expected yes/no (true or false), found {kind_of(value)}", expected, False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        # the value was read as text and passed as a number, so name it as one
        return f"the number {value} is out of range: {error['msg'].lower()}", expected, False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return (f"expected a group of fields here, found {kind_of(value)}",
                expected or "fields written as `name: value` on their own lines", False)
    if kind == "list_type":
        return (f"expected a list here, found {kind_of(value)}",
                expected or "one item per line, each starting with '- '", False)
    if kind == "too_short":
        return "this list is empty", expected or "add at least one item", False
    if kind == "value_error":
        reason = str(error.get("ctx", {}).get("error", error["msg"]))
        return reason, expected, False
    return error["msg"], expected, False


def validate(shape: Any, doc: Document, context: dict | None = None) -> tuple[Any, list[Problem]]:
    """`doc.data` as `shape` (a pydantic model or type), or None and a problem at each wrong place.

    `context` reaches validators that need more than the value (for example today's date)."""
    try:
        return TypeAdapter(shape).validate_python(doc.data, context=context), []
    except ValidationError as err:
        problems = []
        for error in err.errors():
            message, expected, at_key = explain(shape, error, context)
            loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p[:1].isupper()))
            problems.append(doc.problem(loc, message, expected, prefer_key=at_key))
        return None, problems


def _names_no_number(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower().lstrip("+-") in NO_NUMBER
