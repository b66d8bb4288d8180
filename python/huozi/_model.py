"""Page and Article: attribute access over the output-contract dicts."""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, List, Optional

# Keys of the output contract (README, "Output contract"). Records carry extra
# keys (headings, credits, sentences) beyond these.
PAGE_KEYS = ("source", "date", "encoding", "articles", "debris")
ARTICLE_KEYS = (
    "source", "date", "index", "kicker", "title", "subtitle",
    "authors", "blocks", "fields", "start", "end",
)


class Article:
    """One article: ``kicker``, ``title``, ``subtitle``, ``authors``,
    ``blocks``, ``fields``, ``start``, ``end`` as attributes."""

    __slots__ = ("_d",)

    def __init__(self, data: Dict[str, Any]) -> None:
        self._d = data

    source: str = property(lambda self: self._d["source"])  # type: ignore[assignment]
    date: Optional[str] = property(lambda self: self._d["date"])  # type: ignore[assignment]
    index: int = property(lambda self: self._d["index"])  # type: ignore[assignment]
    kicker: Optional[str] = property(lambda self: self._d["kicker"])  # type: ignore[assignment]
    title: Optional[str] = property(lambda self: self._d["title"])  # type: ignore[assignment]
    subtitle: Optional[str] = property(lambda self: self._d["subtitle"])  # type: ignore[assignment]
    authors: List[Dict[str, str]] = property(lambda self: self._d["authors"])  # type: ignore[assignment]
    blocks: List[Dict[str, Any]] = property(lambda self: self._d["blocks"])  # type: ignore[assignment]
    fields: List[Dict[str, Any]] = property(lambda self: self._d["fields"])  # type: ignore[assignment]
    start: int = property(lambda self: self._d["start"])  # type: ignore[assignment]
    end: int = property(lambda self: self._d["end"])  # type: ignore[assignment]

    @property
    def paragraphs(self) -> List[str]:
        """Texts of the blocks of kind ``paragraph``."""
        return [b["text"] for b in self._d["blocks"] if b["kind"] == "paragraph"]

    @property
    def text(self) -> str:
        """The article body: its blocks' texts, one per line."""
        return "\n".join(b["text"] for b in self._d["blocks"])

    def to_dict(self, *, extras: bool = True) -> Dict[str, Any]:
        """The article record of the output contract (a deep copy). With
        ``extras=False`` only the contract's keys."""
        d = copy.deepcopy(self._d)
        if not extras:
            d = {k: d[k] for k in ARTICLE_KEYS}
            for b in d["blocks"]:
                b.pop("sentences", None)
        return d

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self._d, ensure_ascii=False, **kwargs)

    def __repr__(self) -> str:
        names = " ".join(a["name"] for a in self.authors)
        return f"<Article {self.index}: {self.title or '(untitled)'!s} [{names}] {len(self.blocks)} blocks>"


class Page:
    """A parsed page: ``articles`` (list of :class:`Article`), ``debris``,
    ``source``, ``date``, ``encoding``."""

    __slots__ = ("_d", "_articles")

    def __init__(self, data: Dict[str, Any]) -> None:
        self._d = data
        self._articles = [Article(a) for a in data["articles"]]

    source: str = property(lambda self: self._d["source"])  # type: ignore[assignment]
    date: Optional[str] = property(lambda self: self._d["date"])  # type: ignore[assignment]
    encoding: str = property(lambda self: self._d["encoding"])  # type: ignore[assignment]
    debris: List[Dict[str, Any]] = property(lambda self: self._d["debris"])  # type: ignore[assignment]

    @property
    def articles(self) -> List[Article]:
        return self._articles

    def to_dict(self, *, extras: bool = True) -> Dict[str, Any]:
        """The page object of the output contract (a deep copy)."""
        d = copy.deepcopy(self._d)
        if not extras:
            d = {k: d[k] for k in PAGE_KEYS}
            d["articles"] = [a.to_dict(extras=False) for a in self._articles]
        return d

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self._d, ensure_ascii=False, **kwargs)

    def __len__(self) -> int:
        return len(self._articles)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._articles)

    def __getitem__(self, i: int) -> Article:
        return self._articles[i]

    def __repr__(self) -> str:
        return f"<Page {self.source!r} {self.date or ''} {len(self._articles)} articles, {len(self.debris)} debris>"
