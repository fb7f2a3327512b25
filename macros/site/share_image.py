"""The picture that a shared link shows (Open Graph): the site's name and what it is about, on the brand colour.

A PNG, because most social sites show no SVG. Drawn with Pillow's built-in scalable font, so the
build needs no font file and loads nothing from another site. The logo is left out: turning an
SVG into pixels would need a drawing library outside Python (cairo).
"""
from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630      # the size social sites ask for (1.91 : 1)
MARGIN = 96
NAME_SIZES = (112, 96, 80, 64)   # the largest that fits on two lines wins
TEXT_SIZE = 44
TEXT_COLOUR = "#ffffff"       # brand.py checks that white text reads well on the light brand colour


def _fits(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont) -> bool:
    return draw.textlength(text, font=font) <= WIDTH - 2 * MARGIN


def _name_font(draw: ImageDraw.ImageDraw, name: str) -> ImageFont.FreeTypeFont:
    fonts = [ImageFont.load_default(size=size) for size in NAME_SIZES]
    return next((font for font in fonts if len(_lines(draw, name, font, most=99)) <= 2), fonts[-1])


def _lines(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, most: int = 3) -> list[str]:
    """The text broken between words to the picture's width; at most `most` lines."""
    lines: list[str] = []
    for word in text.split():
        if lines and _fits(draw, f"{lines[-1]} {word}", font):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1].rstrip(".,;:") + " …"
    return lines


def share_png(name: str, text: str, colour: str) -> bytes:
    """A WIDTH × HEIGHT PNG: `name` large and `text` below it, in white on `colour` ('#rrggbb')."""
    picture = Image.new("RGB", (WIDTH, HEIGHT), colour)
    draw = ImageDraw.Draw(picture)
    name_font = _name_font(draw, name)
    text_font = ImageFont.load_default(size=TEXT_SIZE)
    names = _lines(draw, name, name_font, most=2)
    lines = _lines(draw, text, text_font)
    name_height = round(name_font.size * 1.15)
    line_height = round(TEXT_SIZE * 1.35)
    gap = 44
    top = (HEIGHT - (name_height * len(names) + gap + 8 + gap + line_height * len(lines))) // 2
    bold = max(1, name_font.size // 50)   # the built-in font has no bold: a thin outline in the same colour
    for number, line in enumerate(names):
        draw.text((MARGIN, top + number * name_height), line, font=name_font, fill=TEXT_COLOUR,
                  stroke_width=bold, stroke_fill=TEXT_COLOUR)
    rule = top + name_height * len(names) + gap
    draw.rectangle((MARGIN, rule, MARGIN + 160, rule + 8), fill=TEXT_COLOUR)
    for number, line in enumerate(lines):
        draw.text((MARGIN, rule + 8 + gap + number * line_height), line, font=text_font, fill=TEXT_COLOUR)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()
