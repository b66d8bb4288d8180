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
    const RepairResult r = repair_page(c.get("text")->string);
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
