"""Baseline repair of hard-wrapped Chinese page text, in plain Python.

This is the repair a competent data scientist writes today with the standard
library, the peer huozi is measured against:

* split the text into lines (``\\r\\n``, ``\\r``, ``\\n``, ``\\f``), strip them;
* estimate the column width as the most common (mode) line width, in display
  columns (``unicodedata.east_asian_width``: W/F/A count 2, the rest 1);
* join a line to the previous one, unless the previous one ends a sentence
  (``。！？…!?`` optionally followed by closing quotes/brackets) and is shorter
  than the column width minus one character (2 columns);
* a blank line ends the paragraph only after a sentence end (a blank line
  inside a sentence is taken for a column break);
* inside a unit, drop the spaces between CJK and digits / Latin letters
  (justification spaces), keep a space between two Latin words that met at a
  line break, and undo ``word-`` / ``continuation`` hyphenation.

``headings=True`` adds the one heuristic such scripts often grow next: a line
with no punctuation at all that is shorter than the column stands alone (a
headline, kicker or subheading).  The default is the rules above alone.

API: ``repair(text) -> list[str]`` (units in order), ``repair_text(text)``
(units joined by newlines) and ``repair_breaks(text) -> dict[int, str]`` (its
decision, ``join`` or ``paragraph``, for every pair of consecutive non-blank
physical lines, keyed by the 0-based index of the earlier one).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter

LINE_SPLIT_RE = re.compile(r"\r\n|\r|\n|\f")
SENT_END_RE = re.compile(r"[。！？…!?][”’」』）)\]》〉\"']*$")
PUNCT_RE = re.compile(r"[，。！？；：、,.!?;:]")
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019"
JUST_SPACE_RE = re.compile(
    rf"(?<=[{_CJK}])[ \t\u3000]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])[ \t\u3000]+(?=[{_CJK}])"
)


def display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in s)


def _lines(text: str) -> list[str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = LINE_SPLIT_RE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return [l.strip() for l in lines]


def _latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _join(parts: list[str]) -> str:
    out = parts[0]
    for p in parts[1:]:
        if out.endswith("-") and len(out) >= 2 and _latin(out[-2]) and p[:1].islower() and _latin(p[:1]):
            out = out[:-1] + p  # hyphenated word
        elif out and _latin(out[-1]) and p and _latin(p[0]):
            out += " " + p  # two Latin words
        else:
            out += p
    return JUST_SPACE_RE.sub("", out).strip()


def analyze(text: str, headings: bool = False) -> tuple[list[str], dict[int, str]]:
    """Units and break decisions for ``text``."""
    lines = _lines(text)
    widths = [display_width(l) for l in lines]
    counts = Counter(w for l, w in zip(lines, widths) if l)
    if not counts:
        return [], {}
    col = counts.most_common(1)[0][0]

    def heading(i: int) -> bool:
        return headings and widths[i] < col - 2 and not PUNCT_RE.search(lines[i])

    units: list[str] = []
    breaks: dict[int, str] = {}
    cur: list[str] = []
    prev = -1
    blank_since = False
    for i, line in enumerate(lines):
        if not line:
            blank_since = True
            continue
        if prev >= 0:
            p = lines[prev]
            ends = bool(SENT_END_RE.search(p))
            if (ends and (blank_since or widths[prev] < col - 2)) or heading(prev) \
                    or (ends and heading(i)):
                units.append(_join(cur))
                cur = []
                breaks[prev] = "paragraph"
            else:
                breaks[prev] = "join"
        cur.append(line)
        prev = i
        blank_since = False
    if cur:
        units.append(_join(cur))
    return units, breaks


def repair(text: str, headings: bool = False) -> list[str]:
    return analyze(text, headings)[0]


def repair_breaks(text: str, headings: bool = False) -> dict[int, str]:
    return analyze(text, headings)[1]


def repair_text(text: str, headings: bool = False) -> str:
    return "\n".join(repair(text, headings))


if __name__ == "__main__":
    src = open(sys.argv[1], "rb").read().decode("utf-8") if len(sys.argv) > 1 else sys.stdin.read()
    sys.stdout.write(repair_text(src) + "\n")
