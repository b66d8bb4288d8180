"""Tests of the synthetic page generator, the scorer and the baseline repair.

Pure Python: no compiled huozi module is needed.  The bench modules are
imported as ``huozi.bench.*`` when the package imports, else loaded from
their files.  Tests that need the PKU corpus in ../shared skip without it.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "python" / "huozi" / "bench"
SAMPLE = ROOT / "python" / "huozi" / "data" / "jining-police-page.txt"


def _load(modname: str, path: Path):
    try:
        return importlib.import_module(f"huozi.bench.{modname}")
    except Exception:  # huozi/__init__ needs the compiled core: load by path
        name = f"_huozi_bench_{modname}"
        if name in sys.modules:
            return sys.modules[name]
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
        return mod


gen = _load("generate", BENCH / "generate.py")
score = _load("score", BENCH / "score.py")


def _baseline():
    name = "_huozi_baseline_repair"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "baseline_repair.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]


@pytest.fixture(scope="module")
def sample_corpus():
    return gen.load_corpus(str(SAMPLE))


@pytest.fixture(scope="module")
def pku_corpus():
    path = gen._default_corpus_path()
    if path is None or not path.is_file():
        pytest.skip("PKU corpus (../shared/corpora/pku-2001-01) not available")
    return gen.load_corpus(str(path))


@pytest.fixture(scope="module", params=["sample", "pku"])
def corpus(request, sample_corpus):
    if request.param == "sample":
        return sample_corpus
    return request.getfixturevalue("pku_corpus")


# --------------------------------------------------------------------- corpus


def test_sample_corpus_is_usable(sample_corpus):
    assert len(sample_corpus.paragraphs) >= 20
    assert sample_corpus.headlines and sample_corpus.clauses and sample_corpus.places
    for p in sample_corpus.paragraphs:
        assert p == "".join(p.split()), "paragraphs carry no spaces"
        assert "（图" not in p


def test_default_corpus_loads():
    c = gen.load_corpus()  # PKU when ../shared is there, else the bundled sample
    assert len(c.paragraphs) >= 20


def test_pku_corpus(pku_corpus):
    assert len(pku_corpus.paragraphs) > 500
    assert len(pku_corpus.headlines) > 100


# ----------------------------------------------------------------- generation


@pytest.mark.parametrize("family", gen.FAMILIES)
def test_determinism(corpus, family):
    a = gen.generate_page(12345, corpus, family)
    b = gen.generate_page(12345, corpus, family)
    assert a == b
    assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)
    c = gen.generate_page(12346, corpus, family)
    assert c["text"] != a["text"]


def test_generate_pages_determinism(sample_corpus):
    a = [g["text"] for g in gen.generate_pages(30, seed=4, corpus=sample_corpus)]
    b = [g["text"] for g in gen.generate_pages(30, seed=4, corpus=sample_corpus)]
    c = [g["text"] for g in gen.generate_pages(30, seed=5, corpus=sample_corpus)]
    assert a == b and a != c


def test_family_none_is_deterministic(sample_corpus):
    a = gen.generate_page(77, sample_corpus)
    assert a["family"] in gen.FAMILIES
    assert a == gen.generate_page(77, sample_corpus)


def test_unknown_family(sample_corpus):
    with pytest.raises(ValueError):
        gen.generate_page(1, sample_corpus, "nope")


@pytest.mark.parametrize("family", gen.FAMILIES)
def test_every_family_generates(corpus, family):
    for g in gen.generate_pages(20, seed=3, corpus=corpus, families=[family]):
        assert g["family"] == family
        assert g["layout"] in ("title_before", "title_after", "mixed")
        assert 2 <= len(g["articles"]) <= 9
        assert g["text"] and g["units"] and g["breaks"]
        assert len(g["units"]) == len(g["blocks"])


def test_generate_pages_cycles_families(sample_corpus):
    fams = [g["family"] for g in gen.generate_pages(2 * len(gen.FAMILIES), corpus=sample_corpus)]
    assert fams == list(gen.FAMILIES) * 2


@pytest.mark.parametrize("family", gen.FAMILIES)
def test_check_gold_clean(corpus, family):
    n = 150 if corpus.source.endswith(".utf8") else 100
    for g in gen.generate_pages(n, seed=11, corpus=corpus, families=[family]):
        assert gen.check_gold(g) == [], (g["family"], g["seed"])


def test_check_gold_catches_tampering(sample_corpus):
    g = gen.generate_page(5, sample_corpus, "clean")
    assert gen.check_gold(g) == []
    bad = dict(g, text=g["text"].replace("，", "", 1))
    assert gen.check_gold(bad)
    bad = dict(g, units=g["units"][:-1])
    assert gen.check_gold(bad)
    flipped = [[i, "block" if k == "join" else k] for i, k in g["breaks"]]
    assert gen.check_gold(dict(g, breaks=flipped))


def _rebuild_units(g):
    """Join the page's non-blank lines as the gold breaks say (clean pages)."""
    lines = gen.split_lines(g["text"])
    kinds = dict((i, k) for i, k in g["breaks"])
    units, cur = [], []
    for i, line in enumerate(lines):
        if gen.is_blank(line):
            continue
        cur.append(line.strip())
        if i in kinds and kinds[i] != "join":
            units.append("".join(cur))
            cur = []
    if cur:
        units.append("".join(cur))
    return units


def test_breaks_consistent_with_units_on_clean_pages(corpus):
    for g in gen.generate_pages(200, seed=8, corpus=corpus, families=["clean"]):
        assert _rebuild_units(g) == g["units"], g["seed"]
        assert g["artifacts"].keys() <= {"subheading"}
        for line in gen.split_lines(g["text"]):
            assert line == line.strip()


def test_gold_structure(sample_corpus):
    for g in gen.generate_pages(260, seed=9, corpus=sample_corpus):
        units = set(g["units"])
        for a in g["articles"]:
            assert set(a) >= {"kicker", "title", "subtitle", "authors", "blocks"}
            if a["subtitle"]:
                assert a["subtitle"].startswith("——")
            if a["kicker"]:
                assert a["kicker"] in units
                assert a["title"], "a kicker rides over a headline, never alone"
            for b in a["blocks"]:
                assert b["kind"] in ("paragraph", "subheading", "caption")
                assert b["text"] in units
            for au in a["authors"]:
                assert au["role"] and au["name"] and 2 <= len(au["name"]) <= 3
        for b in g["blocks"]:
            if b["kind"] in ("title_line", "subheading", "kicker"):
                assert not set(b["text"]) & set("，。！？；")
        # An untitled item's byline follows its body: over the body, under
        # the previous article's text, it would read as that article's.
        for n, a in enumerate(g["articles"]):
            if a["title"] is None:
                kinds = [b["kind"] for b in g["blocks"] if b.get("article") == n]
                if "byline" in kinds:
                    body = [i for i, k in enumerate(kinds) if k in ("paragraph", "caption")]
                    assert kinds.index("byline") > body[0], (g["id"], n, kinds)


def test_artifacts_follow_families(sample_corpus):
    def pages(fam, n=40):
        return list(gen.generate_pages(n, seed=21, corpus=sample_corpus, families=[fam]))

    def frac(fam, key, n=40):
        return sum(1 for g in pages(fam, n) if g["artifacts"].get(key)) / n

    assert frac("intrusions", "intrusion") > 0.8
    assert frac("out_of_order", "out_of_order") > 0.8
    assert frac("shared_baseline", "shared_baseline") > 0.6
    assert frac("letterspaced", "letterspaced_line") > 0.6
    assert frac("faux_bold", "doubled_label") > 0.6
    assert frac("justified", "justify_space") > 0.6
    assert frac("encoding", "crlf") + frac("encoding", "cr") > 0.3
    assert frac("latin", "latin_gloss") > 0.5
    assert all(g["style"]["blank"] == "never" for g in pages("no_blanks"))
    for g in pages("no_blanks"):
        assert not any(gen.is_blank(l) for l in gen.split_lines(g["text"]))
    assert frac("clean", "intrusion") == 0


def test_encoding_artifacts_roundtrip(sample_corpus):
    seen = set()
    for g in gen.generate_pages(60, seed=2, corpus=sample_corpus, families=["encoding"]):
        t = g["text"]
        if t.startswith("\ufeff"):
            seen.add("bom")
        if "\r\n" in t:
            seen.add("crlf")
        if "\f" in t:
            seen.add("ff")
        if "「" in t:
            seen.add("trad")
        assert gen.check_gold(g) == []
    assert seen >= {"bom", "crlf", "ff"}


# -------------------------------------------------------------------- scoring


def test_unit_f1():
    r = score.unit_f1(["a", " b ", "c", "c"], ["a", "b", "c", "d"])
    assert r["tp"] == 3
    assert r["precision"] == pytest.approx(0.75) and r["recall"] == pytest.approx(0.75)
    assert score.unit_f1([], [])["f1"] == 0.0 or score.unit_f1([], [])["f1"] == 1.0
    assert score.unit_f1(["x"], ["x"])["f1"] == 1.0


def test_break_accuracy():
    gold = [[0, "join"], [1, "paragraph"], [3, "block"]]
    r = score.break_accuracy({0: "join", 1: "paragraph", 3: "paragraph"}, gold)
    assert r["n"] == 3 and r["accuracy"] == pytest.approx(2 / 3)
    assert r["split_accuracy"] == pytest.approx(1.0)
    assert r["confusion"]["block"] == {"paragraph": 1}
    assert score.break_accuracy({}, gold)["accuracy"] == 0.0


def test_oracle_scores_perfectly(sample_corpus):
    golds = list(gen.generate_pages(26, seed=13, corpus=sample_corpus))
    by_text = {g["text"]: g for g in golds}
    s = score.score_pages(lambda t: (by_text[t]["units"], dict(map(tuple, by_text[t]["breaks"]))), golds)
    assert s["overall"]["f1"] == 1.0 and s["overall"]["break_accuracy"] == 1.0
    assert set(s["families"]) == set(gen.FAMILIES)


# ------------------------------------------------------------------- baseline


def test_baseline_simple():
    br = _baseline()
    assert br.repair("市公安局要求，深化\n思想认识。\n") == ["市公安局要求，深化思想认识。"]
    assert br.repair("局邀请 50 名小学生走进派出所。") == ["局邀请50名小学生走进派出所。"]
    assert br.repair_text("") == ""


def test_baseline_on_sample():
    br = _baseline()
    text = SAMPLE.read_text(encoding="utf-8")
    units = br.repair(text)
    assert 20 < len(units) < 200
    assert all(isinstance(u, str) and u for u in units)
    assert any(u.startswith("7月23日，市公安局召开党委会") and u.endswith("研究贯彻落实意见。") for u in units)
    breaks = br.repair_breaks(text)
    assert set(breaks.values()) <= {"join", "paragraph"}


def test_baseline_on_generated_pages(corpus):
    br = _baseline()
    golds = list(gen.generate_pages(2 * len(gen.FAMILIES), seed=17, corpus=corpus))
    s = score.score_pages(br.repair, golds, br.repair_breaks)
    assert 0.0 < s["overall"]["f1"] < 1.0
    assert 0.5 < s["overall"]["break_accuracy"] < 1.0
    assert set(s["families"]) == set(gen.FAMILIES)
    table = score.format_table(s)
    assert "OVERALL" in table


# ------------------------------------------------------------------------ CLI


def test_parse_size():
    assert gen.parse_size("100MB") == 100 << 20
    assert gen.parse_size("1GB") == 1 << 30
    assert gen.parse_size("1.5k") == 1536
    assert gen.parse_size("2048") == 2048


@pytest.mark.parametrize("fmt", ["dir", "zip", "jsonl"])
def test_cli_formats(tmp_path, fmt, monkeypatch):
    monkeypatch.setenv("HUOZI_CORPUS", str(SAMPLE))
    out = tmp_path / fmt
    assert gen.main(["--pages", "12", "--out", str(out), "--format", fmt, "--seed", "3",
                     "--jobs", "1", "--quiet", "--families", "clean,mixed"]) == 0
    golds = [json.loads(l) for l in (out / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in golds] == [f"{i:05d}" for i in range(12)]
    assert [g["family"] for g in golds] == ["clean", "mixed"] * 6
    if fmt == "dir":
        texts = [(out / "pages" / f"{i:05d}.txt").read_bytes().decode("utf-8") for i in range(12)]
    elif fmt == "zip":
        with zipfile.ZipFile(out / "pages.zip") as z:
            texts = [z.read(f"pages/{i:05d}.txt").decode("utf-8") for i in range(12)]
    else:
        rows = [json.loads(l) for l in (out / "pages.jsonl").read_text(encoding="utf-8").splitlines()]
        texts = [r["text"] for r in rows]
    assert texts == [g["text"] for g in golds]
    for g in golds:
        assert gen.check_gold(g) == []
    # same as the API
    api = list(gen.generate_pages(12, seed=3, corpus=gen.load_corpus(str(SAMPLE)), families=["clean", "mixed"]))
    assert [g["text"] for g in api] == texts


def test_cli_size(tmp_path, monkeypatch):
    monkeypatch.setenv("HUOZI_CORPUS", str(SAMPLE))
    out = tmp_path / "s"
    assert gen.main(["--size", "60KB", "--out", str(out), "--jobs", "1", "--quiet"]) == 0
    files = sorted((out / "pages").iterdir())
    total = sum(f.stat().st_size for f in files)
    assert total >= 60 * 1024
    last = files[-1].stat().st_size
    assert total - last < 60 * 1024
    assert len((out / "gold.jsonl").read_text(encoding="utf-8").splitlines()) == len(files)


@pytest.mark.parametrize("suffix", [".zip", ".jsonl"])
def test_cli_format_from_out_suffix(tmp_path, suffix, monkeypatch):
    monkeypatch.setenv("HUOZI_CORPUS", str(SAMPLE))
    out = tmp_path / f"arch{suffix}"
    assert gen.main(["--pages", "6", "--out", str(out), "--seed", "3", "--jobs", "1", "--quiet"]) == 0
    golds = [json.loads(l) for l in (tmp_path / "arch.gold.jsonl").read_text(encoding="utf-8").splitlines()]
    if suffix == ".zip":
        with zipfile.ZipFile(out) as z:
            texts = [z.read(f"pages/{i:05d}.txt").decode("utf-8") for i in range(6)]
    else:
        texts = [json.loads(l)["text"] for l in out.read_text(encoding="utf-8").splitlines()]
    assert texts == [g["text"] for g in golds]
    assert [g["name"] for g in golds] == [f"pages/{i:05d}.txt" for i in range(6)]
    with pytest.raises(SystemExit):  # a .zip name with another --format is a usage error
        gen.main(["--pages", "1", "--out", str(tmp_path / "x.zip"), "--format", "jsonl", "--quiet"])


def test_cli_archive_options(tmp_path, monkeypatch):
    """What bench/make_archive.py asks for: dated member names, every third
    page in GB18030, planted bad members, distinct pages reused; gold for
    every member."""
    monkeypatch.setenv("HUOZI_CORPUS", str(SAMPLE))
    out = tmp_path / "big.zip"
    assert gen.main(["--pages", "40", "--out", str(out), "--dated-names", "--gb18030-every", "3",
                     "--bad-every", "10", "--distinct", "8", "--seed", "1", "--jobs", "1", "--quiet"]) == 0
    golds = [json.loads(l) for l in (tmp_path / "big.gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(golds) == 40
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert names == [g["name"] for g in golds]
        assert names[0] == "jnrb/2000/01/01/page1.txt" and names[16] == "jnrb/2000/01/02/page1.txt"
        by_id = {g["id"]: g for g in golds}
        for g in golds:
            data = z.read(g["name"])
            i = int(g["id"])
            if i % 10 == 9:
                assert g["bad"] in ("binary_input", "invalid_bytes")
                continue
            src = by_id[g["same_as"]] if "same_as" in g else g
            assert "same_as" not in src and int(src["id"]) % 8 == i % 8
            assert data.decode(src.get("encoding", "utf-8")) == src["text"]
            if src.get("encoding") == "gb18030":
                assert i % 8 % 3 == 1
        assert sum("bad" in g for g in golds) == 4
        assert sum("same_as" in g for g in golds) == 40 - 4 - 8
    with pytest.raises(SystemExit):  # planted bytes need page files
        gen.main(["--pages", "1", "--out", str(tmp_path / "x.jsonl"), "--bad-every", "2", "--quiet"])
