// Line repair: every line break of a page becomes a join (a hard wrap inside a
// paragraph), a paragraph break, or a block break (a discontinuity: heading,
// byline, label, another article), each with a reason code. The result is a
// list of repaired units (paragraphs and short lines) with source maps, and the
// characters repair removed (doubled glyphs, line-end hyphens), so that
// nothing is lost.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "huozi/model.hpp"
#include "huozi/repair/line.hpp"
#include "huozi/segment/byline.hpp"
#include "huozi/text/mapped_text.hpp"

namespace huozi::repair {

enum class BreakKind : std::uint8_t { kJoin, kParagraph, kBlock };
const char* break_kind_name(BreakKind kind) noexcept;

// Why a line break got its kind. Stable names (see reason_name) appear in
// `huozi repair --explain` and the Python API.
enum class BreakReason : std::uint8_t {
  kWrap,                 // previous line fills the column and the sentence goes on
  kWrapAcrossBlank,      // same, across blank lines: a column break
  kWrapShortUnfinished,  // previous line is short but ends mid-clause (，)
  kSentenceEndShort,     // previous line ends a sentence and stops short: paragraph end
  kNextIndented,         // previous line is full and ends a sentence; next is a first line (2 em short, or
                         // wrapped early before a number or word a full line would have held)
  kIndentPreserved,      // next line starts with an indent the extractor kept
  kSentenceEndContinues, // previous full line ends a sentence, next is full too
  kBlankAfterSentence,   // a blank line after a sentence end, on a page whose blanks mark paragraphs
  kFullLineContinues,    // a full line ends a sentence, no blank: paragraph goes on
  kShortLineBefore,      // previous line is short and unpunctuated (title, byline, kicker…)
  kShortLineAfter,       // next line is short and unpunctuated
  kPageBreak,            // a form feed
  kLabel,                // a faux-bold photo label or symbol-only line
  kGluedTail,            // previous line ends with a byline glued after its last sentence
  kCaptionEnd,           // previous line ends with a caption marker （图①）
  kBylineLine,           // a line that is a byline (通讯员 侯宪锋 张巍) stands alone
  kSubtitleLine,         // a subtitle line (——…) stands alone
  kJumpLine,             // a jump line （下转第2版） stands alone
  kFirstLineContinues,   // a paragraph's first line (2 em short) ends a sentence, a full line follows
  kFurnitureLine,        // a page header or footer line (责任编辑：…, 13 综合) stands alone
  kCaptionStart,         // next line starts a photo caption (图为…)
  kIntrusion,            // a foreign line inside a paragraph: set aside, the paragraph rejoined around it
  kUnwrappedText,        // the page is not hard-wrapped: a line that ends a sentence ends its paragraph
  kColumnJump,           // the paragraph goes on further down, after lines of another column or article
  kColumnChange,         // a paragraph ends and the next line is set in another column width: another article
  kCaptionCredit,        // a photo credit line （…摄） closes the caption above it
  kBrokenOffMarks,       // next line holds only closing marks (” ） 。”) broken off the line above
  kShortLineWrapped,     // a heading, subtitle or byline wrapped in a narrow column: the next line holds its rest
  kGluedTailWrapped,     // a byline glued after the last sentence goes on over the next line
  kInterleavedColumn,    // the extractor read the columns row by row: the next line is another column's
  kRunTogetherColumns,   // one printed line held the lines of two columns side by side: split between them
  kBulletStart,          // next line starts with a bullet (● ◆ ▲ ★): an item starts, nothing runs on into it
  kStretchedLineContinues,  // a sentence end among characters stretched down a column one a line: the printed line goes on
  kEndMark,              // an article's end mark （完） closes its line (or, on a line of its own, the paragraph above): what follows is another block
};
const char* break_reason_name(BreakReason reason) noexcept;

// The decision for the break after line `line` (an index into lines).
struct JoinDecision {
  std::uint32_t line = 0;       // the earlier line
  std::uint32_t next_line = 0;  // the next non-blank line
  BreakKind kind = BreakKind::kJoin;
  BreakReason reason = BreakReason::kWrap;
  std::uint16_t column_width = 0;  // estimated column width at the earlier line
  std::uint16_t next_column_width = 0;
};

// What a unit looks like; segmentation decides what it is.
enum class UnitShape : std::uint8_t {
  kBody,       // running text: one or more joined lines with punctuation
  kShortLine,  // a short unpunctuated line: title, kicker, subheading, byline
  kTail,       // a short tail split off the end of a paragraph line (glued byline)
  kLabel,      // a symbol-only or doubled label line (①①)
  kFurniture,  // a page header or footer line (责任编辑：…, 13 综合, masthead)
  kJump,       // a jump line: （下转第2版）, （上接第1版）
};
const char* unit_shape_name(UnitShape shape) noexcept;

struct RepairedUnit {
  text::MappedText text;  // the repaired text with its source map
  Span span;              // source range the unit covers
  UnitShape shape = UnitShape::kBody;
  BreakKind break_before = BreakKind::kBlock;  // how it follows the previous unit
  // The width a body unit's own lines were set to, taken while its lines
  // are at hand (segmentation tells columns apart by it, and reading every
  // unit's lines again there was its costliest memory traffic): own_lines is
  // the number of inner lines (not the first nor the last) among its first
  // ten, own_width the widest of them by adjusted_width(); both 0 for fewer
  // than three lines or lines not of one column (see own_column_width()).
  // own_lines -1: not taken (units of other shapes, a body unit whose lines
  // are not in page order or that has full-width ASCII mapped); segmentation
  // measures it from the source map. (In the struct's padding: no larger.)
  std::int8_t own_lines = -1;
  std::uint32_t first_line = 0;
  std::uint32_t last_line = 0;
  std::uint16_t column_width = 0;
  std::uint16_t own_width = 0;
};

struct Removal {
  std::string text;
  Span span;
  const char* reason;  // "doubled_glyph", "line_end_hyphen"
};

// Whether repair puts columns read row by row (pdftotext's default mode)
// back into their columns before deciding breaks (see interleave.hpp).
enum class Deinterleave : std::uint8_t {
  kOff,   // never: the lines are read in the page's order
  kAuto,  // where a cheap look at the page (worth_deinterleaving) finds signs of it
  kOn,    // every page gets the full test, which reads every character again
          // (about 40 % of repair's time on pages that are not interleaved)
};

struct RepairOptions {
  bool fullwidth_ascii = false;  // map full-width ASCII (ＡＢＣ１２３) to ASCII
  Deinterleave deinterleave = Deinterleave::kAuto;
};

// A byline repair read on a line of its own while telling the lines' roles:
// the text it read (the line without an end mark) and the names
// segment::parse_byline_names() read in it. Segmentation reads a byline
// unit with the same text by this record instead of parsing it again (the
// same reading of the same text gives the same names; the text is compared
// whole, so a unit that is not that line word for word is parsed).
struct LineByline {
  std::uint32_t text_at = 0, text_size = 0;    // in RepairResult::byline_texts
  std::uint32_t names_at = 0, name_count = 0;  // in RepairResult::byline_names
};

struct RepairResult {
  std::vector<LineInfo> lines;
  std::vector<JoinDecision> decisions;  // one per pair of consecutive non-blank lines
  std::vector<RepairedUnit> units;
  std::vector<Removal> removals;
  std::uint32_t fullwidth_mapped = 0;   // characters changed by fullwidth_ascii
  bool squeeze = false;                 // widths measured with squeezed (half-width) punctuation
  // A blank line after nearly every line (MuPDF on loosely leaded text): one
  // blank line of every gap is line spacing and is not counted as a break.
  bool blank_line_spacing = false;
  // Some decision is interleaved_column: the extractor read columns row by
  // row and repair put them back (pdftotext's default mode). Segmentation
  // asks it of every page: a flag, not a scan of the decisions.
  bool rows_read = false;
  // The bylines read on lines of their own (see LineByline), their texts
  // one after another, and their names (roles and offsets in those texts).
  std::vector<LineByline> line_bylines;
  std::string byline_texts;
  std::vector<segment::BylineNameAt> byline_names;
};

// text must be valid UTF-8: huozi::repair_text() and parse_text() (pipeline.hpp)
// check it first and answer other bytes with an error; given other bytes,
// repair_page stays in bounds but its result is unspecified.
RepairResult repair_page(std::string_view text, const RepairOptions& options = {});

// `huozi repair` output: one unit per line, a blank line between blocks.
std::string render_units(const RepairResult& result);
// `huozi repair --explain` output: each line with its measurements and decision.
std::string render_explain(std::string_view text, const RepairResult& result);

namespace detail {
// For a test of bounded memory: the bytes repair keeps on the calling thread
// from one page to the next (its per-thread scratch vectors, by capacity).
// A page that grows one of them past its cap (256 KB; 4 MB for the column
// pass's costs) gives it back when it is done.
std::size_t scratch_bytes() noexcept;
}  // namespace detail

}  // namespace huozi::repair
