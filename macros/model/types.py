"""Building blocks shared by every entity: bilingual text, ids, web addresses."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .characters import first_hidden, hidden_message

LANGUAGES = ("nl", "en")


class Strict(BaseModel):
    """Every entity refuses fields it does not know, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _nothing_hidden(cls, value: Any) -> Any:
        """Every text and web address of every entity: no control or invisible characters."""
        refuse_hidden(value)
        return value


def refuse_hidden(value: Any) -> None:
    """Raise for the first control or invisible character in a text, or in a list of texts."""
    for text in (value if isinstance(value, list) else [value]):
        if isinstance(text, str):
            index = first_hidden(text)
            if index is not None:
                raise PydanticCustomError("hidden_character", "{message}",
                                          {"message": hidden_message(text, index)})


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# A figure is an ordinary number: "not a number" (.nan), infinity (.inf) and numbers too large to hold
# (1e400 becomes infinity) are refused wherever a number is read.
Number = Annotated[float, Field(allow_inf_nan=False)]


class Text(Strict):
    """Text a reader sees, in Dutch and in English."""

    nl: NonEmpty = Field(description="The Dutch text.")
    en: NonEmpty = Field(description="The English text.")

    def __call__(self, lang: str) -> str:
        return getattr(self, lang)


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
