"""Title groups between bodies: which article takes them (the Viterbi pass
in core/segment/segment.cpp), a group split between two articles, and an
issuing unit set under the headline."""

from __future__ import annotations

import huozi
import pytest
from conftest import check_conservation

A = ("为了做好新形势下的社区警务工\n作，市公安局在全市范围内开展了“社\n区民警进万家”活动，民警们走街串巷\n"
     "，逐户走访群众，解决实际困难。\n")
B = "今年以来，全市交通秩序明显好转\n，全年交通事故起数同比下降两成，\n群众出行更加安全便捷。\n"


def wrap(p, n):
    """Paragraph p set n characters wide, its first line 2 em short (the indent dropped)."""
    lines = [p[:n - 2]]
    p = p[n - 2:]
    while p:
        lines.append(p[:n])
        p = p[n:]
    return lines


def heads(text):
    return [(a["kicker"], a["title"], a["blocks"][0]["text"][:4] if a["blocks"] else None)
            for a in huozi.parse(text).to_dict()["articles"]]


def test_title_after_its_body_with_the_kicker_under_it():
    assert heads(A + "\n社区民警进万家\n市公安局\n\n" + B) == [
        ("市公安局", "社区民警进万家", "为了做好"), (None, None, "今年以来")]


def test_group_split_between_the_article_before_and_the_one_after():
    # A's title printed after A, B's before B: each title repeats its lead.
    assert heads(A + "\n社区民警进万家\n全市交通秩序明显好转\n\n" + B) == [
        (None, "社区民警进万家", "为了做好"), (None, "全市交通秩序明显好转", "今年以来")]


def test_title_before_layout_keeps_titles_with_the_body_under_them():
    # Between two bodies of the same column width a lone heading line is a
    # subheading unless something closes the article above it: here a byline.
    text = "社区民警进万家\n\n" + A + "通讯员 王五\n\n全市交通秩序明显好转\n\n" + B
    assert heads(text) == [(None, "社区民警进万家", "为了做好"), (None, "全市交通秩序明显好转", "今年以来")]


def test_title_after_layout_keeps_titles_with_the_body_above_them():
    text = A + "通讯员 王五\n\n社区民警进万家\n\n" + B + "\n全市交通秩序明显好转\n"
    assert heads(text) == [(None, "社区民警进万家", "为了做好"), (None, "全市交通秩序明显好转", "今年以来")]


def test_a_word_shared_by_chance_does_not_pull_a_title_to_that_lead():
    # The pages of one issue share their words: a lead under the group (a
    # headline and its subtitle) that shares one word with it (新玉武, two of
    # its bigrams) says no more than a lead that shares none; a lead that
    # echoes the headline takes it. (A group of one line keeps its whole
    # overlap: see kChanceBigrams.)
    text = A + "\n通讯员 细五\n\n色同创福美界的新玉武\n——二○○一年新年宝语\n\n{}\n记者 脑六\n"
    unrelated = "劳年以来，全市兰通复昌维论界转\n，全年兰通兵萨仁雷同虎下船两赛，\n威舞出行画庆票全奇航。\n"
    one_word = "新玉武的第一松，全市兰通复昌维论界\n转，全年兰通兵萨仁雷同虎下船两赛，\n威舞出行画庆票全奇航。\n"
    echo = "色同创福美界的新玉武，全市兰通复昌\n维论界转，全年兰通兵萨仁雷同虎下船\n两赛，威舞出行画庆票全奇航。\n"
    assert heads(text.format(unrelated)) == [(None, "色同创福美界的新玉武", "为了做好"), (None, None, "劳年以来")]
    assert heads(text.format(one_word)) == [(None, "色同创福美界的新玉武", "为了做好"), (None, None, "新玉武的")]
    assert heads(text.format(echo)) == [(None, None, "为了做好"), (None, "色同创福美界的新玉武", "色同创福")]


# Probes from the review of the title rules: headlines that end like an
# organisation (所, 站, 中心) stay headlines; subtitles keep their place.
A_ONLY = A


def one(heads_text):
    d = huozi.parse(heads_text + "\n\n" + A_ONLY).to_dict()
    assert check_conservation(heads_text + "\n\n" + A_ONLY, d) == []
    return [(a["kicker"], a["title"], a["subtitle"]) for a in d["articles"]]


def test_subtitle_is_never_taken_for_a_kicker_under_the_headline():
    assert one("忠诚卫士守平安\n——记任城公安分局") == [(None, "忠诚卫士守平安", "——记任城公安分局")]


def test_second_headline_line_ending_like_an_organisation_stays_in_the_title():
    assert one("服务群众在一线\n民警进驻社区警务站") == [(None, "服务群众在一线 民警进驻社区警务站", None)]
    assert one("全力打造\n区域性金融中心") == [(None, "全力打造 区域性金融中心", None)]


def test_kicker_then_a_title_line_ending_in_an_organisation_is_one_head():
    assert one("市公安局\n牢记使命扎根派出所\n守护一方平安") == [("市公安局", "牢记使命扎根派出所 守护一方平安", None)]


def test_subtitle_wrapped_over_two_lines_stays_one_subtitle():
    # A wrapped subtitle line joins without a space, as wrapped text does.
    assert one("忠诚卫士守平安\n——记全国优秀人民警察、\n刑警支队队长王某") == [
        (None, "忠诚卫士守平安", "——记全国优秀人民警察、刑警支队队长王某")]


def test_last_word_of_a_wrapped_subtitle_is_no_headline():
    # ——二○○一年 / 新年宝语: a line of four characters or fewer closing the
    # group under a subtitle is the subtitle's end, not the next headline.
    assert one("色同创福美界的新玉武\n——二○○一年\n新年宝语") == [
        (None, "色同创福美界的新玉武", "——二○○一年新年宝语")]
    assert one("色同创福美界的新玉武\n——失会和鲁沙界中汉的\n伊酒") == [
        (None, "色同创福美界的新玉武", "——失会和鲁沙界中汉的伊酒")]


def test_issuing_unit_alone_over_an_article_is_its_kicker_not_a_title():
    # An article with no headline of its own, only the issuing unit over it
    # (title-before) or under it (title-after).
    assert one("市公安局") == [("市公安局", None, None)]
    assert heads(A + "通讯员 王五\n\n市交警支队\n") == [("市交警支队", None, "为了做好")]
    # A lone headline that merely ends like an organisation (中心, 站) stays
    # a headline: only the issuing-unit heads (局, 支队, 委员会…) count.
    assert one("全力打造区域性金融中心") == [(None, "全力打造区域性金融中心", None)]


# Two articles with neither a title nor a byline between them, set in
# columns two characters apart: repair sees a paragraph break only (its
# column estimate moves later), segmentation measures each paragraph's own
# lines.
NARROW = ("今年以来全市交通秩序明显好转，\n全年交通事故起数同比下降两成，\n群众出行更加安全便捷，道路通行\n"
          "效率明显提高。\n")
WIDE = ("为了做好新形势下的社区警务工作，市\n公安局在全市范围内开展了社区民警进\n万家活动，民警们走街串巷，逐户走访\n"
        "群众，解决实际困难。\n")
WIDE2 = ("活动开展以来，共走访群众三千余户，\n收集意见建议四百多条，帮助群众解决\n各类困难问题一百多件，受到群众好评\n"
         "和欢迎。\n")


def test_paragraph_set_in_another_column_width_starts_another_article():
    def starts(text):
        return [[b["text"][:4] for b in a["blocks"]] for a in huozi.parse(text).to_dict()["articles"]]
    assert starts(WIDE + NARROW) == [["为了做好"], ["今年以来"]]
    assert starts(NARROW + WIDE) == [["今年以来"], ["为了做好"]]
    # Same column: one article.
    assert starts(WIDE + WIDE2) == [["为了做好", "活动开展"]]
    # Photo captions of one spread are each as wide as their photo.
    cap1 = WIDE.replace("困难。\n", "困难。（图①）\n")
    cap2 = NARROW.replace("提高。\n", "提高。（图②）\n")
    assert starts(cap1 + cap2) == [["为了做好", "今年以来"]]



def _block_starts(text):
    """Each article's blocks, by their first four characters."""
    return [[b["text"][:4] for b in a["blocks"]] for a in huozi.parse(text).to_dict()["articles"]]


def _narrow_article_then_wide_text():
    """An article set 15 characters wide (its byline glued to its last line),
    then two paragraphs of another article set 18 wide and its byline: the
    pages around the two-line paragraphs of the tests below."""
    before = "\n".join(wrap("全县今年新建高标准农田三万亩，配套修建机井和排灌渠道，农业生产条件明显改善，"
                            "粮食产量连续五年稳定增长，村容村貌焕然一新。", 15))
    closing = wrap("镇卫生院新添了彩超和心电监护设备，附近村民在家门口就能看上病，不用再往城里跑，大家都说这是件好事。", 15)
    closing[-1] += " 通讯员 张建华 李明"
    narrow = before + "\n\n" + "\n".join(closing) + "\n\n"
    wide = ("\n".join(wrap("目前，街道组建了一支由退休教师组成的志愿服务队，每周末为辖区孩子义务辅导功课，"
                          "又在社区设立了便民服务站，参加活动的群众越来越多。", 18))
            + "\n\n" + "\n".join(wrap("这条公路全长十八公里，连通沿线六个行政村，结束了山里群众出行难的历史，"
                                       "沿线群众纷纷表示满意。", 18)) + "\n\n记者 王小红\n")
    return narrow, wide


def test_two_line_paragraph_wrapped_early_before_a_quote_stays_in_the_wider_column():
    # A paragraph of two lines, too few to measure its column on, after an
    # article set in a narrower one: its first line stops a character short
    # of the next paragraph's, because the quote that follows may not end a
    # line. Repair's column estimate still holds the narrow column there, so
    # its first line alone says where it belongs: with the wider text after it.
    starts = _block_starts
    narrow, wide = _narrow_article_then_wide_text()
    quoted = "区里开展文明创建活动要想真正见\n“重在坚持”。\n\n"
    assert starts(narrow + quoted + wide) == [["全县今年", "镇卫生院"], ["区里开展", "目前，街", "这条公路"]]
    page = narrow + quoted + wide
    assert check_conservation(page, huozi.parse(page).to_dict()) == []
    # The same first line over a line that could have ended it says the
    # narrow column: the short paragraph stands alone.
    plain = "区里开展文明创建活动要想真正见\n到实效重在坚持。\n\n"
    assert starts(narrow + plain + wide) == [["全县今年", "镇卫生院"], ["区里开展"], ["目前，街", "这条公路"]]


def test_one_line_caption_too_wide_for_the_column_before_opens_the_next_article():
    # A photo caption of one line between two articles set in different
    # columns: wider than the column of the text before it, it was not set
    # there; it heads the article in the wider column after it. One that
    # fits the narrow column says nothing and stays where it is.
    def starts(text):
        return [[b["text"][:4] for b in a["blocks"]] for a in huozi.parse(text).to_dict()["articles"]]
    narrow = ("\n".join(wrap("全县今年新建高标准农田三万亩，配套修建机井和排灌渠道，农业生产条件明显改善，粮食产量连续五年稳定增长。", 11))
              + "\n\n" + "\n".join(wrap("镇卫生院新添了彩超和心电监护设备，附近村民在家门口就能看上病，不用再往城里跑。", 11)) + "\n\n")
    wide = ("\n".join(wrap("街道组建了一支由退休教师组成的志愿服务队，每周末为辖区孩子义务辅导功课，"
                          "又在社区设立了便民服务站，参加活动的群众越来越多。", 20))
            + "\n\n" + "\n".join(wrap("这条公路全长十八公里，连通沿线六个行政村，结束了山里群众出行难的历史，"
                                       "沿线群众纷纷表示满意。", 20)) + "\n")
    page = narrow + "图为社区志愿者为老人义诊。\n\n" + wide
    assert starts(page) == [["全县今年", "镇卫生院"], ["图为社区", "街道组建", "这条公路"]]
    assert check_conservation(page, huozi.parse(page).to_dict()) == []
    assert starts(narrow + "图为义诊现场。\n\n" + wide) == [["全县今年", "镇卫生院", "图为义诊"], ["街道组建", "这条公路"]]


def test_short_paragraph_as_wide_as_the_next_column_opens_the_next_article():
    # A paragraph of three lines (one inner line: too few to measure against
    # the column before it) as wide as the paragraph after it, which changes
    # the column: the new article opens with it, not a paragraph later.
    def starts(text):
        return [[b["text"][:4] for b in a["blocks"]] for a in huozi.parse(text).to_dict()["articles"]]
    short = "市交警支队今年共查处各类交通违\n法行为一万余起，依法吊销驾驶证\n二十余本。\n"
    assert starts(WIDE + WIDE2 + short + NARROW) == [["为了做好", "活动开展"], ["市交警支", "今年以来"]]
    # As wide as the column before it: it closes the first article.
    wide_short = "市交警支队今年共查处各类交通违法行\n为一万余起，依法吊销驾驶证二十余本\n，群众满意。\n"
    assert starts(WIDE + WIDE2 + wide_short + NARROW) == [["为了做好", "活动开展", "市交警支"], ["今年以来"]]


def test_page_that_mixes_the_layouts_is_read_as_mixed():
    # Read with one layout, the two-line group is one headline over B and A
    # stays untitled. But its second line alone is B's lead and C's title
    # (after C) is C's lead: A's title printed after A, B's before B, C's
    # after C.
    c = ("市消防支队日前组织开展冬季消防安全检查，共\n排查各类隐患一百余处，督促整改到位，全市火\n"
         "灾形势保持平稳，群众安全感明显增强。\n")
    text = (A + "通讯员 王五\n\n冬日暖阳\n全市交通秩序明显好转\n\n" + B + "记者 李四\n\n" + c
            + "记者 赵六\n\n开展冬季消防安全检查\n")
    assert heads(text) == [(None, "冬日暖阳", "为了做好"), (None, "全市交通秩序明显好转", "今年以来"),
                           (None, "开展冬季消防安全检查", "市消防支")]


def test_byline_after_a_body_whose_byline_is_over_it_goes_to_the_next_article():
    # Title-before layout: the first article's byline is under its title;
    # the one after its body stands over the next article (no headline, set
    # in another column).
    text = "社区民警进万家\n\n通讯员 王五\n\n" + WIDE + "\n记者 李四\n\n" + NARROW
    d = huozi.parse(text).to_dict()
    assert [([x["name"] for x in a["authors"]], a["blocks"][0]["text"][:4]) for a in d["articles"]] == [
        (["王五"], "为了做好"), (["李四"], "今年以来")]


def test_a_headline_that_ends_like_an_office_is_no_kicker():
    # An organisation's name is a noun phrase: a line ending in 政府 or 部
    # that reads as running text (的, 在于, 被) is a headline; 干部 (cadres)
    # and a count of 部 (两部) name no department.
    assert one("祥方雄洪的顺点在于乡政府") == [(None, "祥方雄洪的顺点在于乡政府", None)]
    assert one("伯泽分博和干部\n为临尽这一振店") == [(None, "伯泽分博和干部 为临尽这一振店", None)]
    assert one("中汉贵秋的奥盘被断诺两部\n恩低养和社会乱辉莫") == [
        (None, "中汉贵秋的奥盘被断诺两部 恩低养和社会乱辉莫", None)]
    # Real issuing units stay kickers.
    assert one("市委宣传部\n坚持政治建警 全面从严治警") == [("市委宣传部", "坚持政治建警 全面从严治警", None)]
    assert one("邹城市人民政府") == [("邹城市人民政府", None, None)]


def test_a_business_under_a_headline_is_its_second_line_not_a_kicker():
    # A company, group or bank under a headline is the subject its second
    # line names; the issuing units set under a headline are offices.
    assert one("网络事业发展较快\n瑞典沃尔沃汽车公司") == [(None, "网络事业发展较快 瑞典沃尔沃汽车公司", None)]
    assert one("网络事业发展较快\n北京首都钢铁集团") == [(None, "网络事业发展较快 北京首都钢铁集团", None)]
    # An office under the headline stays its kicker; a business over it too.
    assert one("社区民警进万家\n市公安局") == [("市公安局", "社区民警进万家", None)]
    assert one("市广告公司\n翻开旧中国的外交史") == [("市广告公司", "翻开旧中国的外交史", None)]


def test_a_heading_the_next_paragraph_opens_with_is_a_headline_not_a_subheading():
    # Between two paragraphs of one column width a lone heading line is a
    # subheading, unless the paragraph under it opens with its very words: a
    # headline taken from its lead, over a new article.
    # (Headings under ten characters: a longer lone one is a headline anyway.)
    lead = ("斯德拉光夫大白阿，为了永一塔黄高斯\n德的罗波，土年飞们组织爱音尼员开族\n"
            "剧思，存得了维论的赛女。\n")
    assert heads(A + "\n斯德拉光夫大白阿\n\n" + lead) == [
        (None, None, "为了做好"), (None, "斯德拉光夫大白阿", "斯德拉光")]
    # The same line over a paragraph that does not repeat it stays a subheading.
    other = lead.replace("斯德拉光夫大白阿，", "鱼养爱川尼员直为，")
    assert heads(A + "\n斯德拉光夫大白阿\n\n" + other) == [(None, None, "为了做好")]


def test_a_heading_the_lead_repeats_after_its_time_phrase_is_a_headline():
    # News leads put a time phrase before the headline's words (7月23日，…):
    # the heading is still a whole clause of the lead.
    lead = ("7月23日，斯德拉光着夫大的罗波白阿，为\n了永一塔黄高斯德的罗波，土年飞们组织\n"
            "爱音尼员开族剧思，存得了维论的赛女。\n")
    assert heads(A + "\n斯德拉光着夫大的罗波白阿\n\n" + lead) == [
        (None, None, "为了做好"), (None, "斯德拉光着夫大的罗波白阿", "7月23")]


def test_issuing_unit_between_headline_and_subtitle_is_the_kicker():
    # A kicker set beside the headline comes out of a PDF between the
    # headline and its subtitle: it is the kicker, not a headline line.
    assert one("法人有可能行为完全合法\n市交警分局\n——办工厂走上了富裕路") == [
        ("市交警分局", "法人有可能行为完全合法", "——办工厂走上了富裕路")]
    # A headline line that only ends like an office stays in the headline.
    assert one("服务群众在一线\n民警进驻社区警务站\n——记任城公安分局") == [
        (None, "服务群众在一线 民警进驻社区警务站", "——记任城公安分局")]


def test_byline_between_two_title_groups_is_no_article_of_its_own():
    # PDF reading order may put a title-after article's byline under its
    # title, right before the next article's title: the byline joins the
    # article above (which has none), it is no article by itself.
    page = A + "\n社区民警进万家\n\n■通讯员 杨文云 孔浩\n\n交通秩序明显好转\n\n" + B
    arts = huozi.parse(page).to_dict()["articles"]
    assert check_conservation(page, huozi.parse(page).to_dict()) == []
    assert [(a["title"], [x["name"] for x in a["authors"]]) for a in arts] == [
        ("社区民警进万家", ["杨文云", "孔浩"]), ("交通秩序明显好转", [])]


def test_group_with_a_kicker_on_top_is_cut_after_the_kickers_title():
    # A's kicker and title printed after A, B's title before B (a page that
    # mixes the layouts): the group is cut under A's title, never between a
    # kicker and its title.
    text = A + "\n市公安局\n社区民警进万家\n全市交通秩序明显好转\n\n" + B
    assert heads(text) == [("市公安局", "社区民警进万家", "为了做好"), (None, "全市交通秩序明显好转", "今年以来")]


def test_two_articles_between_a_title_over_one_and_a_title_under_the_other_are_cut():
    # A's title over A, B's title under B, nothing between A and B (a page
    # that mixes the layouts): the run is two articles, cut where the second
    # title repeats the lead, instead of B's title standing alone.
    text = "社区民警进万家\n\n" + A + "\n" + B + "\n全市交通秩序明显好转\n"
    assert heads(text) == [(None, "社区民警进万家", "为了做好"), (None, "全市交通秩序明显好转", "今年以来")]


def test_mixed_reading_wins_by_one_change_of_layout_and_a_weak_cut():
    # A's title after A, B's before B (sharing a quarter of its bigrams with
    # B's lead), C's after C (C's lead): read with one layout B stays
    # untitled; mixed, each article has its title.
    c = ("市消防支队日前组织开展冬季消防安全检查，共\n排查各类隐患一百余处，督促整改到位，全市火\n"
         "灾形势保持平稳，群众安全感明显增强。\n")
    # (No blank line under the group: its lines being set tight says nothing.)
    text = A + "通讯员 王五\n\n冬日暖阳\n市交通迎来新春佳节\n" + B + "记者 李四\n\n" + c + "\n开展冬季消防安全检查\n"
    assert heads(text) == [(None, "冬日暖阳", "为了做好"), (None, "市交通迎来新春佳节", "今年以来"),
                           (None, "开展冬季消防安全检查", "市消防支")]


def test_a_heading_that_is_a_whole_clause_of_the_next_lead_is_a_headline():
    # The headline cut from a clause inside the lead, not its opening words.
    lead = ("斯德是飞智主要的皮私峰塞。专宏直为，\n斯德拉光夫大白阿，为了永一塔黄高其罗\n"
            "波，土年组织爱音尼员开族剧思。\n")
    assert heads(A + "\n斯德拉光夫大白阿\n\n" + lead) == [
        (None, None, "为了做好"), (None, "斯德拉光夫大白阿", "斯德是飞")]
    # Part of a clause only: a subheading still.
    part = lead.replace("斯德拉光夫大白阿，为了永一塔黄高其罗", "斯德拉光夫大白阿所在，永一塔黄高其罗")
    assert heads(A + "\n斯德拉光夫大白阿\n\n" + part) == [(None, None, "为了做好")]


def test_a_headline_that_is_a_whole_clause_of_a_lead_past_its_first_bigrams_goes_to_that_lead():
    # The headline is the lead's first clause free of figures, ninety
    # characters in (past the bigrams a lead is matched on): cut from that
    # lead, alone or over its subtitle. Without the clause the group, between
    # a body closed by its byline and a body with nothing to say, is the
    # title of the body above (printed after it).
    lead = ("去年，全市公安机关坚持以人为本，深入开展严打整治斗争，破获各类刑事案件一万二千余起，抓获犯罪嫌疑人八千余名，"
            "查处治安案件三万余起，收缴各类枪支弹药一批，捣毁涉黑涉恶团伙四十余个，交通事故起数同比下降两成，"
            "群众安全感明显增强。")
    headline = "交通事故起数同比下降两成"
    assert lead.find(headline) > 80
    other = lead.replace(headline, "道路交通秩序也明显好转")
    for subtitle in ("", "——二○○一年新年宝语\n"):
        text = A + "\n通讯员 王五\n\n" + headline + "\n" + subtitle + "\n{}\n记者 赵六\n"
        assert heads(text.format("\n".join(wrap(lead, 17)))) == [(None, None, "为了做好"), (None, headline, "去年，全")]
        assert heads(text.format("\n".join(wrap(other, 17)))) == [(None, headline, "为了做好"), (None, None, "去年，全")]


def test_four_line_group_without_evidence_is_cut_into_two_two_line_headlines():
    assert heads(A + "\n冬日暖阳\n平安守护\n春风化雨\n万家灯火\n" + B) == [
        (None, "冬日暖阳 平安守护", "为了做好"), (None, "春风化雨 万家灯火", "今年以来")]


def test_a_headline_over_its_subtitle_is_one_line_of_a_cut_group():
    # Three title lines and a subtitle between two bodies, no lead evidence:
    # the subtitle's headline is the line over it alone, the two lines above
    # are the headline printed after A.
    text = A + "\n冬日暖阳\n平安守护\n春风化雨\n——记社区民警的一天\n" + B
    assert heads(text) == [(None, "冬日暖阳 平安守护", "为了做好"), (None, "春风化雨", "今年以来")]
    assert huozi.parse(text).to_dict()["articles"][1]["subtitle"] == "——记社区民警的一天"


def test_a_two_part_headline_on_one_line_is_one_line_of_a_cut_group():
    # A line of two phrases set apart by a gap is a whole headline: the cut
    # leaves it alone, wherever it is in the group.
    assert heads(A + "\n冬日暖阳\n平安守护\n春风化雨 万家灯火\n" + B) == [
        (None, "冬日暖阳 平安守护", "为了做好"), (None, "春风化雨 万家灯火", "今年以来")]
    assert heads(A + "\n冬日暖阳 万家灯火\n平安守护\n春风化雨\n" + B) == [
        (None, "冬日暖阳 万家灯火", "为了做好"), (None, "平安守护 春风化雨", "今年以来")]


def test_a_two_part_headline_beside_one_more_line_is_two_articles_headlines():
    # Two lines between two bodies, no lead evidence: two plain lines are
    # mostly one headline, but a line of two phrases set apart by a gap is a
    # whole headline with no second line, so the group is the headline
    # printed after A and the one over B.
    assert heads(A + "\n冬日暖阳 平安守护\n春风化雨\n" + B) == [
        (None, "冬日暖阳 平安守护", "为了做好"), (None, "春风化雨", "今年以来")]
    assert heads(A + "\n冬日暖阳\n春风化雨 万家灯火\n" + B) == [
        (None, "冬日暖阳", "为了做好"), (None, "春风化雨 万家灯火", "今年以来")]
    # Two lines of one phrase each stay one headline.
    assert heads(A + "\n冬日暖阳\n春风化雨\n" + B) == [
        (None, "冬日暖阳 春风化雨", "为了做好"), (None, None, "今年以来")]


def test_a_kicker_over_a_two_part_headline_and_one_more_line_heads_two_articles():
    # The group of the test above with a kicker on top, set tight: the kicker
    # and the two-part headline printed after A, the last line over B. (With
    # kTwoPhraseGroupCost at 0.6 the three lines stayed A's head.)
    assert heads(A + "\n市公安局\n冬日暖阳 平安守护\n春风化雨\n" + B) == [
        ("市公安局", "冬日暖阳 平安守护", "为了做好"), (None, "春风化雨", "今年以来")]
    # Set off by blank lines, the tight cut costs more: one head still, over
    # a lead that names the kicker's unit (A's 市公安局: three bigrams, what a
    # lead shares by chance, kChanceBigrams) as over one that does not. The
    # chance bigrams are taken off the cut parts' overlaps as off the whole
    # group's: taken off the whole only, the head part's three favoured the cut.
    assert heads(A + "\n市公安局\n\n冬日暖阳 平安守护\n春风化雨\n\n" + B) == [
        ("市公安局", "冬日暖阳 平安守护 春风化雨", "为了做好"), (None, None, "今年以来")]
    a_unnamed = A.replace("市公安局", "市警务处")
    assert heads(a_unnamed + "\n市公安局\n\n冬日暖阳 平安守护\n春风化雨\n\n" + B) == [
        ("市公安局", "冬日暖阳 平安守护 春风化雨", "为了做好"), (None, None, "今年以来")]


def test_lines_set_tight_in_a_group_set_off_by_blank_lines_are_one_headline():
    # The page of the mixed-reading test with its group set off by blank
    # lines: two lines set tight are one headline (B stays untitled); a
    # blank line between them sets two headlines apart.
    c = ("市消防支队日前组织开展冬季消防安全检查，共\n排查各类隐患一百余处，督促整改到位，全市火\n"
         "灾形势保持平稳，群众安全感明显增强。\n")
    tail = B + "记者 李四\n\n" + c + "\n开展冬季消防安全检查\n"
    assert heads(A + "通讯员 王五\n\n冬日暖阳\n市交通迎来新春佳节\n\n" + tail)[:2] == [
        (None, "冬日暖阳 市交通迎来新春佳节", "为了做好"), (None, None, "今年以来")]
    assert heads(A + "通讯员 王五\n\n冬日暖阳\n\n市交通迎来新春佳节\n\n" + tail)[:2] == [
        (None, "冬日暖阳", "为了做好"), (None, "市交通迎来新春佳节", "今年以来")]


def test_blank_lines_between_title_lines_say_nothing_where_blank_lines_do_not_part_blocks():
    # The page of the test above set with a blank line after each
    # paragraph's first line: blank lines there fall inside paragraphs as
    # often as between blocks, so whether the group's two lines are set tight
    # or parted by one says nothing of where two heads part. Both read as the
    # mixed-reading test's tight group does: cut by what the second line
    # shares with B's lead. (Set tight in a group set off by blank lines, the
    # two lines stayed one headline over A.)
    def blank_after_first(p):
        lines = p.rstrip("\n").split("\n")
        return lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n"
    c = ("市消防支队日前组织开展冬季消防安全检查，共\n排查各类隐患一百余处，督促整改到位，全市火\n"
         "灾形势保持平稳，群众安全感明显增强。\n")
    tail = blank_after_first(B) + "记者 李四\n\n" + blank_after_first(c) + "\n开展冬季消防安全检查\n"
    for between in ("\n", "\n\n"):
        text = blank_after_first(A) + "通讯员 王五\n\n冬日暖阳" + between + "市交通迎来新春佳节\n\n" + tail
        assert heads(text) == [(None, "冬日暖阳", "为了做好"), (None, "市交通迎来新春佳节", "今年以来"),
                               (None, "开展冬季消防安全检查", "市消防支")]


def test_a_headline_with_a_verb_of_going_or_suing_is_no_kicker():
    # Ends in 政府 or 公司, but 到 and 告 make it a sentence about the office.
    assert one("村民到镇政府") == [(None, "村民到镇政府", None)]
    assert one("果农告县政府\n翻开旧中国的外交史") == [(None, "果农告县政府 翻开旧中国的外交史", None)]
    assert one("学成后回乡到本公司\n守护一方平安") == [(None, "学成后回乡到本公司 守护一方平安", None)]
    # 告 inside a noun (广告) leaves a name a name.
    assert one("市广告公司\n翻开旧中国的外交史") == [("市广告公司", "翻开旧中国的外交史", None)]


def test_a_headline_whose_last_word_only_looks_like_an_office_is_no_kicker():
    # 局 and 办 end offices' names (公安局, 扶贫办), and also words of
    # running text: a situation (全局, 新格局), a verb (主办, 查办). Nor does
    # a name open with a quantity (一些, 有的: offices in general) or list
    # with 等 (…等单位: and others).
    assert one("稳住全局\n翻开旧中国的外交史") == [(None, "稳住全局 翻开旧中国的外交史", None)]
    assert one("形成发展新格局\n翻开旧中国的外交史") == [(None, "形成发展新格局 翻开旧中国的外交史", None)]
    # A foregone conclusion (定局) or a game's end (出局, 平局) is no bureau
    # either: a first title line ending so is the headline's first line.
    assert one("眼看胜负已成定局\n翻开旧中国的外交史") == [(None, "眼看胜负已成定局 翻开旧中国的外交史", None)]
    assert one("老牌球队爆冷出局\n翻开旧中国的外交史") == [(None, "老牌球队爆冷出局 翻开旧中国的外交史", None)]
    assert one("两队最终战成平局\n翻开旧中国的外交史") == [(None, "两队最终战成平局 翻开旧中国的外交史", None)]
    assert one("省体育局主办\n翻开旧中国的外交史") == [(None, "省体育局主办 翻开旧中国的外交史", None)]
    assert one("有的乡镇派出所\n翻开旧中国的外交史") == [(None, "有的乡镇派出所 翻开旧中国的外交史", None)]
    assert one("一些基层法院") == [(None, "一些基层法院", None)]
    assert one("银行证券等金融集团\n翻开旧中国的外交史") == [(None, "银行证券等金融集团 翻开旧中国的外交史", None)]
    # Offices whose names hold the same characters stay kickers.
    assert one("市邮政局\n翻开旧中国的外交史") == [("市邮政局", "翻开旧中国的外交史", None)]
    assert one("县扶贫办\n翻开旧中国的外交史") == [("县扶贫办", "翻开旧中国的外交史", None)]
    assert one("省高等法院\n翻开旧中国的外交史") == [("省高等法院", "翻开旧中国的外交史", None)]


def test_a_centre_or_government_in_general_is_no_kicker():
    # …为中心 "as the centre" with its 以 cut off, 地方政府 local government
    # in general: neither names one body, so a first title line ending so is
    # a headline line, not the kicker over the second.
    assert one("杭州为中心\n翻开旧中国的外交史") == [(None, "杭州为中心 翻开旧中国的外交史", None)]
    assert one("督促地方政府\n翻开旧中国的外交史") == [(None, "督促地方政府 翻开旧中国的外交史", None)]
    # 常委: a member of a standing committee (a post, as 干部 is), not a body.
    assert one("全国政协常委\n翻开旧中国的外交史") == [(None, "全国政协常委 翻开旧中国的外交史", None)]
    assert one("他曾任省委常委\n翻开旧中国的外交史") == [(None, "他曾任省委常委 翻开旧中国的外交史", None)]
    # Named bodies stay kickers: a centre, a government.
    assert one("市政务服务中心\n翻开旧中国的外交史") == [("市政务服务中心", "翻开旧中国的外交史", None)]
    assert one("邹城市人民政府\n翻开旧中国的外交史") == [("邹城市人民政府", "翻开旧中国的外交史", None)]
    assert one("市委\n翻开旧中国的外交史") == [("市委", "翻开旧中国的外交史", None)]


def test_a_headline_that_opens_with_a_preposition_or_holds_a_connective_is_no_kicker():
    # 以…为中心 ends like an office (中心) but is a headline; so are lines
    # with 则, 却, 没有 of running text.
    assert one("以经济建设为中心\n翻开旧中国的外交史") == [(None, "以经济建设为中心 翻开旧中国的外交史", None)]
    assert one("村委会则对乡政府") == [(None, "村委会则对乡政府", None)]
    assert one("各地公安机关在各级党委\n翻开旧中国的外交史") == [(None, "各地公安机关在各级党委 翻开旧中国的外交史", None)]
    assert one("市对外友好协会\n翻开旧中国的外交史") == [("市对外友好协会", "翻开旧中国的外交史", None)]


def test_a_line_of_an_agent_by_whom_or_of_two_bodies_is_no_kicker():
    # 由 (by) opens the agent of a headline's verb, over or under it; 以及
    # (and) joins two bodies: neither line is one office's name.
    assert one("由市交通运输局\n翻开旧中国的外交史") == [(None, "由市交通运输局 翻开旧中国的外交史", None)]
    assert one("翻开旧中国的外交史\n由市交通运输局") == [(None, "翻开旧中国的外交史 由市交通运输局", None)]
    assert one("市人大以及法院\n翻开旧中国的外交史") == [(None, "市人大以及法院 翻开旧中国的外交史", None)]
    # The office alone is still the kicker.
    assert one("市交通运输局\n翻开旧中国的外交史") == [("市交通运输局", "翻开旧中国的外交史", None)]


def test_a_byline_under_a_group_speaks_for_its_second_part_as_for_the_whole():
    # B's byline under the group: B takes what the group gives it, here its
    # second line (B's lead), not the whole group for want of a byline bonus
    # on the cut.
    text = A + "\n冬日暖阳\n全市交通秩序明显好转\n记者 李四\n\n" + B
    assert heads(text) == [(None, "冬日暖阳", "为了做好"), (None, "全市交通秩序明显好转", "今年以来")]


def test_a_title_line_repeated_in_a_lead_inside_a_run_cuts_the_run_there():
    # A titled over its body, B (no title over it) right under A, then B's
    # title printed under B and C's over C, set tight: B's lead repeats the
    # first line word for word, so the run A+B is two articles and the group
    # two headlines.
    c = ("市消防支队日前组织开展冬季消防安全检查，共\n排查各类隐患一百余处，督促整改到位，全市火\n"
         "灾形势保持平稳，群众安全感明显增强。\n")
    text = "社区民警进万家\n\n" + A + B + "\n全市交通秩序明显好转\n开展冬季消防安全检查\n\n" + c
    assert heads(text) == [(None, "社区民警进万家", "为了做好"), (None, "全市交通秩序明显好转", "今年以来"),
                           (None, "开展冬季消防安全检查", "市消防支")]


def test_issuing_unit_of_thirteen_characters_alone_is_a_kicker():
    assert one("济宁市人力资源和社会保障局") == [("济宁市人力资源和社会保障局", None, None)]
    # Longer, it is a headline that ends like one.
    assert one("我市三家企业跻身全国百强集团") == [(None, "我市三家企业跻身全国百强集团", None)]


def test_byline_of_a_head_block_read_after_its_body_stays_with_it():
    # PDF reading order puts a head block (kicker, title, subtitle, byline)
    # after the columns it heads; the byline under it opens the next run but
    # is the titled article's: the next article has a byline of its own.
    text = (A + "\n市公安局\n社区民警进万家\n——记全市社区警务工作\n本报记者 王五 赵六\n\n" + B +
            "通讯员 钱七\n\n交通秩序明显好转\n")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    got = [(a["title"], [x["name"] for x in a["authors"]]) for a in d["articles"]]
    assert got == [("社区民警进万家", ["王五", "赵六"]), ("交通秩序明显好转", ["钱七"])]


def test_byline_over_a_body_whose_title_comes_after_it_goes_to_the_head_above():
    # The next article's own title group follows its body (title after
    # body), so a byline over that body fits neither layout: it is the
    # byline of the head block printed just above it.
    text = (A + "\n市公安局\n社区民警进万家\n本报记者 王五\n\n" + B + "\n交通秩序明显好转\n")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    got = [(a["title"], [x["name"] for x in a["authors"]]) for a in d["articles"]]
    assert got == [("社区民警进万家", ["王五"]), ("交通秩序明显好转", [])]


def test_byline_alone_between_two_title_groups_carries_no_title():
    # PDF reading order: A's body, A's head (title, byline), B's head, B's
    # body. The byline alone between the two title groups is no article
    # that A's title could go to: A's title goes to A's body above it, the
    # byline with it.
    text = A + "\n警民一家亲\n\n通讯员 钱七\n\n春风吹进千万家\n\n" + B
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    got = [(a["title"], [x["name"] for x in a["authors"]], a["blocks"][0]["text"][:4] if a["blocks"] else None)
           for a in d["articles"]]
    assert got == [("警民一家亲", ["钱七"], "为了做好"), ("春风吹进千万家", [], "今年以来")]


def test_heading_of_two_phrases_between_paragraphs_is_a_headline():
    # Between two paragraphs of one column width a lone heading is a
    # subheading, unless it is two phrases set apart by a gap: subheadings
    # are one phrase, a headline of two is the next article's.
    text = "社区民警进万家\n\n" + A + "\n警民携手 共建平安\n\n" + A.replace("社区警务", "交通管理")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert [a["title"] for a in d["articles"]] == ["社区民警进万家", "警民携手 共建平安"]
    # One phrase stays a subheading; so does a gap inside Latin text.
    for sub in ("警民携手共建平安", "Windows XP"):
        d = huozi.parse("社区民警进万家\n\n" + A + "\n" + sub + "\n\n" + A).to_dict()
        assert [a["title"] for a in d["articles"]] == ["社区民警进万家"], sub
        assert [b["kind"] for b in d["articles"][0]["blocks"]][1] == "subheading", sub


def test_byline_over_the_body_and_another_after_it_split_at_the_one_heading():
    # Title, byline, body, a lone heading, more body, a byline: the second
    # byline is not the first article's (its byline is over its body); the
    # heading between is the next article's headline, not a subheading.
    text = ("社区民警进万家\n本报记者 王五\n\n" + A + "\n" + B + "\n交通秩序明显好转\n\n" + B + A +
            "\n通讯员 钱七\n")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    got = [(a["title"], [x["name"] for x in a["authors"]], len(a["blocks"])) for a in d["articles"]]
    assert got == [("社区民警进万家", ["王五"], 2), ("交通秩序明显好转", ["钱七"], 2)]


def test_byline_over_the_body_and_another_after_it_split_at_the_long_heading_among_short_ones():
    # The same with two headings between the bylines: the long one (as long
    # as a headline) is the next article's headline, the short one under it
    # that article's subheading.
    text = ("社区民警进万家\n本报记者 王五\n\n" + A + "\n" + B + "\n全市交通秩序今年明显好转\n\n" + B + "\n路口有人管\n\n" +
            A + "\n通讯员 钱七\n")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    got = [(a["title"], [x["name"] for x in a["authors"]], len(a["blocks"])) for a in d["articles"]]
    assert got == [("社区民警进万家", ["王五"], 2), ("全市交通秩序今年明显好转", ["钱七"], 3)]


@pytest.mark.parametrize("long_head, short_head", [
    ("市区新增二十处便民停车场", "停车难题有解"),
    # Nine wide characters and a figure of four digits: eleven characters
    # long as printed (two digits take one character's room), a headline;
    # without the figure, eight, a subheading.
    ("全市新增停车泊位3000个", "全市新增停车泊位"),
])
def test_long_lone_heading_between_paragraphs_is_the_next_headline(long_head, short_head):
    # Subheadings come in sets of short phrases. A heading of ten or more
    # characters as printed, the only one among the paragraphs between two
    # title groups, is the headline of the next article set over its body;
    # a short one stays a subheading.
    text = "社区民警进万家\n\n" + A + "\n" + long_head + "\n\n" + B
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert [a["title"] for a in d["articles"]] == ["社区民警进万家", long_head]
    short = huozi.parse("社区民警进万家\n\n" + A + "\n" + short_head + "\n\n" + B).to_dict()
    assert [a["title"] for a in short["articles"]] == ["社区民警进万家"]


def test_long_heading_among_short_subheadings_is_the_next_headline():
    # The one long heading among short ones (the next article's subheadings
    # read into the same run) is still that article's headline; the short
    # one stays its subheading. Two long ones are a set of subheadings.
    long_head = "市区新增二十处便民停车场"
    text = "社区民警进万家\n\n" + A + "\n" + long_head + "\n\n" + B + "\n停车难题有解\n\n" + B
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert [a["title"] for a in d["articles"]] == ["社区民警进万家", long_head]
    assert [b["kind"] for b in d["articles"][1]["blocks"]] == ["paragraph", "subheading", "paragraph"]
    other_long = "停车难题有了解决办法"
    two = huozi.parse("社区民警进万家\n\n" + A + "\n" + long_head + "\n\n" + B + "\n" + other_long + "\n\n" + B).to_dict()
    assert [a["title"] for a in two["articles"]] == ["社区民警进万家"]
    assert [b["kind"] for b in two["articles"][0]["blocks"]].count("subheading") == 2


def test_long_subheading_after_a_short_one_of_the_same_set_stays_a_subheading():
    # An article's own set of subheadings, its middle one long: with short
    # ones of the set over it (under the same headline) and under it, the
    # long one is one of that set, not the next article's headline.
    long_head = "民警走进千家万户解难题"
    text = ("社区民警进万家\n\n" + A + "\n织密防护网\n\n" + B + "\n" + long_head + "\n\n" + A +
            "\n服务零距离\n\n" + B)
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert [a["title"] for a in d["articles"]] == ["社区民警进万家"]
    assert [b["kind"] for b in d["articles"][0]["blocks"]].count("subheading") == 3


def test_lone_heading_that_repeats_the_lead_above_is_that_articles_title():
    # Title after body: a short heading between two bodies that the lead of
    # the body above it opens with is that article's headline, not a
    # subheading of one long article.
    a = ("社区民警进万家，市公安局在全市范\n围内开展走访活动，民警们走街串巷\n，逐户走访群众，解决实际困难。\n"
         "活动开展以来，共走访群众三万余户\n，收集意见建议一千二百余条。\n")
    text = a + "\n社区民警进万家\n\n" + B
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert heads(text) == [(None, "社区民警进万家", "社区民警"), (None, None, "今年以来")]


def test_heading_between_bodies_one_em_apart_is_no_subheading():
    # Two bodies whose columns differ by one em (13 and 14 characters a
    # line): two articles, not one with a subheading; a subheading sits
    # between paragraphs set in one column.
    pa = ["社区民警走进居民小区开展防诈骗宣传活动，发放宣传资料三千余份，现场解答群众疑问两百多个，受到居民普遍欢迎。",
          "民警还结合身边的真实案例，讲解了冒充客服退款和刷单返利等常见诈骗手法，提醒大家不轻信陌生来电，不点击不明链接，"
          "遇到可疑情况及时报警求助。",
          "活动中，民警还为老年居民手机安装了反诈软件，手把手教他们识别诈骗短信和电话，老人们纷纷表示受益匪浅。"]
    pb = ["市交警支队在城区主干道新增电子警察二十处，严查闯红灯和不礼让行人等交通违法行为，道路通行秩序明显好转。",
          "交警部门表示，下一步将继续加大整治力度，在学校和医院周边增派警力疏导交通，让广大群众出行更加安全便捷。",
          "据统计，今年以来全市共查处各类交通违法行为五万余起，交通事故起数同比下降两成，群众满意度持续提升。"]
    text = ("\n".join(line for p in pa for line in wrap(p, 13)) + "\n\n交通秩序明显好转\n\n" +
            "\n".join(line for p in pb for line in wrap(p, 14)) + "\n")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert len(d["articles"]) == 2
    assert all(blk["kind"] != "subheading" for art in d["articles"] for blk in art["blocks"])


def test_moved_head_inside_a_paragraph_goes_to_the_article_it_opens():
    # Columns out of order: another article's kicker, title and first line
    # set into a paragraph that stops mid-sentence. Repair rejoins the
    # paragraph around them and sets the headings apart as headings; the
    # moved first line goes on after the paragraph, so the head opens the
    # article there instead of being read as paragraphs of the one above.
    text = ("社区图书馆遍布街巷\n区里今年新建的三座社区图书馆已经全部开放，\n每天接待读者近千人次，周末更是一座难求。为了\n"
            "让老人和孩子就近读书，街道还在居民楼下设立了\n市图书馆学会\n书香飘进老街小巷\n入冬以来，城南的老街小巷里，\n"
            "二十个流动借书点，由志愿者轮流值守，借还都很\n方便。\n多了几处暖和的读书角，吸引了不少\n附近的居民前来翻阅报刊。\n")
    articles = huozi.parse(text).to_dict()["articles"]
    assert [a["blocks"][0]["text"][:4] for a in articles] == ["区里今年", "入冬以来"]
    assert "书香飘进老街小巷" in (articles[1]["title"] or "")
    assert check_conservation(text, huozi.parse(text).to_dict()) == []


def test_issuing_unit_read_as_a_line_of_text_is_a_kicker():
    # A photo caption closes the article above; the issuing unit under it
    # (a line with no punctuation, which repair leaves as a one-line
    # paragraph there) heads the next article with the faux-bold headline
    # under it, instead of sitting in the first article as text.
    a = ("为了做好新形势下的社区警务工\n作，市公安局在全市范围内开展了“社\n区民警进万家”活动，民警们走街串巷\n"
         "，逐户走访群众，解决实际困难。\n")
    text = (a + "\n图为民警走访群众。（本报记者王\n五摄）\n\n市交警支队\n\n交交通通秩秩序序明明显显好好转转\n\n" + B)
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert heads(text) == [(None, None, "为了做好"), ("市交警支队", "交通秩序明显好转", "今年以来")]


@pytest.mark.parametrize("headline, lead_text", [
    # The lead under the byline repeats the headline.
    ("老街小巷里的流动借书",
     "老街小巷里的流动借书点，由志愿者轮流值守，借还都很方便，吸引了不少附近的居民前来翻阅报刊，城南的老人们更是每天必到。"),
    # It does not: a headline, its byline and a lead are a head as printed.
    ("书香飘进老街小巷", "今年春节前后，城南的老人们每天都到街口的书摊前坐一坐，由志愿者轮流值守，借还都很方便。"),
])
def test_heading_left_as_text_with_its_byline_between_it_and_the_lead(headline, lead_text):
    # Columns out of order: another article's headline and byline set into a
    # paragraph (the paragraph goes on after that article). Repair leaves the
    # headline, a line as wide as the column, as a one-line paragraph; with
    # its byline and its lead under it, it heads that article.
    before = wrap("社区图书馆建设是今年城区惠民工程的重点之一，从选址到开放只用了半年时间。", 12)
    cut = wrap("区里今年新建的三座社区图书馆已经全部开放，每天接待读者近千人次，周末更是一座难求，街道还在居民楼下设立了阅览室。", 12)
    lead = wrap(lead_text, 18)
    text = ("\n".join(before) + "\n\n" + "\n".join(cut[:2]) + "\n\n" + headline + "\n\n通讯员 王晓明\n\n" +
            "\n".join(lead) + "\n\n" + "\n".join(cut[2:]) + "\n")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    last = d["articles"][-1]
    assert last["title"] == headline
    assert [a["name"] for a in last["authors"]] == ["王晓明"]
    assert last["blocks"][0]["text"].startswith(lead_text.split("，")[0] + "，")
    assert all(not a["authors"] for a in d["articles"][:-1])


@pytest.mark.parametrize("lead_text", [
    # The lead repeats the headline as a clause.
    "今年春节前后，城南的老人们每天都要到街口转一转，老街小巷里也有了流动借书点，由志愿者轮流值守，借还都很方便。",
    # It does not: a headline, its subtitle and a lead are a head as printed.
    "今年春节前后，城南的老人们每天都要到街口转一转，街道的志愿者在那里轮流值守，借还图书都很方便。",
])
def test_heading_left_as_text_with_its_subtitle_between_it_and_the_lead(lead_text):
    # A moved head with its subtitle under the headline, on a page without
    # blank lines: the headline is wider than the narrow column it was set
    # into (so repair reads it as text).
    before = wrap("社区图书馆建设是今年城区惠民工程的重点之一，从选址到开放只用了半年时间，区里为此专门成立了工作小组。", 12)
    cut = wrap("区里今年新建的三座社区图书馆已经全部开放，每天接待读者近千人次，周末更是一座难求，街道还在居民楼下设立了阅览室。", 12)
    lead = wrap(lead_text, 24)
    after = wrap("城东的文化广场上，每到周末都有居民自发组织的读书会，参加的既有退休的老教师，也有放学后的中小学生。", 24)
    text = ("\n".join(before) + "\n" + "\n".join(cut[:2]) + "\n老街小巷里也有了流动借书点\n——记城南街道的志愿者\n" +
            "\n".join(lead) + "\n" + "\n".join(cut[2:]) + "\n" + "\n".join(after) + "\n")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    moved = [a for a in d["articles"] if a["blocks"] and a["blocks"][0]["text"].startswith("今年春节前后，")]
    assert len(moved) == 1
    assert moved[0]["title"] == "老街小巷里也有了流动借书点"
    assert moved[0]["subtitle"] == "——记城南街道的志愿者"
    assert all("老街小巷里也有了流动借书点" not in b["text"] for a in d["articles"] if a is not moved[0] for b in a["blocks"])


# PDF extractions of pages that mix the layouts: one article's head, printed
# after its body, runs straight into the next article's head.
C = "春节前夕，县里组织志愿者为孤寡老\n人送去米面油和慰问金，并帮助他们\n打扫卫生、检修电路。\n"


def test_kicker_under_one_headline_and_kicker_over_the_next():
    # A's title with its issuing unit set under it, then B's issuing unit and
    # title: the second of the two units in a row opens B's head.
    text = A + "\n社区民警进万家\n市公安局\n市交警支队\n全市交通秩序明显好转\n\n" + B
    assert heads(text) == [("市公安局", "社区民警进万家", "为了做好"),
                           ("市交警支队", "全市交通秩序明显好转", "今年以来")]


def test_group_of_three_headline_lines_is_two_heads():
    # B follows A's body with nothing between them; its two-line head comes
    # after its body, right over C's one-line head. A headline has one or two
    # lines: the three lines are not one title taken whole by C (which left
    # B's body inside A).
    text = "社区民警进万家\n\n" + A + "\n" + B + "\n交通安全有保障\n出行更加便捷\n志愿者温暖老人心\n\n" + C
    assert heads(text) == [(None, "社区民警进万家", "为了做好"), (None, "交通安全有保障 出行更加便捷", "今年以来"),
                           (None, "志愿者温暖老人心", "春节前夕")]


def column(paragraph, width=14):
    # A paragraph as a PDF extraction sets it in a narrow column: the first
    # line two characters short (the indent), a blank line under it.
    lines = [paragraph[:width - 2]] + [paragraph[i:i + width] for i in range(width - 2, len(paragraph), width)]
    return "\n".join(lines) + "\n\n"


def mixed_layout_page(column, group):
    """A page that mixes the layouts, its paragraphs set by column(): the
    first article's title over its body, the second's head after its body,
    the third's title and subtitle over its body, the fourth's title after
    it. group: the lines between the second article's byline and the third's
    subtitle (the second's kicker and title, the third's title)."""
    return ("冬小麦长势喜人\n\n"
            + column("入冬以来，县里组织农技人员深入田间地头，指导农户做好小麦越冬管理，帮助解决灌溉和施肥中的难题。")
            + column("据了解，全县今年新建高标准农田三万亩，配套修建机井和排灌渠道，农业生产条件明显改善。")
            + "通讯员 王五\n\n"
            + column("镇卫生院新添了彩超和心电监护设备，附近村民在家门口就能看上病，不用再往城里跑。")
            + column("街道还组建了一支由退休教师组成的志愿服务队，每周末为辖区孩子义务辅导功课。")
            + column("这条公路全长十八公里，连通沿线六个行政村，结束了山里群众出行难的历史。")
            + "记者 李四\n\n" + group + "\n——来自山区的报道\n\n"
            + column("市图书馆新馆正式向读者开放，馆内藏书五十万册，设有少儿阅览区和电子阅览室。")
            + column("去年以来，区里把旧城改造作为民生实事来抓，先后完成二十多个老旧小区的管网更新。")
            + "本报记者 赵六\n\n"
            + column("活动现场，医务人员为群众免费测量血压血糖，并发放健康知识宣传资料两千余份。")
            + "义诊活动进社区\n\n通讯员 孙七\n\n")


def test_kicker_and_title_set_tight_then_a_blank_line_then_the_next_title():
    # A page that mixes the layouts: the second article's kicker and title
    # are printed after its body, set tight; a blank line parts them from
    # the third article's title (with its subtitle) over its body. The
    # kicker is no kicker over a two-line headline: the group is cut at the
    # blank line (it was taken whole by the third article, leaving the
    # second untitled).
    text = mixed_layout_page(column, "市环保局\n河道清淤工程完工\n\n春风吹绿小山村")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert heads(text) == [(None, "冬小麦长势喜人", "入冬以来"), ("市环保局", "河道清淤工程完工", "镇卫生院"),
                           (None, "春风吹绿小山村", "市图书馆"), (None, "义诊活动进社区", "活动现场")]


def test_kicker_and_title_then_a_blank_line_say_nothing_where_blank_lines_do_not_part_blocks():
    # The page of the test above with the blank line set after each
    # paragraph's first line, not after the paragraph: blank lines there fall
    # inside paragraphs as often as between blocks, so the one under the
    # kicker's title line does not part two heads. The group reads as it
    # does set tight (a kicker over a two-line headline: kicker_short).
    def column(paragraph, width=14):
        lines = [paragraph[:width - 2]] + [paragraph[i:i + width] for i in range(width - 2, len(paragraph), width)]
        return lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n"

    def page(group):
        return mixed_layout_page(column, group)
    parted = page("市环保局\n河道清淤工程完工\n\n春风吹绿小山村")
    d = huozi.parse(parted).to_dict()
    assert check_conservation(parted, d) == []
    assert heads(parted) == heads(page("市环保局\n河道清淤工程完工\n春风吹绿小山村"))
    assert heads(parted)[1] == ("市环保局", "河道清淤工程完工 春风吹绿小山村", "镇卫生院")


def test_one_line_headline_wrapped_in_two_joins_as_its_lead_has_it():
    # A headline in large type wrapped in two lines: the lead runs on from
    # the first line to the second, so they are one line (no space between);
    # two lines the lead does not run on keep theirs.
    assert heads("全市交通秩序\n明显好转\n\n" + B) == [(None, "全市交通秩序明显好转", "今年以来")]
    assert heads("全市交通秩序\n井然有序\n\n" + B) == [(None, "全市交通秩序 井然有序", "今年以来")]


def test_page_opening_with_a_byline_over_an_untitled_body_reads_title_before():
    # The first article has its byline over its body and no headline: a
    # byline is printed under a headline over the body, so the page's title
    # groups (no lead repeats them) go over the bodies under them, not under
    # the bodies above them.
    c = ("市消防支队日前组织开展冬季消防安全检查，共\n排查各类隐患一百余处，督促整改到位，全市火\n"
         "灾形势保持平稳，群众安全感明显增强。\n")
    text = ("通讯员 王五\n\n" + A + "\n冬日暖阳\n\n" + B + "记者 李四\n\n岁末年初话平安\n\n" + c
            + "记者 赵六\n")
    assert heads(text) == [(None, None, "为了做好"), (None, "冬日暖阳", "今年以来"),
                           (None, "岁末年初话平安", "市消防支")]


def test_byline_over_short_paragraphs_of_another_column_goes_to_the_next_article():
    # As above, but the next article's paragraphs are of two lines each (too
    # short to measure one by one): repair's column width, which changes at
    # the byline, tells the next column.
    pa = ("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了社区民警进万家活动，"
          "民警们走街串巷，逐户走访群众，解决实际困难。")
    pa2 = "活动开展以来，共走访群众三千余户，收集意见建议二百余条，化解矛盾纠纷五十余起，群众满意度明显提高。"
    pb = ("今年以来，全市交通秩序明显好转，全年交通事故起数同比下降两成。",
          "交警部门加大路面巡逻力度，严查各类交通违法行为，通行效率提升。",
          "下一步，全市将继续完善交通设施，优化信号灯配时，方便群众出行。")
    text = ("社区民警进万家\n\n通讯员 王五\n\n" + "\n".join(wrap(pa, 16) + wrap(pa2, 16)) + "\n\n记者 李四\n\n"
            + "\n".join(line for p in pb for line in wrap(p, 26)) + "\n")
    d = huozi.parse(text).to_dict()
    assert [([x["name"] for x in a["authors"]], a["blocks"][0]["text"][:4]) for a in d["articles"]] == [
        (["王五"], "为了做好"), (["李四"], "今年以来")]


def test_headline_under_a_body_that_repeats_a_later_paragraph_opens_its_article_there():
    # Title printed after its body: it repeats B's lead word for word, not
    # A's, so B (from its first paragraph on) is its article and A, over B
    # in the same column, another one with no title.
    more = "交警部门加大路面巡逻力度，严查各类交通\n违法行为，道路通行效率明显提升。\n"
    assert heads(A + B + more + "\n全市交通秩序明显好转\n") == [(None, None, "为了做好"),
                                                                (None, "全市交通秩序明显好转", "今年以来")]
    # Only the last paragraph repeating it (a closing line that restates the
    # headline) keeps the body whole.
    assert heads(A + B + "\n全市交通秩序明显好转\n") == [(None, "全市交通秩序明显好转", "为了做好")]
    # A headline that repeats the first paragraph's lead keeps the whole body.
    both = B.replace("今年以来", "全市交通秩序明显好转以来", 1)
    assert heads(both + B + more + "\n全市交通秩序明显好转\n") == [(None, "全市交通秩序明显好转", "全市交通")]
    # Words of the headline inside a clause of a later paragraph (an article
    # that opens with a story and names its subject after it): one article.
    story = B.replace("今年以来，全市交通秩序明显好转", "今年以来，这是全市交通秩序明显好转的一年", 1)
    assert heads(A + story + more + "\n全市交通秩序明显好转\n") == [(None, "全市交通秩序明显好转", "为了做好")]


def test_two_line_headline_with_a_line_in_a_later_paragraph_keeps_the_body_whole():
    # A headline cut from a lead is one line: the first of two headline
    # lines found in a later paragraph's opening is a phrase the two share,
    # and the body under no title is still one article.
    more = "交警部门加大路面巡逻力度，严查各类交通\n违法行为，道路通行效率明显提升。\n"
    assert heads(A + B + more + "\n全市交通秩序明显好转\n道路畅通百姓安心\n") == [
        (None, "全市交通秩序明显好转 道路畅通百姓安心", "为了做好")]
    # A character an extraction broke off a line (a byline's last name
    # character) over a one-line headline is no headline line: the
    # headline still opens its article at the paragraph it repeats.
    found = heads(A + B + more + "\n华\n全市交通秩序明显好转\n")
    assert [lead for _, _, lead in found] == ["为了做好", "今年以来"]
    assert found[-1][1].endswith("全市交通秩序明显好转")


def para16(p, n=16):
    return "\n".join(wrap(p, n)) + "\n"


def test_headline_that_opens_the_next_lead_as_a_clause_goes_over_it():
    # A page of titles printed after their bodies; the second group shares
    # all its characters with a phrase of the body above (交通秩序明显好转的
    # 原因) and with the opening of the body under it, where it stands as a
    # whole clause (交通秩序明显好转，…): a headline cut from that lead, so
    # the body under it is its article, whatever the layout so far.
    a = para16("社区民警进万家活动开展以来，民警们走街串巷，逐户走访群众，倾听群众呼声，帮助解决实际困难。")
    b = para16("有关部门介绍，交通秩序明显好转的原因是多方面的，路面巡逻力度加大，违法行为得到严查。", 18)
    c = para16("交通秩序明显好转，今年以来全年交通事故起数同比下降两成，群众出行更加安全便捷。", 20)
    text = a + "\n社区民警进万家\n\n" + b + "\n交通秩序明显好转\n\n" + c
    assert heads(text) == [(None, "社区民警进万家", "社区民警"), (None, None, "有关部门"),
                           (None, "交通秩序明显好转", "交通秩序")]


def test_headline_repeating_a_later_paragraph_above_goes_to_it_on_a_mixed_page():
    # The first article's title over its body; under that body, in the same
    # column, a second article whose title comes after it and opens its first
    # paragraph as a whole clause (全市交通秩序明显好转，…); then two more
    # articles, titled over their bodies, and an untitled one. Read as all
    # titles over their bodies, no article would be left untitled, but the
    # repeated clause says the group heads the text above it: the body over
    # it is cut at that paragraph and the next groups go over their bodies.
    a = para16("为了做好新形势下的社区警务工作，公安机关在辖区开展了社区民警进万家活动，民警们走街串巷，"
               "逐户走访群众，倾听群众呼声，帮助解决实际困难，收集意见建议二百余条，化解矛盾纠纷五十余起，"
               "群众满意度明显提高，社会治安形势持续稳定向好。")
    b = para16("全市交通秩序明显好转，今年以来全年交通事故起数同比下降两成，群众出行更加安全便捷，通行效率明显提升。")
    b2 = para16("交警部门加大路面巡逻力度，严查各类交通违法行为，道路通行效率明显提升，市民普遍点赞。")
    c = para16("市消防支队日前组织开展冬季消防安全检查，共排查各类隐患一百余处，督促整改到位，全市火灾形势保持平稳。")
    d = para16("镇卫生院新添了彩超和心电监护设备，附近村民在家门口就能看上病，不用再往城里跑，群众十分满意。")
    e = para16("去年以来，区里把旧城改造作为民生实事来抓，先后完成二十多个老旧小区的管网更新，居民生活更方便。")
    text = ("社区民警进万家\n\n" + a + b + b2 + "\n县交通运输局\n全市交通秩序明显好转\n\n" + c + "通讯员 王五\n\n"
            + "南岗区团委\n冬日暖阳照山乡\n\n" + d + "记者 李四\n\n岁末年初话平安\n\n" + e)
    assert heads(text) == [(None, "社区民警进万家", "为了做好"), ("县交通运输局", "全市交通秩序明显好转", "全市交通"),
                           ("南岗区团委", "冬日暖阳照山乡", "市消防支"), (None, "岁末年初话平安", "镇卫生院"),
                           (None, None, "去年以来")]


def test_headline_cut_from_the_lead_above_is_one_line_of_the_group_under_it():
    # A page mixing the layouts, no blank lines: the second article's kicker
    # and title come after its body, and its title opens that body's first
    # paragraph as a whole clause (冬日暖阳照山乡，…); the next article's title
    # and subtitle follow at once, over its body. A headline cut from a lead
    # is that one line: the group is cut under it, not taken whole by the
    # article above (which shifted every title after it by one article).
    p0 = para16("为了做好新形势下的社区警务工作，公安机关在辖区开展了走访活动，民警们走街串巷，逐户走访群众，倾听呼声。")
    p1 = para16("冬日暖阳照山乡，寒风中的小山村处处洋溢着温暖。驻村工作队的队员们挨家挨户送去棉衣棉被和慰问金。", 18)
    p2 = para16("据了解，今年以来全县共筹集帮扶资金三百余万元，为困难群众解决实际问题一千余件，群众满意度明显提高。", 18)
    q = para16("在查办害杰汇勤方贝，闻们一是庆大查办大齐阿姆，二是核算桑部登野灵约，三是杯厚毛法文维办齐。", 20)
    r = para16("雅烟切新的不微之久，森伤松洛的怀星残月，敏史有泉梅祖有凤梅，尼们对新玉武丹异期圣。", 17)
    text = ("社区民警进万家\n\n" + p0 + "记者 张三\n\n" + p1 + p2
            + "南岗区团委\n冬日暖阳照山乡\n全市检察工作会议召开\n——新年特别报道\n"
            + q + "通讯员 王五\n伟大的事业需要伟大的团结\n为我们突破资金瓶颈\n" + r)
    assert heads(text) == [(None, "社区民警进万家", "为了做好"), ("南岗区团委", "冬日暖阳照山乡", "冬日暖阳"),
                           (None, "全市检察工作会议召开", "在查办害"),
                           (None, "伟大的事业需要伟大的团结 为我们突破资金瓶颈", "雅烟切新")]


def doubled(line):
    """A heading line in faux bold: every glyph printed twice (坚坚持持)."""
    return "".join(c * 2 if not c.isspace() else c for c in line)


def test_faux_bold_line_between_two_bodies_is_a_headline_not_a_subheading():
    # Titles printed after their bodies; the first article has subheadings
    # and its body runs the same width as the next article's. The line under
    # its last paragraph is set in faux bold, the headline face: its title,
    # not one more subheading (which gave every later article the title of
    # the one after it).
    a1 = para16("社区民警进万家活动开展以来，民警们走街串巷，逐户走访群众，倾听群众呼声，帮助解决了一大批实际困难。", 20)
    a2 = para16("有关部门介绍，今年以来路面巡逻力度加大，各类交通违法行为得到严查，道路通行秩序明显改善。", 20)
    a3 = para16("据了解，全县共筹集帮扶资金三百余万元，为困难群众解决实际问题一千余件，群众满意度明显提高。", 20)
    b = para16("今年以来，全市交通秩序明显好转，全年交通事故起数同比下降两成，群众出行更加安全便捷。", 20)
    c = para16("雅烟切新的不微之久，森伤松洛的怀星残月，敏史有泉梅祖有凤梅，尼们对新玉武丹异期圣。", 20)
    text = (a1 + "走访群众\n" + a2 + "倾听呼声\n" + a3 + doubled("民警走进千家万户") + "\n"
            + b + "通讯员 王五\n交通秩序明显好转\n" + c + "记者 张三\n新玉武的期圣\n")
    assert heads(text) == [(None, "民警走进千家万户", "社区民警"), (None, "交通秩序明显好转", "今年以来"),
                           (None, "新玉武的期圣", "雅烟切新")]


def test_faux_bold_line_that_ends_like_an_organisation_is_a_title_line_not_a_kicker():
    # A two-line headline in faux bold whose first line ends like a company
    # (哈苏照相机公司): a kicker is set smaller than its headline, never in the
    # headline's bold face, so both lines are the title.
    b = para16("今年以来，全市交通秩序明显好转，全年交通事故起数同比下降两成，群众出行更加安全便捷。", 20)
    c = para16("雅烟切新的不微之久，森伤松洛的怀星残月，敏史有泉梅祖有凤梅，尼们对新玉武丹异期圣。", 18)
    text = (b + "通讯员 王五\n" + doubled("瑞典哈苏照相机公司") + "\n" + doubled("走进百姓生活") + "\n"
            + c + "记者 张三\n新玉武的期圣\n")
    assert heads(text)[0] == (None, "瑞典哈苏照相机公司 走进百姓生活", "今年以来")


def test_two_characters_doubled_are_a_word_not_a_faux_bold_headline():
    # 坎坎坷坷 among an article's paragraphs: a word of two characters each
    # doubled (AABB) as often as a headline of two characters in faux bold,
    # so not the headline face: it stays the article's subheading instead of
    # heading a second article.
    text = ("社区民警进万家\n" + A + "坎坎坷坷\n"
            + "民警们说，路虽然难走，但是看到\n群众满意的笑容，再苦再累也值得。\n" + "通讯员 张三\n")
    arts = huozi.parse(text).to_dict()["articles"]
    assert [a["title"] for a in arts] == ["社区民警进万家"]
    assert [b["kind"] for b in arts[0]["blocks"]] == ["paragraph", "subheading", "paragraph"]


def test_byline_after_a_body_whose_byline_is_over_it_closes_an_untitled_article_one_character_wider():
    # Title before body, its byline under it; the body goes on, then a second
    # byline. An article carries one byline: the last one closes an untitled
    # article printed right after the titled one, and that article starts
    # where the column gets one character wider (a change too small to cut a
    # page at without the second byline).
    p1 = para16("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了社区民警进万家活动，民警们走街串巷，逐户走访群众。", 18)
    p2 = para16("活动开展以来，共走访群众三千余户，收集意见建议四百多条，解决问题一百多件。", 18)
    q1 = para16("今年以来，全市交通秩序明显好转，全年交通事故起数同比下降两成，群众出行更加安全便捷。", 19)
    q2 = para16("据了解，全县共筹集帮扶资金三百余万元，为困难群众解决实际问题一千余件，群众满意度明显提高。", 19)
    text = "社区民警进万家\n记者 张三\n" + p1 + p2 + q1 + q2 + "通讯员 王五\n"
    d = huozi.parse(text).to_dict()
    assert [(a["title"], [x["name"] for x in a["authors"]], a["blocks"][0]["text"][:4]) for a in d["articles"]] == [
        ("社区民警进万家", ["张三"], "为了做好"), (None, ["王五"], "今年以来")]


def test_byline_after_a_body_whose_byline_is_over_it_stays_when_the_column_does_not_change():
    # The same with one column width throughout: no sign of where a second
    # article would start, so the body stays one article's.
    p1 = para16("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了社区民警进万家活动，民警们走街串巷，逐户走访群众。", 18)
    q1 = para16("今年以来，全市交通秩序明显好转，全年交通事故起数同比下降两成，群众出行更加安全便捷。", 18)
    text = "社区民警进万家\n记者 张三\n" + p1 + q1 + "通讯员 王五\n"
    d = huozi.parse(text).to_dict()
    assert [(a["title"], [x["name"] for x in a["authors"]]) for a in d["articles"]] == [
        ("社区民警进万家", ["张三", "王五"])]


def test_line_over_a_subtitle_is_the_headline_not_a_kicker():
    # Titles after their bodies. A line that reads like an office
    # (全国政协常委) set right over a subtitle is the headline the subtitle
    # goes with: a kicker rides over a headline, never over a subtitle alone.
    b = para16("今年以来，全市交通秩序明显好转，全年交通事故起数同比下降两成，群众出行更加安全便捷。", 20)
    c = para16("雅烟切新的不微之久，森伤松洛的怀星残月，敏史有泉梅祖有凤梅，尼们对新玉武丹异期圣。", 18)
    text = b + "通讯员 王五\n全国政协常委\n——二○○一年新年宝语\n" + c + "记者 张三\n新玉武的期圣\n"
    assert heads(text)[0] == (None, "全国政协常委", "今年以来")


def test_photo_caption_wrapped_at_the_next_column_width_opens_the_next_article():
    # An untitled article set 19 characters wide, then a photo caption of two
    # lines wrapped 10 wide and text set 10 wide, its byline and its title
    # under it (title after body). The caption is wrapped at the width of the
    # text after it: it heads that article, not the end of the one before.
    a = para16("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了社区民警进万家活动，民警们走街串巷，逐户走访群众。", 19)
    a2 = para16("活动开展以来，共走访群众三千余户，收集意见建议四百多条，帮助群众解决各类困难问题一百多件，受到好评。", 19)
    caption = "图为民警在社区走访群\n众。（本报记者王五摄）\n"
    b = para16("今年以来，全市交通秩序明显好转，全年交通事故起数同比下降两成，群众出行更加安全便捷，道路通行效率明显提高。", 10)
    text = a + a2 + caption + b + "记者 张三\n交通秩序明显好转\n"
    d = huozi.parse(text).to_dict()
    assert [(a["title"], a["blocks"][0]["text"][:4]) for a in d["articles"]] == [
        (None, "为了做好"), ("交通秩序明显好转", "图为民警")]


def test_heading_between_paragraphs_whose_first_lines_match_is_a_subheading():
    # Titles after their bodies. The first article is set 20 wide; its last
    # paragraphs are of two lines, and repair's column estimate for them has
    # moved on towards the next article's narrower column (18 wide). Their
    # first lines, 2 em short of the column, are as wide as the first line
    # of the paragraph over the heading: one column, so the heading between
    # them is a subheading, not a headline that would cut the article.
    a1 = para16("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了社区民警进万家活动，民警们走街串巷，逐户走访群众，倾听群众呼声。", 20)
    a2 = para16("点评：活动开展以来，共走访群众三千余户，收集意见建议四百条。", 20)
    a3 = para16("我们坚信，社区警务工作必将在新的一年里取得更大成绩。", 20)
    b1 = para16("今年以来，全市交通秩序明显好转，全年交通事故起数同比下降两成，群众出行更加安全便捷，道路通行效率明显提高。", 18)
    b2 = para16("据了解，全县共筹集帮扶资金三百余万元，为困难群众解决实际问题一千余件，群众满意度明显提高。", 18)
    text = (a1 + "巩固阵地\n" + a2 + "做好新老交替工作\n" + a3 + "民警走进千家万户 倾听群众呼声\n"
            + b1 + b2 + "通讯员 王五\n交通秩序明显好转\n")
    assert heads(text) == [(None, "民警走进千家万户 倾听群众呼声", "为了做好"), (None, "交通秩序明显好转", "今年以来")]


def test_byline_between_two_untitled_articles_goes_back_to_the_text_above():
    # A titled article with its byline under its title, then two untitled
    # articles, each set in its own width and closed by its byline. The
    # middle byline sits where a byline over the last article's body would,
    # but that article has its own byline after its body: an article carries
    # one, so the middle one closes the text before it, which is thus an
    # article of its own (set one character narrower than the titled one).
    p1 = para16("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了社区民警进万家活动，民警们走街串巷，逐户走访群众。", 18)
    p2 = para16("活动开展以来，共走访群众三千余户，收集意见建议四百多条，解决问题一百多件。", 18)
    q1 = para16("今年以来，全市交通秩序明显好转，全年交通事故起数同比下降两成，群众出行更加安全便捷。", 17)
    q2 = para16("据了解，全县共筹集帮扶资金三百余万元，为困难群众解决实际问题一千余件，群众满意度明显提高。", 17)
    r1 = para16("雅烟切新的不微之久，森伤松洛的怀星残月，敏史有泉梅祖有凤梅，尼们对新玉武丹异期圣。", 13)
    text = "社区民警进万家\n记者 张三\n" + p1 + p2 + q1 + q2 + "通讯员 王五\n" + r1 + "记者 李四\n"
    d = huozi.parse(text).to_dict()
    assert [(a["title"], [x["name"] for x in a["authors"]], a["blocks"][0]["text"][:4]) for a in d["articles"]] == [
        ("社区民警进万家", ["张三"], "为了做好"), (None, ["王五"], "今年以来"), (None, ["李四"], "雅烟切新")]


def test_second_byline_cut_where_the_wrapped_first_lines_narrow():
    # As above, with paragraphs of two lines, which own_width() does not
    # measure, and one column estimate throughout: the wrapped first lines
    # (2 em short of their columns) show the untitled article's column one
    # character narrower.
    a = ("为了做好新形势下的社区警务工作，\n市公安局开展了走访活动。\n"
         "活动开展以来共走访群众三千余户，\n收集意见建议四百多条。\n")
    b = ("今年以来全市交通秩序明显好转，\n事故起数下降两成。\n"
         "据了解，全县共筹集了帮扶资金，\n群众普遍满意。\n")
    text = "社区民警进万家\n记者 张三\n" + a + b + "通讯员 王五\n"
    d = huozi.parse(text).to_dict()
    assert [(a["title"], [x["name"] for x in a["authors"]], a["blocks"][0]["text"][:4]) for a in d["articles"]] == [
        ("社区民警进万家", ["张三"], "为了做好"), (None, ["王五"], "今年以来")]


def test_run_cut_where_the_wrapped_first_lines_narrow():
    # A page that mixes the layouts: a title over a two-line paragraph set 21
    # wide (its first line as wide as the column less the indent), then an
    # untitled body set 18 wide closed by its byline and its title. The run
    # between the two titles is cut where the first lines narrow: before the
    # first paragraph set 18 wide, not between two paragraphs of one width.
    p = "据悉，这项活动开展以来，各地成效明显，\n群众纷纷点赞。\n"
    q1 = para16("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了走访活动，民警们走街串巷，逐户走访群众。", 18)
    q2 = para16("活动开展以来，共走访群众三千余户，收集意见建议四百多条，解决问题一百多件，受到群众好评。", 18)
    r = para16("今年以来，全市交通秩序明显好转，全年交通事故起数同比下降两成，群众出行更加安全便捷。", 14)
    text = "春风化雨暖人心\n" + p + q1 + q2 + "记者 张三\n警民携手共建平安\n" + r + "通讯员 王五\n交通秩序明显好转\n"
    assert heads(text) == [(None, "春风化雨暖人心", "据悉，这"), (None, "警民携手共建平安", "为了做好"),
                           (None, "交通秩序明显好转", "今年以来")]


def test_untitled_article_one_character_wider_after_a_titled_one_is_its_own():
    # Title before body, no byline under it; the text goes on one character
    # wider, then a byline. The paragraphs' wrapped first lines (2 em short
    # of their columns) step up by a character where repair's column
    # estimate steps up too: an untitled article starts there, and the byline
    # after it is its own.
    p1 = para16("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了社区民警进万家活动，民警们走街串巷，逐户走访群众。", 18)
    p2 = para16("活动开展以来，共走访群众三千余户，收集意见建议四百多条，解决问题一百多件。", 18)
    q1 = para16("今年以来，全市交通秩序明显好转，全年交通事故起数同比下降两成，群众出行更加安全便捷。", 19)
    q2 = para16("据了解，全县共筹集帮扶资金三百余万元，为困难群众解决实际问题一千余件，群众满意度明显提高。", 19)
    q3 = para16("雅烟切新的不微之久，森伤松洛的怀星残月，敏史有泉梅祖有凤梅，尼们对新玉武丹异期圣，决心再创佳绩。", 19)
    q4 = para16("有关部门介绍，今年以来路面巡逻力度加大，各类交通违法行为得到严查，道路通行秩序明显改善。", 19)
    text = "社区民警进万家\n" + p1 + p2 + q1 + q2 + q3 + q4 + "通讯员 王五\n"
    d = huozi.parse(text).to_dict()
    assert [(a["title"], [x["name"] for x in a["authors"]], a["blocks"][0]["text"][:4]) for a in d["articles"]] == [
        ("社区民警进万家", [], "为了做好"), (None, ["王五"], "今年以来")]


def test_titles_of_two_articles_set_side_by_side_stacked_over_the_first_body():
    # pdftotext's default mode reads the heads of two articles set side by
    # side row by row, each a block of its own: the two titles come out
    # parted by blank lines over the first article's body. The one that opens
    # that body's lead as a clause is its title; the other is the next
    # article's, whether that body stands apart already (closed by a byline
    # above it) or runs on from the first after a blank line (the
    # extractor's next block).
    first = para16("市场供应充足价格平稳，节日期间全市各大超市和农贸市场货源充足，蔬菜肉蛋价格总体稳定，市民采购热情高涨。")
    second = para16("记者日前从县交通局获悉，今年全县新建和改造农村公路一百二十公里，沿线群众出行难问题得到有效解决。")
    stacked = "市场供应充足价格平稳\n\n乡村公路修到家门口\n\n"
    expected = [(None, "市场供应充足价格平稳", "市场供应"), (None, "乡村公路修到家门口", "记者日前")]
    assert heads(stacked + first + "记者 张三\n\n" + second) == expected
    assert heads(stacked + first + "\n" + second) == expected


def test_stacked_title_that_opens_a_later_paragraph_as_a_clause_opens_its_article_there():
    # Two titles stacked over one body as above, no article after it: the
    # second title opens a later paragraph of that body as a whole clause
    # (乡村公路修到家门口，…), the neighbour's lead run on from the first body.
    # Its article starts there, not at the first paragraph set off by a
    # blank line (the first article's second paragraph).
    first = para16("市场供应充足价格平稳，节日期间全市各大超市和农贸市场货源充足，蔬菜肉蛋价格总体稳定，市民采购热情高涨。")
    more = para16("据介绍，市商务部门提前组织货源，增加储备投放，并加强对重点商品价格的监测，确保群众过好节日。")
    second = para16("乡村公路修到家门口，今年全县新建和改造农村公路一百二十公里，沿线群众出行难问题得到有效解决。")
    text = "市场供应充足价格平稳\n\n乡村公路修到家门口\n\n" + first + "\n" + more + second
    assert heads(text) == [(None, "市场供应充足价格平稳", "市场供应"), (None, "乡村公路修到家门口", "乡村公路")]


# Three pieces of a page set in columns, for the tests of lines read across
# the columns: a headline printed after its body, then two bodies of the next
# columns (their headlines are what the tests put between them).
_ACROSS_COLUMNS_A = "春风化雨暖人心\n据悉，这项活动开展以来，各地成效\n明显，群众纷纷点赞。\n"
_ACROSS_COLUMNS_B = "社区民警走进千家万户，倾听群众的意\n见和建议，帮助解决实际困难，受到\n居民欢迎。\n"
_ACROSS_COLUMNS_C = "今年以来，全市交通秩序明显好转，事\n故起数同比下降两成，群众出行更加\n安全便捷。\n"


def test_two_headlines_side_by_side_on_one_line_are_parted():
    # An extraction that reads a page line by line across the columns
    # (pdftotext -raw) prints two headlines set on one baseline as one line
    # with a gap: the title of the article above, printed after its body, and
    # the title over the next column's article. Each goes to the body whose
    # lead it repeats; a two-phrase headline that stays whole joins as printed.
    a, b, c = _ACROSS_COLUMNS_A, _ACROSS_COLUMNS_B, _ACROSS_COLUMNS_C
    text = a + b + "社区民警走进千家万户 交通秩序明显好转\n" + c
    assert heads(text) == [(None, "春风化雨暖人心", "据悉，这"), (None, "社区民警走进千家万户", "社区民警"),
                           (None, "交通秩序明显好转", "今年以来")]
    text = a + "社区民警 走进千家万户\n" + b
    assert heads(text) == [(None, "春风化雨暖人心", "据悉，这"), (None, "社区民警 走进千家万户", "社区民警")]


def test_kicker_of_the_next_column_beside_a_headline_is_parted_from_it():
    # pdftotext -raw reads the page line by line across the columns: the
    # headline printed under one column's article (after its body) and the
    # issuing unit over the next column's headline, set on one baseline, come
    # out as one line with a gap, the next headline on the line under it.
    # The issuing unit is the next article's kicker, not a piece of the
    # headline beside it, though title lines stand next to that line.
    a, b, c = _ACROSS_COLUMNS_A, _ACROSS_COLUMNS_B, _ACROSS_COLUMNS_C
    text = a + b + "社区民警走进千家万户 市公安局交警支队\n交通秩序明显好转\n" + c
    assert heads(text) == [(None, "春风化雨暖人心", "据悉，这"), (None, "社区民警走进千家万户", "社区民警"),
                           ("市公安局交警支队", "交通秩序明显好转", "今年以来")]
    # (No lead repeats the headlines: the line is parted all the same.)
    b = "据介绍，这批民警来自基层派出所，他\n们走街串巷，解决实际困难，受到\n居民欢迎。\n通讯员 王明\n"
    c = "今年以来，全市道路秩序明显好转，事\n故起数同比下降两成，群众出行更加\n安全便捷。\n"
    text = a + b + "民警走进千家万户 市公安局交警支队\n平安大道畅通无阻\n" + c
    assert heads(text) == [(None, "春风化雨暖人心", "据悉，这"), (None, "民警走进千家万户", "据介绍，"),
                           ("市公安局交警支队", "平安大道畅通无阻", "今年以来")]


def test_two_phrase_headline_kept_whole_has_no_kicker_in_it():
    # A headline of two phrases on one line whose first phrase ends like an
    # office (局 as in 公安局) stays one headline when it goes to one article:
    # its phrases are read together, as the whole line is, not as a kicker
    # over a title.
    a = "春风化雨暖人心\n据悉，这项活动开展以来，各地成效\n明显，群众纷纷点赞。\n"
    c = "今年以来，全市交通秩序明显好转，事\n故起数同比下降两成，群众出行更加\n安全便捷。\n"
    assert heads(a + "服务全局 共筑平安路\n" + c) == [(None, "春风化雨暖人心", "据悉，这"),
                                                  (None, "服务全局 共筑平安路", "今年以来")]


def test_fields_of_a_heading_line_parted_between_two_articles_are_read_once():
    # The line's two headlines go to two articles; the line is one unit of
    # the repaired text, and its fields (here 20%) are read once on the page,
    # not once for each article that took a phrase of it: by the article
    # whose headline holds them.
    a = "春风化雨暖人心\n据悉，这项活动开展以来，各地成效\n明显，群众纷纷点赞。\n"
    b = "社区民警走进千家万户，倾听群众的意\n见和建议，帮助解决实际困难，受到\n居民欢迎。\n"
    c = "今年以来，全市交通事故下降两成，事\n故起数同比明显减少，群众出行更加\n安全便捷。\n"
    text = a + b + "社区民警走进千家万户 交通事故下降20%\n" + c
    d = huozi.parse(text).to_dict()
    assert [x["title"] for x in d["articles"]] == ["春风化雨暖人心", "社区民警走进千家万户", "交通事故下降20%"]
    percents = [(x["index"], f) for x in d["articles"] for f in x["fields"] if f["type"] == "percent"]
    raw = text.encode()  # (offsets are bytes of the decoded input)
    assert [(i, f["text"], raw[f["start"]:f["end"]].decode()) for i, f in percents] == [(2, "20%", "20%")]


def test_two_line_paragraph_whose_first_line_is_wider_than_the_article_starts_another():
    # A titled article set 14 wide, its last line full, then an untitled item
    # of one paragraph of two lines set 25 wide, closed by its byline, and a
    # titled article in that column. Repair breaks before the paragraph as a
    # paragraph (a blank after a full stop), own_width() does not measure a
    # paragraph of two lines, and its first line is not 2 em short of the
    # column repair estimates there: nothing said another column. But that
    # first line wrapped, so it is as wide as its column (less any indent):
    # far wider than the article above. The byline is the untitled item's.
    p1 = para16("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了社区民警进万家活动，民警们走街串巷，逐户走访群众。", 14)
    p2 = para16("活动开展以来，共走访群众三千余户，收集意见建议四百多条，解决问题一百多件，受到广大群众的一致好评和热烈欢迎。", 14)
    r1 = para16("据了解，全县今年新建高标准农田三万亩，配套修建机井和排灌渠道，农业生产条件明显改善，"
                "粮食总产再创新高，农民收入稳步增长，群众的获得感明显增强。", 24)
    r2 = para16("镇卫生院新添了彩超和心电监护设备，附近村民在家门口就能看上病，不用再往城里跑，看病难的问题得到了有效缓解。", 24)

    def parse(q):
        text = "社区民警进万家\n\n" + p1 + "\n" + p2 + "\n" + q + "\n通讯员 王五\n\n农田建设成效明显\n\n" + r1 + "\n" + r2
        d = huozi.parse(text).to_dict()
        assert check_conservation(text, d) == []
        return [(a["title"], [x["name"] for x in a["authors"]], [b["text"][:4] for b in a["blocks"]])
                for a in d["articles"]]

    wide = "今年以来，全市交通秩序明显好转，全年交通事故起数同\n比下降两成，群众出行安全便捷。\n"
    assert parse(wide) == [("社区民警进万家", [], ["为了做好", "活动开展"]), (None, ["王五"], ["今年以来"]),
                           ("农田建设成效明显", [], ["据了解，", "镇卫生院"])]
    # A first line one character wider than the article's lines (a mark or a
    # digit let through) is the same column: the paragraph is the article's.
    near = "今年以来全市交通秩序明显好转，\n事故起数同比下降两成。\n"
    assert [a[:2] for a in parse(near)] == [("社区民警进万家", ["王五"]), ("农田建设成效明显", [])]


def test_title_after_its_body_goes_back_to_the_lead_it_repeats_across_a_width_change():
    # A title printed after its body repeats the body's lead; the second
    # paragraph is set two characters wider, which alone would start another
    # article there. The headline is a whole clause of the first paragraph's
    # opening and of no later one: the two paragraphs are one article.
    x = wrap("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了社区民警进万家活动，民警们走街串巷，逐户走访群众，解决实际困难。", 16)
    p1 = wrap("志愿者轮流值守借书点，借还都很方便，吸引了不少附近的居民前来翻阅报刊，城南的老人们更是每天必到。", 16)
    p2 = wrap("区里今年新建的三座社区图书馆已经全部开放，每天接待读者近千人次，周末更是一座难求，街道还在居民楼下设立了阅览室，"
              "社区还组织了读书会和亲子阅读活动。", 18)
    text = ("\n".join(x) + "\n\n通讯员 王五\n\n社区民警进万家\n\n" + "\n".join(p1) + "\n\n" + "\n".join(p2) +
            "\n\n记者 李四\n\n志愿者轮流值守借书点\n")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert heads(text) == [(None, "社区民警进万家", "为了做好"), (None, "志愿者轮流值守借书点", "志愿者轮")]
    assert [a["name"] for a in d["articles"][-1]["authors"]] == ["李四"]
    assert len(d["articles"][-1]["blocks"]) == 2


def test_heading_left_as_text_with_a_subtitle_under_it():
    # Columns out of order: a paragraph broken off at a comma runs into
    # another article's head, its headline a line wider than the column
    # (repair keeps it as a one-line paragraph), a subtitle, a byline and the
    # lead. The lead does not repeat the headline; the subtitle under it says
    # it is one: a subtitle goes with a headline, never with running text.
    body = wrap("社区图书馆建设是今年城区惠民工程的重点之一，从选址到开放只用了半年时间，每座图书馆都配备了电子阅览室"
                "和少儿阅读区，藏书总量已经超过了三万册，", 12)
    lead = wrap("区里今年新建的三座社区图书馆已经全部开放，每天接待读者近千人次，周末更是一座难求，街道还在居民楼下设立了阅览室。", 12)
    text = "\n".join(body) + "\n老街小巷里的流动借书点深受欢迎\n——记城南志愿服务队\n通讯员 王晓明\n" + "\n".join(lead) + "\n"
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert [(a["title"], a["subtitle"], [x["name"] for x in a["authors"]]) for a in d["articles"]] == [
        (None, None, []), ("老街小巷里的流动借书点深受欢迎", "——记城南志愿服务队", ["王晓明"])]
    assert d["articles"][-1]["blocks"][0]["text"].startswith("区里今年新建")


def test_heading_left_as_text_with_a_byline_and_a_lead_under_it():
    # As above, but the lead does not repeat the headline: a line of running
    # text with no mark in it, then a byline and more text, is a headline
    # over its byline (a byline closes or heads an article: a piece of a
    # paragraph broken off ends in a mark when a byline closes it).
    before = wrap("社区图书馆建设是今年城区惠民工程的重点之一，从选址到开放只用了半年时间。", 12)
    cut = wrap("区里今年新建的三座社区图书馆已经全部开放，每天接待读者近千人次，周末更是一座难求，街道还在居民楼下设立了阅览室。", 12)
    lead = wrap("老街小巷里的流动借书点，由志愿者轮流值守，借还都很方便，吸引了不少附近的居民前来翻阅报刊，城南的老人们更是每天必到。", 18)
    text = ("\n".join(before) + "\n\n" + "\n".join(cut[:2]) + "\n\n志愿服务温暖千家万户\n\n通讯员 王晓明\n\n" +
            "\n".join(lead) + "\n\n" + "\n".join(cut[2:]) + "\n")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    last = d["articles"][-1]
    assert last["title"] == "志愿服务温暖千家万户"
    assert [a["name"] for a in last["authors"]] == ["王晓明"]
    assert last["blocks"][0]["text"].startswith("老街小巷里的流动借书点，")


def test_heading_over_the_lead_a_later_title_repeats_is_the_headline_of_the_text_above():
    # Titles printed after their bodies: A's headline, a short line between
    # two paragraphs of one column width, reads like a subheading; the title
    # under B's body repeats, as a whole clause, the lead of the paragraph
    # under that heading. B starts there, and the heading closes A: A's title.
    p1 = wrap("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了社区民警进万家活动，民警们走街串巷，逐户走访群众，解决实际困难。", 16)
    p2 = wrap("活动开展以来，共走访群众三千余户，收集意见建议四百多条，帮助群众解决各类困难问题一百多件，受到群众好评和欢迎。", 16)
    p3 = wrap("志愿者轮流值守借书点，借还都很方便，吸引了不少附近的居民前来翻阅报刊，城南的老人们更是每天必到。", 16)
    p4 = wrap("区里今年新建的三座社区图书馆已经全部开放，每天接待读者近千人次，周末更是一座难求，街道还在居民楼下设立了阅览室。", 16)
    text = ("\n".join(p1) + "\n\n" + "\n".join(p2) + "\n\n民警走进千家万户\n\n" + "\n".join(p3) + "\n\n" + "\n".join(p4) +
            "\n\n记者 李四\n\n志愿者轮流值守借书点\n")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert heads(text) == [(None, "民警走进千家万户", "为了做好"), (None, "志愿者轮流值守借书点", "志愿者轮")]
    assert [len(a["blocks"]) for a in d["articles"]] == [2, 2]
    assert [a["name"] for a in d["articles"][-1]["authors"]] == ["李四"]


def test_title_after_repeating_a_paragraph_under_a_subheading_in_an_earlier_draft_opens_its_article_there():
    # As above, but the paragraph under the heading and the one after it are
    # followed by a paragraph set three characters wider, which starts
    # another draft of the run: the title under the last draft repeats, as a
    # whole clause, the lead of a later paragraph of the draft before it.
    # The article starts at that paragraph and takes the wider one; the
    # heading over it closes A, A's title.
    p1 = wrap("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了社区民警进万家活动，民警们走街串巷，逐户走访群众，解决实际困难。", 16)
    p2 = wrap("活动开展以来，共走访群众三千余户，收集意见建议四百多条，帮助群众解决各类困难问题一百多件，受到群众好评和欢迎。", 16)
    p3 = wrap("志愿者轮流值守借书点，借还都很方便，吸引了不少附近的居民前来翻阅报刊，城南的老人们更是每天必到。", 16)
    p3b = wrap("每逢周末，借书点还会举办故事会和手工课，孩子们围坐在一起听故事，家长们也常常参与其中。", 16)
    p4 = wrap("区里今年新建的三座社区图书馆已经全部开放，每天接待读者近千人次，周末更是一座难求，街道还在居民楼下设立了阅览室。", 19)
    text = ("\n".join(p1) + "\n\n" + "\n".join(p2) + "\n\n民警走进千家万户\n\n" + "\n".join(p3) + "\n\n" + "\n".join(p3b) +
            "\n\n" + "\n".join(p4) + "\n\n记者 李四\n\n志愿者轮流值守借书点\n")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert heads(text) == [(None, "民警走进千家万户", "为了做好"), (None, "志愿者轮流值守借书点", "志愿者轮")]
    assert [len(a["blocks"]) for a in d["articles"]] == [2, 3]
    assert [a["name"] for a in d["articles"][-1]["authors"]] == ["李四"]


def test_heading_ending_a_titled_article_over_an_untitled_lead_heads_that_article():
    # Titles over their bodies, a blank line after each paragraph's first
    # line: A (title, subtitle, byline on top, two paragraphs of 19
    # characters), then a heading right under A's last line, then B's two
    # paragraphs set two characters wider, untitled. B is an article of its
    # own (the width changed); the heading, read as A's subheading, has no
    # paragraph of A under it: it is B's headline.
    def blank_after_first(lines):
        return lines[0] + "\n\n" + "\n".join(lines[1:])
    p1 = wrap("为了做好新形势下的社区警务工作，市公安局在全市范围内开展了社区民警进万家活动，民警们走街串巷，逐户走访群众，解决实际困难。", 19)
    p2 = wrap("活动开展以来，共走访群众三千余户，收集意见建议四百多条，帮助群众解决各类困难问题一百多件，受到群众好评和欢迎。", 19)
    p3 = wrap("区里今年新建的三座社区图书馆已经全部开放，每天接待读者近千人次，周末更是一座难求，街道还在居民楼下设立了阅览室，"
              "社区还组织了读书会和亲子阅读活动。", 21)
    p4 = wrap("志愿者轮流值守借书点，借还都很方便，吸引了不少附近的居民前来翻阅报刊，城南的老人们更是每天必到，街坊邻里都说好。", 21)
    text = ("民警走进千家万户\n\n——记城南派出所社区民警\n\n记者 王五\n" + blank_after_first(p1) + "\n\n" +
            blank_after_first(p2) + "\n图书馆开到家门口\n\n" + blank_after_first(p3) + "\n\n" + blank_after_first(p4) + "\n")
    d = huozi.parse(text).to_dict()
    assert check_conservation(text, d) == []
    assert heads(text) == [(None, "民警走进千家万户", "为了做好"), (None, "图书馆开到家门口", "区里今年")]
    assert [[b["kind"] for b in a["blocks"]] for a in d["articles"]] == [["paragraph"] * 2, ["paragraph"] * 2]


def test_titles_stacked_over_a_tight_body_on_a_page_whose_blank_lines_part_blocks():
    # pdftotext's default mode on a tightly leaded page sets a blank line only
    # after each block: the heads of two articles set side by side come out
    # as blocks of their own, parted by blank lines, stacked over the first
    # body, whose paragraphs run on with no blank line between them (the
    # last head a block of its own); nothing on the page joins lines over a
    # blank line. No lead repeats a title and the columns were not found read
    # row by row: the first title is the first body's, the other the next
    # article's. (Where the last head is set tight over the body, in its
    # block, it is the body's: see the next test.)
    first = (para16("节日期间全市各大超市和农贸市场货源充足，蔬菜肉蛋价格总体稳定，市民采购热情高涨。")
             + para16("据介绍，市商务部门提前组织货源，增加储备投放，并加强对重点商品价格的监测。"))
    second = (para16("记者日前从县交通局获悉，今年全县新建和改造农村公路一百二十公里，沿线群众出行方便。")
              + para16("据了解，县里还将继续加大投入，力争三年内实现村村通硬化路，群众十分满意。"))
    stacked = "市场供应充足价格平稳\n\n乡村公路修到家门口\n"
    assert heads(stacked + first + "记者 张三\n\n" + second) == [
        (None, "市场供应充足价格平稳", "记者日前"), (None, "乡村公路修到家门口", "节日期间")]
    assert heads(stacked + "\n" + first + "记者 张三\n\n" + second) == [
        (None, "市场供应充足价格平稳", "节日期间"), (None, "乡村公路修到家门口", "记者日前")]
    # A headline of two lines parted by a blank line on a page that parts
    # its paragraphs so too stays one headline.
    assert heads(stacked + "\n" + first.replace("\n据介绍", "\n\n据介绍") + "记者 张三\n\n" + second)[0] == (
        None, "市场供应充足价格平稳 乡村公路修到家门口", "节日期间")


def test_stacked_head_set_tight_over_the_text_under_it_is_that_texts_title():
    # pdftotext's default mode sets a blank line after each block and none
    # inside one: a head set right over its column comes out in that column's
    # block, tight over its byline or text, while a neighbour's head set
    # higher on the page (wider, or a row read before the columns) is a block
    # of its own above it. Of two heads parted by a blank line, the one tight
    # over the byline and text under it is theirs; the one above goes to the
    # next article that has no head (listed first: articles go in the order
    # of their first line, the head's).
    first = (para16("入冬以来，县里组织农技人员深入田间地头，指导农户做好小麦冬季管理，苗情长势良好。")
             + para16("据了解，全县今年冬小麦播种面积稳中有增，农资供应充足，农户种粮积极性普遍较高。"))
    second = (para16("一场大雪过后，城区主干道积雪在当天全部清除，环卫工人连续作业十几个小时，保障出行。")
              + para16("有关负责人表示，将继续加强值守，遇有降雪及时组织清扫，确保道路畅通和群众安全。"))
    stacked = "城区积雪一日清完\n\n冬小麦长势喜人\n通讯员 李四\n"
    assert heads(stacked + first + "记者 王五\n\n" + second) == [
        (None, "城区积雪一日清完", "一场大雪"), (None, "冬小麦长势喜人", "入冬以来")]
    # Set off from the text by a blank line, the last head is a block of its
    # own too: the rule above does not say, and the first head stays the
    # first body's (the row's first head is the first column's).
    assert heads(stacked.replace("\n通讯员", "\n\n通讯员") + first + "记者 王五\n\n" + second) == [
        (None, "城区积雪一日清完", "入冬以来"), (None, "冬小麦长势喜人", "一场大雪")]


def test_stacked_head_run_together_with_the_text_on_one_line_is_no_block_of_its_own():
    # The last head shares its source line with the text under it (the two
    # set on one baseline and run together, as a generated page or -raw
    # prints them): no extractor block sets it with that text, and the
    # last-head rule above says nothing. The page's own reading stands (here
    # the first head over the first body, the other the next article's).
    first = (para16("节日期间全市各大超市和农贸市场货源充足，蔬菜肉蛋价格总体稳定，市民采购热情高涨。")
             + para16("据介绍，市商务部门提前组织货源，增加储备投放，并加强对重点商品价格的监测。"))
    second = (para16("记者日前从县交通局获悉，今年全县新建和改造农村公路一百二十公里，沿线群众出行方便。")
              + para16("据了解，县里还将继续加大投入，力争三年内实现村村通硬化路，群众十分满意。"))
    text = "市场供应充足价格平稳\n\n乡村公路修到家门口   " + first + "记者 张三\n\n" + second
    assert heads(text) == [(None, "市场供应充足价格平稳", "节日期间"), (None, "乡村公路修到家门口", "记者日前")]

def test_title_read_as_text_between_a_byline_and_a_paragraph_is_the_headline():
    # Columns out of order, blank lines between blocks, titles after their
    # bodies: a paragraph of the 19-character column stops after three lines,
    # a paragraph of the 17-character column and the first line of the next
    # one are set there, and the wide paragraph goes on to its end, its byline
    # and its title (no mark, nearly as wide as the narrow column); the narrow
    # paragraph goes on under the title. Repair carries the narrow paragraph
    # on past the title and leaves the title a line of text of its own: under
    # a byline and over a paragraph it is a headline, the first article's.
    first = wrap("城南老街改造工程昨天通过验收。沿街的老房子修旧如旧，路面重新铺设了青石板，排水管网也全部更新，"
                 "沿街商铺陆续开门迎客，不少老字号重新挂出了招牌，居民们纷纷称赞。", 19)
    moved = wrap("今年全市新建和改造了十二座农贸市场，摊位统一规划，经营环境明显改善，商户的生意也比以前好了不少。", 17)
    goes_on = wrap("市场管理部门介绍，每座市场都配备了检测室，每天抽检蔬菜和肉类，检测结果在大屏幕上公布，市民买得放心。", 17)
    text = ("\n".join(first[:3]) + "\n\n" + "\n".join(moved) + "\n\n" + goes_on[0] + "\n\n" + "\n".join(first[3:]) +
            "\n\n通讯员 王晓明\n\n老街换新颜居民笑开颜乐享生活\n\n" + "\n".join(goes_on[1:]) + "\n\n记者 李华\n\n农贸市场面貌一新\n")
    assert heads(text) == [(None, "老街换新颜居民笑开颜乐享生活", "城南老街"), (None, "农贸市场面貌一新", "今年全市")]
    assert check_conservation(text, huozi.parse(text).to_dict()) == []


def test_rest_of_a_paragraph_set_full_to_its_column_opens_no_article():
    # A page whose paragraphs indent their first lines (2 em short of the
    # column). After an article of the 20-character column, text of the
    # 16-character column: set with its indent it opens an article without
    # a title; set full to its column from its first line on, it is the rest
    # of a paragraph cut where moved text went in, and opens none: it goes on
    # in the article before it.
    first = wrap("城东新区今年建成了六所中小学校，新增学位八千多个，附近居民的孩子上学不用再跑远路了。", 20)
    second = wrap("学校都配备了图书馆、实验室和运动场，教师队伍从全市统一招聘，家长们对教学质量很有信心。", 20)
    third = wrap("区教育局表示，明年还将新建两所幼儿园和一所职业学校，让更多孩子在家门口就能接受教育。", 20)
    narrow = "全市的公交线路今年一共调整了三十多条，新开通的社区巴士穿行在老城区的小街小巷里，老人们出门方便多了。"
    indented, full = wrap(narrow, 16), [narrow[i:i + 16] for i in range(0, len(narrow), 16)]
    text_of = lambda rest: "\n\n".join("\n".join(p) for p in (first, second, third, rest)) + "\n"
    assert [h[2] for h in heads(text_of(indented))] == ["城东新区", "全市的公"]
    text = text_of(full)
    assert [h[2] for h in heads(text)] == ["城东新区"]
    assert check_conservation(text, huozi.parse(text).to_dict()) == []


def test_rest_of_a_paragraph_set_full_to_its_column_under_a_byline_opens_no_article():
    # As above, the rest of a paragraph, in a wider column, right under the
    # byline that closes the article before it: it goes on in that article,
    # unless a byline of its own follows it (then it is an untitled article's,
    # its byline under it, and its authors are not the article's above).
    first = wrap("城东新区今年建成了六所中小学校，新增学位八千多个，附近居民的孩子上学不用再跑远路了。", 16)
    second = wrap("学校都配备了图书馆、实验室和运动场，教师队伍从全市统一招聘，家长们对教学质量很有信心。", 16)
    third = wrap("区教育局表示，明年还将新建两所幼儿园和一所职业学校，让更多孩子在家门口就能接受教育。", 16)
    wide = ("全市的公交线路今年一共调整了三十多条，新开通的社区巴士穿行在老城区的小街小巷里，老人们出门方便多了。"
            "公交公司还在站台上装了电子站牌，车到哪里一看就知道。")
    indented, full = wrap(wide, 20), [wide[i:i + 20] for i in range(0, len(wide), 20)]
    text_of = lambda rest, tail="": ("\n\n".join("\n".join(p) for p in (first, second, third)) + "\n本报记者 张明\n" +
                                     "\n".join(rest) + "\n" + tail)
    assert [h[2] for h in heads(text_of(indented))] == ["城东新区", "全市的公"]
    text = text_of(full)
    assert [h[2] for h in heads(text)] == ["城东新区"]
    assert check_conservation(text, huozi.parse(text).to_dict()) == []
    assert [h[2] for h in heads(text_of(full, "通讯员 李红\n"))] == ["城东新区", "全市的公"]


def test_heading_where_text_returns_to_the_column_of_the_lead_is_a_subheading():
    # An article's head (headline and lead, 24-character column) moved into
    # another article's text (18-character column): after that text, a heading
    # over text set in the lead's column again is the moved article's
    # subheading (its rest goes on there), not the headline of a new article.
    # Over text in a third column it stays a headline.
    host = wrap("全市的公交线路今年一共调整了三十多条，新开通的社区巴士穿行在老城区的小街小巷里，老人们出门方便多了。", 18)
    host_rest = wrap("公交公司还在站台上装了电子站牌，车到哪里一看就知道，等车的人再也不用站在路边干着急了。"
                     "今年年底前，全市还将新增两百辆新能源公交车，淘汰一批使用年限过长的旧车，乘车环境会更好。", 18)
    lead = wrap("城西菜市场改造工程上周全部完工，新市场的面积比原来大了一倍，通道宽敞明亮，地面也不再湿滑。"
                "市民们纷纷前来选购年货，不少老顾客说，现在买菜比以前舒心多了，停车也方便了许多。", 24)
    rest = ("新市场按照蔬菜、肉类、水产和干货分区经营，每个摊位都挂上了统一的价格牌，管理人员每天上午和下午各巡查一次，"
            "发现缺斤短两的问题当场处理，并在市场门口的公示栏里公布处理结果。")
    text_of = lambda rest_lines: ("公交线路调整\n" + "\n".join(host) + "\n菜市场改造完工\n" + "\n".join(lead) + "\n" +
                                  "\n".join(host_rest) + "\n摊位重新分配\n" + "\n".join(rest_lines) + "\n")
    text = text_of(wrap(rest, 24))
    assert "摊位重新分配" not in [h[1] for h in heads(text)]
    assert ["摊位重新分配"] == [b["text"] for a in huozi.parse(text).to_dict()["articles"]
                                for b in a["blocks"] if b["kind"] == "subheading"]
    assert check_conservation(text, huozi.parse(text).to_dict()) == []
    assert "摊位重新分配" in [h[1] for h in heads(text_of(wrap(rest, 14)))]


def test_article_goes_on_after_text_of_another_column_set_into_it():
    # An article in an 18-character column, a paragraph of a 24-character
    # column set in between (another article's head, moved into its text),
    # then text of the 18-character column again and a byline: that text is
    # the first article going on, with its byline, not an article of its own;
    # the moved paragraph stays an article of its own. Text of a third
    # column there opens an article.
    host = wrap("全市的公交线路今年一共调整了三十多条，新开通的社区巴士穿行在老城区的小街小巷里，老人们出门方便多了，"
                "不少居民专门打电话到报社表示感谢。", 18)
    moved = wrap("城西菜市场改造工程上周全部完工，新市场的面积比原来大了一倍，通道宽敞明亮，地面也不再湿滑。"
                 "市民们纷纷前来选购年货，不少老顾客说，现在买菜比以前舒心多了。", 24)
    rest = ("公交公司还在站台上装了电子站牌，车到哪里一看就知道，等车的人再也不用站在路边干着急了。"
            "今年年底前，全市还将新增两百辆新能源公交车，淘汰一批使用年限过长的旧车。")
    text_of = lambda rest_lines: ("公交线路调整\n\n" + "\n".join(host) + "\n\n" + "\n".join(moved) + "\n\n" +
                                  "\n".join(rest_lines) + "\n本报记者 张明\n")
    text = text_of(wrap(rest, 18))
    assert heads(text) == [(None, "公交线路调整", "全市的公"), (None, None, "城西菜市")]
    articles = huozi.parse(text).to_dict()["articles"]
    assert [b["text"][:4] for b in articles[0]["blocks"]] == ["全市的公", "公交公司"]
    assert [x["name"] for x in articles[0]["authors"]] == ["张明"]
    assert check_conservation(text, huozi.parse(text).to_dict()) == []
    assert [h[2] for h in heads(text_of(wrap(rest, 13)))] == ["全市的公", "城西菜市", "公交公司"]
    # Titles printed after their bodies: the title after the text is the
    # first article's (whose text ends there), not the moved paragraph's.
    other = wrap("今年冬天雪下得早，环卫工人凌晨四点就上街清扫积雪，主干道上午八点前全部通车，市民出行没有受到影响。", 20)
    text = ("\n".join(host) + "\n\n" + "\n".join(moved) + "\n\n" + "\n".join(wrap(rest, 18)) + "\n\n全市公交线路调整完毕\n\n" +
            "\n".join(other) + "\n\n环卫工人清扫积雪\n")
    assert heads(text) == [(None, "全市公交线路调整完毕", "全市的公"), (None, None, "城西菜市"),
                           (None, "环卫工人清扫积雪", "今年冬天")]
    assert check_conservation(text, huozi.parse(text).to_dict()) == []


def _park_article():
    """An article in an 18-character column: its first paragraph and the text
    it goes on with after moved text (the review16 proofs)."""
    host = wrap("河东街道今年新建口袋公园，附近的居民晚饭后都愿意出来走一走，孩子们也有了玩耍的地方，"
                "不少老人说，家门口的环境一年比一年好了。", 18)
    rest = wrap("街道还请来园林专家对公园里的树木逐棵检查，枯死的及时补种，长得过密的适当修剪，"
                "明年开春前后，还将在公园里增设一批健身器材和休息座椅。", 18)
    return host, rest


def test_article_that_went_on_after_moved_text_keeps_its_paragraphs_in_reading_order():
    # (review16 proof) An article in an 18-character column, a paragraph of a
    # 24-character column moved into it, the article going on in 18, then a
    # paragraph of a 14-character column, and after them all a title that
    # repeats the first article's lead: the title's article takes the run's
    # drafts from its lead on (join_drafts_from_lead_repeating), and its
    # paragraphs must stay in the order they are printed in.
    host, rest = _park_article()
    moved = wrap("市图书馆新馆下月起试开放，新馆的藏书比老馆多了一倍，阅览座位有一千多个。开放期间每天上午九点到晚上"
                 "九点接待读者，节假日照常开放。读者凭身份证就可以免费办理借书证，每人每次可以借阅图书五册。", 24)
    third = wrap("今年冬天雪下得早，环卫工人凌晨四点就上街清扫积雪，主干道上午八点前全部通车，市民出行没有受到影响。", 14)
    text = ("\n".join(host) + "\n\n" + "\n".join(moved) + "\n\n" + "\n".join(rest) + "\n\n" + "\n".join(third) +
            "\n\n河东街道今年新建口袋公园\n")
    page = huozi.parse(text).to_dict()
    assert check_conservation(text, page) == []
    for a in page["articles"]:
        starts = [b["start"] for b in a["blocks"]]
        assert starts == sorted(starts), [b["text"][:4] for b in a["blocks"]]


def test_byline_over_an_untitled_article_goes_back_to_the_article_that_went_on_after_moved_text():
    # (review16 proof) A titled article with its byline over its body (18
    # characters), a paragraph of a 24-character column moved into it, the
    # article going on in 18, then a byline over an untitled article of a
    # 14-character column that has its own byline after its body: the byline
    # over it closes the text printed right before it, the first article's
    # (give_top_bylines_back_to_text_above), as it does without the moved
    # paragraph.
    host, rest = _park_article()
    moved = wrap("市图书馆新馆下月起试开放，新馆的藏书比老馆多了一倍，阅览座位有一千多个。开放期间每天上午九点到晚上"
                 "九点接待读者，节假日照常开放。读者凭身份证就可以免费办理借书证，每人每次可借五册。", 24)
    other = wrap("今年冬天雪下得早，环卫工人凌晨四点就上街清扫积雪，主干道上午八点前全部通车，市民出行没有受到影响。"
                 "环卫部门还在主要路口撒了融雪剂，防止路面结冰。", 14)
    text_of = lambda moved_lines: ("口袋公园建起来了\n本报记者 周平\n" + "\n".join(host) + "\n\n" + moved_lines +
                                   "\n".join(rest) + "\n通讯员 吴军\n" + "\n".join(other) + "\n本报记者 孙丽\n")
    authors = lambda text: [[x["name"] for x in a["authors"]] for a in huozi.parse(text).to_dict()["articles"]]
    assert authors(text_of("")) == [["周平", "吴军"], ["孙丽"]]
    text = text_of("\n".join(moved) + "\n\n")
    assert check_conservation(text, huozi.parse(text).to_dict()) == []
    assert authors(text) == [["周平", "吴军"], [], ["孙丽"]]


def test_moved_head_read_after_the_text_it_broke_trades_places_with_that_texts_title_printed_after_it():
    # Titles printed after their bodies. An article's head (headline and
    # subtitle) set into another article's paragraph (18-character column),
    # which goes on under it; repair reads the head after that text, right
    # before the text's own headline (printed after its body). The head goes
    # to the article after them (24-character column), the headline printed
    # after the text to the text.
    lead = wrap("今年以来，市交通部门围绕群众出行难的问题，先后召开了十多次座谈会，听取市民和人大代表的意见建议，"
                "制定了公交线路优化方案。", 18)
    host = wrap("全市的公交线路今年一共调整了三十多条，新开通的社区巴士穿行在老城区的小街小巷里，老人们出门方便多了，"
                "不少居民专门打电话到报社表示感谢，说这件实事办到了大家的心坎上，希望今后多办这样的好事。", 18)
    host_rest = wrap("公交公司还在站台上装了电子站牌，车到哪里一看就知道，等车的人再也不用站在路边干着急了。", 18)
    other = wrap("城西菜市场改造工程上周全部完工，新市场的面积比原来大了一倍，通道宽敞明亮，地面也不再湿滑。"
                 "市民们纷纷前来选购年货，不少老顾客说，现在买菜比以前舒心多了。", 24)
    other_rest = wrap("新市场按照蔬菜、肉类、水产和干货分区经营，每个摊位都挂上了统一的价格牌，管理人员每天上午和下午各巡查一次。", 24)
    for sep in ["\n", "\n\n"]:
        text = sep.join(lead + host[:3] + ["城西菜市场改造完工", "——老顾客说买菜舒心多了"] + host[3:] + host_rest +
                        ["公交线路调整", "本报记者 张明"] + other + other_rest) + "\n"
        page = huozi.parse(text).to_dict()
        assert [(a["title"], a["subtitle"], a["blocks"][0]["text"][:4]) for a in page["articles"]] == [
            ("公交线路调整", None, "今年以来"), ("城西菜市场改造完工", "——老顾客说买菜舒心多了", "城西菜市")]
        assert check_conservation(text, page) == []
        # A head that opens the lead of the text it was set into is that
        # text's own headline, wherever it was printed.
        text = sep.join(lead + host[:3] + ["市交通部门围绕群众出行难的问题", "——老顾客说买菜舒心多了"] + host[3:] +
                        host_rest + ["公交线路调整", "本报记者 张明"] + other + other_rest) + "\n"
        assert "公交线路调整" not in [a["title"] for a in huozi.parse(text).to_dict()["articles"][:1]]


def _roads_article_lines():
    """Two paragraphs of an article set 18 characters wide, as wrapped lines:
    the article under the headline in the photo-spread tests below."""
    return (wrap("今年全市新建和改建农村公路三百多公里，村村通上了硬化路，农产品运出去的时间比过去少了一半。"
                 "交通部门还在偏远山村开通了十几条客运班线，方便村民进城看病、赶集和走亲访友。", 18) +
            wrap("明年还将对一批危桥进行加固改造，确保群众出行安全。", 18))


def test_photo_spread_is_the_article_left_untitled():
    # A photo spread's captions (…（图①）, 24 characters wide) open the page, a
    # headline that shares nothing with either lead under them, an article
    # (18 wide) with its byline under that: one of the two stays untitled
    # either way, and a photo spread runs without a headline far more often
    # than an article does, so the headline is the article's.
    photo = (wrap("市民在新落成的滨江步道上散步健身，步道沿江而建，全长八公里，沿途种植了各类花木两万多株。（图①）", 24) +
             wrap("傍晚时分，步道上的路灯亮起，三五成群的居民在江边纳凉聊天，孩子们在草坪上追逐嬉戏。（图②）", 24))
    body = _roads_article_lines()
    text = "\n".join(photo + ["山乡巨变看今朝"] + body + ["本报记者 王林"]) + "\n"
    page = huozi.parse(text).to_dict()
    assert check_conservation(text, page) == []
    assert [(a["title"], a["blocks"][0]["text"][:4]) for a in page["articles"]] == [
        (None, "市民在新"), ("山乡巨变看今朝", "今年全市")]
    # Printed after its body (the page ends with the spread): the same.
    text = "\n".join(body + ["本报记者 王林", "山乡巨变看今朝"] + photo) + "\n"
    assert [(a["title"], a["blocks"][0]["text"][:4]) for a in huozi.parse(text).to_dict()["articles"]] == [
        ("山乡巨变看今朝", "今年全市"), (None, "市民在新")]


def test_two_line_paragraph_wrapped_early_before_a_quote_past_a_spliced_jump_line():
    # The same two-line paragraph as above with a jump line printed between
    # its two lines: repair splices the jump line out and the paragraph's
    # text is the same, so its first line, wrapped early before the quote,
    # still says the wider column (review17: the second line was read as
    # the line after the first in the page, the jump line).
    starts = _block_starts
    narrow, wide = _narrow_article_then_wide_text()
    page = narrow + "区里开展文明创建活动要想真正见\n（下转第二版）\n“重在坚持”。\n\n" + wide
    assert starts(page) == [["全县今年", "镇卫生院"], ["区里开展", "目前，街", "这条公路"]]
    assert check_conservation(page, huozi.parse(page).to_dict()) == []


def test_first_line_ending_with_a_mark_before_a_quote_carried_down_is_no_narrower_column():
    # An article set 17 characters wide (34 columns) after one 13 wide, its
    # first paragraph's first line (indented: 15 characters of room) ending
    # with a colon and stopping a character short, the opening quote carried
    # down to the next line (a blank line under the first line, as some
    # extractions set one, keeps repair's column estimate on the narrow
    # article's). The next paragraph's first line fills its 15 characters:
    # the two first lines measure three columns apart, the colon counted as
    # if it hung, but the first one wrapped early and its colon stood inside
    # the column: one column, one article with its byline (it was cut after
    # its first paragraph).
    narrow = ("市区道路改造工程完工\n\n"
              "经过半年多的紧张施工，\n市区主要道路改造工程日前全\n部完工，全长十二公里的道路\n重新向市民开放。\n\n"
              "新道路增设了非机动车道\n和人行道，并在主要路口设置\n了过街天桥，方便市民出行。\n\n"
              "本报记者 张三\n\n")
    wide = ("协会章程第三条第二款修改为：\n\n“会员按照协会章程享受各项权利，履\n"
            "行各项义务，积极参加协会组织的各项\n活动。”\n\n"
            "会议审议通过了协会今年的工作计\n划，决定在全市范围内开展一次会员\n"
            "走访慰问活动，听取会员对协会工作的\n意见和建议。\n\n通讯员 李四\n")
    text = narrow + wide
    page = huozi.parse(text).to_dict()
    assert check_conservation(text, page) == []
    assert [(a["title"], [b["text"][:4] for b in a["blocks"]], [x["name"] for x in a["authors"]])
            for a in page["articles"]] == [
        ("市区道路改造工程完工", ["经过半年", "新道路增"], ["张三"]),
        (None, ["协会章程", "会议审议"], ["李四"])]


def test_article_with_one_photo_caption_is_no_photo_spread():
    # An article of text whose last paragraph is its photo's caption (…（图①）)
    # is no photo spread: a headline between it and another article, sharing
    # nothing with either lead, is weighed as between two articles (review17:
    # one caption paragraph made the whole draft a spread, half as dear to
    # leave untitled, and the headline moved to the article under it).
    article = (wrap("全县今年新建高标准农田三万亩，配套修建机井和排灌渠道，农业生产条件明显改善，"
                    "粮食产量连续五年稳定增长，村容村貌焕然一新。", 24) +
               wrap("县农业部门还组织技术人员深入田间地头，指导农民科学种田，推广良种良法，受到群众普遍欢迎。", 24) +
               wrap("技术人员在田间指导农民选种。（图①）", 24))
    body = _roads_article_lines()
    text = "\n".join(article + ["山乡巨变看今朝"] + body + ["本报记者 王林"]) + "\n"
    page = huozi.parse(text).to_dict()
    assert check_conservation(text, page) == []
    # As without the caption paragraph: the headline under the first article
    # is weighed alike either way, and the first article keeps it.
    plain = "\n".join(article[:-1] + ["山乡巨变看今朝"] + body + ["本报记者 王林"]) + "\n"
    titles = lambda p: [(a["title"], a["blocks"][0]["text"][:4]) for a in p["articles"]]
    assert titles(page) == titles(huozi.parse(plain).to_dict())


def test_title_line_over_a_blank_and_a_first_line_is_a_heading():
    # A two-line title on a page that squeezes its marks, a blank line under
    # it and the lead's first line 2 em short under the blank: its second
    # line, no mark in it and short of the column, is the title's, not the
    # first words of the lead joined across the blank (dev 11:300 kind).
    text = ("文化广场热闹非凡\n\n县里今年新建了三座文化广场，每逢节假日都有文艺演出，附\n"
            "近的群众扶老携幼前来观看，广场上人头攒动。\n\n"
            "春节前夕到来之际\n老艺人把剪纸送进校园\n\n家住城关镇的王大爷今年\n七十三岁的他剪过无数窗花（\n"
            "喜字、生肖和戏曲人物）。作品\n多次在省里获奖，他说手艺要\n有人传下去才行。\n")
    page = huozi.parse(text).to_dict()
    assert check_conservation(text, page) == []
    assert [(a["title"], a["blocks"][0]["text"][:4]) for a in page["articles"]] == [
        ("文化广场热闹非凡", "县里今年"), ("春节前夕到来之际 老艺人把剪纸送进校园", "家住城关")]


def test_long_one_phrase_headline_over_a_byline_is_the_title():
    # A headline of one phrase longer than twenty characters (a document's
    # title, …关于…的决定), over a byline: no running text goes on under it,
    # so it is the next article's title, not a wide paragraph's first line
    # (that one has a line of its text under it).
    body = ("为了做好新形势下的社区警务工作，市公安局在全\n市范围内开展了“社区民警进万家”活动，民警们走\n"
            "街串巷，逐户走访群众，解决实际困难，受到欢迎。\n")
    for head in ["省人大常委会关于加强城乡生活垃圾分类管理的决定", "縣政府辦公室關於進一步做好農村飲水安全工作的通知"]:
        for under in ["\n本报记者 王五\n", "\n\n本报记者 王五\n\n"]:
            text = "社区民警进万家\n" + body + "\n" + head + under + body
            d = huozi.parse(text).to_dict()
            assert check_conservation(text, d) == []
            assert [a["title"] for a in d["articles"]] == ["社区民警进万家", head], (head, under)


def test_article_end_mark_closes_its_article():
    # Wire copy closes an article with an end mark, （完）: body text after it,
    # in the same column with no head or byline between, is another
    # article's (here an untitled one), on the mark's line or under it.
    first = (para16("国家统计局今天发布数据显示，今年全国粮食总产量再创新高，连续多年稳定在较高水平。")
             + para16("有关负责人表示，粮食生产实现丰收，为稳定经济大局、应对各种风险挑战提供了有力支撑。（完）"))
    second = (para16("本市今年新建的三座社区图书馆已经全部开放，每天接待读者近千人次，周末更是一座难求。")
              + para16("街道还在居民楼下设立了阅览室，志愿者轮流值守，借还都很方便，居民们十分满意。"))
    want = [(None, "全国粮食总产量再创新高", "国家统计"), (None, None, "本市今年")]
    for text in ("全国粮食总产量再创新高\n\n" + first + second,
                 "全国粮食总产量再创新高\n\n" + first + "\n" + second,
                 "全国粮食总产量再创新高\n\n" + first.replace("。（完）", "。\n（完）") + second):
        assert heads(text) == want, text
        d = huozi.parse(text).to_dict()
        assert check_conservation(text, d) == []
        assert d["articles"][0]["blocks"][-1]["text"].endswith("支撑。（完）")


def test_byline_closed_by_the_end_mark_is_its_articles():
    # A reporter's byline with the end mark after it, on a line of its own
    # (（记者 周九）（完）): the byline credits the article above and closes it;
    # it is no dateline opening an article of the mark alone.
    first = (para16("县里今年新修的两条乡村公路已经全部通车，沿线村民出行更加方便，农产品也好卖了。")
             + para16("交通部门表示，明年还将继续加大投入，让更多的村庄通上平坦宽阔的水泥路。"))
    second = (para16("本市今年新建的三座社区图书馆已经全部开放，每天接待读者近千人次，周末更是一座难求。")
              + para16("街道还在居民楼下设立了阅览室，志愿者轮流值守，借还都很方便，居民们十分满意。"))
    for credit in ("（记者 周九）（完）", "（记者周九）（全文完）", "(记者 周九)(完)"):
        text = "两条乡村公路全部通车\n\n" + first + credit + "\n" + second
        d = huozi.parse(text).to_dict()
        assert check_conservation(text, d) == []
        assert heads(text) == [(None, "两条乡村公路全部通车", "县里今年"), (None, None, "本市今年")], (credit, text)
        assert [n["name"] for n in d["articles"][0]["authors"]] == ["周九"], credit
        assert d["articles"][1]["authors"] == [], credit


def test_heading_a_later_clause_of_the_next_paragraph_repeats_after_a_subheading_of_the_same_column_is_a_subheading():
    # A titled article that set a subheading in its column goes on with one
    # more of that set, whose words the paragraph under it takes up as a
    # clause further on: the article and its byline stay whole, no headline
    # opens a new article there. A paragraph that opens with the heading's
    # very words still makes it a headline, and so does one without the
    # earlier subheading (see
    # test_a_heading_the_next_paragraph_opens_with_is_a_headline_not_a_subheading).
    lead = ("全市鱼养爱川尼员直为，斯德拉光夫大白\n阿，为了永一塔黄高斯德的罗波，土年飞\n"
            "们组织爱音尼员开族剧思，存得了维论的\n赛女。\n")
    page = lambda lead: ("社区民警进万家\n\n" + A + "\n走访群众\n\n" + B.replace("群众出行", "市民出行") +
                         "\n斯德拉光夫大白阿\n\n" + lead + "\n通讯员 张三\n")

    def got(text):
        d = huozi.parse(text).to_dict()
        assert check_conservation(text, d) == []
        return [(a["title"], [b["text"] for b in a["blocks"] if b["kind"] == "subheading"],
                 [x["name"] for x in a["authors"]]) for a in d["articles"]]

    assert got(page(lead)) == [("社区民警进万家", ["走访群众", "斯德拉光夫大白阿"], ["张三"])]
    opens = ("斯德拉光夫大白阿，为了永一塔黄高斯\n德的罗波，土年飞们组织爱音尼员开族\n剧思，存得了维论的赛女。\n")
    assert got(page(opens)) == [("社区民警进万家", ["走访群众"], []), ("斯德拉光夫大白阿", [], ["张三"])]
