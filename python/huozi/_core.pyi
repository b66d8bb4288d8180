"""Type stubs for the C++ extension huozi._core (see huozi/__init__.py for the documented API)."""

from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

__version__: str
DEFAULT_LIMITS: Dict[str, int]
DEFAULT_ARCHIVE_LIMITS: Dict[str, Any]

_Buffer = Union[str, bytes, bytearray, memoryview]

class Error(RuntimeError):
    code: str
    offset: int
    source: Optional[str]
    reason: str

class DecodeError(Error): ...
class BinaryInputError(DecodeError): ...
class LimitError(Error): ...
class InvalidArgumentError(Error): ...

def parse(
    data: _Buffer,
    *,
    date: Optional[str] = ...,
    source: Optional[str] = ...,
    encoding: Optional[str] = ...,
    errors: str = ...,
    sentences: bool = ...,
    fields: bool = ...,
    fullwidth_ascii: bool = ...,
    max_page_bytes: Optional[int] = ...,
    max_line_bytes: Optional[int] = ...,
    max_lines: Optional[int] = ...,
    max_fields_per_article: Optional[int] = ...,
    with_text: bool = ...,
    deinterleave: Union[bool, str] = ...,
) -> Dict[str, Any]: ...
def parse_many(
    items: Sequence[_Buffer],
    *,
    dates: Optional[Sequence[Optional[str]]] = ...,
    sources: Optional[Sequence[str]] = ...,
    threads: Optional[int] = ...,
    sentences: bool = ...,
    fields: bool = ...,
    raise_errors: bool = ...,
    max_page_bytes: Optional[int] = ...,
    max_line_bytes: Optional[int] = ...,
    max_lines: Optional[int] = ...,
    max_fields_per_article: Optional[int] = ...,
    fullwidth_ascii: bool = ...,
    deinterleave: Union[bool, str] = ...,
) -> List[Dict[str, Any]]: ...
def parse_many_arrow(
    items: Sequence[_Buffer],
    *,
    dates: Optional[Sequence[Optional[str]]] = ...,
    sources: Optional[Sequence[str]] = ...,
    threads: Optional[int] = ...,
    fields: bool = ...,
    raise_errors: bool = ...,
    max_page_bytes: Optional[int] = ...,
    max_line_bytes: Optional[int] = ...,
    max_lines: Optional[int] = ...,
    max_fields_per_article: Optional[int] = ...,
    fullwidth_ascii: bool = ...,
    deinterleave: Union[bool, str] = ...,
) -> Tuple[Tuple[Any, Any], Tuple[Any, Any], List[int]]: ...
def repair(
    data: _Buffer, *, fullwidth_ascii: bool = ..., deinterleave: Union[bool, str] = ...,
    max_page_bytes: Optional[int] = ..., max_line_bytes: Optional[int] = ..., max_lines: Optional[int] = ...,
) -> str: ...
def repair_many(
    items: Sequence[_Buffer], *, threads: Optional[int] = ..., fullwidth_ascii: bool = ...,
    deinterleave: Union[bool, str] = ...,
    max_page_bytes: Optional[int] = ..., max_line_bytes: Optional[int] = ..., max_lines: Optional[int] = ...,
) -> List[str]: ...
def repair_details(
    data: _Buffer, *, fullwidth_ascii: bool = ..., deinterleave: Union[bool, str] = ...,
    max_page_bytes: Optional[int] = ..., max_line_bytes: Optional[int] = ..., max_lines: Optional[int] = ...,
) -> Dict[str, Any]: ...
def decode(data: bytes, *, encoding: Optional[str] = ..., errors: str = ...) -> Tuple[str, str, int]: ...
def extract_fields(text: str, *, date: Optional[str] = ..., year: Optional[int] = ...) -> List[Dict[str, Any]]: ...

class Dictionary:
    def __init__(self, words: Iterable[str]) -> None: ...
    @staticmethod
    def from_file(path: str) -> Dictionary: ...
    def __len__(self) -> int: ...
    def __contains__(self, word: object) -> bool: ...
    @property
    def max_word_chars(self) -> int: ...
    @property
    def memory_bytes(self) -> int: ...

def tokenize(text: Union[str, bytes], dictionary: Optional[Dictionary] = ...) -> List[str]: ...
def tokenize_spans(text: Union[str, bytes], dictionary: Optional[Dictionary] = ...) -> List[Tuple[int, int]]: ...
def tokenize_many(
    texts: Iterable[Union[str, bytes]], dictionary: Optional[Dictionary] = ..., threads: Optional[int] = ...
) -> List[List[str]]: ...
def date_from_path(path: str) -> Optional[str]: ...
def meta_from_path(path: str) -> Dict[str, Optional[str]]: ...

def count_items(inputs: List[str], suffixes: Optional[List[str]] = ...,
                limits: Optional[Dict[str, Any]] = ...) -> int: ...

class ArchiveRun:
    @property
    def threads(self) -> int: ...
    def __init__(
        self,
        inputs: List[str],
        *,
        threads: Optional[int] = ...,
        errors: str = ...,
        batch_pages: int = ...,
        skip: int = ...,
        suffixes: Optional[List[str]] = ...,
        max_in_flight: int = ...,
        sentences: bool = ...,
        fields: bool = ...,
        limit: int = ...,
        limits: Optional[Dict[str, Any]] = ...,
        fullwidth_ascii: bool = ...,
        deinterleave: Union[bool, str] = ...,
    ) -> None: ...
    def next_arrow(self) -> Optional[Tuple[Tuple[Any, Any], Tuple[Any, Any], int, int]]: ...
    def next_batch(self) -> Optional[Tuple[Dict[str, List[Any]], List[Dict[str, Any]], int, int]]: ...
    def progress(self) -> Tuple[int, int, int]: ...
    def stats(self) -> Dict[str, float]: ...
    def close(self) -> None: ...
