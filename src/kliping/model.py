"""The records that flow through Kliping.

One record type, `Article`, flows through every stage: a source makes it from a `RawPage`, cleaning fills its
text and metadata, later stages add entities, dates, quotes and corpus links. Everything is a plain dataclass
so a record pickles to a worker process (or a Ray worker) and serialises to `report.json` unchanged.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import numpy as np

PageKind = Literal["text", "html"]
# Article fields that are the pipeline's working data, not in report.json (nor in exports).
INTERNAL_FIELDS = ("raw", "hints", "template_lines", "kind", "vector", "vector_model")


@dataclass
class RawPage:
    """One input page as a source read it, before any cleaning.

    `content` is decoded text (sources decode bytes; see `sources/decode.py`). Fields given by a structured input
    (a JSONL/CSV record, an HTML page's URL) are kept as hints; cleaning prefers them over guesses.
    """

    id: str
    source: str
    content: str
    kind: PageKind = "text"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    clean: bool = False
    encoding: str | None = None
    tz: str | None = None  # the zone of a time given without one (`--tz`)
    date_format: str | None = None  # how `published` is written, when the user said (`--date-format`)

    def hints(self) -> dict[str, Any]:
        """The values the input gave (as the store keeps them and cleaning reads them), empty ones left out."""
        return {k: v for k, v in (("title", self.title), ("published", self.published), ("outlet", self.outlet),
                                  ("clean", self.clean or None), ("tz", self.tz),
                                  ("date_format", self.date_format)) if v}


@dataclass
class Removed:
    """A line cleaning removed, with why (so a user can audit and a test can check)."""

    line: str
    reason: str


@dataclass
class Byline:
    name: str
    role: str = "author"  # author | editor | reporter


@dataclass
class Entity:
    """A name in the text (offsets into `Article.text`) and the entity it refers to."""

    text: str
    start: int
    end: int
    type: str  # PER | ORG | LOC (| EVT | MISC)
    canonical: str  # the entity's one name across spellings and languages ("Korea Utara" for Korut, DPRK)
    role: str | None = None  # a title stripped from a person's name ("Presiden Rusia")
    source: str = "model"  # model | rule | gazetteer | fallback (capitalisation, for languages without a model)
    # | document (a fallback name first in its sentence, which the text capitalises inside a sentence elsewhere)
    # The administrative kind a place's name was written with and its canonical name drops ("Kabupaten Bogor" ->
    # "Bogor", kind "kabupaten"): kota | kabupaten | provinsi | kecamatan | kelurahan | desa. None when not written
    # (and in articles stored before the field existed).
    kind: str | None = None


@dataclass
class DateMention:
    """A temporal expression, normalised against the article's publication date."""

    text: str
    start: int
    end: int
    value: str  # ISO date or datetime
    weekday_mismatch: bool = False  # "Selasa (13/9/2023)": 13 September 2023 was a Wednesday


@dataclass
class Quote:
    """What someone said: direct (in quote marks), partial (a quoted fragment inside the reporter's sentence) or
    indirect (reported speech), with the cue that introduces it and the speaker it resolves to."""

    text: str
    start: int
    end: int
    kind: str  # direct | partial | indirect
    cue: str | None
    speaker: str | None  # canonical name, or None when the text does not say


@dataclass
class Flag:
    """A slip inside one article, with the evidence (offsets into `Article.text`) and one sentence a reader
    understands: a weekday that contradicts its date, a place put in the wrong country."""

    kind: str  # weekday | place | caption
    text: str
    start: int
    end: int
    explanation: str


@dataclass
class CopyLink:
    """Why an article is a syndicated copy of another: how much of its text the other holds, and the source it
    credits (a wire such as Antara, or the outlet it copied), when it credits one."""

    id: str
    overlap: float  # share of this article's shingles found in the other (0..1)
    credited: str | None = None


@dataclass
class Article:
    """An article: the one record every stage reads and extends."""

    id: str
    source: str
    raw: str = ""
    kind: PageKind = "text"
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    section: str | None = None
    dateline: str | None = None
    description: str | None = None
    language: str | None = None
    text: str = ""
    paragraphs: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)
    partial: bool = False
    # Corpus links (set by the corpus stages, `corpus/`): exact or near duplicate of an earlier article, syndicated
    # copy of one (with the evidence: text overlap, the source it credits), and the event it reports.
    duplicate_of: str | None = None
    copy_of: CopyLink | None = None
    event: str | None = None
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    hints: dict[str, Any] = field(default_factory=dict)  # input-given values (title, published, outlet, clean)
    template_lines: list[str] = field(default_factory=list)  # this outlet's learned template lines found here
    warnings: list[str] = field(default_factory=list)
    # The sentence vector of its title + lead (float32, unit length; the per-article "vectors" stage,
    # `enrich/vectors.py`) and the model that made it: kept in the store beside the article, never in report.json.
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)
    vector_model: str | None = field(default=None, compare=False)

    @classmethod
    def from_page(cls, page: RawPage) -> Article:
        return cls(id=page.id, source=page.source, raw=page.content, kind=page.kind, url=page.url,
                   hints=page.hints())

    def to_report(self) -> dict[str, Any]:
        """The article as `report.json` shows it (see `schema/report.schema.json`)."""
        skip = {"vector", *INTERNAL_FIELDS}
        return {name: _plain(getattr(self, name)) for name in _field_names(type(self)) if name not in skip}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` for the record types, without its deep copies (a third of the cost of writing the store
    and the report): dataclasses become dicts, lists and tuples lists; strings, numbers and None are immutable."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    return copy.deepcopy(value)


def content_id(text: str) -> str:
    """A stable id for a page that has none: the hash of its whitespace-normalised content.

    Normalising whitespace makes a re-saved copy of the same page (CRLF line ends, trailing spaces) the same page,
    so re-ingesting it adds nothing.
    """
    norm = " ".join(text.split())  # = re.sub(r"\s+", " ", text).strip(), the ids unchanged, 3x faster on a page
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]
