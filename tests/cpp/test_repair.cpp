#include <gtest/gtest.h>

#include "huozi/repair/repair.hpp"
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
