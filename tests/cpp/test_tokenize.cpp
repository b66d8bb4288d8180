#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "huozi/segment/tokenize.hpp"
#include "huozi/text/chars.hpp"
#include "huozi/text/utf8.hpp"
#include "test_util.hpp"

using namespace huozi;
using namespace huozi::segment;

namespace {

std::vector<std::string> icu_words(std::string_view text) {
  auto r = tokenize(text);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? token_strings(text, r.value()) : std::vector<std::string>{};
}

std::vector<std::string> dict_words(std::string_view text, const Dictionary& dict) {
  auto r = tokenize(text, dict);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? token_strings(text, r.value()) : std::vector<std::string>{};
}

Dictionary make_dict(const std::vector<std::string_view>& words) {
  auto r = Dictionary::from_words(words);
  EXPECT_TRUE(r.ok());
  return r.value();
}

const Dictionary& small_dict() {
  static const Dictionary d = make_dict({"北京", "北京大学", "大学", "大学生", "生活", "我们", "中国", "人民",
                                         "中国人民", "银行", "新世纪", "世纪", "贺词", "新年"});
  return d;
}

bool is_space_like(char32_t c) { return text::has(c, text::kSpace | text::kIgnorable); }

// The invariants every token list must hold: in order, not overlapping,
// not empty, boundaries on character starts, no white space in a token, and
// every non-space character covered exactly once.
void expect_exact_cover(std::string_view s, const std::vector<Span>& tokens) {
  std::vector<bool> char_start(s.size() + 1, false);
  std::vector<bool> non_space(s.size(), false);
  for (std::size_t i = 0; i < s.size();) {
    const auto d = text::decode_at(s, i);
    char_start[i] = true;
    if (!d.valid || !is_space_like(d.cp)) non_space[i] = true;
    i += d.len;
  }
  char_start[s.size()] = true;
  std::vector<int> covered(s.size(), 0);
  std::uint32_t prev_end = 0;
  for (const Span& t : tokens) {
    ASSERT_LT(t.start, t.end) << "empty token";
    ASSERT_LE(t.end, s.size());
    ASSERT_GE(t.start, prev_end) << "tokens out of order or overlapping at " << t.start;
    ASSERT_TRUE(char_start[t.start]) << "token starts inside a character at byte " << t.start;
    ASSERT_TRUE(char_start[t.end]) << "token ends inside a character at byte " << t.end;
    for (std::uint32_t i = t.start; i < t.end; ++i) ++covered[i];
    prev_end = t.end;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!char_start[i]) continue;
    if (non_space[i]) {
      EXPECT_EQ(covered[i], 1) << "character at byte " << i << " covered " << covered[i] << " times";
    }
  }
  for (const Span& t : tokens) {
    for (std::size_t i = t.start; i < t.end;) {
      const auto d = text::decode_at(s, i);
      EXPECT_FALSE(d.valid && is_space_like(d.cp)) << "white space inside the token at " << t.start;
      i += d.len;
    }
  }
}

void expect_cover_both_modes(std::string_view s) {
  auto a = tokenize(s);
  ASSERT_TRUE(a.ok());
  expect_exact_cover(s, a.value());
  auto b = tokenize(s, small_dict());
  ASSERT_TRUE(b.ok());
  expect_exact_cover(s, b.value());
}

using Words = std::vector<std::string>;

}  // namespace

TEST(Tokenize, NumberKeepsItsUnit) {
  for (auto* words : {+[](std::string_view t) { return icu_words(t); },
                      +[](std::string_view t) { return dict_words(t, small_dict()); }}) {
    EXPECT_EQ(words("2001年12月31日"), (Words{"2001年", "12月", "31日"}));
    EXPECT_EQ(words("55.6%"), (Words{"55.6%"}));
    EXPECT_EQ(words("增长15.3％").back(), "15.3％");
    EXPECT_EQ(words("3.5万"), (Words{"3.5万"}));
    EXPECT_EQ(words("1万亿"), (Words{"1万亿"}));
    EXPECT_EQ(words("5千万"), (Words{"5千万"}));
    EXPECT_EQ(words("12月份"), (Words{"12月份"}));
    EXPECT_EQ(words("8时30分"), (Words{"8时", "30分"}));
    // A year has four digits; 3 年 is a duration and stays apart, as PKU has it.
    EXPECT_EQ(words("3年"), (Words{"3", "年"}));
    EXPECT_EQ(words("30分钟").front(), "30");  // 分 of 分钟 is no unit
    EXPECT_EQ(words("3.5万元").front(), "3.5万");
    EXPECT_EQ(words("－5").front(), "－5");        // a sign at the start belongs to the number
    EXPECT_EQ(words("3／4"), (Words{"3／4"}));      // a fraction
    EXPECT_EQ(words("１９９８年"), (Words{"１９９８年"}));  // full-width digits
    EXPECT_EQ(words("１２３４５６"), (Words{"１２３４５６"}));
  }
}

TEST(Tokenize, DurationsAndSymbolsStayApart) {
  EXPECT_EQ(icu_words("30分钟"), (Words{"30", "分钟"}));
  EXPECT_EQ(icu_words("－5℃"), (Words{"－5", "℃"}));
  EXPECT_EQ(icu_words("3℃／－8℃"), (Words{"3", "℃", "／", "－", "8", "℃"}));
  EXPECT_EQ(icu_words("1—3"), (Words{"1", "—", "3"}));
}

TEST(Tokenize, DashesAndEllipsesStayWhole) {
  EXPECT_EQ(icu_words("——"), (Words{"——"}));
  EXPECT_EQ(icu_words("———"), (Words{"———"}));
  EXPECT_EQ(icu_words("……"), (Words{"……"}));
  const Words w = dict_words("新世纪——新年贺词", small_dict());
  EXPECT_EQ(w, (Words{"新世纪", "——", "新年", "贺词"}));
  const Words v = icu_words("新世纪——新年");
  ASSERT_GE(v.size(), 3u);
  EXPECT_NE(std::find(v.begin(), v.end(), "——"), v.end());
}

TEST(Tokenize, LatinWordsStayWhole) {
  EXPECT_EQ(icu_words("WTO和APEC"), (Words{"WTO", "和", "APEC"}));
  EXPECT_EQ(dict_words("WTO和APEC", small_dict()), (Words{"WTO", "和", "APEC"}));
  EXPECT_EQ(icu_words("happynewyear.txt.vbs"), (Words{"happynewyear.txt.vbs"}));
  EXPECT_EQ(icu_words("E-mail"), (Words{"E-mail"}));
  EXPECT_EQ(icu_words("CytoAnalysis2000软件"), (Words{"CytoAnalysis2000", "软件"}));
  EXPECT_EQ(icu_words("1600F型"), (Words{"1600F", "型"}));
  EXPECT_EQ(icu_words("ＷＴＯ"), (Words{"ＷＴＯ"}));  // full-width Latin
  EXPECT_EQ(icu_words("café"), (Words{"café"}));
  EXPECT_EQ(icu_words("cafe\xCC\x81 ok"), (Words{"cafe\xCC\x81", "ok"}));  // a combining accent stays
}

TEST(Tokenize, WhiteSpaceIsNoToken) {
  EXPECT_TRUE(icu_words("").empty());
  EXPECT_TRUE(icu_words(" \t\r\n\xE3\x80\x80").empty());  // incl. U+3000
  EXPECT_TRUE(dict_words("", small_dict()).empty());
  EXPECT_TRUE(dict_words("  \n", small_dict()).empty());
  EXPECT_EQ(icu_words("A\xE2\x80\x8B" "B"), (Words{"A", "B"}));  // a zero-width space separates
  EXPECT_EQ(icu_words("\xEF\xBB\xBF" "中国"), (Words{"中国"}));  // a BOM is no token
}

TEST(Tokenize, PunctuationIsOneTokenEach) {
  EXPECT_EQ(icu_words("“你好，”"), (Words{"“", "你好", "，", "”"}));
  EXPECT_EQ(dict_words("（中国）。", small_dict()), (Words{"（", "中国", "）", "。"}));
}

TEST(Tokenize, ChineseNumeralsAsPkuWritesThem) {
  const Dictionary empty = make_dict({});
  for (auto* words : {+[](std::string_view t) { return icu_words(t); }}) {
    EXPECT_EQ(words("二○○○年十二月三十一日"), (Words{"二○○○年", "十二月", "三十一日"}));
    EXPECT_EQ(words("二○○一年"), (Words{"二○○一年"}));
  }
  EXPECT_EQ(dict_words("二○○○年十二月三十一日", empty), (Words{"二○○○年", "十二月", "三十一日"}));
  EXPECT_EQ(dict_words("第二十一", empty), (Words{"第二十一"}));
  // ○ away from numerals is a symbol of its own.
  EXPECT_EQ(icu_words("○中"), (Words{"○", "中"}));
}

TEST(Tokenize, ChineseNumeralValues) {
  // Exercised through the calendar rule: 十三月 is no month, 三十二日 no day.
  const Dictionary empty = make_dict({});
  EXPECT_EQ(dict_words("十二月", empty), (Words{"十二月"}));
  EXPECT_EQ(dict_words("十三月", empty), (Words{"十三", "月"}));
  EXPECT_EQ(dict_words("三十二日", empty), (Words{"三十二", "日"}));
  EXPECT_EQ(dict_words("二十年", empty), (Words{"二十", "年"}));  // a duration
  EXPECT_EQ(dict_words("九八年", empty), (Words{"九八年"}));
}

TEST(Tokenize, InvalidUtf8NeverSplitsACharacter) {
  const std::string s = "\xff中\xe4\xb8国\xc3(abc\xe2\x82";
  expect_cover_both_modes(s);
  // Each invalid byte is a token of its own.
  auto r = tokenize(s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(s.substr(r.value().front().start, r.value().front().end - r.value().front().start), "\xff");
}

TEST(Tokenize, CoversEveryNonSpaceCharacterOnce) {
  const char* samples[] = {
      "携手建设美丽的新家园——二○○一年新春致辞",
      "（二○○○年十二月三十日）（附照片2张）",
      "本报北京12月31日讯记者吴坤胜报道：GDP增长8.5％，达到1.3万亿元。",
      "  温度3℃／－8℃  E—MAIL: caibian3＠peopledaily．com．cn  ",
      "日本語のテキスト、한국어 텍스트, English words, Ελληνικά.",
      "诺罗敦·拉那烈……“好”！？ 𠀋𠀌 (supplementary Han) 👍🏽 ①②",
      "a\xCC\x81\xCC\x82 \xCC\x81 中\xEF\xB8\x80文",  // marks, a stray mark, a variation selector
      "\t\r\n",
      "-+3 --5 ...a.b. ~~ ==",
  };
  for (const char* s : samples) {
    SCOPED_TRACE(s);
    expect_cover_both_modes(s);
  }
}

TEST(Tokenize, RandomMixturesKeepTheInvariants) {
  // Strings glued from pieces that exercise every rule, plus raw bytes that
  // are not UTF-8: both modes must keep the exact-cover invariants.
  const std::vector<std::string> pieces = {
      "中", "国", "人民", "二", "十", "○", "〇", "第", "年", "月", "日", "份", "万", "亿", "千", "化", "性",
      "1", "23", ".", "５", "％", "%", "-", "－", "+", "—", "…", "·", "，", "。", "“", "”", "（", "）",
      "a", "Bc", "@", "'", "/", "／", " ", "\t", "\r\n", "\xE3\x80\x80", "\xE2\x80\x8B", "\xEF\xBB\xBF",
      "\xCC\x81", "\xEF\xB8\x80", "の", "ー", "한", "Ж", "😀", "𠀋", "䶵", "①", "℃",
      "\xff", "\xe4\xb8", "\xc3", "\xed\xa0\x80", "\x01", "\x7f"};
  const Dictionary dict = make_dict({"人民", "中国", "中国人民", "二十", "第二", "国人", "月份"});
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(state >> 33);
  };
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const std::size_t n = next() % 24;
    for (std::size_t k = 0; k < n; ++k) s += pieces[next() % pieces.size()];
    SCOPED_TRACE(::testing::PrintToString(s));
    auto a = tokenize(s);
    ASSERT_TRUE(a.ok());
    expect_exact_cover(s, a.value());
    auto b = tokenize(s, dict);
    ASSERT_TRUE(b.ok());
    expect_exact_cover(s, b.value());
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(Tokenize, GiantRunsWithoutPunctuation) {
  // Unpunctuated text makes one run of Han: longer than ICU's batch, longer
  // than the dictionary engine's kept scratch. Same words as in small pieces.
  std::string unit = "北京大学生活中国人民银行";
  std::string big;
  for (int i = 0; i < 100000; ++i) big += unit;  // 1.2 M characters
  auto d = tokenize(big, small_dict());
  ASSERT_TRUE(d.ok());
  expect_exact_cover(big, d.value());
  EXPECT_EQ(d.value().size(), 400000u);  // 北京大学 生活 中国人民 银行, times 100000
  const std::string icu_text = big.substr(0, unit.size() * 30000);  // 360 k characters
  auto a = tokenize(icu_text);
  ASSERT_TRUE(a.ok());
  expect_exact_cover(icu_text, a.value());
  auto again = tokenize(unit + "，" + unit);  // and the thread's buffers still work after it
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(token_strings(unit + "，" + unit, again.value()).size(), 2 * icu_words(unit).size() + 1);
}

TEST(Tokenize, MarksStayWithTheirCharacter) {
  const std::string s = "中\xEF\xB8\x80文";  // 中 + VS1 + 文
  auto r = tokenize(s, make_dict({}));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().size(), 2u);
  EXPECT_EQ(r.value()[0].end, 6u);  // 中 and its selector
}

TEST(Tokenize, IcuSegmentsHanIntoWords) {
  const Words w = icu_words("中华人民共和国成立了");
  EXPECT_LT(w.size(), 8u);  // words, not characters
  std::string joined;
  for (const auto& x : w) joined += x;
  EXPECT_EQ(joined, "中华人民共和国成立了");
}

TEST(Tokenize, IcuRunsDoNotInfluenceEachOther) {
  // ICU gets the runs of one call joined by a separator (see
  // tokenize_icu.cpp); each run must still come out as it would alone.
  const std::vector<std::string> runs = {"中华人民共和国成立了", "二○○一年", "北京大学生活", "实现现代化",
                                         "我们", "新世纪"};
  std::string joined;
  Words expected;
  for (const auto& r : runs) {
    if (!joined.empty()) {
      joined += "，";
      expected.push_back("，");
    }
    joined += r;
    for (auto& w : icu_words(r)) expected.push_back(w);
  }
  EXPECT_EQ(icu_words(joined), expected);
}

TEST(Tokenize, IcuHandlesTheSeparatorCharacterInText) {
  // 䶵 (U+4DB5) is what ICU mode puts between runs; in the text itself it is
  // one more Han character (the batch is then broken with newlines).
  const std::string s = "中国䶵人民，䶵，北京";
  auto r = tokenize(s);
  ASSERT_TRUE(r.ok());
  expect_exact_cover(s, r.value());
  const Words w = token_strings(s, r.value());
  EXPECT_EQ(w.back(), "北京");
  EXPECT_NE(std::find(w.begin(), w.end(), "䶵"), w.end());
}

TEST(Tokenize, IcuKeepsDerivedWordsWhole) {
  EXPECT_EQ(icu_words("实现现代化"), (Words{"实现", "现代化"}));
  EXPECT_EQ(icu_words("这种可能性"), (Words{"这种", "可能性"}));
  EXPECT_EQ(icu_words("文化"), (Words{"文化"}));  // a word of its own stays as it is
  EXPECT_EQ(icu_words("化"), (Words{"化"}));
}

TEST(Tokenize, AppendsWithOffsetsOfItsOwnText) {
  std::vector<Span> out;
  ASSERT_TRUE(tokenize_into("中国", small_dict(), out).ok());
  auto n = tokenize_into("北京 2001年", small_dict(), out);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), 2u);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[1], (Span{0, 6}));
  EXPECT_EQ(out[2], (Span{7, 14}));
  std::vector<Span> icu_out;
  ASSERT_TRUE(tokenize_into("中国", icu_out).ok());
  ASSERT_TRUE(tokenize_into("新年，", icu_out).ok());
  EXPECT_EQ(icu_out.back(), (Span{6, 9}));
}

TEST(Dictionary, FewestWordsWin) {
  // 北京大学生活: 北京大学|生活 (2 words) beats 北京|大学生|活 (3).
  EXPECT_EQ(dict_words("北京大学生活", small_dict()), (Words{"北京大学", "生活"}));
  EXPECT_EQ(dict_words("中国人民银行", small_dict()), (Words{"中国人民", "银行"}));
  // Unknown characters are words of one character.
  EXPECT_EQ(dict_words("我们爱北京", small_dict()), (Words{"我们", "爱", "北京"}));
}

TEST(Dictionary, ReadsWordListsAsPeopleWriteThem) {
  auto r = Dictionary::from_text("\xEF\xBB\xBF北京\r\n\r\n  大学  \n北京大学 12 nt\n北京\n");
  ASSERT_TRUE(r.ok());
  const Dictionary& d = r.value();
  EXPECT_EQ(d.size(), 3u);
  EXPECT_TRUE(d.contains("北京"));
  EXPECT_TRUE(d.contains("大学"));
  EXPECT_TRUE(d.contains("北京大学"));
  EXPECT_FALSE(d.contains("北"));
  EXPECT_FALSE(d.contains("北京大"));
  EXPECT_FALSE(d.contains(""));
  EXPECT_EQ(d.max_word_chars(), 4u);
  EXPECT_GT(d.memory_bytes(), 0u);
}

TEST(Dictionary, ReportsErrors) {
  auto bad = Dictionary::from_text("北京\n\xff\xfe\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidUtf8);
  EXPECT_EQ(bad.error().offset, 7u);
  auto missing = Dictionary::from_file("/nonexistent/words.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  auto bad_word = Dictionary::from_words({"好", "\xc3"});
  ASSERT_FALSE(bad_word.ok());
  EXPECT_EQ(bad_word.error().offset, 1u);
}

TEST(Dictionary, ManyWordsBuildAndMatch) {
  // A few thousand synthetic words over a wide alphabet: every one is found,
  // and its proper prefixes that are not words are not.
  std::vector<std::string> words;
  for (char32_t a = 0x4E00; a < 0x4E00 + 60; ++a)
    for (char32_t b = 0x5000; b < 0x5000 + 40; ++b) {
      std::string w;
      text::append_utf8(w, a);
      text::append_utf8(w, b);
      if ((a + b) % 3 == 0) text::append_utf8(w, 0x6000 + (a % 7));
      words.push_back(w);
    }
  words.push_back("\xF0\xA0\x80\x8B\xF0\xA0\x80\x8C");  // two supplementary ideographs
  std::vector<std::string_view> views(words.begin(), words.end());
  auto r = Dictionary::from_words(views);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().size(), words.size());
  for (const auto& w : words) ASSERT_TRUE(r.value().contains(w)) << w;
  EXPECT_FALSE(r.value().contains("\xE4\xB8\x80"));  // 一 alone
  EXPECT_EQ(dict_words("\xF0\xA0\x80\x8B\xF0\xA0\x80\x8C", r.value()).size(), 1u);
}

TEST(Dictionary, SharedAcrossThreads) {
  const Dictionary d = small_dict();
  const std::string text = "北京大学生活，中国人民银行。2001年12月31日 WTO ——";
  const auto expected_dict = dict_words(text, d);
  const auto expected_icu = icu_words(text);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      bool good = true;
      for (int i = 0; i < 200; ++i) {
        auto a = tokenize(text, d);
        auto b = tokenize(text);
        good = good && a.ok() && b.ok() && token_strings(text, a.value()) == expected_dict &&
               token_strings(text, b.value()) == expected_icu;
      }
      ok[k] = good;
    });
  }
  for (auto& t : threads) t.join();
  for (int k = 0; k < 4; ++k) EXPECT_TRUE(ok[k]) << "thread " << k;
}

// The PKU test text (when ../shared/corpora is there): the invariants hold on
// real newspaper text, in both modes.
TEST(Tokenize, CoversThePkuTestText) {
  const std::filesystem::path dir =
      std::filesystem::path(HUOZI_TEST_DATA_DIR) / ".." / ".." / ".." / "shared" / "corpora" / "pku-2001-01";
  const auto input = dir / "pku_test.utf8";
  const auto words = dir / "pku_training_words.utf8";
  if (!std::filesystem::exists(input) || !std::filesystem::exists(words))
    GTEST_SKIP() << "PKU corpus not found at " << dir.string() << " (../shared/corpora is not part of the repo)";
  const std::string text = test_util::read_file(input.string());
  auto dict = Dictionary::from_file(words.string());
  ASSERT_TRUE(dict.ok());
  auto a = tokenize(text);
  ASSERT_TRUE(a.ok());
  expect_exact_cover(text, a.value());
  auto b = tokenize(text, dict.value());
  ASSERT_TRUE(b.ok());
  expect_exact_cover(text, b.value());
  // Whole text and line by line agree (nothing crosses a line).
  std::vector<Span> by_line;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t e = text.find('\n', i);
    e = e == std::string::npos ? text.size() : e + 1;
    std::vector<Span> part;
    ASSERT_TRUE(tokenize_into(std::string_view(text).substr(i, e - i), part).ok());
    for (Span s : part) by_line.push_back({static_cast<std::uint32_t>(s.start + i), static_cast<std::uint32_t>(s.end + i)});
    i = e;
  }
  EXPECT_EQ(by_line, a.value());
  // Clause by clause agrees too: cutting a line at its commas changes
  // nothing on either side (ICU's runs are independent of each other).
  std::size_t lines_checked = 0;
  for (std::size_t i = 0; i < text.size() && lines_checked < 400;) {
    std::size_t e = text.find('\n', i);
    e = e == std::string::npos ? text.size() : e;
    const std::string_view line = std::string_view(text).substr(i, e - i);
    Words by_clause;
    for (std::size_t c = 0; c <= line.size();) {
      std::size_t comma = line.find("，", c);
      if (comma == std::string_view::npos) comma = line.size();
      for (auto& w : icu_words(line.substr(c, comma - c))) by_clause.push_back(w);
      if (comma < line.size()) by_clause.push_back("，");
      c = comma + std::string_view("，").size();
    }
    EXPECT_EQ(icu_words(line), by_clause) << line;
    ++lines_checked;
    i = e + 1;
  }
}
