"""huozi.repair builds its str itself from the repaired UTF-8 (bindings/
module.cpp, str_of_page): the same characters as repair_details' units, in
the narrowest kind of str CPython would choose (an str of another kind holding
the same characters compares unequal), for every width of character and
every way a run of Han can start and end."""

import random

import pytest

import huozi


def rendered(details: dict) -> str:
    out = []
    for i, u in enumerate(details["units"]):
        if i > 0 and u["break_before"] == "block":
            out.append("\n")
        out.append(u["text"] + "\n")
    return "".join(out)


def canonical(s: str) -> bool:
    return s == s.encode("utf-8").decode("utf-8")


# Characters of each width and lead byte: ASCII, Latin-1, two-byte beyond
# Latin-1, three-byte with lead E0 (U+0800..U+0FFF), ED (U+D000..U+D7FF), the
# other leads (Han, full-width punctuation, private use), and four-byte.
ALPHABETS = {
    "ascii": "abcXYZ019 ,.",
    "latin1": "éüßÀ\u00a0",
    "two_byte": "ĀŒΩЖא",
    "e0": "\u0800\u0915\u0e01\u0fff",
    "ed": "\ud000\ud55c\ud7a3\ud7ff",
    "han": "中华人民共和国新闻记者，。“”（）《》、\u3000",
    "private_and_end": "\ue000\uf8ff\uff01\uffe5\ufffd",
    "astral": "𠀀𠮷𡈽",
}


@pytest.mark.parametrize("mix", [
    ("ascii",), ("ascii", "latin1"), ("latin1",), ("two_byte",), ("han",), ("han", "ascii"),
    ("han", "e0"), ("han", "ed"), ("han", "private_and_end"), ("han", "latin1"), ("han", "astral"),
    ("e0", "ed", "two_byte", "ascii"),
])
def test_repair_str_matches_units_and_kind(mix):
    rng = random.Random("+".join(mix))
    chars = "".join(ALPHABETS[m] for m in mix)
    for _ in range(40):
        lines = []
        for _ in range(rng.randint(1, 12)):
            lines.append("".join(rng.choice(chars) for _ in range(rng.randint(0, 40))))
        text = "\n".join(lines)
        got = huozi.repair(text)
        assert got == rendered(huozi.repair_details(text))
        assert canonical(got)
        assert huozi.repair(text.encode("utf-8")) == got


def test_repair_str_of_each_kind():
    # One page of each kind of str: ASCII, Latin-1, UCS-2 and UCS-4.
    for text in ("plain text\n", "café au lait\n", "新闻记者" * 20 + "\n", "新闻𠮷记者" * 20 + "\n"):
        got = huozi.repair(text)
        assert got == text
        assert canonical(got)


def test_repair_reads_the_str_however_its_utf8_is_held():
    # A str of 16-bit units is encoded by huozi itself until CPython holds its
    # UTF-8 (huozi.parse asks CPython for it); the result is the same.
    text = "记者 王小明\n" + "市政府召开新闻发布会，介绍今年城市建设情况。" * 3 + "\nA1版\n"
    first = huozi.repair(text)
    huozi.parse(text)
    assert huozi.repair(text) == first
    assert first == rendered(huozi.repair_details(text))


@pytest.mark.parametrize("text", ["新闻\udc80记者\n", "新闻记者新闻记者新闻记者\ud800\n", "\udfff"])
def test_repair_lone_surrogate_raises_as_parse(text):
    with pytest.raises(huozi.DecodeError) as rep:
        huozi.repair(text)
    with pytest.raises(huozi.DecodeError) as par:
        huozi.parse(text)
    assert rep.value.offset == par.value.offset


def test_one_line_of_every_alphabet_comes_back_character_for_character():
    # A line with no space, mark or doubled glyph is its own unit: what comes
    # back must be the same characters (not only a str of the same kind), at
    # the lengths where the decoder's 16-byte reads and the 48-byte switch to
    # it begin and end.
    alphabets = {
        "han": "汉字排版测试",
        "latin1": "éàüß",
        "ascii": "abcxyz",
        "mixed": "汉é字a",
        "edges": "\u0800\u07ff\uffef\u0100\u00ff",
        "astral": "汉\U00020000字",
    }
    for name, a in alphabets.items():
        for n in (1, 15, 16, 17, 47, 48, 49, 1023, 1024, 1025):
            s = (a * 2000)[:n]
            assert huozi.repair(s) == s + "\n", (name, n)
            assert huozi.repair(s.encode("utf-8")) == s + "\n", (name, n)


def test_repair_many_is_repair_of_each_page_in_order():
    # The batch call runs the same repair on C++ threads: each result is
    # exactly huozi.repair's for that page, in input order, whatever the
    # number of threads, for str of every kind and for bytes (decoded as
    # huozi.repair decodes them, GB18030 included).
    from huozi.bench import generate

    corpus = generate.load_corpus()
    fams = generate.FAMILIES
    pages = [generate.generate_page(generate.page_seed(21, i), corpus, fams[i % len(fams)])["text"] for i in range(24)]
    pages += ["plain text\n", "café au lait\n", "新闻𠮷记者" * 20 + "\n", "", huozi.sample_text()]
    pages.append(huozi.sample_text().encode("gb18030"))
    want = [huozi.repair(p) for p in pages]
    for threads in (None, 1, 2, 3):
        assert huozi.repair_many(pages, threads=threads) == want
    assert huozi.repair_many(tuple(pages[:3]), threads=2) == want[:3]
    assert huozi.repair_many([]) == []
    assert huozi.repair_many([pages[0]], fullwidth_ascii=True, deinterleave=False) == [
        huozi.repair(pages[0], fullwidth_ascii=True, deinterleave=False)]


def test_repair_many_raises_as_repair_on_a_page_it_cannot_read():
    with pytest.raises(huozi.DecodeError) as many:
        huozi.repair_many(["新闻记者\n", "新闻\udc80记者\n"], threads=2)
    with pytest.raises(huozi.DecodeError) as one:
        huozi.repair("新闻\udc80记者\n")
    assert many.value.offset == one.value.offset


@pytest.mark.parametrize("call", ["repair_many", "parse_many", "tokenize_many"])
@pytest.mark.parametrize("one_page", ["新闻记者\n", "新闻记者\n".encode(), bytearray(b"abc\n")])
def test_batch_calls_refuse_one_page_given_for_a_list(call, one_page):
    # A str or bytes is a sequence too: given alone to a batch call it would
    # come back as one page per character. It is refused with a clear message.
    with pytest.raises(TypeError, match=rf"{call} takes a sequence of pages"):
        getattr(huozi, call)(one_page)
    if not isinstance(one_page, bytearray):  # (tokenize takes str or bytes only)
        assert len(getattr(huozi, call)([one_page])) == 1
