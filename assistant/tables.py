"""Markdown tables rendered as text a reader and the figure rules can follow.

Results releases keep most figures in tables. Each table becomes its title as a heading and
one line per row, ``label — column: value; column: value``, so that a quoted row reads
"Grocery — 2026/27 Q1: 2.9%" and each cell's figure carries its row label and column header.
Stacked header rows merge into column labels; a unit the table's title names ("Total sales
(£m)") goes with each row's label, where the cells' own unit rules find it.
"""

from __future__ import annotations

import itertools
import re

from assistant.measure_words import EXCLUDED
from assistant.table_units import IN_SCALE, stated_unit, title_unit
from assistant.text import GLUED_NOTE, content_stems
from assistant.units import names_unit, unit_in_words

_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR_CELL = re.compile(r"^:?-{1,}:?$")
_HEADING = re.compile(r"^#{1,6}\s+\S")
# A cell's currency written before its number: "$", "US$", "NZ$", "£", "€", "¥".
_CELL_CURRENCY = r"(?:[A-Z]{0,3}[£$€¥])?"
# A cell that is a figure: "3.1%", "(3.7)%", "8,041", "£1.2bn", "-0.5", "12.9x", "n/a".
_VALUE = re.compile(
    rf"^[(\-+\u2212\u2013\u25b3\u25b2]?\s*{_CELL_CURRENCY}\s*[(\-\u2212]?\s*\d[\d,]*(?:\.\d+)?\s*\)?\s*"
    r"(?:%|x|bn|mn|m|k|bps|ppts?|pts?|p)?\s*\)?\s*%?$",
    re.IGNORECASE,
)
_NIL = re.compile(r"^(?:[-\u2013\u2014]|n/?a|nm|nil)$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# "**31.8**": a cell in bold is the same value ("**Group**" a total's row), not one starred.
_EMPHASIS = re.compile(r"^(\*\*|__|\*)(\S(?:.*\S)?)\1$")


def _cells(line: str) -> list[str]:
    parts = re.split(r"(?<!\\)\|", line.strip()[1:-1])
    return [_EMPHASIS.sub(r"\2", part.strip().replace("\\|", "/")) for part in parts]


def _is_separator(cells: list[str]) -> bool:
    return all(not c or _SEPARATOR_CELL.match(c) for c in cells) and any(cells)


def _is_value(cell: str) -> bool:
    return bool(_NIL.match(cell) or (_VALUE.match(cell) and not _YEAR.match(cell)))


def _is_header_row(cells: list[str], *, first: bool) -> bool:
    """Column headers label the values below them; they are not figures themselves."""
    rest = [c for c in cells[1:] if c]
    if any(_is_value(c) for c in rest):
        return False
    if first:
        # A table without a header row: its first cell is a number ("1 | footnote ...").
        return bool(rest) and not (cells[0] and _VALUE.match(cells[0]))
    # Inside the table, only rows that look like group headers (a gap or no row label).
    return bool(rest) and (not cells[0] or len(rest) < len(cells) - 1)


def _merge_headers(rows: list[list[str]], width: int) -> tuple[str, list[str]]:
    """(title, column labels) of stacked header rows; group labels fill the columns they span."""
    columns, title = [""] * width, ""
    for position, row in enumerate(rows):
        row = row + [""] * (width - len(row))
        title = title or row[0]
        spans = position < len(rows) - 1  # a group row above the leaf labels
        carried = ""
        for j in range(1, width):
            carried = row[j] or carried
            label = row[j] or (carried if spans else "")
            if label:
                columns[j] = f"{columns[j]} {label}".strip()
    return title, columns


# A row label's own unit, which a unit from the table's title must not override.
_OWN_UNIT = re.compile(
    r"\((?:cents?|pence|p|%|x|times|ratio|number|no\.?|per\s?cent|bps|pp|days|years|'?000s?)\)\s*$",
    re.IGNORECASE,
)


# A row of ratios in a table of amounts ("Book-to-bill ratio | 1.04", "Adj. EBITA margin |
# 9.1" under "€m"): small values under a ratio's name take no currency from the title.
_RATIO_LABEL = re.compile(
    r"\b(?:ratio|margin|rate|cover|multiple|leverage|book[\s-]to[\s-]bill|yield)\b", re.I
)


def _ratio_row(label: str, named: list[tuple[str, str]]) -> bool:
    values = [re.sub(r"[^\d.]", "", v) for _, v in named if _BARE.match(v)]
    small = all(v and v.count(".") <= 1 and float(v) < 100 for v in values)
    return bool(values) and small and bool(_RATIO_LABEL.search(label))


# A cell with no scale of its own ("1,184.6", "$1,184.6", "$(19.7)"), which the title's takes.
_BARE = re.compile(rf"^-?{_CELL_CURRENCY}\(?-?[\d,.]+\)?$")
# "EPS", "per diluted share": a row in money per share, which never takes a title's millions.
_PER_SHARE = re.compile(
    r"\b(?:EPS|DPS|per[\s-](?:(?:common|ordinary|diluted|basic)[\s-])?share)\b", re.IGNORECASE
)


def _row_line(cells: list[str], columns: list[str], unit: str = "") -> str:
    """``label — column: value; ...``; empty cells and a glued footnote ("Fuel16") left out.
    A ``unit`` from the table's title joins the label when neither it nor a column names one."""
    named = [(columns[j] if j < len(columns) else "", v) for j, v in enumerate(cells) if j and v]
    joined = "; ".join(f"{column}: {value}" if column else value for column, value in named)
    label = re.sub(r"(?<=[a-z)])\d{1,2}$", "", cells[0])
    # "EPS (cents)", "Net debt / EBITDA (times)": a row that states its own unit keeps it.
    # ... and a row whose every cell carries its unit ("20.3%", "+25 bps") needs none.
    own = bool(_OWN_UNIT.search(label)) or not any(_BARE.match(v) for _, v in named)
    # "% change": a row of percentages, whatever the table's title says of its amounts.
    own = own or bool(_PER_SHARE.search(label)) or _ratio_row(label, named) or "%" in label
    # A per-share column ("EPS (yen)") names its own unit, not the row's.
    others = [c for c in columns if not _PER_SHARE.search(c)]
    if unit and label and not own and not any(names_unit(text) for text in (label, *others)):
        label = f"{label} {unit}"
    return " — ".join(p for p in (label, joined) if p)


def label_words(label: str) -> str:
    """A row label without what the rendering added: a unit from the title ("Fuel (£m)")."""
    unit = title_unit(label)
    return label[: -len(unit)].rstrip() if unit and unit.startswith("(") else label


# "% change", "YoY", "Change (%)": a column of changes of the measure in the column before.
_CHANGE_COLUMN = re.compile(
    r"^(?:%\s*)?(?:change|chg|yoy|y/y|y-o-y|growth)(?:\s*\(%\)|\s*%)?$", re.IGNORECASE
)
PAIRED_CHANGE = re.compile(r"\s+(?:q/q|y/y|qoq|yoy|q-o-q|y-o-y)$", re.I)  # "Change q/q"


def _changes_named(columns: list[str]) -> list[str]:
    """ "Net sales | % change | Operating profit | % change": each change column takes the
    measure of the column before it, so that a row's changes say whose they are. A column
    named by its period ("Q4 FY25") or unit ("£m") lends no measure."""
    named = list(columns)
    for j in range(2, len(columns)):
        if not _CHANGE_COLUMN.match(columns[j].strip()):
            continue
        measure = columns[j - 1].split(",")[0].strip()
        lends = measure and not re.search(r"\d", measure) and not names_unit(measure)
        if lends and not _CHANGE_COLUMN.match(measure):
            named[j] = f"{measure} {columns[j].strip()}"
    return named


def _spelt(title: str) -> str:
    spelt = unit_in_words(title)
    return spelt.group(0) if spelt else "\0"


def _render_table(rows: list[list[str]], stated: str = "") -> tuple[str, list[str]]:
    """(title of the first header, lines) for one table's rows (separator rows removed).
    ``stated`` is the unit the line above the table gives, for a table that names none."""
    width = max(len(row) for row in rows)
    caption = len(rows) > 1 and width > 1 and bool(rows[0][0]) and not any(rows[0][1:])
    lines: list[str] = []
    columns, first_title, index = [""] * width, rows[0][0] if caption else "", int(caption)
    unit = title_unit(first_title) or stated
    while index < len(rows):
        if _is_header_row(rows[index], first=index == int(caption)):
            group = [rows[index]]
            index += 1
            while index < len(rows) and _is_header_row(rows[index], first=False):
                group.append(rows[index])
                index += 1
            title, columns = _merge_headers(group, width)
            columns = _changes_named(columns)
            unit = title_unit(title or first_title) or stated
            if lines and title:
                lines.extend(["", f"### {title}", ""])
            elif not lines:
                first_title = first_title or title
            continue
        line = _row_line(rows[index], columns, unit)
        if line:
            lines.append(line)
        index += 1
    return first_title, lines


def _titled(before: list[str], rendered: set[int]) -> int | None:
    """Make the short line before a table (not a row of an earlier table) a heading, in place;
    where it stands, if there was one."""
    k = next((k for k in range(len(before) - 1, -1, -1) if before[k].strip()), None)
    line = before[k].strip() if k is not None else ""
    caption = line and not _HEADING.match(line) and len(line) <= 100 and k not in rendered
    if caption and not line.endswith((".", "!", "?", ":")):
        before[k] = f"### {line}"
        return k
    return None


# A label column's name that says whose rows they are ("Airline group", "Company"): no title.
_WHOSE = frozenset(
    "company companies bank banks group groups airline airlines carrier peer peers issuer "  # noqa: SIM905
    "operator lender insurer retailer".split()
)


def _names_whose(title: str) -> bool:
    return _column_name(title) and title.split()[-1].lower() in _WHOSE


def _column_name(title: str) -> bool:
    """Is a header's first cell the label column's name ("Company", "Metric"), not a title
    ("Sales Summary Q1")? A word or two with no figure, period or unit."""
    words = title.split()
    return 0 < len(words) <= 2 and not re.search(r"\d|[$£€¥%]", title) and title[0].isalpha()


def is_change_column(header: str) -> bool:
    """Is ``header`` ("Change: ", "YoY", "Change q/q") a column of changes?"""
    return bool(_CHANGE_COLUMN.match(PAIRED_CHANGE.sub("", header.strip().rstrip(":").strip())))


def names_row(text: str, q_stems: set[str], own: set[str], question: str = "") -> bool:
    """Is ``text`` a table row whose whole label the question names ("Fuel — ...", asked
    "fuel sales")? Such a row is the one asked about, more than rows that merely mention it
    ("Like-for-like sales (inc. fuel)"). What a label leaves out ("Total Retail (exc.
    fuel)") need not be named, nor the subject's own name (stems ``own``), which a question
    names to say whose figure, not which row."""
    label, dash, _ = text.partition(" \u2014 ")
    if not dash:
        return False
    # A footnote number glued to the label ("Fuel16") is no part of it.
    words = content_stems(EXCLUDED.sub(" ", GLUED_NOTE.sub("", label_words(label)))) - own
    return bool(words) and words <= q_stems and not _qualified(question, words, own)


# Words before a label's that leave it the row asked for ("total revenue", "group revenue").
_PLAIN_MODIFIERS = frozenset({"total", "group", "overall", "reported", "headline"})


def _qualified(question: str, label: set[str], own: set[str]) -> bool:
    """Does the question put a word of its own before the label's words ("unit revenue"
    asked, a row "Revenue")? It then asks another measure than the row's."""
    words = re.findall(r"[a-z0-9][a-z0-9&'-]*", question.lower())
    for before, word in itertools.pairwise(words):
        if content_stems(word) & label and not content_stems(before) & (label | own):
            # "q3 revenue", "m&f ebit": a period or a source's initials qualify no measure
            plain = before in _PLAIN_MODIFIERS or not before.isalpha()
            return bool(content_stems(before)) and not plain
    return False


def _notes(rows: list[list[str]]) -> list[str] | None:
    """A two-column table numbered 1, 2, 3 in its first column is a list of notes."""
    if all(len(row) == 2 and row[0].isdigit() and len(row[0]) <= 3 for row in rows):
        return [f"Note {number}: {text}" for number, text in rows if text]
    return None


# Plain text and PDF text keep tables as columns aligned by runs of spaces.
_COLUMN_GAP = re.compile(r"\s{2,}")
MIN_ALIGNED_ROWS = 2


def _aligned_cells(line: str) -> list[str]:
    return _COLUMN_GAP.split(line.strip()) if line.strip() else []  # indented rows too


def _aligned_row(cells: list[str]) -> bool:
    """A row of a space-aligned table: a label, then at least two cells, a figure among them."""
    return len(cells) >= 3 and bool(cells[0].strip()) and any(_is_value(c) for c in cells[1:])


def _spans(line: str) -> list[tuple[int, int, str]]:
    """A space-aligned line's cells with where each starts and ends."""
    return [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+(?:\s\S+)*", line)]


def _stacked_header(above: list[str], rows: list[str], width: int) -> tuple[list[str], int]:
    """Column names from the header lines right above a space-aligned table, and how many
    lines they are (up to two). A header cell names every column that starts under it or
    after it, up to the next header cell: "2026E" spans its "Old" and "New" columns below."""
    ends = [max(_spans(row)[j][1] for row in rows) for j in range(width)]
    starts = [min(_spans(row)[j][0] for row in rows) for j in range(width)]
    header_lines: list[str] = []
    for line in reversed(above[-2:]):
        cells = _aligned_cells(line)
        if not cells or any(_is_value(c) for c in cells) or len(cells) > width:
            break
        header_lines.insert(0, line)
    columns = [""] * width
    for line in header_lines:
        spans = _spans(line)
        for j in range(width):
            # The last header cell that starts before the column ends; the label column
            # takes only a cell that ends before the first figure column starts.
            owner = [t for s, e, t in spans if s <= ends[j] and (j or e < starts[1])]
            data = [t for s, _, t in spans if j == 0 or s > ends[0]]
            if owner and (j == 0 or owner[-1] in data):
                columns[j] = f"{columns[j]} {owner[-1]}".strip()
    if not any(columns[1:]):
        return [""] * width, 0
    return columns, len(header_lines)


def aligned_tables(text: str) -> str:
    """Space-aligned tables of plain text ("Adj. EPS (EUR)   1.97   1.64") as markdown tables,
    with the header line above them ("    2025A   2026E new"), so that each cell keeps its
    row label and column header when the text is cleaned and rendered."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        width = len(_aligned_cells(lines[index]))
        end = index
        while end < len(lines) and _aligned_row(cells := _aligned_cells(lines[end])):
            if len(cells) != width:
                break
            end += 1
        if end - index < MIN_ALIGNED_ROWS:
            out.append(lines[index])
            index += 1
            continue
        header, used = _stacked_header(out, lines[index:end], width)
        del out[len(out) - used :]
        table = [header, ["---"] * width]
        table += [_aligned_cells(line) for line in lines[index:end]]
        out.extend(["", *("| " + " | ".join(c.strip() for c in row) + " |" for row in table), ""])
        index = end
    return "\n".join(out)


def plain_tables(text: str) -> str:
    """The space-aligned tables of plain text rendered, before cleaning splits its lines."""
    return render_tables(aligned_tables(text))


def render_tables(text: str) -> str:
    """Replace every markdown table in ``text`` by its title heading and one line per row;
    the heading in force before the table is restored after it."""
    lines = text.split("\n")
    out: list[str] = []
    rendered: set[int] = set()
    titles: set[int] = set()  # headings written for tables, not the text's own
    index = 0
    while index < len(lines):
        if not _TABLE_LINE.match(lines[index]):
            out.append(lines[index])
            index += 1
            continue
        block: list[list[str]] = []
        while index < len(lines) and _TABLE_LINE.match(lines[index]):
            cells = _cells(lines[index])
            if not _is_separator(cells):
                block.append(cells)
            index += 1
        if not block:
            continue
        before = next(
            (line for k, line in reversed(list(enumerate(out))) if _HEADING.match(line)
             and k not in titles), None,
        )  # fmt: skip
        notes = _notes(block)
        above = next((line for line in reversed(out) if line.strip()), "")
        stated = stated_unit(above) if len(above) <= 120 else ""
        title, rows = ("", notes) if notes is not None else _render_table(block, stated)
        if title and before and not IN_SCALE.sub("", title).replace(_spelt(title), "").strip():
            # A title that is only a unit keeps the heading it stands under, and its period.
            title = f"{before.lstrip('#').strip()} {title}"
        # "PEER COMPARISON" above "| Company | Ticker |": the caption titles the table; with
        # no caption, the heading it stands under does, not the label column's name.
        caption = _titled(out, rendered) if _column_name(title) else None
        # "Airport" under "## Passenger numbers by airport": the heading names it already.
        named = before and _column_name(title) and content_stems(title) <= content_stems(before)
        if caption is not None or _names_whose(title) or named:
            title = ""
        if title:
            out.extend(["", f"### {title}", ""])
            titles.add(len(out) - 2)
        elif notes is None and caption is None:
            caption = _titled(out, rendered)
        if caption is not None:
            titles.add(caption)  # a table's title, not a heading of the text
        out.append("")
        rendered.update(range(len(out), len(out) + len(rows)))
        out.extend([*rows, ""])
        after = next((line for line in lines[index:] if line.strip()), "")
        if before and not _HEADING.match(after) and not _TABLE_LINE.match(after):
            out.extend([before, ""])
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out))


__all__ = [
    "PAIRED_CHANGE",
    "aligned_tables",
    "is_change_column",
    "label_words",
    "names_row",
    "plain_tables",
    "render_tables",
]
