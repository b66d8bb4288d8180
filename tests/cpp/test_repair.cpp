#include <gtest/gtest.h>

#include <sstream>

#include "huozi/repair/repair.hpp"
#include "json_lite.hpp"
#include "test_util.hpp"

using namespace huozi;
using namespace huozi::repair;

TEST(RepairSample, MatchesHandWrittenFixture) {
  const std::string page = test_util::read_file(HUOZI_SAMPLE_PAGE);
  ASSERT_FALSE(page.empty());
  const std::string expected = test_util::read_file(test_util::data_path("sample/jining-police-page.repaired.txt"));
  RepairResult r = repair_page(page);
  // Compare unit by unit so that a failure names the lines that differ.
  auto split = [](const std::string& s) {
    std::vector<std::string> out;
    std::size_t b = 0;
    for (std::size_t e; (e = s.find('\n', b)) != std::string::npos; b = e + 1) out.push_back(s.substr(b, e - b));
    return out;
  };
  const auto got = split(render_units(r));
  const auto want = split(expected);
  for (std::size_t i = 0; i < std::min(got.size(), want.size()); ++i)
    ASSERT_EQ(got[i], want[i]) << "repaired line " << i + 1;
  EXPECT_EQ(got.size(), want.size());
}

// The shared repair cases (tests/data/repair/cases.jsonl, also read by
// tests/python/test_repair_cases.py): each names an extraction artifact, gives
// a short page, the units repair must make of it and the reason codes of
// chosen line breaks (keyed by the 0-based line index of the earlier line).
TEST(RepairCases, SharedCasesGiveTheirUnitsAndReasons) {
  std::istringstream in(test_util::read_file(test_util::data_path("repair/cases.jsonl")));
  int cases = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const test_util::Json c = test_util::parse_json(line);
    const std::string& name = c.get("name")->string;
    ++cases;
    // Optional: options other than the defaults ({"deinterleave": true}:
    // forced on, false: off, "auto": the default).
    RepairOptions options;
    if (const auto* o = c.get("options"))
      if (const auto* d = o->get("deinterleave"))
        options.deinterleave = d->kind == test_util::Json::Kind::kString ? Deinterleave::kAuto
                               : d->boolean                              ? Deinterleave::kOn
                                                                         : Deinterleave::kOff;
    const RepairResult r = repair_page(c.get("text")->string, options);
    const auto& want = c.get("units")->array;
    ASSERT_EQ(r.units.size(), want.size()) << name;
    for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(r.units[i].text.text(), want[i].string) << name << " unit " << i;
    // Optional: the shapes of the units (what segmentation reads them as).
    if (const auto* shapes = c.get("shapes")) {
      ASSERT_EQ(shapes->array.size(), r.units.size()) << name;
      for (std::size_t i = 0; i < r.units.size(); ++i)
        EXPECT_STREQ(unit_shape_name(r.units[i].shape), shapes->array[i].string.c_str()) << name << " unit " << i;
    }
    for (const auto& [line_no, reason] : c.get("reasons")->object) {
      const auto at = static_cast<std::uint32_t>(std::stoul(line_no));
      const JoinDecision* d = nullptr;
      // Keyed by physical line, as the Python API reports them; a line split
      // in two (a headline sharing a baseline) has two decisions: the last.
      for (const JoinDecision& x : r.decisions) if (r.lines[x.line].physical == at) d = &x;
      ASSERT_NE(d, nullptr) << name << " line " << line_no;
      EXPECT_STREQ(break_reason_name(d->reason), reason.string.c_str()) << name << " line " << line_no;
    }
  }
  EXPECT_GE(cases, 8);
}

// Punctuation a squeezed page sets half width: sentence and clause marks,
// quotes and brackets; dashes and ellipses stay full width.
TEST(RepairLines, DashesAndEllipsesAreNeverSqueezable) {
  const std::string t = "这次活动———全市灯会……取得成功，“好”。";
  const LineInfo l = measure_line(t, 0, t.size());
  EXPECT_EQ(l.wide_punct, 4u);  // ，“”。
  EXPECT_EQ(adjusted_width(l, true), adjusted_width(l, false) + 1 - 4);  // (a trailing mark counts half unsqueezed)
}

// Columns read row by row (pdftotext's default mode): a line that holds the
// lines of two columns run together is split between them, the break
// between its pieces says so (the case file sees only the last decision of
// a physical line), and each piece goes on in its own column's paragraph.
TEST(RepairInterleaved, RunTogetherLineIsSplitBetweenItsColumns) {
  const auto cases = test_util::read_file(test_util::data_path("repair/cases.jsonl"));
  std::istringstream in(cases);
  std::string text;
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"columns_read_row_by_row_are_put_back\"") == std::string::npos) continue;
    text = test_util::parse_json(line).get("text")->string;
  }
  ASSERT_FALSE(text.empty());
  RepairOptions options;
  options.deinterleave = Deinterleave::kOn;
  const RepairResult r = repair_page(text, options);
  const JoinDecision* cut = nullptr;
  for (const JoinDecision& d : r.decisions)
    if (d.reason == BreakReason::kRunTogetherColumns) cut = &d;
  ASSERT_NE(cut, nullptr);
  EXPECT_EQ(cut->kind, BreakKind::kBlock);
  EXPECT_EQ(r.lines[cut->line].physical, r.lines[cut->next_line].physical);
  // The two pieces end up in two units, each a whole paragraph of its column.
  auto unit_of = [&](std::uint32_t line) {
    for (std::size_t i = 0; i < r.units.size(); ++i)
      for (const auto& a : r.units[i].text.anchors())
        if (!a.synthetic && a.src >= r.lines[line].content.start && a.src < r.lines[line].content.end) return i;
    return r.units.size();
  };
  EXPECT_NE(unit_of(cut->line), unit_of(cut->next_line));
  EXPECT_LT(unit_of(cut->line), r.units.size());
  EXPECT_LT(unit_of(cut->next_line), r.units.size());
}

// Repair keeps per-thread scratch from page to page (no allocation on most
// pages), but not the room of the largest page a thread ever met: after a
// page of 300,000 lines (some 45 MB of scratch while it runs) the thread
// keeps less than a megabyte; after an ordinary page it keeps its room.
TEST(RepairMemory, ScratchKeptPerThreadStaysBoundedAfterAHugePage) {
  std::string page;
  for (int i = 0; i < 300000; ++i) page += (i % 7 == 6) ? "甲乙丙丁戊己庚辛。\n" : "甲乙丙丁戊己庚辛壬癸\n";
  const auto huge = huozi::repair::repair_page(page);
  ASSERT_GT(huge.units.size(), 1u);
  EXPECT_LT(huozi::repair::detail::scratch_bytes(), std::size_t{1} << 20);
  std::string small;
  for (int i = 0; i < 200; ++i) small += (i % 7 == 6) ? "甲乙丙丁戊己庚辛。\n" : "甲乙丙丁戊己庚辛壬癸\n";
  huozi::repair::repair_page(small);
  EXPECT_GT(huozi::repair::detail::scratch_bytes(), 0u);
}
