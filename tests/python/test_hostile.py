"""Hostile input: huozi returns a page or raises a documented huozi.Error
subclass, never crashes or hangs; nothing is lost; every offset is inside the
input and on a UTF-8 character boundary; repair keeps its units when run on
its own output. Property tests use hypothesis with a bounded number of
examples so that the suite stays fast."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import huozi
from conftest import SAMPLE, check_conservation

DOCUMENTED = (huozi.DecodeError, huozi.BinaryInputError, huozi.LimitError, huozi.InvalidArgumentError)
# derandomize: the same examples on every run, so that make test is stable
# (run with --hypothesis-seed=random to explore).
PROPS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# ---- helpers ---------------------------------------------------------------------


def spans(page: Dict[str, Any]) -> Iterator[Tuple[str, int, int]]:
    """Every (what, start, end) byte span of a page dict (with extras)."""
    for a in page["articles"]:
        yield "article", a["start"], a["end"]
        for h in a["headings"]:
            yield "heading:" + h["role"], h["start"], h["end"]
        for c in a["credits"]:
            yield "credit:" + c["kind"], c["start"], c["end"]
        for b in a["blocks"]:
            yield "block", b["start"], b["end"]
        for f in a["fields"]:
            yield "field:" + f["type"], f["start"], f["end"]
    for d in page["debris"]:
        yield "debris:" + d["reason"], d["start"], d["end"]


def on_boundary(raw: bytes, i: int) -> bool:
    return i == len(raw) or (0 <= i < len(raw) and (raw[i] & 0xC0) != 0x80)


def offset_problems(raw: bytes, page: Dict[str, Any]) -> List[str]:
    out = []
    for what, s, e in spans(page):
        if not (0 <= s <= e <= len(raw)):
            out.append(f"{what} [{s},{e}) outside {len(raw)} bytes")
        elif not (on_boundary(raw, s) and on_boundary(raw, e)):
            out.append(f"{what} [{s},{e}) not on a character boundary")
    for a in page["articles"]:
        for b in a["blocks"]:
            braw = b["text"].encode("utf-8")
            for s, e in b["sentences"]:
                if not (0 <= s <= e <= len(braw) and on_boundary(braw, s) and on_boundary(braw, e)):
                    out.append(f"sentence [{s},{e}) bad in a block of {len(braw)} bytes")
    return out


def parse_checked(data, **kw) -> Optional[Dict[str, Any]]:
    """Parses; a documented error is fine (returns None) and must carry code,
    offset and reason; any other exception fails the test. On success checks
    conservation and every offset against the decoded text."""
    try:
        page = huozi._core.parse(data, with_text=True, **kw)
    except huozi.Error as e:
        assert isinstance(e, DOCUMENTED), type(e)
        assert isinstance(e.code, str) and isinstance(e.offset, int) and isinstance(e.reason, str)
        n = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
        assert 0 <= e.offset <= max(n, kw.get("max_page_bytes") or 0, huozi.DEFAULT_LIMITS["max_page_bytes"])
        return None
    text = page.pop("text")
    raw = text.encode("utf-8")
    assert offset_problems(raw, page) == []
    assert check_conservation(text, page) == []
    return page


def repair_units(text: str) -> List[str]:
    return [u for u in huozi.repair(text).split("\n") if u]


def assert_repair_idempotent(text: str) -> None:
    # A form feed is a page break: repair never joins across it, but its text
    # output has no page breaks (units are separated by blank lines), so a
    # sentence cut by a form feed may be joined on a second run. Idempotence
    # is checked on the text without form feeds.
    text = text.replace("\f", "\n")
    once = huozi.repair(text)
    units = [u for u in once.split("\n") if u]
    again = repair_units(once)
    if again != units:
        # Known gap: a symbol line that is a faux-bold pair sequence only once
        # its justification spaces are gone (`········· ·`) is reduced on the
        # second run. Anything else is a failure.
        removals = huozi.repair_details(once)["removals"]
        assert removals and all(r["reason"] == "doubled_glyph" for r in removals), (units, again)
        assert " " in text or "\u3000" in text or "\t" in text, (units, again)


# ---- specific inputs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "data,offset",
    [
        (b"\xff", 0),
        (b"abc\x80", 3),
        (b"\xe4\xb8\xad\xe6\x96", 3),  # truncated 3-byte sequence at the end
        (b"\xe4\xb8\xad\xed\xa0\x80\xe6\x96\x87", 3),  # an encoded surrogate
        (b"\xe4\xb8\xad\xc0\xaf", 3),  # overlong '/'
        (b"\xe4\xb8\xad\xf4\x90\x80\x80", 3),  # past U+10FFFF
        (b"\xe4\xb8\xad\xe6\x96\x87\xe3\x80", 6),
    ],
)
def test_invalid_utf8_has_a_precise_offset(data, offset):
    with pytest.raises(huozi.DecodeError) as ei:
        huozi.parse(data, encoding="utf-8")
    assert ei.value.offset == offset
    assert ei.value.code == "invalid_utf8"
    # Detected (no encoding forced): still an error or a clean legacy decode, never a crash.
    parse_checked(data)
    # Replaced: one U+FFFD per bad byte, nothing else lost.
    page = parse_checked(data, encoding="utf-8", errors="replace")
    assert page is not None


def test_stray_high_bytes_are_not_taken_for_big5():
    # Big5 maps a lone 0x80 to the C1 control U+0080: binary bytes, not text.
    for data, offset in [(b"\x80", 0), (b"abc\x80def", 3), (b"\xe6\x96\x87\x80\x85", 3)]:
        with pytest.raises(huozi.DecodeError) as ei:
            huozi.parse(data)
        assert ei.value.offset == offset


def test_invalid_utf8_after_bom_offset_counts_the_bom():
    with pytest.raises(huozi.DecodeError) as ei:
        huozi.parse(b"\xef\xbb\xbf\xe4\xb8\xad\xff")
    assert ei.value.offset == 6


@pytest.mark.parametrize("text,offset", [("\ud800", 0), ("中\udfff文", 3), ("ab\ud83d", 2), ("文。\udc00", 6)])
def test_lone_surrogates_are_decode_errors_with_offsets(text, offset):
    for call in (huozi.parse, huozi.repair, huozi.repair_details, huozi.extract_fields):
        with pytest.raises(huozi.DecodeError) as ei:
            call(text)
        assert ei.value.offset == offset, call
        assert ei.value.code == "invalid_utf8"


def test_nul_bytes():
    with pytest.raises(huozi.BinaryInputError) as ei:
        huozi.parse(b"\xe4\xb8\xad\x00")
    assert ei.value.offset == 3
    # A str is already text: NUL is kept as a character, and nothing is lost.
    parse_checked("市公安局\x00要求。\n\x00\n")
    assert_repair_idempotent("市公安局\x00要求。\n\x00\n")


@pytest.mark.parametrize("c", [chr(i) for i in list(range(1, 32)) + [0x7F, 0x85, 0x2028, 0x2029, 0xFEFF, 0x200B]])
def test_control_characters(c):
    text = f"市公安局要求{c}深化思想认识。\n{c}\n坚持政治建警{c}\n2020年7月{c}23日{c}\n"
    parse_checked(text)
    parse_checked(text.encode("utf-8"))
    assert_repair_idempotent(text)


@pytest.mark.parametrize("text", ["", " ", "\n", "\r\n", "\r", "\f", "\t\t", "\u3000\u3000\n", " \n \n \n",
                                  "\ufeff", "\u200b\n\u00ad", "\n" * 1000, "\r" * 1000, "\f\n" * 100])
def test_empty_and_whitespace_only_pages(text):
    page = parse_checked(text)
    assert page is not None and page["articles"] == []
    parse_checked(text.encode("utf-8"))
    assert huozi.repair(text).strip() == ""


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4,  # an executable
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x78\x9c\x03\x00\x00\x00\x00\x01\nendstream",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)),
        bytes(range(256)) * 16,
        bytes(random.Random(1).getrandbits(8) for _ in range(1 << 16)),
        bytes(random.Random(2).choice(range(0x80, 0x100)) for _ in range(5000)),  # high bytes, no NUL
    ],
)
def test_binary_files(data):
    parse_checked(data)
    parse_checked(data, errors="replace")
    for enc in ("gb18030", "big5", "utf-16le", "utf-16be"):
        parse_checked(data, encoding=enc, errors="replace")


def test_unknown_encoding_is_a_decode_error():
    with pytest.raises(huozi.DecodeError) as ei:
        huozi.parse(b"abc", encoding="no-such-encoding")
    assert ei.value.code == "unknown_encoding"


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r", "\f", "\n\r", "\r\r\n", "\u2028", "\u2029", "\x85", "\x0b",
                                 "\x1c", "\x1e"])
def test_every_line_ending_style(eol, sample_text):
    lines = sample_text.splitlines()[:60]
    text = eol.join(lines) + eol
    page = parse_checked(text)
    assert page is not None and page["articles"]
    parse_checked(text.encode("utf-8"))
    assert_repair_idempotent(text)


def test_mixed_line_endings(sample_text):
    eols = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\f"]
    rng = random.Random(3)
    text = "".join(line + rng.choice(eols) for line in sample_text.splitlines())
    parse_checked(text)
    assert_repair_idempotent(text)


# ---- big and repetitive inputs ------------------------------------------------------------


def test_a_100_mb_single_line_is_a_limit_error_not_a_crash():
    line = ("市公安局要求深化思想认识" * 3_000_000)[:33_400_000]  # ~100 MB of UTF-8, one line
    raw = line.encode("utf-8")
    assert len(raw) > 100_000_000
    t = time.perf_counter()
    with pytest.raises(huozi.LimitError) as ei:
        huozi.parse(raw)
    assert "max_page_bytes" in str(ei.value)
    with pytest.raises(huozi.LimitError) as ei:
        huozi.parse(raw[: 32 << 20])
    assert "max_line_bytes" in str(ei.value) and ei.value.offset == 0
    assert time.perf_counter() - t < 30


def test_a_long_single_line_parses_when_allowed():
    # The 100 MB line, scaled to 4 MB: parses in full with the line limit lifted.
    line = "市公安局要求，深化思想认识，于2020年7月23日拨打110报警。" * 50_000
    page = parse_checked(line, max_line_bytes=0, max_fields_per_article=0)
    assert page is not None
    assert sum(len(a["blocks"]) for a in page["articles"]) >= 1


def test_a_million_blank_lines():
    for eol in ("\n", "\r\n", "\r"):
        head = "市公安局要求深化思想认识。"
        text = head + eol * 1_000_000 + "坚持政治建警。"
        # 1,000,001 lines: over the default max_lines, at the last line's start.
        with pytest.raises(huozi.LimitError) as ei:
            huozi.parse(text)
        assert "max_lines" in ei.value.reason and ei.value.offset == len(head.encode("utf-8")) + len(eol) * 1_000_000
        page = parse_checked(text, max_lines=0)
        assert page is not None
        assert "".join(b["text"] for a in page["articles"] for b in a["blocks"]) == "市公安局要求深化思想认识。坚持政治建警。"


def test_a_million_byline_lines():
    text = "通讯员\n" * 1_000_000
    page = parse_checked(text, max_fields_per_article=0)
    assert page is not None
    t = "通讯员 侯宪锋 张巍\n" * 200_000
    assert parse_checked(t) is not None


def test_repeated_near_matches_for_every_extractor():
    for pattern in ["2020年", "7月23日", "2020-", "1", "123,", "1.", "一二三四五六七八九十百千万亿", "人民币", "￥", "百分之",
                    "5%", "10:", "上午", "拨打", "(010)", "@", "a@", "http://", "www.", "今年昨天近日", "公安局", "省市县区",
                    "11010519491231002X"]:
        text = pattern * (200_000 // len(pattern.encode("utf-8")))
        page = parse_checked(text, max_fields_per_article=0)
        assert page is not None, pattern
        huozi.extract_fields(text)



# Page-level shapes (every line one kind, columns read row by row, stacked
# heads, marks alone): the rules that look across lines see only their own
# kind of line, many times over. Nothing may be lost, with and without
# deinterleaving.
_HAN = "深化思想认识坚持政治建警全面从严治警推动队伍建设市公安局要求"
_SURNAMES, _GIVEN = "张王李赵刘陈杨黄周吴", "伟芳娜敏静丽强磊军洋"


def _hostile_page(shape: str, rng: random.Random) -> str:
    def han(k: int) -> str:
        return "".join(rng.choice(_HAN) for _ in range(k))

    def name() -> str:
        return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))

    def sentence() -> str:
        return han(rng.randint(20, 40)) + "。"

    n = 300
    if shape == "headings":
        lines = [han(rng.randint(4, 12)) for _ in range(n)]
    elif shape == "bylines":
        lines = [f"通讯员 {name()} {name()}" for _ in range(n)]
    elif shape == "heading_body":
        lines = [x for _ in range(n // 2) for x in (han(rng.randint(4, 12)), sentence())]
    elif shape == "one_char_lines":
        lines = [han(1) for _ in range(n)]
    elif shape == "blank_runs":
        lines = [x for _ in range(n // 3) for x in (sentence(), "", "　")]
    elif shape.startswith("rows"):
        k = int(shape[4:])  # columns read row by row; heads now and then in each column
        columns = []
        for _ in range(k):
            col: List[str] = []
            while len(col) < n // k:
                if rng.random() < 0.1:
                    col.append(han(8))
                text = "".join(sentence() for _ in range(3))
                col += [text[i:i + 12] for i in range(0, len(text), 12)]
            columns.append(col)
        lines = [col[i] for i in range(max(map(len, columns))) for col in columns if i < len(col)]
    elif shape == "stacked_heads":
        lines = [x for _ in range(n // 10) for x in [han(6) for _ in range(rng.randint(3, 8))] + [sentence(), sentence()]]
    elif shape == "jumps":
        lines = [f"（下转第{rng.randint(2, 9)}版）" if rng.random() < 0.5 else "（完）" for _ in range(n)]
    elif shape == "letter_spaced":
        lines = [" ".join(han(10)) for _ in range(n)]
    elif shape == "doubled":
        lines = ["".join(c + c for c in han(rng.randint(2, 10))) for _ in range(n)]
    else:  # mixed: every shape above, line by line
        lines = [rng.choice([han(rng.randint(4, 12)), sentence(), "——" + han(8), f"本报记者 {name()}", "（上接第1版）",
                             "（完）", "（图为" + han(8) + " 记者 " + name() + " 摄）", " ".join(han(5)),
                             "".join(c + c for c in han(4)), "", sentence()[:rng.randint(3, 30)],
                             f"本报讯（记者 {name()}）" + sentence()]) for _ in range(n)]
    return "\n".join(lines)


@pytest.mark.parametrize("shape", ["headings", "bylines", "heading_body", "one_char_lines", "blank_runs", "rows2", "rows3",
                                   "rows5", "rows8", "stacked_heads", "jumps", "letter_spaced", "doubled", "mixed"])
def test_page_level_shapes_lose_nothing(shape):
    for seed in range(3):
        text = _hostile_page(shape, random.Random(seed))
        for deinterleave in ("auto", True, False):
            page = parse_checked(text, deinterleave=deinterleave)
            assert page is not None, (shape, seed, deinterleave)


# ---- limits -------------------------------------------------------------------------------


def test_default_limits_are_documented():
    assert huozi.DEFAULT_LIMITS == {"max_page_bytes": 64 << 20, "max_line_bytes": 1 << 20,
                                    "max_lines": 1_000_000, "max_fields_per_article": 10000}


def test_max_page_bytes():
    text = "市公安局要求深化思想认识。\n" * 100
    with pytest.raises(huozi.LimitError) as ei:
        huozi.parse(text, max_page_bytes=1000)
    assert ei.value.code == "limit_exceeded" and "max_page_bytes" in ei.value.reason
    with pytest.raises(huozi.LimitError):
        huozi.parse(text.encode("utf-8"), max_page_bytes=1000)
    assert huozi.parse(text, max_page_bytes=len(text.encode("utf-8")))
    assert huozi.parse(text, max_page_bytes=0)  # no limit


def test_max_line_bytes_names_the_line():
    short = "市公安局要求深化思想认识。"
    text = short + "\n" + "长" * 100 + "\r\n" + short
    with pytest.raises(huozi.LimitError) as ei:
        huozi.parse(text, max_line_bytes=299)
    assert "max_line_bytes" in ei.value.reason
    assert ei.value.offset == len((short + "\n").encode("utf-8"))
    assert huozi.parse(text, max_line_bytes=300)
    # \r and \f end lines too.
    assert huozi.parse((short + "\r") * 50, max_line_bytes=100)
    assert huozi.parse((short + "\f") * 50, max_line_bytes=100)
    with pytest.raises(huozi.LimitError):
        huozi.parse((short * 50).encode("utf-8"), max_line_bytes=100)


def test_max_lines_names_the_first_line_over():
    short = "市公安局要求深化思想认识。"
    # 30 lines: the last ends with its terminator, which starts no 31st line.
    assert huozi.parse("\n" * 30, max_lines=30) is not None
    assert huozi.parse(short + "\n" * 29 + short, max_lines=30)
    # The error is at the first byte of the 31st line.
    for text, offset in (("\n" * 31, 30), (short + "\n" * 30 + short, len((short + "\n" * 30).encode("utf-8")))):
        with pytest.raises(huozi.LimitError) as ei:
            huozi.parse(text, max_lines=30)
        assert ei.value.code == "limit_exceeded"
        assert "max_lines" in ei.value.reason and "30" in ei.value.reason
        assert ei.value.offset == offset
    # \r\n is one terminator; \r and \f end lines too (as line repair reads them).
    assert huozi.parse((short + "\r\n") * 30, max_lines=30)
    for end in ("\r", "\f", "\r\n"):
        text = (short + end) * 30 + short
        with pytest.raises(huozi.LimitError) as ei:
            huozi.parse(text.encode("utf-8"), max_lines=30)
        assert ei.value.offset == len(((short + end) * 30).encode("utf-8"))
    assert huozi.parse("\n" * 5000, max_lines=0) is not None  # no limit


def test_repair_calls_take_the_page_limits():
    # huozi.repair, repair_many and repair_details are guarded as parse is:
    # a page of more lines than max_lines never reaches repair.
    short = "市公安局要求深化思想认识。"
    for call in (huozi.repair, huozi.repair_details, lambda t, **kw: huozi.repair_many([short, t], **kw)):
        assert call("\n" * 30, max_lines=30) is not None
        with pytest.raises(huozi.LimitError) as ei:
            call("\n" * 31, max_lines=30)
        assert "max_lines" in ei.value.reason and ei.value.offset == 30
        with pytest.raises(huozi.LimitError) as ei:
            call(short + "\n" + short * 3, max_line_bytes=100)
        assert "max_line_bytes" in ei.value.reason
        assert ei.value.offset == len((short + "\n").encode("utf-8"))
        with pytest.raises(huozi.LimitError):
            call(short, max_page_bytes=10)
        assert call("\n" * 5000, max_lines=0) is not None  # no limit
        with pytest.raises(huozi.InvalidArgumentError):
            call(short, max_lines=-1)
    # The defaults apply: a page of a million and one blank lines is refused.
    with pytest.raises(huozi.LimitError):
        huozi.repair("\n" * 1_000_001)


def test_cli_repair_takes_the_page_limits(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text("\n" * 31 + "市公安局要求深化思想认识。\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "huozi", "repair", str(p), "--max-lines", "30"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "max_lines" in r.stderr
    r = subprocess.run([sys.executable, "-m", "huozi", "repair", str(p), "--max-lines", "40"],
                       capture_output=True, text=True)
    assert r.returncode == 0 and "市公安局要求深化思想认识。" in r.stdout


def test_max_fields_per_article():
    text = "2020年7月23日，" * 50 + "。"
    assert len(huozi.parse(text).articles[0].fields) == 50
    with pytest.raises(huozi.LimitError) as ei:
        huozi.parse(text, max_fields_per_article=49)
    assert "max_fields_per_article" in ei.value.reason
    assert len(huozi.parse(text, max_fields_per_article=50).articles[0].fields) == 50
    assert huozi.parse(text, fields=False, max_fields_per_article=1)


def test_negative_limits_are_argument_errors():
    for kw in ("max_page_bytes", "max_line_bytes", "max_lines", "max_fields_per_article"):
        with pytest.raises(huozi.InvalidArgumentError):
            huozi.parse("文。", **{kw: -1})


def test_limits_in_parse_many():
    out = huozi.parse_many(["短文。", "长" * 100], max_line_bytes=100)
    assert isinstance(out[0], huozi.Page)
    assert out[1]["error"]["kind"] == "limit_exceeded" and "max_line_bytes" in out[1]["error"]["message"]
    out = huozi.parse_many(["短文。", "短文。\n" * 11], max_lines=10)
    assert isinstance(out[0], huozi.Page)
    assert out[1]["error"]["kind"] == "limit_exceeded" and "max_lines" in out[1]["error"]["message"]
    assert out[1]["error"]["offset"] == len("短文。\n".encode("utf-8")) * 10
    errors_out: list = []
    huozi.parse_many(["短文。", "短文。\n" * 11], max_lines=10, output="arrow", errors_out=errors_out)
    assert [e["kind"] for e in errors_out] == ["limit_exceeded"] and "max_lines" in errors_out[0]["message"]


def test_parse_many_turns_each_bad_page_into_an_error_row():
    items = ["短文。", "中\ud800文", b"\xe4\xb8\xad\x00", b"\xe4\xb8\xad\x80\x80", "长" * 100, "又一篇。"]
    out = huozi.parse_many(items, sources=list("abcdef"), max_line_bytes=100)
    kinds = [o["error"]["kind"] if isinstance(o, dict) else "ok" for o in out]
    assert kinds == ["ok", "invalid_utf8", "binary_input", "invalid_utf8", "limit_exceeded", "ok"]
    assert out[1]["error"]["offset"] == 3 and out[2]["error"]["offset"] == 3
    with pytest.raises(huozi.DecodeError):
        huozi.parse_many(items, raise_errors=True)


def test_limits_on_the_command_line(tmp_path, capsys):
    from huozi import cli

    p = tmp_path / "page.txt"
    p.write_text("长" * 100 + "\n", encoding="utf-8")
    assert cli.main(["parse", str(p), "--max-line-bytes", "100"]) == 2
    err = capsys.readouterr().err
    assert "max_line_bytes" in err and "limit_exceeded" in err
    assert cli.main(["parse", str(p), "--max-page-bytes", "10"]) == 2
    assert "max_page_bytes" in capsys.readouterr().err
    assert cli.main(["parse", str(p), "--max-line-bytes", "0", "--max-fields-per-article", "5"]) == 0
    capsys.readouterr()
    p.write_text("短文。\n" * 11, encoding="utf-8")
    assert cli.main(["parse", str(p), "--max-lines", "10"]) == 2
    err = capsys.readouterr().err
    assert "max_lines" in err and "limit_exceeded" in err
    assert cli.main(["parse", str(p), "--max-lines", "11"]) == 0
    assert cli.main(["parse", str(p), "--max-lines", "0"]) == 0


# ---- threads ---------------------------------------------------------------------------------


def test_parse_from_many_threads_matches_serial(sample_text):
    rng = random.Random(5)
    pages = [sample_text, sample_text.encode("gb18030"), b"\xff\xfe" + sample_text.encode("utf-16-le")]
    lines = sample_text.splitlines()
    for _ in range(20):
        rng.shuffle(lines)
        pages.append("\n".join(lines[: rng.randint(1, len(lines))]))
    pages += [b"abc\x00", "长" * 100, "", "2020年" * 1000]
    kw = dict(date="2020-07-24", max_line_bytes=200)

    def one(data):
        try:
            return huozi.parse(data, **kw).to_dict()
        except huozi.Error as e:
            return ("error", type(e).__name__, e.offset, e.reason)

    serial = [one(p) for p in pages]
    work = pages * 8
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(one, work))
    assert threaded == serial * 8
    many = huozi.parse_many(work, dates=["2020-07-24"] * len(work), threads=4, max_line_bytes=200)
    for got, want in zip(many, serial * 8):
        if isinstance(got, huozi.Page):
            assert got.to_dict() == want
        else:
            assert want[0] == "error" and got["error"]["offset"] == want[2]


# ---- property tests ----------------------------------------------------------------------------

HAN = "市公安局要求深化思想认识坚持政治建警全面从严治警通讯员记者本报讯年月日时分元万亿百千零一二三四五六七八九十省县区委"
PUNCT = "，。、；：！？…—“”‘’「」『』（）《》〈〉【】·％‰￥＄①②③■●★"
PIECES = ["通讯员", "记者", "本报记者", "实习生", "摄影", "本报讯", "（记者 周九）", "新华社北京12月31日电", "2020年",
          "7月23日", "12:30", "上午", "92.7%", "百分之五", "3.5万元", "人民币", "￥", "$", "110", "拨打", "13812345678",
          "(010)8888-1234", "a@b.cn", "http://x.cn/a?b=1", "www.", "11010519491231002X", "（下转第2版）",
          "（上接第1版）", "（图①）", "图为", "——", "责任编辑：", "坚坚持持", "①①", "-", " ", "\u3000", "\t"]
EOLS = ["\n", "\r\n", "\r", "\n\n", "\f", "\u2028", "\x85", "\x0b"]

soup = st.lists(
    st.one_of(
        st.text(alphabet=HAN + PUNCT, min_size=1, max_size=40),
        st.sampled_from(PIECES),
        st.sampled_from(EOLS),
        st.text(min_size=1, max_size=3),  # anything: controls, NUL, astral, combining…
    ),
    max_size=80,
).map("".join)


@PROPS
@given(soup)
def test_property_soup_str(text):
    clean = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace") if any(
        0xD800 <= ord(c) <= 0xDFFF for c in text) else text
    parse_checked(clean)
    parse_checked(clean, date="2020-07-24")


def lines_have_letters(text: str) -> bool:
    lines = text.replace("\r", "\n").replace("\f", "\n").split("\n")
    return all(any(c.isalpha() for c in line) for line in lines if line.strip())


@PROPS
@given(soup.filter(lines_have_letters))
@example("··…··一·\n··一\n····一")  # a symbol line set aside as an intrusion, joined back on a second run
def test_property_repair_idempotent(text):
    # Checked on pages whose lines all hold a letter: on lines of symbols only
    # (`···`, `·····（`) the break decisions may differ on the second run, a
    # known gap of the heuristics (see README, "Bad input").
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return
    assert_repair_idempotent(text)


@PROPS
@given(st.text(max_size=200))
def test_property_any_str(text):
    # Arbitrary str, lone surrogates included: a page or a DecodeError.
    parse_checked(text)
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        if lines_have_letters(text):
            assert_repair_idempotent(text)
        huozi.extract_fields(text)


@PROPS
@given(st.binary(max_size=400))
def test_property_any_bytes(data):
    parse_checked(data)
    parse_checked(data, errors="replace")


@PROPS
@given(soup, st.binary(max_size=8), st.integers(min_value=0, max_value=10_000))
def test_property_soup_with_bad_bytes(text, junk, where):
    raw = text.encode("utf-8")
    k = where % (len(raw) + 1)
    data = raw[:k] + junk + raw[k:]
    parse_checked(data)
    parse_checked(data, encoding="utf-8", errors="replace")
    try:
        huozi.parse(data, encoding="utf-8")
    except huozi.BinaryInputError:  # a NUL byte
        assert b"\x00" in data
    except huozi.DecodeError as e:
        # The offset is the first byte that is not UTF-8.
        try:
            data[: e.offset].decode("utf-8")
        except UnicodeDecodeError:
            pytest.fail(f"bytes before offset {e.offset} are not valid UTF-8")
        with pytest.raises(UnicodeDecodeError):
            data[e.offset:e.offset + 4].decode("utf-8")


@PROPS
@given(soup)
def test_property_extract_fields_offsets(text):
    raw = text.encode("utf-8")
    for f in huozi.extract_fields(text):
        assert 0 <= f["start"] < f["end"] <= len(raw)
        assert raw[f["start"]:f["end"]].decode("utf-8") == f["text"]


def test_sample_page_with_every_kind_of_damage(sample_text):
    rng = random.Random(11)
    raw = sample_text.encode("utf-8")
    for _ in range(200):
        b = bytearray(raw)
        for _ in range(rng.randint(1, 20)):
            op = rng.random()
            i = rng.randrange(len(b))
            if op < 0.4:
                b[i] = rng.randrange(256)
            elif op < 0.7:
                del b[i:i + rng.randint(1, 50)]
            else:
                b[i:i] = rng.choice([b"\n", b"\r", b"\f", b"\xe3\x80\x82", b"\x00", b"\xff", b" " * 40])
        parse_checked(bytes(b))
        parse_checked(bytes(b), errors="replace")


def test_sample_file_exists():
    assert SAMPLE.exists()
