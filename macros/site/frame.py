"""The frame around every page: footer, 404 page, brand colours, logo and sharing defaults.

Pure functions from the data to what the theme templates (overrides/) read from
`config.extra.podium`; `hooks.py` puts them there once per language build.
"""
from __future__ import annotations

import datetime as dt

from ..model.brand import Brand
from ..model.dataset import Dataset
from .i18n import PageContext
from .share_image import HEIGHT, WIDTH
from .slugs import url_in

LOGO = "assets/logo.svg"
BRAND_CSS = "assets/brand.css"
SHARE_IMAGE = "assets/share.png"
# Pages of the frame, by their file name in content/<lang>/.
FOOTER_PAGES = (("footer_accessibility", "accessibility.md"), ("footer_privacy", "privacy.md"),
                ("footer_language_guide", "language-guide.md"))


def contact_mailbox(ds: Dataset) -> str:
    statement = next(s for s in ds.statements if s.organisation == ds.collective.id)
    return ds.by_id("roles", statement.contact_role).mailbox


def frame(ds: Dataset, brand: Brand, pairs: dict[str, dict[str, str]], lang: str, today: dt.date) -> dict:
    """Labels and addresses (relative to the language root) of the footer and the 404 page."""
    ctx = PageContext(ds.languages.get(lang))
    return {
        "footer": {
            "label": ctx.t("footer_label"),
            "contact_label": ctx.t("footer_contact"),
            "mailbox": contact_mailbox(ds),
            "links": [{"title": ctx.t(key), "url": url_in(pairs, src, lang)} for key, src in FOOTER_PAGES],
            "updated": ctx.t("footer_updated", date=ctx.date(today)),
            "updated_iso": today.isoformat(),
            "organisation": ds.collective.name(lang),
        },
        "not_found": {"title": ctx.t("not_found_title"), "text": ctx.t("not_found_text"),
                      "link": ctx.t("not_found_home")},
        "share": {"image": SHARE_IMAGE, "image_alt": ctx.t("share_image_alt", name=brand.name[lang]),
                  "width": WIDTH, "height": HEIGHT, "site_name": brand.name[lang], "locale": ctx.language.locale},
    }


def brand_css(brand: Brand) -> str:
    """Material's colour settings from the brand colours, for both schemes."""
    light, dark = brand.colour["light"], brand.colour["dark"]
    return (
        "/* Made by Podium from data/brand.yml. */\n"
        f":root > * {{ --md-primary-fg-color: {light}; --md-primary-fg-color--light: {light}; "
        f"--md-primary-fg-color--dark: {light}; --podium-brand: {light}; --podium-data: {light}; }}\n"
        f"[data-md-color-scheme=\"default\"] {{ --md-typeset-a-color: {light}; --podium-data: {light}; }}\n"
        f"[data-md-color-scheme=\"slate\"] {{ --md-typeset-a-color: {dark}; --podium-data: {dark}; }}\n"
    )
