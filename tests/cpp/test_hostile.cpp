// Hostile input in C++: limits as errors naming the limit, bad bytes with
// precise offsets, pathological pages that parse with every span valid,
// parse from many threads equal to serial parsing, and the replay of every
// input the fuzzers ever crashed on (tests/fuzz/regressions).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "../fuzz/fuzz_common.hpp"
#include "huozi/extract/extract.hpp"
#include "huozi/pipeline.hpp"
#include "huozi/repair/line.hpp"
#include "huozi/repair/repair.hpp"
#include "huozi/text/encoding.hpp"
#include "huozi/text/utf8.hpp"
#include "test_util.hpp"

using namespace huozi;

namespace {

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

// Parses and checks every span; returns the error code name or "ok".
std::string parse_ok(std::string_view bytes, const ParseOptions& o = {}) {
  auto r = parse_page(bytes, o);
  if (!r.ok()) {
    EXPECT_LE(r.error().offset, std::max(bytes.size(), o.limits.max_page_bytes));
    return error_code_name(r.error().code);
  }
  fuzz::check_page(r.value());
  return "ok";
}

// A canonical rendering of a page for comparing runs.
std::string render(const Page& p) {
  std::string s;
  for (const Article& a : p.articles) {
    s += "A" + std::to_string(a.span.start) + "-" + std::to_string(a.span.end) + (a.title ? a.title->text : "") + "\n";
    for (const Block& b : a.blocks) s += " B" + std::to_string(b.span.start) + ":" + b.text + "\n";
    for (const Field& f : a.fields) s += " F" + std::to_string(f.span.start) + ":" + f.text + "\n";
    for (const Author& au : a.authors) s += " P" + au.role + ":" + au.name + "\n";
  }
  for (const Debris& d : p.debris) s += "D" + std::to_string(d.span.start) + d.reason + ":" + d.text + "\n";
  return s;
}

}  // namespace

TEST(Limits, DefaultsAreDocumented) {
  const Limits l;
  EXPECT_EQ(l.max_page_bytes, 64u << 20);
  EXPECT_EQ(l.max_line_bytes, 1u << 20);
  EXPECT_EQ(l.max_fields_per_article, 10000u);
  EXPECT_EQ(l.max_lines, 1000000u);
}

TEST(Limits, MaxLinesIsANamedErrorAtTheFirstLineOver) {
  ParseOptions o;
  o.limits.max_lines = 50;
  // 50 lines (the last blank line ends with its \n: no 51st line) fit.
  EXPECT_TRUE(parse_page(repeat("\n", 50), o).ok());
  EXPECT_TRUE(parse_page("短句。" + repeat("\n", 49) + "短句。", o).ok());
  auto r = parse_page(repeat("\n", 51), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(r.error().message.find("max_lines"), std::string::npos);
  EXPECT_NE(r.error().message.find("50"), std::string::npos);
  EXPECT_EQ(r.error().offset, 50u);  // the 51st line's first byte
  r = parse_page("短句。" + repeat("\r\n", 50) + "短句。", o);  // \r\n is one terminator
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 9u + 100u);
  EXPECT_TRUE(parse_page("短句。" + repeat("\r\n", 49) + "短句。", o).ok());
  r = parse_page(repeat("字\r", 60), o);  // \r and \f end lines too
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 50u * 4u);
  r = parse_page(repeat("字\f", 51), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 50u * 4u);
  o.limits.max_lines = 0;  // no limit
  EXPECT_TRUE(parse_page(repeat("\n", 100000), o).ok());
}

// Line repair alone (repair_text) is guarded by the same limits as parse,
// checked before repair: a page of more lines than max_lines never reaches
// it (repair keeps a record of every line, blank ones too).
TEST(Limits, RepairTextChecksThePageLimitsFirst) {
  Limits l;
  l.max_lines = 50;
  EXPECT_TRUE(repair_text(repeat("\n", 50), {}, l).ok());
  auto r = repair_text(repeat("\n", 51), {}, l);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(r.error().message.find("max_lines"), std::string::npos);
  EXPECT_EQ(r.error().offset, 50u);
  l.max_line_bytes = 10;
  r = repair_text("短句。\n" + repeat("字", 4) + "\n", {}, l);  // 12 bytes on the second line
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("max_line_bytes"), std::string::npos);
  EXPECT_EQ(r.error().offset, 10u);
  l.max_page_bytes = 5;
  r = repair_text("短句。", {}, l);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("max_page_bytes"), std::string::npos);
  EXPECT_TRUE(repair_text(repeat("\n", 100000), {}, Limits{0, 0, 0, 0}).ok());  // 0: no limit
}

// check_line_count counts lines as repair's scan_lines does, on every mix
// of terminators, and names the first line scan_lines would find over.
TEST(Limits, CheckLineCountAgreesWithScanLines) {
  const std::string texts[] = {
      "",          "\n",          "a",           "a\n",           "\r\n\r\n",       "\r\r\n\n",      "a\rb\nc\fd\r\ne",
      "\f\f\r",     "ab\r\ncd\r",  "\n\ra\r\r\n", "x\fy\r\n\fz\n", "\r",             "a\r\n\r\nb\n\r\n",
      "\n\n\n",       "a\nb\n\nc",   "\n\nd\n"};
  for (const std::string& t : texts) {
    const std::vector<repair::LineInfo> lines = repair::scan_lines(t);
    EXPECT_FALSE(check_line_count(t, lines.size())) << t;
    EXPECT_FALSE(check_line_count(t, 0)) << t;
    for (std::size_t limit = 1; limit < lines.size(); ++limit) {
      const auto e = check_line_count(t, limit);
      ASSERT_TRUE(e) << t << " " << limit;
      EXPECT_EQ(e->code, ErrorCode::kLimitExceeded);
      EXPECT_EQ(e->offset, lines[limit].line.start) << t << " " << limit;
    }
  }
}

TEST(Limits, PageLineAndFieldLimitsAreNamedErrors) {
  ParseOptions o;
  o.limits.max_page_bytes = 100;
  auto r = parse_page(repeat("文字。\n", 20), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(r.error().message.find("max_page_bytes"), std::string::npos);

  o = {};
  o.limits.max_line_bytes = 30;
  const std::string text = "短句。\n" + repeat("长", 11) + "\r\n短句。";
  r = parse_page(text, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("max_line_bytes"), std::string::npos);
  EXPECT_EQ(r.error().offset, 10u);  // the start of the long line
  o.limits.max_line_bytes = 33;
  EXPECT_TRUE(parse_page(text, o).ok());
  EXPECT_TRUE(parse_page(repeat("短句。\r", 100), o).ok());  // \r ends lines
  EXPECT_TRUE(parse_page(repeat("短句。\f", 100), o).ok());  // \f too
  o.limits.max_line_bytes = 0;                                 // no limit
  EXPECT_TRUE(parse_page(repeat("长", 1000), o).ok());

  o = {};
  o.limits.max_fields_per_article = 9;
  r = parse_page(repeat("2020年7月23日，", 10) + "。", o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("max_fields_per_article"), std::string::npos);
  o.limits.max_fields_per_article = 10;
  EXPECT_TRUE(parse_page(repeat("2020年7月23日，", 10) + "。", o).ok());
}

TEST(Limits, CheckLineLengths) {
  EXPECT_FALSE(check_line_lengths("", 1));
  EXPECT_FALSE(check_line_lengths("ab\ncd\r\nef\rgh\fij", 2));
  auto e = check_line_lengths("ab\ncde\nf", 2);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->offset, 3u);
  EXPECT_FALSE(check_line_lengths("abcdef", 0));
}

TEST(HostileInput, InvalidUtf8HasPreciseOffsets) {
  ParseOptions o;
  o.decode.encoding = "utf-8";
  const std::pair<std::string, std::size_t> cases[] = {
      {"\xff", 0}, {"abc\x80", 3}, {"\xe4\xb8\xad\xe6\x96", 3}, {"\xe4\xb8\xad\xed\xa0\x80", 3},
      {"\xe4\xb8\xad\xc0\xaf", 3}, {"\xe4\xb8\xad\xf4\x90\x80\x80", 3}};
  for (const auto& [bytes, offset] : cases) {
    auto r = parse_page(bytes, o);
    ASSERT_FALSE(r.ok()) << bytes;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidUtf8);
    EXPECT_EQ(r.error().offset, offset);
    EXPECT_EQ(text::find_invalid_utf8(bytes), offset);
    auto t = parse_text(bytes);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().offset, offset);
  }
  auto nul = parse_page(std::string("\xe4\xb8\xad\0x", 5));
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.error().code, ErrorCode::kBinaryInput);
  EXPECT_EQ(nul.error().offset, 3u);
}

TEST(HostileInput, PathologicalPagesParseWithValidSpans) {
  const std::vector<std::string> pages = {
      "",
      "\n",
      std::string("\0", 1),
      repeat("\n", 100000),
      repeat("\r", 100000),
      repeat("\r\n", 100000),
      repeat("\f", 10000),
      repeat(" \t\u3000\n", 10000),
      repeat("通讯员\n", 100000),
      repeat("通讯员", 100000),
      repeat("2020年", 10000),
      repeat("1", 200000),
      repeat("@", 100000),
      repeat("http://", 10000),
      repeat("①①\n", 10000),
      repeat("····\n", 1000),
      repeat("（下转第2版）\n", 10000),
      repeat("“”「」（）《》，。、；：！？…—", 5000),
      "\xef\xbb\xbf" + repeat("文。\n", 100),
      std::string("\xff\xfe", 2) + std::string("\x2d\x4e\x0a\x00", 4),
      std::string("\xff\xfe\x00\xd8", 4),  // UTF-16LE lone surrogate
  };
  ParseOptions o;
  o.limits.max_fields_per_article = 0;
  for (const std::string& p : pages) {
    const std::string got = parse_ok(p, o);
    EXPECT_TRUE(got == "ok" || got == "binary_input" || got == "decode_error" || got == "invalid_utf8")
        << got << " for a page of " << p.size() << " bytes";
    // Repair alone and extraction alone on the valid prefix.
    std::string_view v(p);
    if (auto bad = text::find_invalid_utf8(v)) v = v.substr(0, *bad);
    const auto r = repair::repair_page(v);
    for (const auto& u : r.units) fuzz::check_span(v, u.span, "unit");
    for (const auto& f : extract::extract_fields(v, {}))
      fuzz::check_span(v, Span{static_cast<std::uint32_t>(f.begin), static_cast<std::uint32_t>(f.end)}, "field");
  }
}

TEST(HostileInput, ManyBlankLinesAreNotZeroBlankLines) {
  // blanks_before saturates instead of wrapping at 65,536.
  const std::string text = "市公安局要求深化思想认识。" + repeat("\n", 65537) + "坚持政治建警。";
  const auto r = repair::repair_page(text);
  std::uint32_t most = 0;
  for (const auto& l : r.lines) most = std::max<std::uint32_t>(most, l.blanks_before);
  EXPECT_EQ(most, 65535u);
}

TEST(HostileInput, DoublyDoubledGlyphsAreLeftAsPrinted) {
  // ···· would reduce to ·· and then, on repair's own output, to ·.
  const auto once = repair::render_units(repair::repair_page("····\n"));
  EXPECT_EQ(repair::render_units(repair::repair_page(once)), once);
  EXPECT_EQ(repair::render_units(repair::repair_page("坚坚持持\n")), "坚持\n");
}

TEST(Threads, ParseFromManyThreadsMatchesSerial) {
  const std::string sample = test_util::read_file(HUOZI_SAMPLE_PAGE);
  ASSERT_FALSE(sample.empty());
  std::vector<std::string> pages = {sample, sample.substr(0, sample.size() / 2), repeat("通讯员 侯宪锋\n", 100),
                                    repeat("2020年7月23日拨打110，", 50), "", std::string("a\0b", 3)};
  ParseOptions o;
  o.date = "2020-07-24";
  std::vector<std::string> serial;
  for (const auto& p : pages) {
    auto r = parse_page(p, o);
    serial.push_back(r.ok() ? render(r.value()) : r.error().to_string());
  }
  constexpr int kThreads = 8, kRounds = 4;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> pool;
  for (int t = 0; t < kThreads; ++t)
    pool.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round)
        for (std::size_t i = 0; i < pages.size(); ++i) {
          auto r = parse_page(pages[(i + t) % pages.size()], o);
          got[t].push_back(r.ok() ? render(r.value()) : r.error().to_string());
        }
    });
  for (auto& th : pool) th.join();
  for (int t = 0; t < kThreads; ++t)
    for (std::size_t k = 0; k < got[t].size(); ++k) EXPECT_EQ(got[t][k], serial[(k + t) % pages.size()]);
}

// Every input a fuzzer ever crashed on goes through every stage again.
TEST(FuzzRegressions, ReplayEveryCrasher) {
  namespace fs = std::filesystem;
  const fs::path dir(HUOZI_FUZZ_REGRESSIONS);
  if (!fs::exists(dir)) GTEST_SKIP() << "no regressions directory";
  int n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().filename().string().front() == '.' ||
        entry.path().extension() == ".md")
      continue;
    const std::string bytes = test_util::read_file(entry.path().string());
    SCOPED_TRACE(entry.path().filename().string());
    ParseOptions o;
    (void)parse_ok(bytes, o);
    o.date = "2020-07-24";
    (void)parse_ok(bytes, o);
    for (auto mode : {text::OnDecodeError::kStrict, text::OnDecodeError::kReplace}) {
      text::DecodeOptions d;
      d.on_error = mode;
      auto r = text::decode_page(bytes, d);
      if (r.ok()) EXPECT_TRUE(text::is_valid_utf8(r.value().text));
    }
    std::string_view v(bytes);
    if (auto bad = text::find_invalid_utf8(v)) v = v.substr(0, *bad);
    const auto rr = repair::repair_page(v);
    (void)repair::render_explain(v, rr);
    for (const auto& u : rr.units) fuzz::check_span(v, u.span, "unit");
    extract::ExtractContext ctx;
    ctx.default_year = extract::infer_year({v});
    for (const auto& f : extract::extract_fields(v, ctx))
      fuzz::check_span(v, Span{static_cast<std::uint32_t>(f.begin), static_cast<std::uint32_t>(f.end)}, "field");
    ++n;
  }
  std::printf("replayed %d fuzz regression inputs\n", n);
}
