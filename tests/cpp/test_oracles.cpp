// Fast paths against their oracles: each hot loop that was sped up keeps its
// plain version beside it (namespace reference), and these property tests
// run both on random text built from the characters that matter (Han, CJK
// punctuation, spaces of every kind, ignorable format characters, digits,
// Latin, brackets, doubled glyphs, invalid bytes) and on the sample page.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#if defined(__unix__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "huozi/repair/line.hpp"
#include "huozi/repair/repair.hpp"
#include "huozi/segment/byline.hpp"
#include "huozi/segment/segment.hpp"
#include "huozi/segment/sentences.hpp"
#include "huozi/text/encoding.hpp"
#include "huozi/text/utf8.hpp"
#include "json_lite.hpp"
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
      "【", "】", "—", "─", "·", "・", "•", "／", "‼", "⁇", "⁈", "⁉", "｜", "‥", "‽", "〃", "＂",
      // spaces and ignorables
      " ", " ", " ", "\t", "\u3000", "\u00A0", "\u2002", "\u200B", "\uFEFF", "\u00AD", "\u200D",
      // digits, Latin, ASCII punctuation
      "0", "1", "2", "9", "１", "２", "a", "b", "Z", "W", "Ａ", "ｂ", ".", "%", "-", "/", ",", ";", ":", "!", "?",
      "(", ")", "[", "]",
      // symbols, circled digits, kana, Hangul, Greek, combining mark, controls
      "■", "●", "★", "①", "②", "⑳", "㉑", "あ", "カ", "한", "α", "é", "\u0301", "\x01", "\x7F", std::string(1, '\0'),
      // supplementary (emoji, ext B Han)
      "\U0001F600", "\U00020000",
      // invalid or truncated UTF-8
      "\xFF", "\x80", "\xE4\xB8", "\xC3", "\xF0\x9F\x98", "\xED\xA0\x80",
  };
  return p;
}

// Random text of up to max_chars pieces. Runs repeat a piece now and then
// (doubled glyphs: 坚坚持持, ①①) and stay Han-heavy like running text.
// Invalid pieces are dropped when valid_only (repair's input is valid UTF-8).
std::string random_text(std::mt19937& rng, std::size_t max_chars, bool with_line_ends, bool valid_only = false) {
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
    if (valid_only && !huozi::text::is_valid_utf8(piece)) continue;
    out += piece;
    last = piece;
  }
  return out;
}

TEST(Oracles, FindInvalidUtf8MatchesDecodeLoop) {
  // Every three-byte string that does not start with ASCII, alone and after
  // an ASCII run (the eight-at-a-time path), then random mixtures.
  std::string t(3, '\0');
  for (int a = 0x80; a < 0x100; ++a)
    for (int b = 0; b < 0x100; ++b)
      for (int c = 0; c < 0x100; ++c) {
        t[0] = static_cast<char>(a), t[1] = static_cast<char>(b), t[2] = static_cast<char>(c);
        ASSERT_EQ(huozi::text::find_invalid_utf8(t), huozi::text::reference::find_invalid_utf8(t))
            << std::hex << a << ' ' << b << ' ' << c;
      }
  const std::vector<std::string> edges = {"\xE0\xA0\x80", "\xE0\x80\x80", "\xED\x9F\xBF", "\xEE\x80\x80",
                                          "\xEF\xBF\xBF", "\xEF\xBC", "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80",
                                          "\xC2\x80", "\xC1\xBF", "abcdefgh", "\x80\x80"};
  std::mt19937 rng(99);
  std::uniform_int_distribution<int> roll(0, 99), byte(0x80, 0xFF);
  for (int round = 0; round < 100000; ++round) {
    std::string s = random_text(rng, 40, true);
    const int r = roll(rng);
    if (r < 30) s.insert(rng() % (s.size() + 1), 1, static_cast<char>(byte(rng)));
    else if (r < 60) s.insert(rng() % (s.size() + 1), edges[rng() % edges.size()]);
    ASSERT_EQ(huozi::text::find_invalid_utf8(s), huozi::text::reference::find_invalid_utf8(s)) << s;
  }
}

// find_invalid_utf8 (64 bytes at a time with AVX2 where the processor has
// it, then the scalar validator from the start of the character the blocks
// stopped in) and the scalar validator alone, against the decode loop.
void expect_same_invalid_utf8(const std::string& s) {
  const auto want = huozi::text::reference::find_invalid_utf8(s);
  ASSERT_EQ(huozi::text::find_invalid_utf8(s), want) << testing::PrintToString(s) << " size " << s.size();
  ASSERT_EQ(huozi::text::detail::find_invalid_utf8_scalar(s), want) << testing::PrintToString(s);
}

// Hand-written text that mixes ASCII, three-byte Han and punctuation, two-
// and four-byte characters (so that the blocks meet every kind of byte
// before and after an error), and text of each kind alone (all-ASCII
// blocks are skipped, all-Han ones are not).
const std::vector<std::string>& utf8_bases() {
  static const std::vector<std::string> b = [] {
    std::vector<std::string> v;
    std::string mixed, han, ascii;
    while (mixed.size() < 260) mixed += "ab 中文，\U0001F600x é报道12。\U00020000—";
    while (han.size() < 260) han += "本报北京电记者从国务院新闻办获悉，";
    while (ascii.size() < 260) ascii += "Page 3, column 2: the quick brown fox. ";
    v = {mixed, han, ascii, std::string(120, 'a') + han.substr(0, 150), han.substr(0, 99) + std::string(160, ' ')};
    return v;
  }();
  return b;
}

TEST(Oracles, FindInvalidUtf8MatchesDecodeLoopForEveryErrorAtEveryOffset) {
  // Each kind of error (and valid edge cases, which must stay valid), put
  // at every offset 0..95 of each base text: inserted there, written over
  // the bytes there, and with the text cut just after it (a truncated
  // sequence at the very end). Offsets inside a character make a second
  // error before it, which the validators must agree on too.
  const std::vector<std::string> errors = {
      "\xC0\x80", "\xC1\xBF",                                  // overlong, two bytes
      "\xE0\x80\x80", "\xE0\x9F\xBF",                          // overlong, three bytes
      "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",                  // overlong, four bytes
      "\xED\xA0\x80", "\xED\xAF\xBF", "\xED\xB0\x80", "\xED\xBF\xBF",  // surrogates
      "\xF4\x90\x80\x80", "\xF4\xBF\xBF\xBF", "\xF5\x80\x80\x80",      // above U+10FFFF
      "\x80", "\xBF", "\x80\x80", "\xA0\x80\x80\x80",              // stray continuation bytes
      "中\x80", "\xF0\x9F\x98\x80\x80",                           // one continuation too many
      "\xC3", "\xE4\xB8", "\xE4", "\xF0\x9F\x98", "\xF0\x9F", "\xF0",  // truncated
      "\xE4\xB8" "a", "\xF0\x9F\x98 ", "\xC3\xE4\xB8\xAD",             // truncated before ASCII, a lead
      "\xF5", "\xF8", "\xFB\xBF", "\xFE", "\xFF", "\xF7\x90\x80\x80",   // F5-FF
      // valid edges: the first and last of each range
      "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF",
      "\xF0\x90\x80\x80", "\xF3\xBF\xBF\xBF", "\xF4\x8F\xBF\xBF"};
  for (const std::string& base : utf8_bases())
    for (const std::string& e : errors)
      for (std::size_t at = 0; at < 96; ++at) {
        std::string inserted = base;
        inserted.insert(at, e);
        expect_same_invalid_utf8(inserted);
        expect_same_invalid_utf8(inserted.substr(0, at + e.size()));
        std::string over = base;
        over.replace(at, e.size(), e);
        expect_same_invalid_utf8(over);
        expect_same_invalid_utf8(over.substr(0, 64 + at));  // the error in or just before the tail
        // The same error 64 bytes on, behind a valid first block.
        std::string later = base;
        later.insert(64 + at, e);
        expect_same_invalid_utf8(later);
      }
}

TEST(Oracles, FindInvalidUtf8MatchesDecodeLoopOnEveryThreeBytesInABlock) {
  // Every three bytes that do not start with ASCII, written over a 128-byte
  // Han text across the 32-byte halves of its first 64 and across its two
  // 64s, so that each table entry meets each byte it can meet.
  const std::string base = utf8_bases()[1].substr(0, 126) + "ab";
  for (const std::size_t at : {30u, 63u}) {
    std::string t = base;
    for (int a = 0x80; a < 0x100; ++a)
      for (int b = 0; b < 0x100; ++b)
        for (int c = 0; c < 0x100; ++c) {
          t[at] = static_cast<char>(a), t[at + 1] = static_cast<char>(b), t[at + 2] = static_cast<char>(c);
          ASSERT_EQ(huozi::text::find_invalid_utf8(t), huozi::text::reference::find_invalid_utf8(t))
              << std::hex << a << ' ' << b << ' ' << c << " at " << std::dec << at;
        }
  }
}

TEST(Oracles, FindInvalidUtf8MatchesDecodeLoopOnRandomBytes) {
  // Random bytes of every length 0..200; random valid text (Han-heavy, with
  // line ends) with one byte changed, flipped by one bit or set at random,
  // and cut at every length; thousands of each, seeded.
  std::mt19937 rng(2023);
  std::uniform_int_distribution<int> byte(0, 255), roll(0, 99);
  for (int round = 0; round < 20000; ++round) {
    std::string s(static_cast<std::size_t>(round % 201), '\0');
    // Bytes weighted towards the ones UTF-8 is made of, else nearly every
    // string fails at its first bytes.
    const int pool = roll(rng);
    for (char& c : s) {
      const int r = roll(rng);
      c = static_cast<char>(pool < 30 || r < 20 ? byte(rng) : r < 50 ? 0x20 + r : r < 80 ? 0x80 + byte(rng) % 64 : 0xE4);
    }
    expect_same_invalid_utf8(s);
  }
  for (int round = 0; round < 20000; ++round) {
    std::string s = random_text(rng, 70, true, true);
    if (s.size() > 200) s.resize(200);
    if (!s.empty()) {
      const std::size_t at = rng() % s.size();
      if (roll(rng) < 50) s[at] = static_cast<char>(s[at] ^ (1 << (rng() % 8)));
      else s[at] = static_cast<char>(byte(rng));
    }
    expect_same_invalid_utf8(s);
    if (round % 10 == 0)
      for (std::size_t n = 0; n < s.size(); ++n) expect_same_invalid_utf8(s.substr(0, n));
  }
}

TEST(Oracles, SplitSentencesMatchesByteScan) {
  // The scan split_sentences() takes here (32 bytes at a time where the
  // processor has AVX2) and the 16-byte one, against the byte scan; texts
  // of every length around the windows' sizes and their ends.
  std::mt19937 rng(20240601);
  for (int round = 0; round < 60000; ++round) {
    const std::string t = random_text(rng, round % 3 == 0 ? 120 : 40, false, true);  // valid UTF-8, as segmentation's input
    const auto slow = huozi::segment::reference::split_sentences(t);
    ASSERT_EQ(huozi::segment::split_sentences(t), slow) << "text: " << t;
    ASSERT_EQ(huozi::segment::detail::split_sentences_sse2(t), slow) << "text: " << t;
  }
  const std::string page = huozi::test_util::read_file(HUOZI_SAMPLE_PAGE);
  EXPECT_EQ(huozi::segment::split_sentences(page), huozi::segment::reference::split_sentences(page));
  EXPECT_EQ(huozi::segment::detail::split_sentences_sse2(page), huozi::segment::reference::split_sentences(page));
  // Texts either side of the longest the AVX2 split lists (1 MiB; a longer
  // one goes to the 16-byte scan), with runs of enders and closers in them.
  std::string big;
  while (big.size() < (std::size_t{1} << 20) + 64) big += "乡亲们说：“路修好了！”村里……也通了车？";
  for (const std::size_t n : {std::size_t{1} << 20, big.size()}) {
    std::string t = big.substr(0, n);
    while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();  // whole characters
    if (!t.empty() && static_cast<unsigned char>(t.back()) >= 0xC0) t.pop_back();
    ASSERT_EQ(huozi::segment::split_sentences(t), huozi::segment::reference::split_sentences(t)) << t.size();
  }
}

TEST(Oracles, SplitSentencesMatchesByteScanForEveryCharacterAroundAnEnd) {
  // The fast splitting tells some characters by their bytes (。, and a lead
  // byte E4..E9 as never an ender, closer or space): every BMP character
  // (and a few supplementary ones) right after an end, in a run of enders
  // and closers, before one, and at the text's end, against the byte scan.
  const std::vector<std::string> around = {"。", "！", "？", "．", ".", "…", "”", "）", " ", "\u3000", "1", "字", "。”"};
  auto same = [](const std::string& t) {
    const auto slow = huozi::segment::reference::split_sentences(t);
    return huozi::segment::split_sentences(t) == slow && huozi::segment::detail::split_sentences_sse2(t) == slow;
  };
  std::vector<char32_t> cps;
  for (char32_t c = 1; c < 0x10000; ++c)
    if (c < 0xD800 || c > 0xDFFF) cps.push_back(c);
  for (char32_t c : {U'\U00010000', U'\U00020000', U'\U0001F600', U'\U000E0001'}) cps.push_back(c);
  for (const char32_t c : cps) {
    std::string x;
    huozi::text::append_utf8(x, c);
    for (const std::string& a : around)
      ASSERT_TRUE(same(a + x) && same(x + a) && same("字" + a + x + "字") && same(x + a + x) && same(a + a + x))
          << "U+" << std::hex << static_cast<std::uint32_t>(c) << " around " << a;
  }
}

TEST(Oracles, MeasureLineMatchesReference) {
  std::mt19937 rng(7);
  for (int round = 0; round < 50000; ++round) {
    const std::string t = random_text(rng, 40, false);
    ASSERT_EQ(huozi::repair::measure_line(t, 0, t.size()), huozi::repair::reference::measure_line(t, 0, t.size()))
        << "line: " << t;
    // A line that starts and ends inside the text, as split lines do.
    if (t.size() > 6) {
      const std::size_t b = 3, e = t.size() - 3;
      ASSERT_EQ(huozi::repair::measure_line(t, b, e), huozi::repair::reference::measure_line(t, b, e)) << "line: " << t;
    }
  }
}

// The Han-run loop takes a character by its first two bytes when all 64
// code points they can start are Han: every three-byte character inside a
// Han run (Han blocks whole and mixed, punctuation, the rest), and every
// lead byte with second bytes that are no continuation bytes (the loop reads
// them as the reference does).
TEST(Oracles, MeasureLineMatchesReferenceOnEveryThreeByteCharacter) {
  auto check = [](const std::string& t) {
    ASSERT_EQ(huozi::repair::measure_line(t, 0, t.size()), huozi::repair::reference::measure_line(t, 0, t.size()))
        << "line: " << t;
  };
  for (char32_t cp = 0x800; cp <= 0xFFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string t = "中国";
    huozi::text::append_utf8(t, cp);
    t += "人民";
    check(t);
    t.resize(t.size() - 6);  // the character last on the line, and alone after the first
    check(t);
  }
  for (int lead = 0xE0; lead <= 0xEF; ++lead)
    for (int second = 0; second <= 0xFF; ++second) {
      const std::string odd = {static_cast<char>(lead), static_cast<char>(second), 'a'};
      check("中国" + odd + "人民");
      check("中国" + odd);
    }
}

// measure_line() on [b, e) against its reference, with and without its AVX2
// blocks (the same where the processor has no AVX2).
void expect_measure_matches(const std::string& t, std::size_t b, std::size_t e) {
  const auto want = huozi::repair::reference::measure_line(t, b, e);
  ASSERT_EQ(huozi::repair::measure_line(t, b, e), want) << "line: " << t.substr(b, e - b);
  huozi::repair::detail::set_avx2_paths(false);
  const auto plain = huozi::repair::measure_line(t, b, e);
  huozi::repair::detail::set_avx2_paths(true);
  ASSERT_EQ(plain, want) << "line (no AVX2): " << t.substr(b, e - b);
}

// What random_line() draws a line's characters from, per roll of 0-99:
// below other_rate one of others, then below other_rate + ascii_rate a
// printable ASCII character, below han_until a Han character, below
// marks_until a mark, else the character before again (first_repeat for the
// first): the same character twice (first two: maybe faux bold).
struct LineMix {
  const std::vector<std::string>& han;
  const std::vector<std::string>& marks;
  const std::vector<std::string>& others;
  int other_rate, ascii_rate, han_until, marks_until;
  const char* first_repeat;
};
std::string random_line(std::mt19937& rng, std::uniform_int_distribution<int>& roll, int length, const LineMix& mix) {
  auto pick = [&](const std::vector<std::string>& from) {
    return from[static_cast<std::size_t>(roll(rng)) % from.size()];
  };
  std::string line, last;
  for (int k = 0; k < length; ++k) {
    const int r = roll(rng);
    std::string piece;
    if (r < mix.other_rate) piece = pick(mix.others);
    else if (r < mix.other_rate + mix.ascii_rate)
      piece = std::string(1, static_cast<char>(0x21 + roll(rng) * 94 / 100));
    else if (r < mix.han_until) piece = pick(mix.han);
    else if (r < mix.marks_until) piece = pick(mix.marks);
    else piece = last.empty() ? mix.first_repeat : last;
    line += piece;
    last = piece;
  }
  return line;
}

// Lines of three-byte characters are taken eight at a time by blocks that
// read up to 28 bytes past each block's start: only where the text goes on
// after the line. Random lines of Han, the common full-width marks, other
// three-byte characters (some the fast loop takes, some it does not: the
// ideographic space, ignorables), ASCII, spaces, two- and four-byte
// characters, of every length up to past the blocks' limit of 120
// characters, at every offset in a text with and without bytes after them.
TEST(Oracles, MeasureLineBlocksMatchReference) {
  const std::vector<std::string> han = {"中", "国", "的", "一", "人", "民", "日", "报", "记", "者", "㐀", "豈", "〇"};
  const std::vector<std::string> marks = {"，", "。", "、", "；", "：", "“", "”", "（", "）", "《", "》", "！", "？",
                                          "…", "—", "─", "·", "「", "」", "①", "■", "ｂ", "１", "‘", "’"};
  const std::vector<std::string> others = {"\u3000", "\u200B", "\uFEFF", "a", "1", " ", "(", ")", "é", "\U0001F600",
                                           "\U00020000", "\t", "."};
  std::mt19937 rng(14);
  std::uniform_int_distribution<int> roll(0, 99);
  for (int round = 0; round < 20000; ++round) {
    const int length = roll(rng) * 140 / 100;
    const int other_rate = round % 4 == 0 ? 0 : (round % 4 == 1 ? 1 : 5);  // in 100: most lines have none
    const std::string line = random_line(rng, roll, length, {han, marks, others, other_rate, 0, 70, 95, "中"});
    const std::size_t offset = static_cast<std::size_t>(round % 37);
    const std::string before(offset, 'x');
    const std::string after = round % 5 == 0 ? "" : "\n后面还有一行文字，足够长。后面还有一行文字。";
    const std::string t = before + line + after;
    expect_measure_matches(t, offset, offset + line.size());
    if (::testing::Test::HasFatalFailure()) return;
  }
}

// Every three-byte character at each place of a block the blocks look at:
// first, in the middle, at the end of a full block and of a part block,
// after a full block, last on the line and before a mark that may hang
// (the blocks' table is built from the one-by-one loop's: this checks it
// code point by code point).
TEST(Oracles, MeasureLineBlocksMatchReferenceOnEveryThreeByteCharacter) {
  const std::string tail = "\n后面还有一行文字，足够长。后面还有一行文字。";
  for (char32_t cp = 0x800; cp <= 0xFFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string c;
    huozi::text::append_utf8(c, cp);
    for (const int before : {0, 1, 3, 7, 8, 9, 15}) {
      std::string line;
      for (int k = 0; k < before; ++k) line += k % 2 ? "国" : "中";
      line += c;
      for (const char* rest : {"", "，", "人民”", "人民日报记者"}) {
        const std::string l = line + rest;
        if (l.size() < 6) continue;
        const std::string t = l + tail;
        expect_measure_matches(t, 0, l.size());
        if (::testing::Test::HasFatalFailure()) return;
      }
    }
  }
  // Three-byte leads whose next bytes are no continuation bytes: the blocks
  // read them as the one-by-one loop does (every second and third byte last
  // on the line, where ends_sentence reads them its own way; some in the
  // middle).
  for (int lead = 0xE0; lead <= 0xEF; ++lead)
    for (int second = 0; second <= 0xFF; ++second)
      for (int third = 0; third <= 0xFF; ++third) {
        if (third == '\n' || third == '\r' || third == '\f') continue;
        const std::string odd = {static_cast<char>(lead), static_cast<char>(second), static_cast<char>(third)};
        const std::string l = "中国" + odd;
        expect_measure_matches(l + tail, 0, l.size());
        if (third % 16 == 1) {
          const std::string m = "中国" + odd + "人民";
          expect_measure_matches(m + tail, 0, m.size());
        }
        if (::testing::Test::HasFatalFailure()) return;
      }
}

// Lines with ASCII among their three-byte characters (digits, Latin
// letters, ASCII marks: 5.7亿, 25.7%, WTO) are taken 32 bytes at a time by
// blocks that tell the bytes apart and read up to 32 bytes past the line:
// random lines of Han, full-width marks and every printable ASCII
// character, at rates from a few to most, with now and then white space, a
// control character, two- and four-byte characters, the ideographic space
// and bytes that are no valid character (a lone continuation or lead byte,
// a cut sequence, an overlong form, a surrogate), of every length up to
// past the blocks' limit of 255 bytes, at every offset in a text with and
// without bytes after them.
TEST(Oracles, MeasureLineMixedBlocksMatchReference) {
  const std::vector<std::string> han = {"中", "国", "的", "一", "人", "民", "日", "报", "记", "者", "㐀", "〇"};
  const std::vector<std::string> marks = {"，", "。", "、", "；", "：", "“", "”", "（", "）", "《", "》", "！",
                                          "？", "…", "—", "·", "①", "％", "１", "’"};
  const std::vector<std::string> others = {" ", "\t", "\x01", "\x7F", "\u3000", "\u200B", "é", "\U0001F600", "\x80",
                                           "\xBF", "\xE4", "\xE4\xB8", "\xE0\x80\x81", "\xED\xA0\x80", "\xC3", "\xF0\x9F"};
  std::mt19937 rng(1919);
  std::uniform_int_distribution<int> roll(0, 99);
  for (int round = 0; round < 30000; ++round) {
    const int length = roll(rng) * 110 / 100;
    const int ascii_rate = std::vector<int>{3, 10, 30, 60}[static_cast<std::size_t>(round % 4)];
    const int other_rate = round % 3 == 0 ? 1 : 0;  // in 100: most lines have none
    const std::string line =
        random_line(rng, roll, length, {han, marks, others, other_rate, ascii_rate, 85, 97, "1"});
    const std::size_t offset = static_cast<std::size_t>(round % 37);
    const std::string before(offset, 'x');
    const std::string after = round % 5 == 0 ? "" : (round % 5 == 1 ? "\n后" : "\n后面还有一行文字，足够长。后面还有一行文字。");
    const std::string t = before + line + after;
    expect_measure_matches(t, offset, offset + line.size());
    if (::testing::Test::HasFatalFailure()) return;
  }
}

// Every byte at each place of a mixed line's blocks that they read apart:
// first, second, at the edges of the eight-byte groups and of a block, in
// the last part block, last on the line and before the last (where marks
// may hang and the sentence may end); and every printable ASCII character
// and every three-byte character in the middle and at the end of a line
// with ASCII in it (the blocks' table read at every code point).
TEST(Oracles, MeasureLineMixedBlocksMatchReferenceOnEveryByteAndCharacter) {
  const std::string tail = "\n后面还有一行文字，足够长。后面还有一行文字。";
  const std::string base = "中国2024年GDP增长5.2%，人民日报记者Li报道。新华社北京3月5日电（记者张三）";
  for (int byte = 1; byte <= 0xFF; ++byte) {
    for (const std::size_t at : {0, 1, 2, 3, 7, 8, 9, 15, 16, 23, 24, 29, 30, 31, 32, 33, 34, 40, 63, 64}) {
      for (const std::size_t length : {at + 1, at + 2, at + 3, at + 6, std::size_t{base.size()}}) {
        if (at >= length || length > base.size()) continue;
        std::string line = base.substr(0, length);
        line[at] = static_cast<char>(byte);
        expect_measure_matches(line + tail, 0, line.size());
        if (::testing::Test::HasFatalFailure()) return;
      }
    }
  }
  for (char32_t cp = 0x21; cp <= 0xFFFF; ++cp) {
    if ((cp >= 0x7F && cp < 0x800) || (cp >= 0xD800 && cp <= 0xDFFF)) continue;
    std::string c;
    huozi::text::append_utf8(c, cp);
    for (const char* around : {"a", "人1", "第3版"}) {
      for (const std::string& l : {around + c, around + c + "，", "12" + c + "民" + around, c + "年" + around + c}) {
        expect_measure_matches(l + tail, 0, l.size());
        if (::testing::Test::HasFatalFailure()) return;
      }
    }
  }
}

#if defined(__unix__)
// A text placed so that it ends where readable memory ends: the page after
// it is mapped unreadable, so a byte read past the text faults (in every
// build, not only under AddressSanitizer, whose heap strings have room
// past their size).
class TextAtMemoryEnd {
 public:
  TextAtMemoryEnd() {
    page_ = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    span_ = 4 * page_;
    void* m = mmap(nullptr, span_ + page_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    base_ = m == MAP_FAILED ? nullptr : static_cast<char*>(m);
    if (base_ != nullptr && mprotect(base_ + span_, page_, PROT_NONE) != 0) {
      munmap(base_, span_ + page_);
      base_ = nullptr;
    }
  }
  ~TextAtMemoryEnd() {
    if (base_ != nullptr) munmap(base_, span_ + page_);
  }
  TextAtMemoryEnd(const TextAtMemoryEnd&) = delete;
  TextAtMemoryEnd& operator=(const TextAtMemoryEnd&) = delete;
  bool ok() const { return base_ != nullptr; }
  // t copied to end at the unreadable page (t shorter than 4 pages).
  std::string_view place(const std::string& t) {
    char* at = base_ + span_ - t.size();
    std::memcpy(at, t.data(), t.size());
    return {at, t.size()};
  }

 private:
  std::size_t page_ = 0, span_ = 0;
  char* base_ = nullptr;
};

// measure_line() on [b, e) of a text that ends where memory ends, against
// its reference, with and without its AVX2 blocks.
void expect_measure_matches_at_memory_end(TextAtMemoryEnd& memory, const std::string& text, std::size_t b,
                                          std::size_t e) {
  const std::string_view t = memory.place(text);
  const auto want = huozi::repair::reference::measure_line(t, b, e);
  ASSERT_EQ(huozi::repair::measure_line(t, b, e), want) << "line: " << text.substr(b, e - b) << " text: " << text;
  huozi::repair::detail::set_avx2_paths(false);
  const auto plain = huozi::repair::measure_line(t, b, e);
  huozi::repair::detail::set_avx2_paths(true);
  ASSERT_EQ(plain, want) << "line (no AVX2): " << text.substr(b, e - b) << " text: " << text;
}

// The blocks read past a line's end only where the text goes on that far
// (31 bytes for ASCII among three-byte characters, 25 for three-byte
// characters only) and sum a line's widths in bytes (255 at most): lines of
// every length up to 70 bytes, around 96, 128 and 255 and past them (up to
// 400 bytes of ASCII, whose width would not fit a byte), each with its
// three-byte characters at each of the three places across a 32-byte edge,
// starting with two characters of one and three bytes, equal or not (an
// overlong three-byte A after A: the same code point), ending with ASCII,
// a full-width mark or two marks that hang; and the text ending 0 to 40
// bytes after the line, where memory ends (the old tests' texts went on
// far enough, or had room past their size). Then bytes that are no
// character of the blocks' kind (an overlong form, a surrogate, a lone
// continuation byte, DEL, two-byte characters, the ideographic space,
// U+FEFF, U+FFFF) across the edges of the blocks and last on the line.
TEST(Oracles, MeasureLineBlocksReadNothingPastTheText) {
  TextAtMemoryEnd memory;
  ASSERT_TRUE(memory.ok());
  const std::vector<std::string> three = {"中", "国", "人", "民", "，", "、", "（", "）", "％", "１", "〇", "…"};
  const std::vector<std::string> starts = {"Ab", "AA", "中中", "A中", "中A", "中国", "A\xE0\x81\x81"};
  const std::vector<std::string> ends = {"x", "。", "。”", "）", "2"};
  const std::string filler = "\n后面还有一行文字，足够长。ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::vector<std::size_t> lengths;
  for (std::size_t l = 1; l <= 70; ++l) lengths.push_back(l);
  for (const std::size_t l : {94, 95, 96, 97, 98, 126, 127, 128, 129, 130, 160, 192, 224, 250, 251, 252, 253, 254, 255,
                              256, 257, 258, 259, 260, 288, 300, 384, 400})
    lengths.push_back(l);
  std::mt19937 rng(2019);
  std::uniform_int_distribution<int> roll(0, 99);
  // A line of exactly `length` bytes: `first`, then ASCII (at `ascii_rate`
  // in 100, `shift` of it first) among three-byte characters, then `last`.
  auto make_line = [&](std::size_t length, const std::string& first, const std::string& last, std::size_t shift,
                       int ascii_rate) {
    std::string line = first + std::string(shift, 'a');
    while (line.size() + last.size() < length) {
      const std::size_t room = length - last.size() - line.size();
      if (room >= 3 && roll(rng) >= ascii_rate) line += three[static_cast<std::size_t>(roll(rng)) % three.size()];
      else line += static_cast<char>('!' + roll(rng) * 94 / 100);
    }
    line += last;
    return line.size() == length ? line : std::string();
  };
  for (const std::size_t length : lengths)
    for (std::size_t shift = 0; shift < 3; ++shift)
      for (const std::string& first : starts)
        for (const std::string& last : ends) {
          const int ascii_rate = length >= 256 && shift == 2 ? 100 : static_cast<int>(10 + 30 * shift);
          const std::string line = make_line(length, first, last, shift, ascii_rate);
          if (line.empty()) continue;
          for (const std::size_t after : {0, 1, 2, 3, 23, 24, 25, 26, 29, 30, 31, 32, 33, 40}) {
            const std::string t = line + filler.substr(0, after);
            expect_measure_matches_at_memory_end(memory, t, 0, line.size());
            if (::testing::Test::HasFatalFailure()) return;
          }
        }
  const std::vector<std::string> odd = {"\xE0\x81\x81", "\xE0\x80\x80", "\xED\xA0\x80", "\xED\xBF\xBF", "\x80",
                                        "\xBF",         "\x7F",         "\xC2\xA0",     "\xE3\x80\x80", "\xEF\xBB\xBF",
                                        "\xEF\xBF\xBF", "\xE4",         "\xE4\xB8",     "\xF0\x9F\x98\x80"};
  for (const std::size_t length : {40, 64, 65, 96, 255})
    for (std::size_t at = 0; at < length; ++at) {
      const bool edge = at % 32 >= 28 || at % 32 <= 3 || at + 4 >= length;
      if (!edge) continue;
      const std::string base = make_line(length, "A中", "。", at % 3, 30);
      ASSERT_FALSE(base.empty());
      for (const std::string& o : odd) {
        if (at + o.size() > length) continue;
        std::string line = base;
        line.replace(at, o.size(), o);
        for (const std::size_t after : {0, 32, 33}) {
          const std::string t = line + filler.substr(0, after);
          expect_measure_matches_at_memory_end(memory, t, 0, line.size());
          if (::testing::Test::HasFatalFailure()) return;
        }
      }
    }
}
#endif

// A line's glued tail (…答卷。 通讯员 张巍) is found walking back from its
// end, three-byte characters and ASCII read at once, the rest as
// text::decode_before reads it: lines of a sentence, a gap and a random
// tail of Han, 、, ASCII, spaces, two- and four-byte characters and bytes
// that are no valid character (an overlong three-byte form, a surrogate, a
// cut sequence, a lone continuation or lead byte), against the reference
// (which walks with decode_before itself).
TEST(Oracles, MeasureLineGluedTailWalkMatchesReference) {
  const std::vector<std::string> tail = {"通", "讯", "员", "张", "巍", "、", "a", "7", " ", "\u3000", "·", "”", "）",
                                         "é", "\U0001F600", "\xE0\x80\xAF", "\xE0\x9F\xBF", "\xED\xA0\x80", "\x80",
                                         "\xBF\xBF", "\xE4\xB8", "\xE4", "\xF0\x9F\x98", "\xC3"};
  const std::vector<std::string> heads = {"", "答卷。", "休假。”", "（图①）", "他说", "3.5%"};
  std::mt19937 rng(1415);
  std::uniform_int_distribution<int> roll(0, 99);
  for (int round = 0; round < 30000; ++round) {
    std::string line = heads[static_cast<std::size_t>(roll(rng)) % heads.size()];
    line += roll(rng) < 80 ? " " : "\u3000";
    const int length = roll(rng) % 14;
    for (int k = 0; k < length; ++k) {
      const int r = roll(rng);
      line += tail[static_cast<std::size_t>(r < 60 ? roll(rng) % 6 : roll(rng)) % tail.size()];
    }
    const std::size_t offset = static_cast<std::size_t>(round % 5);
    const std::string t = std::string(offset, 'x') + line + (round % 2 ? "\n后面还有一行文字，足够长。后面还有一行文字。" : "");
    expect_measure_matches(t, offset, offset + line.size());
    if (::testing::Test::HasFatalFailure()) return;
  }
}

// scan_lines() with AVX2 (line ends looked for 32 bytes at a time, lines
// measured by blocks) against its plain path and its reference: random
// pages with every kind of line end (\n, \r\n, \r, \f) at every offset,
// long runs without one, and text ending with or without one.
TEST(Oracles, ScanLinesMatchesReferencePaths) {
  std::mt19937 rng(41);
  std::uniform_int_distribution<int> roll(0, 99);
  for (int round = 0; round < 3000; ++round) {
    std::string page;
    const int pieces = roll(rng);
    for (int k = 0; k < pieces; ++k) page += random_text(rng, roll(rng) < 10 ? 120 : 30, roll(rng) < 50);
    const auto fast = huozi::repair::scan_lines(page);
    huozi::repair::detail::set_avx2_paths(false);
    const auto plain = huozi::repair::scan_lines(page);
    huozi::repair::detail::set_avx2_paths(true);
    huozi::repair::detail::set_reference_paths(true);
    const auto reference = huozi::repair::scan_lines(page);
    huozi::repair::detail::set_reference_paths(false);
    ASSERT_EQ(fast, reference) << "page: " << page;
    ASSERT_EQ(plain, reference) << "page: " << page;
  }
}

TEST(Oracles, RoleSplitBetweenMatchesPlainVersion) {
  // Lines cut inside role words and elsewhere: role words and their pieces
  // (slashes among them), names, spaces (ASCII and U+3000), markers, a
  // four-byte character and a stray continuation byte at the end.
  const std::vector<std::string> bits = {
      "本报特约记者", "新华社记者", "本报", "本", "新华", "新", "特约", "见习", "见", "實", "實習", "通", "通讯", "通訊",
      "讯员", "员", "记", "记者", "者", "文", "文/", "文／", "/", "／", "图", "图/", "圖", "撰", "编", "編", "摄", "攝影",
      "首席", "王", "交", "市", " ", "　", "■", "●", "·", "😀", "\x80", "a", "，", "1"};
  std::mt19937 rng(2121);
  std::uniform_int_distribution<int> roll(0, 99);
  for (int round = 0; round < 200000; ++round) {
    std::string above, below;
    const int n = roll(rng) % 6, m = roll(rng) % 5;
    for (int k = 0; k < n; ++k) above += bits[rng() % bits.size()];
    for (int k = 0; k < m; ++k) below += bits[rng() % bits.size()];
    ASSERT_EQ(huozi::segment::role_split_between(above, below),
              huozi::segment::reference::role_split_between(above, below))
        << "above: " << above << " below: " << below;
  }
}

TEST(Oracles, ParseBylineMatchesPlainVersion) {
  // Strings made of byline pieces: role words whole and cut, name
  // characters (some that no name has), separators, markers, brackets and
  // report words, so that most of them are near-bylines.
  const std::vector<std::string> bits = {
      "本报特约记者", "新华社记者", "本报通讯员", "本报实习生", "本报记者", "特约记者", "见习记者", "实习记者",
      "摄影记者", "首席记者", "本報記者", "通讯员", "通訊員", "实习生", "文/图", "文／图", "图/文", "記者", "记者",
      "摄影", "撰文", "编辑", "摄", "攝", "本报", "新华", "记", "者", "通讯", "王", "五", "侯", "宪", "锋", "张", "巍",
      "李", "明", "陈", "大", "文", "的", "在", "到", "政", "府", "日", "前", "·", "・", " ", "　", "、", "，", "■",
      "●", "【", "】", "（", "）", "(", ")", "[", "]", "报道", "報導", "／", "/", "台北", "1", "a", "。"};
  std::mt19937 rng(515);
  std::uniform_int_distribution<int> roll(0, 99);
  for (int round = 0; round < 200000; ++round) {
    std::string t;
    const int n = roll(rng) % 12;
    for (int k = 0; k < n; ++k) t += bits[rng() % bits.size()];
    const auto fast = huozi::segment::parse_byline(t);
    const auto slow = huozi::segment::reference::parse_byline(t);
    ASSERT_EQ(fast.has_value(), slow.has_value()) << t;
    // parse_byline_names: the same names as roles and offsets, appended
    // after what the list held (and nothing appended for no byline).
    std::vector<huozi::segment::BylineNameAt> at(round % 3, {"记者", 1, 2});
    const std::size_t before = at.size();
    ASSERT_EQ(huozi::segment::parse_byline_names(t, at), slow.has_value()) << t;
    ASSERT_EQ(at.size() - before, slow ? slow->names.size() : 0) << t;
    if (!fast) continue;
    ASSERT_EQ(fast->begin, slow->begin) << t;
    ASSERT_EQ(fast->names.size(), slow->names.size()) << t;
    for (std::size_t k = 0; k < fast->names.size(); ++k) {
      const auto &x = fast->names[k], &y = slow->names[k];
      ASSERT_TRUE(x.role == y.role && x.name == y.name && x.begin == y.begin && x.end == y.end) << t;
      const auto& z = at[before + k];
      ASSERT_TRUE(z.role == y.role && t.substr(z.begin, z.end - z.begin) == y.name && z.begin == y.begin &&
                  z.end == y.end)
          << t;
    }
  }
}

// Whole repair results, every field, with the fast paths and with their
// reference versions.
void expect_same_repair(const huozi::repair::RepairResult& a, const huozi::repair::RepairResult& b,
                        const std::string& page) {
  ASSERT_EQ(a.lines.size(), b.lines.size()) << page;
  for (std::size_t i = 0; i < a.lines.size(); ++i) ASSERT_EQ(a.lines[i], b.lines[i]) << "line " << i << " of " << page;
  ASSERT_EQ(a.decisions.size(), b.decisions.size()) << page;
  for (std::size_t i = 0; i < a.decisions.size(); ++i) {
    const auto &x = a.decisions[i], &y = b.decisions[i];
    ASSERT_TRUE(x.line == y.line && x.next_line == y.next_line && x.kind == y.kind && x.reason == y.reason &&
                x.column_width == y.column_width && x.next_column_width == y.next_column_width)
        << "decision " << i << " of " << page;
  }
  ASSERT_EQ(a.units.size(), b.units.size()) << page;
  for (std::size_t i = 0; i < a.units.size(); ++i) {
    const auto &x = a.units[i], &y = b.units[i];
    ASSERT_EQ(x.text.text(), y.text.text()) << page;
    ASSERT_EQ(x.text.anchors().size(), y.text.anchors().size()) << page;
    for (std::size_t k = 0; k < x.text.anchors().size(); ++k) {
      const auto &p = x.text.anchors()[k], &q = y.text.anchors()[k];
      ASSERT_TRUE(p.out == q.out && p.src == q.src && p.synthetic == q.synthetic) << page;
    }
    ASSERT_TRUE(x.span == y.span && x.shape == y.shape && x.break_before == y.break_before &&
                x.first_line == y.first_line && x.last_line == y.last_line && x.column_width == y.column_width)
        << "unit " << i << " of " << page;
  }
  ASSERT_EQ(a.removals.size(), b.removals.size()) << page;
  for (std::size_t i = 0; i < a.removals.size(); ++i)
    ASSERT_TRUE(a.removals[i].text == b.removals[i].text && a.removals[i].span == b.removals[i].span &&
                std::string(a.removals[i].reason) == b.removals[i].reason)
        << page;
  ASSERT_EQ(a.fullwidth_mapped, b.fullwidth_mapped);
  ASSERT_EQ(a.squeeze, b.squeeze);
}

void check_repair_paths(const std::string& page, bool fullwidth_ascii) {
  huozi::repair::RepairOptions o;
  o.fullwidth_ascii = fullwidth_ascii;
  const auto fast = huozi::repair::repair_page(page, o);
  huozi::repair::detail::set_reference_paths(true);
  const auto slow = huozi::repair::repair_page(page, o);
  huozi::repair::detail::set_reference_paths(false);
  expect_same_repair(fast, slow, page);
  // The SSE2 versions of the passes that have an AVX2 one (the processor
  // running the tests decides which one `fast` took).
  huozi::repair::detail::set_avx2_paths(false);
  const auto sse2 = huozi::repair::repair_page(page, o);
  huozi::repair::detail::set_avx2_paths(true);
  expect_same_repair(fast, sse2, page);
}

TEST(Oracles, RepairMatchesReferencePaths) {
  // Pages of random lines, some of them wrapped text of one width (so that
  // columns are found and the width pass has candidates to choose from).
  std::mt19937 rng(99);
  std::uniform_int_distribution<int> roll(0, 99);
  for (int round = 0; round < 3000; ++round) {
    std::string page;
    const int lines = roll(rng) % 60;
    const std::size_t column = 8 + static_cast<std::size_t>(roll(rng) % 30);
    for (int l = 0; l < lines; ++l) {
      const int kind = roll(rng);
      if (kind < 50) {  // a wrapped line of the column: Han and punctuation
        std::string line = random_text(rng, column, false, true);
        page += line;
      } else if (kind < 60) {
        page += "";  // a blank line
      } else {
        page += random_text(rng, 30, true, true);
      }
      page += "\n";
    }
    check_repair_paths(page, round % 3 == 0);
    if (::testing::Test::HasFatalFailure()) return;
  }
  const std::string sample = huozi::test_util::read_file(HUOZI_SAMPLE_PAGE);
  check_repair_paths(sample, false);
  check_repair_paths(sample, true);
  // The golden pages (every family, real extractions, GB18030 and Big5):
  // the random pages above seldom give the width pass more than 16
  // candidates, these do.
  const auto golden = std::filesystem::path(HUOZI_TEST_DATA_DIR) / ".." / "golden" / "pages";
  std::size_t pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(golden)) {
    if (entry.path().extension() != ".txt") continue;
    auto decoded = huozi::text::decode_page(huozi::test_util::read_file(entry.path().string()));
    ASSERT_TRUE(decoded.ok()) << entry.path();
    SCOPED_TRACE(entry.path().string());
    check_repair_paths(decoded.value().text, false);
    if (::testing::Test::HasFatalFailure()) return;
    ++pages;
  }
  EXPECT_GE(pages, 10u);
}

// The roles a line's words decide (a clause with a comma, told as running
// text without the role tests) with the fast paths and with their reference
// versions: lines without a sentence mark near each role test's edge (第,
// editor credits, brackets, dashes, 【, digits in short lines, faux bold,
// bylines, page labels, mastheads, a symbol among the Han characters (䷀),
// an article's end mark), with and without a comma or semicolon.
TEST(Oracles, RepairLineRolesMatchReferencePaths) {
  const std::vector<std::string> openers = {"第", "责任编辑：", "本报记者", "校对", "图为", "（", "(", "——", "─",
                                            "【", "记者 ", "王", "中", "１", "7", "坚坚持持", "■", "一", "鿿", "㐀",
                                            "", " ", "通讯员 ", "䷀", "新"};
  const std::vector<std::string> pieces = {"中", "国", "人", "民", "警", "察", "张", "巍", "，", "；", "、", "：",
                                           "1", "２", "版", "版）", "转", "年", "报", "星期", " ", "A", "——", "）",
                                           "】", "摄", "报道", "。", "（完）", "週", "報導", "攝", "䷀"};
  std::mt19937 rng(2020);
  std::uniform_int_distribution<int> roll(0, 99);
  for (int round = 0; round < 1500; ++round) {
    std::string page;
    const int lines = 1 + roll(rng) % 30;
    for (int l = 0; l < lines; ++l) {
      std::string line = openers[rng() % openers.size()];
      const int n = roll(rng) % 36;
      for (int k = 0; k < n; ++k) {
        const std::string& piece = pieces[rng() % pieces.size()];
        // (Sentence marks seldom: the lines asked about have none.)
        if (piece == "。" && roll(rng) < 90) continue;
        line += piece;
      }
      page += line + "\n";
    }
    check_repair_paths(page, false);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(Oracles, TitleEvidenceMatchesTextByText) {
  // Title groups of 1 to 12 lines (cuts weighed up to 8), lines short or
  // empty, Han-heavy so that bigrams repeat across lines and across the
  // cut, against bodies of a few texts (a lead of 64 bigrams or fewer).
  std::mt19937 rng(4242);
  std::uniform_int_distribution<int> roll(0, 99);
  // A small alphabet too, so that titles and leads share many bigrams.
  const std::vector<std::string> few = {"中", "国", "人", "民", "警", "察", "，", " ", "1"};
  auto line = [&](std::size_t max_chars) {
    if (roll(rng) < 50) return random_text(rng, max_chars, false, true);
    std::string t;
    const int n = roll(rng) % static_cast<int>(max_chars + 1);
    for (int k = 0; k < n; ++k) t += few[rng() % few.size()];
    return t;
  };
  for (int round = 0; round < 20000; ++round) {
    std::vector<std::string> title(static_cast<std::size_t>(1 + roll(rng) % 12)), before, after;
    for (auto& t : title) t = line(roll(rng) < 10 ? 0 : 14);
    for (int k = roll(rng) % 4; k > 0; --k) before.push_back(line(80));
    for (int k = roll(rng) % 4; k > 0; --k) after.push_back(line(80));
    auto views = [](const std::vector<std::string>& v) { return std::vector<std::string_view>(v.begin(), v.end()); };
    const auto fast = huozi::segment::detail::title_evidence(views(title), views(before), views(after));
    const auto slow = huozi::segment::reference::title_evidence(views(title), views(before), views(after));
    std::string context;
    for (const auto& t : title) context += t + " / ";
    ASSERT_TRUE(fast == slow) << context << fast.before << " " << slow.before << " " << fast.after << " " << slow.after;
  }
}

// Whole segmentation results, every field, with the fast paths and with
// their reference versions.
std::string describe(const huozi::Page& p) {
  std::string o;
  auto span = [&](huozi::Span s) { o += "[" + std::to_string(s.start) + "," + std::to_string(s.end) + ")"; };
  auto st = [&](const char* name, const std::optional<huozi::SpannedText>& t) {
    if (!t) return;
    o += std::string(name) + "|" + t->text + "|";
    span(t->span);
    o += "\n";
  };
  for (const auto& a : p.articles) {
    o += "A" + std::to_string(a.index);
    span(a.span);
    o += "\n";
    st("kicker", a.kicker);
    st("title", a.title);
    st("subtitle", a.subtitle);
    for (const auto& au : a.authors) { o += "au|" + au.role + "|" + au.name; span(au.span); o += "\n"; }
    for (const auto& b : a.blocks) {
      o += std::string("B ") + huozi::block_kind_name(b.kind) + "|" + b.text + "|";
      span(b.span);
      for (auto x : b.sentences) span(x);
      o += "\n";
    }
    for (const auto& c : a.credits) { o += "C" + std::to_string(static_cast<int>(c.kind)) + "|" + c.text + "|"; span(c.span); o += "\n"; }
    for (const auto& f : a.fields) { o += "F|" + f.text + "|" + f.value.string; span(f.span); o += "\n"; }
  }
  for (const auto& d : p.debris) { o += "X|" + d.text + "|" + d.reason; span(d.span); o += "\n"; }
  return o;
}

void check_segment_paths(const std::string& text) {
  const auto repaired = huozi::repair::repair_page(text);
  huozi::Page fast, slow;
  fast.text = slow.text = text;
  huozi::segment::segment_page(repaired, fast);
  huozi::segment::detail::set_reference_paths(true);
  huozi::segment::segment_page(repaired, slow);
  huozi::segment::detail::set_reference_paths(false);
  ASSERT_EQ(describe(fast), describe(slow)) << text;
  // The rvalue overload (blocks take the units' texts, the pipeline without
  // fields) gives the same articles.
  huozi::Page taken;
  taken.text = text;
  huozi::segment::segment_page(huozi::repair::repair_page(text), taken);
  ASSERT_EQ(describe(fast), describe(taken)) << text;
}

// Repair takes each body unit's own width (RepairedUnit::own_width) from
// the chain of lines it builds the unit of; segmentation measured it from
// the unit's source map, and still does where repair leaves it (own_lines
// -1). The two agree on every unit repair took it for: pages of paragraphs
// hard-wrapped at one width or another, indented or not, with headings,
// bylines, blank lines and narrower columns between them.
TEST(Oracles, RepairOwnWidthMatchesSourceMapWalk) {
  const std::vector<std::string> extra = {"国家统计局局长朱之鑫宣布", "记者 王五", "——副题在这里", "①①", "13 综合"};
  std::mt19937 rng(1913);
  std::uniform_int_distribution<int> roll(0, 99);
  std::size_t measured = 0;  // units repair took a width of more than 0 for
  std::size_t mapped = 0;  // body units of three lines or more with full-width ASCII mapped
  auto check = [&](const std::string& page, bool invented) {
    // (Full-width ASCII mapped: the source map holds no anchor of its own
    // for a mapped character, only the one it was mapped at.)
    for (const bool fullwidth_ascii : {false, true})
      for (const auto mode : {huozi::repair::Deinterleave::kAuto, huozi::repair::Deinterleave::kOn}) {
        huozi::repair::RepairOptions options;
        options.deinterleave = mode;
        options.fullwidth_ascii = fullwidth_ascii;
        const auto repaired = huozi::repair::repair_page(page, options);
        for (const auto& u : repaired.units) {
          // (Invented pages hold no ASCII letter but those mapped.)
          mapped += invented && fullwidth_ascii && u.shape == huozi::repair::UnitShape::kBody &&
                    u.last_line >= u.first_line + 2 && u.text.view().find_first_of("AB") != std::string_view::npos;
          if (u.own_lines < 0) continue;
          const auto walked = huozi::segment::detail::own_width(repaired, u);
          ASSERT_EQ(walked, (std::pair<int, int>{u.own_width, u.own_lines})) << page;
          measured += u.own_width > 0;
        }
      }
  };
  for (int round = 0; round < 300; ++round) {
    std::string page;
    const int paragraphs = 1 + roll(rng) % 8;
    int width = 12 + roll(rng) % 14;  // characters a line
    for (int p = 0; p < paragraphs; ++p) {
      if (roll(rng) < 20) width = 12 + roll(rng) % 14;  // another column
      if (roll(rng) < 25) page += extra[static_cast<std::size_t>(roll(rng)) % extra.size()] + "\n";
      // A paragraph: Han characters with a clause or sentence mark now and
      // then, ending in a sentence end, wrapped every `width` characters
      // (its first line indented two, or not).
      const int chars = 10 + roll(rng) % 200;
      const bool indent = roll(rng) < 50;
      // Now and then a line of the paragraph all full-width Latin letters
      // and digits (a name or a code set in full-width characters).
      const int fullwidth_line = roll(rng) < 25 ? roll(rng) % 4 : -1;
      std::string line = indent ? "\u3000\u3000" : "";
      int in_line = indent ? 2 : 0, line_no = 0;
      for (int k = 0; k < chars; ++k) {
        const int r = roll(rng);
        line += k + 1 == chars        ? "。"
                : line_no == fullwidth_line ? (r < 50 ? "Ａ" : r < 75 ? "Ｂ" : "１")
                : r < 6               ? "，"
                : r < 9               ? "。"
                : r < 10              ? "、"
                : r < 55              ? "中"
                                      : "国";
        if (++in_line == width) {
          page += line + "\n";
          line.clear();
          in_line = 0;
          ++line_no;
        }
      }
      if (!line.empty()) page += line + "\n";
      if (roll(rng) < 20) page += "\n";
    }
    check(page, true);
    if (::testing::Test::HasFatalFailure()) return;
  }
  check(huozi::test_util::read_file(HUOZI_SAMPLE_PAGE), false);
  // And the repair cases' pages: columns read row by row, headlines sharing
  // a baseline (split lines), glued and wrapped bylines, intrusions, moved
  // text, letter-spaced and doubled lines, text stretched down a column.
  std::istringstream cases(huozi::test_util::read_file(huozi::test_util::data_path("repair/cases.jsonl")));
  for (std::string line; std::getline(cases, line);) {
    if (line.empty()) continue;
    check(huozi::test_util::parse_json(line).get("text")->string, false);
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_GT(measured, 100u);  // (the pages do hold paragraphs of three lines and more)
  EXPECT_GT(mapped, 100u);  // (and body units with full-width ASCII mapped)
}

TEST(Oracles, SegmentMatchesReferencePaths) {
  // Pages of headline-like short lines, bylines, captions and paragraphs in
  // random order, so that title groups fall before, after and between
  // bodies.
  const std::vector<std::string> lines = {
      "斯光路计局局长声之石宣布", "浑源县特警支队", "记者 王五", "通讯员 侯宪锋 张巍", "本报记者 李明",
      "图为新建的学校。", "——副题在这里", "（下转第2版）", "①①", "13 综合",
      "本报费乐12月31日电 斯光路计局局长声之石宣布，可年夫斯斯云德无出白界要转而，德无春长玉志。",
      "呼武前行的中斯德无色福罗油维了报火的青好。斯光路计局局长宣布，全斯斯尼生远神值为8.9万多亿雪！",
      "物情说阿病不得论哈物情的不赛永塔、非证球和装黄爱器；在率法上，兰河阿飞土音田族，还要河剧。",
      "奖思在树门的红宝语官富，率一庆《纳眼精之喜》，选接新雨汉的来养。（记者 普十）",
      "食以和血都是存师群视的首要原功？红流女端的复修是昌合斯有洋流桥……",
  };
  std::mt19937 rng(2024);
  std::uniform_int_distribution<std::size_t> pick(0, lines.size() - 1);
  std::uniform_int_distribution<int> roll(0, 99);
  for (int round = 0; round < 2000; ++round) {
    std::string page;
    const int n = roll(rng) % 40;
    for (int l = 0; l < n; ++l) {
      page += roll(rng) < 15 ? random_text(rng, 20, false, true) : lines[pick(rng)];
      page += roll(rng) < 30 ? "\n\n" : "\n";
    }
    check_segment_paths(page);
    if (::testing::Test::HasFatalFailure()) return;
  }
  check_segment_paths(huozi::test_util::read_file(HUOZI_SAMPLE_PAGE));
}

}  // namespace

// The blocks tell a line that may be faux bold by its first two characters
// as code points, as the plain path does: a second "character" of invalid
// bytes that decode to the first one's code point (E4 38 2D after 中, whose
// bytes are E4 B8 AD) sends the line to the plain path on both, which
// reads a doubled headline in it.
TEST(Oracles, MeasureLineBlocksTellFauxBoldByCodePoint) {
  const std::string line = "中\xE4\x38\x2D国国家家人人民民代代表表大大会会";
  const std::string t = line + "\n后面还有一行文字，足够长。后面还有一行文字。";
  expect_measure_matches(t, 0, line.size());
}

// may_open_dateline() tells a text's first character by its bytes: on every
// character (each BMP one but the surrogates, and a few supplementary ones)
// alone and before more text, the same answer as the decoded character's.
TEST(Oracles, MayOpenDatelineMatchesDecodedFirstCharacter) {
  auto decoded = [](const std::string& s) {
    if (s.empty()) return false;
    const char32_t first = huozi::text::decode_at(s, 0).cp;
    return first == U'【' || first == U'本' || first == U'新' || first == U'中' || first == U'据' ||
           first == U'據' || first == U'〔' || first == U'（' || first == U'(';
  };
  std::vector<char32_t> cps;
  for (char32_t c = 1; c < 0x10000; ++c)
    if (c < 0xD800 || c > 0xDFFF) cps.push_back(c);
  for (char32_t c : {U'\U00010000', U'\U00020000', U'\U0001F600'}) cps.push_back(c);
  EXPECT_FALSE(huozi::segment::may_open_dateline(""));
  for (const char32_t c : cps) {
    std::string s;
    huozi::text::append_utf8(s, c);
    for (const std::string& t : {s, s + "报讯", s + "a"})
      ASSERT_EQ(huozi::segment::may_open_dateline(t), decoded(t)) << std::hex << static_cast<std::uint32_t>(c);
  }
}
