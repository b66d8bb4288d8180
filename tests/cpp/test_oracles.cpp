// Fast paths against their oracles: each hot loop that was sped up keeps its
// plain version beside it (namespace reference), and these property tests
// run both on random text built from the characters that matter (Han, CJK
// punctuation, spaces of every kind, ignorable format characters, digits,
// Latin, brackets, doubled glyphs, invalid bytes) and on the sample page.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "huozi/segment/sentences.hpp"
#include "test_util.hpp"

namespace {

// Pieces random text is made of: each one character (or an invalid byte
// sequence), weighted towards what newspaper pages hold.
const std::vector<std::string>& pieces() {
  static const std::vector<std::string> p = {
      // Han, common and rarer blocks (CJK ext A, compatibility), 〇
      "中", "国", "的", "一", "人", "民", "日", "报", "记", "者", "图", "摄", "版", "转", "接", "第", "年", "星", "期",
      "责", "任", "编", "辑", "通", "讯", "员", "本", "新", "华", "社", "电", "坚", "持", "巴", "林", "㐀", "豈", "〇",
      // CJK punctuation: sentence ends, clause marks, brackets, quotes, dashes
      "，", "。", "、", "；", "：", "！", "？", "…", "．", "“", "”", "‘", "’", "（", "）", "《", "》", "「", "」",
      "【", "】", "—", "─", "·", "・", "•", "／", "‼", "⁇", "⁉", "｜",
      // spaces and ignorables
      " ", " ", " ", "\t", "\u3000", "\u00A0", "\u2002", "\u200B", "\uFEFF", "\u00AD", "\u200D",
      // digits, Latin, ASCII punctuation
      "0", "1", "2", "9", "１", "２", "a", "b", "Z", "W", "Ａ", "ｂ", ".", "%", "-", "/", ",", ";", ":", "!", "?",
      "(", ")", "[", "]",
      // symbols, circled digits, kana, Hangul, Greek, combining mark, controls
      "■", "●", "★", "①", "②", "⑳", "㉑", "あ", "カ", "한", "α", "é", "\u0301", "\x01", "\x7F",
      // supplementary (emoji, ext B Han)
      "\U0001F600", "\U00020000",
      // invalid or truncated UTF-8
      "\xFF", "\x80", "\xE4\xB8", "\xC3", "\xF0\x9F\x98", "\xED\xA0\x80",
  };
  return p;
}

// Random text of up to max_chars pieces. Runs repeat a piece now and then
// (doubled glyphs: 坚坚持持, ①①) and stay Han-heavy like running text.
std::string random_text(std::mt19937& rng, std::size_t max_chars, bool with_line_ends) {
  const auto& p = pieces();
  std::uniform_int_distribution<std::size_t> len(0, max_chars);
  std::uniform_int_distribution<std::size_t> pick(0, p.size() - 1);
  std::uniform_int_distribution<int> roll(0, 99);
  const std::size_t n = len(rng);
  std::string out;
  std::string last;
  for (std::size_t k = 0; k < n; ++k) {
    const int r = roll(rng);
    std::string piece;
    if (r < 10 && !last.empty()) piece = last;  // doubled glyphs
    else if (r < 55) piece = p[pick(rng) % 38];  // Han
    else if (with_line_ends && r < 60) piece = (r % 5 == 0) ? "\r\n" : (r % 5 == 1 ? "\f" : (r % 5 == 2 ? "\r" : "\n"));
    else piece = p[pick(rng)];
    out += piece;
    last = piece;
  }
  return out;
}

TEST(Oracles, SplitSentencesMatchesByteScan) {
  std::mt19937 rng(20240601);
  for (int round = 0; round < 20000; ++round) {
    const std::string t = random_text(rng, 60, false);
    const auto fast = huozi::segment::split_sentences(t);
    const auto slow = huozi::segment::reference::split_sentences(t);
    ASSERT_EQ(fast, slow) << "text: " << t;
  }
  const std::string page = huozi::test_util::read_file(HUOZI_SAMPLE_PAGE);
  EXPECT_EQ(huozi::segment::split_sentences(page), huozi::segment::reference::split_sentences(page));
}

}  // namespace
