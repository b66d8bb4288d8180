#include "huozi/repair/line.hpp"

#include <algorithm>

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// AVX2 where the compiler can target it for one function and ask the
// processor at run time (GCC and Clang on x86-64): measure_line takes lines
// of three-byte characters eight at a time, lines with ASCII among them 32
// bytes at a time.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HUOZI_LINE_AVX2 1
#include <immintrin.h>
#else
#define HUOZI_LINE_AVX2 0
#endif

#include "huozi/segment/byline.hpp"
#include "huozi/text/cpu.hpp"
#include "huozi/text/chars.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi::repair {
namespace {

using text::char_flags;
using text::decode_at;

// ends_sentence() from the end of the content back (below).
[[gnu::noinline]] bool ends_sentence_walk(std::string_view s, std::size_t b, std::size_t e);

// Does the content [b, e) end a sentence? Trailing closers (”」）) are
// skipped, and so is a trailing bracketed caption marker such as （图①）.
// (Inlined into every caller: the walk is a call only when the first test
// does not answer.)
[[gnu::always_inline]] inline bool ends_sentence(std::string_view s, std::size_t b, std::size_t e) {
  // Most lines end with a three-byte character that is a sentence end or
  // neither a sentence end nor a closer (a Han character, a comma): that
  // answers at once. The test is exactly the first step of the walk.
  if (e > b && e >= 3) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + e - 3;
    if (p[0] >= 0xE0 && p[0] <= 0xEF && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      const char32_t cp = static_cast<char32_t>((p[0] & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F));
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        const auto f = char_flags(cp);
        if (cp != 0xFF09 && !(f & (text::kSentenceEnd | text::kClosing))) return false;
        // A line that ends on its sentence mark (。！？, most paragraphs'
        // last lines): the walk's first step would say so too.
        if (f & text::kSentenceEnd) return true;
      }
    }
  }
  return ends_sentence_walk(s, b, e);
}

bool ends_sentence_walk(std::string_view s, std::size_t b, std::size_t e) {
  int depth = 0;
  std::size_t i = e;
  while (i > b) {
    text::DecodedChar d = text::decode_before(s, i);
    i -= d.len;
    const auto f = char_flags(d.cp);
    if (depth > 0) {
      if (f & text::kClosing) ++depth;
      else if (f & text::kOpening) --depth;
      continue;
    }
    if (f & text::kSentenceEnd) return true;
    if (d.cp == 0xFF09 || d.cp == ')') {  // ） or ): maybe a caption marker
      // An article's end mark, （完） or （全文完）, ends its sentence (and its
      // article) even on a line of its own, after a sentence of the line
      // above: the text after it is another paragraph, never its run-on.
      // (Not one quoted in running text, …好消息（完）。”: only a mark alone
      // or after a sentence or a bracket.)
      if (closes_with_end_mark(s.substr(b, i + d.len - b))) return true;
      // Only skip a bracketed group when something ends a sentence before it.
      depth = 1;
      continue;
    }
    if (f & text::kClosing) continue;  // ” 」 』 ’ …
    // A letter-spaced line puts its gaps between a full stop and its closer
    // too (规 定 。 ”).
    if ((f & text::kSpace) && i > b) continue;
    return false;
  }
  return false;
}

// A gap inside a line (a run of spaces between two characters) as the line
// scan saw it: where it is, the flags of the characters on either side, and
// what came before it.
struct GapAt {
  std::size_t start = 0, end = 0;  // the spaces' bytes
  std::uint32_t chars_before = 0;
  std::uint16_t prev_flags = 0, next_flags = 0;
  bool punct_before = false, digit_before = false;  // clause or sentence marks, digits
  char32_t next_cp = 0;  // the character after the gap
};

// A headline and a body line on one baseline: `新建学校三所 为进一步扩大…，我`.
// The gap (the line's only one, or its last of `gaps`: a headline of two
// phrases), Han on both sides, a short unpunctuated prefix without digits,
// and running text after it. Shared by measure_line and its reference.
bool headline_gap(const LineInfo& li, const GapAt& g, std::uint32_t chars, std::uint32_t gaps = 1) {
  if (li.spaces_inside != gaps || !(g.prev_flags & (text::kHan | text::kClosing))) return false;
  // (A bullet after the gap opens an item: 保管资料等工作 ●12月30日，…)
  const bool han_gap = (g.next_flags & (text::kHan | text::kDigit | text::kOpening)) || g.next_cp == U'\u25CF' ||
                       g.next_cp == U'\u25C6' || g.next_cp == U'\u25B2' || g.next_cp == U'\u2605';
  // (Digits in the prefix (菲律宾发生6.6级地震 根据…) only with Han on both
  // sides of the gap: justification puts its spaces next to digits, never
  // between two Han characters.)
  const bool digits_ok = !g.digit_before || ((g.prev_flags & text::kHan) && (g.next_flags & text::kHan));
  return han_gap && !li.letter_spaced && !g.punct_before && digits_ok &&
         g.chars_before >= 2 && g.chars_before <= 24 && chars - g.chars_before >= 6;
  // A gap before a digit is also where justification puts its spaces
  // (`在医院的 1楼`): split_shared_baselines splits such a line after a short
  // prefix only when it sticks out of its column.
}

// Does the content [b, e) end with a photo's marker, （图①）? Inlined: only
// content ending with ） (EF BC 89) or ) is searched (caption_end_search).
[[gnu::noinline]] bool caption_end_search(std::string_view s, std::size_t b, std::size_t e);
[[gnu::always_inline]] inline bool caption_end(std::string_view s, std::size_t b, std::size_t e) {
  if (e <= b || (s[e - 1] != ')' && s[e - 1] != '\x89')) return false;
  return caption_end_search(s, b, e);
}

// Finds a short unpunctuated tail glued after the last sentence of a line
// (`…答卷。 通讯员 侯宪锋 张巍`): returns the byte offset where the tail starts
// and where the kept part ends, or npos. The sentence may have ended on the
// line above, with only its closing marks pushed down to this one
// (`…休假。` / `”   本报记者 孔巍`): a tail after a gap that follows nothing
// but closing marks is glued too. The one mark a tail may hold is the 、 that
// parts a byline's names (`…答卷。 通讯员 侯宪锋、张巍`): such a tail must read
// as a byline.

// text::decode_before() for the walk back over a line's tail: a character
// of three bytes, a valid lead and two continuation bytes (most of a
// line), or an ASCII byte, read at once; anything else as decode_before
// reads it (it gives the same for those two: it stops at the lead, three
// bytes back, or at once at an ASCII byte).
[[gnu::always_inline]] inline text::DecodedChar char_before(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  if (p[-1] < 0x80) return {p[-1], 1, true};
  if (i >= 3 && (p[-3] & 0xF0) == 0xE0 && (p[-2] & 0xC0) == 0x80 && (p[-1] & 0xC0) == 0x80) {
    const auto cp = static_cast<char32_t>((p[-3] & 0x0F) << 12 | (p[-2] & 0x3F) << 6 | (p[-1] & 0x3F));
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3, true};
  }
  return text::decode_before(s, i);
}

// (kReference: with decode_before itself, for the oracle of the tests.)
template <bool kReference>
std::pair<std::size_t, std::size_t> find_glued_tail(std::string_view s, const LineInfo& l) {
  constexpr auto npos = std::string_view::npos;
  constexpr std::uint32_t kMaxTailChars = 24;
  const std::size_t b = l.content.start, e = l.content.end;
  // Walk backwards over the tail: no sentence or clause punctuation allowed
  // (but a 、 between names).
  std::size_t i = e;
  std::uint32_t chars = 0;
  // Since the last space run seen (walking back): the characters after it,
  // and whether all characters before it so far are closing marks (how many).
  std::uint32_t tail_chars = 0;
  std::uint32_t marks_before = 0;
  bool only_marks_before = false;
  std::size_t last_space_start = npos, last_space_end = npos;
  bool in_space = false;
  bool dunhao = false;  // a 、 in the tail so far
  const std::uint16_t* bmp = text::bmp_flags();  // (char_flags() of the BMP, asked once a walk)
  auto glued = [&](std::size_t tail, std::size_t head) -> std::pair<std::size_t, std::size_t> {
    if (dunhao && !segment::parse_byline(s.substr(tail, e - tail))) return {npos, npos};
    return {tail, head};
  };
  while (i > b) {
    const text::DecodedChar d = kReference ? text::decode_before(s, i) : char_before(s, i);
    const std::size_t at = i - d.len;
    const std::uint16_t f = kReference || d.cp >= 0x10000 ? char_flags(d.cp) : bmp[d.cp];
    if ((f & text::kSpace) || d.cp == '\t') {
      if (!in_space) { last_space_end = i; in_space = true; }
      last_space_start = at;
      i = at;
      continue;
    }
    if (in_space) {
      in_space = false;
      // A space run with sentence-ending text before it (or a photo's
      // marker, …（图③）): the tail starts here.
      const bool ends = ends_sentence(s, b, at + d.len) || caption_end(s, b, at + d.len);
      if (ends && chars >= 2 && chars <= kMaxTailChars) return glued(last_space_end, last_space_start);
      tail_chars = chars;
      marks_before = 0;
      only_marks_before = true;
    }
    if (d.cp == 0x3001) dunhao = true;
    else if (f & (text::kSentenceEnd | text::kClausePunct)) return {npos, npos};
    else if ((f & text::kPunct) && !(f & (text::kOpening | text::kClosing)) && d.cp != 0x2022 && d.cp != 0x00B7 &&
             d.cp != '/' && d.cp != 0xFF0F)
      return {npos, npos};
    only_marks_before = only_marks_before && (f & text::kClosing);
    marks_before += (f & text::kClosing) ? 1 : 0;
    ++chars;
    if (chars > kMaxTailChars + 3) return {npos, npos};  // (a tail and up to three marks before it)
    i = at;
  }
  if (only_marks_before && marks_before > 0 && marks_before <= 3 && tail_chars >= 2 && tail_chars <= kMaxTailChars)
    return glued(last_space_end, last_space_start);
  return {npos, npos};
}


bool caption_end_search(std::string_view s, std::size_t b, std::size_t e) {
  return ends_with_photo_marker(s.substr(b, e - b));
}

}  // namespace

bool closes_with_end_mark(std::string_view t) {
  const std::size_t mark = end_mark_length(t);
  if (mark == 0) return false;
  if (mark == t.size()) return true;
  const char32_t before = text::decode_before(t, t.size() - mark).cp;
  return (char_flags(before) & (text::kSentenceEnd | text::kClosing)) || before == 0xFF09 || before == ')';
}

bool ends_with_photo_marker(std::string_view t) {
  if (!(t.ends_with("）") || t.ends_with(")"))) return false;
  // The marker opens within the last 20 bytes: only they are searched (the
  // last opening anywhere in the text starts there exactly when one does).
  const std::string_view last = t.substr(t.size() > 20 ? t.size() - 20 : 0);
  for (std::string_view open : {"（图", "（圖", "(图", "(圖"})
    if (last.find(open) != std::string_view::npos) return true;
  return false;
}

// The scan of one line, one character at a time: what it has counted so far.
// measure_line() and its reference both feed every character to step();
// measure_line() alone adds a shortcut for runs of Han characters (see
// there). What the counts mean is decided once, in finish_line(). The
// LineInfo it fills is the caller's: measure_line() returns it by name, so it
// is built in place (in scan_lines, in the vector), not copied out.
struct LineScan {
  LineInfo& li;
  bool seen = false;
  std::uint32_t width = 0, ink = 0, chars = 0, pending_space_w = 0;
  std::uint32_t gaps = 0, pairs = 0;
  std::size_t content_b = 0, content_e = 0;
  std::size_t gap_start = 0, gap_end = 0;
  // The first gap, and the last, for a headline with a gap of its own (two
  // phrases) sharing the baseline with a body line; whether every gap before
  // the last sits between two Han characters (the headline's phrases).
  GapAt first_gap, last_gap;
  bool punct_seen = false, digit_seen = false;
  bool han_gaps_before_last = true, han_gaps_so_far = true;
  char32_t prev = 0;
  bool doubled = true;
  bool space_in_pair = false;
  bool all_symbols = true;
  char32_t pair_first = 0;
  bool in_pair = false;
  // The pairs themselves in pairs (····, 坚坚坚坚): the reduced line would be
  // doubled again, and reducing it would not be idempotent (repair on its own
  // output would reduce once more). Such a line is left as printed.
  bool redoubled = true, half_open = false;
  std::size_t first_inner_ignorable = std::string_view::npos;  // an ignorable after the first content character
  bool inner_space = false;  // white space between two content characters (spaces_inside skips those after U+0000)
  char32_t half_first = 0;

  LineScan(LineInfo& out, std::size_t pos, std::size_t end) : li(out), content_b(pos), content_e(pos) {
    li.line = {static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(end)};
  }

  void note_pair(char32_t c) {
    if (!half_open) { half_first = c; half_open = true; }
    else { redoubled = redoubled && c == half_first; half_open = false; }
  }

  // Doubled-glyph check: characters come in equal pairs (and whether all
  // are symbols). Only while the line may still be faux bold: once doubled
  // is false it stays so, and finish_line reads none of the rest then (a
  // branch on doubled, which holds for most of a line, instead of branches
  // on the pair that alternate).
  void track_pair(char32_t c, bool symbol) {
    all_symbols = all_symbols && symbol;
    if (!in_pair) { pair_first = c; in_pair = true; }
    else { if (c != pair_first) doubled = false; in_pair = false; note_pair(pair_first); }
  }

  // The flags that the fast loop of measure_line() gathers as it goes
  // (bits of plain_effects(), below) and sets once: they only ever turn on.
  void flush_plain(std::uint32_t seen_bits) {
    punct_seen |= (seen_bits >> 2) & 1;
    digit_seen |= (seen_bits >> 3) & 1;
    li.has_sentence_punct |= (seen_bits >> 7) & 1;
    li.has_clause_punct |= (seen_bits >> 8) & 1;
    li.has_paren |= (seen_bits >> 9) & 1;
  }

  // Character d (flags f) at byte i.
  [[gnu::always_inline]] void step(text::DecodedChar d, std::uint16_t f, std::size_t i) {
    // The common case: a Han character in running text, after the first
    // character, no pending space.
    if ((f & ~(text::kHan | text::kWide)) == 0 && (f & text::kHan) && prev != 0 && pending_space_w == 0) {
      ++pairs;
      width += 2;
      ink += 2;
      ++chars;
      li.trailing_punct = 0;
      if (doubled) track_pair(d.cp, false);
      prev = d.cp;
      content_e = i + d.len;
      return;
    }
    if (f & text::kIgnorable) {
      if (seen && first_inner_ignorable == std::string_view::npos) first_inner_ignorable = i;
      return;
    }
    if (f & text::kSpace || d.cp == '\t') {
      const std::uint32_t w = d.cp == 0x3000 ? 2 : (d.cp == '\t' ? 4 : 1);
      if (!seen) li.indent = static_cast<std::uint16_t>(li.indent + w);
      else {
        if (pending_space_w == 0) gap_start = i;
        pending_space_w += w;
        if (in_pair) space_in_pair = true;  // 巴 巴: not one doubled glyph
      }
      return;
    }
    if (!seen) { seen = true; content_b = i; }
    if (prev != 0) {
      ++pairs;
      if (pending_space_w > 0) {
        ++gaps;
        ++li.spaces_inside;
        gap_end = i;
        last_gap = GapAt{gap_start, gap_end, chars, char_flags(prev), f, punct_seen, digit_seen, d.cp};
        if (li.spaces_inside == 1) first_gap = last_gap;
        const bool between_han = (f & text::kHan) && (char_flags(prev) & text::kHan);
        if (between_han) li.han_gap = true;
        han_gaps_before_last = han_gaps_so_far;
        han_gaps_so_far = han_gaps_so_far && between_han;
      }
    }
    if (pending_space_w > 0) inner_space = true;
    width += pending_space_w;
    pending_space_w = 0;
    const int w = d.cp < 0x20 ? 0 : text::width_from_flags(f);
    width += w;
    ink += w;
    ++chars;
    punct_seen |= (f & (text::kSentenceEnd | text::kClausePunct)) != 0;
    digit_seen |= (f & text::kDigit) != 0;
    if (w == 1 && (f & (text::kDigit | text::kLatin))) ++li.narrow;
    // (Dashes and ellipses are set full width even where other marks are
    // squeezed: ——, …… never count as squeezable.)
    if (w == 2 && (f & text::kPunct) && d.cp != 0x2014 && d.cp != 0x2015 && d.cp != 0x2500 && d.cp != 0x2026)
      ++li.wide_punct;
    // The run of closing marks that ends the line (。” counts 4): marks a
    // typesetter may let hang past the column rather than start a line.
    li.trailing_punct = (w == 2 && (f & text::kPunct) && !(f & text::kOpening))
                            ? static_cast<std::uint8_t>(std::min(li.trailing_punct + 2, 4))
                            : 0;
    if (f & text::kSentenceEnd) li.has_sentence_punct = true;
    if (f & text::kClausePunct) li.has_clause_punct = true;
    if (d.cp == 0xFF08 || d.cp == 0xFF09 || d.cp == '(' || d.cp == ')') li.has_paren = true;
    if (doubled) track_pair(d.cp, (f & (text::kSymbol | text::kCircledDigit | text::kPunct)) != 0);
    prev = d.cp;
    content_e = i + d.len;
  }
};

// The display width of what the content [b, e) starts with that cannot be
// broken or left at a line end (LineInfo::unbreakable_start). An opening
// bracket cannot end a line: one before a number or a Latin word
// (（www.people.com.cn）) travels with it. (ASCII letters and digits, whatever
// the C locale says of bytes above 0x7F. Most lines start with a byte above
// 0x7F that is neither （'s nor “'s first: nothing to look at.)
[[gnu::always_inline]] inline std::uint16_t unbreakable_start(std::string_view s, std::size_t b, std::size_t e) {
  std::size_t j = b;
  std::uint16_t w = 0;
  const auto first = static_cast<unsigned char>(s[j]);
  if (first < 0x80 || first == 0xEF || first == 0xE2) {
    if (j + 3 < e && (s.substr(j, 3) == "（" || s.substr(j, 3) == "“") &&
        text::is_ascii_alnum(static_cast<unsigned char>(s[j + 3]))) {
      w = 2;
      j += 3;
    }
    while (j < e) {
      const unsigned char c = static_cast<unsigned char>(s[j]);
      if (!(text::is_ascii_alnum(c) || c == '.' || c == '%')) break;
      ++w;
      ++j;
    }
  }
  return w;
}

// Whether the gap at s[gap] falls inside a credit in parentheses that
// s[b, gap) opened and left open, a role word right after its opening
// (本报讯（记者 甲 乙）…): its gaps part names, never a headline from a body
// line (a headline leaves no parenthesis open).
bool gap_in_credit(std::string_view s, std::size_t b, std::size_t gap) {
  return segment::open_credit_names(s.substr(b, gap - b)) != std::string_view::npos;
}

std::pair<std::size_t, std::size_t> byline_before_text(std::string_view s, std::size_t b, std::size_t e) {
  const std::string_view t = s.substr(b, e - b);
  std::size_t i = 0;
  // (A marker: ■ □ ● ○ ▲ △ ◆ ◇ ★ ☆ ▶ ►, then maybe a gap.)
  while (i < t.size()) {
    const auto d = text::decode_at(t, i);
    const bool marker = (d.cp >= 0x25A0 && d.cp <= 0x25CF) || d.cp == 0x2605 || d.cp == 0x2606;
    if (!marker && !(i > 0 && text::is_space(d.cp))) break;
    i += d.len;
  }
  const std::size_t role = segment::role_at(t, i);
  if (role == 0) return {0, 0};
  i += role;
  int names = 0;
  while (i < t.size()) {
    // The gap before the next word (a role word glued to its first name
    // is no gap: then the line is no byline of words, and is left alone).
    const std::size_t gap = i;
    for (text::DecodedChar d; i < t.size() && text::is_space((d = text::decode_at(t, i)).cp);) i += d.len;
    if (i == gap) return {0, 0};
    const std::size_t word = i;
    int han = 0;
    bool other = false;
    while (i < t.size()) {
      const auto d = text::decode_at(t, i);
      if (text::is_space(d.cp)) break;
      if (text::char_flags(d.cp) & text::kHan) ++han;
      else other = true;
      i += d.len;
    }
    // (A name, or a role word of two or three characters: 记者 甲 通讯员 乙. The
    // role words are asked only of the other words, few on a line.)
    if (!other && han >= 2 && han <= 3) { ++names; continue; }
    if (segment::role_at(t, word) == i - word) continue;  // another role word (本报记者, 文/图)
    if (names > 0 && (other || han >= 4)) return {b + gap, b + word};
    return {0, 0};
  }
  return {0, 0};
}

template <bool kReference = false>
[[gnu::noinline]] void finish_line(std::string_view s, LineScan& n) {
  LineInfo& li = n.li;
  li.blank = !n.seen;
  if (!n.seen) {
    li.content = {li.line.start, li.line.start};
    return;
  }
  const std::size_t content_b = n.content_b, content_e = n.content_e;
  const std::uint32_t chars = n.chars;
  li.content = {static_cast<std::uint32_t>(content_b), static_cast<std::uint32_t>(content_e)};
  li.verbatim = !n.inner_space && (n.first_inner_ignorable == std::string_view::npos || n.first_inner_ignorable >= content_e);
  li.has_digit = n.digit_seen;
  li.unbreakable_start = unbreakable_start(s, content_b, content_e);
  li.width = n.width;
  li.ink = n.ink;
  li.chars = chars;
  li.ends_sentence = ends_sentence(s, content_b, content_e);
  li.letter_spaced = chars >= 4 && n.pairs > 0 && n.gaps * 10 >= n.pairs * 8;
  // Faux bold: an even number of glyphs in equal pairs; at least two pairs
  // unless the glyph is a symbol (①① alone is a label, 人人 alone is a word).
  const bool all_symbols = n.all_symbols;
  auto doubled_shape = [&](std::uint32_t k) { return k >= 2 && (k >= 4 || all_symbols); };
  // Spaces may separate doubled phrases (巴巴林林 在在我我), never the two
  // glyphs of a pair, and the line must not be letter-spaced.
  li.doubled = n.doubled && !n.in_pair && doubled_shape(chars) && !n.space_in_pair &&
               (li.spaces_inside == 0 || (!li.letter_spaced && li.spaces_inside <= 3 && chars >= 8)) &&
               !(n.redoubled && !n.half_open && doubled_shape(chars / 2));
  li.caption_end = caption_end(s, content_b, content_e);
  if (!li.ends_sentence && !li.letter_spaced && li.spaces_inside > 0) {  // a glued tail follows a space
    auto [tail, head] = find_glued_tail<kReference>(s, li);
    if (tail != std::string_view::npos) {
      li.tail_start = static_cast<std::uint32_t>(tail);
      li.head_end = static_cast<std::uint32_t>(head);
    }
  }
  // A headline and a body line on one baseline (see headline_gap; a line
  // without a gap inside, most lines, has none).
  if (li.spaces_inside == 0) return;
  if (headline_gap(li, n.first_gap, chars) && !(li.has_paren && gap_in_credit(s, content_b, n.first_gap.start))) {
    li.split_at = static_cast<std::uint32_t>(n.first_gap.start);
    li.split_resume = static_cast<std::uint32_t>(n.first_gap.end);
  } else if (li.spaces_inside >= 2 && li.spaces_inside <= 3 && n.han_gaps_before_last &&
             headline_gap(li, n.last_gap, chars, li.spaces_inside) &&
             !(li.has_paren && gap_in_credit(s, content_b, n.last_gap.start))) {
    // A headline of two or three phrases (`所有对立的矛盾 除了问候`): the
    // body resumes after its last gap.
    li.split_at = static_cast<std::uint32_t>(n.last_gap.start);
    li.split_resume = static_cast<std::uint32_t>(n.last_gap.end);
  }
  // A byline on one baseline with a line of running text: the text resumes
  // after the byline's names (see byline_before_text). (Its last word, four
  // characters or more, is the text's, or ends it: a byline's own last word
  // is a name. And the line opens with a marker or a Han character that may
  // open a role word. Both told without reading the line again: most lines
  // with a gap, bylines among them, are turned away here.)
  if (chars - n.last_gap.chars_before < 4) return;
  const char32_t first = text::decode_at(s, content_b).cp;
  bool marker = false;
  switch (first) {
    case 0x25A0: case 0x25A1: case 0x25B2: case 0x25B3: case 0x25C6: case 0x25C7: case 0x25CB: case 0x25CF:
    case 0x2605: case 0x2606:
      marker = true;
      break;
    default:
      break;
  }
  if (!marker && !segment::may_start_role_word(first)) return;
  const auto [gap, resume] = byline_before_text(s, content_b, content_e);
  if (gap > 0) {
    li.split_at = static_cast<std::uint32_t>(gap);
    li.split_resume = static_cast<std::uint32_t>(resume);
  }
}

namespace {

// The Han-run loop reads a character's three bytes with the low six bits of
// the two after the lead not checked to be continuation bytes.
using text::three_byte_code_point;

// Does the Han-run loop take the three bytes at p as one character of a run:
// a three-byte lead and a code point whose flags are Han and maybe wide,
// nothing else?
bool han_run_character(const unsigned char* p, const std::uint16_t* bmp_flags) {
  return (p[0] & 0xF0) == 0xE0 && (bmp_flags[three_byte_code_point(p)] | text::kWide) == (text::kHan | text::kWide);
}

// The first two bytes of a character decide which 64 code points it can be
// (the lead's low four bits, the next byte's low six). The table says, per
// two bytes as one 16-bit load reads them, whether han_run_character holds
// for all 64: then the loop takes the character without decoding it. Built
// once from the flags table, so it says exactly what han_run_character
// would; two bytes whose block is mixed (or not Han at all) read 0, and the
// run stops there: LineScan::step takes that character (a Han character of a
// mixed block, rare, as its common case).
[[gnu::noinline]] const std::uint8_t* han_run_blocks() {
  static const std::vector<std::uint8_t> table = [] {
    const std::uint16_t* bmp_flags = text::bmp_flags();
    std::vector<std::uint8_t> t(0x10000, 0);
    for (unsigned lead = 0xE0; lead <= 0xEF; ++lead)
      for (unsigned second = 0; second <= 0xFF; ++second) {
        bool all = true;
        for (unsigned third = 0; third < 64 && all; ++third) {
          const unsigned char p[3] = {static_cast<unsigned char>(lead), static_cast<unsigned char>(second),
                                      static_cast<unsigned char>(third)};
          all = han_run_character(p, bmp_flags);
        }
        const unsigned char two[2] = {static_cast<unsigned char>(lead), static_cast<unsigned char>(second)};
        std::uint16_t key;
        std::memcpy(&key, two, 2);
        t[key] = all;
      }
    return t;
  }();
  return table.data();
}

// Per BMP character, what LineScan::step() would do with it in the middle of
// a line that is not faux bold, no space pending (the fast loop of
// measure_line):
// bit 0 it is such a character (no white space, no ignorable, no control
// character), bit 1 it is two columns wide, bit 2 a sentence or clause mark,
// 3 a digit, 4 a narrow letter or digit, 5 squeezable wide punctuation, 6 a
// wide mark that may hang at the line end, 7 a sentence mark, 8 a clause
// mark, 9 a round bracket. Built once from the flags table, by the same
// tests as step()'s.
// Those bits sit at kEffectShift of the entry; below them, in 16-bit fields,
// what the character adds to the sums of a run (its width, 1 if a narrow
// letter or digit, 1 if squeezable wide punctuation): the fast loop adds the
// whole entry to one word for all three (the bits above carry out of it and
// are read only by |). A run takes at most kMaxMarks marks, two columns at
// most each: no field overflows into the next.
constexpr int kEffectShift = 48;
constexpr std::uint32_t kMaxMarks = 0x7FFF;
constexpr std::uint64_t kTakes = std::uint64_t{1} << kEffectShift;  // bit 0: the fast loop takes it
[[gnu::noinline]] const std::uint64_t* plain_effects() {
  static const std::vector<std::uint64_t> table = [] {
    const std::uint16_t* bmp_flags = text::bmp_flags();
    std::vector<std::uint64_t> t(0x10000, 0);
    for (char32_t cp = 0; cp < 0x10000; ++cp) {
      const std::uint16_t f = bmp_flags[cp];
      if ((f & (text::kSpace | text::kIgnorable)) || cp < 0x20) continue;
      // (A Han character counts 2 as in step()'s common case, whatever its
      // flags say of its width.)
      const bool han_only = (f & ~(text::kHan | text::kWide)) == 0 && (f & text::kHan);
      const int w = han_only ? 2 : text::width_from_flags(f);
      const bool punct = (f & text::kPunct) != 0;
      std::uint16_t e = 1;
      if (w == 2) e |= 1u << 1;
      if (f & (text::kSentenceEnd | text::kClausePunct)) e |= 1u << 2;
      if (f & text::kDigit) e |= 1u << 3;
      if (w == 1 && (f & (text::kDigit | text::kLatin))) e |= 1u << 4;
      if (w == 2 && punct && cp != 0x2014 && cp != 0x2015 && cp != 0x2500 && cp != 0x2026) e |= 1u << 5;
      if (w == 2 && punct && !(f & text::kOpening)) e |= 1u << 6;
      if (f & text::kSentenceEnd) e |= 1u << 7;
      if (f & text::kClausePunct) e |= 1u << 8;
      if (cp == 0xFF08 || cp == 0xFF09 || cp == '(' || cp == ')') e |= 1u << 9;
      t[cp] = std::uint64_t{e} << kEffectShift | static_cast<std::uint64_t>(w) |
              std::uint64_t{(e >> 4) & 1u} << 16 | std::uint64_t{(e >> 5) & 1u} << 32;
    }
    return t;
  }();
  return table.data();
}

// What a run of the fast loop of measure_line took: where it stopped, the
// last character taken, the sums step() would have added.
struct FastRun {
  std::size_t stop = 0;                              // where it stopped
  std::size_t last_at = std::string_view::npos;      // the last character taken, its first byte
  std::uint32_t chars = 0, width = 0, narrow = 0, wide_punct = 0, seen_bits = 0;
  std::uint32_t trailing = 0;                        // LineInfo::trailing_punct after it
  bool han = false;                                  // a Han character among them
  // Whether the line ends a sentence, where the blocks could tell from its
  // last character alone (ends_sentence's first test): 1 or 0; -1 if not.
  std::int8_t ends_sentence = -1;
};

// Flags of block_effects() entries (their byte 3).
constexpr std::uint32_t kBlockHangs = 1u << 24, kBlockPunct = 1u << 25, kBlockDigit = 1u << 26,
                        kBlockSentence = 1u << 27, kBlockClause = 1u << 28, kBlockParen = 1u << 29,
                        kBlockHan = 1u << 30, kBlockTakes = 1u << 31;
// (And, outside the summed bits: ends_sentence's test of the last character
// does not answer for it.)
constexpr std::uint32_t kBlockEndUnsure = 1u << 15;

// plain_effects() for eight characters at a time (one 32-bit gather each):
// per BMP character, byte 0 its width, byte 1 1 if a narrow letter or digit,
// byte 2 1 if squeezable wide punctuation (the three are summed in the lanes
// of a vector, a byte each, the top bits of bytes 1 and 2 left out), byte 3
// the flags above (the fast loop takes it
// in the sign bit, where a mask of eight is one instruction away). Built
// once from plain_effects(), so the blocks take exactly what one by one
// would.
[[gnu::noinline]] const std::uint32_t* block_effects() {
  static const std::vector<std::uint32_t> table = [] {
    const std::uint64_t* effects = plain_effects();
    const std::uint16_t* bmp_flags = text::bmp_flags();
    std::vector<std::uint32_t> t(0x10000, 0);
    for (std::uint32_t cp = 0; cp < 0x10000; ++cp) {
      const std::uint64_t entry = effects[cp];
      if (!(entry & kTakes)) continue;
      const auto e = static_cast<std::uint32_t>(entry >> kEffectShift);
      const std::uint32_t width = static_cast<std::uint32_t>(entry & 0xFFFF);
      std::uint32_t b = width | ((e >> 4) & 1u) << 8 | ((e >> 5) & 1u) << 16 | kBlockTakes;
      if ((e >> 6) & 1u) b |= kBlockHangs;
      if ((e >> 2) & 1u) b |= kBlockPunct;
      if ((e >> 3) & 1u) b |= kBlockDigit;
      if ((e >> 7) & 1u) b |= kBlockSentence;
      if ((e >> 8) & 1u) b |= kBlockClause;
      if ((e >> 9) & 1u) b |= kBlockParen;
      if ((bmp_flags[cp] | text::kWide) == (text::kHan | text::kWide)) b |= kBlockHan;
      // ends_sentence() answers from a last character of three valid bytes
      // at once unless it is a closer or ） (no sentence end): the walk
      // back then; and for no code point below U+0800 or surrogate.
      const std::uint16_t f = bmp_flags[cp];
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) ||
          ((cp == 0xFF09 || (f & text::kClosing)) && !(f & text::kSentenceEnd)))
        b |= kBlockEndUnsure;
      t[cp] = b;
    }
    return t;
  }();
  return table.data();
}

// The three tables of the fast loop, built once: a line asks for them
// behind one guard, not with three calls.
struct LineTables {
  const std::uint8_t* han_blocks;
  const std::uint64_t* effects;
  const std::uint32_t* blocks;
};
[[gnu::always_inline]] inline const LineTables& line_tables() {
  static const LineTables tables{han_run_blocks(), plain_effects(), block_effects()};
  return tables;
}

#if HUOZI_LINE_AVX2
// The eight 32-bit lanes of v added up (or or-ed).
[[gnu::target("avx2")]] inline std::uint32_t lane_sum(__m256i v) {
  __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
  return static_cast<std::uint32_t>(_mm_cvtsi128_si32(s));
}
[[gnu::target("avx2")]] inline std::uint32_t lane_or(__m256i v) {
  __m128i s = _mm_or_si128(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  s = _mm_or_si128(s, _mm_shuffle_epi32(s, 0x4E));
  s = _mm_or_si128(s, _mm_shuffle_epi32(s, 0xB1));
  return static_cast<std::uint32_t>(_mm_cvtsi128_si32(s));
}

// The flags of a block_effects() entry as FastRun::seen_bits has them.
inline std::uint32_t seen_bits_of_blocks(std::uint32_t flags) {
  return (flags & kBlockPunct ? 1u << 2 : 0) | (flags & kBlockDigit ? 1u << 3 : 0) |
         (flags & kBlockSentence ? 1u << 7 : 0) | (flags & kBlockClause ? 1u << 8 : 0) |
         (flags & kBlockParen ? 1u << 9 : 0);
}

// A line of two to 120 three-byte characters, all of which the fast loop
// takes and the first two different (three lines in four of running text),
// taken whole by the blocks: what the fast loop would make of it from pos,
// if it is such a line (r.stop == end), else r.stop == pos. No carry between
// blocks: the hanging marks at its end are read off its last two blocks at
// the end. Reads up to 28 bytes from each block's start.
[[gnu::target("avx2")]] inline FastRun three_byte_line_avx2(const unsigned char* bytes, std::size_t pos,
                                                            std::size_t end, std::size_t size,
                                                            const std::uint32_t* table) {
  FastRun r;
  r.stop = pos;
  const std::size_t n = end - pos;
  // (At most 15 blocks: the byte sums of their lanes stay below 256.)
  if (n < 6 || n > 15 * 24 || n % 3 != 0 || end + 25 > size) return r;
  // The same character twice: the line may be faux bold. (Compared as code
  // points, as the plain path compares them: the bits three_byte_code_point()
  // reads, not whole bytes, which may differ in the bits it drops where they
  // are no valid character.)
  if ((((bytes[pos] ^ bytes[pos + 3]) & 0x0F) | ((bytes[pos + 1] ^ bytes[pos + 4]) & 0x3F) |
       ((bytes[pos + 2] ^ bytes[pos + 5]) & 0x3F)) == 0)
    return r;
  const __m256i spread = _mm256_setr_epi8(2, 1, 0, -1, 5, 4, 3, -1, 8, 7, 6, -1, 11, 10, 9, -1,  //
                                          2, 1, 0, -1, 5, 4, 3, -1, 8, 7, 6, -1, 11, 10, 9, -1);
  const __m256i lead_bits = _mm256_set1_epi32(0x00F00000), three_byte_lead = _mm256_set1_epi32(0x00E00000);
  const __m256i code_bits = _mm256_set1_epi32(0x000F3F3F);
  const __m256i byte_weights = _mm256_set1_epi32(0x00014001), half_weights = _mm256_set1_epi32(0x10000001);
  const __m256i sum_bytes = _mm256_set1_epi32(0x007F7FFF);
  alignas(32) static constexpr std::int32_t kPrefix[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
  __m256i sums = _mm256_setzero_si256(), flags = _mm256_setzero_si256(), before_last = _mm256_setzero_si256();
  __m256i took;
  std::size_t left = n / 3;  // characters from j on
  for (std::size_t j = pos;; j += 24, left -= 8) {
    const __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + j));
    const __m128i high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + j + 12));
    const __m256i lanes = _mm256_shuffle_epi8(_mm256_inserti128_si256(_mm256_castsi128_si256(low), high, 1), spread);
    const __m256i is_three = _mm256_cmpeq_epi32(_mm256_and_si256(lanes, lead_bits), three_byte_lead);
    const __m256i cp =
        _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_and_si256(lanes, code_bits), byte_weights), half_weights);
    const __m256i entry = _mm256_i32gather_epi32(reinterpret_cast<const int*>(table), cp, 4);
    // (The lanes in the line, and the entries kept, by the count of them,
    // not by a branch on whether this is the last block: lines of every
    // length come in no order, and the branches mispredicted. All eight
    // lanes: a mask of eight ones, and kPrefix's eight ones.)
    const std::size_t lanes_in = std::min<std::size_t>(left, 8);
    const unsigned in_line = (1u << lanes_in) - 1;
    const auto taken =
        static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_and_si256(entry, is_three))));
    if ((taken & in_line) != in_line) return r;
    took = _mm256_and_si256(entry, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kPrefix + 8 - lanes_in)));
    sums = _mm256_add_epi32(sums, _mm256_and_si256(took, sum_bytes));
    flags = _mm256_or_si256(flags, took);
    if (left <= 8) break;
    before_last = took;
  }
  const std::uint32_t t = lane_sum(sums);
  const std::uint32_t seen = lane_or(flags);
  // The marks that may hang, last character first: lane left - 1 of the
  // last block, then lane left - 2 (or the last lane of the block before).
  const unsigned hang = static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_slli_epi32(took, 7)))) << 1 |
                        static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_slli_epi32(before_last, 7)))) >> 7;
  const unsigned last_two = (hang >> (left - 1)) & 3u;  // bit 1 the last character, bit 0 the one before
  r.trailing = last_two == 3 ? 4 : (last_two & 2);
  r.chars = static_cast<std::uint32_t>(n / 3);
  r.width = t & 0xFF;
  r.narrow = (t >> 8) & 0xFF;
  r.wide_punct = (t >> 16) & 0xFF;
  r.seen_bits = seen_bits_of_blocks(seen);
  r.han = (seen & kBlockHan) != 0;
  // The last character: ends_sentence's first test, where it answers (its
  // lead byte is one of three bytes; the other two must be continuation
  // bytes as that test reads them).
  const auto last = static_cast<std::uint32_t>(
      _mm256_cvtsi256_si32(_mm256_permutevar8x32_epi32(took, _mm256_set1_epi32(static_cast<int>(left - 1)))));
  if (!(last & kBlockEndUnsure) && (bytes[end - 2] & 0xC0) == 0x80 && (bytes[end - 1] & 0xC0) == 0x80)
    r.ends_sentence = (last & kBlockSentence) ? 1 : 0;
  r.last_at = end - 3;
  r.stop = end;
  return r;
}

// What mixed_line_avx2 adds up over the blocks of a line: per lane, the
// entries' byte sums and flags, and the characters the fast loop does not
// take (their sign bit). (Set to zero by the function that makes it:
// compiled for AVX2, as a constructor is not.)
struct MixedSums {
  __m256i sums, flags, refused;
};

// Eight byte positions from `at` into m: the entries of the characters that
// start there, each read as if it were one (lane k takes bytes k, k + 1,
// k + 2 of a 16-byte copy in both halves of the vector, as
// three_byte_line_avx2's lanes have them). Where all eight are in the line
// (kInLine), a byte starts a character unless it is a continuation byte;
// else starts says which do (a lane of all ones).
template <bool kInLine>
[[gnu::target("avx2"), gnu::always_inline]] inline void take_eight(MixedSums& m, const std::uint32_t* table,
                                                                  const unsigned char* at, __m256i starts) {
  const __m256i spread = _mm256_setr_epi8(2, 1, 0, -1, 3, 2, 1, -1, 4, 3, 2, -1, 5, 4, 3, -1,  //
                                          6, 5, 4, -1, 7, 6, 5, -1, 8, 7, 6, -1, 9, 8, 7, -1);
  const __m256i lanes =
      _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at))), spread);
  const __m256i three = _mm256_madd_epi16(
      _mm256_maddubs_epi16(_mm256_and_si256(lanes, _mm256_set1_epi32(0x000F3F3F)), _mm256_set1_epi32(0x00014001)),
      _mm256_set1_epi32(0x10000001));
  // (The first byte on top: its top bit, the sign bit, picks the three-byte
  // reading where set, the byte itself where not. A continuation byte, 0x80
  // to 0xBF, puts the lane below -0x40000000.)
  const __m256i first_on_top = _mm256_slli_epi32(lanes, 8);
  const __m256i cp = _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(_mm256_srli_epi32(lanes, 16)),
                                                           _mm256_castsi256_ps(three), _mm256_castsi256_ps(first_on_top)));
  __m256i is_start = starts;
  if constexpr (kInLine) is_start = _mm256_cmpgt_epi32(first_on_top, _mm256_set1_epi32(-0x40000001));
  const __m256i entry =
      _mm256_mask_i32gather_epi32(_mm256_setzero_si256(), reinterpret_cast<const int*>(table), cp, is_start, 4);
  m.refused = _mm256_or_si256(m.refused, _mm256_andnot_si256(entry, is_start));
  m.sums = _mm256_add_epi32(m.sums, _mm256_and_si256(entry, _mm256_set1_epi32(0x007F7FFF)));
  m.flags = _mm256_or_si256(m.flags, entry);
}

// A line of one- and three-byte characters (digits, Latin letters, ASCII
// marks among the Han: a line in seven of running text), all of which the
// fast loop takes and the first two different, taken whole 32 bytes at a
// time: what the fast loop would make of it from pos if it is such a line
// (r.stop == end), else r.stop == pos. Each block's bytes are told apart
// (ASCII, a three-byte lead, a continuation byte): in a line whose
// continuation bytes are exactly the two after each lead, and no other byte
// above 0x7F, each byte that is no continuation byte starts a character, as
// the one-by-one loop cuts it. Then the entry of every byte position is
// gathered, eight at a time, its code point read as if a character started
// there (the byte itself if ASCII), and the entries of the positions that
// start one are summed. Lines of 255 bytes at most: the byte sums stay
// below 256 (a character is at most as wide as it has bytes). Reads up to
// 31 bytes past the line's end (only where the text goes on 32 bytes or
// more).
[[gnu::target("avx2")]] inline FastRun mixed_line_avx2(const unsigned char* bytes, std::size_t pos, std::size_t end,
                                                       std::size_t size, const std::uint32_t* table) {
  FastRun r;
  r.stop = pos;
  const std::size_t n = end - pos;
  if (n < 2 || n > 255 || end + 32 > size) return r;
  // The code point of a character the fast loop may take at `at` (one or
  // three bytes), as it reads it.
  auto code_point = [bytes](std::size_t at) -> std::uint32_t {
    return bytes[at] < 0x80 ? bytes[at] : three_byte_code_point(bytes + at);
  };
  // The same character twice first: the line may be faux bold. (Whether
  // the two are characters the fast loop takes is seen below.)
  const std::size_t second = pos + (bytes[pos] < 0x80 ? 1 : 3);
  if (second >= end || code_point(pos) == code_point(second)) return r;
  const __m256i lane_bit = _mm256_setr_epi32(1, 2, 4, 8, 16, 32, 64, 128);
  const __m256i top_two = _mm256_set1_epi8(static_cast<char>(0xC0)), continuation = _mm256_set1_epi8(static_cast<char>(0x80));
  const __m256i top_four = _mm256_set1_epi8(static_cast<char>(0xF0)), three_lead = _mm256_set1_epi8(static_cast<char>(0xE0));
  const __m256i space = _mm256_set1_epi8(0x20);
  // First the bytes of every block, then (a line cut into characters as the
  // one-by-one loop cuts it) the characters' entries: most lines that are
  // no such line (white space) cost no gather.
  std::uint32_t starts = 0;  // the bytes of the block that start a character (the last block's, after)
  std::uint64_t carry = 0;  // continuation bytes asked for by the leads of the block before, from bit 0
  std::uint32_t chars = 0;
  for (std::size_t j = pos;; j += 32) {
    const std::size_t left = end - j;
    const std::uint32_t in_line = left >= 32 ? 0xFFFFFFFFu : (1u << left) - 1;
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + j));
    const auto high = static_cast<std::uint32_t>(_mm256_movemask_epi8(v));
    const auto cont = static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(v, top_two), continuation)));
    const auto lead = static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(v, top_four), three_lead)));
    // White space and control characters (bytes up to 0x20): step() takes them.
    const auto low = static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(v, space), v)));
    const std::uint64_t leads_in_line = lead & in_line;
    const std::uint64_t wanted = leads_in_line << 1 | leads_in_line << 2 | carry;
    // Continuation bytes exactly where wanted, none wanted past the end, no
    // byte above 0x7F but those and three-byte leads, no white space.
    if (((cont ^ static_cast<std::uint32_t>(wanted)) & in_line) != 0 || (left <= 32 && (wanted >> left) != 0) ||
        ((high & ~cont & ~lead) | low) & in_line)
      return r;
    carry = wanted >> 32;
    starts = in_line & ~cont;
    chars += static_cast<std::uint32_t>(__builtin_popcount(starts));
    if (left <= 32) break;
  }
  MixedSums m{_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
  const std::size_t full_blocks = n / 32;
  for (std::size_t b = 0; b < full_blocks; ++b) {
    const unsigned char* at = bytes + pos + 32 * b;
    const __m256i unused = _mm256_setzero_si256();
    take_eight<true>(m, table, at, unused);
    take_eight<true>(m, table, at + 8, unused);
    take_eight<true>(m, table, at + 16, unused);
    take_eight<true>(m, table, at + 24, unused);
  }
  // (The line's last bytes: the lanes of the characters they start.)
  const std::size_t left = n % 32;
  for (std::size_t g = 0; g < left; g += 8) {
    const __m256i bits = _mm256_and_si256(_mm256_set1_epi32(static_cast<int>(starts >> g)), lane_bit);
    take_eight<false>(m, table, bytes + pos + 32 * full_blocks + g, _mm256_cmpeq_epi32(bits, lane_bit));
  }
  // A character the fast loop does not take (its sign bit clear).
  if (_mm256_movemask_ps(_mm256_castsi256_ps(m.refused)) != 0) return r;
  const std::uint32_t t = lane_sum(m.sums);
  const std::uint32_t seen = lane_or(m.flags);
  // The last two characters: their marks may hang, and the last may end a
  // sentence (ends_sentence's first test, where it answers).
  const std::size_t last_at = bytes[end - 1] < 0x80 ? end - 1 : end - 3;
  const std::size_t before_last_at = bytes[last_at - 1] < 0x80 ? last_at - 1 : last_at - 3;
  const std::uint32_t last = table[code_point(last_at)], before_last = table[code_point(before_last_at)];
  r.trailing = (last & kBlockHangs) ? ((before_last & kBlockHangs) ? 4 : 2) : 0;
  r.chars = chars;
  r.width = t & 0xFF;
  r.narrow = (t >> 8) & 0xFF;
  r.wide_punct = (t >> 16) & 0xFF;
  r.seen_bits = seen_bits_of_blocks(seen);
  r.han = (seen & kBlockHan) != 0;
  if (!(last & kBlockEndUnsure) && last_at == end - 3) r.ends_sentence = (last & kBlockSentence) ? 1 : 0;
  r.last_at = last_at;
  r.stop = end;
  return r;
}
#endif

// measure_line(), lines of three-byte characters taken by blocks (compiled
// for AVX2) or not.
template <bool kBlocks>
[[gnu::always_inline]] inline LineInfo measure_line_with(std::string_view s, std::size_t pos, std::size_t end) {
  LineInfo li;
  if (pos == end) {  // an empty line (one in nine on a page): what finish_line makes of it
    li.line = {static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(end)};
    li.content = {li.line.start, li.line.start};
    return li;
  }
  li.line = {static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(end)};
  const std::string_view line = s.substr(0, end);
  const LineTables& tables = line_tables();
  const std::uint8_t* han_blocks = tables.han_blocks;
  const std::uint64_t* effects = tables.effects;
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = pos;
  // A character of one or three bytes at j that the fast loop takes (its
  // entry in plain_effects, its code point and length), else 0.
  auto plain_at = [&](std::size_t j, char32_t& cp, std::size_t& len) -> std::uint64_t {
    if (j >= end) return 0;
    const unsigned char b0 = bytes[j];
    if (b0 < 0x80) {
      cp = b0;
      len = 1;
    } else if ((b0 & 0xF0) == 0xE0 && j + 3 <= end) {
      cp = three_byte_code_point(bytes + j);
      len = 3;
    } else {
      return 0;
    }
    return effects[cp];
  };
  // The fast loop, from j: runs of Han characters in running text (three
  // bytes each, flags Han and maybe wide, nothing else), read by their
  // first two bytes four at a time, and between them the characters
  // plain_effects() marks, until one that step() must take (white space, an
  // ignorable or control character, a character of two or four bytes) or
  // the end. Only for a line already known not to be faux bold (its pair
  // bookkeeping only matters while it may be), with no space pending. Each
  // character adds what step() would; the sums are kept in a FastRun
  // (fast_add gives them to the scan).
  auto fast_run = [&](std::size_t j, std::uint32_t trailing) {
    FastRun r;
    const std::size_t start = j;
    // The marks taken (every other character of the run is Han, three
    // bytes): their bytes and count, their entries summed (sums) and or-ed
    // (seen), where the last one starts and where it ends.
    std::size_t mark_bytes = 0, last_mark_at = std::string_view::npos, last_mark_end = start;
    std::uint32_t marks = 0;
    std::uint64_t sums = 0, seen = 0;
    for (;;) {
      while (j + 12 <= end) {
        std::uint16_t two[4];
        std::memcpy(&two[0], bytes + j, 2);
        std::memcpy(&two[1], bytes + j + 3, 2);
        std::memcpy(&two[2], bytes + j + 6, 2);
        std::memcpy(&two[3], bytes + j + 9, 2);
        if (!(han_blocks[two[0]] & han_blocks[two[1]] & han_blocks[two[2]] & han_blocks[two[3]])) break;
        j += 12;
      }
      while (j + 3 <= end) {
        std::uint16_t two;
        std::memcpy(&two, bytes + j, 2);
        if (!han_blocks[two]) break;
        j += 3;
      }
      char32_t cp = 0;
      std::size_t len = 0;
      const std::uint64_t effect = plain_at(j, cp, len);
      if (!(effect & kTakes)) break;
      // The closing marks that end the run so far, 2 each (capped at 4 once,
      // at the end: the same as capping at every step): a mark right after
      // the last one carries them on, one after a Han character starts
      // afresh, any other mark ends them.
      const std::uint32_t hangs = (effect >> (kEffectShift + 6)) & 1;
      trailing = ((last_mark_end == j ? trailing : 0) + 2) & (0u - hangs);
      sums += effect;
      seen |= effect;
      ++marks;
      mark_bytes += len;
      last_mark_at = j;
      j += len;
      last_mark_end = j;
      // (A run stops before its marks could fill a 16-bit field of sums;
      // the scan takes the rest in the next one.)
      if (marks == kMaxMarks) break;
    }
    const auto han = static_cast<std::uint32_t>((j - start - mark_bytes) / 3);
    // Han characters after the last mark (or no mark at all, the run not
    // empty) end it with a Han character: no mark hangs.
    if (last_mark_end != j) trailing = 0;
    if (j > start) r.last_at = last_mark_end == j ? last_mark_at : j - 3;
    r.chars = marks + han;
    r.width = static_cast<std::uint32_t>(sums & 0xFFFF) + 2 * han;
    r.narrow = static_cast<std::uint32_t>((sums >> 16) & 0xFFFF);
    r.wide_punct = static_cast<std::uint32_t>((sums >> 32) & 0xFFFF);
    r.seen_bits = static_cast<std::uint32_t>(seen >> kEffectShift);
    r.han = han > 0;
    r.trailing = std::min<std::uint32_t>(trailing, 4);
    r.stop = j;
    return r;
  };
  // The sums of a run added to the scan.
  auto fast_add = [&](LineScan& n, const FastRun& r) {
    if (r.last_at == std::string_view::npos) return;
    n.pairs += r.chars;
    n.chars += r.chars;
    n.width += r.width;
    n.ink += r.width;
    n.li.narrow += r.narrow;
    n.li.wide_punct += r.wide_punct;
    n.li.trailing_punct = static_cast<std::uint8_t>(r.trailing);
    if (r.han) n.all_symbols = false;
    n.flush_plain(r.seen_bits);
    n.prev = bytes[r.last_at] < 0x80 ? char32_t{bytes[r.last_at]} : three_byte_code_point(bytes + r.last_at);
    n.content_e = r.stop;
  };
  // The whole line in one run (most lines): no white space, ignorable or
  // control character in it, so what finish_line would make of the scan is
  // set here, without one. Content from pos to end, verbatim; no gap, so not
  // letter-spaced (gaps * 10 >= pairs * 8 fails with pairs = chars - 1 > 0),
  // no glued tail, no headline beside a body line; not faux bold (its first
  // two characters differ).
  auto take_whole = [&](const FastRun& r) {
    const std::uint32_t seen_bits = r.seen_bits;
    li.blank = false;
    li.content = li.line;
    li.verbatim = true;
    li.has_digit = (seen_bits >> 3) & 1;
    li.unbreakable_start = unbreakable_start(s, pos, end);
    li.width = li.ink = r.width;
    li.chars = r.chars;
    li.narrow = r.narrow;
    li.wide_punct = r.wide_punct;
    li.trailing_punct = static_cast<std::uint8_t>(r.trailing);
    li.has_sentence_punct = (seen_bits >> 7) & 1;
    li.has_clause_punct = (seen_bits >> 8) & 1;
    li.has_paren = (seen_bits >> 9) & 1;
    li.ends_sentence = r.ends_sentence >= 0 ? r.ends_sentence != 0 : ends_sentence(s, pos, end);
    li.caption_end = caption_end(s, pos, end);
  };
#if HUOZI_LINE_AVX2
  // (With AVX2, a line of three-byte characters only is taken whole by
  // blocks of eight, all at once, if it can be; else one with ASCII among
  // them by blocks of 32 bytes.)
  if constexpr (kBlocks) {
    const FastRun three = three_byte_line_avx2(bytes, pos, end, s.size(), tables.blocks);
    if (three.stop == end) {
      take_whole(three);
      return li;
    }
    const FastRun mixed = mixed_line_avx2(bytes, pos, end, s.size(), tables.blocks);
    if (mixed.stop == end) {
      take_whole(mixed);
      return li;
    }
  }
#endif
  // Most lines start with two different characters, no space before or
  // between them: such a line is not faux bold, and the fast loop takes it
  // from its first character (which has no pair before it) instead of
  // step(), whose pair bookkeeping then says nothing (finish_line reads it
  // only while the line may be doubled).
  FastRun first_run;
  bool first_two = false;
  {
    char32_t c1 = 0, c2 = 0;
    std::size_t l1 = 0, l2 = 0;
    const std::uint64_t e1 = plain_at(pos, c1, l1);
    const std::uint64_t e2 = (e1 & kTakes) ? plain_at(pos + l1, c2, l2) : 0;
    if ((e2 & kTakes) && c1 != c2) {
      first_two = true;
      first_run = fast_run(pos, 0);
      if (first_run.stop == end) {
        take_whole(first_run);
        return li;
      }
    }
  }
  // (The scan's state made only for lines the run above did not take whole.)
  LineScan n(li, pos, end);
  if (first_two) {
    n.seen = true;
    n.content_b = pos;
    n.doubled = false;
    fast_add(n, first_run);
    --n.pairs;
    i = first_run.stop;
  }
  while (i < end) {
    // The fast loop wherever it may run; step() for the rest (the first
    // characters of other lines, spaces and what follows them, …).
    if (n.prev != 0 && n.pending_space_w == 0 && !n.doubled) {
      const FastRun r = fast_run(i, n.li.trailing_punct);
      fast_add(n, r);
      i = r.stop;
      if (i >= end) break;
    }
    const text::DecodedChar d = text::next_char(line, i);
    n.step(d, char_flags(d.cp), i);
    i += d.len;
  }
  finish_line(s, n);
  return li;
}

[[gnu::noinline]] LineInfo measure_line_plain(std::string_view s, std::size_t pos, std::size_t end) {
  return measure_line_with<false>(s, pos, end);
}

#if HUOZI_LINE_AVX2
// measure_line_with() compiled for AVX2, all it calls inlined (flatten: a
// function compiled for AVX2 inlines only functions compiled for it, or
// all it calls; those that are calls anyway are marked noinline).
[[gnu::target("avx2"), gnu::flatten, gnu::noinline]] LineInfo measure_line_avx2(std::string_view s, std::size_t pos,
                                                                                std::size_t end) {
  return measure_line_with<true>(s, pos, end);
}
const bool kHaveAvx2 = text::cpu_has_avx2();
#endif

using MeasureLine = LineInfo (*)(std::string_view, std::size_t, std::size_t);

// The measure_line() of this thread: with AVX2 blocks where the processor
// has AVX2 and detail::avx2_paths() is on, else without. (scan_lines asks
// once a page, not once a line.)
MeasureLine fast_measure_line() {
#if HUOZI_LINE_AVX2
  if (kHaveAvx2 && detail::avx2_paths()) return measure_line_avx2;
#endif
  return measure_line_plain;
}

}  // namespace

LineInfo measure_line(std::string_view s, std::size_t pos, std::size_t end) {
  return fast_measure_line()(s, pos, end);
}

namespace reference {

// measure_line() character by character, without the Han-run loop: the
// oracle its property test compares it with (tests/cpp/test_oracles.cpp).
LineInfo measure_line(std::string_view s, std::size_t pos, std::size_t end) {
  LineInfo li;
  LineScan n(li, pos, end);
  const std::string_view line = s.substr(0, end);
  for (std::size_t i = pos; i < end;) {
    const text::DecodedChar d = text::next_char(line, i);
    n.step(d, char_flags(d.cp), i);
    i += d.len;
  }
  finish_line<true>(s, n);
  return li;
}

}  // namespace reference

namespace detail {
namespace {
thread_local bool use_reference_paths = false;
thread_local bool use_avx2_paths = true;
}  // namespace
bool reference_paths() noexcept { return use_reference_paths; }
void set_reference_paths(bool on) noexcept { use_reference_paths = on; }
bool avx2_paths() noexcept { return use_avx2_paths; }
void set_avx2_paths(bool on) noexcept { use_avx2_paths = on; }
}  // namespace detail

namespace {

// The first \n, \r or \f at or after pos (and before n), else n. Sixteen
// bytes at a time where SSE2 is there (every x86-64).
std::size_t next_line_end(const unsigned char* p, std::size_t pos, std::size_t n) {
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), ff = _mm_set1_epi8('\f');
  for (; pos + 16 <= n; pos += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr)), _mm_cmpeq_epi8(v, ff));
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return pos + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (pos < n && p[pos] != '\n' && p[pos] != '\r' && p[pos] != '\f') ++pos;
  return pos;
}

#if HUOZI_LINE_AVX2
// next_line_end() 32 bytes at a time: a byte is \n, \f or \r exactly when
// it equals the entry of a 16-byte table its low four bits pick (the entries
// 0x0A, 0x0C, 0x0D at those places, 0x80 elsewhere; a byte above 0x7F picks 0).
[[gnu::target("avx2")]] inline std::size_t next_line_end_avx2(const unsigned char* p, std::size_t pos, std::size_t n) {
  const __m256i ends = _mm256_setr_epi8(-128, -128, -128, -128, -128, -128, -128, -128, -128, -128, '\n', -128, '\f',
                                        '\r', -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
                                        '\n', -128, '\f', '\r', -128, -128);
  for (; pos + 32 <= n; pos += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + pos));
    const auto mask = static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_shuffle_epi8(ends, v), v)));
    if (mask != 0) return pos + static_cast<std::size_t>(__builtin_ctz(mask));
  }
  return next_line_end(p, pos, n);
}
#endif

// scan_lines() measuring each line with measure, or (kAvx2) with
// measure_line_avx2 (a direct call) and the line ends looked for 32 bytes at
// a time.
template <bool kAvx2>
[[gnu::always_inline]] inline std::vector<LineInfo> scan_lines_with(std::string_view s,
                                                                    [[maybe_unused]] MeasureLine measure) {
  std::vector<LineInfo> lines;
  lines.reserve(s.size() / 40 + 1);
  std::uint16_t blanks = 0;
  bool page_break = false;
  std::size_t pos = 0;
  const std::size_t n = s.size();
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  std::uint32_t physical = 0;  // index of the next line
  while (pos <= n) {
    // The end of this line: the next \n, \r or \f, all three looked for in
    // one pass (each byte of the page is looked at once, whatever its line
    // ends; three memchr calls per line cost more on short lines).
#if HUOZI_LINE_AVX2
    const std::size_t end = kAvx2 ? next_line_end_avx2(bytes, pos, n) : next_line_end(bytes, pos, n);
#else
    const std::size_t end = next_line_end(bytes, pos, n);
#endif
    // Measured straight into the vector (the conversion's result initializes
    // the element itself), not into a local copied afterwards.
    struct Measured {
      std::string_view s;
      std::size_t pos, end;
      MeasureLine measure;
      operator LineInfo() const { return measure(s, pos, end); }
    };
    LineInfo* measured = nullptr;
#if HUOZI_LINE_AVX2
    // (With AVX2 the measure is inlined here, not called: scan_lines_avx2
    // flattens what it calls, and a conversion compiled for AVX2 may be
    // inlined into it. A call per line saved and restored six registers and
    // returned the line through memory: 1.5 M instructions a pass over the
    // bench pages.)
    struct MeasuredAvx2 {
      std::string_view s;
      std::size_t pos, end;
      [[gnu::target("avx2")]] operator LineInfo() const { return measure_line_with<true>(s, pos, end); }
    };
    if constexpr (kAvx2) measured = &lines.emplace_back(MeasuredAvx2{s, pos, end});
    else measured = &lines.emplace_back(Measured{s, pos, end, measure});
#else
    measured = &lines.emplace_back(Measured{s, pos, end, measure});
#endif
    LineInfo& li = *measured;
    li.physical = physical++;  // (counted: the vector's size is a division by 80)
    if (!li.blank) {
      li.blanks_before = blanks;
      li.page_break_before = page_break;
      blanks = 0;
      page_break = false;
    }
    if (li.blank && blanks < UINT16_MAX) ++blanks;  // saturates: 65,536 blank lines are not 0
    if (end >= n) break;
    // Consume the terminator. (Read once: the line's flags stored above are
    // bytes, which may alias the text as far as the compiler knows. Most
    // lines end with \n.)
    const unsigned char terminator = bytes[end];
    if (terminator == '\n') {
      pos = end + 1;
    } else {
      if (terminator == '\f') page_break = true;
      if (terminator == '\r' && end + 1 < n && bytes[end + 1] == '\n') pos = end + 2;
      else pos = end + 1;
    }
    if (pos == n) {  // text ends with a terminator: no extra empty line
      break;
    }
  }
  return lines;
}

#if HUOZI_LINE_AVX2
[[gnu::target("avx2"), gnu::flatten]] std::vector<LineInfo> scan_lines_avx2(std::string_view s) {
  return scan_lines_with<true>(s, nullptr);
}
#endif

}  // namespace

std::vector<LineInfo> scan_lines(std::string_view s) {
  // (Which measure: asked once a page, not once a line.)
  if (detail::reference_paths()) return scan_lines_with<false>(s, reference::measure_line);
#if HUOZI_LINE_AVX2
  if (kHaveAvx2 && detail::avx2_paths()) return scan_lines_avx2(s);
#endif
  return scan_lines_with<false>(s, measure_line_plain);
}

}  // namespace huozi::repair
