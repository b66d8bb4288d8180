// Line repair. Three passes over the lines of a page:
//   1. scan_lines() measures every line (line.cpp);
//   2. column widths are estimated for the whole page at once (a Viterbi pass
//      over the common widths of wrapped lines), then every break
//      between two non-blank lines gets a JoinDecision from its features;
//   3. units are assembled from the decisions and their text is cleaned
//      (justification spaces, doubled glyphs, hyphens), with a source map.
// All passes are linear in the size of the page.
#include "huozi/repair/repair.hpp"
#include "huozi/repair/interleave.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// AVX2 for the column-width pass where the compiler can target it for one
// function and ask the processor at run time (GCC and Clang on x86-64).
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HUOZI_REPAIR_AVX2 1
#include <immintrin.h>
#else
#define HUOZI_REPAIR_AVX2 0
#endif

#include "huozi/segment/byline.hpp"
#include "huozi/segment/tokenize.hpp"
#include "huozi/text/chars.hpp"
#include "huozi/text/cpu.hpp"
#include "huozi/text/find.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi::repair {
namespace {

using text::char_flags;
using text::decode_at;

// Whether t reads as a byline: segment::parse_byline(t).has_value(), told by
// parse_byline_names() (the same reading) into a list kept for the purpose
// (names: filled afresh), not into a ParsedByline whose names are built as
// strings and dropped.
bool reads_as_byline(std::string_view t, std::vector<segment::BylineNameAt>& names) {
  names.clear();
  return segment::parse_byline_names(t, names);
}
// The same with a list kept per thread, for the passes that ask it a few
// times a page. (The per-line passes take the page's list, Ctx::scratch: in
// the Python extension, a shared object, each read of a thread_local is a
// call to __tls_get_addr.)
bool reads_as_byline(std::string_view t) {
  thread_local std::vector<segment::BylineNameAt> names;
  return reads_as_byline(t, names);
}

struct PageScratch;

// Tolerances, in display columns (one CJK character = 2 columns = 1 em).
// They grow with the column: a wide column has more punctuation squeezed
// or stretched by justification, so its full lines vary more.
constexpr std::uint32_t kMaxHeadingChars = 40;
// A headline line of one phrase (no gap inside) over a line of text holds
// twenty characters at most; a longer line without a mark there is a line of
// running text that wrapped before its first mark (a wide paragraph's first
// line under a narrow article's head). kMaxHeadingChars allows for phrases
// set apart by gaps, and a headline over a byline or a subtitle may be
// longer (a document's title: …关于…的决定).
constexpr std::uint32_t kMaxOnePhraseHeadingChars = 20;
constexpr int kIndentEm = 3;  // a line at least this many columns short may have lost its indent

int run_tolerance(int col) { return std::max(4, col / 10); }
int full_slack(int col) { return std::max(3, col / 16); }
int short_margin(int col) { return std::max(7, col / 8); }
// (| and &, not || and &&, in the tests of line flags below and in the loops
// that run once per line: a page mixes lines of every kind, a branch per flag
// mispredicts, and the flags are plain loads.)
bool has_punct(const LineInfo& l) { return l.has_sentence_punct | l.has_clause_punct; }
// Whether a line's content ends in a dash (—, ―): a dash pair is never cut
// at a line end, so a line ending in one may run past the column by it.
bool ends_in_dash(std::string_view src, const LineInfo& l) {
  if (l.trailing_punct == 0) return false;
  const char32_t last = text::decode_before(src, l.content.end).cp;
  return last == 0x2014 || last == 0x2015;
}
// Lines that can anchor a column-width estimate: running text, not labels and
// not short unpunctuated lines (two headline lines are not a column).
bool body_evidence(const LineInfo& l) { return has_punct(l) | l.has_paren | (l.chars >= 16); }
// A space between two Han characters that sets phrases apart (a headline's,
// names'): not the spaces of a letter-spaced line, which stand between every
// two characters of running text as well.
bool phrase_gap(const LineInfo& l) { return l.han_gap & !l.letter_spaced; }

// What a line is, as far as repair needs to know: running text, or a line
// that stands on its own (it is never joined to its neighbours).
enum class LineRole : std::uint8_t {
  kText,      // running text
  kHeading,   // a title line, kicker, subheading (from the line's shape and neighbours)
  kByline,    // 通讯员 侯宪锋 张巍
  kSubtitle,  // ——副题
  kJump,      // （下转第2版）
  kLabel,     // ①① and other symbol-only lines
  kFurniture, // page header or footer: 责任编辑：王五, 13 综合, 济宁日报 2020年7月24日 星期五
};

struct Ctx {
  std::string_view text;
  const std::vector<LineInfo>& lines;
  std::vector<std::uint32_t> nb{};        // indices of non-blank lines
  std::vector<std::uint16_t> width_of{};  // column width per entry of nb
  std::vector<LineRole> role{};           // per entry of nb
  bool blanks_mark_paragraphs = false;
  // The page sets a blank line after a paragraph's first line (see
  // first_line_under_sentence_end()).
  bool blank_after_first_lines = false;
  // A running line wraps on over a blank line somewhere other than after a
  // paragraph's first line: the page's blank lines break columns too.
  bool blanks_break_columns = false;
  bool squeeze = false;                 // punctuation measured half width
  bool unwrapped = false;               // lines are whole paragraphs already (e.g. repair's own output)
  bool reference = false;               // detail::reference_paths(), asked once a page
  // The thread's PageScratch, taken once a page (page_scratch()) and reached
  // through here by the passes that run once a line: in the Python
  // extension, a shared object, each read of a thread_local is a call to
  // __tls_get_addr. (Scratch, written through a const Ctx too.)
  PageScratch* scratch = nullptr;
  const LineInfo& at(std::size_t k) const { return *line_at[k]; }
  int width(std::size_t k) const { return widths[k]; }
  // width(k) counts half of a closing mark that ends the line (it may hang
  // in the margin); this counts it whole: what the line holds, for tests of
  // a first line 2 em short of its column.
  // (On a page that squeezes its marks a closing mark ending the line was
  // counted at its printed width already, not halved: nothing to add.)
  int full_width(std::size_t k) const { return widths[k] + (at(k).trailing_punct && !squeeze ? 1 : 0); }
  std::string_view content(std::size_t k) const {
    const LineInfo& l = at(k);
    return {text.data() + l.content.start, l.content.end - l.content.start};  // (a span of text: no bounds check)
  }
  bool standalone(std::size_t k) const { return role[k] != LineRole::kText; }
  // Lines that hold only closing quotes, brackets and end punctuation (” or
  // 。」): marks broken off the end of the line above, never a line of
  // their own (some layouts hang them past the column edge).
  std::vector<char> broken_off{};
  // A byline glued after the last sentence of line k goes on over line k+1.
  std::vector<char> tail_wraps{};
  // A byline broken over short lines (■通讯员 / 汪飞晓 / 彭峰): line k goes on at k+1.
  std::vector<char> byline_wraps{};
  // width(k) and wrapped_width(c, k) per entry of nb, worked out once when
  // the measure is chosen: every pass asks for them, many times per line.
  std::vector<int> widths{}, wrapped_widths{};
  // &lines[nb[k]] per entry of nb, set with the widths (nb is final then,
  // and so are the lines' places; nothing asks at() before): at(k), asked
  // everywhere, is one load of a pointer, not the index, the vector behind
  // the reference lines and a multiply by LineInfo's 80 bytes (4 % of
  // repair's instructions).
  std::vector<const LineInfo*> line_at{};

  void measure_widths() {
    const std::size_t m = nb.size();
    line_at.resize(m);
    for (std::size_t k = 0; k < m; ++k) line_at[k] = &lines[nb[k]];
    widths.resize(m);
    wrapped_widths.resize(m);
    // Text stretched down a column one character a line (the extreme of
    // letter spacing; 处 / 躲 / 没处藏。 ) and the rest of that printed line
    // under it: the rest is as wide as the whole line, the characters
    // stretched above it included. (run: one-character lines just above.)
    std::size_t run = 0;
    int run_width = 0;
    for (std::size_t k = 0; k < m; ++k) {
      const LineInfo& l = at(k);
      widths[k] = adjusted_width(l, squeeze);
      if (l.chars == 1) [[unlikely]] {
        const bool attached = l.blanks_before == 0 && !l.page_break_before;
        run = attached ? run + 1 : 1;
        run_width = attached ? run_width + widths[k] : widths[k];
        continue;
      }
      if (run > 0) [[unlikely]] {
        if (run >= 2 && l.blanks_before == 0 && !l.page_break_before) widths[k] += run_width;
        run = 0;
        run_width = 0;
      }
    }
    // The width a line would have had if what starts the next line could
    // have been broken: a line wrapped before an unbreakable number or word,
    // or before an opening bracket, is full even though it looks short.
    for (std::size_t k = 0; k < m; ++k)
      wrapped_widths[k] = widths[k] + (k + 1 < m && !at(k + 1).page_break_before ? at(k + 1).unbreakable_start : 0);
  }
};

bool only_closing_marks(std::string_view t) {
  if (t.empty()) return false;
  for (std::size_t i = 0; i < t.size();) {
    auto d = decode_at(t, i);
    i += d.len;
    const auto f = char_flags(d.cp);
    if (f & text::kSpace) continue;
    if (!(f & (text::kClosing | text::kSentenceEnd | text::kClausePunct))) return false;
  }
  return true;
}


// (is_page_furniture() past its first test, with the line's first
// character: lexical_role() has it at hand and gives it, and whether the
// reference paths are on, which it asked once a page.)
bool is_page_furniture_text(std::string_view t, const LineInfo& l, char32_t first, bool reference);
bool is_page_furniture(std::string_view t, const LineInfo& l) {
  if ((l.chars > 40) | l.has_sentence_punct) return false;
  return is_page_furniture_text(t, l, text::next_char(t, 0).cp, detail::reference_paths());
}

// A headline printed on the same baseline as the first line of a body comes
// out as one line with a gap (`新建学校三所 为进一步扩大优质教育资源，我`).
// When the line before does not run on into it, the line is split in two at
// the gap: the headline, then the body line.
// (Asked only of a page with a line split_at > 0.)
std::vector<LineInfo> split_shared_baselines(std::string_view src, std::vector<LineInfo> lines) {
  // The lines as split, built from the first split on: the lines before it
  // are the ones given (the tests below read only those), and a page where
  // no line is split gets its lines back as they are, not copied.
  std::vector<LineInfo> out;
  bool split = false;
  auto keep = [&](const LineInfo& l) {
    if (split) out.push_back(l);
  };
  auto next_nonblank = [&](std::size_t i) -> const LineInfo* {
    for (std::size_t j = i + 1; j < lines.size(); ++j) if (!lines[j].blank) return &lines[j];
    return nullptr;
  };
  // A line set tight under the one before it (no blank line, no page break
  // between): the same paragraph may go on there.
  auto tight = [](const LineInfo* a) { return a && a->blanks_before == 0 && !a->page_break_before; };
  // A line n as wide as the line a set tight under it (a counts: 8
  // characters or more): n is full, its paragraph goes on, a tells the column.
  auto as_wide_as_tight = [&](const LineInfo& n, const LineInfo* a) {
    return tight(a) && a->chars >= 8 && std::abs(static_cast<int>(n.width) - static_cast<int>(a->width)) <= 2;
  };
  const LineInfo* prev = nullptr;
  const LineInfo* last_wrapped = nullptr;  // the last line of running text that wraps (punctuated, open)
  const LineInfo* last_wrapped_above = nullptr;  // the same, past blank lines (another article's, maybe)
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const LineInfo& l = lines[i];
    // (last_wrapped measures the column of the text going on here: not past
    // a blank line or a page break, where another article may start.)
    if (l.blank) { keep(l); last_wrapped = nullptr; continue; }
    if (l.page_break_before) last_wrapped = last_wrapped_above = nullptr;
    const bool prev_runs_on = prev && has_punct(*prev) && !prev->ends_sentence && !prev->has_tail();
    if (prev_runs_on) last_wrapped = last_wrapped_above = prev;
    // A line without a gap to split at is kept as it is: everything below
    // asks for one. (Told first: most lines have none.)
    if (l.split_at == 0) {
      keep(l);
      prev = &l;
      continue;
    }
    // The body half's measures, read once for the tests below that need them.
    std::optional<LineInfo> body_half;
    auto half_of = [&]() -> const LineInfo& {
      if (!body_half) body_half = measure_line_or_reference(src, l.split_resume, l.line.end);
      return *body_half;
    };
    auto split_here = [&] {
      LineInfo head = measure_line_or_reference(src, l.line.start, l.split_at);
      head.physical = l.physical;
      head.blanks_before = l.blanks_before;
      head.page_break_before = l.page_break_before;
      LineInfo body = half_of();
      body.physical = l.physical;
      body.split_body = true;
      if (!split) {
        split = true;
        out.reserve(lines.size() + 8);
        out.assign(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(i));
      }
      out.push_back(head);
      out.push_back(body);
      prev = &l;
    };
    // A byline on one baseline with a line of running text, the byline
    // first (see byline_before_text), under a head or an article's end (the
    // line over it a heading's, without a mark, or ending a sentence, or
    // none): two units, the byline and the first line of the text it stands
    // beside. (Under a line that runs on, the text is more likely columns
    // read row by row, where a byline cut out would cut an article in the
    // middle of another's lines.)
    const bool under_head_or_end = prev == nullptr || l.blanks_before > 0 || l.page_break_before ||
                                   prev->ends_sentence || !has_punct(*prev);
    // (The text beside it is a paragraph's first line, 2 em short of the
    // line under it, which goes on from it in its column: not the middle of
    // a paragraph whose other lines stand elsewhere.)
    auto opens_paragraph = [&] {
      const LineInfo* next = next_nonblank(i);
      if (!tight(next) || next->spaces_inside > 0 || !has_punct(*next)) return false;
      const LineInfo& half = half_of();
      const int short_by = static_cast<int>(next->width) - static_cast<int>(half.width);
      return half.spaces_inside == 0 && short_by >= 3 && short_by <= 5;
    };
    if (under_head_or_end && opens_paragraph() &&
        byline_before_text(src, l.content.start, l.content.end).first == l.split_at &&
        reads_as_byline(src.substr(l.content.start, l.split_at - l.content.start))) {
      split_here();
      continue;
    }
    // The body half must read as running text: punctuation in the line, or a
    // line as wide as the next one (a full body line with a headline in it).
    bool body_like = has_punct(l);
    if (!body_like) {
      const LineInfo* next = next_nonblank(i);
      const LineInfo* after_next = next ? next_nonblank(static_cast<std::size_t>(next - lines.data())) : nullptr;
      // (Not when a blank line sets the next line apart, or the next line
      // opens a paragraph itself, 2 em short of the line after it (a mark
      // may hang past its end; a line a column or so short is full but for
      // a half-width digit or a mark it could not end on): the body half
      // would be a paragraph of one unpunctuated line. Such a line is a
      // headline of two phrases, gap and all: 精选稿件上下功夫 实事求是的思想路线.)
      // (When the next line ends in a mark that may hang, so may the line
      // after it: each is measured without its own, or a full line ending in
      // a comma over one ending in a hanging semicolon would read as 2 em
      // short.)
      // (Nor is a line ending in a dash: a dash pair is never cut, so a line
      // ending in one runs past the column by as much (开展—— / “平安春运”…):
      // it is measured without it.)
      const bool next_opens = next && tight(after_next) && !next->ends_sentence &&
                              next->width - next->trailing_punct + 4 <=
                                  after_next->width - (next->trailing_punct > 0 || ends_in_dash(src, *after_next)
                                                           ? after_next->trailing_punct
                                                           : 0);
      body_like = next && has_punct(*next) && l.width + 4 >= next->width && l.chars >= 16 &&
                  next->blanks_before == 0 && !next_opens;
      // (Nor when the body half is far shorter than the next line: a
      // paragraph's first line is 2 em short of it, give or take a word that
      // did not fit; a headline's second phrase is anything.)
      if (body_like) body_like = half_of().width + 8 >= next->width;
      // Or the body half is the first line of a paragraph: 2 em short of the
      // full line of running text below it. That line is running text when
      // it has punctuation, or when this line sticks out past it by more than
      // a justified line could (narrow columns go lines without a mark); then
      // it must be as wide as the line after it (a full line, not another
      // paragraph's first line).
      const bool next_runs =
          next && (has_punct(*next) || (l.width >= next->width + 4 && next->spaces_inside == 0 &&
                                        next->chars >= 8 && after_next && after_next->blanks_before == 0 &&
                                        next->width + 2 >= after_next->width));
      // (A next line that ends a sentence tells the column only when it is
      // as wide as the line after it: then it is full, and the paragraph
      // goes on; the line after it measures the column.)
      const bool next_full_end = next && next->ends_sentence && has_punct(*next) && as_wide_as_tight(*next, after_next);
      if (!body_like && next_runs && !next_opens && next->blanks_before == 0 && (!next->ends_sentence || next_full_end)) {
        const LineInfo& half = half_of();
        int col = static_cast<int>(next->ends_sentence ? after_next->width : next->width);
        // (A mark that ends the next line hangs past the column when the
        // line sticks out past the line after it, that line's own mark taken
        // off: the column is the next line without it. 续推进项目建设的同时， /
        // 逐步完善管理制度的一)
        if (!next->ends_sentence && next->trailing_punct > 0 && tight(after_next) &&
            static_cast<int>(next->width) > static_cast<int>(after_next->width) - static_cast<int>(after_next->trailing_punct))
          col = static_cast<int>(next->width) - static_cast<int>(next->trailing_punct);
        // (A next line wrapped early before a number or word that did not fit
        // (…条例》）自 / 1989年…) says only that the column is at least its
        // width: the line under it, in the same paragraph, may say more.)
        if (!next->ends_sentence && tight(after_next) && after_next->unbreakable_start > 0)
          col = std::max(col, static_cast<int>(after_next->width));
        // (Nor can an opening mark end a line: a next line wrapped before the
        // one that starts the line after it (…所辖的7个县 / （市）均为…) stops
        // up to an em short, more with a half-width digit in it; the line
        // after it tells the column.)
        if (!next->ends_sentence && tight(after_next) &&
            (char_flags(text::next_char(src, after_next->content.start).cp) & text::kOpening))
          col = std::max(col, static_cast<int>(after_next->width));
        int short_by = col - static_cast<int>(half.width);
        // (An opening mark cannot end a line: the half may have wrapped an
        // em early before the one that starts the next line.)
        if (short_by > 5 && (char_flags(text::next_char(src.substr(next->content.start), 0).cp) & text::kOpening))
          short_by -= 2;
        // (Nor can a number or a Latin word be cut: a first line wrapped
        // before one that did not fit stops short by more than its 2 em.)
        const bool wrapped_early = short_by > 5 && next->unbreakable_start > 0 && short_by - 4 < next->unbreakable_start;
        body_like = half.chars >= 4 && short_by >= 3 && (short_by <= 5 || wrapped_early);
      }
    }
    // A faux-bold line is one headline, gaps and all (关关键键… 打打基基…).
    // (Nor is page furniture, gaps and all: 责任编辑 王五 美术编辑：赵六. Nor a
    // byline, whose gaps part its role words and names (本报记者 王五、赵六).
    // And a gap after a role word and a name, the head cut at a later gap, is
    // a byline run into the text (本报记者 王五 …), not a headline's phrases.)
    if (!prev_runs_on && body_like && !l.doubled &&
        !is_page_furniture(src.substr(l.content.start, l.content.end - l.content.start), l) &&
        !(l.spaces_inside > 1 && reads_as_byline(src.substr(l.content.start, l.split_at - l.content.start))) &&
        !reads_as_byline(src.substr(l.content.start, l.content.end - l.content.start))) {
      // A gap before a digit is where justification puts its spaces (在医院的
      // 1楼, 全年共有 3个乡镇…): however long the prefix, it is a headline's
      // only when the line is wider than the column (justified text fills
      // the column, never more).
      // (A next line that ends a sentence may stop anywhere: then the last
      // wrapped line above tells the column.)
      // (Not after a gap between two Han characters, which justification
      // never sets: a line split at the last of two or three gaps, the
      // others between a headline's phrases, holds a headline whatever its
      // width: 一批高速路建成通车 撕开厚厚的关系网 2002年完成….)
      if (l.spaces_inside == 1 && l.split_resume < l.line.end && src[l.split_resume] >= '0' &&
          src[l.split_resume] <= '9') {
        const LineInfo* next = next_nonblank(i);
        const LineInfo* measure = next && next->ends_sentence ? last_wrapped : next;
        // (With no wrapped line above, at an article's top, a sentence that
        // ends on a full line, as wide as the line after it in the same
        // paragraph, lets that line tell the column: 农村电网改造 2000年，… /
        // …任务的一大半还多。 / 今年，县里还将继续加大投 / …)
        if (!measure && next && next->ends_sentence) {
          const LineInfo* after_next = next_nonblank(static_cast<std::size_t>(next - lines.data()));
          if (as_wide_as_tight(*next, after_next) && has_punct(*after_next)) measure = after_next;
        }
        // (A mark that ends the measure line may hang past the column: with
        // no mark to hang at its own end, the line is measured against the
        // measure line without it.)
        const int measure_col = measure ? static_cast<int>(measure->width) -
                                              (l.trailing_punct == 0 ? static_cast<int>(measure->trailing_punct) : 0)
                                        : 0;
        // (Nothing of its own to measure it by, a line that sticks out past
        // the last wrapped line above a blank, its body half 2 em short of
        // that line, is a headline beside a first line of that column: a
        // page sets its articles in a few widths.)
        bool first_of_column_above = false;
        if (!measure && next && next->ends_sentence && last_wrapped_above &&
            l.width >= last_wrapped_above->width + 4) {
          const int short_by = static_cast<int>(last_wrapped_above->width) - static_cast<int>(half_of().width);
          first_of_column_above = short_by >= 3 && short_by <= 5;
        }
        if (!first_of_column_above && (!measure || static_cast<int>(l.width) < measure_col + 4)) {
          keep(l);
          prev = &l;
          continue;
        }
      }
      split_here();
      continue;
    }
    keep(l);
    prev = &l;
  }
  if (!split) return lines;
  return out;
}

// Which width measure makes consecutive wrapped lines (mid-sentence, no blank
// between) most even? Returns true for squeezed punctuation. Even by the sum
// of their differences, or by the count of pairs that one measure makes as
// wide as each other (a column apart at most) and the other does not: lines
// of one column are, in the page's own measure. (Pairs of lines no measure
// makes even, a headline over its lead, a first line 2 em short over the
// next, lines of two columns on a page with no blank lines between its
// articles, swell both sums alike and can hide the measure that holds;
// they count for neither measure in the pairs.)
bool choose_squeeze(const std::vector<LineInfo>& lines, const std::vector<std::uint32_t>& nb) {
  double dev_plain = 0, dev_squeezed = 0;
  int even_plain = 0, even_squeezed = 0;  // pairs a column apart at most
  if (nb.empty()) return false;
  // (What the pair test asks of line a is kept from the pair before, where
  // it was line b: each line's facts read once.)
  bool a_open_long = !lines[nb[0]].ends_sentence & (lines[nb[0]].chars >= 8);
  std::uint32_t a_wide = lines[nb[0]].wide_punct;
  // (And line a's two widths, where the pair before was measured too: most
  // wrapped pairs follow one.)
  bool a_measured = false;
  int a_plain = 0, a_squeezed = 0;
  for (std::size_t k = 1; k < nb.size(); ++k) {
    const LineInfo& b = lines[nb[k]];
    const bool b_open_long = !b.ends_sentence & (b.chars >= 8);
    const bool wrapped_pair = a_open_long & b_open_long & (b.blanks_before == 0) & (a_wide != b.wide_punct);
    a_open_long = b_open_long;
    a_wide = b.wide_punct;
    if (!wrapped_pair) {
      a_measured = false;
      continue;
    }
    const int pb = adjusted_width(b, false), sb = adjusted_width(b, true);
    int pa = a_plain, sa = a_squeezed;
    if (!a_measured) {
      const LineInfo& a = lines[nb[k - 1]];
      pa = adjusted_width(a, false);
      sa = adjusted_width(a, true);
    }
    a_measured = true;
    a_plain = pb;
    a_squeezed = sb;
    dev_plain += std::abs(pa - pb) / static_cast<double>(std::max(pa, pb));
    dev_squeezed += std::abs(sa - sb) / static_cast<double>(std::max(sa, sb));
    const bool plain_even = std::abs(pa - pb) <= 1, squeezed_even = std::abs(sa - sb) <= 1;
    even_plain += plain_even & !squeezed_even;
    even_squeezed += squeezed_even & !plain_even;
  }
  // (By the pairs, a clear majority: two more than twice as many as the
  // plain measure makes even; a pair or two on a short page say little.)
  return dev_squeezed < dev_plain * 0.9 || even_squeezed >= 2 * even_plain + 2;
}

// Column width per non-blank line.
//
// A page is set in a few column widths, one per article (10 to 60 columns),
// and each article's lines fill its width: wrapped lines are full (or 2 em
// short, a paragraph's first line), lines that end a sentence are anything up
// to it. The candidate widths are the common widths of wrapped body lines;
// each line is given one by a Viterbi pass that charges a line for a width it
// does not fit and a switch between widths (cheap at a paragraph end, dear
// inside one). Linear: lines x candidates, with at most kMaxCandidates.
constexpr std::size_t kMaxCandidates = 24;
static_assert(kMaxCandidates <= 32, "viterbi_widths keeps a bit per candidate in 32 bits");
constexpr int kMaxColumn = 400;  // wider lines are not column lines

// What a line says about its column width, for the Viterbi pass: nothing
// (headings, stretched lines), a sentence end (it may stop anywhere short of
// the column), a wrapped line (it fills the column), or an unpunctuated line
// that may be narrow-column text or a heading (half the say).
// kWrappedHanging is a wrapped line that ends in a closing mark: the mark may
// have been pulled onto it (a line may not start with ，), one column past the
// column in the measure (half of the mark counts, or all of a squeezed one).
enum class Say : std::uint8_t { kNothing, kSentenceEnd, kWrapped, kUnpunctuated, kWrappedHanging };
constexpr std::size_t kSays = 5;
struct LineSay {
  Say say = Say::kNothing;
  int width = 0;  // wrapped width, closing marks that may hang taken off
};
// The costs depend on a line only through (what it says, column - width),
// and are flat outside [-3, kSpan - 4]: one table row per candidate and say,
// kSpan entries each.
constexpr int kSpan = 16;

// The cheapest path, as the width of every line's candidate (width_of[k]),
// from the back pointers of a Viterbi pass (back[k * n + j]: the candidate
// of line k - 1 on the cheapest path that gives line k candidate j) and the
// last line's candidate.
void trace_back(const std::vector<std::uint8_t>& back, std::size_t n, std::size_t last, const std::vector<int>& cand,
                std::vector<std::uint16_t>& width_of) {
  std::size_t j = last;
  for (std::size_t k = width_of.size(); k-- > 0;) {
    width_of[k] = static_cast<std::uint16_t>(cand[j]);
    if (k > 0) j = back[k * n + j];
  }
}

// The Viterbi pass: the width of the candidate each line takes on the
// cheapest path (width_of[k], sized to the lines). switch_penalty[k] is the
// cost of a change of width between lines k - 1 and k. Plain version below
// (viterbi_widths_reference), same results; viterbi_widths_avx2 does the
// same eight candidates at a time.
void viterbi_widths_sse2(const std::vector<int>& cand, const std::vector<LineSay>& says,
                         const std::vector<float>& switch_penalty, const std::vector<float>& table,
                         std::vector<std::uint16_t>& width_of) {
  const std::size_t n = cand.size(), m = says.size();
  std::vector<std::uint8_t> back(m * n);
  // A line's costs over the candidates depend on (what it says, its width),
  // and a width beyond kSpan of every candidate costs what the nearest end of
  // the span costs: the row is made once per (say, clamped width) that a page
  // holds, not looked up afresh for every line and candidate.
  const int lo = *std::min_element(cand.begin(), cand.end()) - (kSpan - 4);
  const int hi = *std::max_element(cand.begin(), cand.end()) + 3;
  const std::size_t span = static_cast<std::size_t>(hi - lo + 1);
  std::vector<std::int32_t> row_at((kSays - 1) * span, -1);  // per say but kNothing, per width: offset into rows
  std::vector<float> rows;
  rows.reserve(n * 32);
  auto row_for = [&](const LineSay& ls) -> const float* {
    const int w = std::clamp(ls.width, lo, hi);
    std::int32_t& at = row_at[(static_cast<std::size_t>(ls.say) - 1) * span + static_cast<std::size_t>(w - lo)];
    if (at < 0) {
      // (Sized once and filled through a pointer: a push_back per entry
      // cost more than the lookups.)
      at = static_cast<std::int32_t>(rows.size());
      rows.resize(rows.size() + n);
      float* row = &rows[static_cast<std::size_t>(at)];
      const float* say_costs = &table[static_cast<std::size_t>(ls.say) * kSpan];  // candidate 0's costs for this say
      for (std::size_t j = 0; j < n; ++j)
        row[j] = say_costs[j * kSays * kSpan + static_cast<std::size_t>(std::clamp(cand[j] - w + 3, 0, kSpan - 1))];
    }
    return &rows[static_cast<std::size_t>(at)];
  };
  std::vector<float> cost(n, 0.0f), next_cost(n);
  if (says[0].say != Say::kNothing) {
    const float* row = row_for(says[0]);
    for (std::size_t j = 0; j < n; ++j) cost[j] = row[j];
  }
  std::size_t best = 0;  // the cheapest width so far, kept as the costs are updated
  for (std::size_t j = 1; j < n; ++j) if (cost[j] < cost[best]) best = j;
  for (std::size_t k = 1; k < m; ++k) {
    const float switch_cost = cost[best] + switch_penalty[k];
    std::uint8_t* bk = &back[k * n];
    const std::size_t from_best = best;
    best = 0;
    // A line that says nothing adds no cost (no row).
    const float* row = says[k].say == Say::kNothing ? nullptr : row_for(says[k]);
    std::size_t j = 0;
#if defined(__SSE2__)
    // Four candidates at a time: the same comparisons, selections and
    // additions as the loop below, lane by lane (bitwise selects, so the
    // floats are exactly the scalar ones).
    const __m128 switch4 = _mm_set1_ps(switch_cost);
    const __m128i from_best4 = _mm_set1_epi32(static_cast<int>(from_best));
    __m128i index = _mm_setr_epi32(0, 1, 2, 3);  // j, j + 1, j + 2, j + 3
    for (; j + 4 <= n; j += 4, index = _mm_add_epi32(index, _mm_set1_epi32(4))) {
      const __m128 stay_cost = _mm_loadu_ps(&cost[j]);
      const __m128 stay = _mm_cmple_ps(stay_cost, switch4);
      const __m128 kept = _mm_or_ps(_mm_and_ps(stay, stay_cost), _mm_andnot_ps(stay, switch4));
      _mm_storeu_ps(&next_cost[j], row ? _mm_add_ps(kept, _mm_loadu_ps(&row[j])) : kept);
      const __m128i stay_mask = _mm_castps_si128(stay);
      __m128i from = _mm_or_si128(_mm_and_si128(stay_mask, index), _mm_andnot_si128(stay_mask, from_best4));
      from = _mm_packs_epi32(from, from);  // candidates < 256: four bytes
      from = _mm_packus_epi16(from, from);
      const std::uint32_t four = static_cast<std::uint32_t>(_mm_cvtsi128_si32(from));
      std::memcpy(&bk[j], &four, 4);
    }
#endif
    for (; j < n; ++j) {
      const bool stay = cost[j] <= switch_cost;
      bk[j] = static_cast<std::uint8_t>(stay ? j : from_best);
      const float kept = stay ? cost[j] : switch_cost;
      next_cost[j] = row ? kept + row[j] : kept;
    }
    // The cheapest, the first one on ties: the least cost (min is exact,
    // and no cost is NaN), then the first candidate that has it. Same as
    // keeping the first strictly smaller one, without a branch per step.
    float least = next_cost[0];
    j = 0;
#if defined(__SSE2__)
    __m128 least4 = _mm_set1_ps(least);
    for (; j + 4 <= n; j += 4) least4 = _mm_min_ps(least4, _mm_loadu_ps(&next_cost[j]));
    least4 = _mm_min_ps(least4, _mm_shuffle_ps(least4, least4, _MM_SHUFFLE(1, 0, 3, 2)));
    least4 = _mm_min_ps(least4, _mm_shuffle_ps(least4, least4, _MM_SHUFFLE(2, 3, 0, 1)));
    least = _mm_cvtss_f32(least4);
#endif
    for (; j < n; ++j) least = std::min(least, next_cost[j]);
    // Its first candidate: a bit per candidate that has it, over all of them
    // (n <= kMaxCandidates; no loop that stops where the least cost happens
    // to be, whose exit mispredicts).
    std::uint32_t has_least = 0;
    j = 0;
#if defined(__SSE2__)
    least4 = _mm_set1_ps(least);
    for (; j + 4 <= n; j += 4)
      has_least |= static_cast<std::uint32_t>(_mm_movemask_ps(_mm_cmpeq_ps(_mm_loadu_ps(&next_cost[j]), least4))) << j;
#endif
    for (; j < n; ++j) has_least |= static_cast<std::uint32_t>(next_cost[j] == least) << j;
    best = static_cast<std::size_t>(__builtin_ctz(has_least));
    cost.swap(next_cost);
  }
  std::size_t j = 0;
  for (std::size_t i = 1; i < n; ++i) if (cost[i] < cost[j]) j = i;
  trace_back(back, n, j, cand, width_of);
}

// viterbi_widths() looking each cost up in the table for every line and
// candidate: the oracle of the fast version (Oracles.* in the tests).
void viterbi_widths_reference(const std::vector<int>& cand, const std::vector<LineSay>& says,
                              const std::vector<float>& switch_penalty, const std::vector<float>& table,
                              std::vector<std::uint16_t>& width_of) {
  const std::size_t n = cand.size(), m = says.size();
  std::vector<std::uint8_t> back(m * n);
  auto cost_of = [&](const LineSay& ls, std::size_t j) {
    const int i = std::clamp(cand[j] - ls.width + 3, 0, kSpan - 1);
    return table[(j * kSays + static_cast<std::size_t>(ls.say)) * kSpan + static_cast<std::size_t>(i)];
  };
  std::vector<float> cost(n), next_cost(n);
  for (std::size_t j = 0; j < n; ++j) cost[j] = cost_of(says[0], j);
  std::size_t best = 0;
  for (std::size_t j = 1; j < n; ++j) if (cost[j] < cost[best]) best = j;
  for (std::size_t k = 1; k < m; ++k) {
    const float switch_cost = cost[best] + switch_penalty[k];
    const LineSay& say = says[k];
    std::uint8_t* bk = &back[k * n];
    const std::size_t from_best = best;
    best = 0;
    if (say.say == Say::kNothing) {
      for (std::size_t j = 0; j < n; ++j) {
        const bool stay = cost[j] <= switch_cost;
        bk[j] = static_cast<std::uint8_t>(stay ? j : from_best);
        next_cost[j] = stay ? cost[j] : switch_cost;
        if (next_cost[j] < next_cost[best]) best = j;
      }
    } else {
      const float* row = &table[static_cast<int>(say.say) * kSpan];
      for (std::size_t j = 0; j < n; ++j) {
        const bool stay = cost[j] <= switch_cost;
        bk[j] = static_cast<std::uint8_t>(stay ? j : from_best);
        const int i = std::clamp(cand[j] - say.width + 3, 0, kSpan - 1);
        next_cost[j] = (stay ? cost[j] : switch_cost) + row[j * kSays * kSpan + static_cast<std::size_t>(i)];
        if (next_cost[j] < next_cost[best]) best = j;
      }
    }
    cost.swap(next_cost);
  }
  std::size_t j = 0;
  for (std::size_t i = 1; i < n; ++i) if (cost[i] < cost[j]) j = i;
  trace_back(back, n, j, cand, width_of);
}

// Scratch kept per thread from page to page (PageScratch, the Viterbi
// buffers below) goes back to the heap after a page that grew one of its
// vectors past a cap: what a thread keeps stays at the size of an ordinary
// page, not of the largest one it ever met (an archive run meets a 100 MB
// page now and then). PageScratch's vectors hold 1 to 8 bytes a line: 256 KB
// is a page of 32,000 to 260,000 lines. The Viterbi pass keeps up to 96
// bytes a line: 4 MB is a page of some 44,000 lines or more.
constexpr std::size_t kScratchKeepBytes = std::size_t{1} << 18;
constexpr std::size_t kViterbiKeepBytes = std::size_t{1} << 22;
template <class T>
bool worth_keeping(const std::vector<T>& v, std::size_t cap = kScratchKeepBytes) {
  return v.capacity() * sizeof(T) <= cap;
}
template <class T>
void trim_scratch(std::vector<T>& v, std::size_t cap) {
  if (!worth_keeping(v, cap)) std::vector<T>().swap(v);
}
template <class T>
std::size_t bytes_of(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

// The AVX2 Viterbi pass's per-line buffers, kept per thread (see there).
struct ViterbiBuffers {
  std::vector<float> line_costs;
  std::vector<std::uint32_t> kept_own;
  // Its rows of line costs and where each is (two vectors a page asked of
  // the heap and given back, more as the rows grew).
  std::vector<std::int32_t> row_at;
  std::vector<float> rows;
  std::vector<float> row_least;  // per row of line costs, the least of its costs
};
// (Not inlined, nor page_scratch() below: inlined, the compiler takes the
// thread_local's address afresh after every call of the function that holds
// it, rather than keep it in a register, and in the Python extension, a
// shared object, each time is a call to __tls_get_addr: 16 a page in
// repair_page, 16 a page in the Viterbi pass.)
[[gnu::noinline]] ViterbiBuffers& viterbi_buffers() {
  thread_local ViterbiBuffers buffers;
  return buffers;
}

#if HUOZI_REPAIR_AVX2
// viterbi_widths_sse2 eight candidates at a time, all of a line's costs in G
// registers (G = up to 8, 16 or 24 candidates): the costs of a line never go
// through memory, only its row of line costs is loaded. The lanes past the
// last candidate cost +inf and add +inf: they never keep their cost, never
// are the least, and the real lanes compute exactly what the scalar loop
// does (the same comparison per lane, and the same sums, chosen as a min of
// two sums: see the loop over the lines; a line that says nothing adds a
// row of zeros, and x + 0 is x for every cost).
// switch_cost is the least cost plus the penalty: the least cost is the cost
// of the best candidate. The way back is kept per line as a bit per
// candidate that kept its own cost (else it came from the best candidate of
// the line before, found on the way back from that line's kept costs).
// The least of G registers of costs, in every lane (min is exact, and no
// cost is NaN), and the first candidate that has it.
template <std::size_t G>
[[gnu::target("avx2")]] inline __m256 least_of(const __m256 (&v)[G]) {
  __m256 least = v[0];
  for (std::size_t g = 1; g < G; ++g) least = _mm256_min_ps(least, v[g]);
  least = _mm256_min_ps(least, _mm256_permute2f128_ps(least, least, 1));
  least = _mm256_min_ps(least, _mm256_shuffle_ps(least, least, _MM_SHUFFLE(1, 0, 3, 2)));
  return _mm256_min_ps(least, _mm256_shuffle_ps(least, least, _MM_SHUFFLE(2, 3, 0, 1)));
}
template <std::size_t G>
[[gnu::target("avx2")]] inline std::uint32_t first_with(const __m256 (&v)[G], __m256 least) {
  std::uint32_t has = 0;
  for (std::size_t g = 0; g < G; ++g)
    has |= static_cast<std::uint32_t>(_mm256_movemask_ps(_mm256_cmp_ps(v[g], least, _CMP_EQ_OQ))) << (8 * g);
  return static_cast<std::uint32_t>(__builtin_ctz(has));
}

// A row of line costs for a line w wide from the table (say_costs: candidate
// 0's entries for what the line says), +inf in the padded lanes.
template <std::size_t G>
[[gnu::target("avx2")]] inline void gather_row(float* row, const float* say_costs, int w, const __m256i (&lane_cand)[G],
                                               const __m256i (&lane_base)[G], const __m256i (&lane_real)[G]) {
  const __m256i width = _mm256_set1_epi32(w), last = _mm256_set1_epi32(kSpan - 1), zero = _mm256_setzero_si256();
  const __m256 never = _mm256_set1_ps(std::numeric_limits<float>::infinity());
  for (std::size_t g = 0; g < G; ++g) {
    const __m256i i = _mm256_min_epi32(_mm256_max_epi32(_mm256_sub_epi32(lane_cand[g], width), zero), last);
    _mm256_storeu_ps(row + 8 * g, _mm256_mask_i32gather_ps(never, say_costs, _mm256_add_epi32(lane_base[g], i),
                                                           _mm256_castsi256_ps(lane_real[g]), 4));
  }
}

// The least cost of a row of line costs (its padded lanes +inf).
template <std::size_t G>
[[gnu::target("avx2")]] inline float row_least_of(const float* row) {
  __m256 costs[G];
  for (std::size_t g = 0; g < G; ++g) costs[g] = _mm256_loadu_ps(row + 8 * g);
  return _mm256_cvtss_f32(least_of<G>(costs));
}

template <std::size_t G>
[[gnu::target("avx2")]] void viterbi_widths_avx2(const std::vector<int>& cand, const std::vector<LineSay>& says,
                                                 const std::vector<float>& switch_penalty,
                                                 const std::vector<float>& table, std::vector<std::uint16_t>& width_of) {
  constexpr std::size_t kLanes = 8 * G;
  const std::size_t n = cand.size(), m = says.size();
  const float never = std::numeric_limits<float>::infinity();
  const int lo = *std::min_element(cand.begin(), cand.end()) - (kSpan - 4);
  const int hi = *std::max_element(cand.begin(), cand.end()) + 3;
  const std::size_t span = static_cast<std::size_t>(hi - lo + 1);
  // Rows of line costs, kLanes floats each, made once per (say, clamped
  // width) as in viterbi_widths_sse2; row 0 is the one of a line that says nothing.
  // (Locals that take the thread's vectors' room for the page and give it
  // back at the end: through references to the thread's own, the loop below
  // loaded their data pointers again after every store.)
  ViterbiBuffers& buffers = viterbi_buffers();
  std::vector<std::int32_t> row_at;
  row_at.swap(buffers.row_at);
  row_at.assign((kSays - 1) * span, -1);
  std::vector<float> rows;
  rows.swap(buffers.rows);
  rows.clear();
  rows.reserve(kLanes * 32);
  rows.resize(kLanes, never);
  std::fill_n(rows.begin(), n, 0.0f);
  // The least cost of each row (row 0's: 0, a line that says nothing adds
  // nothing), kept with it: see the loop over the lines below.
  std::vector<float> row_least;
  row_least.swap(buffers.row_least);
  row_least.assign(1, 0.0f);
  // A row is gathered from the table eight candidates at a time: candidate
  // j's entry for a line w wide is at j * kSays * kSpan + say * kSpan +
  // clamp(cand[j] - w + 3, 0, kSpan - 1); the padded lanes are not read.
  __m256i lane_cand[G], lane_base[G], lane_real[G];
  for (std::size_t g = 0; g < G; ++g) {
    alignas(32) std::int32_t cj[8], bj[8], rj[8];
    for (std::size_t l = 0; l < 8; ++l) {
      const std::size_t j = 8 * g + l;
      cj[l] = j < n ? cand[j] + 3 : 0;
      bj[l] = static_cast<std::int32_t>(j < n ? j * kSays * kSpan : 0);
      rj[l] = j < n ? -1 : 0;
    }
    lane_cand[g] = _mm256_load_si256(reinterpret_cast<const __m256i*>(cj));
    lane_base[g] = _mm256_load_si256(reinterpret_cast<const __m256i*>(bj));
    lane_real[g] = _mm256_load_si256(reinterpret_cast<const __m256i*>(rj));
  }
  auto row_for = [&](const LineSay& ls) -> std::size_t {
    if (ls.say == Say::kNothing) return 0;
    const int w = std::clamp(ls.width, lo, hi);
    std::int32_t& at = row_at[(static_cast<std::size_t>(ls.say) - 1) * span + static_cast<std::size_t>(w - lo)];
    if (at < 0) {
      at = static_cast<std::int32_t>(rows.size());
      rows.resize(rows.size() + kLanes);
      gather_row<G>(&rows[static_cast<std::size_t>(at)], &table[static_cast<std::size_t>(ls.say) * kSpan], w,
                    lane_cand, lane_base, lane_real);
      row_least.push_back(row_least_of<G>(&rows[static_cast<std::size_t>(at)]));
    }
    return static_cast<std::size_t>(at);
  };
  __m256 cost[G];
  {
    const float* row = &rows[row_for(says[0])];
    for (std::size_t g = 0; g < G; ++g) cost[g] = _mm256_loadu_ps(row + 8 * g);
  }
  // Each line's costs are kept (kLanes floats a line): the way back reads
  // the best candidate of the line before only where the path switches
  // widths, a few lines a page, and finds it there, not on every line.
  // (Its per-line buffers kept per thread from page to page, as PageScratch's
  // are: most pages allocate neither. Only grown, never zeroed again: every
  // line's row of costs, and its bits from line 1 on, are written before
  // they are read.)
  if (buffers.line_costs.size() < m * kLanes) buffers.line_costs.resize(m * kLanes);
  if (buffers.kept_own.size() < m) buffers.kept_own.resize(m);
  float* const line_costs = buffers.line_costs.data();
  for (std::size_t g = 0; g < G; ++g) _mm256_storeu_ps(&line_costs[8 * g], cost[g]);
  __m256 least = least_of<G>(cost);
  std::uint32_t* const kept_own = buffers.kept_own.data();  // per line, a bit per candidate that kept its cost
  // Each line's costs are the kept costs plus the line's row: per lane
  // (kept + r), kept = cost where cost <= switch_cost, else switch_cost. As
  // rounding is monotonic, that is exactly min(cost + r, switch_cost + r),
  // and the least of a line's costs is min(least of (cost + r),
  // switch_cost + least of r). Worked out so, the least (the next line's
  // switch cost) no longer waits for the line's costs and their least in
  // turn: cost + r and its least need only the line before's costs, and the
  // path from one line's least to the next is an add, an add and a min (the
  // least of every row found once, when the row is made). The pass was
  // bound by that chain, some 40 cycles a line. The costs are the same
  // floats, bit for bit (no cost is NaN or -0: all are sums of costs >= 0,
  // or +inf in the padded lanes, where cost + r and switch_cost + r are +inf
  // as before), and so are the least and the way back.
  for (std::size_t k = 1; k < m; ++k) {
    const __m256 switch_cost = _mm256_add_ps(least, _mm256_set1_ps(switch_penalty[k]));
    const std::size_t at = row_for(says[k]);
    const float* row = &rows[at];
    __m256 went_on[G];  // cost + r: the costs kept, as if none switched
    std::uint32_t stays = 0;
    for (std::size_t g = 0; g < G; ++g) {
      const __m256 r = _mm256_loadu_ps(row + 8 * g);
      const __m256 stay = _mm256_cmp_ps(cost[g], switch_cost, _CMP_LE_OQ);
      went_on[g] = _mm256_add_ps(cost[g], r);
      cost[g] = _mm256_min_ps(went_on[g], _mm256_add_ps(switch_cost, r));
      stays |= static_cast<std::uint32_t>(_mm256_movemask_ps(stay)) << (8 * g);
      _mm256_storeu_ps(&line_costs[k * kLanes + 8 * g], cost[g]);
    }
    kept_own[k] = stays;
    least = _mm256_min_ps(least_of<G>(went_on),
                          _mm256_add_ps(switch_cost, _mm256_set1_ps(row_least[at / kLanes])));
  }
  std::uint32_t j = first_with<G>(cost, least);
  for (std::size_t k = m; k-- > 0;) {
    width_of[k] = static_cast<std::uint16_t>(cand[j]);
    if (k > 0 && !(kept_own[k] >> j & 1)) {
      // Switched: from the best candidate of line k - 1.
      __m256 before[G];
      for (std::size_t g = 0; g < G; ++g) before[g] = _mm256_loadu_ps(&line_costs[(k - 1) * kLanes + 8 * g]);
      j = first_with<G>(before, least_of<G>(before));
    }
  }
  trim_scratch(buffers.line_costs, kViterbiKeepBytes);
  trim_scratch(buffers.kept_own, kScratchKeepBytes);
  if (worth_keeping(row_at)) row_at.swap(buffers.row_at);
  if (worth_keeping(rows)) rows.swap(buffers.rows);
  if (worth_keeping(row_least)) row_least.swap(buffers.row_least);
}

// Asked once, while the library's globals are initialised.
const bool kHaveAvx2 = text::cpu_has_avx2();
#endif

void viterbi_widths(const std::vector<int>& cand, const std::vector<LineSay>& says,
                    const std::vector<float>& switch_penalty, const std::vector<float>& table,
                    std::vector<std::uint16_t>& width_of) {
#if HUOZI_REPAIR_AVX2
  if (kHaveAvx2 && detail::avx2_paths()) {
    static_assert(kMaxCandidates <= 24, "viterbi_widths_avx2 holds up to three registers of candidates");
    const std::size_t n = cand.size();
    if (n <= 8) return viterbi_widths_avx2<1>(cand, says, switch_penalty, table, width_of);
    if (n <= 16) return viterbi_widths_avx2<2>(cand, says, switch_penalty, table, width_of);
    return viterbi_widths_avx2<3>(cand, says, switch_penalty, table, width_of);
  }
#endif
  viterbi_widths_sse2(cand, says, switch_penalty, table, width_of);
}

// The width line k would have had if what starts the next line could have
// been broken (see Ctx::measure_widths).
int wrapped_width(const Ctx& c, std::size_t k) { return c.wrapped_widths[k]; }

// A wrapped line of the column is full give or take a half-width character
// (d = 1); two columns short (an opening mark pushed down) is rarer: a
// column 2 wider than an article's lines must not fit them almost as well.
float shortfall_cost(int d) { return d <= 1 ? 0.05f * static_cast<float>(d) : 0.05f + 0.12f * static_cast<float>(d - 1); }
// What a line costs a candidate width it falls d columns short of (d < 0:
// sticks out by -d), given what the line says.
float line_cost(Say say, int d, int slack) {
  switch (say) {
    case Say::kNothing: return 0.0f;
    case Say::kUnpunctuated:
      // (Far past the column: a headline set wider than its article, as
      // often as narrow text without marks; it weighs no more than a line
      // far short, so a wide title over a short article does not widen the
      // article's column past its wrapped lines.)
      if (d < -2) return 0.75f;
      if (d < 0) return d == -1 ? 0.1f : 0.25f;
      if (d <= slack) return 0.005f * static_cast<float>(d);
      return d <= 6 ? 0.15f : 0.75f;
    case Say::kSentenceEnd:
      if (d < -2) return 3.0f;  // sticks out of the column
      return d < 0 ? (d == -1 ? 0.4f : 0.8f) : 0.0f;  // a sentence end may stop anywhere
    case Say::kWrapped:
      if (d < -2) return 3.0f;
      if (d < 0) return d == -1 ? 0.4f : 0.8f;  // a mark pushed into the margin
      if (d <= slack) return shortfall_cost(d);
      return d <= 6 ? 0.3f    // a paragraph's first line, 2 em short
                    : 1.5f;   // a wrapped line far short of the column
    case Say::kWrappedHanging:
      if (d == -1) return 0.02f;  // the closing mark hangs
      return line_cost(Say::kWrapped, d, slack);
  }
  return 0.0f;
}

// line_cost for every column width a candidate can have, per say and d:
// computed once, a page's table copies the rows of its candidates.
const std::vector<float>& cost_rows() {
  static const std::vector<float> rows = [] {
    std::vector<float> v(static_cast<std::size_t>(kMaxColumn + 1) * kSays * kSpan);
    for (int w = 0; w <= kMaxColumn; ++w)
      for (std::size_t say = 0; say < kSays; ++say)
        for (int i = 0; i < kSpan; ++i)
          v[(static_cast<std::size_t>(w) * kSays + say) * kSpan + static_cast<std::size_t>(i)] =
              line_cost(static_cast<Say>(say), i - 3, full_slack(w));
    return v;
  }();
  return rows;
}

// The page-internal vectors of repair_page() and estimate_column_widths(),
// kept per thread from one page to the next: each page takes them with the
// room the pages before it left (filled afresh, as new vectors would be), so
// that most pages allocate none of them. (Not the result's own vectors: the
// caller keeps those.) One page at a time on a thread: repair_page() never
// runs inside itself.
struct PageScratch {
  // Ctx's vectors, lent to each page's Ctx (see LentCtxVectors).
  std::vector<std::uint32_t> nb;
  std::vector<std::uint16_t> width_of;
  std::vector<LineRole> role;
  std::vector<char> broken_off, tail_wraps, byline_wraps;
  std::vector<int> widths, wrapped_widths;
  std::vector<const LineInfo*> line_at;
  // repair_page's chains of lines.
  std::vector<std::int64_t> next;
  std::vector<char> has_prev, closes;
  std::vector<std::size_t> chain, starts;
  // estimate_column_widths's.
  std::vector<char> evidence, wrapped;
  std::vector<std::uint32_t> hist;
  std::vector<LineSay> says;
  std::vector<float> switch_penalty, table;
  std::vector<int> cand;
  // find_headings's lines that may start a run.
  std::vector<std::uint32_t> run_starts;
  // reads_as_byline's list of names and lead_repeats_line's copy of the
  // lead, filled afresh at each use.
  std::vector<segment::BylineNameAt> byline_names;
  std::string lead;
  // The bylines lexical_role() read on lines of their own, for the page's
  // result (RepairResult::line_bylines: copied into it once the roles are
  // told; filled afresh each page).
  std::vector<LineByline> line_bylines;
  std::string byline_texts;
  std::vector<segment::BylineNameAt> line_byline_names;
};
[[gnu::noinline]] PageScratch& page_scratch() {
  thread_local PageScratch scratch;
  return scratch;
}
}  // namespace

std::size_t detail::scratch_bytes() noexcept {
  const PageScratch& s = page_scratch();
  const ViterbiBuffers& v = viterbi_buffers();
  return bytes_of(s.nb) + bytes_of(s.width_of) + bytes_of(s.role) + bytes_of(s.broken_off) +
         bytes_of(s.tail_wraps) + bytes_of(s.byline_wraps) + bytes_of(s.widths) + bytes_of(s.wrapped_widths) +
         bytes_of(s.line_at) +
         bytes_of(s.next) + bytes_of(s.has_prev) + bytes_of(s.closes) + bytes_of(s.chain) + bytes_of(s.starts) +
         bytes_of(s.evidence) + bytes_of(s.wrapped) + bytes_of(s.hist) + bytes_of(s.says) +
         bytes_of(s.switch_penalty) + bytes_of(s.table) + bytes_of(s.cand) + bytes_of(v.line_costs) +
         bytes_of(v.kept_own) + bytes_of(v.row_at) + bytes_of(v.rows) + bytes_of(s.line_bylines) +
         bytes_of(s.line_byline_names) + s.byline_texts.capacity();
}

namespace {
// One of the scratch's vectors lent to a local for one page: the local (v)
// takes its room, emptied, and gives it back when it goes. (A local, not a
// reference to the thread's own: the passes it is handed to keep its data
// in registers as they did with a vector of their own.)
template <class T>
struct Lent {
  std::vector<T>& home;
  std::vector<T> v;
  explicit Lent(std::vector<T>& scratch_vector) : home(scratch_vector) {
    v.swap(home);
    v.clear();
  }
  ~Lent() {
    if (worth_keeping(v)) v.swap(home);  // (else freed with v)
  }
  Lent(const Lent&) = delete;
  Lent& operator=(const Lent&) = delete;
};

// Ctx's vectors taken from the thread's scratch for one page, empty, and
// given back when the page is done (on every return).
struct LentCtxVectors {
  Ctx& c;
  PageScratch& s;
  LentCtxVectors(Ctx& ctx, PageScratch& scratch) : c(ctx), s(scratch) {
    each([](auto& lent, auto& home) {
      lent.swap(home);
      lent.clear();
    });
  }
  // (Too large to keep: left to Ctx, which frees it.)
  ~LentCtxVectors() {
    each([](auto& lent, auto& home) {
      if (worth_keeping(lent)) lent.swap(home);
    });
  }
  LentCtxVectors(const LentCtxVectors&) = delete;
  LentCtxVectors& operator=(const LentCtxVectors&) = delete;
  // f(Ctx's vector, the scratch's) for each vector lent: the one list of
  // them (a vector added to Ctx and PageScratch is added here once).
  template <class F>
  void each(F f) {
    f(c.nb, s.nb);
    f(c.width_of, s.width_of);
    f(c.role, s.role);
    f(c.broken_off, s.broken_off);
    f(c.tail_wraps, s.tail_wraps);
    f(c.byline_wraps, s.byline_wraps);
    f(c.widths, s.widths);
    f(c.wrapped_widths, s.wrapped_widths);
    f(c.line_at, s.line_at);
  }
};

void estimate_column_widths(Ctx& c) {
  const std::size_t m = c.nb.size();
  // (Every entry is written below, on every path: sized, not zeroed.)
  c.width_of.resize(m);
  if (m == 0) return;
  // One pass over the lines gathers all that the candidates and the Viterbi
  // pass need of them (each line and its neighbours read once, not once per
  // pass):
  // - the lines of running text that say something of the column
  //   (evidence), and of those the wrapped ones. (Told once per line, with &
  //   on the flags, not &&: a page mixes lines of every kind, and a branch
  //   per flag mispredicts.)
  // - the histogram of the wrapped lines' widths (adds 0 or 1: no branch),
  //   the widest of them (no width above it is counted, so the candidates
  //   are looked for from there down, not from kMaxColumn), the widths a line
  //   with a gap between phrases reaches (`gapped`, below), and per width the
  //   last wrapped line that reaches it (`reached_by`: the only one, for a
  //   width reached once).
  // - what each line says of its column (says) and what a change of width
  //   before it costs (switch_penalty), for the Viterbi pass.
  PageScratch& scratch = *c.scratch;
  Lent<char> lent_evidence(scratch.evidence);
  std::vector<char>& evidence = lent_evidence.v;
  Lent<char> lent_wrapped(scratch.wrapped);
  std::vector<char>& wrapped = lent_wrapped.v;
  evidence.assign(m, 0);
  wrapped.assign(m, 0);
  Lent<std::uint32_t> lent_hist(scratch.hist);
  std::vector<std::uint32_t>& hist = lent_hist.v;
  hist.assign(kMaxColumn + 1, 0);
  std::array<char, kMaxColumn + 1> gapped{};
  std::array<std::uint32_t, kMaxColumn + 2> reached_by;  // (read only where hist is 1: written there)
  int widest_wrapped = 0;
  Lent<LineSay> lent_says(scratch.says);
  std::vector<LineSay>& says = lent_says.v;
  says.assign(m, LineSay{});
  Lent<float> lent_switch_penalty(scratch.switch_penalty);
  std::vector<float>& switch_penalty = lent_switch_penalty.v;
  switch_penalty.assign(m, 0.0f);  // (none before the first line)
  // Line k (l), the line above it (prev, k > 0) and the one below (next,
  // null on the last line).
  // (The arrays read and written per line as plain pointers held in locals:
  // a store through a char may alias anything, and the vectors' own data
  // pointers would be loaded again after each.)
  const LineRole* const role = c.role.data();
  const int* const widths = c.widths.data();
  const int* const wrapped_widths = c.wrapped_widths.data();
  char* const evidence_at = evidence.data();
  char* const wrapped_at = wrapped.data();
  std::uint32_t* const hist_at = hist.data();
  LineSay* const says_at = says.data();
  float* const switch_penalty_at = switch_penalty.data();
  auto gather = [&](std::size_t k, const LineInfo& l, const LineInfo* prev, const LineInfo* next) {
    const bool text_role = role[k] == LineRole::kText;
    const bool ev = !l.letter_spaced & !l.doubled & body_evidence(l) & text_role;
    evidence_at[k] = ev;
    // (The next line's page break read behind a test that fails on the
    // last line only.)
    const bool page_break_next = next && next->page_break_before;
    const bool wr = ev & !l.ends_sentence & !l.has_tail() & (next != nullptr) & !page_break_next;
    wrapped_at[k] = wr;
    const int ww = wrapped_widths[k];
    const int w = std::clamp(ww, 0, kMaxColumn);
    hist_at[static_cast<std::size_t>(w)] += wr;
    reached_by[wr ? static_cast<std::size_t>(w) : kMaxColumn + 1] = static_cast<std::uint32_t>(k);
    widest_wrapped = std::max(widest_wrapped, wr ? w : 0);
    if (wr && phrase_gap(l)) gapped[static_cast<std::size_t>(w)] = 1;
    LineSay& s = says_at[k];
    if (ev) {
      s.say = !wr ? Say::kSentenceEnd : l.trailing_punct ? Say::kWrappedHanging : Say::kWrapped;
      s.width = s.say == Say::kWrapped ? ww : widths[k];
      // A line wrapped before a number or word that did not fit says only
      // that the column is at least as wide as the line and narrower than
      // the line with the word: read it as a line that may stop short.
      if (s.say != Say::kSentenceEnd && next && next->unbreakable_start > 1) {
        s.say = Say::kSentenceEnd;
        s.width = widths[k];
      }
      // Closing marks may hang in the margin (。” after a full line).
      if (l.trailing_punct > 2) s.width -= l.trailing_punct - 1;
      // So may the one mark that ends a sentence (。 pulled onto a full
      // line: a line may not start with it): such a line is no wider than
      // its column without it.
      else if (s.say == Say::kSentenceEnd && l.trailing_punct > 0) s.width -= 1;
    } else if (!l.letter_spaced && !l.doubled && l.chars >= 6 && text_role && next) {
      s.say = Say::kUnpunctuated;
      s.width = ww;
    }
    // A change of width between lines k - 1 and k: dear inside a paragraph,
    // cheaper where one may end, free at a page break.
    if (prev) {
      const LineInfo& p = *prev;
      // Around a stand-alone line (a byline, a subtitle) articles change.
      const bool around_standalone = (role[k - 1] != LineRole::kText) | !text_role;
      const bool paragraph_may_end = p.ends_sentence | p.has_tail() | (l.blanks_before > 0);
      // l.page_break_before ? 0 : around_standalone ? 0.3 : paragraph_may_end ? 1.5 : 2.5, looked up with the
      // three flags as the bits of an index (a branch per test mispredicts; the index's sums and products cost
      // more than the or of three bits).
      static constexpr float kPenalty[8] = {2.5f, 0.0f, 0.3f, 0.0f, 1.5f, 0.0f, 0.3f, 0.0f};
      const unsigned which = static_cast<unsigned>(l.page_break_before) | static_cast<unsigned>(around_standalone) << 1 |
                             static_cast<unsigned>(paragraph_may_end) << 2;
      switch_penalty_at[k] = kPenalty[which];
    }
  };
  {
    const LineInfo* prev = nullptr;
    const LineInfo* const* const line_at = c.line_at.data();
    const LineInfo* cur = line_at[0];
    for (std::size_t k = 0; k + 1 < m; ++k) {
      const LineInfo* next = line_at[k + 1];
      gather(k, *cur, prev, next);
      prev = cur;
      cur = next;
    }
    gather(m - 1, *cur, prev, nullptr);
  }
  // The most common widths (at least twice), widest first on ties.
  Lent<int> lent_cand(scratch.cand);
  std::vector<int>& cand = lent_cand.v;  // (empty: Lent hands it over cleared)
  // A width reached by one line can still be the column when the lines just
  // below it are common (digits and Latin make full lines a little short).
  // So can one reached by one line (k) and by an unpunctuated line of text
  // right above or below it, to the column (a narrow column goes lines
  // without a mark, and short ones say nothing as evidence): seconded.
  auto seconded = [&](int w) {
    const std::size_t k = reached_by[static_cast<std::size_t>(w)];
    auto seconds = [&](std::size_t j) {
      const LineInfo& l = c.at(j);
      return !evidence[j] && c.role[j] == LineRole::kText && !l.letter_spaced && !l.doubled && l.chars >= 6 &&
             !has_punct(l) && j + 1 < m && c.at(j + 1).blanks_before == 0 && !c.at(j + 1).page_break_before &&
             wrapped_width(c, j) == w;
    };
    const bool above = k > 0 && c.at(k).blanks_before == 0 && !c.at(k).page_break_before && seconds(k - 1);
    const bool below = k + 1 < m && seconds(k + 1);
    // (Or two lines below, past a sentence end of the same run of text: a
    // short last article has few wrapped lines. Not a line with spaces
    // inside, whose width they make up: a byline glued after a mark.)
    const bool two_below = k + 2 < m && c.role[k + 1] == LineRole::kText && c.at(k + 1).ends_sentence &&
                           c.at(k + 1).blanks_before == 0 && !c.at(k + 1).page_break_before &&
                           c.at(k + 2).spaces_inside == 0 && seconds(k + 2);
    // (Or the line right above it, in the same run of text, ends a sentence
    // full to the width: less the mark that ends it, the mark hanging past
    // the column, or with the mark counted whole, set inside it. A short
    // narrow article among wider ones may wrap only one line with a mark at
    // its column (…每周开课， / 来上课的多是白天干活的人。 / 他们想学会用手机，
    // 查看天 / …): without its width among the candidates its lines take a
    // wider column, and its full lines read as short ones. (Not the width
    // with the mark counted half, as the measure counts it, nor the whole
    // mark on a page that squeezes marks to half: tried, that width matched
    // a line wrapped in another column on an extracted PDF page.)
    const bool full_end_above = k > 0 && c.at(k).blanks_before == 0 && !c.at(k).page_break_before &&
                                evidence[k - 1] && c.at(k - 1).ends_sentence && !c.at(k - 1).has_tail() &&
                                c.at(k - 1).trailing_punct > 0 &&
                                (says[k - 1].width == w || (!c.squeeze && effective_width(c.at(k - 1)) == w));
    return above || below || two_below || full_end_above;
  };
  // (Just below: 2 columns; in a wide column, 24 characters or more, up to
  // 4: there the full lines of a short article, with digits, Latin and
  // marks squeezed or hung, spread wider apart, and may all differ. Not
  // for a width that a line with a gap between phrases reaches: a headline
  // and a body line side by side, as wide as they happen to be: gapped.)
  auto near_below = [&](int w) {
    std::uint32_t n = hist[static_cast<std::size_t>(w - 1)] + hist[static_cast<std::size_t>(w - 2)];
    if (w >= 48 && !gapped[static_cast<std::size_t>(w)])
      n += hist[static_cast<std::size_t>(w - 3)] + hist[static_cast<std::size_t>(w - 4)];
    return n;
  };
  for (int w = std::min(widest_wrapped, kMaxColumn - 1); w >= 4; --w)
    if (hist[w] >= 2 || (hist[w] == 1 && (near_below(w) >= 2 || seconded(w)))) cand.push_back(w);
  std::stable_sort(cand.begin(), cand.end(), [&](int x, int y) { return hist[x] > hist[y]; });
  if (cand.size() > kMaxCandidates) cand.resize(kMaxCandidates);
  if (cand.empty()) {
    // Too little running text to tell: each line is its own column, widened
    // to the widest wrapped line around it.
    int widest = 0;
    for (std::size_t k = 0; k < m; ++k) if (wrapped[k]) widest = std::max(widest, c.width(k));
    for (std::size_t k = 0; k < m; ++k)
      c.width_of[k] = static_cast<std::uint16_t>(std::clamp(std::max(widest, c.width(k)), 1, 0xFFFF));
    return;
  }
  const std::size_t n = cand.size();
  // (Each candidate's rows appended to a reserved table: not zeroed first,
  // then overwritten.)
  Lent<float> lent_table(scratch.table);
  std::vector<float>& table = lent_table.v;
  table.reserve(n * kSays * kSpan);
  const std::vector<float>& rows = cost_rows();
  for (std::size_t j = 0; j < n; ++j) {
    const auto from = rows.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(cand[j]) * kSays * kSpan);
    table.insert(table.end(), from, from + static_cast<std::ptrdiff_t>(kSays * kSpan));
  }
  // (The Viterbi pass writes each line's width, its candidate's, as it traces
  // the path back: no path of candidate numbers kept to be looked up after.)
  if (c.reference) viterbi_widths_reference(cand, says, switch_penalty, table, c.width_of);
  else viterbi_widths(cand, says, switch_penalty, table, c.width_of);
}

bool full_at(const Ctx& c, std::size_t k, int col) {
  return wrapped_width(c, k) >= col - full_slack(col) && c.width(k) <= col + run_tolerance(col);
}
// (Inlined: asked once or twice a line, by decide() and the page-style pass;
// a call cost as much as the test.)
[[gnu::always_inline]] inline bool is_full(const Ctx& c, std::size_t k) {
  return wrapped_width(c, k) >= c.width_of[k] - full_slack(c.width_of[k]);
}

// A line w columns wide in a column col wide is a paragraph's first line
// that lost its 2-em indent, give or take justification.
bool indent_short(int w, int col) { return w < col - full_slack(col) && w >= col - std::max(9, col / 6); }
bool indented_at(const Ctx& c, std::size_t k, int col) { return indent_short(c.width(k), col); }


// The line under line k opens with opening marks (“（三）…) that, with the
// character after them, would not have fitted in the short_by columns line
// k stops short of its column: no line may end with an opening mark, so line
// k stopped there to carry them down, and is full, not 2 em short. (One mark
// and its character fit in 2 em, and so do two marks printed half width on a
// page that squeezes them: only two marks or more, three or more on such a
// page, can stop a line that short.)
bool opening_marks_carried(const Ctx& c, std::size_t k, int short_by) {
  if (k + 1 >= c.nb.size() || c.at(k + 1).blanks_before > 0) return false;
  const std::string_view next = c.content(k + 1);
  int room = 0;  // the display width the marks and the character after them need
  std::size_t at = 0;
  for (int marks = 0; at < next.size() && marks < 4; ++marks) {
    const auto ch = text::next_char(next, at);
    if (!(char_flags(ch.cp) & text::kOpening)) break;
    room += c.squeeze ? 1 : 2;
    at += ch.len;
  }
  return room > 0 && at < next.size() && room + 2 > short_by;
}

// The line under line k, right under it, opens with an opening quote or
// bracket, and that mark with the character after it (2 em, the mark half
// width on a squeezed page) would not have fitted at the end of line k in a
// column col wide: line k stopped there because a line may not end with the
// mark.
bool carried_opening_mark(const Ctx& c, std::size_t k, int col) {
  if (k + 1 >= c.nb.size()) return false;
  const LineInfo& next_line = c.at(k + 1);
  if (next_line.blanks_before > 0 || next_line.page_break_before || c.role[k + 1] != LineRole::kText) return false;
  const std::string_view next = c.content(k + 1);
  if (next.empty() || !(char_flags(text::next_char(next, 0).cp) & text::kOpening)) return false;
  return c.width(k) + (c.squeeze ? 3 : 4) > col;
}

// indented_at for the decision between a paragraph's first line and the
// lines around it. A closing mark pulled onto the end of a first line (a line
// may not start with ，) hangs past its 2-em-short measure: here the mark does
// not count at all (width() counts half of it). A first line that ends a
// sentence and wrapped before a number that did not fit (时光倒流100年。 /
// 1900年8月) may count the number (count_unbreakable_next): its measure was
// full up to it.
// Two closing marks ending the line (”、) are one mark pulled onto it after
// a mark that fits, unless the next line opens with a quote or bracket: a
// line cannot end with one, so the line stopped short to carry it down (and
// the character after it) and is full; then no mark hangs.
bool first_line_indented(const Ctx& c, std::size_t k, int col, bool count_unbreakable_next = false,
                         bool narrow_leeway_ok = false) {
  const LineInfo& l = c.at(k);
  bool hangs = l.trailing_punct > 0;
  if (l.trailing_punct > 2 && k + 1 < c.nb.size() && c.at(k + 1).blanks_before == 0) {
    const std::string_view next = c.content(k + 1);
    hangs = next.empty() || !(char_flags(text::next_char(next, 0).cp) & text::kOpening);
  }
  // Half-width digits and letters print wider or narrower than the measure
  // counts them, and a setter squeezes a mark beside them: a first line that
  // carries both may measure a column more (not when a number or word that
  // did not fit was carried down: that, not an indent, made it short; nor
  // when the next line opens with a quote or bracket and the character after
  // it, which this line, full, had no room for: a line cannot end with the
  // mark, so both went down (…全国共有257个地 / （市）、…)).
  const int narrow_leeway =
      (narrow_leeway_ok && !hangs && l.narrow > 0 && l.wide_punct > 0 && wrapped_width(c, k) == c.width(k) &&
       !carried_opening_mark(c, k, col))
          ? 1
          : 0;
  return indent_short((count_unbreakable_next ? wrapped_width(c, k) : c.width(k)) - (hangs ? 1 : 0) - narrow_leeway,
                      col);
}

// A line that reads full only with a closing mark pulled onto its end (a
// line may not start with ，、。”, so the setter hangs the mark past the
// measure): without the mark it is 2 em short, another paragraph's first
// line (…祝愿家乡亲人身体健康。 / 老街坊们是在旧城改造开始以前、 / 各自搬走…), not a
// wrapped line that the first line above it goes on into. A wrapped line
// fills its column before the mark.
bool full_with_pulled_mark(const Ctx& c, std::size_t k, int col) {
  return c.at(k).trailing_punct > 0 && first_line_indented(c, k, col);
}

// A paragraph's first line that lost its 2-em indent, told more strictly
// than indented_at: without half-width characters, whose widths make a
// line's length vary, it is 4 columns short, give or take a mark.
bool first_line_at(const Ctx& c, std::size_t k, int col) {
  if (!indented_at(c, k, col)) return false;
  if (c.at(k).narrow > 0) return true;
  // (The number that starts the next line counts only if it would not have
  // fitted on a first line 2 em short: one that fits was no cause to wrap.)
  int own = wrapped_width(c, k);
  if (own > c.width(k) && own <= col - 4) own = c.width(k);
  const int short_by = col - own;
  if (short_by < 3 || short_by > 7) return false;
  // Up to 3.5 em short: the estimate may be a column or two too wide. Not
  // when the line under it confirms the column, filling it, and nothing
  // carried the line's end down (an opening mark, which may not end a line,
  // or a character pushed down with the closing mark after it, which may
  // not start one): then a line of Han characters 3 em short is a
  // heading's own length.
  // (At the top of the page or of a page break nothing above sets a heading
  // apart, and on a page that squeezes its marks to half width lines vary
  // by a column or more: there the line is read as the text's, as before.)
  if (short_by <= 5 || c.squeeze || k == 0 || c.at(k).page_break_before || k + 1 >= c.nb.size() ||
      c.role[k + 1] != LineRole::kText)
    return true;
  const LineInfo& below = c.at(k + 1);
  const std::string_view next = c.content(k + 1);
  // (Its marks may have been set half width all the same, on a page not
  // read as squeezed: the line under it confirms the column even so.)
  const int below_least = wrapped_width(c, k + 1) - static_cast<int>(below.wide_punct);
  if (below.narrow > 0 || c.at(k).wide_punct > 0 || below_least < col - 1 || next.empty()) return true;
  const auto first = text::next_char(next, 0);
  if (char_flags(first.cp) & text::kOpening) return true;
  return first.len < next.size() && (char_flags(text::next_char(next, first.len).cp) &
                                     (text::kClosing | text::kClausePunct | text::kSentenceEnd));
}

// Always inlined, byte by byte: they run several times for every line
// break, nearly always with a short literal, and then compile to a few
// compares instead of a call to memcmp. Last byte first: a literal of Han
// characters ends in a continuation byte, which a line matches once in 64 or
// so (a lead byte, one of a handful that start all Han characters, far more
// often), so the comparison nearly always stops at its first, predictably.
[[gnu::always_inline]] inline bool starts_with(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (std::size_t i = p.size(); i-- > 0;)
    if (s[i] != p[i]) return false;
  return true;
}
[[gnu::always_inline]] inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && starts_with(s.substr(s.size() - p.size()), p);
}
// text::contains_word, or the plain search on the reference path
// (reference: detail::reference_paths(), asked once a page).
bool contains(std::string_view s, std::string_view w, bool reference) {
  if (reference) return s.find(w) != std::string_view::npos;
  return text::contains_word(s, w);
}

// A masthead line's words: paper name, date and weekday (a line without a
// clause mark, its items set apart by spaces, not commas). (年 first: most
// lines lack it, and each search is a scan of the line. The fast path calls
// text::contains_word itself: through contains() the calls were not
// inlined, +0.5 M repair instructions on the bench pages.)
bool masthead_words(std::string_view t, bool reference) {
  if (reference)
    return contains(t, "年", true) && contains(t, "报", true) && (contains(t, "星期", true) || contains(t, "週", true));
  return text::contains_word(t, "年") && text::contains_word(t, "报") &&
         (text::contains_word(t, "星期") || text::contains_word(t, "週"));
}

// Page furniture: editor credits, page headers and footers, mastheads. These
// land between two lines of a paragraph when the extractor reads across.
// The first characters of the editor credits below (责任编辑：…).
// (A switch: the compiler tells the ten apart in a few compares, not ten.)
// (Looked up, not switched on: bits 8-11 of the ten code points all differ,
// so each has a slot of its own in a table of 16, and one load and compare
// answer for any character. lexical_role() asks it of most lines, whose first
// characters come in no order: the compares of a switch mispredicted there.)
inline constexpr std::array<char32_t, 16> kCreditStarts = [] {
  std::array<char32_t, 16> t{};
  t.fill(0xFFFFFFFF);  // (no character)
  for (char32_t cp : {U'责', U'責', U'本', U'校', U'版', U'美', U'组', U'照', U'图', U'值'}) t[(cp >> 8) & 15] = cp;
  return t;
}();
[[gnu::always_inline]] constexpr bool credit_start(char32_t first) { return kCreditStarts[(first >> 8) & 15] == first; }
static_assert(credit_start(U'责') && credit_start(U'責') && credit_start(U'本') && credit_start(U'校') &&
              credit_start(U'版') && credit_start(U'美') && credit_start(U'组') && credit_start(U'照') &&
              credit_start(U'图') && credit_start(U'值') && !credit_start(U'第') && !credit_start(0),
              "each credit start has a slot of its own");
// (Inlined into lexical_role(), which asks it of most lines: the tests below
// turn most away, and the text is read in a call. A line with a clause mark
// can only be a credit (its first character tells), a page number (a digit,
// as the line's scan found; the reference path looks at the bytes) or a page
// label (第…版): a short line of text with a comma is none of them.)
[[gnu::always_inline]] inline bool is_page_furniture(std::string_view t, const LineInfo& l, char32_t first,
                                                    bool reference) {
  if ((l.chars > 40) | l.has_sentence_punct) return false;
  if (l.has_clause_punct && !credit_start(first) && first != U'第' && !(l.chars <= 12 && (l.has_digit || reference)))
    return false;
  return is_page_furniture_text(t, l, first, reference);
}
bool is_page_furniture_text(std::string_view t, const LineInfo& l, char32_t first, bool reference) {
  if (credit_start(first))
  for (std::string_view w : {"责任编辑", "責任編輯", "责编", "本版编辑", "校对", "校對", "版式设计", "版式設計", "美编",
                             "美術編輯", "美术编辑", "组版", "照排", "图片编辑", "值班编辑"}) {
    if (starts_with(t, w)) {
      std::string_view rest = t.substr(w.size());
      if (starts_with(rest, "：") || starts_with(rest, ":") || starts_with(rest, " ") || starts_with(rest, "　"))
        return true;
    }
  }
  // A page number beside a section name: `13 综合`, `要闻 3`, `第3版`, `A3版`.
  // (Only with a digit, ASCII or full width (EF BC 90-99): most short lines
  // have none, as the line's scan found. The reference path looks at the
  // bytes.)
  auto has_digit = [](std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto b = static_cast<unsigned char>(s[i]);
      if (static_cast<unsigned>(b - '0') < 10u) return true;
      if (b == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
          static_cast<unsigned char>(s[i + 2]) - 0x90u < 10u)
        return true;
    }
    return false;
  };
  if (l.chars <= 12 && (reference ? has_digit(t) : l.has_digit)) {
  std::size_t digits = 0, han = 0, spaces = 0, other = 0;
  for (std::size_t i = 0; i < t.size();) {
    auto d = decode_at(t, i);
    i += d.len;
    const auto f = char_flags(d.cp);
    if (f & text::kDigit) ++digits;
    else if (f & text::kHan) ++han;
    else if (f & text::kSpace) ++spaces;
    else if (d.cp == 'A' || d.cp == 'B' || d.cp == 'C' || d.cp == 'D' || d.cp == '-' || d.cp == '|' || d.cp == 0xFF5C) ++other;
    else return false;
  }
  if (digits >= 1 && digits <= 3 && han >= 1 && han <= 6 && (spaces >= 1 || ends_with(t, "版")) && other <= 2) return true;
  }
  // A page label beside a section or paper name: `第9版 比如法制报`.
  if (l.chars <= 16 && starts_with(t, "第")) {
    std::size_t i = 3, digits = 0;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9' && digits < 4) { ++i; ++digits; }
    if (digits >= 1 && digits <= 3 && starts_with(t.substr(i), "版")) return true;
  }
  if (!l.has_clause_punct && masthead_words(t, reference)) return true;
  return false;
}

bool only_leading_ellipsis(std::string_view t);

// How many dashes (— or ─) open t, or end it (at_end); counted up to 4.
int dash_run(std::string_view t, bool at_end) {
  int n = 0;
  while (n < 4 && t.size() >= 3) {
    const std::string_view d = at_end ? t.substr(t.size() - 3) : t.substr(0, 3);
    if (d != "—" && d != "─") break;
    t = at_end ? t.substr(0, t.size() - 3) : t.substr(3);
    ++n;
  }
  return n;
}

// Whether t holds the bytes a b c, or a b d, one after another: the
// searches of lexical_role() below, on the short lines it reads (a few
// dozen bytes). Sixteen offsets a step (SSE2, every x86-64), each step's
// matches or-ed into one mask and the answer read once, at the end: where
// memchr() was called for each candidate lead byte, its branches on the
// length left and on what it found came in no order from line to line and
// mispredicted. The steps read up to 15 bytes past t: only where the text t
// is part of goes on that far (text_end), else, and without SSE2, the
// plain search (slow_search: what the steps must agree with).
template <class SlowSearch>
[[gnu::always_inline]] inline bool holds_three_bytes(std::string_view t, const char* text_end, unsigned char a,
                                                    unsigned char b, unsigned char c, unsigned char d,
                                                    SlowSearch slow_search) {
#if defined(__SSE2__)
  const std::size_t n = t.size();
  const char* const p = t.data();
  if (n >= 3 && text_end - (p + n) >= 16) {
    const __m128i va = _mm_set1_epi8(static_cast<char>(a)), vb = _mm_set1_epi8(static_cast<char>(b));
    const __m128i vc = _mm_set1_epi8(static_cast<char>(c)), vd = _mm_set1_epi8(static_cast<char>(d));
    unsigned found = 0;
    for (std::size_t i = 0; i < n - 2; i += 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
      const __m128i z = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 2));
      const __m128i hit = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(y, vb)),
                                        _mm_or_si128(_mm_cmpeq_epi8(z, vc), _mm_cmpeq_epi8(z, vd)));
      // (Offsets from i at which three bytes of t start: n - 2 - i of them,
      // at most 16 a step.)
      const unsigned starts = (1u << std::min<std::size_t>(n - 2 - i, 16)) - 1;
      found |= static_cast<unsigned>(_mm_movemask_epi8(hit)) & starts;
    }
    return found != 0;
  }
#else
  (void)text_end; (void)a; (void)b; (void)c; (void)d;
#endif
  return slow_search(t);
}

// Whether t holds ， or ； (EF BC 8C, EF BC 9B): one scan for the lead byte
// the two share (in UTF-8 only ever a lead byte), not a search for each.
bool has_comma_or_semicolon(std::string_view t) {
  const char* p = t.data();
  const char* const end = p + t.size();
  while (end - p >= 3) {
    p = static_cast<const char*>(std::memchr(p, 0xEF, static_cast<std::size_t>(end - p - 2)));
    if (p == nullptr) return false;
    if (static_cast<unsigned char>(p[1]) == 0xBC &&
        (static_cast<unsigned char>(p[2]) == 0x8C || static_cast<unsigned char>(p[2]) == 0x9B))
      return true;
    ++p;
  }
  return false;
}

// The Han character of U+4000-U+9FFF t opens with (a lead byte E4-E9
// and two continuation bytes) that is neither 第 nor the first character of
// an editor credit (credit_start()). (The three bytes decoded here, not by
// decode_at(): asked of two lines in five, its general checks cost repair
// 1.0 M instructions over the bench pages, more than this test saves.)
// (The character itself, 0 if t opens with none such.)
[[gnu::always_inline]] inline char32_t plain_han_first(std::string_view t) {
  if (t.size() < 3) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  if (p[0] < 0xE4 || p[0] > 0xE9 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
  const auto first = static_cast<char32_t>((p[0] & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F));
  return first != U'第' && !credit_start(first) ? first : 0;
}

LineRole lexical_role_of_rest(const Ctx& c, std::size_t k);

// Keeps the byline reads_as_byline() just read on text t for the result
// (RepairResult::line_bylines). (Not inlined: asked of a few lines a page.)
[[gnu::noinline]] void keep_line_byline(PageScratch& s, std::string_view t) {
  s.line_bylines.push_back({static_cast<std::uint32_t>(s.byline_texts.size()), static_cast<std::uint32_t>(t.size()),
                            static_cast<std::uint32_t>(s.line_byline_names.size()),
                            static_cast<std::uint32_t>(s.byline_names.size())});
  s.byline_texts += t;
  s.line_byline_names.insert(s.line_byline_names.end(), s.byline_names.begin(), s.byline_names.end());
}
// reads_as_byline() of a line's text t (without its end mark) as
// lexical_role() asks it, a byline it reads kept for the result:
// segmentation reads the unit of a byline line again, and takes this
// reading instead of making it a second time. (Inlined, as reads_as_byline()
// was here: asked of most short lines, nearly all no byline.)
[[gnu::always_inline]] inline bool reads_as_line_byline(const Ctx& c, std::string_view t) {
  if (!reads_as_byline(t, c.scratch->byline_names)) return false;
  keep_line_byline(*c.scratch, t);
  return true;
}
// Roles that the words of a line decide on their own.
// (Inlined into repair_page's loop over the lines: the first test answers
// for about half of them, without a call.)
[[gnu::always_inline]] inline LineRole lexical_role(const Ctx& c, std::size_t k) {
  const LineInfo& l = c.at(k);
  const std::string_view t = c.content(k);
  // A line with a sentence mark, longer than a label, that opens with
  // neither （ nor ( nor 【 (EF BC 88, 28, E3 80 90) is running text: every
  // test below asks for one of those or for no sentence mark.
  if (l.has_sentence_punct && l.chars > 6 && t[0] != '(' && !starts_with(t, "（") && !starts_with(t, "【"))
    return LineRole::kText;
  // A line of no faux bold that opens with a Han character of U+4000-U+9FFF
  // (lead byte E4-E9: no bracket, dash or 【) that starts no editor credit
  // and no page label (第) and, six characters or fewer, is no symbol, and,
  // twelve characters or fewer, holds no digit (nearly all the other lines:
  // a wrapped line of running text with a comma, two lines in five, and
  // most short lines of a narrow column): of the tests of
  // lexical_role_of_rest() only two can hold for it, a masthead's words
  // (page furniture, without a clause mark, 40 characters at most) and the
  // byline parser (no sentence mark, no comma or semicolon, 30 characters
  // at most), asked here as there. No label (six characters at most, of
  // symbols), jump line (（), subtitle (a dash) or page number or label.
  // (Not on the reference path, which asks them all.)
  if (!l.doubled & !c.reference && !(l.chars <= 12 && l.has_digit)) {
    const char32_t first = plain_han_first(t);
    if (first != 0 &&
        (l.chars > 6 || !(text::bmp_flags()[first] & (text::kSymbol | text::kCircledDigit | text::kSpace)))) {
      if (l.has_sentence_punct | (l.chars > 40)) return LineRole::kText;
      if (l.has_clause_punct) {
        if (l.chars > 30 || holds_three_bytes(t, c.text.data() + c.text.size(), 0xEF, 0xBC, 0x8C, 0x9B,
                                              [](std::string_view x) { return has_comma_or_semicolon(x); }))
          return LineRole::kText;
      } else if (holds_three_bytes(t, c.text.data() + c.text.size(), 0xE5, 0xB9, 0xB4, 0xB4,  // 年
                                   [](std::string_view x) { return text::contains_word(x, "年"); }) &&
                 masthead_words(t, false)) {
        return LineRole::kFurniture;
      } else if (l.chars > 30) {
        return LineRole::kText;
      }
      return reads_as_line_byline(c, without_end_mark(t)) ? LineRole::kByline : LineRole::kText;
    }
  }
  return lexical_role_of_rest(c, k);
}
// A line that opens with a dash and goes on as running text: a clause mark
// inside it (，；、：), and under it, set tight, a line of running text it is as
// wide as (one with a mark, or one of the same width: two full lines of a
// column); over it, set tight, a line that goes on from running text (the
// line above that one has a mark and stops mid-sentence, or has a mark and
// is as wide as it). The dash opened a wrapped line of a paragraph (…一是因为
// / 有一个坚强的领导核心 / ———中国共产党；二是有 / 正确的…): the line over it,
// without a mark, read as a headline, and the dash line as its subtitle. A
// subtitle is one clause or two under its headline, which stands apart from
// the text above it.
bool dash_opens_wrapped_text(const Ctx& c, std::size_t k) {
  const LineInfo& l = c.at(k);
  if (k < 2 || k + 1 >= c.nb.size() || !l.has_clause_punct) return false;
  const LineInfo& n = c.at(k + 1);
  if (n.blanks_before > 0 || n.page_break_before || starts_with(c.content(k + 1), "——")) return false;
  const int w = static_cast<int>(l.width), nw = static_cast<int>(n.width);
  if (!((has_punct(n) && w + 2 >= nw) || std::abs(w - nw) <= 1)) return false;
  const LineInfo& p = c.at(k - 1);
  const LineInfo& pp = c.at(k - 2);
  if (l.blanks_before > 0 || l.page_break_before || p.blanks_before > 0 || p.page_break_before || !has_punct(pp))
    return false;
  return !pp.ends_sentence || std::abs(static_cast<int>(p.width) - static_cast<int>(pp.width)) <= 2;
}

LineRole lexical_role_of_rest(const Ctx& c, std::size_t k) {
  const LineInfo& l = c.at(k);
  const std::string_view t = c.content(k);
  bool symbols_only = l.chars <= 6;
  for (std::size_t i = 0; i < t.size() && symbols_only;) {
    auto d = decode_at(t, i);
    const auto f = char_flags(d.cp);
    if (!(f & (text::kSymbol | text::kCircledDigit | text::kSpace)) || (f & text::kCjkPunct)) symbols_only = false;
    i += d.len;
  }
  // ①① (faux bold) or ② alone: a photo label. A faux-bold headline
  // (坚坚持持…) is a heading like any other; its doubled glyphs are removed.
  if (symbols_only && l.chars <= 6) return LineRole::kLabel;
  // Faux bold is a headline face: a doubled line without punctuation is a
  // heading whatever its width (its doubled width says nothing of the column).
  if (l.doubled && !has_punct(l)) return LineRole::kHeading;
  const char32_t first = text::next_char(t, 0).cp;
  if (l.chars <= 60 && (first == U'（' || first == U'(') &&
      (ends_with(t, "版）") || ends_with(t, "版)")) &&
      (t.find("转") != std::string_view::npos || t.find("接") != std::string_view::npos ||
       t.find("轉") != std::string_view::npos))
    return LineRole::kJump;
  if (is_page_furniture(t, l, first, c.reference)) return LineRole::kFurniture;
  // A subtitle starts with a double dash and sits under a headline; a dash
  // that ends the line before is a dash broken across lines, and a dash after
  // a line of running text (punctuated) opens a wrapped line of it
  // (…一件老物件 / ———重达3公斤的青铜香炉，…).
  // (Not when the dashes at the two line ends add up to more than one dash
  // holds, three: a headline that ends on its own dash (…贺卡网站——— /
  // ——二○○一年新年贺词) over a subtitle.)
  if (!l.has_sentence_punct && l.chars <= 40 && (first == U'—' || first == U'─') &&
      (starts_with(t, "——") || starts_with(t, "──")) &&
      !(k > 0 && [&] {
        const int before = dash_run(c.content(k - 1), /*at_end=*/true);
        return before > 0 && before + dash_run(t, /*at_end=*/false) <= 3;
      }()) &&
      !(k > 0 && c.role[k - 1] == LineRole::kText && has_punct(c.at(k - 1)) && !c.at(k - 1).ends_sentence &&
        !only_leading_ellipsis(c.content(k - 1))) &&
      !dash_opens_wrapped_text(c, k))
    return LineRole::kSubtitle;
  // A byline has no comma or semicolon (names are set apart by spaces or 、):
  // most short body lines are turned away before the byline parser.
  // (One the article's end mark closes, （记者 周九）（完）, is read without
  // the mark: a byline under its article.)
  if (!l.has_sentence_punct && l.chars <= 30 && !(l.has_clause_punct && has_comma_or_semicolon(t))) {
    if (reads_as_line_byline(c, without_end_mark(t)))
      return LineRole::kByline;
  }
  // 【本報訊】 on a line of its own opens an article.
  if (first == U'【' && l.chars <= 30) {
    if (auto d = segment::parse_dateline(t); d && d->end == t.size()) return LineRole::kByline;
  }
  return LineRole::kText;
}

bool starts_caption_opening(std::string_view t);
// A stand-alone photo caption starts like this (starts_caption_opening).
// Every opening is at least six bytes and starts with 图 (E5 9B BE), 圖 (E5
// 9C 96), 左 (E5 B7 A6), 右 (E5 8F B3), 上 or 下 (E4 B8 8A/8B): most lines are
// turned away by their first two bytes, inline, without decoding (it is
// asked about at most line breaks).
[[gnu::always_inline]] inline bool starts_caption(std::string_view t) {
  if (t.size() < 6) return false;
  // (The two bytes looked up, not compared in turn: the low four bits of
  // the five second bytes differ, so each pair has a slot of its own in a
  // table of 16. The lead byte of a line's first character comes in no
  // order: a branch on it mispredicted at every other line break.)
  static constexpr std::array<std::uint32_t, 16> kOpenings = [] {
    std::array<std::uint32_t, 16> o{};
    o.fill(0xFFFFFFFF);  // (no two bytes)
    for (std::uint32_t two : {0xE59Bu, 0xE59Cu, 0xE5B7u, 0xE58Fu, 0xE4B8u}) o[two & 15] = two;
    return o;
  }();
  static_assert(kOpenings[0xB] == 0xE59B && kOpenings[0xC] == 0xE59C && kOpenings[0x7] == 0xE5B7 &&
                    kOpenings[0xF] == 0xE58F && kOpenings[0x8] == 0xE4B8,
                "each opening's two bytes have a slot of their own");
  const auto lead = static_cast<unsigned char>(t[0]), second = static_cast<unsigned char>(t[1]);
  if (kOpenings[second & 15] != (static_cast<std::uint32_t>(lead) << 8 | second)) return false;
  return starts_caption_opening(t);
}
bool starts_caption_opening(std::string_view t) {
  const auto lead = static_cast<unsigned char>(t[0]), second = static_cast<unsigned char>(t[1]);
  if (lead == 0xE5 && second == 0x9B)
    return starts_with(t, "图为") || starts_with(t, "图：") || starts_with(t, "图片：");
  if (lead == 0xE5 && second == 0x9C)
    return starts_with(t, "圖為") || starts_with(t, "圖：") || starts_with(t, "圖片：");
  if ((lead == 0xE5 && (second == 0xB7 || second == 0x8F)) || (lead == 0xE4 && second == 0xB8))
    return starts_with(t, "上图：") || starts_with(t, "下图：") || starts_with(t, "左图：") || starts_with(t, "右图：");
  return false;
}
// …（新华社记者兰红光摄） or …（本报记者 X 摄）: a caption's photo credit.
// (Inlined: it is asked at nearly every line break, and the first test
// turns nearly every line away.)
[[gnu::always_inline]] inline bool ends_photo_credit(std::string_view t) {
  if (t.empty() || (t.back() != ')' && t.back() != '\x89')) return false;  // ） is EF BC 89
  return ends_with(t, "摄）") || ends_with(t, "攝）") || ends_with(t, "摄)");
}

// A line that may be a heading: no clause or sentence punctuation.
// A dateline opens running text (本报北京12月31日电, 新华社莫斯科12月30日电（记者…）):
// a line that starts like one is never a heading, punctuation or not.
bool starts_dateline(std::string_view t) {
  if (t.size() < 6) return false;
  switch (text::next_char(t, 0).cp) {  // most lines are turned away here
    case U'本': case U'新': case U'中': case U'据': case U'據': break;
    default: return false;
  }
  for (std::string_view p : {"本报", "本報", "新华社", "新華社", "中新社", "据新华社", "據新華社"})
    if (starts_with(t, p)) return t.find("电") != std::string_view::npos || t.find("讯") != std::string_view::npos ||
                                  t.find("電") != std::string_view::npos || t.find("訊") != std::string_view::npos;
  return false;
}

// Ellipsis marks that open a line (……这样的说明让人苦笑), and no other mark
// in it: a wrapped line of text cannot begin with them (they may not start
// a line), so such a line quotes on from a headline's source, a heading's
// words, not a sentence of running text.
bool only_leading_ellipsis(std::string_view t) {
  if (!starts_with(t, "…")) return false;
  std::size_t i = 0;
  while (starts_with(t.substr(i), "…")) i += std::string_view("…").size();
  while (i < t.size()) {
    const auto d = decode_at(t, i);
    i += d.len;
    if (char_flags(d.cp) & (text::kSentenceEnd | text::kClausePunct)) return false;
  }
  return true;
}

// A letter-spaced line, its spaces taken out, names an organisation or
// office (segment::names_organisation). Only for the rare letter-spaced
// line too long to be read as a heading by its length alone.
bool spaced_out_office(std::string_view t) {
  std::string joined;
  joined.reserve(t.size());
  for (char ch : t)
    if (ch != ' ') joined += ch;
  return segment::names_organisation(joined);
}

bool unpunctuated_past_flags(const Ctx& c, std::size_t k);
// (Inlined: find_headings asks it of every line, and the flags below turn
// most lines away; the rest reads the line's text, in a call.)
// unpunctuated()'s first tests, on the line's flags only (no text read):
// false says the line is not unpunctuated; true, that it may be.
[[gnu::always_inline]] inline bool unpunctuated_by_flags(const Ctx& c, std::size_t k) {
  const LineInfo& l = c.at(k);
  // (| not ||: no branch at all, the answer told by one. Of the marks,
  // clause marks first: most punctuated lines have one, and no line that
  // only opens with an ellipsis does.)
  const bool marked =
      c.broken_off[k] | l.has_clause_punct | (l.chars > kMaxHeadingChars) | c.standalone(k) | l.split_body;
  // (Only over a line of text, which it may wrap into, even across a blank
  // on a page that sets one after first lines: a long one-phrase headline
  // over a byline or a subtitle is still one. The role read below the last
  // line is its own, which the last line's answer does not ask.)
  const std::size_t m = c.nb.size();
  const bool over_text = (k + 1 >= m) | (c.role[std::min(k + 1, m - 1)] == LineRole::kText);
  const bool long_one_phrase = (l.chars > kMaxOnePhraseHeadingChars) & (l.spaces_inside == 0) & over_text;
  return !(marked | long_one_phrase);
}
[[gnu::always_inline]] inline bool unpunctuated(const Ctx& c, std::size_t k) {
  return unpunctuated_by_flags(c, k) && unpunctuated_past_flags(c, k);
}
bool unpunctuated_past_flags(const Ctx& c, std::size_t k) {
  const LineInfo& l = c.at(k);
  if (l.has_sentence_punct && !only_leading_ellipsis(c.content(k))) return false;
  // A letter-spaced line is a heading candidate only if short (spaced-out
  // kickers), or if it names an office, as a kicker does, however long
  // (南 湖 区 农 业 农 村 和 水 利 委 员 会).
  if (l.letter_spaced && l.chars > 12 && !spaced_out_office(c.content(k))) return false;
  // One character per line, several lines running: text stretched down a
  // column (the extreme of letter spacing), not a heading.
  if (l.chars == 1) {
    const bool prev_one = k > 0 && c.at(k - 1).chars == 1 && c.at(k).blanks_before == 0;
    const bool next_one = k + 1 < c.nb.size() && c.at(k + 1).chars == 1 && c.at(k + 1).blanks_before == 0;
    if (prev_one || next_one) return false;
  }
  const std::string_view t = c.content(k);
  if (starts_dateline(t) || starts_caption(t)) return false;
  // A line that ends on a dash goes on with what the dash opens (…贺卡网站——— /
  // “卡秀”网站…): running text, not a heading, unless a subtitle follows it
  // or the line under it opens with it (a headline that repeats its lead).
  // (The lead repeats the headline's words, not the dash it ends on: its
  // own line may break before its dash, …旅游网站——— / 据国内一家知名的旅游网站 /
  // ———“卡秀”网站….)
  if (ends_with(t, "——") && k + 1 < c.nb.size() && c.role[k + 1] != LineRole::kSubtitle) {
    const std::string_view words = t.substr(0, t.size() - 3 * static_cast<std::size_t>(dash_run(t, /*at_end=*/true)));
    if (words.empty() || !starts_with(c.content(k + 1), words)) return false;
  }
  // Round brackets belong to running text (（记者孙占林）, （市）); quotes and
  // book-title marks are common in headlines.
  return !l.has_paren;
}

// Does the text before line k+1 stop at the end of line k? Page furniture
// and jump lines land anywhere, so they answer for the line before them.
// A caption's marker or photo credit ends its text as a sentence end does
// (…生命。 / （图③）, …立法。（韩琳 / 摄）): a line under it starts afresh.
bool complete(const Ctx& c, std::size_t k) {
  while (k > 0 && (c.role[k] == LineRole::kFurniture || c.role[k] == LineRole::kJump)) --k;
  const LineInfo& l = c.at(k);
  return l.ends_sentence || l.has_tail() || c.standalone(k) || l.caption_end || ends_photo_credit(c.content(k));
}

// Headings are found run by run. A run is a stretch of unpunctuated lines that
// follows a complete line (or the page start). If the text after the run
// continues the run's last lines (they fill the next line's column, the top
// one maybe 2 em short), those lines open a paragraph; the lines above them
// are title lines, kickers, subheadings.
// The lines under line k (up to four, with no gap of their own) say line
// k's words again as a whole clause: between the start of the lines or a
// punctuation mark and a punctuation mark. Line k: six characters or more,
// no spaces.
bool lead_repeats_line(const Ctx& c, std::size_t k) {
  constexpr std::size_t kMinBytes = 6 * 3;
  constexpr std::size_t kLines = 4;
  constexpr std::size_t kLeadBytes = 120 * 3;  // the lead, as far as it is read (a line may be huge)
  const std::string_view h = c.content(k);
  if (h.size() < kMinBytes || c.at(k).spaces_inside > 0) return false;
  // (The clause's first character is inside one of those lines: most lines
  // are turned away here, before any copy.)
  const std::string_view first = h.substr(0, text::decode_at(h, 0).len);
  bool first_seen = false;
  for (std::size_t q = k + 1; q < c.nb.size() && q <= k + kLines && !first_seen; ++q)
    first_seen = c.content(q).find(first) != std::string_view::npos;
  if (!first_seen) return false;
  std::string& lead = c.scratch->lead;  // (kept from line to line: filled afresh)
  lead.clear();
  for (std::size_t q = k + 1; q < c.nb.size() && q <= k + kLines && lead.size() < kLeadBytes + h.size(); ++q) {
    if (c.at(q).page_break_before || c.at(q).spaces_inside > 0) break;
    const std::string_view t = c.content(q);
    if (c.at(q).verbatim) {
      lead += t.substr(0, kLeadBytes + h.size() - lead.size());
      continue;
    }
    // (Without the soft hyphens and zero-width characters set inside the
    // line: the lead says the headline's words as printed.)
    for (std::size_t i = 0; i < t.size() && lead.size() < kLeadBytes + h.size();) {
      const auto d = decode_at(t, i);
      if (!(char_flags(d.cp) & text::kIgnorable)) lead += t.substr(i, d.len);
      i += d.len;
    }
  }
  // (The lead read may be cut short: a clause must close inside it.)
  return text::holds_clause(lead, h, lead.size(), /*end_closes=*/false);
}

// A word runs across the break between two lines: the dictionary word
// break (ICU) puts one word over the end of `above` and the start of
// `below` (冰雪旅 / 游，…, 对人类作 / 出新的…). Only a hard wrap cuts a word:
// a headline ends where its words end. (The last and first four characters
// are enough for any word the break could cut.)
bool word_runs_across(std::string_view above, std::string_view below) {
  constexpr int kChars = 4;
  std::size_t from = above.size();
  for (int n = 0; n < kChars && from > 0; ++n) from -= text::decode_before(above, from).len;
  std::size_t to = 0;
  for (int n = 0; n < kChars && to < below.size(); ++n) to += text::decode_at(below, to).len;
  if (from == above.size() || to == 0) return false;
  std::string joined(above.substr(from));
  const std::size_t seam = joined.size();
  joined += below.substr(0, to);
  const auto tokens = segment::tokenize(joined);
  if (!tokens) return false;
  for (const Span& t : tokens.value())
    if (t.start < seam && t.end > seam) return true;
  return false;
}

// The run's last line j goes on into the text line under it: it is as wide
// as that line's column (at most 2 em short, a mark's width over) and a word
// runs across the break. A headline stops at a word's end wherever it
// stops; a wrapped line of running text stops where the column does, inside
// a word as often as not. (Not a line that names an office, 委员会 / 说到…:
// the word break may read the name's last character into the next line's
// first word; nor a line with spaces, whose pieces are names or letter
// spacing.)
bool last_run_line_wraps(const Ctx& c, std::size_t j) {
  const std::size_t f = j + 1;
  if (f >= c.nb.size() || c.role[f] != LineRole::kText) return false;
  const LineInfo& lj = c.at(j);
  const LineInfo& lf = c.at(f);
  if (lf.blanks_before > 0 || lf.page_break_before || lj.spaces_inside > 0 || lj.letter_spaced) return false;
  const int col = c.width_of[f];
  if (c.width(j) < col - 4 || c.width(j) > col + 2) return false;
  if (!word_runs_across(c.content(j), c.content(f))) return false;
  return !segment::names_organisation(c.content(j));
}

// The run's last line j over a line f that ends its paragraph and sticks
// out of the column estimate even without the closing mark hanging on its
// end: f is a full line of a wider column (an article set wider than the
// ones the estimate was taken from), and j, 2 em short of that column, is
// the paragraph's first line, not a headline. (A headline over a one-line
// lead is 2 em short of that lead's column only by chance. Not on a page
// that squeezes its marks, where widths vary by a column or more, nor with
// half-width digits or letters, which print wider or narrower than they
// measure. A caption, 图为…, starts a block of its own: the line over it
// does not run on into it.)
bool first_over_wider_last_line(const Ctx& c, std::size_t j) {
  const std::size_t f = j + 1;
  if (f >= c.nb.size() || c.role[f] != LineRole::kText || c.squeeze) return false;
  const LineInfo& lj = c.at(j);
  const LineInfo& lf = c.at(f);
  if (!lf.ends_sentence || lf.trailing_punct == 0 || lf.narrow > 0 || lj.narrow > 0 || lf.blanks_before > 0 ||
      lf.page_break_before || lj.spaces_inside > 0 || phrase_gap(lj) || starts_caption(c.content(f)))
    return false;
  // (f the paragraph's last line: no line of running text right under it.)
  if (f + 1 < c.nb.size() && c.role[f + 1] == LineRole::kText && c.at(f + 1).blanks_before == 0 &&
      !c.at(f + 1).page_break_before)
    return false;
  // (width() already counts the hanging mark half: its printed width, 2,
  // off the full width.)
  const int f_col = c.full_width(f) - 2;
  return f_col > c.width_of[f] && c.width(j) == f_col - 2 * 2;
}

// Whether non-blank line k is a piece of a printed line split in two (a
// headline and a body line on one baseline): pieces of one printed line lie
// side by side in c.lines, whatever order the columns are read in.
bool piece_of_split_line(const Ctx& c, std::size_t k) {
  const std::size_t i = c.nb[k];
  const auto physical = c.lines[i].physical;
  return (i > 0 && c.lines[i - 1].physical == physical) || (i + 1 < c.lines.size() && c.lines[i + 1].physical == physical);
}

void find_headings(Ctx& c) {
  const std::size_t m = c.nb.size();
  // The lines whose flags let them start a run (unpunctuated_by_flags),
  // listed first in one pass without a branch (every line written, the
  // count moved on past those let through), and only they visited below:
  // asked line by line, which lines its flags let through came in no order
  // and the test mispredicted. The list holds what the test would say when
  // the loop comes to each line: it reads the line's flags and the roles of
  // the line and the one under it, and the loop sets roles only of lines
  // it has passed (a run's, before its next k).
  Lent<std::uint32_t> lent_run_starts(c.scratch->run_starts);
  std::vector<std::uint32_t>& run_starts = lent_run_starts.v;
  run_starts.resize(m);
  std::size_t starts = 0;
  for (std::size_t k = 0; k < m; ++k) {
    run_starts[starts] = static_cast<std::uint32_t>(k);
    starts += unpunctuated_by_flags(c, k);
  }
  std::size_t next_start = 0;  // in run_starts
  std::size_t k = 0;
  while (k < m) {
    while (next_start < starts && run_starts[next_start] < k) ++next_start;
    if (next_start == starts) break;
    k = run_starts[next_start];
    // (unpunctuated(c, k), its text read last: most lines its flags let
    // through sit under a line that does not stop, and start no run.)
    const bool starts_run = (k == 0 || c.at(k).page_break_before || complete(c, k - 1)) &&
                            unpunctuated_past_flags(c, k);
    if (!starts_run) { ++k; continue; }
    std::size_t j = k;
    while (j + 1 < m && unpunctuated(c, j + 1) && !c.at(j + 1).page_break_before) ++j;
    // Lines [k, j] form the run; f is the line after it, past page furniture
    // and jump lines, which land anywhere.
    std::size_t body_top = j + 1;  // first run line that belongs to the body
    std::size_t f = j + 1;
    while (f < m && f <= j + 3 && (c.role[f] == LineRole::kFurniture || c.role[f] == LineRole::kJump)) ++f;
    // (A caption under the run goes on with no line of it: 图为… starts a
    // block of its own.)
    if (f < m && !c.standalone(f) && !c.at(f).page_break_before &&
        (body_evidence(c.at(f)) || ends_with(c.content(f), "——")) && !starts_caption(c.content(f))) {
      // (A line f that sticks out of its estimated column by more than the
      // column's play is no line of it: its column is at least f's width.
      // Not a line with a gap between phrases, nor a piece of a printed
      // line split in two: two columns' lines run together are as wide as
      // they happen to be.)
      const bool f_sticks_out =
          c.width(f) > c.width_of[f] + run_tolerance(c.width_of[f]) && !phrase_gap(c.at(f)) && !piece_of_split_line(c, f);
      const int col = f_sticks_out ? c.width(f) : c.width_of[f];
      // (f ending a sentence over two wrapped lines, each wider than col
      // and within a column of the other: those tell f's column, a wider
      // article's under a narrow one whose column the estimate still holds.
      // Not lines with half-width digits or letters, which print wider or
      // narrower than they measure: a full line of them sticks out as it is.)
      int f_col = col;
      if (c.at(f).ends_sentence && f + 2 < m && c.role[f + 1] == LineRole::kText &&
          c.role[f + 2] == LineRole::kText && c.at(f + 1).blanks_before == 0 && c.at(f + 2).blanks_before == 0 &&
          !c.at(f + 1).page_break_before && !c.at(f + 2).page_break_before && !c.at(f + 1).ends_sentence &&
          !c.at(f + 2).ends_sentence && c.at(f + 1).narrow == 0 && c.at(f + 2).narrow == 0) {
        const int w1 = wrapped_width(c, f + 1), w2 = wrapped_width(c, f + 2);
        if (w1 > col && w2 > col && std::abs(w1 - w2) <= 1) f_col = std::max(w1, w2);
      }
      // f opens a paragraph when it is 2 em short and the paragraph goes on
      // after it: it does not end a sentence, or a full line follows (a
      // paragraph's last line is never followed by a full line of it).
      // (A line with a byline glued after its sentence is a last line.)
      // (f 2 em short as it stands, the number that starts the line under
      // it counted or not: a full line wraps early before a number only
      // when the number does not fit, and this one would have, with room
      // to spare.)
      const bool f_starts_paragraph =
          (first_line_indented(c, f, f_col, true) ||
           (first_line_indented(c, f, f_col) && wrapped_width(c, f) <= f_col - 2)) && !c.at(f).has_tail() &&
          (!c.at(f).ends_sentence ||
           (f + 1 < m && c.role[f + 1] == LineRole::kText && c.at(f + 1).blanks_before == 0 &&
            !c.at(f + 1).page_break_before && full_at(c, f + 1, f_col) &&
            !starts_caption(c.content(f + 1))));
      // f a wrapped line (punctuated, open) well short of col, and the line
      // under it as wide or the paragraph's last: a column narrower than the
      // estimate (a narrow article among wider ones), where f is full. The
      // run's last line, 2 em short of that column, is the paragraph's first.
      bool first_of_narrower = false;
      if (f == j + 1 && f + 1 < m) {
        const LineInfo& lf = c.at(f);
        const LineInfo& l2 = c.at(f + 1);
        const int own = wrapped_width(c, f);
        // (The line under f ends the paragraph: only when f is too short
        // to be a first line of col, 2 em short.)
        // (f may also be within the slack of col and still 2 em short of it
        // by first_line_indented, which lets a mark hang: the estimate may
        // be a column or two too wide, from a wide title above. A line under
        // f as wide says f is full: a wrapped line as wide give or take its
        // digits and letters (a full line with them falls a column or so
        // short), or a last line within a column of f's width.)
        // (The run's last line is then measured against the wider of f and
        // the wrapped line under it.)
        // (Two columns apart, f with digits, the line under f is the column
        // only if the line after it is as wide: a full line may end early
        // before a mark it could not end on, and f is then a first line.
        // The wider of the two is then the column the run's last line is
        // measured against: a closing mark may hang on either.)
        const int below = wrapped_width(c, f + 1);
        int give = 1, widest_below = below;
        if (lf.narrow > 0 && f + 2 < m && c.role[f + 2] == LineRole::kText && c.at(f + 2).blanks_before == 0 &&
            !c.at(f + 2).ends_sentence && std::abs(wrapped_width(c, f + 2) - below) <= 1) {
          give = 2;
          widest_below = std::max(below, wrapped_width(c, f + 2));
        }
        // (own: f's width, below and below_now: the line under it wrapped
        // and as it stands, widest: the column the run's last line, top
        // wide, is measured against.)
        auto narrower_at = [&](int own, int below, int below_now, int widest, int top) {
          if (!(own < col - full_slack(col) || f_starts_paragraph)) return false;
          if (!((!l2.ends_sentence && std::abs(below - own) <= give) ||
                (l2.ends_sentence && below_now <= own + 1 &&
                 (own < col - 5 || (f_starts_paragraph && below_now >= own - 1)))))
            return false;
          const int short_by = (l2.ends_sentence ? own : std::max(own, widest)) - top;
          return short_by >= 3 && short_by <= 5;
        };
        if (lf.has_clause_punct & !lf.ends_sentence & !lf.has_tail() && lf.blanks_before == 0 &&
            c.role[f + 1] == LineRole::kText && l2.blanks_before == 0 && !l2.page_break_before &&
            !phrase_gap(c.at(j))) {
          first_of_narrower = narrower_at(own, below, c.width(f + 1), widest_below, wrapped_width(c, j));
          // (A page read as not squeezed may hold a short article that sets
          // its marks half width: f and the wrapped line under it, a column
          // apart per mark at full width, match counted so, and so does the
          // line after them when it wraps too (a first line and the full
          // lines under it, all at full width, can match so by chance, one
          // of them with marks enough). Not over a last line: any short one
          // would do. Measured so too, the run's last line, 2 em short, has
          // no marks to lose.)
          if (!first_of_narrower && !c.squeeze && !l2.ends_sentence && lf.wide_punct + l2.wide_punct > 0 &&
              f + 2 < m && c.role[f + 2] == LineRole::kText && c.at(f + 2).blanks_before == 0 &&
              !c.at(f + 2).page_break_before) {
            auto half = [&](std::size_t q) { return adjusted_width(c.at(q), true); };
            const bool third_agrees = c.at(f + 2).ends_sentence || std::abs(half(f + 2) - half(f + 1)) <= 1;
            give = 1;  // (no play for digits: the marks are what is measured)
            first_of_narrower =
                third_agrees && narrower_at(half(f), half(f + 1), half(f + 1), half(f + 1), half(j));
          }
        }
      }
      if (first_of_narrower) {
        body_top = j;
      } else if (!f_starts_paragraph) {
        std::size_t top = j + 1;
        // (A line under a blank line that is full only with the number that
        // starts the next line, 2 em short without it, is the paragraph's
        // first line, wrapped early before the number: the lines above the
        // blank are headings.)
        bool first_found = false;
        // (A run line wider than f's column is no wrapped line of it: with
        // no punctuation it has no mark to hang past the edge. Its wide
        // marks, quotes and book-title marks, may be set half width on a
        // page read as not squeezed: there a column each is not counted; on
        // a squeezed page width() counts them half already.)
        // (A line 2 em short that wrapped before a number that would have
        // fitted on a full line, not on a first line, is the paragraph's
        // first line: 渥太华格利普中学有 / 1000多名学生，….)
        auto first_before_number = [&](std::size_t q) {
          const int ww = wrapped_width(c, q);
          return ww > c.width(q) && ww <= col && ww > col - 4 && indented_at(c, q, col);
        };
        while (top > k && full_at(c, top - 1, col) &&
               c.width(top - 1) - (c.squeeze ? 0 : static_cast<int>(c.at(top - 1).wide_punct)) <= col + 1 &&
               !phrase_gap(c.at(top - 1))) {
          if (first_before_number(top - 1)) {
            --top;
            first_found = true;
            break;
          }
          --top;
          if (c.at(top).blanks_before > 0 && indented_at(c, top, col)) {
            first_found = true;
            break;
          }
          // (A line that reads as full only with the closing mark hanging
          // past its end is 2 em short without it: a first line, whose
          // measure the mark overhangs; a full line would have held one
          // more character.)
          if (c.at(top).trailing_punct > 0 && first_line_indented(c, top, col)) {
            first_found = true;
            break;
          }
        }
        // (Found so, top is the first line.)
        if (!first_found && top > k && first_line_at(c, top - 1, col) && !phrase_gap(c.at(top - 1))) {
          --top;  // the paragraph's first line, 2 em short
        } else if (!first_found && top == k && c.width(k) > col - kIndentEm &&
                   (k == 0 || c.at(k).page_break_before ||
                    (c.standalone(k - 1) && c.role[k - 1] != LineRole::kFurniture &&
                     c.role[k - 1] != LineRole::kJump))) {
          // Full lines right after a title or byline and no first line with
          // its lost indent: they are heading lines as wide as the column,
          // and the paragraph starts after them.
          top = j + 1;
        }
        body_top = top;
      }
    }
    // A line of the run that the text under it repeats as a whole clause
    // (新区管委会正式挂牌成立 / 2012年3月6日，新区 / 管委会正式挂牌成立。) is a
    // headline taken from its lead, however wide: a wrapped line of running
    // text is not said again a line or two later.
    // (The first two lines the body would take: a title over its lead is
    // one or two lines.)
    const std::size_t first_body = std::max(k, body_top);
    for (std::size_t h = std::min(j + 1, first_body + 2); h-- > first_body;) {
      if (lead_repeats_line(c, h)) { body_top = h + 1; break; }
    }
    if (body_top == j + 1 && f == j + 1 && (last_run_line_wraps(c, j) || first_over_wider_last_line(c, j)))
      body_top = j;
    for (std::size_t h = k; h < body_top; ++h) c.role[h] = LineRole::kHeading;
    k = j + 1;
  }
}

BreakReason standalone_reason(LineRole r, bool before) {
  switch (r) {
    case LineRole::kByline: return BreakReason::kBylineLine;
    case LineRole::kSubtitle: return BreakReason::kSubtitleLine;
    case LineRole::kJump: return BreakReason::kJumpLine;
    case LineRole::kLabel: return BreakReason::kLabel;
    case LineRole::kFurniture: return BreakReason::kFurnitureLine;
    default: return before ? BreakReason::kShortLineBefore : BreakReason::kShortLineAfter;
  }
}

// Han characters of the first space-separated word of a line, and whether
// every word of it is a run of 1 to 3 Han characters (a name or a piece of
// one; the rest of a headline wrapped in a narrow column), for the lines
// that wrapped bylines and headings leave.
struct HanWords { int first_chars = 0; bool all_short = false; };
HanWords han_words(std::string_view t) {
  HanWords r;
  int run = 0, words = 0;
  bool ok = true;
  auto end_word = [&] {
    if (run == 0) return;
    if (words == 0) r.first_chars = run;
    ok = ok && run <= 3;
    ++words;
    run = 0;
  };
  for (std::size_t i = 0; i < t.size();) {
    auto d = decode_at(t, i);
    i += d.len;
    const auto f = char_flags(d.cp);
    if (f & text::kSpace) { end_word(); continue; }
    if (!(f & text::kHan)) return r;
    ++run;
  }
  end_word();
  r.all_short = ok && words > 0 && words <= 3;
  return r;
}

// Quotes and book-title marks a line opens and does not close (“ 《 ‘ 「 『),
// less those it closes without opening them.
int quotes_left_open(std::string_view t) {
  int depth = 0;
  for (std::size_t i = 0; i < t.size();) {
    const auto d = decode_at(t, i);
    i += d.len;
    switch (d.cp) {
      case U'\u201C': case U'\u300A': case U'\u2018': case U'\u300C': case U'\u300E': ++depth; break;
      case U'\u201D': case U'\u300B': case U'\u2019': case U'\u300D': case U'\u300F': --depth; break;
      default: break;
    }
  }
  return depth;
}

// A place among a line's first five characters, its level word after one
// character or more (雅加达市…, 鄄城县…): how an issuing unit's name opens.
// A headline over an issuing unit of its own (共同创造美好的新世纪 / 市税务局)
// seldom does, where the unit's rest (设委员会) would read as one on its own.
bool opens_with_place(std::string_view t) {
  constexpr int kPlaceChars = 5;
  std::size_t i = 0;
  for (int n = 0; n < kPlaceChars && i < t.size(); ++n) {
    const auto d = decode_at(t, i);
    i += d.len;
    if (n > 0 && std::u32string_view(U"省市县区州旗").find(d.cp) != std::u32string_view::npos) return true;
  }
  return false;
}

// A heading, subtitle or byline wrapped in a narrow column: line k reaches
// the column's edge and line k+1 holds the rest of it: the last one to
// three characters of a headline (你们是祖国的未 / 来), or the names that did
// not fit on the byline (■通讯员 苏培磊 郑勇 / 贾桂艳).
// A byline's marker or role word on a line of its own, the byline's rest
// under it (see wraps_into_next).
[[gnu::noinline]] bool wraps_after_marker_or_role(const Ctx& c, std::size_t k) {
  const LineRole ra = c.role[k], rb = c.role[k + 1];
  const LineInfo& a = c.at(k);
  const LineInfo& b = c.at(k + 1);
  // A byline's marker on a line of its own (■ / 通讯员 甲 乙: the extractor
  // sets the symbol's glyph apart), the byline under it.
  if (ra == LineRole::kLabel) {
    if (a.chars != 1 || rb != LineRole::kByline) return false;
    std::string joined(c.content(k));
    joined += c.content(k + 1);
    return reads_as_byline(joined, c.scratch->byline_names);
  }
  // A role word on a line of its own (通讯员 / 甲 乙 丙, 记者 / 甲 通讯员 乙),
  // its names under it: one byline.
  if (ra == LineRole::kHeading && rb != LineRole::kSubtitle && !b.letter_spaced && b.chars <= 16 &&
      segment::ends_with_role(c.content(k))) {
    const std::string_view next = c.content(k + 1);
    // (Not a byline of its own under a heading that happens to end in a
    // role word, nor the issuing unit of a kicker.)
    if (segment::names_organisation(next)) return false;
    std::string joined(c.content(k));
    joined += ' ';
    joined += next;
    return reads_as_byline(joined, c.scratch->byline_names) && !reads_as_byline(next, c.scratch->byline_names);
  }
  return false;
}

int last_word_chars(std::string_view t);

bool wraps_into_next(const Ctx& c, std::size_t k) {
  const LineRole ra = c.role[k], rb = c.role[k + 1];
  if (ra != LineRole::kByline && ra != LineRole::kHeading && ra != LineRole::kSubtitle && ra != LineRole::kLabel)
    return false;
  const LineInfo& a = c.at(k);
  const LineInfo& b = c.at(k + 1);
  if (b.blanks_before > 0 || b.page_break_before || has_punct(b) || b.has_paren) return false;
  // (Told apart from the heading lines they are not, rare, in a function
  // of their own: decide() asks this at every break.)
  // (A role word ends in one of a few characters: 者 员 生 影 图 文 辑 摄, or
  // their traditional forms; most headings end otherwise.)
  auto ends_like_role = [&] {
    const std::string_view t = c.content(k);
    if (t.empty()) return false;
    switch (text::decode_before(t, t.size()).cp) {
      case U'者': case U'员': case U'員': case U'生': case U'影': case U'图': case U'圖': case U'文':
      case U'辑': case U'輯': case U'摄': case U'攝':
        return true;
      default:
        return false;
    }
  };
  if (ra == LineRole::kLabel || (ra == LineRole::kHeading && a.chars <= 7 && a.spaces_inside == 0 && ends_like_role())) {
    if (wraps_after_marker_or_role(c, k)) return true;
    if (ra == LineRole::kLabel) return false;
  }
  if (rb != LineRole::kHeading && rb != LineRole::kText) return false;
  int col = c.width_of[k];
  if (ra == LineRole::kByline) {
    if (segment::names_organisation(c.content(k + 1))) return false;  // the kicker under a byline
    // A byline under running text closes that text's column, which the
    // estimate may have left already for the wider one after it.
    if (k > 0 && c.role[k - 1] == LineRole::kText) col = std::min(col, static_cast<int>(c.width_of[k - 1]));
    const HanWords w = han_words(c.content(k + 1));
    // The first name would not have fitted on the byline line, or the line
    // ends with a role word whose names are all on the next.
    // (Or the role word itself is cut in two: 记者 张三 通讯 / 员 李四.)
    // Or a name is cut in two: a name has two characters at least, so a
    // first word of one character under a byline that ends in a name of two
    // is that name's last character (通讯员 王五 / 六 赵七: a byline set in a
    // box narrower than the column, which the width does not tell), and the
    // line may hold more names. (Not under a name of three, which is whole:
    // there the character opens the next name, its rest on the line after;
    // nor a letter-spaced line, all of whose words are one character.)
    const bool name_cut = w.first_chars == 1 && !b.letter_spaced && last_word_chars(c.content(k)) == 2 &&
                          !segment::ends_with_role(c.content(k));
    return w.all_short && (b.chars <= 8 || (name_cut && b.chars <= 16)) &&
           (c.width(k) + 2 + 2 * w.first_chars > col || segment::ends_with_role(c.content(k)) ||
            segment::role_split_between(c.content(k), c.content(k + 1)) || name_cut);
  }
  if (ra == LineRole::kHeading || ra == LineRole::kSubtitle) {
    // A headline wrapped inside a quotation (市级政协委员调研“三 / 区三线”):
    // the quote it opens is closed on the next line, which the headline
    // ends (a second headline line would open and close its own).
    if (ra == LineRole::kHeading && b.chars <= 8 && b.spaces_inside == 0 && quotes_left_open(c.content(k)) > 0 &&
        quotes_left_open(c.content(k + 1)) < 0)
      return true;
    const HanWords rest = han_words(c.content(k + 1));
    // A subtitle wrapped in a narrow column (——二○○一年 / 新年贺词, ——虽然我们现在还 /
    // 面临很多困难): a head sets its subtitle last, under the headline, so
    // a heading line of a few Han characters under it (no byline), without
    // a gap or a mark, that names no issuing unit, and over the body (a line
    // of running text, maybe after a blank line: MuPDF sets the head apart
    // as a block), is the rest of the subtitle, not another headline. (Not
    // a headline that shared its printed line with the body line below it:
    // the next article's title, set before its body.)
    constexpr int kSubtitleRest = 6;
    if (ra == LineRole::kSubtitle && rb == LineRole::kHeading && b.chars <= kSubtitleRest && b.spaces_inside == 0 &&
        rest.first_chars == static_cast<int>(b.chars) && !segment::names_organisation(c.content(k + 1)) &&
        k + 2 < c.nb.size() && c.role[k + 2] == LineRole::kText && !piece_of_split_line(c, k + 1))
      return true;
    // (A headline's rest is three characters at most; an issuing unit's may
    // be four: 雅加达市住房和城乡建 / 设委员会, the name cut inside a word.)
    constexpr int kHeadlineRest = 3, kUnitRest = 4;
    if (b.chars > kUnitRest || b.spaces_inside > 0 || a.chars < 2 * b.chars + 2) return false;
    if (b.chars <= kHeadlineRest) {
      if (!rest.all_short) return false;
      if (c.width(k) >= col - 4) return true;
    } else if (rest.first_chars != static_cast<int>(b.chars) || !opens_with_place(c.content(k))) {
      return false;  // (four characters: Han only, one word, the name's place over it)
    }
    // An issuing unit wrapped in a title area narrower than the column
    // (鄄城县发展和改革 / 委员会): the name's last word alone on the line.
    if (ra != LineRole::kHeading || segment::names_organisation(c.content(k))) return false;
    std::string whole(c.content(k));
    whole += c.content(k + 1);
    return segment::names_organisation(whole);
  }
  return false;
}

// Characters of the last space-separated word of a line.
int last_word_chars(std::string_view t) {
  int run = 0;
  std::size_t i = t.size();
  while (i > 0) {
    auto d = text::decode_before(t, i);
    i -= d.len;
    if (char_flags(d.cp) & text::kSpace) { if (run) break; continue; }
    ++run;
  }
  return run;
}

// A byline wrapped onto the next line: was the break between two words (a
// space goes back in) or inside a name (侯宪 / 锋: no space)? A name has at
// least two characters, so a one-character piece on either side is half a name.
// A role word cut in two (■通 / 讯员 薛秀岩, 本报 / 记者 史明凯) joins up too:
// the pieces read as a byline only without the gap.
bool name_gap(std::string_view before, std::string_view after) {
  if (last_word_chars(before) < 2 || han_words(after).first_chars == 1) return false;
  const std::size_t space = before.find_last_of(' ');
  const std::string_view last_word = space == std::string_view::npos ? before : before.substr(space + 1);
  std::string tight(last_word);
  tight += after;
  if (!reads_as_byline(tight)) return true;
  std::string spaced(last_word);
  spaced += ' ';
  spaced += after;
  return reads_as_byline(spaced);
}

// A sentence end, a gap, and one to three characters after it with no mark
// among them (`…的变化。   特`, `…威信。 ■`): the start of a byline set after a
// paragraph's last sentence, wrapped after its first character or two and too
// short to be read as a byline on its own. Offsets into t of the piece and of
// the gap before it.
struct GluedPiece {
  std::size_t piece = 0;
  std::size_t gap = 0;
};
std::optional<GluedPiece> glued_piece(std::string_view t) {
  constexpr int kMaxPieceChars = 3;
  std::size_t piece = t.size();
  int chars = 0;
  while (piece > 0) {
    const auto d = text::decode_before(t, piece);
    const auto f = char_flags(d.cp);
    if (f & text::kSpace) break;
    if (f & (text::kSentenceEnd | text::kClausePunct | text::kOpening | text::kClosing)) return std::nullopt;
    if (++chars > kMaxPieceChars) return std::nullopt;
    piece -= d.len;
  }
  if (chars == 0 || piece == 0) return std::nullopt;
  std::size_t gap = piece;
  while (gap > 0 && (char_flags(text::decode_before(t, gap).cp) & text::kSpace)) gap -= text::decode_before(t, gap).len;
  if (gap == 0 || !(char_flags(text::decode_before(t, gap).cp) & (text::kSentenceEnd | text::kClosing)))
    return std::nullopt;
  return GluedPiece{piece, gap};
}

// Line k (no glued tail, a line after it) ends in a glued piece that, with
// the next line, reads as one byline (MuPDF: …的威信。   ■ / 通讯员 邱强锋,
// …水泄不通。   通 / 讯员 白宁超 高东; pdftotext -raw keeps one space of the
// gap): the piece becomes the line's glued tail, wrapped onto the next line.
// Called from find_wrapped_tails.
bool wrapped_byline_fragment(Ctx& c, std::vector<LineInfo>& lines, std::size_t k) {
  const LineInfo& a = c.at(k);
  const LineInfo& b = c.at(k + 1);
  if (a.ends_sentence || a.letter_spaced || a.spaces_inside == 0 || c.role[k] != LineRole::kText ||
      b.blanks_before > 0 || b.page_break_before || has_punct(b) || b.has_paren || b.chars > 16)
    return false;
  const auto piece = glued_piece(c.content(k));
  if (!piece) return false;
  const std::size_t frag = a.content.start + piece->piece, gap = a.content.start + piece->gap;
  std::string joined(c.text.substr(frag, a.content.end - frag));
  joined += c.content(k + 1);
  if (!reads_as_byline(joined, c.scratch->byline_names)) return false;
  LineInfo& l = lines[c.nb[k]];
  l.tail_start = static_cast<std::uint32_t>(frag);
  l.head_end = static_cast<std::uint32_t>(gap);
  c.tail_wraps[k] = 1;
  c.role[k + 1] = LineRole::kByline;
  return true;
}

// A byline glued after the last sentence that wraps onto the next line
// (…空前火爆。 实习生 尹 / 军玉, …规定。 记者 史洋波 / 通讯员 刘娜静): the tail
// goes on over the next line, which becomes part of the byline.
// Lines without a tail may end in a byline's first characters instead (see
// wrapped_byline_fragment).
void find_wrapped_tails(Ctx& c, std::vector<LineInfo>& lines) {
  const std::size_t m = c.nb.size();
  c.tail_wraps.assign(m, 0);
  for (std::size_t k = 0; k + 1 < m; ++k) {
    const LineInfo& a = c.at(k);
    if (!a.has_tail()) {
      if (a.spaces_inside > 0) wrapped_byline_fragment(c, lines, k);
      continue;
    }
    const LineInfo& b = c.at(k + 1);
    if (c.role[k] != LineRole::kText || b.blanks_before > 0 || b.page_break_before ||
        has_punct(b) || b.has_paren || b.chars > 12)
      continue;
    const LineRole rb = c.role[k + 1];
    if (rb != LineRole::kText && rb != LineRole::kByline && rb != LineRole::kHeading) continue;
    const std::string_view next = c.content(k + 1);
    const HanWords w = han_words(next);
    const std::string_view tail = c.text.substr(a.tail_start, a.content.end - a.tail_start);
    if (rb != LineRole::kByline) {
      // Names only (not the kicker that follows a byline), and the first
      // would not have fitted on the line above. Or the tail ends in a role
      // word cut in two whose rest opens the line (…满意。 通讯 / 员 邓彦巍
      // 胡博 吴宁静): the cut says the line was full, whatever the column
      // measured, and the rest reads as a byline's names only with the
      // role word's start (alone, its gaps make it a heading's phrases).
      // (With a role word's rest first, the names are the words after it.)
      const bool role_cut = segment::role_split_between(tail, next);
      const std::size_t gap = role_cut ? next.find(' ') : std::string_view::npos;
      const HanWords names = gap == std::string_view::npos ? w : han_words(next.substr(gap + 1));
      if (!names.all_short || segment::names_organisation(next)) continue;
      if (rb == LineRole::kHeading && !role_cut) continue;
      if (c.width(k) + 2 + 2 * w.first_chars <= c.width_of[k] && !role_cut) continue;
    }
    std::string joined(tail);
    if (name_gap(tail, next)) joined += ' ';
    joined += next;
    if (!reads_as_byline(joined, c.scratch->byline_names)) continue;
    c.tail_wraps[k] = 1;
    c.role[k + 1] = LineRole::kByline;
  }
}

// A byline broken over several short lines, a word or two each (MuPDF
// splits a justified byline at its wide gaps: ■通讯员 / 汪飞晓 / 彭峰 / 鹏 闫梅敏):
// a line that is not a byline by itself but, with the names on the lines
// right under it, reads as one.
void find_split_bylines(Ctx& c) {
  constexpr std::size_t kMaxPieces = 5;
  const std::size_t m = c.nb.size();
  c.byline_wraps.assign(m, 0);
  auto name_piece = [&](std::size_t j) {
    const LineInfo& b = c.at(j);
    return b.blanks_before == 0 && !b.page_break_before && !has_punct(b) && b.chars <= 8 &&
           c.role[j] == LineRole::kText && han_words(c.content(j)).all_short && !segment::names_organisation(c.content(j));
  };
  // A line that ends in the first part of a role word whose rest opens the
  // next line (通 / 讯员 白宁超 高东 宋峰超, 见习 / 记者 王小明): the next line
  // goes on the byline however long, and whether or not it reads as one by
  // itself; a short first part alone may have been read as a heading.
  auto role_cut = [&](std::size_t j) {
    const LineInfo& b = c.at(j + 1);
    return b.blanks_before == 0 && !b.page_break_before && !has_punct(b) && !b.has_paren &&
           (c.role[j + 1] == LineRole::kText || c.role[j + 1] == LineRole::kByline) &&
           segment::role_split_between(c.content(j), c.content(j + 1));
  };
  for (std::size_t k = 0; k + 1 < m; ++k) {
    const LineInfo& a = c.at(k);
    const bool may_start = (c.role[k] == LineRole::kText || c.role[k] == LineRole::kHeading) & !has_punct(a) &
                           !a.has_paren & (a.chars <= 12);
    if (!may_start) continue;
    const bool cut_role = role_cut(k);
    if (!(c.role[k] == LineRole::kText && name_piece(k + 1)) && !cut_role) continue;
    std::string joined(c.content(k));
    std::size_t best = k;
    for (std::size_t j = k; j + 1 < m && j + 1 - k < kMaxPieces; ++j) {
      const std::string_view next = c.content(j + 1);
      if (j > k ? !name_piece(j + 1) : !(name_piece(j + 1) || cut_role)) break;
      if (name_gap(c.content(j), next)) joined += ' ';
      joined += next;
      if (reads_as_byline(joined, c.scratch->byline_names)) best = j + 1;
    }
    if (best == k) continue;
    for (std::size_t i = k; i <= best; ++i) {
      c.role[i] = LineRole::kByline;
      if (i < best) c.byline_wraps[i] = 1;
    }
    k = best;
  }
}

// Line k, open (no sentence end, no tail), stopped before a number or Latin
// word that a full line of col would have held (with a closing mark after
// it) and a first line 2 em short would not (…专家普遍认为，无论从经济 /
// （economy）基础…): it is a paragraph's first line, however short or full
// it looks. (first_before_number asks the same of a line that may be full:
// up to col, not col - 2.)
bool stopped_before_fitting_word(const Ctx& c, std::size_t k, int col) {
  const LineInfo& l = c.at(k);
  if (l.ends_sentence || l.has_tail()) return false;
  const int carried = wrapped_width(c, k);
  return carried > c.width(k) && carried > col - 4 && carried <= col - 2;  // (2 em: 4 columns)
}

// The column width changes between lines k and k+1: the paragraph that ends
// at k is another article's than the one that starts at k+1.
bool column_change(const Ctx& c, std::size_t k) {
  const int a = c.width_of[k], b = c.width_of[k + 1];
  return std::abs(a - b) > run_tolerance(std::max(a, b));
}

// Line k, a paragraph's first line that ends a sentence and falls short of
// the estimated column col, over an open line k+1 that wraps on (a line
// under it, no gap) and is itself well short of col: k+1, a wrapped line, is
// full in its own column, narrower than the estimate (a short, narrow
// article among wider ones), and k is 2 em short of that column (…新开了
// 一家分馆。 / 馆内藏书两万多册，设有儿童阅览区和自习室，每 / …): the first
// line of a paragraph that goes on, its indent lost. (The line after k+1
// wraps as wide as it or ends the paragraph no wider.)
bool first_line_of_narrower_column(const Ctx& c, std::size_t k, int col) {
  if (k + 2 >= c.nb.size()) return false;
  const LineInfo& b = c.at(k + 1);
  const LineInfo& n = c.at(k + 2);
  if (b.blanks_before > 0 || b.page_break_before || b.ends_sentence || b.has_tail() || b.han_gap ||
      c.role[k + 1] != LineRole::kText || c.width_of[k + 1] != col || n.blanks_before > 0 ||
      n.page_break_before || n.han_gap || c.role[k + 2] != LineRole::kText)
    return false;
  const int own = wrapped_width(c, k + 1);
  // (k+1 too short to be a full line of col or its first line, 2 em short
  // give or take a mark: a first line of col under a one-line paragraph
  // reads the same, …不得变更。 / 第二十条职工享受带薪年假。用人单位…)
  if (own > col - 6) return false;
  const int below = wrapped_width(c, k + 2);
  if (n.ends_sentence ? c.width(k + 2) > own + 1 : std::abs(below - own) > 1) return false;
  const int measure = c.full_width(k);
  return own - measure >= 3 && own - measure <= 5;
}

// Line k+1, right under line k (which ends a sentence), ends a sentence
// 2 em short of its column col, give or take a mark, and after one blank
// line comes a line full to col that goes on (…各建一座新厂。 / (blank) /
// 争取明年年底以前让全市的生活污水全部得到处理， / …): a paragraph's
// first line, its indent lost, with a blank line set after it, as some
// pages set one after a paragraph's first line; not the last line of k's
// paragraph: a full line that goes on opens no paragraph, so the text under
// the blank is k+1's. (Decided for the break after k: the break after k+1
// then reads k+1 as the first line it is.)
bool first_line_over_blank(const Ctx& c, std::size_t k, int col) {
  if (k + 2 >= c.nb.size()) return false;
  const LineInfo& b = c.at(k + 1);
  const LineInfo& n = c.at(k + 2);
  if (!b.ends_sentence || b.has_tail() || b.blanks_before > 0 || b.page_break_before ||
      c.role[k + 1] != LineRole::kText || n.blanks_before != 1 || n.page_break_before || n.ends_sentence ||
      n.has_tail() || n.han_gap || c.role[k + 2] != LineRole::kText || c.standalone(k + 2) || c.width_of[k + 2] != col)
    return false;
  // (The line under the blank within a column of col: one that falls short
  // by more, with digits or letters, may be another article's first line,
  // 2 em short of it, and k+1 its paragraph's last line.)
  const int short_by = col - c.full_width(k + 1);
  return short_by >= 3 && short_by <= 5 && c.width(k + 2) >= col - 1 && is_full(c, k + 2);
}

// Line k+1, under line k (which ends a sentence), read as a paragraph's
// first line on a page that sets a blank line after first lines: running
// text over exactly one blank line, with running text under the blank.
// Either k+1 does not end a sentence (it wraps on across the blank; its
// width says nothing: a first line whose indent was lost is as full as the
// line above), or it ends one 2 em short, give or take the mark pulled onto
// it (…还有灯会、庙会和舞龙表演等。 / 春节期间，游客比去年增加了三成。 /
// (blank) / 县里新修的三条公路…), and the line under the blank is full, goes
// on, and has no blank under it itself (then that line is the first line,
// and k+1 the last line of the paragraph above).
bool first_line_under_sentence_end(const Ctx& c, std::size_t k) {
  if (k + 2 >= c.nb.size()) return false;
  const LineInfo& b = c.at(k + 1);
  const LineInfo& n = c.at(k + 2);
  if (c.role[k + 1] != LineRole::kText || b.has_tail() || !has_punct(b) || b.page_break_before ||
      n.blanks_before != 1 || n.page_break_before || c.role[k + 2] != LineRole::kText)
    return false;
  if (!b.ends_sentence) return true;
  return first_line_indented(c, k + 1, c.width_of[k + 1]) && !n.ends_sentence && !n.has_tail() && is_full(c, k + 2) &&
         (k + 3 >= c.nb.size() || c.at(k + 3).blanks_before == 0);
}

// Line k, on a page with a blank after first lines: a heading over a
// paragraph's first line. A line without marks that starts something (under
// a stand-alone line, a page break, or a sentence end with a blank between or
// short of the column; not under a line wrapping on over a blank, nor at the
// page's top, where a paragraph cut off before goes on) right over such a
// first line, and as wide as no running line of the column: wider than the
// column, or narrower than the indented first line under it. Under a
// sentence end (short, or over a blank), where an indented first line (col -
// 2 em) over a second line before a column break looks the same, it must be
// shorter than the column by more than the indent.
bool heading_over_first_line(const Ctx& c, std::size_t k) {
  const LineInfo& a = c.at(k);
  if (k == 0 || c.role[k] != LineRole::kText || has_punct(a) || a.ends_sentence || a.has_tail() || a.has_paren)
    return false;
  const bool under_own_line = a.page_break_before || c.standalone(k - 1);
  const LineInfo& above = c.at(k - 1);
  if (!under_own_line && !(above.ends_sentence && (a.blanks_before > 0 || !is_full(c, k - 1)))) return false;
  if (!first_line_under_sentence_end(c, k)) return false;
  const int width = wrapped_width(c, k);
  const int col = c.width_of[k + 1];
  constexpr int kIndent = 4;  // 2 em of full-width characters
  if (width > col) return true;
  if (!under_own_line) return width + kIndent < col;
  return width < wrapped_width(c, k + 1);
}

// Line k, over a blank line: a heading (a title's last line) over the
// first line of a paragraph, not a line wrapping on across the blank. It
// holds no mark at all and stops short, and under the blank a line 2 em
// shorter than the full line under it (a first line, measured against that
// line, not the column estimate) opens running text: a wrapped line that a
// column break cut off is full, and the line that goes on after it is not
// set 2 em short. The heading is narrower than that first line. (Not on a
// page that sets a blank after first lines: there the line over the blank is
// a first line itself.)
bool heading_over_blank_and_first_line(const Ctx& c, std::size_t k) {
  if (k + 2 >= c.nb.size() || c.blank_after_first_lines) return false;
  const LineInfo& a = c.at(k);
  const LineInfo& b = c.at(k + 1);
  const LineInfo& n = c.at(k + 2);
  if (c.role[k] != LineRole::kText || has_punct(a) || a.has_tail() || a.has_paren || is_full(c, k) ||
      c.role[k + 1] != LineRole::kText || b.page_break_before || b.has_tail() || b.han_gap ||
      c.role[k + 2] != LineRole::kText || n.blanks_before > 0 || n.page_break_before || n.ends_sentence ||
      n.has_tail() || c.width_of[k + 2] != c.width_of[k + 1] || !is_full(c, k + 2))
    return false;
  constexpr int kIndent = 4;  // 2 em of full-width characters
  const int full = wrapped_width(c, k + 2);
  const int first = c.width(k + 1);
  return full - first >= kIndent - 1 && full - first <= kIndent + 1 && wrapped_width(c, k) < first;
}

// Line j (LineInfo l) holds an article's end mark and nothing else: （完）,
// （全文完）, or with half-width brackets. (Its flags first: asked at
// every break.)
bool end_mark_line(const Ctx& c, const LineInfo& l, std::size_t j) {
  if (l.chars > 5 || l.chars < 3 || l.has_tail()) return false;
  const std::string_view t = c.content(j);
  return end_mark_length(t) == t.size();
}

// Whether line k+1 is full to col exactly, as a wrapped line after a column
// break is: its width exact (no half-width digits or letters), the column
// going on under it, and full without two closing marks hung past its
// measure (“……多干。”: neither mark may start a line, so a first line 2 em
// short carries both; its width is no sign of a wrapped line).
bool next_exactly_full(const Ctx& c, std::size_t k, int col) {
  const LineInfo& b = c.at(k + 1);
  return b.narrow == 0 && c.width(k + 1) >= col - 1 && c.width_of[k + 1] == col &&
         (k + 2 >= c.nb.size() || c.width_of[k + 2] == col) && b.trailing_punct < 4;
}

// A blank line after line k (a sentence end) on a page whose blank lines
// mark paragraphs, that sets none after a paragraph's first line and has no
// running line wrapping on over a blank (no column breaks), over a line that
// is not exactly full to col (half-width digits or letters, a
// width short of col, two closing marks hung past its measure, or a column
// under it of another width): the blank is a paragraph break.
bool blank_marks_paragraph_after(const Ctx& c, std::size_t k, int col) {
  const LineInfo& b = c.at(k + 1);
  if (b.blanks_before == 0 || !c.blanks_mark_paragraphs || c.blank_after_first_lines || c.blanks_break_columns)
    return false;
  return !next_exactly_full(c, k, col);
}

// The decision on the break after line k, written into d (a new decision,
// the caller's own entry: not a copy made at each of the returns below).
void decide(const Ctx& c, std::size_t k, bool a_starts_unit, JoinDecision& d) {
  const LineInfo& a = c.at(k);
  const LineInfo& b = c.at(k + 1);
  d.line = c.nb[k];
  d.next_line = c.nb[k + 1];
  d.column_width = c.width_of[k];
  d.next_column_width = c.width_of[k + 1];
  auto set = [&](BreakKind kind, BreakReason reason) {
    d.kind = kind;
    d.reason = reason;
  };
  if (b.page_break_before) return set(BreakKind::kBlock, BreakReason::kPageBreak);
  if (c.tail_wraps[k]) return set(BreakKind::kJoin, BreakReason::kGluedTailWrapped);
  if (c.byline_wraps[k]) return set(BreakKind::kJoin, BreakReason::kShortLineWrapped);
  if (c.broken_off[k + 1] && c.role[k] != LineRole::kFurniture && c.role[k] != LineRole::kJump)
    return set(BreakKind::kJoin, BreakReason::kBrokenOffMarks);
  if (wraps_into_next(c, k)) return set(BreakKind::kJoin, BreakReason::kShortLineWrapped);
  if (c.standalone(k)) return set(BreakKind::kBlock, standalone_reason(c.role[k], true));
  if (c.standalone(k + 1)) return set(BreakKind::kBlock, standalone_reason(c.role[k + 1], false));
  if (a.has_tail()) return set(BreakKind::kBlock, BreakReason::kGluedTail);
  // In text that is not hard-wrapped every line is a unit of its own.
  if (c.unwrapped) return set(BreakKind::kParagraph, BreakReason::kUnwrappedText);
  // A caption marker wrapped onto a line of its own (…总裁。 / （图①）) ends
  // the paragraph above it.
  // (Flags first: these run for every line break.)
  // (A marker may have a byline glued after it: （图③） ■ 通讯员 叶敏. Such a
  // line is the paragraph's end even after a blank, a column break: a
  // marker opens nothing.)
  // (These two lambdas, asked at every break, inlined: their first tests,
  // on the line's flags, turn nearly every line away.)
  auto marker_line = [&](const LineInfo& l, std::size_t j) __attribute__((always_inline)) {
    if (l.has_tail()) {
      const std::string_view head = c.text.substr(l.content.start, l.head_end - l.content.start);
      return head.size() <= 8 * 3 && ends_with(head, "）") &&
             (starts_with(head, "（图") || starts_with(head, "（圖") || starts_with(head, "(图"));
    }
    if (!l.caption_end || l.chars > 8) return false;
    const std::string_view t = c.content(j);
    return starts_with(t, "（图") || starts_with(t, "（圖") || starts_with(t, "(图");
  };
  if (marker_line(b, k + 1) && (b.blanks_before == 0 || b.has_tail()))
    return set(BreakKind::kJoin, BreakReason::kCaptionEnd);
  // And the marker ends that paragraph: nothing of it comes after its photo's
  // marker.
  if (marker_line(a, k)) return set(BreakKind::kParagraph, BreakReason::kCaptionEnd);
  // The same for a marker broken over two lines (…无生命危险。（图 / ②）).
  auto opens_marker = [&](std::size_t j) {
    const std::string_view t = c.content(j);
    return ends_with(t, "（图") || ends_with(t, "（圖");
  };
  auto closes_marker = [&](const LineInfo& l, std::size_t j) __attribute__((always_inline)) {
    return l.chars <= 4 && l.blanks_before == 0 && ends_with(c.content(j), "）");
  };
  if (closes_marker(b, k + 1) && opens_marker(k)) return set(BreakKind::kJoin, BreakReason::kCaptionEnd);
  if (k > 0 && closes_marker(a, k) && opens_marker(k - 1)) return set(BreakKind::kParagraph, BreakReason::kCaptionEnd);
  // An article's end mark wrapped onto a line of its own (…提高。 / （完）)
  // ends the paragraph above it, as a photo's marker does, and the article:
  // the text after it is another block, never its run-on (not even across a
  // blank line on a page that sets one after first lines).
  if (end_mark_line(c, b, k + 1) && b.blanks_before == 0) return set(BreakKind::kJoin, BreakReason::kEndMark);
  if (end_mark_line(c, a, k)) return set(BreakKind::kBlock, BreakReason::kEndMark);
  // So does a mark that closes a line of text after a sentence or a
  // bracket (…提高了。（完）, …（记者 周九）（完）), full as the line may be:
  // the line under it is another article's, never the run-on that a full
  // line ending a sentence over a full line is taken for
  // (sentence_end_full_next). (A mark quoted in running text, …好消息（完） /
  // 。”…, is no end. Such a line ends a sentence: that flag is asked first,
  // then end_mark_length() reads the last byte.)
  if (a.ends_sentence) {
    const std::string_view t = c.content(k);
    if (end_mark_length(t) > 0 && closes_with_end_mark(t))
      return set(BreakKind::kBlock, BreakReason::kEndMark);
  }
  // A caption starts. 图为… ("the picture shows") is also how running text
  // goes on to describe a photo: between full lines, with nothing to mark a
  // break and no photo credit, it stays in the paragraph; labels (图：,
  // 图片：) always start a caption.
  // (The credit may close the line under the 图为 line: a credit on a line
  // of its own, （记者杨强摄）, or one wrapped, …（记者侯杰梅 / 摄）. Running text
  // that describes a photo has no credit after it.)
  const std::string_view next = c.content(k + 1);
  auto credit_under_next = [&] {
    return k + 2 < c.nb.size() && c.at(k + 2).blanks_before == 0 && !c.at(k + 2).page_break_before &&
           ends_photo_credit(c.content(k + 2));
  };
  const bool described = (starts_with(next, "图为") || starts_with(next, "圖為")) && a.ends_sentence &&
                         b.blanks_before == 0 && is_full(c, k) && is_full(c, k + 1) && !ends_photo_credit(next) &&
                         c.width_of[k + 1] == c.width_of[k] && !credit_under_next();
  if ((starts_caption(next) && !described) ||
      (starts_with(next, "（") && ends_photo_credit(next)))
    return set(BreakKind::kBlock, BreakReason::kCaptionStart);
  // A photo credit closes its caption, even wrapped (…（本报记者 / 韦强娜摄）).
  if (ends_photo_credit(c.content(k))) return set(BreakKind::kBlock, BreakReason::kCaptionEnd);
  if (!a.ends_sentence) {
    if (!is_full(c, k) && a.has_clause_punct) return set(BreakKind::kJoin, BreakReason::kWrapShortUnfinished);
    // On a page whose blank lines mark paragraphs, a full open line over a
    // blank and, under it, a paragraph's first line (2 em short of its
    // column, a full line of it wrapped under it): that paragraph opens
    // there, and the open one goes on elsewhere (columns out of order). A
    // column break inside a paragraph goes on with a line of it, not with a
    // first line. (Not where the blank follows a paragraph's first line by
    // the page's style.)
    if (b.blanks_before > 0 && c.blanks_mark_paragraphs && !c.blank_after_first_lines && is_full(c, k) &&
        !b.ends_sentence && !b.has_tail() &&
        k + 2 < c.nb.size() && c.role[k + 1] == LineRole::kText && c.role[k + 2] == LineRole::kText &&
        c.at(k + 2).blanks_before == 0 && !c.at(k + 2).page_break_before &&
        c.width_of[k + 2] == c.width_of[k + 1] && first_line_indented(c, k + 1, c.width_of[k + 1]) &&
        is_full(c, k + 2))
      return set(BreakKind::kParagraph, BreakReason::kNextIndented);
    if (b.blanks_before > 0 && heading_over_blank_and_first_line(c, k))
      return set(BreakKind::kBlock, BreakReason::kShortLineBefore);
    return set(BreakKind::kJoin, b.blanks_before > 0 ? BreakReason::kWrapAcrossBlank : BreakReason::kWrap);
  }
  // The previous line ends a sentence.
  if (a.caption_end) return set(BreakKind::kParagraph, BreakReason::kCaptionEnd);
  // A full line, and under it one that opens with a clause mark (，并包含…):
  // the sentence went on past the quotation it closed (“新年快乐！” /
  // ，并包含…); no paragraph opens with one. (Under a line that stops short,
  // such a line is another column's, read out of order.)
  if (b.blanks_before == 0 && !next.empty() && (char_flags(text::next_char(next, 0).cp) & text::kClausePunct) &&
      is_full(c, k))
    return set(BreakKind::kJoin, BreakReason::kSentenceEndContinues);
  if (b.indent >= 3 && b.indent > a.indent) return set(BreakKind::kParagraph, BreakReason::kIndentPreserved);
  const int col = c.width_of[k];
  // The last of the characters stretched down a column one a line (…又是
  // 一片银色 / 的 / 光 / 雨 / 。), and under it the rest of that printed
  // line, full to its column with them (see Ctx::measure_widths): the
  // printed line goes on past the sentence end among the stretched ones.
  if (a.chars == 1 && k > 0 && c.at(k - 1).chars == 1 && a.blanks_before == 0 && !a.page_break_before &&
      b.blanks_before == 0 && !b.page_break_before && b.chars > 1 && c.role[k + 1] == LineRole::kText &&
      full_at(c, k + 1, c.width_of[k + 1]))
    return set(BreakKind::kJoin, BreakReason::kStretchedLineContinues);
  if (!is_full(c, k)) {
    // A paragraph's first line, 2 em short, that happens to end a sentence:
    // when a full line follows, the paragraph goes on.
    // (Not a next line that is another paragraph's first line, wrapped
    // before a number or word that a full line would have held.)
    // (A letter-spaced line has gaps between all its characters, not a
    // headline's between phrases.)
    // (Nor over a blank line on a page whose blank lines mark paragraphs,
    // unless it sets one after a paragraph's first line: there the line
    // under the blank must be exactly full to the column, as a wrapped line
    // after a column break is; one with half-width digits or letters, or
    // full only with marks hung past its measure, is no sign of one.)
    if (a_starts_unit && first_line_indented(c, k, col, true) && is_full(c, k + 1) &&
        (!c.at(k + 1).han_gap || c.at(k + 1).letter_spaced) && !stopped_before_fitting_word(c, k + 1, col) &&
        !full_with_pulled_mark(c, k + 1, c.width_of[k + 1]) && !blank_marks_paragraph_after(c, k, col))
      return set(BreakKind::kJoin, BreakReason::kFirstLineContinues);
    // A first line exactly 2 em short that ends a sentence, and a line under
    // it that ends one too: a two-line paragraph, its last line. (A one-line
    // paragraph is that long only by chance: it may stop anywhere.)
    const int measure = c.full_width(k);
    // (On a page that sets a blank line after a paragraph's first line, over
    // that one blank.)
    const bool under_first_line = b.blanks_before == 0 || (c.blank_after_first_lines && b.blanks_before == 1);
    if (a_starts_unit && measure <= col - 4 && measure >= col - 5 && b.ends_sentence && under_first_line &&
        !b.han_gap && !b.has_tail() && c.role[k + 1] == LineRole::kText && c.width(k + 1) <= col + 1 &&
        c.width_of[k + 1] == col && !starts_caption(c.content(k + 1)))
      return set(BreakKind::kJoin, BreakReason::kFirstLineContinues);
    if (a_starts_unit && first_line_of_narrower_column(c, k, col))
      return set(BreakKind::kJoin, BreakReason::kFirstLineContinues);
    if (column_change(c, k)) return set(BreakKind::kBlock, BreakReason::kColumnChange);
    // The two lines above are wrapped lines of the paragraph (open,
    // punctuated, joined) as wide as this one, and the next is no narrower:
    // the column is narrower than the estimate (a few lines of a narrow
    // article among wider ones) and this line is full in it. In the
    // estimated column the lines above would be short wrapped lines, which
    // there are not.
    if (!a_starts_unit && k >= 2 && !b.han_gap && c.role[k + 1] == LineRole::kText && b.blanks_before == 0) {
      const int wa = wrapped_width(c, k);
      const LineInfo& p1 = c.at(k - 1);
      const LineInfo& p2 = c.at(k - 2);
      auto wrapped_as_wide = [&](const LineInfo& l, std::size_t j) {
        return !l.ends_sentence & !l.has_tail() & has_punct(l) && c.role[j] == LineRole::kText &&
               std::abs(wrapped_width(c, j) - wa) <= 1;
      };
      if (a.blanks_before == 0 && p1.blanks_before == 0 && !a.page_break_before && !p1.page_break_before &&
          wrapped_as_wide(p1, k - 1) && wrapped_as_wide(p2, k - 2) && wrapped_width(c, k + 1) >= wa - 1 &&
          c.width(k + 1) <= wa + run_tolerance(wa))
        return set(BreakKind::kJoin, BreakReason::kSentenceEndContinues);
    }
    return set(BreakKind::kParagraph, BreakReason::kSentenceEndShort);
  }
  // The same first line read as full because its closing mark hangs.
  // (Not before another paragraph's first line wrapped before a number or
  // word a full line would have held, as above: the first line above may
  // read as full only with that number, which a sentence end did not wait
  // for.)
  // (Nor over a blank that marks a paragraph, as above.)
  if (a_starts_unit && first_line_indented(c, k, col) && is_full(c, k + 1) && !b.han_gap &&
      !stopped_before_fitting_word(c, k + 1, col) && !blank_marks_paragraph_after(c, k, col))
    return set(BreakKind::kJoin, BreakReason::kFirstLineContinues);
  // (A line with a byline glued after its last sentence is a paragraph's
  // last line, however short.)
  // A full line that ends a sentence, and under it a line of another column
  // width that is 2 em short of its own column: another article's first
  // paragraph starts there.
  if (!b.ends_sentence && !b.has_tail() && column_change(c, k) &&
      first_line_indented(c, k + 1, c.width_of[k + 1]))
    return set(BreakKind::kBlock, BreakReason::kColumnChange);
  // (The next line's indent is measured against its own column when that
  // is wider: a line 2 em short of a wider column that starts under this
  // one may be as wide as this column, and is no wrapped line of it.)
  const int next_col = std::max(col, static_cast<int>(c.width_of[k + 1]));
  if (!b.ends_sentence && !b.has_tail() && first_line_indented(c, k + 1, next_col, false, true))
    return set(BreakKind::kParagraph, BreakReason::kNextIndented);
  // Or it stopped before a number or word that a full line would have held.
  if (c.role[k + 1] == LineRole::kText && stopped_before_fitting_word(c, k + 1, next_col))
    return set(BreakKind::kParagraph, BreakReason::kNextIndented);
  // The next line ends a sentence 2 em short, and a full line follows it:
  // not this paragraph's last line (the next paragraph would open 2 em
  // short), but the first line of a new one. Short counted with the number
  // or word that opens the line after it (count_unbreakable_next): a line
  // that stopped before 1985年 because the number would not fit was full.
  // (Not where the line after it reads full only with a mark pulled onto
  // its end, full_with_pulled_mark(): that is a first line too, and the
  // next line is its paragraph's last.)
  if (b.ends_sentence && k + 2 < c.nb.size() && first_line_indented(c, k + 1, next_col, true) && !b.has_tail() &&
      c.role[k + 2] == LineRole::kText && c.at(k + 2).blanks_before == 0 && !c.at(k + 2).page_break_before &&
      c.width_of[k + 2] == next_col && is_full(c, k + 2) && !c.at(k + 2).han_gap && !c.standalone(k + 2) &&
      !full_with_pulled_mark(c, k + 2, next_col))
    return set(BreakKind::kParagraph, BreakReason::kNextIndented);
  if (first_line_over_blank(c, k, next_col)) return set(BreakKind::kParagraph, BreakReason::kNextIndented);
  // On a page whose blank lines mark paragraphs, a blank after a sentence is
  // a paragraph break far more often than a column break that happens to
  // fall right after a full line's full stop. Unless the line after the
  // blank is exactly full to the column (next_exactly_full): a paragraph's
  // first line is 2 em short, so a full one goes on with the paragraph after
  // a column break (at a change of column it may be a wider column's first
  // line).
  if (b.blanks_before > 0 && c.blanks_mark_paragraphs && !next_exactly_full(c, k, col))
    return set(BreakKind::kParagraph, BreakReason::kBlankAfterSentence);
  // A sentence end, a blank line and a line of another column width: the
  // paragraph ended with the sentence, and the text under the blank is
  // another column's (full to its own column, it is no wrapped line of this
  // one; a first line without marks on a page whose marks are set half
  // width may measure only 1 em short of its column, as here).
  if (b.blanks_before > 0 && column_change(c, k)) return set(BreakKind::kBlock, BreakReason::kColumnChange);
  if (is_full(c, k + 1)) return set(BreakKind::kJoin, BreakReason::kSentenceEndContinues);
  return set(BreakKind::kJoin, BreakReason::kFullLineContinues);
}

// ---- text cleaning -----------------------------------------------------------

// Which spaces a unit keeps: body text drops justification spaces next to
// CJK; short lines keep the spaces between Han phrases and names; page
// furniture (13 综合, 济宁日报 2020年7月24日 星期五) keeps its fields apart.
enum class SpacePolicy { kBody, kShort, kFields };

struct UnitBuilder {
  std::string_view src;
  RepairResult& result;
  const RepairOptions& options;
  text::MappedText& out;  // the text of the unit being built, in place in result.units
  char32_t last = 0;       // last character emitted
  std::uint16_t last_flags = 0;
  const bool reference;  // detail::reference_paths(), asked once a page

  void emit(char32_t cp, std::size_t at, std::uint8_t len) {
    if (options.fullwidth_ascii && cp >= 0xFF01 && cp <= 0xFF5E) {
      char ascii = static_cast<char>(cp - 0xFF01 + 0x21);
      out.append_synthetic(std::string_view(&ascii, 1), static_cast<std::uint32_t>(at));
      ++result.fullwidth_mapped;
      cp = static_cast<char32_t>(ascii);
    } else {
      out.append(src.substr(at, len), static_cast<std::uint32_t>(at));
    }
    last = cp;
    last_flags = char_flags(cp);
  }
  void emit_space(std::size_t at) {
    if (src[at] == ' ') out.append(src.substr(at, 1), static_cast<std::uint32_t>(at));
    else out.append_synthetic(" ", static_cast<std::uint32_t>(at));
    last = ' ';
    last_flags = text::kSpace;
  }
  void remove(std::size_t at, std::size_t len, const char* reason) {
    result.removals.push_back({std::string(src.substr(at, len)),
                               {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + len)}, reason});
  }

  static bool cjkish(std::uint16_t f) { return f & (text::kHan | text::kCjkPunct | text::kKanaHangul); }

  // Whether the text emitted so far ends inside a credit in parentheses run
  // into body text (新华社北京12月31日电（记者 王志明 李小军）, 本报讯（记者
  // 周九 吴十）): an opening parenthesis, still open, a role word right after
  // it, and after the role only names, one to four Han characters each,
  // parted by spaces (not a clause: （记者从会上了解 到…）). The spaces there
  // part names, not justification: kept. Asked only at a space between two
  // Han characters in body text (rare); looks back 120 bytes at most, more
  // than a credit of six names runs.
  bool in_credit() const {
    constexpr std::size_t kCreditBytes = 120;
    const std::string& t = out.text();
    const std::size_t from = t.size() > kCreditBytes ? t.size() - kCreditBytes : 0;
    const std::string_view tail = std::string_view(t).substr(from);
    const std::size_t names_at = segment::open_credit_names(tail);
    if (names_at == std::string_view::npos) return false;
    const std::string_view names = tail.substr(names_at);
    constexpr std::size_t kLongestName = 4;  // Han characters (欧阳志远)
    std::size_t name_chars = 0;
    for (std::size_t i = 0; i < names.size();) {
      if (names[i] == ' ') {
        if (name_chars > kLongestName) return false;
        name_chars = 0;
        ++i;
        continue;
      }
      const text::DecodedChar d = text::next_char(names, i);
      if (!text::is_han(d.cp)) return false;  // a closing parenthesis, a mark, a digit: no credit
      ++name_chars;
      i += d.len;
    }
    return name_chars <= kLongestName;  // (0: the space right after the role word)
  }

  // Keeps a space between prev and next? Justification spaces next to CJK
  // go; spaces between Latin words, inside URLs, between names in a short
  // line stay.
  static bool keep_space(std::uint16_t pf, std::uint16_t nf, SpacePolicy policy, bool letter_spaced,
                         std::uint32_t run_len) {
    if (letter_spaced) return run_len >= 2 && !cjkish(pf) && !cjkish(nf);
    if (policy == SpacePolicy::kBody) return !cjkish(pf) && !cjkish(nf);
    if (policy == SpacePolicy::kFields) return true;
    // Short lines: keep Han–Han (headline phrases, names), drop next to CJK punctuation
    // and between Han and digits/Latin.
    if ((pf & text::kCjkPunct) || (nf & text::kCjkPunct)) return false;
    const bool p_han = pf & (text::kHan | text::kKanaHangul);
    const bool n_han = nf & (text::kHan | text::kKanaHangul);
    const bool p_alnum = pf & (text::kDigit | text::kLatin);
    const bool n_alnum = nf & (text::kDigit | text::kLatin);
    return !((p_han && n_alnum) || (p_alnum && n_han));
  }

  // Appends the content [b, e) of one line. Bytes kept verbatim are copied
  // in runs, not one character at a time.
  // (Inlined into repair_page: it runs once a line, and for most lines it is
  // the one append below.)
  [[gnu::always_inline]] void add_line(const LineInfo& l, std::size_t b, std::size_t e, SpacePolicy policy) {
    // Most lines have no space and no ignorable character inside: unless
    // glyphs are doubled or full-width ASCII is mapped, every character of
    // [b, e) is kept, one verbatim run, and only the last one is looked at.
    // add_line_by_character() is what this shortcut must agree with.
    // (Spans of src made directly, not by substr: b <= e <= src.size().)
    if (l.verbatim && !l.doubled && !options.fullwidth_ascii && !reference) {
      if (b < e) {
        out.append(std::string_view(src.data() + b, e - b), static_cast<std::uint32_t>(b));
        // Most lines end with a three-byte character: a lead byte and two
        // continuation bytes, read at once (what the walk back and
        // next_char() below make of them too).
        const auto* p = reinterpret_cast<const unsigned char*>(src.data()) + e;
        if (e - b >= 3 && (p[-3] & 0xF0) == 0xE0 && (p[-2] & 0xC0) == 0x80 && (p[-1] & 0xC0) == 0x80) {
          last = static_cast<char32_t>((p[-3] & 0x0F) << 12 | (p[-2] & 0x3F) << 6 | (p[-1] & 0x3F));
          last_flags = text::bmp_flags()[last];  // (a BMP character: char_flags() without the call)
        } else {
          std::size_t last_at = e - 1;  // the last character's first byte (b is a character boundary)
          while (last_at > b && (static_cast<unsigned char>(src[last_at]) & 0xC0) == 0x80) --last_at;
          last = text::next_char(std::string_view(src.data(), e), last_at).cp;
          last_flags = char_flags(last);
        }
      }
      return;
    }
    add_line_by_character(l, b, e, policy);
  }

  void add_line_by_character(const LineInfo& l, std::size_t b, std::size_t e, SpacePolicy policy) {
    constexpr auto npos = std::string_view::npos;
    std::size_t i = b;
    std::size_t run = npos;  // start of the pending verbatim run
    auto flush = [&](std::size_t upto) {
      if (run != npos && upto > run) out.append(src.substr(run, upto - run), static_cast<std::uint32_t>(run));
      run = npos;
    };
    bool second_of_pair = false;
    std::size_t space_at = npos;
    std::uint32_t space_run = 0;
    while (i < e) {
      text::DecodedChar d = text::next_char(src, i);
      const auto f = char_flags(d.cp);
      if (f & text::kIgnorable) { flush(i); i += d.len; continue; }
      if ((f & text::kSpace) || d.cp == '\t') {
        flush(i);
        if (space_at == npos) space_at = i;
        ++space_run;
        i += d.len;
        continue;
      }
      if (l.doubled) {
        if (second_of_pair) {
          flush(i);
          remove(i, d.len, "doubled_glyph");
          second_of_pair = false;
          i += d.len;
          continue;
        }
        second_of_pair = true;
      }
      if (space_at != npos) {
        if (!out.empty() && (keep_space(last_flags, f, policy, l.letter_spaced, space_run) ||
                             (policy == SpacePolicy::kBody && !l.letter_spaced && (last_flags & text::kHan) &&
                              (f & text::kHan) && in_credit()))) {
          emit_space(space_at);
        }
        space_at = npos;
        space_run = 0;
      }
      if (options.fullwidth_ascii && d.cp >= 0xFF01 && d.cp <= 0xFF5E) {
        flush(i);
        emit(d.cp, i, d.len);
      } else {
        if (run == npos) run = i;
        last = d.cp;
        last_flags = f;
      }
      i += d.len;
    }
    flush(e);
  }

  // Called between two joined lines: a Latin word split by a hyphen loses the
  // hyphen, two Latin words get a space, CJK joins with nothing.
  // (Inlined into repair_page, once a joined line: the tests below answer
  // for most joins; the rest is a call.)
  [[gnu::always_inline]] void join_lines(const LineInfo& next, std::size_t next_b) {
    if (out.empty()) return;
    // Nothing to do after a character that is neither a hyphen nor a Latin
    // letter or digit (most joins: after Han characters and CJK marks),
    // whatever comes next.
    if (last != '-' && !text::is_ascii_alnum(last) && !(last_flags & text::kLatin)) return;
    join_after_latin(next, next_b);
  }
  // A web address, e-mail address or file name cut at the line's end
  // (www.peopl / e.com.cn, happyne / wyear.txt.vbs): Chinese typesetting
  // breaks a run of Latin letters anywhere when it has no space to break
  // at, and an address has none, so its two pieces join without the space
  // that two English words get. The run across the break (ASCII letters,
  // digits and the marks of addresses, from t's end back and from the next
  // line's start on) is an address when it holds www., :// or @, or ends
  // in a dot and two to four lower-case letters (.cn, .com, .txt).
  bool address_cut(const std::string& t, std::size_t next_b, std::size_t next_e) const {
    auto address_char = [](char ch) {
      return text::is_ascii_alnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '/' || ch == ':' ||
             ch == '@' || ch == '_' || ch == '-' || ch == '~' || ch == '%' || ch == '=' || ch == '?' || ch == '&';
    };
    std::size_t b = t.size();
    while (b > 0 && address_char(t[b - 1])) --b;
    std::size_t e = next_b;
    while (e < next_e && address_char(src[e])) ++e;
    // (Trailing dots and slashes end a sentence or a path, not the name.)
    while (e > next_b && (src[e - 1] == '.' || src[e - 1] == '/')) --e;
    std::string run = t.substr(b);
    run.append(src.substr(next_b, e - next_b));
    if (run.find("www.") != std::string::npos || run.find("://") != std::string::npos) return true;
    const std::size_t at = run.find('@');
    if (at != std::string::npos && run.find('.', at) != std::string::npos) return true;
    const std::size_t dot = run.rfind('.');
    if (dot == std::string::npos || dot == 0) return false;
    const std::size_t ext = run.size() - dot - 1;
    if (ext < 2 || ext > 4) return false;
    for (std::size_t i = dot + 1; i < run.size(); ++i)
      if (run[i] < 'a' || run[i] > 'z') return false;
    return true;
  }
  // join_lines() after a hyphen, a Latin letter or a digit.
  void join_after_latin(const LineInfo& next, std::size_t next_b) {
    text::DecodedChar first = decode_at(src, next_b);
    const auto nf = char_flags(first.cp);
    const std::string& t = out.text();
    if (last == '-' && t.size() >= 2 && (nf & text::kLatin) && first.cp >= 'a' && first.cp <= 'z') {
      const auto before = text::decode_before(t, t.size() - 1);
      // A hyphen after a word's only letter is the word's own (e-commerce,
      // e-mail, x-ray): hyphenation leaves two letters on the line at least,
      // so the hyphen stays and the word goes on under it.
      const std::size_t word_before = t.size() - 1 - before.len;
      const bool one_letter = word_before == 0 || !(char_flags(text::decode_before(t, word_before).cp) & text::kLatin);
      if ((char_flags(before.cp) & text::kLatin) && !one_letter) {
        // Drop the hyphen from the output and record it, as printed: with
        // fullwidth_ascii the output's '-' may stand for a full-width
        // hyphen-minus (U+FF0D, three bytes of the page).
        std::uint32_t at = out.source_of(t.size() - 1);
        text::MappedText trimmed = out.slice(0, t.size() - 1);
        out = std::move(trimmed);
        remove(at, decode_at(src, at).len, "line_end_hyphen");
        last = before.cp;
        last_flags = char_flags(before.cp);
        return;
      }
    }
    const bool last_alnum = text::is_ascii_alnum(last) || (last_flags & text::kLatin);
    const bool next_alnum = text::is_ascii_alnum(first.cp) || (nf & text::kLatin);
    const bool both_digits = (last_flags & text::kDigit) && (nf & text::kDigit);
    if (last_alnum && next_alnum && !both_digits && !address_cut(t, next_b, next.content.end)) {
      out.append_synthetic(" ", next.line.start > 0 ? next.line.start - 1 : 0);
      last = ' ';
      last_flags = text::kSpace;
    }
    (void)next;
  }
};


// At least two Han characters, digits or Latin letters: a line of words (a
// heading, a byline), not of symbols with a character in them (··一).
bool has_words(std::string_view t) {
  // Most lines asked about open with two three-byte characters (Han): read
  // at once, their flags from the table. (Leads E1-EC and EE-EF with two
  // continuation bytes: no overlong or surrogate form, so decode_at() reads
  // the same character.)
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  auto plain_three = [](const unsigned char* q) {
    return q[0] >= 0xE1 && q[0] <= 0xEF && q[0] != 0xED && (q[1] & 0xC0) == 0x80 && (q[2] & 0xC0) == 0x80;
  };
  if (t.size() >= 6 && plain_three(p) && plain_three(p + 3)) {
    const std::uint16_t* flags = text::bmp_flags();
    constexpr std::uint16_t kWord = text::kHan | text::kDigit | text::kLatin;
    if ((flags[text::three_byte_code_point(p)] & kWord) && (flags[text::three_byte_code_point(p + 3)] & kWord))
      return true;
  }
  int letters = 0;
  for (std::size_t i = 0; i < t.size() && letters < 2;) {
    const auto d = decode_at(t, i);
    if (char_flags(d.cp) & (text::kHan | text::kDigit | text::kLatin)) ++letters;
    i += d.len;
  }
  return letters >= 2;
}

// Whether the text that goes on from line k comes to an end (a sentence
// end, a glued byline) before the chain of joins stops: lines set aside or
// jumped over are rejoined around only for a paragraph that does; one left
// open would be joined to them again on a second run. (Chains run forward:
// next[k] > k.)
void find_closes(const Ctx& c, const std::vector<std::int64_t>& next, std::vector<char>& closes) {
  const std::size_t m = c.nb.size();
  closes.assign(m, 0);
  for (std::size_t k = m; k-- > 0;) {
    const LineInfo& l = c.at(k);
    const char own = static_cast<char>(l.ends_sentence | l.has_tail() | l.caption_end);
    // (A load either way, and the choice made by arithmetic: lines that go
    // on and lines that end come in no order, and the branch the compiler
    // made of a ?: here mispredicted.)
    const std::int64_t to = next[k];
    const bool goes = to >= 0;
    const std::size_t goes_on = k + static_cast<std::size_t>(goes) * (static_cast<std::size_t>(to) - k);
    const int take = -static_cast<int>(goes);  // all ones where the line goes on
    closes[k] = static_cast<char>((closes[goes_on] & take) | (own & ~take));
  }
}

// Intrusions: a paragraph stops mid-sentence, one or two foreign lines follow
// (page furniture, a jump line, a line of another column: clearly shorter or
// wider than the paragraph's column; a byline, where the paragraph was
// already running over the line before it: pdftotext's default mode sets a
// neighbour's byline into a column so), then a line that goes on with the
// sentence. The foreign lines are set aside as their own units and the
// paragraph is rejoined around them.
//
// A paragraph may be cut twice (page furniture twice down one column): the
// text after the first cut closes only once the second is spliced, so when
// a cut was passed over for that alone and another was spliced, the cuts
// are looked at again with the chains as they are now.
void splice_intrusions(const Ctx& c, std::vector<JoinDecision>& decisions, std::vector<std::int64_t>& next,
                       std::vector<char>& has_prev, std::vector<char>& closes) {
  const std::size_t m = c.nb.size();
  auto open_text = [&](std::size_t k) {
    const LineInfo& l = c.at(k);
    return (c.role[k] == LineRole::kText) & !l.ends_sentence & !l.has_tail() & !l.letter_spaced;
  };
  // (Inlined: asked of nearly every line, answered by its role and flags.)
  // (inside: the line cut at goes on from the line above it, so the lines
  // after it interrupt a paragraph already running: a byline there is
  // another article's, set into this column. A byline under a paragraph's
  // first line may be that line's own, a head set over its text.)
  auto foreign = [&](std::size_t k, int col, bool inside) __attribute__((always_inline)) {
    if (c.role[k] == LineRole::kFurniture || c.role[k] == LineRole::kJump) return true;
    if (c.role[k] == LineRole::kByline) return inside;
    if (c.standalone(k)) return false;
    const LineInfo& l = c.at(k);
    // A short unpunctuated line (another article's heading or byline) inside
    // a sentence. Lines with punctuation, even of another width, are taken as
    // the paragraph's own (a column break can change the width).
    if (has_punct(l) | l.letter_spaced | (l.chars < 3)) return false;
    // A heading or byline is words: a line of symbols with a character or two
    // (··一) is not set aside (doing so would not survive a second repair).
    if (!has_words(c.content(k))) return false;
    // The end of a caption's photo credit (…（本报记者 / 韦强娜摄）) is the caption's own.
    if (ends_photo_credit(c.content(k))) return false;
    return wrapped_width(c, k) <= col - short_margin(col);
  };
  // (past_furniture: the lines cut out are page furniture or jump lines,
  // surely foreign. Then the paragraph's last line, ending a sentence, may
  // stop anywhere short of the column but just where a first line would, 2
  // em short give or take a column: that one may be another paragraph, a
  // sentence long. Past lines only taken for foreign, also not anywhere a
  // first line may be that lost its indent.)
  auto continues = [&](std::size_t k, int col, bool past_furniture) {
    const LineInfo& l = c.at(k);
    if (c.role[k] != LineRole::kText || l.page_break_before || l.letter_spaced) return false;
    if (starts_caption(c.content(k))) return false;
    if (full_at(c, k, col)) return true;
    return l.ends_sentence && c.width(k) < col - full_slack(col) &&
           (past_furniture ? std::abs(c.width(k) - (col - 4)) > 1 : !indented_at(c, k, col));
  };
  bool spliced = false, open_after_cut = false;
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      if (!spliced || !open_after_cut) break;
      find_closes(c, next, closes);
    }
    for (std::size_t k = 0; k + 2 < m; ++k) {
      // A paragraph's full line or its first line (2 em short) may be cut.
      if (!open_text(k)) continue;
      const int col = c.width_of[k];
      // (The next line told before the decision at k: it is seldom foreign.)
      if (!foreign(k + 1, col, has_prev[k] != 0)) continue;
      // Already rejoined around moved text, or the end of moved text; or
      // spliced on the first pass.
      if (decisions[k].reason == BreakReason::kColumnJump || decisions[k].reason == BreakReason::kIntrusion) continue;
      if (!(full_at(c, k, col) || indented_at(c, k, col))) continue;
      std::size_t j = k + 1;
      // (A line that goes on with a paragraph rejoined around moved text is
      // not foreign.)
      while (j < m && j <= k + 2 && foreign(j, col, has_prev[k] != 0) &&
             !(has_prev[j] && next[j - 1] != static_cast<std::int64_t>(j)))
        ++j;
      // (The text may go on in another column past a page's furniture or a
      // jump line: a line full in its own column goes on as well, unless
      // text from elsewhere already goes on into it.)
      bool past_furniture = true;
      for (std::size_t f = k + 1; f < j; ++f)
        past_furniture = past_furniture && (c.role[f] == LineRole::kFurniture || c.role[f] == LineRole::kJump);
      if (j == k + 1 || j >= m ||
          !(continues(j, col, past_furniture) || (!has_prev[j] && continues(j, c.width_of[j], past_furniture))))
        continue;
      // (Nor into a line that text from elsewhere already goes on into: a
      // line has one line before it, or its text would be read twice.)
      if (has_prev[j] && next[j - 1] != static_cast<std::int64_t>(j)) continue;
      if (!closes[j]) {
        open_after_cut = true;
        continue;
      }
      spliced = true;
      // Lines k+1 .. j-1 are foreign: cut them out of the chain.
      for (std::size_t f = k; f < j; ++f) {
        if (next[f] >= 0) has_prev[static_cast<std::size_t>(next[f])] = 0;
        next[f] = -1;
        decisions[f].kind = BreakKind::kBlock;
        decisions[f].reason = BreakReason::kIntrusion;
      }
      if (next[j - 1] >= 0) has_prev[static_cast<std::size_t>(next[j - 1])] = 0;
      next[k] = static_cast<std::int64_t>(j);
      has_prev[j] = 1;
      k = j - 1;
    }
  }
}

// The runs of three Han characters that stand side by side inside the
// page's lines: the page's own words. A line break inside a word (or a
// phrase the page repeats) leaves its halves at the end of one line and the
// start of the next; where the three characters around the break also
// stand together elsewhere on the page, the two lines most likely go on
// from each other (interleave.cpp's PageBigrams reads pairs; a pair of
// common characters stands somewhere on most pages, three seldom by
// chance). Built on first use, in one pass over the page: most pages never
// ask.
class PageWords {
 public:
  explicit PageWords(const Ctx& c) : c_(c) {}
  // Line b's first characters make a run of the page with line a's last:
  // two from a and one from b, or one from a and two from b.
  bool joins_word(std::size_t a, std::size_t b) {
    std::array<char32_t, 2> end{}, start{};  // a's last two (end[1] last), b's first two
    han_ends(c_.content(a), end, true);
    han_ends(c_.content(b), start, false);
    if (!end[1] || !start[0]) return false;
    return (end[0] && holds_run(end[0], end[1], start[0])) || (start[1] && holds_run(end[1], start[0], start[1]));
  }

 private:
  // The run x y z stands in the page's lines. Most runs asked about stand
  // nowhere on the page: one search of the page's text for their bytes says
  // so (every line's content is a span of that text, so a run a line holds
  // is found there). Where the text holds the bytes, the first place is checked
  // against the lines whose content holds it, read as build() reads them
  // (the place may still stand outside every line's content, e.g. in a
  // line's trimmed edges, or not on a character's start): a few lines read,
  // not the whole page's runs gathered and sorted, for a question most
  // pages ask once or twice. A page that asks more than kSearches times
  // gets the set at once: each search reads the whole page, the set is
  // built in one pass.
  bool holds_run(char32_t x, char32_t y, char32_t z) {
    constexpr int kSearches = 64;
    if (!built_) {
      if (searches_ == kSearches) {
        build();
      } else {
        ++searches_;
        std::string bytes;  // (three characters: inside the string, no heap)
        text::append_utf8(bytes, x);
        text::append_utf8(bytes, y);
        text::append_utf8(bytes, z);
        const std::size_t at = text::find_word_fast(c_.text, bytes, 0);
        if (at == std::string_view::npos) return false;
        if (run_at(at, bytes.size(), x, y, z)) return true;
        // (Only the first place is checked so: each check reads the lines,
        // and a page holding the bytes many times outside any line's run
        // would cost a read of the lines per place, quadratic. Past a first
        // miss the set is built, in one pass, and answers.)
        build();
      }
    }
    return std::binary_search(runs_.begin(), runs_.end(), key(x, y, z));
  }
  // Some line's content holds the run x y z at byte `at` of the page (its
  // `size` bytes), read character by character from the content's start, as
  // build() reads it.
  bool run_at(std::size_t at, std::size_t size, char32_t x, char32_t y, char32_t z) const {
    for (std::size_t k = 0; k < c_.nb.size(); ++k) {
      const LineInfo& l = c_.at(k);
      if (at < l.content.start || at + size > l.content.end) continue;
      const std::string_view t = c_.content(k);
      const std::size_t off = at - l.content.start;
      std::size_t i = 0;
      while (i < off) i += decode_at(t, i).len;
      if (i != off) continue;
      // (Each character as the bytes found spell it, or the run is not there.)
      int matched = 0;
      for (const char32_t want : {x, y, z}) {
        if (i >= t.size()) break;
        const auto d = decode_at(t, i);
        if (han_or_zero(d.cp) != want) break;
        i += d.len;
        ++matched;
      }
      if (matched == 3) return true;
    }
    return false;
  }

  static char32_t han_or_zero(char32_t cp) { return (char_flags(cp) & text::kHan) ? cp : 0; }
  // (Code points fit in 21 bits: three to a key.)
  static std::uint64_t key(char32_t x, char32_t y, char32_t z) {
    return static_cast<std::uint64_t>(x) << 42 | static_cast<std::uint64_t>(y) << 21 | z;
  }
  // The two Han characters that end t (at_end) or open it, in reading
  // order; 0 past the first character that is not Han.
  static void han_ends(std::string_view t, std::array<char32_t, 2>& out, bool at_end) {
    if (t.empty()) return;
    if (!at_end) {
      const auto d = decode_at(t, 0);
      out[0] = han_or_zero(d.cp);
      if (out[0] && d.len < t.size()) out[1] = han_or_zero(decode_at(t, d.len).cp);
      return;
    }
    const auto last = text::decode_before(t, t.size());
    out[1] = han_or_zero(last.cp);
    if (!out[1] || last.len >= t.size()) return;
    out[0] = han_or_zero(text::decode_before(t, t.size() - last.len).cp);
  }
  void build() {
    built_ = true;
    for (std::size_t k = 0; k < c_.nb.size(); ++k) {
      const std::string_view t = c_.content(k);
      char32_t x = 0, y = 0;
      for (std::size_t i = 0; i < t.size();) {
        const auto d = decode_at(t, i);
        i += d.len;
        const char32_t z = han_or_zero(d.cp);
        if (x && y && z) runs_.push_back(key(x, y, z));
        x = y;
        y = z;
      }
    }
    std::sort(runs_.begin(), runs_.end());
    runs_.erase(std::unique(runs_.begin(), runs_.end()), runs_.end());
  }
  const Ctx& c_;
  bool built_ = false;
  int searches_ = 0;  // of the page's text, before the set was built
  std::vector<std::uint64_t> runs_;
};

// Lines a and b are set in one column width, give or take a column's play.
bool same_column_width(const Ctx& c, std::size_t a, std::size_t b) {
  const int ca = c.width_of[a], cb = c.width_of[b];
  return std::abs(ca - cb) <= run_tolerance(std::max(ca, cb));
}

// A text line far short of column col that ends nothing and has no
// punctuation: read as running text, but a heading by its shape.
bool heading_shaped(const Ctx& c, std::size_t k, int col) {
  const LineInfo& l = c.at(k);
  return c.role[k] == LineRole::kText && !has_punct(l) && !l.ends_sentence && !l.has_tail() && !l.letter_spaced &&
         !l.has_paren && l.chars >= 3 && wrapped_width(c, k) < col - short_margin(col) && has_words(c.content(k));
}

// Line k ends a sentence and then, after a gap, begins a byline it could not
// hold (`…的变化。   特` / 约记者 陈培磊; see glued_piece): the line ends its
// paragraph, whatever comes under it.
bool sentence_then_glued_piece(const Ctx& c, std::size_t k) {
  return c.at(k).spaces_inside > 0 && glued_piece(c.content(k)).has_value();
}

// Line s, set apart from the line above by a blank line, is a paragraph's
// first line: open running text (punctuated, or a long line of words) 2 em
// short of the wrapped line under it. That line measures the column when
// the line under it is as wide, or when it ends a sentence itself (a
// paragraph's last line is no wider than its column), or when it is as
// wide as col, the column of the paragraph above (then a blank line may
// close the moved text under it). Digits and letters are let in, whose
// printed widths vary (opens_paragraph keeps them out): the blank line
// already sets the line apart, and a wrapped line is never 2 em short of
// the one under it. Moved text under a full line that stops mid-sentence
// opens so when the page sets blank lines around it: the first lines of an
// article whose heads follow its text.
bool opens_after_blank(const Ctx& c, std::size_t s, int col, const std::vector<std::int64_t>& next) {
  const std::size_t m = c.nb.size();
  if (s + 1 >= m || next[s] != static_cast<std::int64_t>(s + 1)) return false;
  const LineInfo& ls = c.at(s);
  const LineInfo& l1 = c.at(s + 1);
  if (ls.blanks_before == 0 || c.role[s] != LineRole::kText || c.role[s + 1] != LineRole::kText ||
      ls.ends_sentence || ls.has_tail() || !(has_punct(ls) || ls.chars >= 8) || ls.letter_spaced || l1.has_tail() ||
      l1.letter_spaced || l1.blanks_before > 0 || l1.unbreakable_start > 0 || contains(c.content(s), "—", c.reference))
    return false;
  const int own = wrapped_width(c, s + 1);
  if (!l1.ends_sentence && std::abs(own - col) > 1) {
    if (s + 2 >= m || next[s + 1] != static_cast<std::int64_t>(s + 2) || c.role[s + 2] != LineRole::kText) return false;
    const LineInfo& l2 = c.at(s + 2);
    const int under = wrapped_width(c, s + 2);
    if (l2.blanks_before > 0 || (l2.ends_sentence ? under > own + 1 : std::abs(under - own) > 1)) return false;
  }
  // Measured without the closing marks that end either line (a setter may
  // hang them past the column; the widths count some of them).
  auto unhung = [&](std::size_t k) {
    const LineInfo& l = c.at(k);
    return c.width(k) - (l.trailing_punct > 0 && !c.squeeze ? l.trailing_punct - 1 : 0);
  };
  const int short_by = unhung(s + 1) - unhung(s);
  return short_by >= 4 && short_by <= 5;
}

// Moved text found: the paragraph's open line, the first moved line, the
// line that goes on with the paragraph.
struct MovedText {
  std::size_t open_line, first_moved, goes_on;
  bool last_line_wrapped = false;  // the decisions joined the moved text's last line to the line after it
  // The moved lines (bit i: line first_moved + i) that the moved text's
  // headings were cut from or cut before: a heading line of moved text.
  std::uint32_t set_apart = 0;
  bool joins_line_above = false;  // the open line is rejoined to the line above it (a sentence end the decisions parted)
};

// The head of another article set into a paragraph (columns out of order):
// a full line stops mid-sentence and the next line starts something new: a
// heading (short and unpunctuated, or over a byline or a paragraph's first
// line), a paragraph's first line (2 em short of this column or of its own),
// lines of another column width. A few lines later (two at least) a line of the paragraph's column
// goes on with the sentence where the moved text ends: after a paragraph's
// last line, lines of another width, an open line far short of the column,
// a blank line when a blank line also opened the moved text, or, failing
// surer signs, a heading, or the one line that opens with the rest of a
// word line a breaks (see PageWords). The paragraph is rejoined around the moved lines,
// which keep their own breaks, and their headings stand alone. Returns the
// moved text rejoined around (none or one).
std::vector<MovedText> rejoin_around_moved_heads(const Ctx& c, std::vector<JoinDecision>& decisions,
                                                 std::vector<std::int64_t>& next, std::vector<char>& has_prev,
                                                 const std::vector<char>& closes) {
  constexpr std::size_t kMaxMoved = 10;  // lines of the moved head (items and the blank lines around them)
  constexpr std::size_t kMaxMovedHeads = 1;  // per page
  const std::size_t m = c.nb.size();
  auto same_column = [&](std::size_t a, std::size_t b) { return same_column_width(c, a, b); };
  auto heading_like = [&](std::size_t k, int col) { return heading_shaped(c, k, col); };
  // A paragraph's first line that lost its indent, told strictly: Han text
  // (half-width characters make widths vary) exactly 2 em short, not ending,
  // and a full line of the same column goes on from it. The first line of a
  // column of its own (elsewhere) may have no punctuation: in a narrow
  // column many lines have none. (With narrow_ok it may hold half-width
  // characters too: asked where two wrapped lines under it, as wide as each
  // other, measure its column.)
  auto opens_paragraph = [&](std::size_t k, int col, bool elsewhere = false, bool hanging = false, bool narrow_ok = false) {
    const LineInfo& l = c.at(k);
    if (c.role[k] != LineRole::kText || l.ends_sentence || l.has_tail() ||
        !(has_punct(l) || (elsewhere && l.chars >= 3 && !l.has_paren)) || (l.narrow > 0 && !narrow_ok) ||
        l.letter_spaced || k + 1 >= m || next[k] != static_cast<std::int64_t>(k + 1))
      return false;
    // A line wrapped before an opening mark and what it opens (“（五）)
    // may be as short, and so may one with a long dash, which the setter
    // sets as wide or as narrow as he likes (———).
    // (With hanging, a closing mark pulled onto its end hangs past the
    // 2-em-short measure: half of it is counted in the width, none of it
    // here. Asked only under a title: many a full line ends in a mark.)
    // (The measures first, the search for a dash last: most lines asked
    // are no first line by their widths.)
    if (c.at(k + 1).unbreakable_start > 0) return false;
    const int short_by = col - wrapped_width(c, k) + (hanging && l.trailing_punct == 2 && !c.squeeze ? 1 : 0);
    return short_by >= 4 && short_by <= 5 && full_at(c, k + 1, col) && !opening_marks_carried(c, k, short_by) &&
           !contains(c.content(k), "—", c.reference);
  };
  // Line k, open, ends with a closing mark (” after a quoted word), which
  // its width counts half, as it may hang past the column: counted whole,
  // the line is as wide as the open wrapped line under it. Then the mark is
  // set inside the column, and the line measures it half a character wider
  // than counted (so the moved text's column, a character wider than the
  // paragraph's, is not taken for the paragraph's own).
  auto mark_inside = [&](std::size_t k) {
    const LineInfo& l = c.at(k);
    if (l.trailing_punct == 0 || l.ends_sentence || k + 1 >= m || c.role[k + 1] != LineRole::kText ||
        c.at(k + 1).ends_sentence)
      return false;
    const int whole = c.full_width(k);
    return whole == wrapped_width(c, k) + 1 && wrapped_width(c, k + 1) == whole;
  };
  // A paragraph's first line in a column of its own, off col: 2 em short
  // of the wrapped line under it, which is as wide as the one under that
  // (so digits or letters in it, whose printed widths vary, are let in;
  // not when the line under that ends a sentence: then one line measures
  // the column, and a number opening the last line may widen it).
  // (With long_unmarked, the wrapped line under k may have no mark when it
  // is a long line, as many lines of a narrow column have none: asked of
  // lines known to be moved text, under a line without a mark.)
  auto opens_paragraph_elsewhere = [&](std::size_t k, int col, bool long_unmarked = false) {
    if (k + 2 >= m || next[k + 1] != static_cast<std::int64_t>(k + 2)) return false;
    const LineInfo& l1 = c.at(k + 1);
    // (the line under it may end a sentence: the wrapped line after it
    // tells the column then)
    if (c.role[k + 1] != LineRole::kText || l1.has_tail() || l1.letter_spaced ||
        !(has_punct(l1) || (long_unmarked && l1.chars >= 8 && !l1.has_paren)))
      return false;
    const int own = mark_inside(k + 1) ? c.full_width(k + 1) : wrapped_width(c, k + 1);
    // (a sentence end short of col may stop anywhere: only a wider one tells)
    if (std::abs(own - col) < 2 || (l1.ends_sentence && own < col)) return false;
    const LineInfo& l2 = c.at(k + 2);
    if (c.role[k + 2] != LineRole::kText || (l1.ends_sentence && l2.ends_sentence) ||
        (!l2.ends_sentence && std::abs(wrapped_width(c, k + 2) - own) > 1))
      return false;
    return opens_paragraph(k, own, true, false, !l2.ends_sentence);
  };
  // A paragraph of two lines in a column of its own, set between two lines
  // of the paragraph's column col: line k, 2 em short of the line under it,
  // which stops mid-sentence off col by more than a column's play (a
  // wrapped line of Han text fills its column to a character), and the
  // line under that full to col again. (opens_paragraph_elsewhere wants a
  // third line of the other column; here the moved text is too short to
  // show one, and col going on under it tells where it ends: line k + 2.)
  // Told by lines of Han text with few marks only: digits, letters, dashes
  // and marks a setter squeezes make widths vary by as much, and a number
  // opening the line under it widens a wrapped line as measured.
  auto two_lines_elsewhere = [&](std::size_t k, int col) {
    if (k + 3 >= m || next[k + 1] != static_cast<std::int64_t>(k + 2)) return false;
    const LineInfo& l1 = c.at(k + 1);
    const LineInfo& l2 = c.at(k + 2);
    if (c.role[k + 1] != LineRole::kText || c.role[k + 2] != LineRole::kText || l1.ends_sentence ||
        l1.has_tail() || !has_punct(l1) || l1.letter_spaced || l1.narrow > 0 || l1.wide_punct > 2 ||
        c.at(k).wide_punct > 2 || l2.blanks_before > 0 || l2.page_break_before || l2.letter_spaced ||
        l2.unbreakable_start > 0)
      return false;
    const int own = wrapped_width(c, k + 1);
    if (std::abs(own - col) < 3 || std::abs(wrapped_width(c, k + 2) - col) > 1) return false;
    return opens_paragraph(k, own, true) && !contains(c.content(k + 1), "—", c.reference);
  };
  // Lines k and k+1 are wrapped lines of another column than col: both open,
  // both off col by more than a column's play on the same side, and as wide
  // as each other (k may be the first line, 2 em short). The column width
  // estimate keeps a few lines of another width in the column around them.
  // With last_may_end, line k+1 may end a sentence (the moved text's last
  // line): then only a wider column tells, as a sentence may end anywhere
  // short of the column.
  // With one_unmarked, the second line may have no mark when the first has
  // one and it is a long line (in a narrow column many lines have none).
  auto other_column_pair = [&](std::size_t k, int col, bool last_may_end = false, bool one_unmarked = false) {
    if (k + 1 >= m || next[k] != static_cast<std::int64_t>(k + 1)) return false;
    // (A long line without a mark counts as one, when one_unmarked.)
    auto marked_or_long = [&](const LineInfo& l) {
      return has_punct(l) || (one_unmarked && l.chars >= 8 && !l.has_paren);
    };
    bool narrow = false;
    for (std::size_t i = k; i <= k + 1; ++i) {
      const LineInfo& l = c.at(i);
      const bool marked = i == k + 1 ? marked_or_long(l) : has_punct(l);
      if (c.role[i] != LineRole::kText || (l.ends_sentence && !(last_may_end && i == k + 1)) || l.has_tail() ||
          !marked || l.letter_spaced)
        return false;
      narrow = narrow || l.narrow > 0;
    }
    if (last_may_end && c.at(k + 1).ends_sentence) {
      const int off = std::max(4, col / 10) * (narrow ? 2 : 1);
      return wrapped_width(c, k) - col >= off + 1 && c.width(k + 1) - col >= off + 1;
    }
    const int w0 = wrapped_width(c, k), w1 = wrapped_width(c, k + 1);
    // Past justification's play and a mark pushed down (which can make a
    // line stick out by 2 em: a wider column must be wider by more), and
    // past the play of half-width digits and letters, whose printed widths
    // vary, by as much again.
    int off = std::max(4, col / 10) * (narrow ? 2 : 1);
    // A third wrapped line as wide confirms a column of half-width text.
    if (narrow && !last_may_end && k + 2 < m && next[k + 1] == static_cast<std::int64_t>(k + 2)) {
      const LineInfo& l2 = c.at(k + 2);
      if (c.role[k + 2] == LineRole::kText && !l2.ends_sentence && !l2.has_tail() &&
          marked_or_long(l2) &&
          std::abs(wrapped_width(c, k + 2) - w1) <= 2)
        off = std::max(4, col / 10);
    }
    const bool narrower = col - w0 >= off && col - w1 >= off;
    const bool wider = w0 - col >= off + 1 && w1 - col >= off + 1;
    const int d = w1 - w0;
    return (narrower || wider) && (std::abs(d) <= 2 || (d >= 3 && d <= 5));
  };
  // Lines p-1 and p (moved text) are wrapped lines of a column near col:
  // as wide as each other, off col by 2 or more on the same side, while
  // line a above the moved text and line b after it are full to col, b
  // nearer to it than they are. (Lines of many marks are not told by
  // their width: a setter squeezes marks as he likes, 《》、 and all.)
  // (Where the estimate gives line a a column 2 off its width, the moved
  // text's, one character wider or narrower, running for several lines, a
  // and the line wrapped into it, as wide as each other, measure the
  // paragraph's column: wrapped lines of Han text fill theirs.)
  auto near_other_column = [&](std::size_t p, std::size_t a, std::size_t b, int col) {
    const int own_a = wrapped_width(c, a);
    if (std::abs(own_a - col) > 1) {
      if (std::abs(own_a - col) > 2 || a == 0 || next[a - 1] != static_cast<std::int64_t>(a) ||
          std::abs(wrapped_width(c, a - 1) - own_a) > 1)
        return false;
      col = own_a;
    }
    const int w0 = wrapped_width(c, p - 1), w1 = wrapped_width(c, p);
    const int off = std::min(std::abs(w0 - col), std::abs(w1 - col));
    for (std::size_t k = p - 1; k <= p; ++k) {
      const LineInfo& l = c.at(k);
      if (c.role[k] != LineRole::kText || l.ends_sentence || l.has_tail() || l.letter_spaced ||
          !(has_punct(l) || l.chars >= 8) || l.wide_punct > 3)
        return false;
    }
    // (Line b may reach the column only by the number that opens the line
    // under it, which could not be broken: as wide as p by itself, it is a
    // line of p's column.)
    return std::abs(w0 - w1) <= 1 && (w0 - col) * (w1 - col) > 0 && off >= 2 &&
           std::abs(wrapped_width(c, b) - col) < off - 1 &&
           std::abs(c.width(b) - w1) > 1;
  };
  // Likewise, a column a character off col told by five lines where
  // near_other_column's three do not tell it (marks a setter may squeeze
  // make one of the paragraph's lines a half-width character short): the
  // moved text's wrapped lines p-1 and p, as wide as each other, and the
  // paragraph's lines a, b and b+1 around them, open, all of them Han text
  // (no digits or letters, whose widths vary), the paragraph's all wider
  // than the moved text's (or all narrower), one of them by 2 or more.
  auto near_other_column_by_five = [&](std::size_t p, std::size_t a, std::size_t b, int col) {
    if (b + 1 >= m || next[b] != static_cast<std::int64_t>(b + 1)) return false;
    // (Marks squeezed only narrow a line of the paragraph, which is to be
    // wider: few marks are asked of the moved text's lines alone.)
    auto open_han = [&](std::size_t k, bool moved) {
      const LineInfo& l = c.at(k);
      return c.role[k] == LineRole::kText && !l.ends_sentence && !l.has_tail() && !l.letter_spaced && l.narrow == 0 &&
             (!moved || l.wide_punct <= 3) && (has_punct(l) || l.chars >= 8);
    };
    if (!open_han(p - 1, true) || !open_han(p, true) || !open_han(a, false) || !open_han(b, false) ||
        !open_han(b + 1, false))
      return false;
    const int w0 = wrapped_width(c, p - 1), w1 = wrapped_width(c, p);
    const int wa = wrapped_width(c, a), wb = wrapped_width(c, b), wb1 = wrapped_width(c, b + 1);
    if (std::abs(w0 - w1) > 1 || std::abs(wa - col) > 1 || std::abs(wb - col) > 1 || std::abs(wb1 - col) > 1)
      return false;
    const int lo = std::min({wa, wb, wb1}), hi = std::max({wa, wb, wb1});
    return (lo >= std::max(w0, w1) + 1 && hi >= std::max(w0, w1) + 2) ||
           (hi <= std::min(w0, w1) - 1 && lo <= std::min(w0, w1) - 2);
  };
  // Line p, a paragraph's last, ends a paragraph of another column than
  // col, however near (a character or more off): the two wrapped lines
  // above it, Han text, as wide as each other, off col on the same side by
  // 2 or more, while the paragraph's line wrapped into a and line b are
  // full to col (within a half-width character) and b is no first line of
  // the moved text's column (2 em short of it). (After a sentence end
  // only lines of another column tell moved text; other_column_pair asks
  // for a column off by a column's play.)
  auto paragraph_of_near_column = [&](std::size_t p, std::size_t a, std::size_t b, int col) {
    if (a == 0 || next[a - 1] != static_cast<std::int64_t>(a) || next[p - 2] != static_cast<std::int64_t>(p - 1) ||
        next[p - 1] != static_cast<std::int64_t>(p))
      return false;
    for (std::size_t k = p - 2; k < p; ++k) {
      const LineInfo& l = c.at(k);
      if (c.role[k] != LineRole::kText || l.ends_sentence || l.has_tail() || l.letter_spaced || l.narrow > 0 ||
          l.wide_punct > 3 || !(has_punct(l) || l.chars >= 8))
        return false;
    }
    const int w1 = wrapped_width(c, p - 2), w2 = wrapped_width(c, p - 1);
    const int short_of_moved = std::min(w1, w2) - wrapped_width(c, b);
    return std::abs(w1 - w2) <= 1 && std::abs(w1 - col) >= 2 && std::abs(w2 - col) >= 2 &&
           (w1 - col) * (w2 - col) > 0 && std::abs(wrapped_width(c, a - 1) - col) <= 1 &&
           std::abs(wrapped_width(c, b) - col) <= 1 && !(short_of_moved >= 3 && short_of_moved <= 5);
  };
  // Lines p-1 and p (moved text, under a heading) are a paragraph's first
  // line and the line wrapped under it in a column of their own: p open,
  // Han text without digits or letters, off col by a character or more
  // (2 or more), p-1 2 em short of p; lines a and b full to col as Han
  // wrapped lines are (within a half-width character).
  auto two_line_lead_elsewhere = [&](std::size_t p, std::size_t a, std::size_t b, int col) {
    const LineInfo& lp = c.at(p);
    const LineInfo& l0 = c.at(p - 1);
    if (c.role[p] != LineRole::kText || c.role[p - 1] != LineRole::kText || lp.ends_sentence || lp.has_tail() ||
        l0.ends_sentence || l0.has_tail() || lp.narrow > 0 || l0.narrow > 0 || lp.letter_spaced ||
        l0.letter_spaced || !has_punct(lp) || lp.wide_punct > 2 || l0.wide_punct > 2)
      return false;
    const int wp = wrapped_width(c, p), w0 = c.width(p - 1);
    const int short_by = wp - w0;
    return short_by >= 4 && short_by <= 5 && std::abs(wp - col) >= 2 && std::abs(wrapped_width(c, a) - col) <= 1 &&
           std::abs(wrapped_width(c, b) - col) <= 1 && std::abs(c.width(b) - wp) >= 2;
  };
  // A subtitle under a title line as wide as the column is read as a dash
  // broken onto a wrapped line: told by its shape here, a dash opening a
  // line without a sentence mark under a line without any mark, and over
  // the start of something new (a byline, a heading, a paragraph's first
  // line): a dash of running text in a narrow column goes on with a line
  // of the column. (A first line 2 em short over a full line, here with
  // or without a mark, digits or letters: the dash line under a line
  // without a mark already tells much.)
  auto starts_new = [&](std::size_t k) {
    return k < m && (c.role[k] == LineRole::kByline || c.role[k] == LineRole::kHeading ||
                     opens_paragraph(k, c.width_of[k], true, false, true) || opens_paragraph_elsewhere(k, c.width_of[k]));
  };
  auto subtitle_shaped = [&](std::size_t k) {
    const LineInfo& l = c.at(k);
    return k > 0 && c.role[k] == LineRole::kText && !l.has_sentence_punct && l.chars <= 40 &&
           starts_with(c.content(k), "——") && c.role[k - 1] == LineRole::kText && !has_punct(c.at(k - 1)) &&
           !ends_with(c.content(k - 1), "—") && starts_new(k + 1);
  };
  std::vector<MovedText> moves;
  PageWords words(c);
  // The last moved text's goes_on (none yet: no line's index), kept in a
  // local, not asked of moves on every line.
  std::size_t last_goes_on = static_cast<std::size_t>(-1);
  for (std::size_t a = 0; a + 2 < m; ++a) {
    // (The line that goes on after moved text opens no more: its line above
    // is cut from it.)
    if (a == last_goes_on) continue;
    const LineInfo& la = c.at(a);
    // Running text: punctuated, or a full line of words (in a narrow column
    // many lines have no punctuation). A sentence may end at the end of a
    // full line and the paragraph go on under it (as sentence_end_full_next
    // joins): told more strictly (a heading line under it, told first as
    // most lines end sentences: only an article's head is moved text there,
    // a paragraph may open under a sentence end in any column, and a byline
    // or a subtitle may close or follow the article; then lines of another
    // column, and a full line after them that wraps). Or a paragraph's first
    // line in a column of its own under it, told by its wrapped lines: the
    // first lines of an article whose headings follow its text, moved in;
    // the full line that goes on after them must be another column's than
    // theirs.
    // (A line without a mark as wide as the column under a sentence that
    // ends on a full line, over the moved head, may be read as a heading
    // itself: asked as running text below, with the line above.)
    // (Asked only of a line that is not text: most lines are.)
    auto heading_under_sentence = [&]() {
      return c.role[a] == LineRole::kHeading && a >= 2 && !la.ends_sentence && la.chars >= 8 && next[a - 1] < 0 &&
             c.role[a - 1] == LineRole::kText && c.at(a - 1).ends_sentence &&
             next[a - 2] == static_cast<std::int64_t>(a - 1) && std::abs(wrapped_width(c, a) - c.width_of[a]) <= 1;
    };
    if (c.role[a] != LineRole::kText && !heading_under_sentence()) continue;
    if ((la.ends_sentence && c.role[a + 1] != LineRole::kHeading && !opens_paragraph_elsewhere(a + 1, c.width_of[a])) ||
        la.has_tail() || la.letter_spaced || !(has_punct(la) || la.chars >= 8))
      continue;
    const bool sentence_ends_full = la.ends_sentence;
    int col = c.width_of[a];
    const std::size_t s = a + 1;
    const LineInfo& ls = c.at(s);
    // Most lines go on with a line of running text as wide as the column, or
    // with the paragraph's last line: nothing new starts there. Told first,
    // as this runs for every line: the starts below need an open punctuated
    // line off the column by 2 em or more or over a line off the column, or
    // an unpunctuated one far short of it, or over a byline, a heading or a
    // line off the column.
    if (c.role[s] == LineRole::kText) {
      if (ls.ends_sentence || ls.has_tail()) continue;  // a paragraph's last line
      const LineInfo& after = c.at(s + 1);  // wrapped_width(c, s), spelled out for speed
      const int w = adjusted_width(ls, c.squeeze) + (after.page_break_before ? 0 : after.unbreakable_start);
      const int w_after = adjusted_width(after, c.squeeze);
      // (Not when line a, open, is itself far short of the column: the
      // estimate may give a paragraph's lines the width of the moved text
      // set under them, which then looks like the column going on. The
      // lines above a measure the column then, below.)
      const bool a_far_short = col - adjusted_width(la, c.squeeze) > 5;
      if (!a_far_short &&
          (has_punct(ls) ? std::abs(col - w) < 4 && (std::abs(col - w_after) < 2 ||
                                                     (after.ends_sentence && w_after < col))
                         : w >= col - short_margin(col) && c.role[s + 1] == LineRole::kText && !after.han_gap &&
                               !ls.han_gap && !(col - w >= 4 && col - w <= 5) && !subtitle_shaped(s + 1) &&
                               std::abs(col - wrapped_width(c, s + 1)) < 2) &&
          // (Unless the line under s, as wide as the column as counted,
          // is a character wider with its closing mark set inside: then s
          // may open a paragraph of a column of its own, moved text.)
          !(after.trailing_punct > 0 && mark_inside(s + 1) && opens_paragraph_elsewhere(s, col)))
        continue;
    }
    if (ls.page_break_before || sentence_then_glued_piece(c, a)) continue;
    if (sentence_ends_full && (!full_at(c, a, col) || wrapped_width(c, a) < col - 1)) continue;
    if (!full_at(c, a, col)) {
      // The column estimate may give the paragraph's last lines the width
      // of the moved text under them: the line above, as wide as this one
      // (or 2 em shorter, the paragraph's first), measures the column.
      if (a == 0 || next[a - 1] != static_cast<std::int64_t>(a) || c.at(a - 1).ends_sentence) continue;
      // (Its own width: the line under it, moved text, was never wrapped
      // from it, and a number opening that line does not widen it.)
      const int w = c.width(a), d = w - wrapped_width(c, a - 1);
      if (!(std::abs(d) <= 1 || (d >= 4 && d <= 5)) || w >= col) continue;
      col = w;
    }
    const bool col_remeasured = col != c.width_of[a];  // (by the lines above a, as just above)
    // The paragraph runs into line a in its column: the line above is its
    // full line or its first (2 em short). Where every line is of another
    // column (columns read across, line by line) nothing is set aside.
    // Or the line above ends a sentence on a full line, wrapped from the
    // paragraph's line above it, and the decisions parted the two (line a
    // over the moved head looks like a heading, or a paragraph's first
    // line): the paragraph goes on in line a, full and open, as
    // sentence_end_full_next joins, when moved text under it is found. (Not
    // over a line as wide as line a, read as a heading or not: that may be
    // line a's own wrapped line, 念念不 / 忘却始终没能完成的第, where the moved
    // head's first line, a kicker or a title, is short of the column. Nor a
    // line of two phrases set apart by a gap: a headline, not running text.)
    const bool parted_after_sentence =
        !sentence_ends_full && a >= 2 && next[a - 1] < 0 && !has_prev[a] && c.role[a - 1] == LineRole::kText &&
        c.at(a - 1).ends_sentence && !c.at(a - 1).has_tail() && next[a - 2] == static_cast<std::int64_t>(a - 1) &&
        decisions[a - 1].kind == BreakKind::kBlock && !c.at(a).page_break_before && c.at(a).blanks_before == 0 &&
        full_at(c, a - 1, col) && full_at(c, a - 2, col) && std::abs(wrapped_width(c, a) - col) <= 1 &&
        std::abs(wrapped_width(c, s) - wrapped_width(c, a)) > 1 && !c.at(a).han_gap;
    if (a == 0 || !((next[a - 1] == static_cast<std::int64_t>(a) &&
                     (full_at(c, a - 1, col) || indented_at(c, a - 1, col))) ||
                    parted_after_sentence))
      continue;
    // Only a break the decisions left alone (not an intrusion spliced out).
    if (next[a] >= 0 && next[a] != static_cast<std::int64_t>(s)) continue;
    // A heading: far short of the column, or short of it (or set with a gap
    // between its phrases) and followed by a byline or another heading (a
    // title in a narrow column is nearly as wide as the column).
    const bool title_over_standalone =
        s + 1 < m && c.role[s] == LineRole::kText && !has_punct(ls) && !ls.ends_sentence && !ls.has_tail() &&
        !ls.has_paren && !ls.letter_spaced && ls.chars >= 3 && has_words(c.content(s)) &&
        (!full_at(c, s, col) || ls.han_gap) &&
        (c.role[s + 1] == LineRole::kByline || c.role[s + 1] == LineRole::kHeading ||
         // (a dash line as wide as the column with a full line under it,
         // read as a heading or not, is a dash of running text broken onto
         // the next line, not a subtitle)
         (c.role[s + 1] == LineRole::kSubtitle &&
          !(full_at(c, s + 1, col) && s + 2 < m &&
            (c.role[s + 2] == LineRole::kText || c.role[s + 2] == LineRole::kHeading) && full_at(c, s + 2, col))));
    // Or an unpunctuated line short of the column over a paragraph's first
    // line: a title, however near the column's width (a wrapped line is not
    // followed by a paragraph). (Han text a character short of the column,
    // over a first line of another column, is short of it: a wrapped line of
    // Han text fills its column.)
    const bool title_over_first_line =
        s + 2 < m && c.role[s] == LineRole::kText && !has_punct(ls) && !ls.ends_sentence && !ls.has_tail() &&
        !ls.has_paren && !ls.letter_spaced && ls.chars >= 3 &&
        (!full_at(c, s, col) ||
         (ls.narrow == 0 && !ls.han_gap && wrapped_width(c, s) <= col - 2 && !same_column(s, s + 1))) &&
        has_words(c.content(s)) && next[s] == static_cast<std::int64_t>(s + 1) && !c.at(s + 1).page_break_before &&
        (opens_paragraph(s + 1, col, false, true) || opens_paragraph(s + 1, c.width_of[s + 1], false, true));
    // Or a run of title lines (a kicker and a title: up to three lines
    // without a mark) over a byline, or over a paragraph's first line (in
    // this column or in one of its own) when one of them is no wrapped line
    // of the column: short of it, wider than it, or set with a gap between
    // its phrases. (A paragraph's last line ends with a mark; a wrapped line
    // is followed by neither a byline nor a first line.)
    auto title_run_over_body = [&]() {
      constexpr std::size_t kMaxTitleLines = 3;
      bool told = false;  // a line of the run is no wrapped line of the column
      for (std::size_t h = s; h < m && h <= s + kMaxTitleLines; ++h) {
        const LineInfo& lh = c.at(h);
        if (h > s && lh.page_break_before) return false;
        if (h > s && (c.role[h] == LineRole::kByline || subtitle_shaped(h))) return true;
        if (h > s && c.role[h] == LineRole::kSubtitle) return starts_new(h + 1);
        // (A dash opening any other line is running text's, broken onto it.)
        if (starts_with(c.content(h), "—")) return false;
        if (c.role[h] == LineRole::kHeading) { told = true; continue; }
        if (c.role[h] != LineRole::kText || lh.ends_sentence || lh.has_tail() || lh.letter_spaced) return false;
        if (!has_punct(lh) && !lh.has_paren && lh.chars >= 3 && has_words(c.content(h))) {
          // (A line as wide as the column is a wrapped line of a narrow
          // column, which often has no mark, unless a byline is under it.)
          if (!lh.han_gap && std::abs(wrapped_width(c, h) - col) <= 1 &&
              !(h + 1 < m && (c.role[h + 1] == LineRole::kByline || c.role[h + 1] == LineRole::kSubtitle ||
                              subtitle_shaped(h + 1))))
            return false;
          told = told || !full_at(c, h, col) || lh.han_gap || c.width(h) > col + run_tolerance(col);
          continue;
        }
        // (Two title lines or more over any line of text: a paragraph's
        // wrapped lines are none of them short.)
        return h > s && told &&
               (h >= s + 2 || opens_paragraph(h, col, false, true) || opens_paragraph(h, c.width_of[h], false, true) ||
                opens_paragraph_elsewhere(h, col));
      }
      return false;
    };
    const bool title_run = title_run_over_body();
    const bool heading_start = heading_like(s, col) || title_over_standalone || title_over_first_line || title_run ||
                               c.role[s] == LineRole::kHeading || c.role[s] == LineRole::kByline ||
                               c.role[s] == LineRole::kSubtitle;
    // A wrapped line far wider than the column is another column's.
    auto sticks_out = [&](std::size_t k) {
      const LineInfo& l = c.at(k);
      return c.role[k] == LineRole::kText && !l.letter_spaced && !l.doubled && has_punct(l) &&
             c.width(k) >= col + std::max(8, col / 4);
    };
    // Or a paragraph opens: in this column, in the column the estimate gives
    // the line (as wide as this one give or take its play), or in a column
    // of its own; or lines of another column start.
    // (A first line 2 em short of this column may have no mark, as any
    // line of a narrow column: a wrapped line is never that short.) Or,
    // under a blank line, a first line holding digits or letters.
    // Or an open line of running text far short of the column under a full
    // line that stops mid-sentence: a wrapped line fills its column (a line
    // wrapped early before a mark it could not end on is measured with
    // it), so this one opens a narrower column: moved text, however few
    // its lines (a paragraph of two, its last ending a sentence, shows no
    // column of its own). Not the body half of a line split at a gap, short
    // because it is half.
    const bool far_short_open_start = c.role[s] == LineRole::kText && has_punct(ls) && !ls.ends_sentence &&
                                      !ls.has_tail() && !ls.letter_spaced && !ls.doubled && !ls.split_body &&
                                      full_at(c, a, col) && wrapped_width(c, s) < col - short_margin(col);
    // (Its end, line s + 2, must be a line the search below could have
    // found: running text that closes the paragraph, no caption or dateline.
    // And line s opens a paragraph, not a head: moved text that opens with
    // a head is searched for its end below.)
    const bool two_line_paragraph = !sentence_ends_full && !heading_start && full_at(c, a, col) &&
                                    two_lines_elsewhere(s, col) && closes[s + 2] &&
                                    !starts_caption(c.content(s + 2)) && !starts_dateline(c.content(s + 2));
    const bool surer_start = heading_start || opens_paragraph(s, col, true) || opens_paragraph(s, c.width_of[s]) ||
                             opens_paragraph_elsewhere(s, col) || other_column_pair(s, col, false, true) ||
                             (sticks_out(s) && !ls.ends_sentence) || opens_after_blank(c, s, col, next) ||
                             far_short_open_start || two_line_paragraph;
    // (A first line 2 em short of this column holding digits or letters,
    // whose widths vary, opens moved text only where a full line that wraps
    // goes on with the paragraph after it: a wrapped line with a number may
    // be as short, and a sentence end may stop anywhere.)
    const bool digits_start = !surer_start && opens_paragraph(s, col, true, false, true);
    if (!surer_start && !digits_start) continue;
    const bool blank_opens = ls.blanks_before > 0;
    std::size_t found = two_line_paragraph ? s + 2 : 0, fallback = 0, goes_on_narrower = 0;
    bool fallback_full_han = false;  // the fallback line is a line of Han text full to the column
    bool only_headings = heading_start;  // lines s .. b-1 are headings, bylines or unpunctuated
    for (std::size_t b = s + 1; found == 0 && b < m && b <= s + kMaxMoved; ++b) {
      const LineInfo& lb = c.at(b);
      only_headings = only_headings && (c.standalone(b - 1) || !has_punct(c.at(b - 1)));
      if (lb.page_break_before) break;
      // Moved text that opens with a paragraph holds no heading after it:
      // past one, the lines belong to another article.
      if (!heading_start && c.standalone(b - 1)) break;
      // A moved head is two lines or more (a title and a line under it, or
      // two lines of a paragraph); one line between two of a paragraph is
      // an intrusion (splice_intrusions), or columns read across, line by
      // line, which no rejoining puts right.
      if (b < s + 2) continue;
      if (c.role[b] != LineRole::kText || lb.letter_spaced || !closes[b]) continue;
      if (starts_caption(c.content(b)) || starts_dateline(c.content(b))) continue;
      // Goes on with a sentence: a full line (a wrapped line is full to a
      // column or so, a first line is 2 em short, in the paragraph's column
      // and in its own), or the paragraph's last line. The column estimate
      // may keep a line or two of the paragraph in the moved text's column:
      // a line full to the paragraph's column is in it.
      const int own = c.width_of[b];
      const bool full_here = col - wrapped_width(c, b) <= 2 && c.width(b) <= col + run_tolerance(col);
      // (Under a blank line that closes moved text a blank line opened, a
      // line full to the paragraph's column goes on with it, though the
      // estimate sets it in the moved text's wider column, 2 em short of
      // it: no paragraph opens under a line that stops mid-sentence.)
      const bool full_after_blank = blank_opens && lb.blanks_before > 0 && full_here &&
                                    std::abs(wrapped_width(c, b) - col) <= 1 && c.role[b - 1] == LineRole::kText &&
                                    !c.standalone(b - 1) && !c.at(b - 1).ends_sentence && !c.at(b - 1).has_tail();
      // (Where the estimate gave the paragraph the moved text's column, a
      // line full to the paragraph's under an open line is full, however
      // short of the estimate; under a complete line it may be a first line
      // of the moved text's column, 2 em short of it.)
      const bool open_above = c.role[b - 1] == LineRole::kText && !c.at(b - 1).ends_sentence && !c.at(b - 1).has_tail();
      const bool full = full_here && (!same_column(a, b) || own - wrapped_width(c, b) <= 2 || full_after_blank ||
                                      (col_remeasured && open_above));
      // A line full to the paragraph's column that the estimate sets in the
      // moved text's wider column, 2 em short of it, is a first line there or
      // the paragraph going on: after a paragraph's last line of the moved
      // text, with a line of the paragraph's column under it (not one of the
      // wider column), it goes on, failing surer signs.
      if (!full && full_here && !sentence_ends_full && goes_on_narrower == 0 && b > s + 2 &&
          c.role[b - 1] == LineRole::kText && !c.standalone(b - 1) && next[b - 1] < 0 && complete(c, b - 1) &&
          own - wrapped_width(c, b) <= 5 && !lb.ends_sentence && next[b] == static_cast<std::int64_t>(b + 1)) {
        const LineInfo& under = c.at(b + 1);
        const int w_under = wrapped_width(c, b + 1);
        if (c.role[b + 1] == LineRole::kText && (under.ends_sentence ? w_under <= col + 1 : std::abs(w_under - col) <= 1))
          goes_on_narrower = b;
      }
      if (!full && !(same_column(a, b) && lb.ends_sentence && !indented_at(c, b, col) && !indented_at(c, b, own)))
        continue;
      // (A line that ends a sentence, wrapped under a line of the moved
      // text's column and short of that column, is that paragraph's last
      // line, though as wide as the paragraph's column, when an open line as
      // wide as the paragraph's column that the decisions wrap is under it:
      // the paragraph goes on there.)
      if (lb.ends_sentence && next[b - 1] == static_cast<std::int64_t>(b) && same_column(b - 1, b) &&
          !same_column(a, b) && own - wrapped_width(c, b) >= 4 && b + 2 < m && c.role[b + 1] == LineRole::kText &&
          !c.at(b + 1).page_break_before && !c.at(b + 1).ends_sentence && !c.at(b + 1).has_tail() &&
          next[b + 1] == static_cast<std::int64_t>(b + 2) && std::abs(wrapped_width(c, b + 1) - col) <= 1)
        continue;
      // (After a sentence end the paragraph goes on with a full line that
      // wraps, not with a first line of a wider column, 2 em short of the
      // line under it, nor with a line that ends a sentence too: a first
      // line may end one at a column's play of the column.)
      if (sentence_ends_full &&
          (!full || lb.ends_sentence ||
           (next[b] == static_cast<std::int64_t>(b + 1) && wrapped_width(c, b + 1) - wrapped_width(c, b) >= 3)))
        continue;
      const std::size_t p = b - 1;
      const LineInfo& lp = c.at(p);
      const bool joined = next[p] == static_cast<std::int64_t>(b);
      // After a heading, or a moved head of title lines only (kicker,
      // title: its last one is short of the column), a full line goes on
      // with the paragraph, or opens the moved article's first paragraph
      // (a first line whose digits make it look full): taken only when no
      // line further on goes on with the paragraph by a surer sign. (A run
      // of title lines told as one may end in a title as wide as the column.)
      // (A line without a mark far short of the column, wrapped under a
      // marked one as narrow, is a wrapped line of a narrow column: no heading.)
      const bool narrow_pair = full && p > s && other_column_pair(p - 1, col, true, true);
      if (c.standalone(p) || (heading_like(p, c.width_of[p]) && !narrow_pair) ||
          (only_headings && full && !lp.ends_sentence && (!full_at(c, p, col) || title_run))) {
        if (heading_start && fallback == 0) {
          fallback = b;
          // (A line of Han text exactly as wide as the column, over a line of
          // the column, is no first line, whose digits alone could make it
          // look full, nor one of a column 2 em wider: it goes on with the
          // paragraph as surely as a line after the moved text's end, unless
          // it is the line wrapped under a paragraph's first line above it,
          // 2 em short and without a mark, as lines of a narrow column often
          // are. A blank line that opened the moved text closes it too:
          // then only a line under a blank line.)
          const int p_short = col - c.width(p);
          fallback_full_han = lb.narrow == 0 && !lb.ends_sentence &&
                              (blank_opens ? lb.blanks_before > 0 : !(p_short >= 4 && p_short <= 5)) &&
                              std::abs(wrapped_width(c, b) - col) <= 1 &&
                              std::abs(c.width(b) - col) <= 1 && next[b] == static_cast<std::int64_t>(b + 1) &&
                              c.role[b + 1] == LineRole::kText &&
                              (c.at(b + 1).ends_sentence ? wrapped_width(c, b + 1) <= col + 1
                                                         : std::abs(wrapped_width(c, b + 1) - col) <= 1);
        }
        continue;
      }
      bool moved_text_ends = false;
      if (!joined && complete(c, p)) moved_text_ends = true;
      else if (!same_column(p, b)) moved_text_ends = true;
      else if (narrow_pair) moved_text_ends = true;
      else if (full && p > s && lp.ends_sentence && sticks_out(p - 1)) moved_text_ends = true;
      // An open line far wider than the column (another column's) over an
      // open line full to it, in moved text that opened with a heading: the
      // paragraph goes on there. (Without a heading, lines of two columns
      // read across as one are as wide, anywhere on the page.)
      else if (full && p > s && heading_start && !lp.ends_sentence && !lp.has_tail() && !lb.ends_sentence &&
               sticks_out(p))
        moved_text_ends = true;
      // Likewise, by a column's play: an open line wider than col by more
      // than a column's play, under a heading that opened the moved text, is
      // a wrapped line of a wider column (wider than the paragraph's by
      // less than sticks_out asks; also where the estimate gave the
      // paragraph the moved text's column and col is measured by the
      // paragraph's own lines, narrower).
      else if (full && p > s && heading_start && !lp.ends_sentence && !lp.has_tail() &&
               !lb.ends_sentence && c.role[p] == LineRole::kText && has_punct(lp) &&
               c.width(p) > col + run_tolerance(col))
        moved_text_ends = true;
      // A moved paragraph of two lines under a heading: its first line 2 em
      // short of the second, which stops mid-sentence a character or more
      // off the column (Han text only: a wrapped line of Han text fills its
      // column to a character), between lines a and b full to the column.
      // (near_other_column below wants two wrapped lines as wide as each
      // other; here the first is the paragraph's first, indented.)
      else if (full && p > s && heading_start && next[p - 1] == static_cast<std::int64_t>(p) &&
               two_line_lead_elsewhere(p, a, b, col))
        moved_text_ends = true;
      // Two wrapped lines as wide as each other, off the column by a
      // character or two, between lines of the column as wide as it: a
      // column of another width, however near (wrapped lines of Han text
      // fill their column to a character; digits and letters leave a column
      // or so). (Not a heading that opens the moved text, long enough to
      // pass for a wrapped line without a mark, over its article's first
      // line: that pair is no column.)
      else if (full && p > s && !(heading_start && p - 1 == s) && next[p - 1] == static_cast<std::int64_t>(p) &&
               near_other_column(p, a, b, col))
        moved_text_ends = true;
      else if (full && p > s && !(heading_start && p - 1 == s) && next[p - 1] == static_cast<std::int64_t>(p) &&
               near_other_column_by_five(p, a, b, col))
        moved_text_ends = true;
      // An open line far short of the paragraph's column is a wrapped line
      // of a narrower one (unless it is the body half of a line split at a
      // gap, short because it is half).
      else if (full && p > s && !lp.ends_sentence && !lp.has_tail() && has_punct(lp) && !lp.letter_spaced &&
               !lp.doubled && !lp.split_body && wrapped_width(c, p) < col - short_margin(col))
        moved_text_ends = true;
      else if (blank_opens && lb.blanks_before > 0 && !lp.ends_sentence && !lp.has_tail()) moved_text_ends = true;
      // After a sentence end only lines of another column tell: a full line
      // after a paragraph's last line, after wider lines or after a blank
      // line may open a paragraph of the article the head is of (a first
      // line in a wider column, or one set off by a blank line).
      if (moved_text_ends && sentence_ends_full)
        moved_text_ends = !same_column(p, b) || (full && p > s && other_column_pair(p - 1, col, true)) ||
                          (full && p >= s + 3 && lp.ends_sentence && paragraph_of_near_column(p, a, b, col));
      if (moved_text_ends && digits_start && (!full || lb.ends_sentence || next[b] != static_cast<std::int64_t>(b + 1)))
        moved_text_ends = false;
      if (moved_text_ends) { found = b; break; }
    }
    if (digits_start) fallback = goes_on_narrower = 0;
    // (the earlier of the weaker signs: the paragraph goes on right after the moved text)
    if (found > fallback && fallback > 0 && fallback_full_han) found = fallback;
    if (found == 0 && goes_on_narrower > 0 && (fallback == 0 || goes_on_narrower < fallback)) found = goes_on_narrower;
    if (found == 0 && !sentence_ends_full) found = fallback;  // (a surer sign only after a sentence end)
    // Failing every sign of shape (the moved text's column within a
    // character or two of the paragraph's, its paragraphs ending where a
    // full line may go on, no blank lines), the words tell where the
    // paragraph goes on: line a ends with the first half of a word that the
    // page prints whole elsewhere, and its second half opens one line b of
    // the paragraph's column within reach, a full line or a paragraph's last
    // line, which does not make a word with the line above it. Two such
    // lines: no telling, nothing is rejoined.
    if (found == 0 && !sentence_ends_full && !words.joins_word(a, s)) {
      std::size_t word_goes_on = 0;
      int candidates = 0;
      for (std::size_t b = s + 2; b < m && b <= s + kMaxMoved && candidates < 2; ++b) {
        const LineInfo& lb = c.at(b);
        if (lb.page_break_before) break;
        if (c.role[b] != LineRole::kText || lb.letter_spaced || !closes[b] ||
            (has_prev[b] && next[b - 1] != static_cast<std::int64_t>(b)))
          continue;
        const bool of_column = (col - wrapped_width(c, b) <= 2 && c.width(b) <= col + run_tolerance(col)) ||
                               (lb.ends_sentence && c.width(b) <= col + 1);
        // (Under an open line as wide as itself that the decisions wrap into
        // it, a line goes on from that line: wrapped lines of one column.)
        const LineInfo& above = c.at(b - 1);
        const bool wrapped_from_above = next[b - 1] == static_cast<std::int64_t>(b) && !above.ends_sentence &&
                                        std::abs(wrapped_width(c, b - 1) - wrapped_width(c, b)) <= 1;
        if (!of_column || wrapped_from_above || !words.joins_word(a, b) || words.joins_word(b - 1, b)) continue;
        word_goes_on = b;
        ++candidates;
      }
      if (candidates == 1) found = word_goes_on;
    }
    if (found == 0) continue;
    // (Rejoined to the line above only where the line it goes on in is not
    // wrapped from the line right above it, as wide as it, or under its
    // paragraph's first line 2 em short of it, or the paragraph's last line
    // under it: that line's paragraph goes on there, and line a, over the
    // next article's text, is a title after all.)
    if (parted_after_sentence && has_prev[found] && next[found - 1] == static_cast<std::int64_t>(found)) {
      const int above = wrapped_width(c, found - 1), own = wrapped_width(c, found);
      const bool under_first_line = own - above >= 4 && own - above <= 5;  // (2 em short: a paragraph's first)
      if (c.at(found).ends_sentence ? own <= above + 1 : std::abs(own - above) <= 1 || under_first_line) continue;
    }
    moves.push_back({a, s, found});
    moves.back().joins_line_above = parted_after_sentence;
    last_goes_on = found;
    // A page shows one moved head at most; one that shows more was read
    // across its columns line by line (pdftotext's layout mode), where the
    // signs of moved text are everywhere and rejoining puts nothing right.
    // (Given up at once: such a page would otherwise be searched on.)
    if (moves.size() > kMaxMovedHeads) return {};
    a = found - 1;
  }
  for (MovedText& mv : moves) {
    const std::size_t a = mv.open_line, s = mv.first_moved, b = mv.goes_on;
    // The moved lines' headings stand alone, as anywhere else: a line far
    // short of its column that is followed by another heading (an
    // unpunctuated line short of the column), a paragraph's first line, or a
    // line much wider than itself (a wrapped line of a narrow column is
    // followed by one as wide, or 2 em wider after a first line).
    const bool blank_set_items = c.at(s).blanks_before > 0;
    std::uint32_t headings = 0;  // bit h - s: line h was set apart as a heading here
    // Line h stands apart as a heading of the moved text: the break after it
    // is a block's, and mv.set_apart and headings say so.
    auto set_apart_as_heading = [&](std::size_t h) {
      if (h - s < 31) mv.set_apart |= 3u << (h - s);  // (h - s < kMaxMoved: within the bits)
      headings |= 1u << (h - s);
      next[h] = -1;
      has_prev[h + 1] = 0;
      decisions[h].kind = BreakKind::kBlock;
      decisions[h].reason = BreakReason::kShortLineBefore;
    };
    for (std::size_t h = s; h + 1 < b; ++h) {
      if (next[h] != static_cast<std::int64_t>(h + 1)) continue;
      const LineInfo& lh = c.at(h);
      const LineInfo& below = c.at(h + 1);
      const int below_col = c.width_of[h + 1];
      bool heading = false;
      // (A line wrapped under an open line of running text is no title.)
      const bool wrapped_under_text = h > s && next[h - 1] == static_cast<std::int64_t>(h) &&
                                      c.role[h - 1] == LineRole::kText && has_punct(c.at(h - 1)) &&
                                      !c.at(h - 1).ends_sentence && !c.at(h - 1).has_tail();
      if (c.role[h] == LineRole::kText && !has_punct(lh) && !lh.ends_sentence && !lh.has_tail() && !wrapped_under_text &&
          (opens_paragraph(h + 1, below_col, true, true) || opens_paragraph_elsewhere(h + 1, below_col, true))) {
        // An unpunctuated line over a paragraph's first line is a title,
        // however wide: a wrapped line is not followed by a paragraph.
        heading = true;
      } else if (heading_like(h, c.width_of[h])) {
        const bool below_heading =
            heading_like(h + 1, below_col) ||
            (c.role[h + 1] == LineRole::kText && !has_punct(below) && !below.ends_sentence &&
             !full_at(c, h + 1, below_col));
        heading = below_heading || opens_paragraph(h + 1, below_col) ||
                  wrapped_width(c, h + 1) > wrapped_width(c, h) + 5;
      } else if (subtitle_shaped(h + 1)) {
        heading = true;  // (a title over its subtitle)
      } else if (c.role[h] == LineRole::kText && c.role[h + 1] == LineRole::kText && !has_punct(lh) &&
                 !lh.ends_sentence && !lh.has_tail() && !has_punct(below) && !below.ends_sentence &&
                 (below.han_gap || c.width(h + 1) > c.width_of[h] + run_tolerance(c.width_of[h]) ||
                  heading_like(h + 1, below_col))) {
        // A line without a mark over a title (set with a gap between its
        // phrases, wider than the column, or far short of it) is a kicker.
        heading = true;
      }
      // Moved text set with blank lines between its items (a blank line
      // opened it): a line without a mark, short of its column, over a
      // blank line ends its item, a title over the lead (a wrapped line
      // goes on under it, with no blank line in a moved text of a few
      // lines. A full line over a blank line may be wrapped across a
      // column's end, and a paragraph's first line, 2 em short of the line
      // under it, may have a blank line set after it, in what only looks
      // like moved text.)
      const int short_of_below = wrapped_width(c, h + 1) - wrapped_width(c, h);
      if (blank_set_items && below.blanks_before > 0 && c.role[h] == LineRole::kText && !has_punct(lh) &&
          !lh.ends_sentence && !lh.has_tail() && !wrapped_under_text && !full_at(c, h, c.width_of[h]) &&
          !full_at(c, h, below_col) && !(short_of_below >= 4 && short_of_below <= 5))
        heading = true;
      // There, two lines without a mark, not as wide as each other (not
      // wrapped lines of one column) nor the first 2 em short of the
      // second (a paragraph's first line), the second over a blank line
      // inside the moved text, end an item that ends no sentence: a title
      // of two lines, each a heading line of its own.
      if (blank_set_items && h + 2 < b && below.blanks_before == 0 && c.at(h + 2).blanks_before > 0 &&
          c.role[h] == LineRole::kText && c.role[h + 1] == LineRole::kText && !has_punct(lh) && !lh.ends_sentence &&
          !lh.has_tail() && !has_punct(below) && !below.ends_sentence && !below.has_tail() && !wrapped_under_text &&
          std::abs(short_of_below) > run_tolerance(below_col) && !(short_of_below >= 4 && short_of_below <= 5))
        heading = true;
      if (heading) set_apart_as_heading(h);
    }
    // A line without a mark wrapped into a title found above (a heading
    // over its lead) is a title line too, or a kicker: two lines of a
    // title are set as two lines, and the title stands apart from the
    // line under it, which goes on from nothing. (From the last up: a
    // title of three lines.)
    for (std::size_t h = b - 1; h-- > s;) {
      if (next[h] != static_cast<std::int64_t>(h + 1) || !(headings >> (h + 1 - s) & 1u)) continue;
      const LineInfo& lh = c.at(h);
      if (c.role[h] != LineRole::kText || has_punct(lh) || lh.ends_sentence || lh.has_tail() || lh.has_paren ||
          lh.letter_spaced || lh.chars < 3 || !has_words(c.content(h)))
        continue;
      set_apart_as_heading(h);
    }
    // A moved paragraph that opens with a one-line sentence: its first line,
    // 2 em short of the wrapped lines under it (as wide as each other),
    // goes on with them. (The decision measured it against the column
    // estimate, which gives the moved lines the width of the paragraph they
    // were set into.)
    // (Or, its second line the moved text's last, open: the paragraph goes
    // on past the moved text, and that line, 2 em wider than the first,
    // measures the column alone.)
    for (std::size_t h = s; h + 1 < b; ++h) {
      const LineInfo& lh = c.at(h);
      if (next[h] >= 0 || has_prev[h] || c.role[h] != LineRole::kText || !lh.ends_sentence || lh.has_tail() ||
          !has_punct(lh))
        continue;
      const LineInfo& l1 = c.at(h + 1);
      const bool last_moved = h + 2 == b;
      if (has_prev[h + 1] || c.role[h + 1] != LineRole::kText || l1.ends_sentence || l1.has_tail() || l1.han_gap ||
          l1.blanks_before > 0 || l1.page_break_before ||
          (last_moved ? !has_punct(l1) || l1.narrow > 0 : next[h + 1] != static_cast<std::int64_t>(h + 2)))
        continue;
      const int own = wrapped_width(c, h + 1);
      const int measure = c.full_width(h);
      if (own - measure < 4 || own - measure > 5) continue;
      if (!last_moved) {
        const int under = wrapped_width(c, h + 2);
        if (!(c.at(h + 2).ends_sentence ? under <= own + 1 : std::abs(under - own) <= 1)) continue;
      }
      next[h] = static_cast<std::int64_t>(h + 1);
      has_prev[h + 1] = 1;
      decisions[h].kind = BreakKind::kJoin;
      decisions[h].reason = BreakReason::kFirstLineContinues;
    }
    mv.last_line_wrapped = next[b - 1] == static_cast<std::int64_t>(b);
    if (next[b - 1] == static_cast<std::int64_t>(b)) next[b - 1] = -1;
    decisions[b - 1].kind = BreakKind::kBlock;
    decisions[b - 1].reason = BreakReason::kColumnJump;
    if (mv.joins_line_above) {
      next[a - 1] = static_cast<std::int64_t>(a);
      has_prev[a] = 1;
      decisions[a - 1].kind = BreakKind::kJoin;
      decisions[a - 1].reason = BreakReason::kSentenceEndContinues;
    }
    if (next[a] >= 0) has_prev[static_cast<std::size_t>(next[a])] = 0;
    next[a] = static_cast<std::int64_t>(b);
    has_prev[b] = 1;
    decisions[a].kind = BreakKind::kBlock;
    decisions[a].reason = BreakReason::kColumnJump;
  }
  return moves;
}

// Line k is one of the moved lines of a moved head. (A page has at most
// kMaxMovedHeads of them: constant time.)
bool in_moved_text(const std::vector<MovedText>& moves, std::size_t k) {
  for (const MovedText& mv : moves)
    if (k >= mv.first_moved && k < mv.goes_on) return true;
  return false;
}

// The line starts with a bullet that opens an item (● ◆ ▲ ★; not ○, which
// also writes zero in 二○○一年, nor ■, which marks bylines).
[[gnu::always_inline]] inline bool starts_bullet(std::string_view t) {
  // (All four are E2 96-98 xx: most lines are turned away by their first
  // byte, inline, without decoding; it is asked at every join.)
  if (t.size() < 3 || static_cast<unsigned char>(t[0]) != 0xE2) return false;
  const char32_t c = decode_at(t, 0).cp;
  return c == U'\u25CF' || c == U'\u25C6' || c == U'\u25B2' || c == U'\u2605';
}

// The text leaves a quote or bracket open: an opening mark (“《（) with no
// closing mark after it. (Read backwards: each closing mark closes one
// opening mark before it.)
bool leaves_mark_open(std::string_view t) {
  int closing = 0;
  for (std::size_t i = t.size(); i > 0;) {
    const auto d = text::decode_before(t, i);
    i -= d.len;
    const auto f = char_flags(d.cp);
    if (f & text::kClosing) ++closing;
    else if (f & text::kOpening) {
      if (closing == 0) return true;
      --closing;
    }
  }
  return false;
}

// Moved text that stops mid-sentence goes on somewhere after the lines it was
// set into (the rest of its article follows the article it interrupted): at
// the first line past them that is not joined to the line printed before
// it, follows a complete line (a paragraph's end, a heading, a byline), does
// not open a paragraph and is of the moved text's column: a
// full line, or the paragraph's last line (no wider than the column). Known
// to be moved text, its last line is joined there even to a short last line,
// which reconnect_columns (for any open line) does not take. Moved text that
// ends a sentence on a full line may go on too, with a full line only.
void continue_moved_text(const Ctx& c, const std::vector<MovedText>& moves, std::vector<JoinDecision>& decisions,
                         std::vector<std::int64_t>& next, std::vector<char>& has_prev) {
  // Lines to look past the moved text for its continuation: the rest of
  // the article it was set into comes first, however long.
  constexpr std::size_t kReach = 200;
  const std::size_t m = c.nb.size();
  for (const MovedText& mv : moves) {
    const std::size_t e = mv.goes_on - 1;  // the moved text's last line
    const LineInfo& le = c.at(e);
    // (The second of two moved lines, both without a mark and each alone,
    // or under a heading, is a title under its kicker: moved heads with no
    // text under them, not a paragraph's first line cut where the moved
    // text ends, unless 2 em short of its column as a first line is. With
    // a blank line between the two, as a page that parts its blocks sets,
    // only under a line that names an office as a kicker does: a title is
    // set so over its lead's first line too.)
    auto under_head = [&](std::size_t k) {
      if (k != mv.first_moved + 1 || next[k - 1] >= 0 || has_prev[k - 1]) return false;
      if (c.at(k).blanks_before > 0 && !segment::names_organisation(c.content(k - 1))) return false;
      const int short_by = c.width_of[k] - c.full_width(k);
      if (short_by >= 4 && short_by <= 5) return false;  // (2 em short: a first line's shape)
      const LineInfo& l = c.at(k - 1);
      return c.standalone(k - 1) ||
             (c.role[k - 1] == LineRole::kText && !has_punct(l) && !l.ends_sentence && !l.has_tail());
    };
    // (A line of running text: punctuated, or wrapped under a punctuated
    // line of the moved text; in a narrow column many lines have no mark.)
    // Or a line without a mark that the decisions read as a wrapped line
    // (a paragraph's first line that stops where the moved text was cut).
    // Or, told by its shape, a line that leaves a quote or bracket open
    // (根据《城市道路交通管理: no title stops inside one, a sentence
    // goes on past it), or one right under a byline or a subtitle of the
    // moved head (the lead's first line: a byline follows its title and a
    // subtitle, it heads no title). Such a line is text even where the
    // heading pass read it as a heading, short and without a mark.
    const bool text_by_shape = le.chars >= 6 && (leaves_mark_open(c.content(e)) ||
                                                 (e > mv.first_moved && !le.has_paren &&
                                                  (c.role[e - 1] == LineRole::kByline ||
                                                   c.role[e - 1] == LineRole::kSubtitle)));
    const bool running = has_punct(le) ||
                         (e > mv.first_moved && next[e - 1] == static_cast<std::int64_t>(e) &&
                          has_punct(c.at(e - 1)) && le.chars >= 6) ||
                         (mv.last_line_wrapped && le.chars >= 8 && !le.has_paren && !under_head(e)) || text_by_shape;
    if (next[e] >= 0 || (c.role[e] != LineRole::kText && !(c.role[e] == LineRole::kHeading && text_by_shape)) ||
        le.has_tail() || le.letter_spaced || !running)
      continue;
    // A sentence may end at the end of a full line and the paragraph go on
    // under it (as sentence_end_full_next joins): then it goes on with a
    // full line only. (Full to the column estimate, or as wide as the
    // wrapped line above it when the estimate gives the moved lines
    // another column.)
    const bool sentence_ends_full = le.ends_sentence;
    if (sentence_ends_full && !full_at(c, e, c.width_of[e]) &&
        !(e > mv.first_moved && next[e - 1] == static_cast<std::int64_t>(e) && !c.at(e - 1).ends_sentence &&
          std::abs(wrapped_width(c, e) - wrapped_width(c, e - 1)) <= 1))
      continue;
    int col = c.width_of[e];
    const bool col_estimated = full_at(c, e, col);
    bool col_from_flush_lines = false;  // (told by moved lines all as wide as each other, the first too)
    if (!col_estimated) {
      // The column estimate may give the moved lines the width of the
      // paragraph they were set into: the moved paragraph's own lines tell
      // its column. It starts in the moved text (the head of its article,
      // under its headings): its first line is 2 em short of the column, the
      // lines wrapped under it are full to it, as wide as each other. (A
      // paragraph of one moved line is its first line: 2 em short of its
      // column.)
      std::size_t first = e;
      while (first > mv.first_moved && next[first - 1] == static_cast<std::int64_t>(first)) --first;
      if (has_prev[first]) continue;
      // Whether the moved paragraph's lines are those of a column w wide.
      // (It sets col and col_from_flush_lines to this reading as it asks:
      // the last reading tried is the one they hold, and a paragraph that no
      // reading fits is passed over.)
      auto one_column_of = [&](int w) {
        col = w;
        // (Or, two lines or more, its first as wide as the last: a paragraph
        // set without indents, or one whose first line the estimate cut from
        // a line above it that ends a sentence, full to the moved column with
        // its mark hung. Then every line tells the column to a character.)
        const bool first_line_short = std::abs(col - 4 - wrapped_width(c, first)) <= 1;  // (holds when first == e)
        col_from_flush_lines = !first_line_short && first < e;
        bool one_column = first_line_short || (col_from_flush_lines && std::abs(wrapped_width(c, first) - col) <= 1);
        for (std::size_t k = first + 1; k < e && one_column; ++k)  // (as wide with the number under it or without)
          one_column = col_from_flush_lines ? std::abs(wrapped_width(c, k) - col) <= 1
                                            : std::abs(wrapped_width(c, k) - col) <= 2 || std::abs(c.width(k) - col) <= 2;
        return one_column;
      };
      // (Its own width: a number opening the line printed under it, the
      // paragraph the moved text was set into, was never wrapped from it.)
      const int own = c.width(e) + (first == e ? 4 : 0);
      // A closing mark that ends the last of two lines or more counts half
      // in its width: the column is a column narrower if the mark hangs past
      // the edge, a column wider if it fits, and digits beside the first line
      // put it a column off already (2003年5月8日，华 / 阳县人民政府经调查了解
      // / 后认为，原处理意见妥当，): either reading, when that one does not hold.
      const bool mark_ends_last = le.trailing_punct > 0 && first < e;
      if (!one_column_of(own) && !(mark_ends_last && (one_column_of(own - 1) || one_column_of(own + 1)))) continue;
    }
    for (std::size_t x = mv.goes_on + 1; x < m && x <= e + kReach; ++x) {
      const LineInfo& lx = c.at(x);
      if (lx.page_break_before) break;
      // Under a heading or byline the rest may open with a full line
      // without a mark, which find_headings reads as a heading as wide as
      // the column: with a line of the column under it that goes on from
      // it (a full line or the paragraph's last), it is the paragraph's.
      const bool read_as_heading = c.role[x] == LineRole::kHeading && next[x] < 0 && x + 1 < m && !has_prev[x + 1] &&
                                   c.role[x + 1] == LineRole::kText && c.at(x + 1).blanks_before == 0 &&
                                   !c.at(x + 1).page_break_before;
      // Or a line the decisions joined to a line without any mark over it,
      // which opens its chain under a heading or byline (or under another
      // line without a mark that stands alone): the last line of the
      // interrupted article's head, set after its body, read as a
      // paragraph's first line. The moved text goes on under it, and the
      // title stands alone. (A paragraph's first line without a mark, as in
      // a narrow column, comes after a paragraph's end. A line full to the
      // moved text's column, or one over a last line, may be the moved
      // text's own, going on without a mark: the title is short of the
      // column, over a wrapped line.)
      const LineInfo& above = c.at(x - 1);
      auto head_line = [&](std::size_t k) {
        return c.standalone(k) || (c.role[k] == LineRole::kText && next[k] < 0 && !has_punct(c.at(k)) &&
                                   !c.at(k).ends_sentence && !c.at(k).has_tail());
      };
      const bool under_title_read_as_text =
          has_prev[x] && x >= 2 && head_line(x - 2) && next[x - 1] == static_cast<std::int64_t>(x) && !has_prev[x - 1] &&
          c.role[x - 1] == LineRole::kText && c.role[x] == LineRole::kText && !has_punct(above) &&
          !above.ends_sentence && !above.has_tail() && !above.has_paren && !above.letter_spaced && above.chars >= 3 &&
          has_words(c.content(x - 1)) && !full_at(c, x - 1, col) && !lx.ends_sentence;
      // Or a line the decisions joined, by its shape alone, to a full line
      // of another column that ends a sentence (full_line_continues,
      // sentence_end_full_next: the weakest joins): the moved text, known
      // to stop mid-sentence, goes on there rather than a paragraph that
      // had already ended. (Only where the column estimate changes between
      // the two lines: a line the estimate sets in the full line's own
      // column may well be its paragraph's last line.)
      const bool weak_join_across_columns =
          has_prev[x] && next[x - 1] == static_cast<std::int64_t>(x) && above.ends_sentence && !above.has_tail() &&
          (decisions[x - 1].reason == BreakReason::kFullLineContinues ||
           decisions[x - 1].reason == BreakReason::kSentenceEndContinues) &&
          std::abs(c.width_of[x - 1] - col) > run_tolerance(std::max<int>(c.width_of[x - 1], col)) &&
          !same_column_width(c, x - 1, x) && full_at(c, x - 1, c.width_of[x - 1]);
      if ((has_prev[x] && !under_title_read_as_text && !weak_join_across_columns) ||
          (c.role[x] != LineRole::kText && !read_as_heading) ||
          lx.letter_spaced || !(complete(c, x - 1) || under_title_read_as_text))
        continue;
      if (starts_caption(c.content(x)) || starts_dateline(c.content(x))) continue;
      // (A line the estimate sets in another column is full to the moved
      // text's only when as wide: a first line of a wider column, 2 em
      // short of it, is within a column's play of a narrower one.)
      bool full = full_at(c, x, col) && c.width(x) <= col + run_tolerance(col) &&
                  (std::abs(c.width_of[x] - col) <= run_tolerance(col) || std::abs(wrapped_width(c, x) - col) <= 1);
      // (A column told by the moved lines alone is told closely: a line of
      // it is as wide as they are, and so is the line wrapped under it, or
      // that line ends the paragraph; a first line of a wider column is not.)
      if (!col_estimated && full) {
        const int play = col_from_flush_lines ? 1 : 2;  // (told by lines all as wide: as closely)
        full = std::abs(wrapped_width(c, x) - col) <= play;
        if (full && next[x] == static_cast<std::int64_t>(x + 1)) {
          const LineInfo& under = c.at(x + 1);
          full = under.ends_sentence ? wrapped_width(c, x + 1) <= col + 2  // (a mark may hang)
                                     : std::abs(wrapped_width(c, x + 1) - col) <= play;
        }
      }
      // (Nor a line 2 em short of the line wrapped under it, which goes on
      // within its column: that is the first line of a paragraph, as wide as
      // the moved text's lines by its indent, in a wider column of the
      // article the moved text was set into. A line that ends a sentence
      // may be short of its column by the marks kept off the next line's
      // start, and one over a line that sticks out by its marks is not short.)
      if (full && !lx.ends_sentence && next[x] == static_cast<std::int64_t>(x + 1) && !c.at(x + 1).ends_sentence &&
          wrapped_width(c, x + 1) - wrapped_width(c, x) >= 3 && wrapped_width(c, x + 1) <= c.width_of[x + 1] + 1)
        full = false;
      // (A sentence mark and a closing quote after it, both pulled onto the
      // last line rather than open the next one, may stick out by 2 em.)
      const bool two_marks_hang = ends_with(c.content(x), "”") && lx.ends_sentence;
      // (A line the decisions wrapped into the line under it is no
      // paragraph's last line: it opens a paragraph of its own and ends its
      // first sentence at the line's end.)
      const bool last_line = lx.ends_sentence && next[x] < 0 &&
                             wrapped_width(c, x) <= col + (two_marks_hang ? 4 : 1) && !sentence_ends_full;
      if (!full && !last_line) continue;  // (a first line, 2 em short, is neither)
      if (read_as_heading) {
        const LineInfo& under = c.at(x + 1);
        // (Not a line without a mark wider than the column the moved lines
        // tell: no mark of it hangs past the edge, so it is no line of
        // theirs but the title of the interrupted article, set after its
        // byline and wider than the moved text's narrow column.)
        if (!full || (!col_estimated && !has_punct(lx) && c.width(x) > col) ||
            !(full_at(c, x + 1, col) ||
              (under.ends_sentence && wrapped_width(c, x + 1) <= col + 1 && !indented_at(c, x + 1, col))))
          continue;
        next[x] = static_cast<std::int64_t>(x + 1);
        has_prev[x + 1] = 1;
        decisions[x].kind = BreakKind::kJoin;
        decisions[x].reason = BreakReason::kWrap;
      }
      if (weak_join_across_columns || under_title_read_as_text) {
        next[x - 1] = -1;
        decisions[x - 1].kind = BreakKind::kBlock;
        decisions[x - 1].reason =
            under_title_read_as_text ? BreakReason::kShortLineBefore : BreakReason::kColumnJump;
      }
      next[e] = static_cast<std::int64_t>(x);
      has_prev[x] = 1;
      decisions[e].kind = BreakKind::kBlock;
      decisions[e].reason = BreakReason::kColumnJump;
      break;
    }
  }
}

// The order units are read in: by their first lines, except that the units
// of moved text whose paragraph goes on past the lines it was set into (its
// continuation found after them) are read where it goes on, so the moved
// head stands before the rest of its article. A moved head with a heading
// (a kicker, a title, a byline) that goes on nowhere opens the article after
// the one it was set into: it is read where that article ends, before the
// next title or after the next byline past the interrupted paragraph. Fills
// starts with the lines that start a chain.
void reading_order(const Ctx& c, const std::vector<MovedText>& moves, const std::vector<std::int64_t>& next,
                   const std::vector<char>& has_prev, std::vector<std::size_t>& starts) {
  const std::size_t m = next.size();
  // (Every line written, the count moved on past those that start a chain:
  // a push_back under a branch mispredicted, starts and other lines coming
  // in no order.)
  starts.resize(m);
  std::size_t n = 0;
  for (std::size_t k = 0; k < m; ++k) {
    starts[n] = k;
    n += !has_prev[k];
  }
  starts.resize(n);
  if (moves.empty()) return;
  std::vector<std::pair<std::size_t, std::size_t>> keyed;  // (read at, first line)
  keyed.reserve(starts.size());
  for (std::size_t k : starts) keyed.emplace_back(k, k);
  for (const MovedText& mv : moves) {
    std::size_t goes_on = m;  // the first line past the moved text its chains reach
    // (The interrupted paragraph may go on past a line or two that the
    // moved text's end left out: those are moved text too.)
    std::size_t moved_end = mv.goes_on;
    if (next[mv.open_line] > static_cast<std::int64_t>(moved_end)) moved_end = static_cast<std::size_t>(next[mv.open_line]);
    for (std::size_t k : starts) {
      if (k < mv.first_moved || k >= mv.goes_on) continue;
      for (std::int64_t j = next[k]; j >= 0; j = next[static_cast<std::size_t>(j)])
        if (static_cast<std::size_t>(j) >= mv.goes_on) { goes_on = std::min(goes_on, static_cast<std::size_t>(j)); break; }
    }
    if (goes_on == m) {
      // A unit of one line that heads an article: a title (a heading, a
      // subtitle, a line without a mark) or a byline.
      auto title_unit = [&](std::size_t k) {
        if (has_prev[k] || next[k] >= 0) return false;
        const LineInfo& l = c.at(k);
        return c.role[k] == LineRole::kHeading || c.role[k] == LineRole::kSubtitle ||
               (c.role[k] == LineRole::kText && !has_punct(l) && !l.ends_sentence && !l.has_paren && l.chars >= 3);
      };
      bool has_heading = false;
      for (std::size_t k = mv.first_moved; k < moved_end && !has_heading; ++k)
        has_heading = title_unit(k) || (!has_prev[k] && c.role[k] == LineRole::kByline);
      auto byline_unit = [&](std::size_t k) { return !has_prev[k] && next[k] < 0 && c.role[k] == LineRole::kByline; };
      // The interrupted paragraph's last line, then the first title or byline
      // after it (within reach: the rest of the article).
      constexpr std::size_t kReach = 60;
      std::size_t last = mv.open_line;
      while (next[last] >= 0) last = static_cast<std::size_t>(next[last]);
      if (last < moved_end) continue;
      // Or, before either, a paragraph that opens in another column width
      // than the interrupted paragraph's: the next article, set in its own
      // column (the moved head's lead, if any, is set in it too), whose
      // head was moved away and has no title or byline left to stand by.
      auto other_column_paragraph = [&](std::size_t k) {
        return !has_prev[k] && next[k] == static_cast<std::int64_t>(k + 1) && c.role[k] == LineRole::kText &&
               c.role[k + 1] == LineRole::kText && !same_column_width(c, mv.open_line, k) &&
               same_column_width(c, k, k + 1);
      };
      // (A title line alone between two paragraphs of the interrupted
      // paragraph's column is a subheading of its article, which goes on
      // under it: not the next article's title.)
      auto paragraph_line = [&](std::size_t k) {
        return c.role[k] == LineRole::kText && has_punct(c.at(k)) && !title_unit(k);
      };
      auto subheading = [&](std::size_t k) {
        return k + 2 < m && paragraph_line(k - 1) && paragraph_line(k + 1) && !has_prev[k + 1] &&
               next[k + 1] == static_cast<std::int64_t>(k + 2) && same_column_width(c, mv.open_line, k + 1) &&
               same_column_width(c, mv.open_line, k + 2);
      };
      for (std::size_t k = last + 1; has_heading && k < m && k <= last + kReach; ++k) {
        if (c.at(k).page_break_before) break;
        if ((title_unit(k) && !subheading(k)) || other_column_paragraph(k)) goes_on = k;
        else if (byline_unit(k)) goes_on = k + 1;
        else continue;
        break;
      }
      // Moved text without a heading is the first lines of an article whose
      // headings follow its text (a title set after the article): it is read
      // after the block of headings that closes the interrupted article, two
      // units or more (a byline, a kicker, a title); a subheading inside the
      // article stands alone.
      // Or after a title alone when the paragraph under it is set in the
      // moved text's column and not in the interrupted paragraph's: the
      // title closes the interrupted article, and the article under it,
      // the moved text's, goes on in its own column (a subheading has its
      // article's column on both sides). Told by wrapped lines, full to
      // their columns: one of the moved text's, one under the title.
      int moved_wrapped = -1;
      for (std::size_t x = mv.first_moved; x + 2 < moved_end && moved_wrapped < 0; ++x)
        if (next[x] == static_cast<std::int64_t>(x + 1) && next[x + 1] == static_cast<std::int64_t>(x + 2) &&
            c.role[x + 1] == LineRole::kText && !c.at(x + 1).ends_sentence && has_punct(c.at(x + 1)))
          moved_wrapped = wrapped_width(c, x + 1);
      auto opens_moved_column = [&](std::size_t k) {
        if (moved_wrapped < 0 || k + 3 >= m || has_prev[k + 1] ||
            next[k + 1] != static_cast<std::int64_t>(k + 2) || next[k + 2] != static_cast<std::int64_t>(k + 3) ||
            c.role[k + 2] != LineRole::kText || c.at(k + 2).ends_sentence || !has_punct(c.at(k + 2)))
          return false;
        const int under = wrapped_width(c, k + 2);
        return std::abs(under - moved_wrapped) <= 1 && std::abs(under - wrapped_width(c, mv.open_line)) >= 3;
      };
      for (std::size_t k = last + 1; !has_heading && k < m && k <= last + kReach; ++k) {
        if (c.at(k).page_break_before) break;
        if (!title_unit(k) && !byline_unit(k)) continue;
        std::size_t j = k;  // the block's last line
        while (j + 1 < m && !c.at(j + 1).page_break_before && (title_unit(j + 1) || byline_unit(j + 1))) ++j;
        if (j > k || (title_unit(k) && opens_moved_column(k))) {
          goes_on = j + 1;
          // (A byline under a title in the block opens the heads of the
          // next article, which follow its text as the interrupted one's
          // follow theirs (byline, then kicker and title): the moved text
          // is that article's text, read before them. Asked only of blocks
          // of three units or more: a title over a byline alone is as often
          // a head set before its text.)
          for (std::size_t q = k + 2; q <= j; ++q)
            if (byline_unit(q) && title_unit(q - 1)) { goes_on = q; break; }
          break;
        }
        k = j;
      }
      if (goes_on == m) continue;
      for (auto& [at, k] : keyed)
        if (k >= mv.first_moved && k < moved_end) at = goes_on;
      continue;
    }
    for (auto& [at, k] : keyed)
      if (k >= mv.first_moved && k < mv.goes_on) at = goes_on;
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  for (std::size_t i = 0; i < keyed.size(); ++i) starts[i] = keyed[i].second;
}

// Columns out of order: a paragraph stops mid-sentence (its next line is a
// heading, or a line of another column width), and its continuation comes
// some lines later: a full line of the same column width that does not start
// a paragraph and does not continue the line printed before it. The first
// such line within reach is joined to the open end.
void reconnect_columns(const Ctx& c, std::vector<JoinDecision>& decisions, std::vector<std::int64_t>& next,
                       std::vector<char>& has_prev, const std::vector<char>& closes) {
  constexpr std::size_t kReach = 60;  // lines to look ahead for a continuation
  const std::size_t m = c.nb.size();
  auto same_column = [&](std::size_t a, std::size_t b) { return same_column_width(c, a, b); };
  auto open_end = [&](std::size_t a) {
    const LineInfo& l = c.at(a);
    if (c.role[a] != LineRole::kText || l.ends_sentence || l.has_tail() || l.letter_spaced || !has_punct(l)) return false;
    return full_at(c, a, c.width_of[a]);
  };
  auto heading_like = [&](std::size_t k) { return heading_shaped(c, k, c.width_of[k]); };
  // A line that continues something, but not the line printed before it.
  auto orphan_start = [&](std::size_t b) {
    const LineInfo& l = c.at(b);
    if (c.role[b] != LineRole::kText || l.page_break_before || l.letter_spaced) return false;
    if (!full_at(c, b, c.width_of[b]) || starts_caption(c.content(b)) || starts_dateline(c.content(b))) return false;
    if (b == 0) return false;
    const std::size_t p = b - 1;
    // (Or the line before it goes on elsewhere: moved text set aside
    // joined it past this line, which continues something else.)
    if (!has_prev[b]) return complete(c, p) || c.role[p] == LineRole::kHeading || next[p] > static_cast<std::int64_t>(b);
    // Joined to its predecessor across a change of column width: that join
    // is itself a jump between columns.
    if (next[p] == static_cast<std::int64_t>(b) && !same_column(p, b)) return true;
    // Joined to a line far short of the column that ends nothing (a heading
    // printed into the column): a wrapped line is full, so that join is wrong.
    if (next[p] == static_cast<std::int64_t>(b) && heading_like(p)) return true;
    // Joined to its predecessor only because that one ended a sentence with
    // a full line: a weak join, given up for a stronger one.
    return next[p] == static_cast<std::int64_t>(b) && c.at(p).ends_sentence &&
           decisions[p].reason == BreakReason::kSentenceEndContinues;
  };
  for (std::size_t a = 0; a + 2 < m; ++a) {
    // Only when the natural next line does not carry on this column.
    // A wrapped line is followed by a full line or by the paragraph's last
    // line; a line far short of the column that ends nothing (a heading of
    // the article printed in between) does not carry it on either.
    // (Told before open_end(a): most lines are carried on, and this runs for
    // every line.)
    // (Or the line printed under it, as wide as itself, where the estimate
    // changes column between them: a wrapped line of a few lines of another
    // column, such as moved text's, that the estimate gives the column of
    // the lines after them. Widths without a number opening the next line:
    // that line may be of the other column.)
    bool natural_ok = next[a] >= 0 && (same_column(a, static_cast<std::size_t>(next[a])) ||
                                       (next[a] == static_cast<std::int64_t>(a + 1) &&
                                        std::abs(c.width(a) - c.width(a + 1)) <= 1));
    if (natural_ok) {
      const std::size_t b = static_cast<std::size_t>(next[a]);
      const LineInfo& lb = c.at(b);
      const int col = c.width_of[a];
      if (!lb.ends_sentence && !lb.has_tail() && !lb.letter_spaced && lb.chars >= 3 && !has_punct(lb) &&
          !lb.has_paren && wrapped_width(c, b) < col - short_margin(col))
        natural_ok = false;
    }
    if (natural_ok || !open_end(a)) continue;
    for (std::size_t b = a + 2; b < m && b <= a + kReach; ++b) {
      if (!same_column(a, b) || !orphan_start(b) || !closes[b]) continue;
      if (next[a] >= 0) {
        // The lines printed in between that are far short of the column and
        // end nothing are headings of the article set in there: one block
        // each, as headings are anywhere else.
        std::size_t h = static_cast<std::size_t>(next[a]);
        has_prev[h] = 0;
        while (h + 1 < b && next[h] == static_cast<std::int64_t>(h + 1) && heading_like(h) && heading_like(h + 1)) {
          next[h] = -1;
          has_prev[h + 1] = 0;
          decisions[h].kind = BreakKind::kBlock;
          decisions[h].reason = BreakReason::kShortLineBefore;
          ++h;
        }
      }
      if (has_prev[b]) {
        next[b - 1] = -1;
        decisions[b - 1].kind = BreakKind::kBlock;
        decisions[b - 1].reason = BreakReason::kColumnJump;
      }
      next[a] = static_cast<std::int64_t>(b);
      has_prev[b] = 1;
      decisions[a].kind = BreakKind::kBlock;
      decisions[a].reason = BreakReason::kColumnJump;
      break;
    }
  }
}

// On a de-interleaved page the last line of a column is followed, in the
// order repair walks, by the first line of the next column, printed higher
// up the page: a unit's text must read forward through the page (each
// output's characters in order in its source span), so such a link is cut
// and the paragraph that goes on at the top of the next column is a unit of
// its own there.
void cut_backward_links(const Ctx& c, std::vector<std::int64_t>& next, std::vector<char>& has_prev) {
  for (std::size_t k = 0; k < next.size(); ++k) {
    if (next[k] < 0) continue;
    const std::size_t b = static_cast<std::size_t>(next[k]);
    if (c.nb[b] > c.nb[k]) continue;
    next[k] = -1;
    has_prev[b] = 0;
  }
}

// Decisions come out one per pair of lines consecutive in the page. Walked
// column by column, a pair of the page is either consecutive in that walk
// too (its decision stands) or two columns' lines read side by side: a
// block break, for the columns (interleaved_column) or for the cut between
// two columns' lines run together on one line (run_together_columns).
// (rows_read: set where a pair is two columns' lines read side by side.)
std::vector<JoinDecision> decisions_in_page_order(const Ctx& c, const std::vector<JoinDecision>& walked,
                                                  bool& rows_read) {
  const std::size_t m = c.nb.size();
  std::vector<std::uint32_t> at(c.lines.size(), 0);  // line -> its place in the walk
  for (std::size_t k = 0; k < m; ++k) at[c.nb[k]] = static_cast<std::uint32_t>(k);
  std::vector<JoinDecision> out;
  out.reserve(walked.size());
  std::int64_t prev = -1;
  for (std::uint32_t i = 0; i < c.lines.size(); ++i) {
    if (c.lines[i].blank) continue;
    if (prev >= 0) {
      const std::uint32_t a = static_cast<std::uint32_t>(prev);
      const std::uint32_t ka = at[a], kb = at[i];
      if (kb == ka + 1) {
        out.push_back(walked[ka]);
      } else {
        JoinDecision d;
        d.line = a;
        d.next_line = i;
        d.kind = BreakKind::kBlock;
        d.reason = c.lines[a].physical == c.lines[i].physical ? BreakReason::kRunTogetherColumns
                                                                : BreakReason::kInterleavedColumn;
        rows_read = rows_read || d.reason == BreakReason::kInterleavedColumn;
        d.column_width = c.width_of[ka];
        d.next_column_width = c.width_of[kb];
        out.push_back(d);
      }
    }
    prev = i;
  }
  return out;
}

// RepairedUnit::own_width and own_lines of body unit u, made of the lines
// chain (entries of c.nb): its first lines, where they come in page order
// and before its last line (then they are the lines its source map runs
// over, in order; elsewhere segmentation walks the map). Their widths by
// adjusted_width() (not width(k), which counts characters stretched down
// the column above a line). Fewer than three lines, or fewer than three
// lines' height: none, whatever the order. (Not inlined: inlined in
// repair_page()'s unit loop it cost twice its own instructions there.)
[[gnu::noinline]] void take_own_width(const Ctx& c, const std::vector<std::size_t>& chain, RepairedUnit& u) {
  const std::size_t n = std::min(chain.size(), kOwnWidthLines);
  if (n < 3 || u.last_line < u.first_line + 2) {
    u.own_lines = 0;
    return;
  }
  for (std::size_t i = 1; i < n; ++i)
    if (c.nb[chain[i]] <= c.nb[chain[i - 1]]) return;
  if (u.last_line < c.nb[chain[n - 1]]) return;
  const auto [own_width, own_lines] = own_column_width(
      n, [&](std::size_t i) { return adjusted_width(c.at(chain[i]), c.squeeze); }, u.column_width);
  u.own_width = static_cast<std::uint16_t>(own_width);
  u.own_lines = static_cast<std::int8_t>(own_lines);
}

}  // namespace

const char* break_kind_name(BreakKind kind) noexcept {
  switch (kind) {
    case BreakKind::kJoin: return "join";
    case BreakKind::kParagraph: return "paragraph";
    case BreakKind::kBlock: return "block";
  }
  return "join";
}

const char* break_reason_name(BreakReason reason) noexcept {
  switch (reason) {
    case BreakReason::kWrap: return "wrap";
    case BreakReason::kWrapAcrossBlank: return "wrap_across_blank";
    case BreakReason::kWrapShortUnfinished: return "wrap_short_unfinished";
    case BreakReason::kSentenceEndShort: return "sentence_end_short";
    case BreakReason::kNextIndented: return "next_indented";
    case BreakReason::kIndentPreserved: return "indent_preserved";
    case BreakReason::kSentenceEndContinues: return "sentence_end_full_next";
    case BreakReason::kBlankAfterSentence: return "blank_after_sentence";
    case BreakReason::kFullLineContinues: return "full_line_continues";
    case BreakReason::kShortLineBefore: return "short_line_before";
    case BreakReason::kShortLineAfter: return "short_line_after";
    case BreakReason::kPageBreak: return "page_break";
    case BreakReason::kLabel: return "label";
    case BreakReason::kGluedTail: return "glued_tail";
    case BreakReason::kCaptionEnd: return "caption_end";
    case BreakReason::kBylineLine: return "byline_line";
    case BreakReason::kSubtitleLine: return "subtitle_line";
    case BreakReason::kJumpLine: return "jump_line";
    case BreakReason::kFirstLineContinues: return "first_line_continues";
    case BreakReason::kFurnitureLine: return "furniture_line";
    case BreakReason::kCaptionStart: return "caption_start";
    case BreakReason::kIntrusion: return "intrusion";
    case BreakReason::kUnwrappedText: return "unwrapped_text";
    case BreakReason::kColumnChange: return "column_change";
    case BreakReason::kCaptionCredit: return "caption_credit";
    case BreakReason::kBrokenOffMarks: return "broken_off_marks";
    case BreakReason::kShortLineWrapped: return "short_line_wrapped";
    case BreakReason::kGluedTailWrapped: return "glued_tail_wrapped";
    case BreakReason::kColumnJump: return "column_jump";
    case BreakReason::kInterleavedColumn: return "interleaved_column";
    case BreakReason::kRunTogetherColumns: return "run_together_columns";
    case BreakReason::kBulletStart: return "bullet_start";
    case BreakReason::kStretchedLineContinues: return "stretched_line_continues";
    case BreakReason::kEndMark: return "end_mark";
  }
  return "wrap";
}

const char* unit_shape_name(UnitShape shape) noexcept {
  switch (shape) {
    case UnitShape::kBody: return "body";
    case UnitShape::kShortLine: return "short";
    case UnitShape::kTail: return "tail";
    case UnitShape::kLabel: return "label";
    case UnitShape::kFurniture: return "furniture";
    case UnitShape::kJump: return "jump";
  }
  return "body";
}

// Some extractors print a blank line after every line of loosely leaded
// text (MuPDF): there blank lines say nothing about paragraphs. When nearly
// every pair of consecutive lines has a blank line between them, one blank
// line of each gap is taken as line spacing and dropped from the counts.
// (any_split: whether a line of them has a gap split_shared_baselines() may
// split at, found in the same pass.)
bool drop_blank_line_spacing(std::vector<LineInfo>& lines, bool& any_split) {
  // Pairs of consecutive non-blank lines, and of them those with a blank
  // between, counted without a branch per line: a blank line's blanks_before
  // is 0 (scan_lines counts blank lines only on the line after them), so
  // every non-blank line with blanks_before > 0 is counted, then the first
  // non-blank line, which ends no pair, taken off (it has blank lines
  // before it exactly when the page opens with one).
  std::size_t non_blank = 0, spaced = 0;
  bool split = false;
  for (const LineInfo& l : lines) {
    non_blank += !l.blank;
    spaced += l.blanks_before > 0;
    split |= l.split_at > 0;
  }
  any_split = split;
  if (non_blank == 0) return false;
  const std::size_t pairs = non_blank - 1;
  spaced -= lines.front().blank;
  constexpr std::size_t kMinPairs = 8;
  if (pairs < kMinPairs || spaced * 100 < pairs * 85) return false;
  for (LineInfo& l : lines)
    if (!l.blank && l.blanks_before > 0) --l.blanks_before;
  return true;
}

RepairResult repair_page(std::string_view src, const RepairOptions& options) {
  RepairResult result;
  std::vector<LineInfo> scanned = scan_lines(src);
  bool any_split = false;
  result.blank_line_spacing = drop_blank_line_spacing(scanned, any_split);
  // (Most pages have no line to split: their lines are kept as scanned.)
  result.lines = any_split ? split_shared_baselines(src, std::move(scanned)) : std::move(scanned);
  // (Named: Ctx has many members, most filled by the passes below.)
  Ctx c{.text = src, .lines = result.lines, .reference = detail::reference_paths()};
  PageScratch& scratch = page_scratch();
  c.scratch = &scratch;
  const LentCtxVectors lent(c, scratch);
  // (Each index written, kept by the count: no branch on blank lines.)
  c.nb.resize(result.lines.size());
  std::size_t non_blank = 0;
  for (std::uint32_t i = 0; i < result.lines.size(); ++i) {
    c.nb[non_blank] = i;
    non_blank += !result.lines[i].blank;
  }
  c.nb.resize(non_blank);
  if (c.nb.empty()) return result;
  // Columns read row by row (pdftotext's default mode on loosely leaded
  // pages): from here on repair walks the lines column by column, c.nb in
  // that order (see interleave.hpp). Decisions are made between lines
  // consecutive in it, and given back per pair of consecutive lines of the
  // page at the end.
  // (The squeeze is chosen on the page's order, and again only on the
  // columns' order when that differs.)
  c.squeeze = choose_squeeze(result.lines, c.nb);
  StreamOrder streams;
  if (options.deinterleave == Deinterleave::kOn ||
      (options.deinterleave == Deinterleave::kAuto && worth_deinterleaving(src, result.lines, c.squeeze))) {
    streams = deinterleave(src, result.lines, c.squeeze);
    if (streams.found) {
      c.nb = streams.order;
      c.squeeze = choose_squeeze(result.lines, c.nb);
    }
  }
  c.measure_widths();
  // (The count of lines walked, kept in a local: the loops below store
  // roles and flags a byte each, which may alias any object as far as the
  // compiler knows, so c.nb.size() in a loop's test would be read back from
  // memory on every turn. c.nb does not change from here on.)
  const std::size_t m = c.nb.size();
  // Marks broken off the line above close what it closes: such a line ends a
  // sentence if the line above does.
  c.broken_off.assign(m, 0);
  // (So do marks before a byline glued after them: `”   本报记者 孔巍`.)
  for (std::size_t k = 1; k < m; ++k) {
    LineInfo& l = result.lines[c.nb[k]];
    if (l.page_break_before) continue;
    if (l.has_tail()) {
      if (!only_closing_marks(c.text.substr(l.content.start, l.head_end - l.content.start))) continue;
    } else if (l.chars > 3 || !only_closing_marks(c.content(k))) {
      continue;
    }
    c.broken_off[k] = 1;
    l.ends_sentence = l.ends_sentence || c.at(k - 1).ends_sentence;
  }
  c.role.assign(m, LineRole::kText);
  scratch.line_bylines.clear();
  scratch.byline_texts.clear();
  scratch.line_byline_names.clear();
  for (std::size_t k = 0; k < m; ++k) c.role[k] = lexical_role(c, k);
  // The bylines read there go with the result (see LineByline), copied at
  // their size (the scratch keeps its room for the next page; a page with
  // none allocates nothing).
  if (!scratch.line_bylines.empty()) {
    result.line_bylines.assign(scratch.line_bylines.begin(), scratch.line_bylines.end());
    result.byline_texts.assign(scratch.byline_texts);
    result.byline_names.assign(scratch.line_byline_names.begin(), scratch.line_byline_names.end());
    // (A page of very many bylines leaves no large room behind: the
    // scratch's bound, as for its other vectors.)
    trim_scratch(scratch.line_bylines, kScratchKeepBytes);
    trim_scratch(scratch.line_byline_names, kScratchKeepBytes);
    if (scratch.byline_texts.capacity() > kScratchKeepBytes) std::string().swap(scratch.byline_texts);
  }
  estimate_column_widths(c);
  // A dash line inside running text (…留下了一件传家宝 / ———重达4公斤的…):
  // the line above fills its column and the sentence goes on, so the dash
  // opens a wrapped line, not a subtitle.
  for (std::size_t k = 2; k < m; ++k) {
    if (c.role[k] != LineRole::kSubtitle || c.role[k - 1] != LineRole::kText || c.role[k - 2] != LineRole::kText) continue;
    const LineInfo& above = c.at(k - 1);
    if (above.ends_sentence || above.has_tail() || c.at(k).blanks_before > 0) continue;
    if (!complete(c, k - 2) && (has_punct(above) || full_at(c, k - 1, c.width_of[k - 1]))) {
      c.role[k] = LineRole::kText;
      continue;
    }
    // Or the line above opens a paragraph, where it may be 2 em short
    // (…连成一片。 / 北湖纺织厂的母公司 / ———新丰集团拥有棉 / 田、轧花厂、
    // 印染厂等许…; …网站——— / 据国内一家知名的旅游网站 / ———“游侠”网站工作
    // 人员说，从 / 7月15日到8月1日，…). Past the test above it does: the
    // line two above is complete, or the line above is short and unmarked
    // (a lead's first line under a head). Then the dash line is text when it
    // fills its column and ends no sentence, and the line under it fills its
    // column and is punctuated running text, not 2 em short as a lead's
    // first line under a head is, nor an unpunctuated rest of a subtitle
    // wrapped in a narrow column: the sentence runs through the dash line.
    if (k + 1 < m && !c.at(k).ends_sentence && c.role[k + 1] == LineRole::kText && c.at(k + 1).blanks_before == 0 &&
        has_punct(c.at(k + 1)) && full_at(c, k, c.width_of[k]) && full_at(c, k + 1, c.width_of[k + 1]))
      c.role[k] = LineRole::kText;
  }
  find_wrapped_tails(c, result.lines);
  find_split_bylines(c);
  find_headings(c);
  // A line without punctuation over a subtitle (itself unpunctuated) is its
  // headline, whatever is above it when a blank line sets the two apart
  // from the text around, or it is far short of the column above (a head
  // set into a paragraph's column, columns out of order: the line above
  // runs on elsewhere). A full line tight under an open one is running text
  // with a dash broken onto the next line.
  for (std::size_t k = 0; k + 1 < m; ++k) {
    if (c.role[k] != LineRole::kText || c.role[k + 1] != LineRole::kSubtitle || has_punct(c.at(k + 1)) ||
        !unpunctuated(c, k))
      continue;
    if (k == 0 || complete(c, k - 1) || c.at(k).blanks_before > 0 || c.at(k + 1).blanks_before > 0 ||
        c.width(k) < c.width_of[k - 1] - short_margin(c.width_of[k - 1]))
      c.role[k] = LineRole::kHeading;
  }
  // Marks broken off a heading, subtitle or byline (…实现“零指标 / ”) are
  // part of it.
  for (std::size_t k = 1; k < m; ++k)
    if (c.broken_off[k] && c.standalone(k - 1) && c.role[k - 1] != LineRole::kFurniture &&
        c.role[k - 1] != LineRole::kJump && c.role[k - 1] != LineRole::kLabel)
      c.role[k] = c.role[k - 1];

  // Three page styles, counted in one pass over the lines (each line's facts
  // read once, its short sentence end told once for the line and once more
  // for the line under it):
  // - do blank lines mark paragraph ends? Look at short lines that end a
  //   sentence (paragraph ends): are they followed by a blank?
  // - a blank line after a paragraph's first line (some extractors write
  //   one). Look at running lines that wrap on over one blank line: on such
  //   a page nearly all of them start their paragraph (under a blank, a
  //   heading or a short sentence end); where the blanks are column breaks
  //   they fall anywhere in a paragraph, seldom right after its first line.
  // - text whose running lines nearly all end a sentence is not hard-wrapped:
  //   each line is a paragraph already (repair's own output reads back as it
  //   is).
  {
    std::size_t ends = 0, with_blank = 0;  // short sentence ends, and of them those over a blank
    std::size_t over_blank = 0, first = 0;  // running lines wrapping over one blank, and of them first lines
    std::size_t body = 0, open = 0;         // punctuated running lines, and of them open ones
    bool above_ends_short = false;          // line k - 1 ends a sentence short of its column
    for (std::size_t k = 0; k < m; ++k) {
      const LineInfo& l = c.at(k);
      const bool text_line = c.role[k] == LineRole::kText;
      const bool counts = text_line & has_punct(l);
      body += counts;
      open += counts & !l.ends_sentence & !l.has_tail();
      if (k + 1 == m) break;
      const LineInfo& below = c.at(k + 1);
      const bool paragraph_end = l.ends_sentence & !is_full(c, k);
      ends += paragraph_end;
      with_blank += paragraph_end & (below.blanks_before > 0);
      if (text_line && !l.ends_sentence && !l.has_tail() && below.blanks_before == 1 &&
          c.role[k + 1] == LineRole::kText) {
        ++over_blank;
        first += k == 0 || l.blanks_before > 0 || l.page_break_before || c.standalone(k - 1) || above_ends_short;
      }
      above_ends_short = paragraph_end;
    }
    c.blanks_mark_paragraphs = ends > 0 && with_blank * 2 >= ends;
    c.blank_after_first_lines = first >= 3 && first * 2 >= over_blank;
    c.blanks_break_columns = over_blank > first;
    c.unwrapped = body >= 3 && open * 4 < body;
  }
  result.squeeze = c.squeeze;
  result.decisions.reserve(m);
  std::size_t unit_first = 0;
  // Whether the decision before this one (as it stands at the end of its
  // turn) joins: kept in a local, not read back from the vector, whose end
  // is loaded again after each byte the decisions store.
  bool joined = false;
  for (std::size_t k = 0; k + 1 < m; ++k) {
    const bool starts_unit = !joined;
    if (starts_unit) unit_first = k;
    JoinDecision& d = result.decisions.emplace_back();
    decide(c, k, starts_unit, d);
    // On a page that sets a blank line after a paragraph's first line, a
    // line right under a sentence end that wraps on over one blank line is
    // such a first line: a new paragraph starts there (…已全部建成通车。 /
    // 今年春节前后，全县各乡镇的集市 / (blank) / 比往年热闹了许多。…),
    // however full both lines, where the widths alone read the paragraph as
    // going on.
    if (c.blank_after_first_lines && d.kind == BreakKind::kJoin &&
        (d.reason == BreakReason::kSentenceEndContinues || d.reason == BreakReason::kFullLineContinues ||
         d.reason == BreakReason::kFirstLineContinues) &&
        first_line_under_sentence_end(c, k)) {
      d.kind = BreakKind::kParagraph;
      d.reason = BreakReason::kNextIndented;
    }
    // And a line without marks right over such a first line is no first line
    // itself (the blank would stand under it), nor, when it starts something
    // and is as wide as no running line, a line of the paragraph: a heading
    // (鲜花开遍大街小巷 / 今年春节前后，全县的集市 / (blank) / 比往年…).
    if (c.blank_after_first_lines && d.kind == BreakKind::kJoin && d.reason == BreakReason::kWrap &&
        heading_over_first_line(c, k)) {
      d.kind = BreakKind::kBlock;
      d.reason = BreakReason::kShortLineBefore;
    }
    // A bullet (● ◆ ▲ ★) opens an item: a news brief, a point of a list.
    // No line runs on into it (the line above it ends a paragraph, or is a
    // heading over it, or text broken off elsewhere).
    if (d.kind == BreakKind::kJoin && starts_bullet(c.content(k + 1))) {
      d.kind = c.at(k).ends_sentence ? BreakKind::kParagraph : BreakKind::kBlock;
      d.reason = BreakReason::kBulletStart;
    }
    // A stand-alone caption (图为…) ends at its sentence end: what follows
    // is the next block, not the caption's next paragraph.
    if (d.kind != BreakKind::kJoin && starts_caption(c.content(unit_first))) {
      const std::string_view next = c.content(k + 1);
      if (starts_with(next, "（") && ends_photo_credit(next) && c.at(k + 1).blanks_before <= 1 &&
          !c.at(k + 1).page_break_before) {
        d.kind = BreakKind::kJoin;
        d.reason = BreakReason::kCaptionCredit;
      } else if (d.kind == BreakKind::kParagraph) {
        d.kind = BreakKind::kBlock;
        d.reason = BreakReason::kCaptionEnd;
      }
    }
    joined = d.kind == BreakKind::kJoin;
  }

  // Assemble units. A unit is a chain of lines: each joined to the next, or,
  // around an intrusion, to the line after it.
  Lent<std::int64_t> lent_next(scratch.next);
  std::vector<std::int64_t>& next = lent_next.v;
  next.assign(m, -1);
  Lent<char> lent_has_prev(scratch.has_prev);
  std::vector<char>& has_prev = lent_has_prev.v;
  has_prev.assign(m, 0);
  std::vector<MovedText> moves;
  for (std::size_t k = 0; k + 1 < m; ++k) {
    const bool join = result.decisions[k].kind == BreakKind::kJoin;
    // (k + 1 or -1 by arithmetic: joins and breaks come in no order, and a
    // branch here mispredicted.)
    next[k] = static_cast<std::int64_t>(join) * static_cast<std::int64_t>(k + 2) - 1;
    has_prev[k + 1] = join;
  }
  if (!c.unwrapped) {
    Lent<char> lent_closes(scratch.closes);
    std::vector<char>& closes = lent_closes.v;  // (find_closes() fills it afresh)
    find_closes(c, next, closes);
    moves = rejoin_around_moved_heads(c, result.decisions, next, has_prev, closes);
    continue_moved_text(c, moves, result.decisions, next, has_prev);
    splice_intrusions(c, result.decisions, next, has_prev, closes);
    reconnect_columns(c, result.decisions, next, has_prev, closes);
  }
  // A wrapped glued byline: the line after it belongs to the tail unit of
  // the line above, not to the body (and starts no unit of its own).
  for (std::size_t k = 0; k + 1 < m; ++k) {
    if (!c.tail_wraps[k] || next[k] != static_cast<std::int64_t>(k + 1)) continue;
    next[k] = -1;
  }
  if (streams.found) cut_backward_links(c, next, has_prev);

  Lent<std::size_t> lent_chain(scratch.chain);
  std::vector<std::size_t>& chain = lent_chain.v;  // (cleared for each unit)
  Lent<std::size_t> lent_starts(scratch.starts);
  std::vector<std::size_t>& starts = lent_starts.v;  // (reading_order() fills it afresh)
  reading_order(c, moves, next, has_prev, starts);
  auto moved_heading_line = [&](std::size_t k) {
    const LineInfo& l = c.at(k);
    if (c.role[k] != LineRole::kText || has_punct(l) || l.ends_sentence || l.has_tail() || l.has_paren || l.chars < 3 ||
        !has_words(c.content(k)))
      return false;
    for (const MovedText& mv : moves)
      if (k >= mv.first_moved && k + 1 < mv.goes_on && k - mv.first_moved < 32 &&
          ((mv.set_apart >> (k - mv.first_moved)) & 1u))
        return true;
    return false;
  };
  // (Room for the units up front, not grown as they come: one a chain, and
  // now and then the tail unit of a glued byline.)
  result.units.reserve(starts.size() + starts.size() / 8 + 4);
  for (std::size_t start : starts) {
    chain.clear();
    // (The bytes of the lines' content summed as the chain is walked: the
    // room the unit's text needs, below.)
    std::size_t content_bytes = 0;
    for (std::int64_t k = static_cast<std::int64_t>(start); k >= 0; k = next[k]) {
      chain.push_back(static_cast<std::size_t>(k));
      const LineInfo& l = c.at(static_cast<std::size_t>(k));
      content_bytes += l.content.end - l.content.start;
    }
    const std::size_t first_k = chain.front(), last_k = chain.back();
    const LineInfo& first = c.at(first_k);
    UnitShape shape = UnitShape::kBody;
    if (chain.size() == 1) {
      if (c.role[first_k] == LineRole::kLabel) shape = UnitShape::kLabel;
      else if (c.role[first_k] == LineRole::kFurniture) shape = UnitShape::kFurniture;
      else if (c.role[first_k] == LineRole::kJump) shape = UnitShape::kJump;
      else if (c.standalone(first_k)) shape = UnitShape::kShortLine;
      // A heading of moved text (another article's kicker or title set
      // into a paragraph) was read as running text there, not as a
      // heading; set apart by rejoin_around_moved_heads, it is one.
      else if (in_moved_text(moves, first_k) && (heading_shaped(c, first_k, c.width_of[first_k]) ||
                                                  (c.role[first_k] == LineRole::kText && c.at(first_k).han_gap &&
                                                   !has_punct(c.at(first_k)) && !c.at(first_k).ends_sentence)))
        shape = UnitShape::kShortLine;  // (a title set with a gap between its phrases may be as wide as any line)
      // So is a line of moved text without a mark that stands alone before
      // its last line (which may be a paragraph's line, cut where the
      // moved text ends): a title line as wide as the column, or wider.
      else if (moved_heading_line(first_k))
        shape = UnitShape::kShortLine;
      // A heading's last line over a blank and a first line, told by its
      // shape there (heading_over_blank_and_first_line), not by its role.
      else if (c.role[first_k] == LineRole::kText && first_k + 1 < c.nb.size() &&
               c.at(first_k + 1).blanks_before > 0 && heading_over_blank_and_first_line(c, first_k))
        shape = UnitShape::kShortLine;
    } else if (c.standalone(first_k) && (result.decisions[first_k].reason == BreakReason::kShortLineWrapped ||
                                         result.decisions[first_k].reason == BreakReason::kBrokenOffMarks)) {
      // a heading or byline wrapped over two lines, or with a closing mark
      // broken off onto the next
      shape = UnitShape::kShortLine;
    }
    // A glued tail on the last line of a body unit becomes its own unit.
    const LineInfo& last_line = c.at(last_k);
    std::pair<std::size_t, std::size_t> tail{std::string_view::npos, std::string_view::npos};
    if (shape == UnitShape::kBody && last_line.has_tail()) tail = {last_line.tail_start, last_line.head_end};

    // The unit built in place at the end of result.units (its text written
    // there, not moved into a local unit and again into the vector), and
    // taken back if it comes out empty.
    RepairedUnit& u = result.units.emplace_back();
    UnitBuilder ub{src, result, options, u.text, 0, 0, c.reference};
    // Room for the unit's text and map up front (at most the content of its
    // lines and a space per join; an anchor per line, more when spaces go).
    // (A space per join, not per line: the text of a short unit, a line of
    // up to 15 bytes, stays inside the string, with no room asked of the heap.)
    const std::size_t unit_bytes = content_bytes + chain.size() - 1;
    ub.out.reserve(unit_bytes, chain.size() + 1);
    const SpacePolicy policy = shape == UnitShape::kBody        ? SpacePolicy::kBody
                               : shape == UnitShape::kFurniture ? SpacePolicy::kFields
                                                                : SpacePolicy::kShort;
    const std::uint32_t mapped_before = result.fullwidth_mapped;
    for (std::size_t i = 0; i < chain.size(); ++i) {
      const LineInfo& l = c.at(chain[i]);
      std::size_t e = l.content.end;
      if (i + 1 == chain.size() && tail.first != std::string_view::npos) e = tail.second;
      if (i > 0) ub.join_lines(l, l.content.start);
      // A byline wrapped between two names keeps them apart; a name cut in
      // two (彭峰 / 鹏) joins up. (So does a role word on a line of its own
      // and the names under it: 通讯员 / 甲 乙.)
      if (i > 0 && result.decisions[chain[i - 1]].reason == BreakReason::kShortLineWrapped &&
          (c.role[chain[i - 1]] == LineRole::kByline ||
           (c.role[chain[i - 1]] == LineRole::kHeading && c.at(chain[i - 1]).chars <= 7 &&
            c.at(chain[i - 1]).spaces_inside == 0 && segment::ends_with_role(c.content(chain[i - 1])))) &&
          name_gap(c.content(chain[i - 1]), c.content(chain[i])))
        ub.emit_space(l.content.start);
      ub.add_line(l, l.content.start, e, policy);
    }
    u.shape = shape;
    u.break_before = first_k == 0 ? BreakKind::kBlock : result.decisions[first_k - 1].kind;
    if (u.break_before == BreakKind::kJoin) u.break_before = BreakKind::kBlock;  // an intrusion
    u.first_line = c.nb[first_k];
    u.last_line = c.nb[last_k];
    u.column_width = c.width_of[first_k];
    // The width its own lines were set to (RepairedUnit::own_width). Not
    // where full-width ASCII was mapped in it: a mapped character's anchor
    // is synthetic, so a line of nothing else is none of the unit's lines
    // in its source map, and segmentation's walk of the map (the measure
    // of record) skips it.
    if (shape == UnitShape::kBody && result.fullwidth_mapped == mapped_before) take_own_width(c, chain, u);
    u.span = {first.content.start, tail.first != std::string_view::npos
                                       ? static_cast<std::uint32_t>(tail.second)
                                       : last_line.content.end};
    if (u.text.empty() && shape != UnitShape::kLabel) result.units.pop_back();
    if (tail.first != std::string_view::npos) {
      RepairedUnit& t = result.units.emplace_back();
      UnitBuilder tb{src, result, options, t.text, 0, 0, c.reference};
      tb.add_line(last_line, tail.first, last_line.content.end, SpacePolicy::kShort);
      t.shape = UnitShape::kTail;
      t.break_before = BreakKind::kBlock;
      t.first_line = t.last_line = c.nb[last_k];
      t.column_width = c.width_of[last_k];
      std::uint32_t tail_end = last_line.content.end;
      if (c.tail_wraps[last_k]) {
        // The byline goes on at the next line, and from there along its own
        // chain (it may wrap again: names over two more lines).
        std::string_view before = c.text.substr(tail.first, last_line.content.end - tail.first);
        for (std::int64_t j = static_cast<std::int64_t>(last_k + 1); j >= 0; j = next[static_cast<std::size_t>(j)]) {
          const std::size_t jj = static_cast<std::size_t>(j);
          const LineInfo& more = c.at(jj);
          tb.join_lines(more, more.content.start);
          // Between two names a space, inside a name cut in two none.
          if (name_gap(before, c.content(jj))) tb.emit_space(more.content.start);
          tb.add_line(more, more.content.start, more.content.end, SpacePolicy::kShort);
          t.last_line = c.nb[jj];
          tail_end = more.content.end;
          before = c.content(jj);
        }
      }
      t.span = {static_cast<std::uint32_t>(tail.first), tail_end};
    }
  }
  if (streams.found) result.decisions = decisions_in_page_order(c, result.decisions, result.rows_read);
  return result;
}

std::string render_units(const RepairResult& result) {
  // Room for all of it up front (each unit's text, its line end and a blank
  // line before a block): grown as it came, the page's text was copied over
  // and over (more than half of the rendering's instructions).
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < result.units.size(); ++i)
    bytes += result.units[i].text.size() + 1 + (i > 0 && result.units[i].break_before == BreakKind::kBlock);
  std::string out;
  out.reserve(bytes);
  for (std::size_t i = 0; i < result.units.size(); ++i) {
    const RepairedUnit& u = result.units[i];
    if (i > 0 && u.break_before == BreakKind::kBlock) out += '\n';
    out += u.text.text();
    out += '\n';
  }
  return out;
}

std::string render_explain(std::string_view src, const RepairResult& result) {
  std::string out =
      "# line, w = its width and W = its column's width in display columns (punctuation squeezed: " +
      std::string(result.squeeze ? "yes" : "no") + ")" +
      (result.blank_line_spacing ? ",\n# a blank line after nearly every line: one blank line of each gap is line spacing" : "") +
      ",\n# . = ends a sentence, s = letter-spaced, d = doubled glyphs; then the decision on the break after it\n";
  std::vector<const JoinDecision*> after(result.lines.size(), nullptr);
  std::vector<std::uint16_t> col_of(result.lines.size(), 0);
  for (const JoinDecision& d : result.decisions) {
    after[d.line] = &d;
    col_of[d.line] = d.column_width;
    col_of[d.next_line] = d.next_column_width;
  }
  char buf[128];
  for (std::size_t i = 0; i < result.lines.size(); ++i) {
    const LineInfo& l = result.lines[i];
    if (l.blank) continue;
    const JoinDecision* d = after[i];
    std::snprintf(buf, sizeof buf, "%5u  w=%3d W=%3u %s%s%s  ", l.physical + 1, adjusted_width(l, result.squeeze),
                  col_of[i], l.ends_sentence ? "." : " ", l.letter_spaced ? "s" : " ",
                  l.doubled ? "d" : " ");
    out += buf;
    out += src.substr(l.content.start, l.content.end - l.content.start);
    out += '\n';
    if (d) {
      std::snprintf(buf, sizeof buf, "       %s %-10s %s", d->kind == BreakKind::kJoin ? "  " : "--",
                    break_kind_name(d->kind), break_reason_name(d->reason));
      out += buf;
      if (result.lines[d->next_line].blanks_before > 0) {
        std::snprintf(buf, sizeof buf, " (across %u blank)", result.lines[d->next_line].blanks_before);
        out += buf;
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace huozi::repair
