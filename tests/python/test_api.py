"""The Python API: parse, repair, the output contract, errors, conservation."""

from __future__ import annotations

import json
import random

import jsonschema
import pytest

import huozi
from conftest import DATA, SAMPLE, check_conservation

SCHEMA = json.loads((DATA / "contract.schema.json").read_text(encoding="utf-8"))


def validate(obj: dict, definition: str) -> None:
    schema = dict(SCHEMA)
    schema["$ref"] = f"#/definitions/{definition}"
    jsonschema.validate(obj, schema)


def test_version():
    assert huozi.__version__ == huozi._core.__version__
    assert huozi.__version__.count(".") == 2


def test_parse_sample_str_and_bytes_agree(sample_text):
    a = huozi.parse(sample_text, source="s").to_dict()
    b = huozi.parse(sample_text.encode("utf-8"), source="s").to_dict()
    assert a == b
    assert a["encoding"] == "utf-8"


def test_sample_matches_hand_written_articles(sample_text, sample_gold):
    page = huozi.parse(sample_text)
    got = [
        {
            "kicker": a.kicker,
            "title": a.title,
            "subtitle": a.subtitle,
            "authors": a.authors,
            "blocks": [{"kind": b["kind"], "text": b["text"]} for b in a.blocks],
        }
        for a in page.articles
    ]
    assert len(got) == len(sample_gold["articles"]) == 9
    for i, (g, e) in enumerate(zip(got, sample_gold["articles"])):
        assert g == e, f"article {i}"
    assert [d["text"] for d in page.debris] == [d["text"] for d in sample_gold["debris"]]
    assert {d["reason"] for d in page.debris} == {"photo_label"}


def test_sample_validates_against_the_contract_schema(sample_text):
    page = huozi.parse(sample_text, source="sample.txt", date="2020-07-24").to_dict()
    validate(page, "page")
    for a in page["articles"]:
        validate(a, "article")
        assert a["source"] == "sample.txt" and a["date"] == "2020-07-24"
    assert [a["index"] for a in page["articles"]] == list(range(len(page["articles"])))
    starts = [a["start"] for a in page["articles"]]
    assert starts == sorted(starts), "articles in reading order"


def test_contract_keys_are_exact(sample_text):
    page = huozi.parse(sample_text)
    d = page.to_dict(extras=False)
    assert list(d) == ["source", "date", "encoding", "articles", "debris"]
    assert list(d["articles"][0]) == ["source", "date", "index", "kicker", "title", "subtitle",
                                      "authors", "blocks", "fields", "start", "end"]
    assert list(d["articles"][0]["blocks"][0]) == ["kind", "text", "start", "end"]


def test_conservation_on_the_sample(sample_text):
    page = huozi.parse(sample_text).to_dict()
    assert check_conservation(sample_text, page) == []


def test_offsets_point_at_their_text(sample_text):
    raw = sample_text.encode("utf-8")
    page = huozi.parse(sample_text)
    for a in page.articles:
        for b in a.blocks:
            region = raw[b["start"]:b["end"]].decode("utf-8")
            assert region.replace("\n", "").replace(" ", "").startswith(b["text"][:5])
        for f in a.fields:
            region = raw[f["start"]:f["end"]].decode("utf-8")
            assert "".join(region.split()) == "".join(f["text"].split())


def test_year_is_inferred_from_full_dates_and_date_option_wins(sample_text):
    first = huozi.parse(sample_text).articles[0]
    dates = [f for f in first.fields if f["type"] == "date"]
    assert dates[0]["text"] == "7月23日" and dates[0]["value"] == "2020-07-23"
    first = huozi.parse(sample_text, date="2021-07-24").articles[0]
    assert [f["value"] for f in first.fields if f["type"] == "date"][0] == "2021-07-23"


def test_repair_matches_the_fixture(sample_text):
    expected = (DATA / "sample" / "jining-police-page.repaired.txt").read_text(encoding="utf-8")
    assert huozi.repair(sample_text) == expected


def test_repair_details_explain_every_break(sample_text):
    d = huozi.repair_details(sample_text)
    nonblank = [i for i, l in enumerate(sample_text.split("\n")) if l.strip()]
    assert len(d["decisions"]) == len(nonblank) - 1
    assert {x["kind"] for x in d["decisions"]} == {"join", "paragraph", "block"}
    assert all(x["reason"] for x in d["decisions"])
    assert "wrap_across_blank" in d["explain"]


def test_fullwidth_hyphen_at_a_line_end_is_removed_whole():
    # With fullwidth_ascii the full-width hyphen-minus (U+FF0D) of a Latin word
    # wrapped across lines is read as '-' and dropped like one: the removal
    # records the three bytes of the page as printed (it once kept one byte of
    # them and the result could not be turned into str).
    text = "奥运会的网站（www.bei－\njing.org）今天开通，欢迎访问。\n"
    for call in (huozi.repair_details, huozi.parse):
        call(text, fullwidth_ascii=True)  # no UnicodeDecodeError
    d = huozi.repair_details(text, fullwidth_ascii=True)
    [hyphen] = [r for r in d["removals"] if r["reason"] == "line_end_hyphen"]
    raw = text.encode("utf-8")
    assert hyphen["text"] == "－"
    assert raw[hyphen["start"]:hyphen["end"]].decode("utf-8") == "－"
    assert "www.beijing.org" in d["units"][0]["text"]


@pytest.mark.parametrize(
    "data,cls,offset",
    [
        (b"abc\x00def", huozi.BinaryInputError, 3),
        (b"\x80\x81\xfd\xfc\x80\x81" * 3 + b"\x00", huozi.BinaryInputError, 18),
    ],
)
def test_bad_bytes_raise_precise_errors(data, cls, offset):
    with pytest.raises(cls) as ei:
        huozi.parse(data, source="bad.txt")
    assert ei.value.offset == offset
    assert "bad.txt" in str(ei.value)
    assert isinstance(ei.value, huozi.Error)


def test_invalid_utf8_forced_is_a_decode_error_with_offset():
    with pytest.raises(huozi.DecodeError) as ei:
        huozi.parse(b"\xe4\xb8\xad\xff", encoding="utf-8")
    assert ei.value.offset == 3
    page = huozi.parse(b"\xe4\xb8\xad\xff\xe6\x96\x87\xe3\x80\x82", encoding="utf-8", errors="replace")
    assert "\ufffd" in page.articles[0].blocks[0]["text"]


def test_bad_date_is_an_argument_error():
    with pytest.raises(huozi.InvalidArgumentError):
        huozi.parse("文本。", date="2020-13-01")


def test_lone_surrogate_str_is_a_decode_error():
    with pytest.raises(huozi.DecodeError):
        huozi.parse("中\ud800文")


def test_gb18030_and_utf16_are_detected(sample_text):
    gb = huozi.parse(sample_text.encode("gb18030"))
    assert gb.encoding == "gb18030"
    u = huozi.parse(sample_text.encode("utf-8")).to_dict()
    g = gb.to_dict()
    for k in ("articles", "debris"):
        assert [a.get("title") for a in g[k]] == [a.get("title") for a in u[k]]
    u16 = huozi.parse(b"\xff\xfe" + sample_text.encode("utf-16-le"))
    assert u16.encoding == "utf-16le" and len(u16) == 9


def test_empty_and_blank_pages():
    assert len(huozi.parse("")) == 0
    assert len(huozi.parse("\n\n  \n\t\n")) == 0
    assert huozi.repair("") == ""


def test_parse_many_keeps_order_and_reports_errors(sample_text):
    items = [sample_text, b"abc\x00", "短文。"]
    out = huozi.parse_many(items, sources=["a", "b", "c"], threads=2)
    assert isinstance(out[0], huozi.Page) and len(out[0]) == 9
    assert out[1]["error"]["kind"] == "binary_input" and out[1]["error"]["offset"] == 3
    assert out[2].articles[0].blocks[0]["text"] == "短文。"
    with pytest.raises(huozi.BinaryInputError):
        huozi.parse_many(items, raise_errors=True)


def _random_page(rng: random.Random) -> str:
    pieces = ["市公安局", "，", "。", "通讯员 侯宪锋 张巍", "①①", "“禁毒”", "2019年 11月", " ", "\n", "\n\n",
              "\r\n", "\t", "\u3000", "\ufeff", "\u200b", "abc-", "def", "（图①）", "■", "110", "92.7%",
              "近日，", "坚持政治建警 全面从严治警", "——副题", "\f", "邀请 50 名", "5 月 8 日 ， 市 区", "「引」"]
    han = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
    out = []
    for _ in range(rng.randint(0, 60)):
        r = rng.random()
        if r < 0.45:
            out.append("".join(rng.choice(han) for _ in range(rng.randint(1, 30))))
        elif r < 0.9:
            out.append(rng.choice(pieces))
        else:
            out.append(chr(rng.randint(0x20, 0x2FFF)))
    return "".join(out)


def test_conservation_on_random_pages():
    rng = random.Random(20201)
    for i in range(1500):
        text = _random_page(rng)
        if any(0xD800 <= ord(c) <= 0xDFFF for c in text) or "\x00" in text:
            continue
        page = huozi.parse(text).to_dict()
        problems = check_conservation(text, page)
        assert problems == [], f"page {i}: {problems}\n{text!r}"
