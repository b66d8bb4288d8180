"""deinterleave: True (every page fully tested for columns read row by row),
False (never) and "auto", the default (pages a cheap look finds interleaved
get the full test). The pages are the shared repair cases."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import huozi
from conftest import check_conservation

CASES = {c["name"]: c for c in map(json.loads, (Path(__file__).resolve().parents[1] / "data" / "repair" / "cases.jsonl")
                                   .read_text(encoding="utf-8").splitlines())}
# Two lines of columns run together: the cheap look sees them.
RUN_TOGETHER = CASES["columns_read_row_by_row_are_put_back"]["text"]
# Equal columns, nothing run together: only words broken over lines two
# apart tell, which the cheap look does not read.
EQUAL_COLUMNS = CASES["equal_columns_read_row_by_row_are_put_back"]["text"]


def reasons(text, **kw):
    return [d["reason"] for d in huozi.repair_details(text, **kw)["decisions"]]


def test_rows_read_is_reported_where_columns_read_row_by_row_are_put_back():
    # The page-level flag segmentation reads, in repair_details beside the
    # decisions it sums up: true exactly where a decision is interleaved_column.
    for text, kw in ((RUN_TOGETHER, {}), (RUN_TOGETHER, {"deinterleave": False}), (EQUAL_COLUMNS, {}),
                     (EQUAL_COLUMNS, {"deinterleave": True})):
        d = huozi.repair_details(text, **kw)
        assert d["rows_read"] is ("interleaved_column" in [x["reason"] for x in d["decisions"]])
    assert huozi.repair_details(RUN_TOGETHER)["rows_read"] is True
    assert huozi.repair_details(RUN_TOGETHER, deinterleave=False)["rows_read"] is False


def test_interleaved_columns_come_back_by_default():
    assert "interleaved_column" in reasons(RUN_TOGETHER)
    assert "interleaved_column" not in reasons(RUN_TOGETHER, deinterleave=False)
    assert huozi.parse(RUN_TOGETHER).to_dict() == huozi.parse(RUN_TOGETHER, deinterleave=True).to_dict()
    assert huozi.parse(RUN_TOGETHER).to_dict() == huozi.parse(RUN_TOGETHER, deinterleave="auto").to_dict()
    assert huozi.repair(RUN_TOGETHER) == huozi.repair(RUN_TOGETHER, deinterleave=True)
    assert huozi.parse_many([RUN_TOGETHER])[0].to_dict() == huozi.parse(RUN_TOGETHER, deinterleave=True).to_dict()


def test_auto_leaves_what_only_the_full_test_sees_to_true():
    assert "interleaved_column" in reasons(EQUAL_COLUMNS, deinterleave=True)
    assert reasons(EQUAL_COLUMNS) == reasons(EQUAL_COLUMNS, deinterleave=False)


def test_page_without_columns_is_the_same_in_every_mode():
    page = huozi.sample_text()
    want = huozi.parse(page, deinterleave=False).to_dict()
    assert huozi.parse(page).to_dict() == want
    assert huozi.parse(page, deinterleave=True).to_dict() == want


@pytest.mark.parametrize("bad", ["on", 1, None])
def test_other_values_are_refused(bad):
    with pytest.raises(ValueError):
        huozi.repair(RUN_TOGETHER, deinterleave=bad)


def test_cli_default_and_no_deinterleave(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(RUN_TOGETHER, encoding="utf-8")

    def repaired(*flags):
        r = subprocess.run([sys.executable, "-m", "huozi", "repair", str(f), *flags], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return r.stdout

    assert repaired() == repaired("--deinterleave") == huozi.repair(RUN_TOGETHER, deinterleave=True)
    assert repaired("--no-deinterleave") == huozi.repair(RUN_TOGETHER, deinterleave=False)
    assert repaired() != repaired("--no-deinterleave")


# pdftotext's default mode on a tightly leaded page: the heads of two
# articles set side by side come out as one-line blocks, a blank line after
# each, and the two columns under them, which it took for one block, come
# out with their lines between each other's (two lines sharing a baseline
# run together), no blank line inside.
TIGHT_PAIR_UNDER_HEADS = (
    "城东日报 2003年5月8日 星期四\n\n春风吹暖了整个小镇\n\n特约记者 张远\n\n第3版 要闻\n\n市住房建设局\n\n县教育局\n\n"
    "老城区改造进入收尾阶段\n\n乡村学校新添一批图书\n\n"
    "记者昨天从市住建部门了解到，老\n开学第一周，县教育局给山\n城区改造工程已经进入收尾阶段，\n区的十二所村小送去了两万\n"
    "沿街的三十多栋旧楼完成了外墙翻 多册图书，其中有不少是孩\n新，地下管网全部换成了新管道，\n子们喜欢的科普读物和绘本\n"
    "原来坑洼不平的小巷铺上了青石板 ，各校都腾出教室建起了图\n书角，老师们还排了阅读课\n，居民们说出门再也不怕下雨天了\n"
    "。街道办事处还在路口增设了两个\n，让每个学生每周至少借阅\n公交站点和一处停车场，附近菜市\n一本书。一位校长告诉记者\n"
    "场的摊位也重新规划，早晚高峰时 ，以前学校只有几本旧课外\n书，现在孩子们课间都抢着\n段的拥堵明显缓解。\n"
    "去图书角看书，家长们也很\n支持这件事。\n")


def test_columns_read_row_by_row_do_not_reach_into_the_blocks_above_them():
    # The lines of the interleaved block are put back into their two
    # columns; none is read as the line under a head K > 1 lines above it
    # across the blank lines (which would join a head to another head or to
    # a body): the heads keep their order, one unit each, for segmentation
    # to hand out.
    units = [u["text"] for u in huozi.repair_details(TIGHT_PAIR_UNDER_HEADS)["units"]]
    heads = TIGHT_PAIR_UNDER_HEADS.split("\n\n")[:8]
    assert units[:8] == heads
    assert units[8].startswith("记者昨天从市住建部门了解到，老城区改造工程已经进入收尾阶段，沿街的三十多栋旧楼完成了外墙翻新，"
                               "地下管网全部换成了新管道，原来坑洼不平的小巷铺上了青石板，居民们说出门再也不怕下雨天了。")
    assert units[9].startswith("开学第一周，县教育局给山区的十二所村小送去了两万多册图书，其中有不少是孩子们喜欢的科普读物和绘本，"
                               "各校都腾出教室建起了图书角，老师们还排了阅读课，让每个学生每周至少借阅一本书。")
    assert check_conservation(TIGHT_PAIR_UNDER_HEADS, huozi.parse(TIGHT_PAIR_UNDER_HEADS).to_dict()) == []


def test_text_with_no_head_and_no_byline_on_a_page_read_row_by_row_goes_on_the_article_before():
    # On a page whose columns were read row by row, a stretch of text after
    # an article's byline (or after the page's furniture, set between the
    # columns) with no head and no byline of its own is the rest of a column
    # the reading broke off, not an article: it goes on the article before.
    # (No head on this page waits for text: see the next test.)
    page = TIGHT_PAIR_UNDER_HEADS.replace("春风吹暖了整个小镇\n\n特约记者 张远\n\n", "")
    piece = ("学校还打算开一间阅览室，让附\n近村里的孩子放学后也能来看书，家\n长们都很赞成这件事。\n")
    for between in ["记者 李四\n\n", "记者 李四\n\n本版编辑：王五\n\n"]:
        text = page + between + piece
        assert "interleaved_column" in reasons(text)
        articles = huozi.parse(text).to_dict()["articles"]
        assert [(a["title"], [b["text"][:4] for b in a["blocks"]]) for a in articles][-1] == (
            "乡村学校新添一批图书", ["开学第一", "去图书角", "学校还打"])
        assert check_conservation(text, huozi.parse(text).to_dict()) == []
    # On a page not read row by row it is an article of its own.
    plain = ("乡村学校新添一批图书\n开学第一周，县教育局给山区的十\n二所村小送去了两万多册图书。\n记者 李四\n\n" + piece)
    assert "interleaved_column" not in reasons(plain)
    assert [a["blocks"][0]["text"][:4] for a in huozi.parse(plain).to_dict()["articles"]] == ["开学第一", "学校还打"]


def test_text_with_no_head_on_a_page_read_row_by_row_is_the_text_of_a_head_that_has_none():
    # The page's first head (春风吹暖了整个小镇, with its byline) has no text
    # under it: read row by row, its column comes later. A stretch of text
    # with no head and no byline after the other articles is that head's
    # text, not the rest of the article before it.
    p1 = "春风吹过小镇，街边的柳树冒出\n了新芽，早起锻炼的老人多了起来，\n河边又响起了音乐。\n"
    p2 = "镇上的花农也忙了起来，育好的\n花苗一车车运往城里，价钱比去年好\n了不少，大家干劲十足。\n"
    text = TIGHT_PAIR_UNDER_HEADS + "记者 李四\n\n" + p1 + "\n本版编辑：王五\n\n" + p2
    assert "interleaved_column" in reasons(text)
    articles = huozi.parse(text).to_dict()["articles"]
    got = [(a["title"], [x["name"] for x in a["authors"]], [b["text"][:4] for b in a["blocks"]]) for a in articles]
    assert got[0] == ("春风吹暖了整个小镇", ["张远"], ["春风吹过", "镇上的花"])
    assert got[-1] == ("乡村学校新添一批图书", ["李四"], ["开学第一", "去图书角"])
    assert check_conservation(text, huozi.parse(text).to_dict()) == []

def test_head_after_a_body_on_a_page_read_row_by_row_heads_the_text_under_it():
    # pdftotext's default mode reads a page by where its text sits, top to
    # bottom: a head comes out over the text it heads, never after it. A
    # head printed after an article's body and byline that repeats that
    # body's lead (a title-after reading, elsewhere) is, on a page whose
    # columns were read row by row, the head of the text under it; the
    # article above keeps its own head.
    for head in ["村小送去两万多册图书", "县教育局给村小送书"]:
        text = TIGHT_PAIR_UNDER_HEADS + "记者 李四\n\n" + head + "\n据县气象台介绍，今年入汛以来全县降雨量比常年偏多三成。\n"
        assert "interleaved_column" in reasons(text)
        articles = huozi.parse(text).to_dict()["articles"]
        assert [(a["title"], [b["text"][:4] for b in a["blocks"]]) for a in articles][-2:] == [
            ("乡村学校新添一批图书", ["开学第一", "去图书角"]), (head, ["据县气象"])]
        assert check_conservation(text, huozi.parse(text).to_dict()) == []


def test_stretches_of_text_on_a_page_read_row_by_row_with_no_head_and_no_byline_have_no_article_to_go_on():
    # Read row by row, a page of three untitled stories with no byline: the
    # first two set in one width, the third wider (a width change parts it).
    # No stretch follows an article (a head or a byline): none is the rest of
    # one, and the wider story stays an article of its own.
    assert "interleaved_column" in reasons(RUN_TOGETHER)
    d = huozi.parse(RUN_TOGETHER).to_dict()
    assert [a["blocks"][0]["text"][:4] for a in d["articles"]] == ["村里的图", "街角新开"]
    assert check_conservation(RUN_TOGETHER, d) == []
