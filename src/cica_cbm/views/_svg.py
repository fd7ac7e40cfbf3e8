"""What the SVG pictures share: the palette, clean text, numbers, the root, the arrows.

The timeline (:mod:`cica_cbm.views.timeline`) and the state diagram
(:mod:`cica_cbm.views.diagram`) are drawn with :mod:`xml.etree.ElementTree`, which escapes
every piece of text; :func:`clean` replaces what XML 1.0 cannot carry even escaped, so both
pictures stay well formed whatever a party wrote. Private to the views.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..core.silence import Status

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
CHAR = 7.0  # the width of a character of 12px text, generously
BOLD_CHAR = 8.5  # the same in bold: the outcome's capitals measure 8.2px a character

COLOURS = {
    "opened": "#333333",
    "comment": "#1f77b4",
    "amendment": "#e67e00",
    "objection": "#d62728",
    "extension": "#7b4fb0",
    "withdrawal": "#6b6b6b",
    "deadline": "#555555",
    Status.PENDING.value: "#d4a800",
    Status.APPROVED.value: "#2a9d2a",
    Status.SILENCE_BROKEN.value: "#d62728",
    Status.WITHDRAWN.value: "#6b6b6b",
}
"""The colour of each kind of event and of each status, in lines, marks and labels."""

BANDS = {
    Status.PENDING.value: "#f7e8a6",
    Status.APPROVED.value: "#bfe8bf",
    Status.SILENCE_BROKEN.value: "#f6c1c1",
    Status.WITHDRAWN.value: "#dddddd",
}
"""The light fill of each status: the timeline's axis, the diagram's boxes."""


# characters XML 1.0 cannot carry, even escaped: C0 controls but tab, newline and return
_NOT_XML = dict.fromkeys(
    [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF], "\ufffd"
)


def clean(text: str) -> str:
    """``text`` with what XML cannot carry replaced by U+FFFD, so the SVG stays well formed."""
    cleaned = text.translate(_NOT_XML)
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in cleaned)


def num(value: float) -> str:
    """A coordinate to one decimal, without trailing zeros: ``12.0`` is ``"12"``."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def svg_root(width: float, height: float, title: str) -> ET.Element:
    """An ``<svg>`` element of that size, titled for screen readers and tooltips."""
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": num(width),
            "height": num(height),
            "viewBox": f"0 0 {num(width)} {num(height)}",
            "role": "img",
            "aria-label": clean(title),
            "font-family": FONT,
            "font-size": "12",
        },
    )
    ET.SubElement(svg, "title").text = clean(title)
    return svg


def white_page(svg: ET.Element) -> None:
    """A white background under what follows, so the picture reads in dark viewers too."""
    ET.SubElement(svg, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})


def arrowhead(svg: ET.Element) -> None:
    """Define the arrowhead that :func:`arrow` ends in (``url(#arrow)``), in ``<defs>``."""
    defs = ET.SubElement(svg, "defs")
    marker = ET.SubElement(
        defs,
        "marker",
        {
            "id": "arrow",
            "viewBox": "0 0 10 10",
            "refX": "9",
            "refY": "5",
            "markerWidth": "8",
            "markerHeight": "8",
            "orient": "auto-start-reverse",
        },
    )
    ET.SubElement(marker, "path", {"d": "M0,0 L10,5 L0,10 z", "fill": "#444444"})


def arrow(group: ET.Element, x1: float, y1: float, x2: float, y2: float) -> None:
    """A grey line from (x1, y1) to (x2, y2) ending in the :func:`arrowhead`."""
    ET.SubElement(
        group,
        "line",
        {
            "x1": num(x1),
            "y1": num(y1),
            "x2": num(x2),
            "y2": num(y2),
            "stroke": "#444444",
            "marker-end": "url(#arrow)",
        },
    )
