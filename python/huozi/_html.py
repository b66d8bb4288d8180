"""HTML renderings for notebooks: a page as a column of articles with its
fields highlighted, and the line-repair explanation side by side.

Self-contained HTML: inline ``style`` attributes only (no ``<style>`` sheet,
no script, nothing downloaded), every text escaped with :func:`html.escape`.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Any, Dict, List, Optional, Sequence, Tuple

#: Background colour of each field type in the HTML views.
FIELD_COLORS: Dict[str, str] = {
    "date": "#fde68a",
    "datetime": "#fcd34d",
    "money": "#bbf7d0",
    "percent": "#a7f3d0",
    "quantity": "#bfdbfe",
    "phone": "#fbcfe8",
    "email": "#ddd6fe",
    "url": "#c7d2fe",
    "id_card": "#fecaca",
    "org": "#fed7aa",
    "place": "#99f6e4",
    "jump": "#e5e7eb",
}
_OTHER_COLOR = "#e5e7eb"

#: Colour and sign of each line-repair decision in the explain view.
DECISION_STYLE: Dict[str, Tuple[str, str]] = {
    "join": ("#dcfce7", "↩"),
    "paragraph": ("#dbeafe", "¶"),
    "block": ("#fee2e2", "■"),
}

_FONT = ("font-family: -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', "
         "sans-serif; line-height: 1.6; color: #111;")
_MUTED = "color: #666; font-size: 85%;"


def esc(s: Any) -> str:
    """HTML-escaped text (quotes too, so it is safe in attributes)."""
    return html.escape("" if s is None else str(s), quote=True)


def field_color(ftype: str) -> str:
    return FIELD_COLORS.get(ftype, _OTHER_COLOR)


def field_tooltip(f: Dict[str, Any]) -> str:
    """The hover text of a field: its type and normalized value (with unit,
    currency, approximate), e.g. ``money: 1500000 CNY (approx.)``."""
    v = f.get("value")
    parts = [f"{f.get('type')}: {'(no value)' if v is None else v}"]
    if f.get("unit"):
        parts.append(str(f["unit"]))
    if f.get("currency"):
        parts.append(str(f["currency"]))
    if f.get("approx"):
        parts.append("(approx.)")
    return " ".join(parts)


def _mark(text: str, f: Dict[str, Any]) -> str:
    t = f.get("type", "")
    return (f'<mark class="huozi-field huozi-field-{esc(t)}" data-type="{esc(t)}" title="{esc(field_tooltip(f))}" '
            f'style="background: {field_color(t)}; padding: 0 1px; border-radius: 2px;">{esc(text)}</mark>')


# ---- placing fields in the texts they were found in ----------------------------
#
# A field's start/end are offsets into the page source; its text is as it reads
# in the repaired block or heading. Each field is given to the piece (heading or
# block) whose source span holds it and found in that piece's text, in source
# order; a field that cannot be placed (a jump field comes from a debris line)
# is listed under the article instead.

Piece = Dict[str, Any]  # {"text", "start", "end", "marks": [(pos, end, field)]}


def _place_fields(pieces: List[Piece], fields: Sequence[Dict[str, Any]]) -> List[Dict[str, Any]]:
    unplaced = []
    cursor: Dict[int, int] = {}
    spans = all(p.get("start") is not None for p in pieces)
    for f in fields:
        ft = f.get("text") or ""
        fs, fe = f.get("start", -1), f.get("end", -1)
        if spans:  # only the pieces whose source span holds the field
            order = [i for i, p in enumerate(pieces) if p["start"] <= fs and fe <= p["end"]]
        else:  # a page dict without spans on its headings: search the texts in order
            order = list(range(len(pieces)))
        placed = False
        for i in order:
            text = pieces[i]["text"] or ""
            at = text.find(ft, cursor.get(i, 0)) if ft else -1
            if at < 0:
                continue
            cursor[i] = at + len(ft)
            pieces[i]["marks"].append((at, at + len(ft), f))
            placed = True
            break
        if not placed:
            unplaced.append(f)
    return unplaced


def _render_marked(p: Piece) -> str:
    text = p["text"] or ""
    out, pos = [], 0
    for s, e, f in sorted(p["marks"], key=lambda m: m[0]):
        if s < pos:  # overlapping: keep the first
            continue
        out.append(esc(text[pos:s]))
        out.append(_mark(text[s:e], f))
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out)


def _legend(types: Sequence[str]) -> str:
    if not types:
        return ""
    items = "".join(
        f'<span style="background: {field_color(t)}; padding: 0 4px; margin-right: 4px; border-radius: 2px;">'
        f"{esc(t)}</span>" for t in types)
    return f'<div class="huozi-legend" style="{_MUTED} margin: 4px 0;">fields: {items}</div>'


def _field_summary(fields: Sequence[Dict[str, Any]]) -> str:
    counts = Counter(f.get("type", "") for f in fields)
    return " · ".join(f'<span style="background: {field_color(t)}; padding: 0 3px; border-radius: 2px;">{esc(t)}'
                      f"</span>&nbsp;{n}" for t, n in sorted(counts.items()))


def _folded(rendered: List[str], limit: int, noun: str) -> List[str]:
    """The first ``limit`` pieces as they are, the rest folded into one
    ``<details>`` ("3 more blocks")."""
    if len(rendered) <= limit:
        return list(rendered)
    rest = len(rendered) - limit
    return rendered[:limit] + [
        f'<details class="huozi-more"><summary style="{_MUTED} cursor: pointer;">{rest} more '
        f'{noun}{"s" if rest != 1 else ""}</summary>{"".join(rendered[limit:])}</details>']


def article_html(a: Dict[str, Any], *, max_blocks: int = 8, heading_level: int = 3) -> str:
    """One article as HTML: kicker, title, subtitle, authors, then its blocks
    (paragraphs, subheadings, captions), fields highlighted. Blocks after the
    first ``max_blocks`` are folded into a ``<details>``."""
    headings = {h["role"]: h for h in a.get("headings") or []}
    pieces: List[Piece] = []
    for role in ("kicker", "title", "subtitle"):
        t = a.get(role)
        h = headings.get(role)
        pieces.append({"role": role, "text": t, "start": h["start"] if h else None, "end": h["end"] if h else None,
                       "marks": []})
    # Datelines (本报北京12月31日讯（记者 周九）) were cut from their paragraph
    # into credits; they are shown, and their fields marked, before the blocks.
    datelines = [c for c in a.get("credits") or [] if c.get("kind") == "dateline"]
    for c in datelines:
        pieces.append({"role": "dateline", "text": c.get("text", ""), "start": c.get("start"), "end": c.get("end"),
                       "marks": []})
    blocks = a.get("blocks") or []
    for b in blocks:
        pieces.append({"role": b.get("kind", "paragraph"), "text": b.get("text", ""), "start": b.get("start"),
                       "end": b.get("end"), "marks": []})
    fields = a.get("fields") or []
    unplaced = _place_fields([p for p in pieces if p["text"]], fields)

    kicker, title, subtitle = pieces[0], pieces[1], pieces[2]
    h = max(1, min(6, heading_level))
    out = [f'<article class="huozi-article" data-index="{esc(a.get("index"))}" '
           f'style="border-top: 1px solid #ddd; padding: 6px 0 8px 0;">']
    if kicker["text"]:
        out.append(f'<div class="huozi-kicker" style="{_MUTED}">{_render_marked(kicker)}</div>')
    title_html = _render_marked(title) if title["text"] else '<span style="color: #999;">(untitled)</span>'
    out.append(f'<h{h} class="huozi-title" style="margin: 2px 0;"><span style="color: #999; font-weight: normal;">'
               f'{esc(a.get("index"))}</span> {title_html}</h{h}>')
    if subtitle["text"]:
        out.append(f'<div class="huozi-subtitle" style="font-weight: 600; color: #333;">{_render_marked(subtitle)}</div>')
    authors = a.get("authors") or []
    if authors:
        names = " · ".join(f'<span title="{esc(x.get("role"))}">{esc(x.get("role"))} <b>{esc(x.get("name"))}</b></span>'
                           for x in authors)
        out.append(f'<div class="huozi-authors" style="{_MUTED}">{names}</div>')
    rendered = [_block_html(p) for p in pieces[3:]]
    if datelines:  # shown above the blocks, never folded
        out.extend(rendered[:len(datelines)])
        rendered = rendered[len(datelines):]
    out.extend(_folded(rendered, max_blocks, "block"))
    if fields:
        extra = ""
        if unplaced:
            extra = "; not in the text above: " + ", ".join(_mark(f.get("text", ""), f) for f in unplaced)
        out.append(f'<div class="huozi-fields" style="{_MUTED}">{len(fields)} field{"s" if len(fields) != 1 else ""}: '
                   f"{_field_summary(fields)}{extra}</div>")
    out.append("</article>")
    return "".join(out)


def _block_html(p: Piece) -> str:
    kind = p["role"]
    body = _render_marked(p)
    if kind == "dateline":
        return f'<div class="huozi-dateline" style="{_MUTED}">{body}</div>'
    if kind == "subheading":
        return f'<div class="huozi-block huozi-subheading" style="font-weight: 600; margin: 6px 0 2px 0;">{body}</div>'
    if kind == "caption":
        return (f'<p class="huozi-block huozi-caption" style="font-style: italic; color: #555; margin: 4px 0;">'
                f'<span style="{_MUTED}">[caption]</span> {body}</p>')
    return f'<p class="huozi-block huozi-paragraph" style="margin: 4px 0; text-indent: 2em;">{body}</p>'


def page_html(d: Dict[str, Any], *, max_articles: int = 20, max_blocks: int = 8) -> str:
    """A page as HTML: a header line, the legend of field colours, then its
    articles (the ones after ``max_articles`` folded into a ``<details>``) and
    its debris (folded)."""
    articles = d.get("articles") or []
    debris = d.get("debris") or []
    types = sorted({f.get("type", "") for a in articles for f in a.get("fields") or []})
    head = " · ".join(x for x in (
        esc(d.get("source")) or "(no source)",
        f"date {esc(d.get('date'))}" if d.get("date") else "date unknown",
        esc(d.get("encoding")),
        f"{len(articles)} article{'s' if len(articles) != 1 else ''}",
        f"{len(debris)} debris",
    ) if x)
    out = [f'<div class="huozi-page" style="{_FONT} max-width: 52em;">',
           f'<div class="huozi-header" style="{_MUTED}"><b>huozi.Page</b> {head}</div>', _legend(types)]
    rendered = [article_html(a, max_blocks=max_blocks) for a in articles]
    out.extend(_folded(rendered, max_articles, "article"))
    if debris:
        items = "".join(f'<li><span title="{esc(x.get("reason"))}">{esc(x.get("text"))}</span> '
                        f'<span style="{_MUTED}">({esc(x.get("reason"))}, bytes {esc(x.get("start"))}–'
                        f'{esc(x.get("end"))})</span></li>' for x in debris)
        out.append(f'<details class="huozi-debris" style="border-top: 1px solid #ddd;"><summary style="{_MUTED} '
                   f'cursor: pointer;">debris ({len(debris)}): page furniture, photo labels, jump lines, removed '
                   f'glyphs</summary><ul style="margin: 2px 0;">{items}</ul></details>')
    out.append("</div>")
    return "".join(out)


# ---- the repair explanation ---------------------------------------------------------

_LINE_END = re.compile(r"\r\n|[\n\r\f]")


def split_lines(text: str) -> List[str]:
    """Physical lines as line repair counts them: ended by ``\\n``, ``\\r\\n``,
    ``\\r`` or ``\\f``; a final terminator does not open an empty line."""
    lines = _LINE_END.split(text)
    if len(lines) > 1 and lines[-1] == "" and text:
        lines.pop()
    return lines


def _unit_of_lines(units: Sequence[Dict[str, Any]], n_lines: int) -> List[Optional[int]]:
    """For each physical line, the unit it belongs to: the narrowest unit
    whose line range holds it (an intrusion inside a paragraph's range is its
    own unit)."""
    owner: List[Optional[int]] = [None] * n_lines
    width: List[int] = [1 << 30] * n_lines
    for k, u in enumerate(units):
        first, last = int(u["first_line"]), int(u["last_line"])
        w = last - first
        for i in range(max(first, 0), min(last, n_lines - 1) + 1):
            if w < width[i]:
                owner[i], width[i] = k, w
    return owner


def _decision_cell(ds: Sequence[Dict[str, Any]]) -> str:
    if not ds:
        return "<td></td>"
    parts = []
    for x in ds:
        color, sign = DECISION_STYLE.get(x["kind"], ("#eee", "?"))
        tip = (f"{x['kind']} ({x['reason']}): line width {x.get('width')}, column width {x.get('column_width')}"
               f"{', ends a sentence' if x.get('ends_sentence') else ''}"
               f"{', ' + str(x.get('blanks_after')) + ' blank line(s) after' if x.get('blanks_after') else ''}")
        parts.append(f'<span class="huozi-decision huozi-decision-{esc(x["kind"])}" title="{esc(tip)}" '
                     f'style="background:{color};padding:0 4px;white-space:nowrap">{sign} {esc(x["kind"])} '
                     f'<span style="color:#555">{esc(x["reason"])}</span></span>')
    return f'<td>{"<br>".join(parts)}</td>'


# The explain table has a row per line of the page: its layout comes from one
# <style> sheet scoped to .huozi-explain (inline styles on every cell would
# triple its size); the decision colours stay inline, so they survive a
# frontend that drops <style>.
# (Selectors are specific enough to win over JupyterLab's own table rules,
# which right-align every cell of an HTML output.)
_T = "div.huozi-explain table.huozi-explain-table"
_EXPLAIN_CSS = (
    "<style>"
    f"{_T}{{border-collapse:collapse;font-size:90%}}"
    f"{_T} th{{text-align:left;padding:0 6px}}"
    f"{_T} td{{text-align:left;padding:0 6px;vertical-align:top}}"
    f"{_T} td.n{{color:#666;text-align:right}}"
    f"{_T} td.l{{white-space:pre;font-family:monospace,monospace}}"
    f"{_T} td.b{{background:#fafafa}}"
    f"{_T} td.u{{border-top:1px solid #eee;padding:2px 6px}}"
    ".huozi-explain .m{color:#666;font-size:85%}"
    ".huozi-explain .t{border-left:3px solid #93c5fd;padding-left:6px}"
    "</style>"
)


def explain_html(details: Dict[str, Any], text: str, *, max_lines: int = 300) -> str:
    """The raw lines beside the repaired units, with the decision on every
    line break (join, paragraph, block and its reason). Lines past
    ``max_lines`` are folded into a ``<details>``."""
    lines = split_lines(text)
    units = details.get("units") or []
    decisions = details.get("decisions") or []
    after: Dict[int, List[Dict[str, Any]]] = {}
    for x in decisions:
        after.setdefault(int(x["line"]), []).append(x)
    owner = _unit_of_lines(units, len(lines))
    # Runs of consecutive lines with the same unit: one cell of repaired text each.
    runs: List[Tuple[int, int, Optional[int]]] = []
    for i, u in enumerate(owner):
        if runs and runs[-1][2] == u and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1, u)
        else:
            runs.append((i, i + 1, u))
    seen: set = set()
    rows: List[List[str]] = []  # the rows of each run
    for start, end, u in runs:
        run_rows = []
        for i in range(start, end):
            line = lines[i]
            cells = [f'<td class="n">{i + 1}</td>',
                     f'<td class="l{" b" if not line.strip() else ""}">{esc(line)}</td>',
                     _decision_cell(after.get(i, []))]
            if i == start:
                cell = ""
                if u is not None:
                    unit = units[u]
                    body = (f'<span class="m">(unit {u + 1} continued)</span>' if u in seen
                            else esc(unit.get("text", "")))
                    seen.add(u)
                    cell = (f'<div class="m">{u + 1} · {esc(unit.get("shape", ""))}</div>'
                            f'<div class="huozi-unit t">{body}</div>')
                cells.append(f'<td class="u" rowspan="{end - start}">{cell}</td>')
            run_rows.append("<tr>" + "".join(cells) + "</tr>")
        rows.append(run_rows)

    head = "<tr><th>#</th><th>raw line</th><th>break after it</th><th>repaired unit</th></tr>"

    def table(rs: List[List[str]]) -> str:
        return '<table class="huozi-explain-table">' + head + "".join(r for run in rs for r in run) + "</table>"

    # Cut between runs, at the first run boundary past max_lines.
    cut, count = len(rows), 0
    for k, run in enumerate(rows):
        count += len(run)
        if count >= max_lines:
            cut = k + 1
            break
    kinds = Counter(x["kind"] for x in decisions)
    summary = ", ".join(f"{kinds.get(k, 0)} {k}" for k in ("join", "paragraph", "block"))
    out = [f'<div class="huozi-explain" style="{_FONT}">', _EXPLAIN_CSS,
           f'<div class="m"><b>huozi.Explanation</b> {len(lines)} lines → {len(units)} units; '
           f'{len(decisions)} breaks: {esc(summary)}; punctuation squeezed: '
           f'{"yes" if details.get("squeezed_punctuation") else "no"}. Hover a decision for its measurements.</div>',
           table(rows[:cut])]
    if cut < len(rows):
        rest = sum(len(r) for r in rows[cut:])
        out.append(f'<details class="huozi-more"><summary class="m" style="cursor: pointer;">{rest} more lines'
                   f"</summary>{table(rows[cut:])}</details>")
    removals = details.get("removals") or []
    if removals:
        items = ", ".join(f"{esc(r.get('text'))} ({esc(r.get('reason'))}, byte {esc(r.get('start'))})"
                          for r in removals)
        out.append(f'<div class="m">removed: {items}</div>')
    out.append("</div>")
    return "".join(out)
