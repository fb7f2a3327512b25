"""Building blocks shared by every entity: bilingual text, ids, web addresses."""
from __future__ import annotations

import datetime as dt
import functools
import typing
from typing import Annotated, Any

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo,
                      field_validator, model_validator)
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from ..base.characters import first_hidden, hidden_message


class Strict(BaseModel):
    """Every entity refuses fields it does not know, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _nothing_hidden(cls, value: Any, info: ValidationInfo) -> Any:
        """Every text and web address of every entity: no control or invisible characters.
        Values that are entities themselves are checked by their own class, closer to the place."""
        if not _field_holds_entity(cls, info.field_name):
            refuse_hidden(value)
        return value


@functools.lru_cache(maxsize=None)
def _field_holds_entity(model: type, name: str) -> bool:
    return _holds_entity(model.model_fields[name].annotation)


def _holds_entity(annotation: Any) -> bool:
    """Whether a field's type is, or holds, a Strict entity (list[Goal], Text | None, ...)."""
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return True
    return any(_holds_entity(arg) for arg in typing.get_args(annotation))


def refuse_hidden(value: Any) -> None:
    """Raise for the first control or invisible character in a text, or in the texts it holds."""
    if isinstance(value, str):
        index = first_hidden(value)
        if index is not None:
            raise PydanticCustomError("hidden_character", "{message}", {"message": hidden_message(value, index)})
    elif isinstance(value, dict):
        for item in value.values():
            refuse_hidden(item)
    elif isinstance(value, list):
        for item in value:
            refuse_hidden(item)


# A figure is an ordinary number: "not a number" (.nan), infinity (.inf) and numbers too large to hold
# (1e400 becomes infinity) are refused wherever a number is read.
Number = Annotated[float, Field(allow_inf_nan=False)]


class Text(BaseModel):
    """Text a reader sees, once in each language of the site: `{nl: …, en: …}`.

    The languages come from the validation context (`languages`: the site's registry); text
    made in code without one keeps the languages it is given."""

    model_config = ConfigDict(extra="allow", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _every_language(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, dict):
            return data
        registry = (info.context or {}).get("languages")
        codes = registry.codes if registry is not None else tuple(data)
        errors = [_text_error(key, value, codes) for key, value in data.items()]
        errors += [InitErrorDetails(type="missing", loc=(code,), input=data) for code in codes if code not in data]
        errors = [error for error in errors if error is not None]
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        return {code: data[code].strip() for code in codes}

    def __call__(self, lang: str) -> str:
        return self.__pydantic_extra__[lang]


def _text_error(key: Any, value: Any, codes: tuple[str, ...]) -> InitErrorDetails | None:
    if key not in codes:
        return InitErrorDetails(type=PydanticCustomError(
            "unknown_language", "'{code}' is not a language of this site", {"code": str(key), "codes": ", ".join(codes)}),
            loc=(key,), input=value)
    if not isinstance(value, str):
        return InitErrorDetails(type="string_type", loc=(key,), input=value)
    if not value.strip():
        return InitErrorDetails(type="string_too_short", loc=(key,), input=value, ctx={"min_length": 1})
    return None


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]


def _web_address(value: str) -> str:
    if not value.startswith(("https://", "http://", "mailto:")):
        raise ValueError("a web address must start with https:// (or mailto: for e-mail)")
    if any(c.isspace() for c in value):
        raise ValueError("a web address cannot contain spaces")
    return value


WebAddress = Annotated[str, AfterValidator(_web_address)]


def _mailbox(value: str) -> str:
    local, _, domain = value.partition("@")
    if not local or "." not in domain or any(c.isspace() for c in value):
        raise ValueError("an e-mail address looks like name@museum.nl")
    return value


Mailbox = Annotated[str, AfterValidator(_mailbox)]


def _given_by_today(value: dt.date, info: ValidationInfo) -> dt.date:
    """A consent counts from the day it was given; a date after the build date is not a consent yet.

    The build passes its date as validation context ("today"); without it, the computer's date counts."""
    today = (info.context or {}).get("today") or dt.date.today()
    if value > today:
        raise ValueError(f"this consent is dated {value.isoformat()}, after today ({today.isoformat()}): "
                         "a consent only counts from the day it was given")
    return value


ConsentDate = Annotated[dt.date, AfterValidator(_given_by_today)]


def internal(description: str, **kwargs: Any) -> Any:
    """A field that is never published: the leak test and the internal build look for this mark."""
    if "default_factory" not in kwargs:
        kwargs.setdefault("default", None)
    return Field(description=f"{description} (internal: never published)",
                 json_schema_extra={"internal": True}, **kwargs)
