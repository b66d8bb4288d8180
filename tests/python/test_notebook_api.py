"""The notebook-facing API: HTML views of pages and articles, the repair
explanation, pages as Arrow / pandas / polars tables, parse_many's table
outputs and the archive progress bar in a notebook."""

from __future__ import annotations

import datetime
import html
import re
import sys
import types
from typing import Any, List

import pyarrow as pa
import pytest

import huozi
from huozi import _html, archive

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def page() -> huozi.Page:
    return huozi.parse(huozi.sample_text(), date="2020-07-24", source="sample.txt")


# ---- HTML ---------------------------------------------------------------------

def test_page_html_shows_every_article_with_fields_highlighted(page):
    h = page._repr_html_()
    assert h.count('class="huozi-article"') == len(page) == 9
    n_fields = sum(len(a.fields) for a in page)
    assert h.count('<mark class="huozi-field ') == n_fields  # every field of the sample is placed in its text
    # the first field: its type's class and colour, its normalized value on hover
    f = page[0].fields[0]
    assert f["type"] == "date" and f["value"] == "2020-07-23"
    assert (f'<mark class="huozi-field huozi-field-date" data-type="date" title="date: 2020-07-23" '
            f'style="background: {_html.FIELD_COLORS["date"]};') in h
    for a in page:
        if a.title:
            assert re.sub(r"<[^>]+>", "", html.escape(a.title)) in re.sub(r"<[^>]+>", "", h)
        for x in a.authors:
            assert f"<b>{x['name']}</b>" in h
    assert "<script" not in h and "http" not in h  # self-contained: nothing to download


def test_field_hover_text_has_unit_currency_and_approx(page):
    money = [f for a in page for f in a.fields if f["type"] == "money"]
    assert money
    tip = _html.field_tooltip(money[0])
    assert tip.startswith(f"money: {money[0]['value']}") and "CNY" in tip
    assert _html.field_tooltip({"type": "quantity", "value": 23, "unit": "次"}) == "quantity: 23 次"
    assert _html.field_tooltip({"type": "money", "value": 1e7, "currency": "CNY", "approx": True}).endswith("(approx.)")
    assert _html.field_tooltip({"type": "date", "value": None}) == "date: (no value)"


def test_article_html_is_its_part_of_the_page(page):
    a = page[3]
    assert a.to_html() in page.to_html()
    assert a._repr_html_().count('class="huozi-article"') == 1
    assert "实地督导调研" in a.to_html()  # a subheading of that article


def test_everything_is_escaped():
    nasty = '<script>alert("x")</script> & "q" \'a\''
    d = {
        "source": nasty, "date": None, "encoding": "utf-8", "debris": [{"text": nasty, "start": 0, "end": 1,
                                                                        "reason": "<r>"}],
        "articles": [{
            "source": nasty, "date": None, "index": 0, "kicker": nasty, "title": nasty, "subtitle": nasty,
            "authors": [{"role": nasty, "name": nasty}],
            "blocks": [{"kind": k, "text": nasty + " 100元", "start": 0, "end": 10}
                       for k in ("paragraph", "subheading", "caption")],
            "fields": [{"type": "money<x>", "text": "100元", "value": '"><script>', "start": 0, "end": 5}],
            "start": 0, "end": 10,
        }],
    }
    h = huozi.Page(d, text=nasty).to_html()
    assert "<script" not in h and "<r>" not in h and "<x>" not in h
    assert "&lt;script&gt;" in h and "&quot;" in h
    ex = huozi.explain(nasty + "\n" + nasty + "\n").to_html()
    assert "<script" not in ex and "&lt;script&gt;" in ex


def test_large_pages_fold_into_details(page):
    h = page.to_html(max_articles=2, max_blocks=1)
    assert h.count('class="huozi-article"') == 9  # all there, the rest folded
    assert "7 more articles</summary>" in h
    before_fold = h.split("<details")[0]
    assert before_fold.count('class="huozi-article"') == 1  # the first article's extra blocks fold first
    assert re.search(r"\d+ more blocks?</summary>", h)
    assert '<details class="huozi-debris"' in h


def test_dateline_fields_are_marked_in_the_dateline():
    page = huozi.parse("新年贺词发布\n\n本报北京12月31日讯（记者 周九）今天上午，国家主席发表2001年新年贺词。\n",
                       date="2000-12-31")
    h = page.to_html()
    assert '<div class="huozi-dateline"' in h and "not in the text above" not in h
    assert h.count("<mark ") == len(page[0].fields) == 3
    dateline = h.split('<div class="huozi-dateline"', 1)[1].split("</div>", 1)[0]
    assert 'title="date: 2000-12-31"' in dateline and "本报北京" in dateline


def test_fields_outside_any_block_are_listed_not_lost():
    text = "一段正文，2020年7月1日发生。\n（下转第2版）\n"
    page = huozi.parse(text)
    jumps = [f for a in page for f in a.fields if f["type"] == "jump"]
    h = page.to_html()
    assert h.count("<mark ") == sum(len(a.fields) for a in page)
    if jumps:
        assert "not in the text above" in h


# ---- explain ------------------------------------------------------------------

def test_explain_marks_every_decision_side_by_side(page):
    ex = page.explain()
    assert isinstance(ex, huozi.Explanation)
    d = huozi.repair_details(huozi.sample_text())
    assert ex.decisions == d["decisions"] and ex.units == d["units"]
    assert len(ex.lines) == len(huozi.sample_text().split("\n")) - 1  # the page ends with a newline
    h = ex._repr_html_()
    kinds = {k: sum(1 for x in ex.decisions if x["kind"] == k) for k in ("join", "paragraph", "block")}
    for k, n in kinds.items():
        assert h.count(f'class="huozi-decision huozi-decision-{k}"') == n
    assert "wrap_across_blank" in h
    assert h.count('class="huozi-unit t"') == len(ex.units)  # every unit, once
    for u in ex.units[:5]:
        assert html.escape(u["text"]) in h
    assert "<details" in h  # 389 lines: the ones past 300 fold


def test_explain_str_is_the_cli_view(page, tmp_path):
    from huozi import cli

    ex = page.explain()
    p = tmp_path / "p.txt"
    p.write_text(huozi.sample_text(), encoding="utf-8")
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert cli.main(["repair", "--explain", str(p)]) == 0
    assert str(ex) == buf.getvalue()
    assert "wrap_across_blank" in str(ex)
    assert repr(ex).startswith("<Explanation: 389 lines, ")


def test_explain_of_bytes_pages_and_parse_many_pages():
    gb = huozi.sample_text().encode("gb18030")
    p = huozi.parse(gb)
    assert p.text == huozi.sample_text()
    assert str(p.explain()) == str(huozi.explain(huozi.sample_text()))
    pages = huozi.parse_many([gb, "市公安局要求，深化\n思想认识。\n"])
    assert pages[0].text == huozi.sample_text()
    assert [x["kind"] for x in pages[1].explain().decisions] == ["join"]


def test_explain_line_numbers_follow_the_core_line_breaks():
    text = "第一行没有\r\n写完。\r第三行\f第四行。\n"
    ex = huozi.explain(text)
    assert ex.lines == ["第一行没有", "写完。", "第三行", "第四行。"]
    assert max(x["next_line"] for x in ex.decisions) == len(ex.lines) - 1


def test_page_without_text_says_how_to_get_one(page):
    bare = huozi.Page(page.to_dict())
    with pytest.raises(ValueError, match="without its text"):
        bare.explain()
    assert huozi.Page(page.to_dict(), text=huozi.sample_text()).explain().decisions == page.explain().decisions


def test_replaced_bytes_are_counted():
    p = huozi.parse(b"\xe4\xb8\xad\xff\xe6\x96\x87\xe3\x80\x82", encoding="utf-8", errors="replace")
    assert p.replaced == 1
    assert p.to_arrow()["replaced"].to_pylist() == [1]
    assert "replaced" not in p.to_dict()
    assert huozi.parse("中文。").replaced == 0


# ---- tables -------------------------------------------------------------------

def test_page_to_arrow_equals_the_cpp_export(page):
    t = page.to_arrow()
    assert t.schema == archive.SCHEMA and t.num_rows == 9
    same = huozi.parse_many([huozi.sample_text()], dates=["2020-07-24"], sources=["sample.txt"], output="arrow")
    assert t.equals(same)


def test_page_to_arrow_equals_the_archive_run(tmp_path):
    d = tmp_path / "2020-07-24"
    d.mkdir()
    (d / "page.txt").write_text(huozi.sample_text(), encoding="utf-8")
    run = huozi.read_archive(tmp_path, threads=1, progress=False)
    page = huozi.parse(huozi.sample_text(), date="2020-07-24", source=str(d / "page.txt"))
    mine = page.to_arrow()
    for name in archive.SCHEMA.names:
        if name in ("page", "paper"):  # from the archive's paths only
            continue
        assert mine[name].equals(run[name]), name


def test_to_pandas_and_polars(page):
    df = page.to_pandas()
    assert list(df.columns) == archive.SCHEMA.names
    assert df.loc[0, "title"] == page[0].title
    assert df.loc[0, "fields"][0]["value"] == "2020-07-23"
    arrow_df = page.to_pandas(arrow_dtypes=True)
    assert isinstance(arrow_df["title"].dtype, pd.ArrowDtype)
    pl = pytest.importorskip("polars")
    assert page.to_polars().equals(pl.from_arrow(page.to_arrow()))


def test_missing_optional_library_is_a_clear_import_error(page, monkeypatch):
    monkeypatch.setitem(sys.modules, "polars", None)  # import polars -> ImportError
    with pytest.raises(ImportError, match=r"Page.to_polars\(\) needs polars.*pip install polars"):
        page.to_polars()
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="needs pandas"):
        page.to_pandas()


def test_parse_many_to_pandas_indexes_rows_by_input_label():
    texts = pd.Series([huozi.sample_text(), "正文一句。", b"\x00bin", "正文二。"],
                      index=pd.Index(["a", "b", "c", "d"], name="page_id"))
    errs: List[dict] = []
    df = huozi.parse_many(texts, dates=pd.Series(["2020-07-24", pd.NaT, None, datetime.date(2021, 1, 2)]),
                          output="pandas", errors_out=errs, threads=2)
    assert df.index.name == "page_id"
    assert df.index.tolist() == ["a"] * 9 + ["b", "d"]
    assert df.loc["b", "blocks"][0]["text"] == "正文一句。"
    assert df.loc["a", "date"].tolist() == ["2020-07-24"] * 9
    assert df.loc["d", "date"] == "2021-01-02"
    assert [(e["input"], e["kind"]) for e in errs] == [("c", "binary_input")]
    assert set(errs[0]) == {"source", "kind", "message", "offset", "input"}


def test_parse_many_table_outputs_agree_with_pages():
    texts = [huozi.sample_text(), "正文一句。"]
    pages = huozi.parse_many(texts, dates="2020-07-24")
    table = huozi.parse_many(texts, dates="2020-07-24", output="arrow")
    assert isinstance(table, pa.Table)
    from huozi import _frame

    assert table.equals(_frame.pages_table([p for p in pages if isinstance(p, huozi.Page)]))
    df = huozi.parse_many(texts, output="pandas")
    assert df.index.tolist() == [0] * 9 + [1]
    pl = pytest.importorskip("polars")
    assert huozi.parse_many(texts, dates="2020-07-24", output="polars").equals(pl.from_arrow(table))


def test_parse_many_keeps_its_old_behaviour():
    out = huozi.parse_many(["正文一句。", b"\x00"])
    assert isinstance(out[0], huozi.Page)
    assert out[1]["error"]["kind"] == "binary_input"
    with pytest.raises(huozi.BinaryInputError):
        huozi.parse_many(["正文。", b"\x00"], output="arrow", raise_errors=True)
    with pytest.raises(ValueError, match="output must be"):
        huozi.parse_many(["正文。"], output="csv")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="label 'x'"):
        huozi.parse_many(pd.Series([None], index=["x"]), output="pandas")


# ---- the progress bar in a notebook ---------------------------------------------

class _FakeRun:
    def __init__(self) -> None:
        self.calls = 0

    def progress(self):
        self.calls += 1
        return (10 * self.calls, 1000 * self.calls, 4000)


def test_progress_is_quiet_without_terminal_or_notebook(monkeypatch, capsys):
    monkeypatch.delitem(sys.modules, "IPython", raising=False)
    bar = archive._Progress(True)
    assert not bar.enabled  # pytest's stderr is not a terminal
    bar.update(_FakeRun())
    bar.close(_FakeRun())
    assert capsys.readouterr().err == ""


def test_progress_draws_a_live_html_bar_in_a_notebook(monkeypatch):
    shown: List[Any] = []

    class Handle:
        def update(self, obj, **kw):
            shown.append(("update", obj, kw))

    def display(obj, **kw):
        shown.append(("display", obj, kw))
        return Handle()

    class Shell:
        kernel = object()

    fake_ipython = types.ModuleType("IPython")
    fake_ipython.get_ipython = lambda: Shell()  # type: ignore[attr-defined]
    fake_display = types.ModuleType("IPython.display")
    fake_display.display = display  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", fake_ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", fake_display)

    bar = archive._Progress(True)
    assert bar.mode == "notebook"
    run = _FakeRun()
    bar.update(run, force=True)
    bar.update(run, force=True)
    bar.close(run)
    assert [s[0] for s in shown] == ["display", "update", "update"]
    first = shown[0][1]
    assert shown[0][2] == {"raw": True, "display_id": True}
    assert '<progress value="1000" max="4000"' in first["text/html"] and "25.0%" in first["text/plain"]
    assert "done in" in shown[-1][1]["text/plain"] and '<progress value="1" max="1"' in shown[-1][1]["text/html"]
    assert not archive._Progress(False).enabled


def test_a_plain_ipython_shell_is_not_a_notebook(monkeypatch):
    fake_ipython = types.ModuleType("IPython")
    fake_ipython.get_ipython = lambda: types.SimpleNamespace()  # type: ignore[attr-defined]  # no kernel
    monkeypatch.setitem(sys.modules, "IPython", fake_ipython)
    assert archive._notebook_shell() is None
