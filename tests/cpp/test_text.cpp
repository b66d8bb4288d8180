#include <gtest/gtest.h>

#include "huozi/text/chars.hpp"
#include "huozi/text/encoding.hpp"
#include "huozi/text/cpu.hpp"
#include "huozi/text/find.hpp"
#include "huozi/text/mapped_text.hpp"
#include "huozi/text/utf8.hpp"

using namespace huozi;
using namespace huozi::text;

TEST(Utf8, FindsFirstInvalidByte) {
  EXPECT_FALSE(find_invalid_utf8("abc 中文 ①"));
  EXPECT_EQ(find_invalid_utf8("ab\xff"), 2u);
  EXPECT_EQ(find_invalid_utf8("中\xe4\xb8"), 3u);            // truncated sequence
  EXPECT_EQ(find_invalid_utf8("\xed\xa0\x80"), 0u);           // encoded surrogate
  EXPECT_EQ(find_invalid_utf8("\xc0\xaf"), 0u);               // overlong
  EXPECT_EQ(find_invalid_utf8("12345678\x80"), 8u);           // after the ASCII fast path
}

TEST(Utf8, DecodeAndAppendRoundTrip) {
  std::string s;
  for (char32_t cp : {U'a', U'é', U'中', U'😀'}) append_utf8(s, cp);
  EXPECT_EQ(s, "aé中😀");
  std::size_t i = 0;
  std::u32string back;
  while (i < s.size()) { auto d = decode_at(s, i); back += d.cp; i += d.len; }
  EXPECT_EQ(back, U"aé中😀");
  EXPECT_EQ(count_chars(s), 4u);
  EXPECT_EQ(decode_before(s, s.size()).cp, U'😀');
}

TEST(Chars, DisplayWidthFollowsEastAsianWidth) {
  EXPECT_EQ(display_width(U'中'), 2);
  EXPECT_EQ(display_width(U'，'), 2);
  EXPECT_EQ(display_width(U'“'), 2);   // ambiguous punctuation counts wide in Chinese text
  EXPECT_EQ(display_width(U'a'), 1);
  EXPECT_EQ(display_width(U'5'), 1);
  EXPECT_EQ(display_width(U'①'), 2);
  EXPECT_EQ(display_width(0x200B), 0);  // zero-width space
  EXPECT_EQ(display_width(0xFEFF), 0);
}

TEST(Chars, Classes) {
  EXPECT_TRUE(has(U'。', kSentenceEnd));
  EXPECT_TRUE(has(U'？', kSentenceEnd));
  EXPECT_FALSE(has(U'，', kSentenceEnd));
  EXPECT_TRUE(has(U'，', kClausePunct));
  EXPECT_TRUE(has(U'”', kClosing));
  EXPECT_TRUE(has(U'「', kOpening));
  EXPECT_TRUE(has(U'』', kClosing));
  EXPECT_TRUE(is_space(0x3000));
  EXPECT_TRUE(has(0x00AD, kIgnorable));
  EXPECT_TRUE(is_han(U'〇'));
  EXPECT_TRUE(has(U'②', kCircledDigit));
  EXPECT_TRUE(has(U'８', kDigit));
}

// Sentence splitting stops a run of enders and closers at a character led
// by E4..E9 without looking it up: none of U+4000..U+9FFF may end a
// sentence, close a quote or be a space.
TEST(Chars, NoEnderCloserOrSpaceLedByE4ToE9) {
  for (char32_t c = 0x4000; c <= 0x9FFF; ++c)
    ASSERT_EQ(char_flags(c) & (kSentenceEnd | kClosing | kSpace), 0) << std::hex << static_cast<unsigned>(c);
}

// Texts for the search oracles: characters from a small alphabet of Han
// characters (many shared lead bytes, near misses), ASCII and marks, by a
// linear congruential generator (rnd(n): a number below n).
namespace {
struct RandomText {
  std::uint32_t seed;
  std::uint32_t operator()(std::uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  }
  std::string text(std::size_t chars) {
    static constexpr std::string_view alphabet[] = {"市", "公", "安", "局", "长", "党", "委", "会", "a", "1", "，", " "};
    std::string t;
    for (std::size_t i = 0; i < chars; ++i) t += alphabet[(*this)(std::size(alphabet))];
    return t;
  }
};
}  // namespace

// contains_word against the plain search as its oracle: random texts and
// words from a small alphabet of Han characters (many shared lead bytes,
// near misses), ASCII and mixed, words cut from the text and made up.
TEST(Find, ContainsWordMatchesPlainSearch) {
  RandomText rnd{12345};
  for (int round = 0; round < 20000; ++round) {
    const std::string s = rnd.text(rnd(40));
    std::string w = rnd.text(1 + rnd(4));
    if (!s.empty() && rnd(2) == 0) {  // a piece of s itself, cut anywhere (even inside a character)
      const std::size_t from = rnd(static_cast<std::uint32_t>(s.size()));
      w = s.substr(from, 1 + rnd(static_cast<std::uint32_t>(s.size() - from)));
    }
    ASSERT_EQ(huozi::text::contains_word(s, w), s.find(w) != std::string::npos) << s << " / " << w;
    // find_word, from every offset (and one past the end).
    for (std::size_t from = 0; from <= s.size() + 1; ++from)
      ASSERT_EQ(huozi::text::find_word(s, w, from), std::string_view(s).find(w, from)) << s << " / " << w << " @" << from;
  }
  EXPECT_TRUE(huozi::text::contains_word("abc", ""));
  EXPECT_FALSE(huozi::text::contains_word("", "市"));
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// find_word_avx2 (64 offsets a step, 32 in shorter texts) against the plain search, from every
// offset: texts long enough for whole windows and the last one (up to 150
// characters), words from the same small alphabet (shared first and last
// bytes, near misses), cut from the text or made up; and holds_clause by it
// against holds_clause.
TEST(Find, FindWordAvx2MatchesPlainSearch) {
  if (!huozi::text::cpu_has_avx2()) GTEST_SKIP() << "no AVX2";
  RandomText rnd{4242};
  auto find_avx2 = [](std::string_view s, std::string_view w, std::size_t from) {
    return huozi::text::find_word_avx2(s, w, from);
  };
  for (int round = 0; round < 4000; ++round) {
    // (an exact copy: nothing past the text's end to read)
    const std::string text = rnd.text(rnd(150));
    const std::string_view s(text);
    std::string w = rnd.text(1 + rnd(5));
    if (!s.empty() && rnd(2) == 0) {  // a piece of s itself, cut anywhere (even inside a character)
      const std::size_t from = rnd(static_cast<std::uint32_t>(s.size()));
      w = std::string(s.substr(from, 1 + rnd(static_cast<std::uint32_t>(std::min<std::size_t>(s.size() - from, 30)))));
    }
    for (std::size_t from = 0; from <= s.size() + 1; ++from)
      ASSERT_EQ(huozi::text::find_word_avx2(s, w, from), s.find(w, from)) << s << " / " << w << " @" << from;
    const std::size_t before = rnd(static_cast<std::uint32_t>(s.size() + 2));
    ASSERT_EQ(huozi::text::holds_clause_by(s, w, before, round % 2 == 0, find_avx2),
              huozi::text::holds_clause(s, w, before, round % 2 == 0))
        << s << " / " << w << " before " << before;
  }
}
#endif

TEST(Encoding, Utf8PassesThroughAndBomIsStripped) {
  auto r = decode_page("\xEF\xBB\xBF中文");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().text, "中文");
  EXPECT_EQ(r.value().encoding, "utf-8-sig");
}

TEST(Encoding, Gb18030IsDetected) {
  // 中文报道。 in GB18030
  auto r = decode_page("\xD6\xD0\xCE\xC4\xB1\xA8\xB5\xC0\xA1\xA3\xD6\xD0\xCE\xC4\xB1\xA8\xB5\xC0\xA1\xA3");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r.value().text, "中文报道。中文报道。");
  EXPECT_EQ(r.value().encoding, "gb18030");
}

TEST(Encoding, Utf16WithBom) {
  auto r = decode_page(std::string("\xFF\xFE\x2D\x4E\x87\x65", 6));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().text, "中文");
  EXPECT_EQ(r.value().encoding, "utf-16le");
}

TEST(Encoding, NulMeansBinary) {
  auto r = decode_page(std::string("abc\0def", 7));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kBinaryInput);
  EXPECT_EQ(r.error().offset, 3u);
}

TEST(Encoding, ReplaceCountsBadBytes) {
  DecodeOptions o;
  o.encoding = "utf-8";
  o.on_error = OnDecodeError::kReplace;
  auto r = decode_page("ab\xff" "cd", o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().text, "ab\xEF\xBF\xBD" "cd");
  EXPECT_EQ(r.value().replaced, 1u);
  o.on_error = OnDecodeError::kStrict;
  auto s = decode_page("ab\xff" "cd", o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().offset, 2u);
}

TEST(MappedText, MapsJoinedPiecesBackToTheSource) {
  const std::string src = "ab cd\nef";
  MappedText m;
  m.append(std::string_view(src).substr(0, 2), 0);  // ab
  m.append(std::string_view(src).substr(3, 2), 3);  // cd
  m.append_synthetic(" ", 5);
  m.append(std::string_view(src).substr(6, 2), 6);  // ef
  EXPECT_EQ(m.text(), "abcd ef");
  EXPECT_EQ(m.source_of(0), 0u);
  EXPECT_EQ(m.source_of(2), 3u);
  EXPECT_EQ(m.source_of(4), 5u);
  EXPECT_EQ(m.source_of(5), 6u);
  EXPECT_EQ(m.source_span(1, 3), (Span{1, 4}));
  EXPECT_EQ(m.source_span(2, 7), (Span{3, 8}));
  MappedText s = m.slice(3, 6);
  EXPECT_EQ(s.text(), "d e");
  EXPECT_EQ(s.source_of(0), 4u);
  EXPECT_EQ(s.source_of(2), 6u);
}

// The first few anchors are kept inside the MappedText, the rest on the heap:
// a map of every length from none to past that room keeps every anchor
// through copies, moves and assignments in both directions.
TEST(MappedText, KeepsItsMapThroughCopiesAndMovesAtEveryLength) {
  std::string src;
  for (int i = 0; i < 40; ++i) src += "x ";  // every other byte a space: an anchor a piece
  for (std::uint32_t pieces = 0; pieces <= 12; ++pieces) {
    MappedText m;
    for (std::uint32_t k = 0; k < pieces; ++k) {
      if (k % 3 == 2) m.append_synthetic("-", 2 * k);
      else m.append(std::string_view(src).substr(2 * k, 1), 2 * k);
    }
    auto check = [&](const MappedText& t) {
      ASSERT_EQ(t.anchors().size(), pieces);
      ASSERT_EQ(t.size(), pieces);
      for (std::uint32_t k = 0; k < pieces; ++k) {
        EXPECT_EQ(t.anchors()[k].out, k);
        EXPECT_EQ(t.anchors()[k].src, 2 * k);
        EXPECT_EQ(t.anchors()[k].synthetic, k % 3 == 2);
        EXPECT_EQ(t.source_of(k), 2 * k);
      }
    };
    check(m);
    MappedText copy = m;
    check(copy);
    check(m);
    MappedText moved = std::move(copy);
    check(moved);
    // Assigned over a map that is longer, then over one that is shorter.
    MappedText longer, shorter;
    for (std::uint32_t k = 0; k < 10; ++k) longer.append(std::string_view(src).substr(2 * k, 1), 2 * k);
    shorter.append("y", 0);
    longer = m;
    check(longer);
    shorter = m;
    check(shorter);
    MappedText target;
    target.append("y", 0);
    target = std::move(moved);
    check(target);
    moved = std::move(target);  // back into the moved-from one
    check(moved);
    // A slice of all of it, and one appended after another.
    check(m.slice(0, m.size()));
    MappedText joined;
    joined.append(m);
    check(joined);
  }
}
