"""The huozi command line: subcommands, formats, exit codes, error lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import huozi
from conftest import DATA, SAMPLE

HUOZI = [sys.executable, "-m", "huozi"]


def run(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*HUOZI, *args], input=input, capture_output=True, timeout=60)


def test_version_and_help():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.decode().strip() == f"huozi {huozi.__version__}"
    for sub in ([], ["parse"], ["repair"], ["demo"]):
        r = run(*sub, "--help")
        assert r.returncode == 0 and b"usage:" in r.stdout


def test_console_script_is_installed():
    exe = Path(sys.executable).parent / "huozi"
    assert exe.exists()
    r = subprocess.run([str(exe), "--version"], capture_output=True)
    assert r.returncode == 0


def test_parse_jsonl_prints_one_valid_record_per_article():
    r = run("parse", "--format", "jsonl", str(SAMPLE))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.decode("utf-8").splitlines()
    assert len(lines) == 9
    records = [json.loads(l) for l in lines]
    assert [x["index"] for x in records] == list(range(9))
    assert records[0]["title"] == "坚持政治建警 全面从严治警"
    for x in records:
        assert set(["source", "date", "index", "kicker", "title", "subtitle", "authors", "blocks", "fields",
                    "start", "end"]) <= set(x)
        assert "sentences" not in x["blocks"][0]


def test_parse_json_is_one_page_per_file_and_date_option():
    r = run("parse", "--format", "json", "--date", "2020-07-24", str(SAMPLE), str(SAMPLE))
    assert r.returncode == 0
    text = r.stdout.decode("utf-8")
    dec = json.JSONDecoder()
    pages, i = [], 0
    while i < len(text):
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        obj, i = dec.raw_decode(text, i)
        pages.append(obj)
    assert len(pages) == 2
    assert pages[0]["date"] == "2020-07-24" and len(pages[0]["articles"]) == 9


def test_parse_text_and_sentences():
    r = run("parse", "--format", "text", "--sentences", str(SAMPLE))
    assert r.returncode == 0
    out = r.stdout.decode("utf-8")
    assert "## [0] 坚持政治建警 全面从严治警" in out
    assert "  · 7月23日，市公安局召开党委会" in out


def test_parse_reads_stdin():
    r = run("parse", "-", input=SAMPLE.read_bytes())
    assert r.returncode == 0
    first = json.loads(r.stdout.decode("utf-8").splitlines()[0])
    assert first["source"] == "<stdin>"


def test_date_from_file_name(tmp_path):
    p = tmp_path / "jnrb-20200724_A03.txt"
    p.write_bytes(SAMPLE.read_bytes())
    r = run("parse", str(p))
    assert json.loads(r.stdout.decode("utf-8").splitlines()[0])["date"] == "2020-07-24"


def _one_error_line(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 2
    err = r.stderr.decode("utf-8")
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("huozi: error: ")
    return lines[0]


def test_missing_file_is_one_line_exit_2():
    line = _one_error_line(run("parse", "/nonexistent/page.txt"))
    assert "/nonexistent/page.txt" in line and "No such file" in line


def test_binary_file_is_one_line_exit_2(tmp_path):
    p = tmp_path / "img.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    line = _one_error_line(run("parse", str(p)))
    assert "img.png" in line and "binary" in line and "byte" in line


def test_undecodable_file_is_one_line_exit_2(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("中文".encode() + b"\xff\xff")
    line = _one_error_line(run("parse", "--encoding", "utf-8", str(p)))
    assert "byte 6" in line


def test_bad_date_and_directory_are_one_line_exit_2(tmp_path):
    _one_error_line(run("parse", "--date", "2020-7-4", str(SAMPLE)))
    _one_error_line(run("parse", "--date", "2020-02-30", str(SAMPLE)))
    _one_error_line(run("parse", str(tmp_path)))


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    r = run("parse", "/nonexistent.txt", str(SAMPLE))
    assert r.returncode == 2
    assert len(r.stdout.decode("utf-8").splitlines()) == 9


def test_repair_and_explain():
    r = run("repair", str(SAMPLE))
    assert r.returncode == 0
    assert r.stdout.decode("utf-8") == (DATA / "sample" / "jining-police-page.repaired.txt").read_text("utf-8")
    r = run("repair", "--explain", str(SAMPLE))
    out = r.stdout.decode("utf-8")
    assert r.returncode == 0 and "wrap_across_blank" in out and "short_line_before" in out


def test_demo_prints_the_articles():
    r = run("demo")
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8")
    assert "9 articles" in out and "扎实推进路长制 共建美丽宜居城市" in out and '"title": "坚持政治建警 全面从严治警"' in out


def test_no_command_prints_help_and_exits_2():
    r = run()
    assert r.returncode == 2 and b"usage:" in r.stdout


def test_parse_writes_records_without_copying_or_changing_the_page(monkeypatch, capsys):
    # The records are written from the page's own dicts (a deep copy of a big
    # page doubled its memory): the same records as to_dict() gives, with or
    # without sentences, and the page keeps its sentences afterwards.
    import copy

    from huozi import cli

    page = huozi.parse(SAMPLE.read_bytes(), source="p.txt")
    want_articles = [a.to_dict() for a in page.articles]
    want_page = page.to_dict()

    def as_json(d):  # (tuples read back as lists)
        return json.loads(json.dumps(d, ensure_ascii=False))

    def no_deepcopy(*args, **kwargs):
        raise AssertionError("the command line deep-copies the page")

    monkeypatch.setattr(copy, "deepcopy", no_deepcopy)
    for sentences in (False, True):
        strip = (lambda b: b) if sentences else (lambda b: {k: v for k, v in b.items() if k != "sentences"})
        cli._emit_page(page, "jsonl", sentences)
        got = [json.loads(l) for l in capsys.readouterr().out.splitlines()]
        assert got == [as_json({**a, "blocks": [strip(b) for b in a["blocks"]]}) for a in want_articles]
        cli._emit_page(page, "json", sentences)
        got_page = json.loads(capsys.readouterr().out)
        assert got_page == as_json({**want_page, "articles": [{**a, "blocks": [strip(b) for b in a["blocks"]]}
                                                              for a in want_page["articles"]]})
    monkeypatch.undo()
    assert page.to_dict() == want_page and all("sentences" in b for a in page.articles for b in a.blocks)
