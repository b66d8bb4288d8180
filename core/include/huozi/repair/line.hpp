// LineInfo: what repair measures on each physical line before deciding
// anything: where its content is, how wide it is in display columns, how it
// starts and ends. Computed in one pass over the bytes.
#pragma once

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <utility>
#include <string_view>
#include <vector>

#include "huozi/model.hpp"

namespace huozi::repair {

struct LineInfo {
  Span line;                  // the whole line, without its line terminator
  Span content;               // first to last non-space, non-ignorable byte
  std::uint32_t width = 0;    // display columns of content (spaces count 1)
  std::uint32_t ink = 0;      // display columns of content without spaces
  std::uint32_t chars = 0;    // non-space characters
  std::uint16_t indent = 0;   // display columns of leading white space
  std::uint16_t blanks_before = 0;  // blank lines between this and the previous non-blank line
  bool blank = true;
  bool page_break_before = false;  // a form feed between this and the previous non-blank line
  bool ends_sentence = false;      // 。！？… (closers and a trailing （图①） allowed after)
  bool has_sentence_punct = false; // any 。！？… inside
  bool has_clause_punct = false;   // any ，、；：
  bool has_paren = false;          // round brackets （）(): running text, rarely a headline
  bool letter_spaced = false;      // a space between (nearly) every two characters
  bool doubled = false;            // faux bold: every glyph printed twice (①①, 坚坚持持)
  bool caption_end = false;        // ends with a caption marker: （图①） （圖2）
  // (The byte-wide fields sit together, here and at the end: 80 bytes a line,
  // not 88 with padding; segmentation reads the lines of every unit again.)
  std::uint8_t trailing_punct = 0;  // display width of the wide closing marks ending the line (up to 2; they may hang)
  bool han_gap = false;             // a space between two Han characters (headline phrases, names)
  bool split_body = false;          // the body half of a line split off a headline: never a heading
  std::uint32_t spaces_inside = 0; // space runs between content characters
  std::uint32_t wide_punct = 0;    // full-width punctuation: often set half width (squeezed)
  std::uint32_t narrow = 0;        // half-width letters and digits: their printed width varies
  // A short unpunctuated tail glued after the last sentence (`…答卷。 通讯员 侯宪锋`):
  // the kept part ends at head_end, the tail starts at tail_start. 0 if none.
  std::uint32_t head_end = 0;
  std::uint32_t tail_start = 0;
  bool has_tail() const noexcept { return tail_start > 0; }
  // A headline sharing the baseline with a body line: the headline ends at
  // split_at, the body resumes at split_resume. 0 if no such gap.
  std::uint32_t split_at = 0;
  std::uint32_t split_resume = 0;
  std::uint32_t physical = 0;  // index of the physical line (split lines share it)
  // Display width of what the line starts with that a typesetter cannot
  // break or leave at the end of the line before: a number or Latin word
  // (2001, 92.7%, WTO), an opening bracket or quote. A line followed by
  // such a start may have been wrapped early by that much.
  std::uint16_t unbreakable_start = 0;
  // No space and no ignorable character inside the content: repair may copy
  // it (or any part of it) as it is, without looking at each character.
  bool verbatim = false;
  // A digit in the content, ASCII or full width (０-９): page numbers.
  bool has_digit = false;

  friend bool operator==(const LineInfo&, const LineInfo&) = default;
};

// The width repair decides with, in display columns. Letter-spaced lines
// count their ink only; faux-bold lines half their width. On pages typeset
// with squeezed punctuation (common in Chinese layout) a full-width mark
// takes half its width, so the measure counts it as one column (repair_page
// picks the measure that makes the page's wrapped lines most even). A mark
// ending the line may hang in the margin: half of it does not count.
inline int effective_width(const LineInfo& l) {
  if (l.doubled) return static_cast<int>(l.width / 2);
  return static_cast<int>(l.letter_spaced ? l.ink : l.width);
}
inline int adjusted_width(const LineInfo& l, bool squeeze) {
  int w = effective_width(l);
  if (squeeze) w -= static_cast<int>(l.wide_punct);
  if (l.trailing_punct && !squeeze) w -= 1;
  return w;
}

// The width of the column a body paragraph was set to, measured on its own
// lines (width(i): adjusted_width() of line i < n, its first lines in order,
// at most kOwnWidthLines): the widest of the inner ones (not the first,
// which may be indented, nor the last, which stops where the paragraph
// does), and
// the number of inner lines. {0, 0} for fewer than three lines, or where
// the lines are not one column's: a third of them stop short, or the widest
// is far from repair's estimate (column_width; text extracted in layout mode
// puts columns side by side on one line). Repair takes it for each body
// unit (RepairedUnit::own_width), segmentation where repair did not.
constexpr std::size_t kOwnWidthLines = 10;
template <class WidthAt>
std::pair<int, int> own_column_width(std::size_t n, WidthAt width, int column_width) {
  if (n < 3) return {0, 0};
  // The inner lines' widths, read once each, and the widest. (Past the inner
  // lines, a width no line is short of: the short ones are counted below
  // over all the entries, a loop of a fixed count; a loop to the last inner
  // line ended where the processor could not guess, once a paragraph.)
  std::array<int, kOwnWidthLines - 2> inner_widths;  // (line i at i - 1)
  inner_widths.fill(INT_MAX);
  int w = 0;
  for (std::size_t i = 1; i + 1 < n; ++i) {
    const int x = width(i);
    inner_widths[i - 1] = x;
    w = std::max(w, x);
  }
  const int inner = static_cast<int>(n - 2);
  constexpr int kFarFromColumn = 8;
  if (std::abs(w - column_width) > kFarFromColumn) return {0, 0};
  int short_lines = 0;
  for (const int x : inner_widths) short_lines += x < w - 2;
  if (short_lines * 3 > inner) return {0, 0};
  return {w, inner};
}

// Splits text into lines (\n, \r\n, \r; \f also ends a line and marks a page
// break) and measures each one.
std::vector<LineInfo> scan_lines(std::string_view text);

// Whether text ends with a photo's marker, （图①） （圖2） (图3): a caption.
// (LineInfo::caption_end is this, asked of a line's content.)
bool ends_with_photo_marker(std::string_view text);

// The length in bytes of the article's end mark that text ends with, （完）
// or （全文完） (or with half-width brackets); 0 if none. Wire copy closes an
// article with one: text after it is another article's. (Inline, the last
// byte first: asked of every paragraph and short line, ） ends in 0x89 and
// few other characters do.)
inline std::size_t end_mark_length(std::string_view text) {
  if (text.empty() || (text.back() != '\x89' && text.back() != ')')) return 0;
  for (std::string_view mark : {"（完）", "(完)", "（全文完）", "(全文完)"})
    if (text.ends_with(mark)) return mark.size();
  return 0;
}

// text without the end mark that closes it, （记者 周九）（完） -> （记者 周九）;
// a text that is the mark alone, or has none, as it is.
inline std::string_view without_end_mark(std::string_view text) {
  const std::size_t mark = end_mark_length(text);
  return mark < text.size() ? text.substr(0, text.size() - mark) : text;
}

// Whether text closes with an article's end mark that ends it: the mark
// alone, or after a sentence end, a closing mark or a bracket (…提高了。（完）,
// …（记者 周九）（完）); not one quoted in running text (…好消息（完）。”).
bool closes_with_end_mark(std::string_view text);

// A byline set on one baseline with a line of running text, the byline
// first (pdftotext: a byline at the foot of one column beside a line of the
// next, 通讯员 甲 乙 正执法创造良好的…): text[begin, end) opens with a role word
// (a marker may come first), names and role words follow, each a word of its
// own, and a word that is no name nor role word comes after them (a mark or
// a digit in it, or four Han characters or more). Returns the gap before
// that word, {start, end}, or {0, 0}.
std::pair<std::size_t, std::size_t> byline_before_text(std::string_view text, std::size_t begin, std::size_t end);

// Measures the content of [begin, end) as one line (no line terminators inside).
LineInfo measure_line(std::string_view text, std::size_t begin, std::size_t end);

// measure_line() one character at a time, same results: the oracle of the tests.
namespace reference {
LineInfo measure_line(std::string_view text, std::size_t begin, std::size_t end);
}

namespace detail {
// For the oracle tests: while set on a thread, repair on that thread takes
// the plain reference version of each of its fast paths (measuring lines,
// copying line text, the column-width pass), so that whole results can be
// compared. Off by default; nothing else sets it. (A function, not an extern
// thread_local: GCC's UBSan misreads stores to one from another translation
// unit.)
bool reference_paths() noexcept;
void set_reference_paths(bool on) noexcept;
// For the oracle tests too: while off on a thread, repair on that thread
// takes its SSE2 version of a pass that has an AVX2 one (the column-width
// pass) even where the processor has AVX2. On by default.
bool avx2_paths() noexcept;
void set_avx2_paths(bool on) noexcept;
}  // namespace detail

// measure_line(), or its reference while detail::reference_paths() is set.
inline LineInfo measure_line_or_reference(std::string_view text, std::size_t begin, std::size_t end) {
  return detail::reference_paths() ? reference::measure_line(text, begin, end) : measure_line(text, begin, end);
}

}  // namespace huozi::repair
