"""Building blocks shared by every entity: bilingual text, ids, web addresses."""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

LANGUAGES = ("nl", "en")


class Strict(BaseModel):
    """Every entity refuses fields it does not know, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


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


def internal(description: str, **kwargs: Any) -> Any:
    """A field that is never published: the leak test and the internal build look for this mark."""
    if "default_factory" not in kwargs:
        kwargs.setdefault("default", None)
    return Field(description=f"{description} (internal: never published)",
                 json_schema_extra={"internal": True}, **kwargs)
