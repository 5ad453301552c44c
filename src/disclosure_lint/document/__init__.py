"""The positioned tree a report is read into.

Readers produce :class:`Document` objects; rules read them.  Nothing here knows
about editions or rules.  Every node has a :class:`~disclosure_lint.source.Span`
into the decoded source, and so does every value found in a cell.
"""
from __future__ import annotations

from decimal import Decimal

from ..source.dataclass_cache import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import
if TYPE_CHECKING:
    from typing import Callable, Iterator, TypeVar, Union

    T = TypeVar("T")

from ..source.ptext import PText
from ..source import Source, Span


def _kept(owner, items: list, key, make: Callable[[], T]) -> T:
    """``make()``, kept on *owner* under *key* for as long as *items* (its blocks or rows) is the same
    list with the same length: what rules ask of the same blocks or rows many times is made once, and
    made again if they are replaced or added to, so it never answers for what it did not see."""
    kept = owner.__dict__.setdefault("_derived", {})
    got = kept.get(key)
    if got is None or got[0] is not items or got[1] != len(items):
        got = kept[key] = (items, len(items), make())
    return got[2]

__all__ = [
    "Number", "Blank", "NotApplicable", "TextValue", "Unread", "CellValue",
    "Cell", "Row", "Table", "Paragraph", "Heading", "Section", "MetaField", "Metadata", "Document",
]


@dataclass(frozen=True, slots=True)
class Number:
    """A number written in a cell; ``span`` covers the digits (and sign)."""

    value: Union[int, Decimal]
    span: Span
    unit: str | None = None
    raw: str = ""

    kind = "number"


@dataclass(frozen=True, slots=True)
class Blank:
    """Nothing written (or only spaces / ``&nbsp;``). Blank is not zero."""

    span: Span
    kind = "blank"


@dataclass(frozen=True, slots=True)
class NotApplicable:
    """A dash, slash or 无: the writer says the figure does not apply."""

    span: Span
    raw: str = ""
    kind = "n/a"


@dataclass(frozen=True, slots=True)
class TextValue:
    span: Span
    text: str = ""
    kind = "text"


@dataclass(frozen=True, slots=True)
class Unread:
    """A figure the reader could not read with certainty (run-together digits that admit several
    splits, or none). Nothing is claimed from it: no identity, prose or cell rule reads it.
    ``span`` covers the digits the figure lies in."""

    span: Span
    raw: str = ""
    kind = "unread"


CellValue = Number | Blank | NotApplicable | TextValue | Unread


@dataclass(slots=True)
class Cell:
    """One cell of a resolved grid.

    A cell spanning several grid positions appears once per position: every
    position points at the same object, ``row``/``col`` being its top-left.
    """

    ptext: PText          # normalised text, positioned
    raw: str              # the cell's text before normalisation (entities decoded, spaces kept)
    span: Span            # the whole cell (tag to end tag in HTML, the field in text)
    value: CellValue
    row: int = 0
    col: int = 0
    rowspan: int = 1
    colspan: int = 1
    is_header: bool = False
    recovery: str = ""    # text extractions: how the cell was split from run-together digits
                          # ("forced", "chosen", "ambiguous", "unsplit"); "" when it was written as a cell

    @property
    def text(self) -> str:
        return self.ptext.text


@dataclass(slots=True)
class Row:
    index: int
    cells: list[Cell]          # grid positions, spanning cells repeated (read only: the rows a rowspan
                               # holds entirely share one list)
    span: Span
    labels: list[Cell] = field(default_factory=list)   # leading text cells (distinct)
    values: list[Cell] = field(default_factory=list)   # the data cells after the labels (distinct)
    # each cell of *cells* once, in the order of its first position, as the grid found them (read only);
    # None when the row was made without them (then they are found from *cells*)
    distinct: list[Cell] | None = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> str:
        return " / ".join(c.text for c in self.labels if c.text)

    @property
    def is_data(self) -> bool:
        return any(isinstance(c.value, Number) for c in self.values)


MAX_HEADER_ROWS = 12


@dataclass
class Table:
    span: Span
    rows: list[Row]
    width: int
    problems: list[tuple[str, Span]] = field(default_factory=list)  # why the grid may be wrong
    from_text: bool = False   # rows flattened to text: spans lost, trailing blank cells not kept
    kind = "table"

    def data_rows(self) -> list[Row]:
        return [r for r in self.rows if r.is_data]

    def header_rows(self) -> list[Row]:
        """The rows above the first data row — at most MAX_HEADER_ROWS of them (a header block is a few
        rows; a table with no figure at all must not make every row a header of every cell)."""
        out = []
        for r in self.rows:
            if r.is_data or len(out) >= MAX_HEADER_ROWS:
                break
            out.append(r)
        return out

    def column_header(self, col: int) -> str:
        """The header of grid column *col*: the header rows' texts above it, outermost first."""
        return self.derived(("column_header", col), lambda t: t._column_header(col))

    def _column_header(self, col: int) -> str:
        parts: list[str] = []
        for r in self.header_rows():
            c = next((c for c in r.cells if c.col <= col < c.col + c.colspan), None)
            if c is not None and c.text and c.text not in parts:  # a rowspan repeats its cell
                parts.append(c.text)
        return " / ".join(parts)

    def derived(self, key, make: Callable[["Table"], T]) -> T:
        """``make(self)``, made once per row list (see :func:`_kept`): what rules ask of a table many times."""
        return _kept(self, self.rows, key, lambda: make(self))

    def header_of(self, cell: "Cell") -> str:
        return self.column_header(cell.col)

    def label_of(self, cell: "Cell") -> str:
        return self.rows[cell.row].label if 0 <= cell.row < len(self.rows) else ""

    def text(self) -> str:
        return self.derived("text", _table_text)  # asked for by several rules

    def cells(self) -> Iterator[Cell]:
        """Every cell once, in its first row (a rowspan cell is not yielded again for each row it covers)."""
        return iter(self.derived("cells", _table_cells))  # rules ask many times


def _table_text(t: Table) -> str:
    return "\n".join([" | ".join([c.text for c in _row_distinct(r)]) for r in t.rows])


def _table_cells(t: Table) -> list[Cell]:
    out: list[Cell] = []
    shared = None
    for r in t.rows:
        if r.cells is shared:
            continue  # the grid shares one positions list among rows held entirely by rowspans from above
        shared = r.cells
        index = r.index
        out.extend([c for c in _row_distinct(r) if c.row == index])
    return out


def _row_distinct(r: Row) -> list[Cell]:
    """``_distinct(r.cells)``: as the grid kept it on the row when it did (a test compares the two)."""
    d = r.distinct
    return d if d is not None else _distinct(r.cells)


def _distinct(cells: list[Cell]) -> list[Cell]:
    """Each cell once, in the order of its first position (a dict keeps its first key's place)."""
    return list({id(c): c for c in cells}.values())


@dataclass(slots=True)
class Paragraph:
    ptext: PText
    span: Span
    kind = "paragraph"

    @property
    def text(self) -> str:
        return self.ptext.text


@dataclass(slots=True)
class Heading:
    """A numbered heading: ``一、总体情况``, ``（一）…``, ``1.…``."""

    ptext: PText
    span: Span
    level: int            # 1 for 一、, 2 for （一）, 3 for 1.
    number: int           # the numeral's value
    marker: PText         # the numbering itself ("一、")
    title: PText          # the words after the numbering
    kind = "heading"

    @property
    def text(self) -> str:
        return self.ptext.text


Block = Paragraph | Heading | Table


@dataclass
class Section:
    """A heading and everything up to the next heading of the same or a higher level."""

    heading: Heading | None
    level: int
    blocks: list[Block] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)

    @property
    def span(self) -> Span:
        spans = [b.span for b in self.walk_blocks()]
        if self.heading is not None:
            spans.append(self.heading.span)
        if not spans:
            return Span(0, 0)
        return Span(min(s.start for s in spans), max(s.end for s in spans))

    @property
    def title(self) -> str:
        return self.heading.title.text if self.heading else ""

    def walk_blocks(self) -> Iterator[Block]:
        yield from self.blocks
        for c in self.children:
            if c.heading is not None:
                yield c.heading
            yield from c.walk_blocks()

    def text(self) -> str:
        return "\n".join(b.text if not isinstance(b, Table) else b.text() for b in self.walk_blocks())


@dataclass(slots=True)
class MetaField:
    name: str       # canonical key: title, index_no, publisher, written_date, published_date, source
    value: str
    span: Span


@dataclass
class Metadata:
    fields: dict[str, MetaField] = field(default_factory=dict)

    def get(self, name: str) -> MetaField | None:
        return self.fields.get(name)

    def set(self, f: MetaField) -> None:
        self.fields.setdefault(f.name, f)


def _paragraphs(doc: "Document") -> list:
    return [b for b in doc.blocks if not isinstance(b, Table)]


@dataclass
class Document:
    source: Source
    kind: str                         # "html" or "text"
    metadata: Metadata
    title: MetaField | None
    blocks: list[Block]               # the report content, in order
    root: Section                     # sections built from the headings
    content_span: Span                # where the report content lies in the source
    problems: list[tuple[str, str, Span]] = field(default_factory=list)  # (code, message, span) from reading
    suppressions: list = field(default_factory=list)  # inline directives found by the reader

    @property
    def path(self) -> str | None:
        return self.source.path

    def derived(self, key, make: Callable[["Document"], T]) -> T:
        """``make(self)``, made once per block list (see :func:`_kept`): the paragraphs, texts joined for a
        search."""
        return _kept(self, self.blocks, key, lambda: make(self))

    def paragraphs(self) -> Iterator[Paragraph | Heading]:
        return iter(self.derived("paragraphs", _paragraphs))

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def sections(self) -> list[Section]:
        """Top-level sections (level-1 headings)."""
        return self.root.children

    def walk_sections(self) -> Iterator[Section]:
        stack = list(reversed(self.root.children))
        while stack:
            s = stack.pop()
            yield s
            stack.extend(reversed(s.children))

    def section_of(self, block: Block) -> Section | None:
        for s in self.root.children:
            if block is s.heading or any(b is block for b in s.walk_blocks()):
                return s
        return None
