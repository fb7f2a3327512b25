"""Building blocks shared by every entity: bilingual text, ids, web addresses."""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError


class Strict(BaseModel):
    """Every entity refuses fields it does not know, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


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


def internal(description: str, **kwargs: Any) -> Any:
    """A field that is never published: the leak test and the internal build look for this mark."""
    if "default_factory" not in kwargs:
        kwargs.setdefault("default", None)
    return Field(description=f"{description} (internal: never published)",
                 json_schema_extra={"internal": True}, **kwargs)
