"""Type stubs for the C++ extension huozi._core (see huozi/__init__.py for the documented API)."""

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

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
    max_fields_per_article: Optional[int] = ...,
    with_text: bool = ...,
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
    max_fields_per_article: Optional[int] = ...,
) -> List[Dict[str, Any]]: ...
def repair(data: _Buffer, *, fullwidth_ascii: bool = ...) -> str: ...
def repair_details(data: _Buffer, *, fullwidth_ascii: bool = ...) -> Dict[str, Any]: ...
def decode(data: bytes, *, encoding: Optional[str] = ..., errors: str = ...) -> Tuple[str, str, int]: ...
def date_from_path(path: str) -> Optional[str]: ...
def meta_from_path(path: str) -> Dict[str, Optional[str]]: ...

def count_items(inputs: List[str], suffixes: Optional[List[str]] = ...,
                limits: Optional[Dict[str, Any]] = ...) -> int: ...

class ArchiveRun:
    threads: int
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
    ) -> None: ...
    def next_arrow(self) -> Optional[Tuple[Tuple[Any, Any], Tuple[Any, Any], int, int]]: ...
    def next_batch(self) -> Optional[Tuple[Dict[str, List[Any]], List[Dict[str, Any]], int, int]]: ...
    def progress(self) -> Tuple[int, int, int]: ...
    def close(self) -> None: ...
