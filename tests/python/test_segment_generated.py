"""Page segmentation on generated pages of both layouts: floors on article
boundary F1, title exact match and author-name F1 (scored as in
bench/eval_segment.py), so a regression fails the suite. The issue's bars
(0.98 / 0.97 / 0.99) are higher; bench/eval_segment.py reports the figures."""

from __future__ import annotations

import sys
from collections import Counter

import huozi
from conftest import REPO
from huozi.bench import generate

sys.path.insert(0, str(REPO / "bench"))
import eval_segment  # noqa: E402


def test_segmentation_floors():
    corpus = generate.load_corpus()
    fams = generate.FAMILIES
    acc: Counter = Counter()
    layouts = set()
    for i in range(390):
        g = generate.generate_page(generate.page_seed(5, i), corpus, fams[i % len(fams)])
        layouts.add(g["layout"])
        page = huozi.parse(g["text"]).to_dict()
        eval_segment.score_page(page["articles"], g["articles"], acc)
    assert {"title_before", "title_after"} <= layouts
    boundary = eval_segment.f1(acc["art_tp"], acc["art_pred"], acc["art_gold"])
    title = acc["title_ok"] / acc["title_n"]
    authors = eval_segment.f1(acc["au_tp"], acc["au_pred"], acc["au_gold"])
    # Measured on these pages at the floors' last raise (session 18, 976a179): 0.9837 / 0.9707 / 0.9891
    # (the title floor is the bar, 0.97).
    assert boundary >= 0.983, boundary
    assert title >= 0.970, title
    assert authors >= 0.989, authors


def test_scorer_matches_articles_that_open_with_the_same_paragraph_in_order():
    # A generated page may open two articles with the same corpus paragraph:
    # each gold article is matched with the predicted one in the same place
    # among those, and neither is dropped from the counts.
    def art(title, first):
        return {"title": title, "authors": [], "blocks": [{"kind": "paragraph", "text": first}]}

    gold = [art("甲", "同一段。"), art("乙", "别的段。"), art("丙", "同一段。")]
    acc: Counter = Counter()
    eval_segment.score_page([art("甲", "同一段。"), art("乙", "别的段。"), art("丁", "同一段。")], gold, acc)
    assert (acc["art_gold"], acc["art_pred"], acc["art_tp"]) == (3, 3, 3)
    assert (acc["title_n"], acc["title_ok"]) == (3, 2)


def test_bylines_and_datelines_in_every_form():
    cases = {
        "通讯员 侯宪锋 张巍": [("通讯员", "侯宪锋"), ("通讯员", "张巍")],
        "■通讯员 权尊彦 岳梦佳": [("通讯员", "权尊彦"), ("通讯员", "岳梦佳")],
        "本报记者 王五": [("本报记者", "王五")],
        "记者 赵六 通讯员 钱七": [("记者", "赵六"), ("通讯员", "钱七")],
        "实习生 孙八": [("实习生", "孙八")],
        "特约记者 周九": [("特约记者", "周九")],
        "见习记者 吴十": [("见习记者", "吴十")],
        "文/图 李明": [("文/图", "李明")],
        "記者 陳大文": [("記者", "陳大文")],
        "文／圖 李明": [("文／圖", "李明")],
        "（記者王志明）": [("記者", "王志明")],
        "（记者 吴十）": [("记者", "吴十")],
    }
    body = "市公安局召开党委会，传达学习有关指示精神，研究贯彻落实意见。\n"
    for line, want in cases.items():
        page = huozi.parse(body + "\n" + line + "\n")
        got = [(a["role"], a["name"]) for a in page.articles[0].authors]
        assert got == want, line
    for text, want in {
        "本报北京12月31日讯记者吴坤胜报道：今天开会。": [("记者", "吴坤胜")],
        "本报讯（记者 周九）今天开会。": [("记者", "周九")],
        "新华社北京12月31日电 今天开会。": [],
        "【本報訊】今天开会。": [],
        "【記者林小美／台北報導】今天开会。": [("記者", "林小美")],
    }.items():
        a = huozi.parse(text).articles[0]
        assert [(x["role"], x["name"]) for x in a.authors] == want
        assert a.blocks[0]["text"] == "今天开会。"
        assert a.to_dict()["credits"][0]["kind"] == "dateline"


def test_byline_in_brackets_opening_a_paragraph():
    # A byline in parentheses (or in 〔〕, as 【】) run on into the paragraph it
    # opens is a dateline: a credit of its own, its reporters the authors.
    for text, want in {
        "（記者林小美）今天开会。": [("記者", "林小美")],
        "（记者 周九／北京报道）今天开会。": [("记者", "周九")],
        "〔記者林小美／台北報導〕今天开会。": [("記者", "林小美")],
    }.items():
        a = huozi.parse(text).articles[0]
        assert [(x["role"], x["name"]) for x in a.authors] == want, text
        assert a.blocks[0]["text"] == "今天开会。", text
        assert a.to_dict()["credits"][0]["kind"] == "dateline", text
    # A numbered item in parentheses opens no dateline.
    a = huozi.parse("（一）今天开会。").articles[0]
    assert a.authors == [] and a.to_dict()["credits"] == []


def test_dateline_credit_with_two_reporters_keeps_both():
    # The spaces between reporters in a credit run into the paragraph are
    # names' spaces, not justification: both reporters are authors.
    text = ("新华社上海5月8日电（记者 高明远 林小燕）市里\n今年新修了十条道路，市民出行更方便了，沿线\n"
            "的居民都说好，出门办事也省了不少时间。\n")
    a = huozi.parse(text).articles[0]
    assert [(x["role"], x["name"]) for x in a.authors] == [("记者", "高明远"), ("记者", "林小燕")]
    assert a.blocks[0]["text"].startswith("市里今年新修了十条道路")


def test_credit_names_keep_their_spaces_on_one_line_and_a_clause_does_not():
    # A paragraph on one line (unwrapped text, repair's own output): the gaps
    # between the names are no headline's gap either, and repair run on its
    # own output changes nothing.
    one = "本报讯（记者 孟晓川 宋一鸣）全县的三所新小学已经全部建成，秋季就能开学，家长们都很高兴。"
    assert huozi.repair(one) == one + "\n"
    a = huozi.parse(one).articles[0]
    assert [x["name"] for x in a.authors] == ["孟晓川", "宋一鸣"]
    wrapped = ("新华社上海5月8日电（记者 高明远 林小燕）市里\n今年新修了十条道路，市民出行更方便了，沿线\n"
               "的居民都说好，出门办事也省了不少时间。\n")
    once = huozi.repair(wrapped)
    assert huozi.repair(once) == once
    # After the role word a clause, not names: its justification space goes.
    clause = ("市政府今天召开新闻发布会（记者从会上了解 到，今年全市新建\n学校十所），家长们都很高兴，孩子们上学更\n"
              "方便了，附近的居民也都说好。\n")
    assert "了解到" in huozi.repair(clause)


def test_column_labels_after_a_role_word_credit_no_one():
    # 记者手记 (a reporter's notes), 记者观察, 記者來信 are columns, not a role
    # and a name: no author, and the label's text stays on the page.
    for text in ("市公安局召开会议，部署工作。\n（记者手记）\n", "记者观察\n市公安局召开会议，部署工作。\n",
                 "（記者來信）今天开会。"):
        p = huozi.parse(text)
        assert [x for a in p.articles for x in a.authors] == [], text
        kept = "".join(b["text"] for a in p.articles for b in a.blocks) + "".join(
            (a.title or "") + (a.kicker or "") for a in p.articles) + "".join(d["text"] for d in p.debris)
        assert ("手记" in kept) or ("观察" in kept) or ("來信" in kept), text
    # A two-character given name after the role is still one.
    a = huozi.parse("市公安局召开会议，部署工作。（记者 吴十）").articles[0]
    assert [(x["role"], x["name"]) for x in a.authors] == [("记者", "吴十")]


def test_byline_closing_a_paragraph_and_photo_credits():
    a = huozi.parse("市公安局召开党委会，传达学习有关指示精神。（记者 吴十）").articles[0]
    assert [(x["role"], x["name"]) for x in a.authors] == [("记者", "吴十")]
    assert a.blocks[0]["text"] == "市公安局召开党委会，传达学习有关指示精神。"
    body = "市公安局召开党委会，传达学习有关指示精神，研究贯彻落实意见。\n\n"
    for credit, who in (("本报记者 王五 摄", ("本报记者", "王五")), ("（新华社记者兰红光摄）", ("新华社记者", "兰红光"))):
        a = huozi.parse(body + credit + "\n").articles[0]
        assert a.blocks[-1]["kind"] == "caption" and a.blocks[-1]["text"] == credit
        assert who in [(x["role"], x["name"]) for x in a.authors]
