// De-interleaving (see interleave.hpp). Three steps:
//   1. every non-blank line gets a period K (1 = the page's own order): the
//      line under line j - K in its column. A Viterbi pass over K = 1..8
//      charges each line for how badly it follows line j - K (a line wider
//      than the column, a paragraph's first line under a wrapped line, a
//      full line under a paragraph's end, two clause marks across the
//      break...), credits it for signs that it goes on from it (a word of the
//      page broken over the two lines, a quote left open above and closed
//      here), and charges a change of period and a little for any K > 1, so
//      that the page's order wins unless the evidence for interleaving is
//      strong (per stretch and for the page);
//   2. lines wider than the page's columns that fall into column-wide
//      pieces at their spaces are two (or three) columns' lines run
//      together: step 1 runs with them split, they stay split where they
//      lie in a stretch read with K > 1, and step 1 runs again;
//   3. each line is linked to line j - K, and the columns (chains of links)
//      are laid out one after the other.
#include "huozi/repair/interleave.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "huozi/text/chars.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi::repair {
namespace {

constexpr int kMaxPeriod = 8;
// Costs of the period pass, in units of one clear break of column order.
constexpr float kPeriodSwitch = 2.0f;  // the period changes (a column starts or ends)
constexpr float kPeriodStep = 1.2f;  // per column, inside an interleaved stretch
constexpr float kInterleavedPrior = 0.02f;  // per line read with K > 1
// A stretch read with K > 1 must explain the page this much better than the
// page's order does (in the same units), or it is read in page order.
constexpr float kMinSaving = 4.0f;
constexpr std::size_t kMinStretch = 6;  // lines
// The gate of the period pass (see looks_interleaved).
constexpr float kWordsApartShare = 0.22f;
constexpr float kMinEvidenceInOrder = 4.0f;
// Of the saving, this much must be evidence that only columns read row by
// row explain (see FollowCost).
constexpr float kMinSpecific = 3.0f;
constexpr float kMinPageSaving = 7.0f;  // all stretches of a page together
constexpr float kMinPageSavingTight = 5.0f;  // the same on a tightly leaded page (see choose_periods)
constexpr float kMinPageSavingPerLine = 0.1f;  // or this much per line on a short page
constexpr float kFullAfterEnd = 0.6f;  // see follow_cost
constexpr float kPairBonus = 0.7f;  // see follow_cost
constexpr float kParagraphBonus = 0.5f;  // see follow_cost
constexpr float kWordBonus = 1.0f;  // see follow_cost
// A link K > 1 across a blank line on a page with few blank lines (see
// follow_cost): one clear break of column order. Few: fewer than this share
// of its lines have a blank line before them.
constexpr float kAcrossBlock = 1.0f;
constexpr float kRareBlocks = 0.3f;

// What the period pass needs to know about a line.
struct LineShape {
  int width = 0;
  bool body = false;    // running text: punctuation, brackets or a long line
  bool open = false;    // running text that stops mid-sentence
  bool closed = false;  // ends a sentence (or with a glued byline)
  bool punct = false;   // has clause or sentence punctuation: surely running text
  // Starts with a clause or sentence mark or a closing quote or bracket:
  // it goes on with a sentence begun on the line above it in its column.
  bool starts_continuation = false;
  bool starts_mark = false;  // starts with a clause or sentence mark (，。、；：！？)
  bool ends_mark = false;    // ends with one
  // Quotes and brackets (“” （） 《》): the line leaves one open at its end,
  // or closes one it did not open (one opened on a line above in its column).
  bool leaves_open = false;
  bool closes_unopened = false;
  bool pair_marks = false;  // has any of those marks
  char32_t first_han = 0;   // the first character if it is a Han character, else 0
  char32_t last_han = 0;    // the last character if it is a Han character, else 0
  char32_t first_han2 = 0;  // the second character if the first two are Han characters, else 0
  char32_t last_han2 = 0;   // the one before the last if the last two are Han characters, else 0
  // Bit K - 1: the last character of line j - K and the first of this line,
  // two Han characters, stand side by side somewhere inside a line of the
  // page (see PageBigrams).
  std::uint8_t word_across = 0;
  bool run_piece = false;  // a later piece of a line split by run_together_cuts
  // Gaps of blank lines (or form feeds) before it on the page: the lines
  // between two gaps are one block of the extractor's; and whether the page
  // has few such gaps (see follow_cost).
  std::uint32_t block = 0;
  bool blocks_rare = false;
  // A blank line printed before it, counted before one blank line of each
  // gap is dropped as line spacing (repair's blank_line_spacing); and
  // whether most of the page's lines have one: loose leading, where
  // pdftotext sets every row of the columns off by itself.
  bool blank_above = false;
  bool rows_spaced = false;
  bool spaced = false;  // has a space inside (a page header's fields)
  std::uint32_t page = 0;  // form feeds before the line: columns do not go on across pages
};

// Han characters as PageBigrams counts them: CJK Unified Ideographs and
// Extension A (three bytes in UTF-8); narrower than text::is_han on purpose.
bool page_bigram_han(char32_t cp) { return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF); }

// The Han character at bytes[at] (see page_bigram_han), or 0 for any other; at moves
// past it.
char32_t han_at(const unsigned char* bytes, std::size_t& at, std::size_t end) {
  const unsigned char c = bytes[at];
  if (c >= 0xE0 && c < 0xF0 && at + 2 < end) {
    const char32_t cp = static_cast<char32_t>((c & 0x0F) << 12 | (bytes[at + 1] & 0x3F) << 6 | (bytes[at + 2] & 0x3F));
    at += 3;
    return page_bigram_han(cp) ? cp : 0;
  }
  at += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return 0;
}

// leaves_open and closes_unopened of a line's content t. The marks are all
// three bytes in UTF-8: “ ” E2 80 9C/9D, 《 》 E3 80 8A/8B, （ ） EF BC 88/89.
void mark_pairs(std::string_view t, LineShape& s) {
  std::array<int, 3> depth{};  // quotes, book title marks, brackets
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  for (std::size_t i = 0; i < t.size();) {
    const unsigned char a = p[i];
    // One character at a time (by its lead byte); only three lead bytes
    // can start one of the marks.
    const std::size_t len = a < 0x80 ? 1 : a < 0xE0 ? 2 : a < 0xF0 ? 3 : 4;
    if ((a == 0xE2 || a == 0xE3 || a == 0xEF) && i + 2 < t.size()) {
      const unsigned char b = p[i + 1], c = p[i + 2];
      int kind = -1;
      bool opening = false;
      if (a == 0xE2 && b == 0x80 && (c == 0x9C || c == 0x9D)) { kind = 0; opening = c == 0x9C; }
      else if (a == 0xE3 && b == 0x80 && (c == 0x8A || c == 0x8B)) { kind = 1; opening = c == 0x8A; }
      else if (a == 0xEF && b == 0xBC && (c == 0x88 || c == 0x89)) { kind = 2; opening = c == 0x88; }
      if (kind >= 0) {
        s.pair_marks = true;
        int& d = depth[static_cast<std::size_t>(kind)];
        if (opening) ++d;
        else if (d > 0) --d;
        else s.closes_unopened = true;
      }
    }
    i += len;
  }
  s.leaves_open = depth[0] > 0 || depth[1] > 0 || depth[2] > 0;
}

LineShape shape_of(std::string_view text, const LineInfo& l, bool squeeze) {
  LineShape s;
  s.width = adjusted_width(l, squeeze);
  s.body = l.has_sentence_punct || l.has_clause_punct || l.has_paren || l.chars >= 6;
  s.closed = l.ends_sentence || l.has_tail();
  s.punct = l.has_sentence_punct || l.has_clause_punct;
  s.open = s.body && !s.closed;
  if (l.content.end > l.content.start) {
    const std::string_view t = text.substr(l.content.start, l.content.end - l.content.start);
    const auto* bytes = reinterpret_cast<const unsigned char*>(t.data());
    std::size_t at = 0;
    s.first_han = han_at(bytes, at, t.size());
    if (s.first_han && at < t.size()) s.first_han2 = han_at(bytes, at, t.size());
    const auto f = text::char_flags(text::decode_at(t, 0).cp);
    s.starts_continuation = (f & (text::kClausePunct | text::kSentenceEnd | text::kClosing)) != 0 && l.chars > 3;
    s.starts_mark = (f & (text::kClausePunct | text::kSentenceEnd)) != 0;
    std::size_t last = t.size() - 1;
    while (last > 0 && (static_cast<unsigned char>(t[last]) & 0xC0) == 0x80) --last;
    const auto fl = text::char_flags(text::decode_at(t, last).cp);
    at = last;
    s.last_han = han_at(bytes, at, t.size());
    if (s.last_han && last > 0) {
      std::size_t before = last - 1;
      while (before > 0 && (static_cast<unsigned char>(t[before]) & 0xC0) == 0x80) --before;
      at = before;
      s.last_han2 = han_at(bytes, at, last);
    }
    s.ends_mark = (fl & (text::kClausePunct | text::kSentenceEnd)) != 0;
  }
  return s;
}

// The pairs of Han characters that stand side by side inside the lines of
// the page: the page's own vocabulary. A line break inside a word leaves the
// word's halves at the end of one line and the start of the next; where the
// two characters also stand together elsewhere on the page, the lines most
// likely go on from each other (on the PDF dev pages: 29 % of a column's
// line breaks, 1.6 % of breaks between lines of two columns). An
// open-addressing hash set, filled in one pass over the page.
class PageBigrams {
 public:
  PageBigrams(std::string_view text, const std::vector<LineInfo>& lines, const std::vector<std::uint32_t>& nb) {
    std::size_t bytes = 0;
    for (std::uint32_t i : nb) bytes += lines[i].content.end - lines[i].content.start;
    // At most one pair per three bytes: the table stays at most 2/3 full.
    std::size_t size = 64;
    while (size * 2 < bytes) size *= 2;
    slots_.assign(size, 0);
    const auto* page = reinterpret_cast<const unsigned char*>(text.data());
    for (std::uint32_t i : nb) {
      // A byte loop (this reads every character of the page): three-byte
      // characters are decoded in place, anything else only skipped.
      char32_t prev = 0;
      const std::size_t end = lines[i].content.end;
      for (std::size_t at = lines[i].content.start; at < end;) {
        const unsigned char c = page[at];
        if (c >= 0xE0 && c < 0xF0 && at + 2 < end) {
          const char32_t cp = static_cast<char32_t>((c & 0x0F) << 12 | (page[at + 1] & 0x3F) << 6 | (page[at + 2] & 0x3F));
          at += 3;
          if (page_bigram_han(cp)) {
            if (prev) insert(key(prev, cp));
            prev = cp;
            continue;
          }
        } else {
          at += c < 0x80 ? 1 : c < 0xE0 ? 2 : 4;
        }
        prev = 0;
      }
    }
  }
  bool contains(char32_t a, char32_t b) const {
    if (!a || !b) return false;
    const std::uint32_t k = key(a, b);
    for (std::size_t h = hash(k);; h = (h + 1) & (slots_.size() - 1)) {
      if (slots_[h] == k) return true;
      if (slots_[h] == 0) return false;
    }
  }

 private:
  // Han characters (see han_at) lie in U+3400..U+9FFF: 16 bits each above
  // U+3400; never 0 as a key.
  static std::uint32_t key(char32_t a, char32_t b) {
    return (static_cast<std::uint32_t>(a - 0x3400) << 16 | static_cast<std::uint32_t>(b - 0x3400)) + 1;
  }
  std::size_t hash(std::uint32_t k) const {
    return static_cast<std::size_t>((k * 0x9E3779B1u) >> 8) & (slots_.size() - 1);
  }
  void insert(std::uint32_t k) {
    for (std::size_t h = hash(k);; h = (h + 1) & (slots_.size() - 1)) {
      if (slots_[h] == k) return;
      if (slots_[h] == 0) { slots_[h] = k; return; }
    }
  }
  std::vector<std::uint32_t> slots_;
};

// A word of the language broken over two lines: ICU's dictionary word
// break (the CJK dictionary, locale zh; ICU is linked for the tokenizer)
// run over the last two Han characters of one line and the first two of the
// other puts no boundary between the lines. The page's own pairs (see
// PageBigrams) miss the words the page uses once; the dictionary knows them:
// on the MuPDF pages of the PDF dev set (lines in order) ICU finds a word
// across 43 % of a column's line breaks and across 2.3 % of the breaks
// between two unrelated lines (the page's pairs: 29 % and 1.6 %). Either
// sign counts. Looked up per pair of lines at most once (memo), and only on
// pages sent to the full test.
icu::BreakIterator* word_breaker() {
  static std::mutex clone_mutex;
  static const std::unique_ptr<icu::BreakIterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status)) it.reset();
    return it;
  }();
  thread_local std::unique_ptr<icu::BreakIterator> mine;
  if (!mine && prototype) {
    std::lock_guard<std::mutex> lock(clone_mutex);
    mine.reset(prototype->clone());
  }
  return mine.get();
}

// The dictionary's answers for one page, by the characters asked about
// (shared by the passes over the page and its lines split or not).
class DictionaryWords {
 public:
  // Does a word of the dictionary go on from the end of line p to the start
  // of line b?
  bool across(const LineShape& p, const LineShape& b) const {
    auto code = [](char32_t c) -> std::uint64_t { return c ? static_cast<std::uint64_t>(c - 0x3400 + 1) : 0; };
    const std::uint64_t key = code(p.last_han2) << 48 | code(p.last_han) << 32 | code(b.first_han) << 16 | code(b.first_han2);
    auto [it, fresh] = memo_.try_emplace(key, false);
    if (fresh) it->second = dictionary_word_across(p, b);
    return it->second;
  }

 private:
  static bool dictionary_word_across(const LineShape& p, const LineShape& b) {
    icu::BreakIterator* breaker = word_breaker();
    if (!breaker) return false;
    // Han characters of U+3400..U+9FFF: one UTF-16 unit each.
    char16_t u[4];
    int n = 0;
    if (p.last_han2) u[n++] = static_cast<char16_t>(p.last_han2);
    u[n++] = static_cast<char16_t>(p.last_han);
    const int junction = n;
    u[n++] = static_cast<char16_t>(b.first_han);
    if (b.first_han2) u[n++] = static_cast<char16_t>(b.first_han2);
    // (The iterator keeps a reference to the string: it must outlive the
    // question.)
    const icu::UnicodeString pair(u, n);
    breaker->setText(pair);
    return !breaker->isBoundary(junction);
  }
  mutable std::unordered_map<std::uint64_t, bool> memo_;
};

class WordsAcross {
 public:
  WordsAcross(const PageBigrams& bigrams, const DictionaryWords& dictionary)
      : bigrams_(bigrams), dictionary_(dictionary) {}
  // Does a word go on from the end of line p to the start of line b?
  bool across(const LineShape& p, const LineShape& b) const {
    if (!p.last_han || !b.first_han) return false;
    if (bigrams_.contains(p.last_han, b.first_han)) return true;
    // The dictionary is asked only about running text that stops
    // mid-sentence, set with no space inside: a page header's fields or a
    // head end no wrapped word (星期三 over a column's 村委会… is no 三村).
    if (!p.open || p.spaced) return false;
    return dictionary_.across(p, b);
  }

 private:
  const PageBigrams& bigrams_;
  const DictionaryWords& dictionary_;
};

std::vector<LineShape> shapes_of(std::string_view text, const std::vector<LineInfo>& lines,
                                 const std::vector<std::uint32_t>& nb, const std::vector<std::uint32_t>& origin,
                                 bool squeeze) {
  std::vector<LineShape> out;
  out.reserve(nb.size());
  std::uint32_t page = 0, block = 0;
  std::size_t spaced_rows = 0;
  for (std::size_t q = 0; q < nb.size(); ++q) {
    const std::uint32_t i = nb[q];
    page += lines[i].page_break_before;
    block += lines[i].blanks_before > 0 || lines[i].page_break_before;
    out.push_back(shape_of(text, lines[i], squeeze));
    out.back().page = page;
    out.back().block = block;
    out.back().run_piece = i > 0 && origin[i] == origin[i - 1];
    out.back().spaced = lines[i].spaces_inside > 0;
    out.back().blank_above = q > 0 && lines[i].physical > lines[nb[q - 1]].physical + 1;
    spaced_rows += out.back().blank_above;
  }
  const bool rare = static_cast<float>(block) < kRareBlocks * static_cast<float>(out.size());
  const bool rows_spaced = 2 * spaced_rows >= out.size();
  for (LineShape& x : out) {
    x.blocks_rare = rare;
    x.rows_spaced = rows_spaced;
  }
  return out;
}

// Words broken over two lines (see PageBigrams and WordsAcross): word_across
// of every line, for every period. On loosely leaded pages (rows set off)
// the period pass keeps to the page's own pairs: there the dictionary's
// words, many more of them in the columns' rows, made the pass read a page's
// header and heads into the first stretch (the Viterbi pass starts a
// stretch at the page's first line without paying for a change of period),
// and the columns' first row went wrong (one repair case of our own; PDF
// dev sets: loosely leaded pdftotext pages gained no more with them). The
// stream pass asks the dictionary on every page.
void add_words_across(std::string_view text, const std::vector<LineInfo>& lines, const std::vector<std::uint32_t>& nb,
                      const DictionaryWords& dictionary, std::vector<LineShape>& shapes) {
  const PageBigrams page_pairs(text, lines, nb);
  const WordsAcross words(page_pairs, dictionary);
  for (std::size_t j = 0; j < shapes.size(); ++j)
    for (std::size_t k = 1; k <= kMaxPeriod && k <= j; ++k)
      if (shapes[j].rows_spaced ? page_pairs.contains(shapes[j - k].last_han, shapes[j].first_han)
                                : words.across(shapes[j - k], shapes[j]))
        shapes[j].word_across |= static_cast<std::uint8_t>(1u << (k - 1));
}

// Quotes and brackets left open and closed: the pair marks of every line.
void add_pair_marks(std::string_view text, const std::vector<LineInfo>& lines, const std::vector<std::uint32_t>& nb,
                    std::vector<LineShape>& shapes) {
  for (std::size_t j = 0; j < nb.size(); ++j) {
    const LineInfo& l = lines[nb[j]];
    mark_pairs(text.substr(l.content.start, l.content.end - l.content.start), shapes[j]);
  }
}

// The column width a line j read with period K is set in: the median width
// of the lines above it in its column (up to three) that stop mid-sentence
// and have punctuation (wrapped lines fill their column; a paragraph's first
// line, 2 em short, or a heading has none as often as not), and of the
// lines below it where fewer than two above tell. A median, not the widest:
// read with the wrong period these are other columns' lines. 0 when none
// tells.
int column_around(const std::vector<LineShape>& s, std::size_t j, int period) {
  std::array<int, 6> ws{};
  std::size_t n = 0;
  for (int back = 1; back <= 3; ++back) {
    const std::size_t step = static_cast<std::size_t>(period * back);
    if (step <= j && s[j - step].open && s[j - step].punct) ws[n++] = s[j - step].width;
  }
  // The lines below only where those above do not tell (the top of a
  // column): below, the column may have ended and others go on.
  for (int ahead = 1; ahead <= 3 && n < 2; ++ahead) {
    const std::size_t step = static_cast<std::size_t>(period * ahead);
    if (j + step < s.size() && s[j + step].open) ws[n++] = s[j + step].width;
  }
  if (n == 0) return 0;
  for (std::size_t i = 1; i < n; ++i)  // insertion sort of at most six
    for (std::size_t k = i; k > 0 && ws[k - 1] > ws[k]; --k) std::swap(ws[k - 1], ws[k]);
  return ws[n / 2];
}

// Does the text above line j in its column (read with period K) leave a
// quote or bracket open? Looked at over two lines: a quote often runs over
// more than one.
bool open_above(const std::vector<LineShape>& s, std::size_t j, int period) {
  const std::size_t k = static_cast<std::size_t>(period);
  if (k > j) return false;
  const LineShape& p = s[j - k];
  if (p.leaves_open) return true;
  return !p.pair_marks && 2 * k <= j && s[j - 2 * k].leaves_open;
}

// How badly line j reads as the line under line j - K of its column: all
// told, and the part of it that only columns read row by row explain (a line
// wider than the column above it, a paragraph's first line under a wrapped
// line, the second piece of a run-together line under the first), which
// text in the page's order rarely shows.
struct FollowCost {
  float all = 0.0f;
  float specific = 0.0f;
};

// A paragraph's first line in a column `col` wide: 2 em short of it (its
// indent dropped). running_first_line: one that goes on (stops
// mid-sentence), not a piece of a run-together line.
bool two_em_short(const LineShape& x, int col) { return col - x.width >= 3 && col - x.width <= 6; }
bool running_first_line(const LineShape& x, int col) { return x.open && !x.run_piece && two_em_short(x, col); }

// How badly line b reads as the line under line p of its column, a column
// `col` wide (0: not known); in_order: p is the line just before b in the
// page; open_above: the text above b in its column leaves a quote or bracket
// open; word_across: a word of the page is broken over the two lines.
FollowCost follow_cost_from(const LineShape& p, const LineShape& b, int col, bool in_order, bool open_above,
                            bool word_across) {
  FollowCost c;
  if (p.page != b.page) {
    c.all = 3.0f;
    return c;
  }
  auto charge = [&c](float x, bool specific) {
    c.all += x;
    if (specific) c.specific += x;
  };
  if (in_order && b.run_piece) charge(1.0f, true);
  if (col > 0) {
    if (b.width > col + 3) {
      // Wider than the column: another column's line, when the line above
      // surely wrapped (a new article after a heading may be set wider).
      charge(p.open && p.punct ? 1.0f : 0.3f, p.open && p.punct);
    } else if (b.open) {
      const bool full = b.width >= col - 2;
      const bool first_line = two_em_short(b, col);
      // A wrapped line goes on from a line that did not end its paragraph:
      // after a sentence end short of the column comes a paragraph's first
      // line (where first lines lose their indent; not everywhere).
      if (full && p.closed && p.width < col - 2) charge(kFullAfterEnd, false);
      // A paragraph's first line follows a paragraph's end, not a wrapped line.
      if (first_line && p.open && p.width >= col - 2) charge(1.0f, true);
      // And it does follow one: a paragraph's end, then the next one's first line.
      if (first_line && p.closed && p.width < col - 2) charge(-kParagraphBonus, true);
      if (b.width < col - 6) charge(0.3f, false);
    }
  }
  if (b.starts_continuation && p.closed) charge(0.5f, false);
  // Two clause or sentence marks never meet across a line break (，/。).
  if (b.starts_mark && p.ends_mark) charge(1.0f, true);
  // A quote or bracket left open above is closed here: the lines go on
  // with each other (a bonus: it tells the right line above from others).
  if (b.closes_unopened && open_above) charge(-kPairBonus, true);
  // A word of the page broken over the two lines.
  if (word_across) charge(-kWordBonus, true);
  // A heading (short, unpunctuated) does not interrupt a sentence.
  if (p.open && !b.body) charge(0.5f, false);
  return c;
}

FollowCost follow_cost(const std::vector<LineShape>& s, std::size_t j, int period) {
  if (static_cast<std::size_t>(period) > j) {
    FollowCost c;
    c.all = 0.5f;  // no line that far above: no evidence either way
    return c;
  }
  FollowCost c = follow_cost_from(s[j - static_cast<std::size_t>(period)], s[j], column_around(s, j, period),
                                  period == 1, open_above(s, j, period), (s[j].word_across & (1u << (period - 1))) != 0);
  // pdftotext's default mode sets a blank line after each block of text it
  // finds. Where leading is loose, every line is a block and columns come
  // out row by row across the page, blank lines between all rows; where it
  // is tight, only the columns it takes for one block (two side by side, of
  // articles whose lines fall between each other's) come out interleaved,
  // with no blank line inside, and the blank lines part the blocks (heads,
  // bylines, other columns) from each other. There a line is not under a
  // line K > 1 above it in another block: the columns read row by row do not
  // reach into the heads stacked above them.
  if (period > 1 && s[j].blocks_rare && s[j].block != s[j - static_cast<std::size_t>(period)].block) c.all += kAcrossBlock;
  // Where blank lines are many (loose leading, every row a block of its
  // own), lines set with no blank line between them are a block pdftotext
  // found in one column (a head over its first line, the rest of a
  // paragraph under a subheading): the line goes on from the line before
  // it or starts a paragraph, never goes on from a line K > 1 rows above
  // (on the PDF dev pages: 274 and 133 times, and never).
  if (period > 1 && s[j].rows_spaced && !s[j].blank_above && !s[j].run_piece) c.all += kAcrossBlock;
  return c;
}

// What a change of period from `from` to `to` costs. Inside an interleaved
// stretch a column starts or ends, one at a time: the period steps by one,
// cheaply. Starting or ending the stretch (period 1) is dearer.
float switch_cost(int from, int to) {
  if (from == to) return 0.0f;
  if (from == 1 || to == 1) return kPeriodSwitch;
  return std::min(kPeriodSwitch, kPeriodStep * static_cast<float>(std::abs(from - to)));
}

// Is the page worth the period pass? In text read in order, a word of the
// page is broken over two consecutive lines far more often than over two
// lines further apart (1 in 4 breaks against 1 in 60); columns read row by
// row break words over lines K apart instead. And the lines read in order
// show evidence only interleaved columns explain (the specific costs of
// period 1), a few rows of it in one stretch. Either sign will do; most
// pages show neither and are left as they are, at the cost of one pass
// over their characters.
bool looks_interleaved(const std::vector<LineShape>& s) {
  std::array<int, kMaxPeriod> words{};
  for (const LineShape& x : s)
    for (int k = 0; k < kMaxPeriod; ++k) words[static_cast<std::size_t>(k)] += (x.word_across >> k) & 1;
  const int apart = *std::max_element(words.begin() + 1, words.end());
  if (static_cast<float>(apart) >= kWordsApartShare * static_cast<float>(std::max(words[0], 1))) return true;
  // The most specific cost of period 1 in any kWindow consecutive lines.
  constexpr std::size_t kWindow = 24;
  std::vector<float> at(s.size(), 0.0f);
  float sum = 0.0f, most = 0.0f;
  for (std::size_t j = 1; j < s.size(); ++j) {
    at[j] = follow_cost(s, j, 1).specific;
    sum += at[j];
    if (j >= kWindow) sum -= at[j - kWindow];
    most = std::max(most, sum);
  }
  return most >= kMinEvidenceInOrder;
}

// Per line, the period it is read with (step 1).
std::vector<std::uint8_t> choose_periods(const std::vector<LineShape>& s) {
  const std::size_t n = s.size();
  std::vector<std::uint8_t> period(n, 1);
  if (n < kMinStretch) return period;
  // Each line's cost under each period, looked up by the pass and by the
  // test of its stretches.
  std::vector<FollowCost> costs(n * kMaxPeriod);
  for (std::size_t j = 0; j < n; ++j)
    for (int k = 0; k < kMaxPeriod; ++k) costs[j * kMaxPeriod + static_cast<std::size_t>(k)] = follow_cost(s, j, k + 1);
  auto cost = [&](std::size_t j, int period) -> const FollowCost& {
    return costs[j * kMaxPeriod + static_cast<std::size_t>(period - 1)];
  };
  std::vector<std::uint8_t> back(n * kMaxPeriod, 0);
  std::array<float, kMaxPeriod> prev{}, cur{};
  for (int k = 0; k < kMaxPeriod; ++k) prev[k] = cost(0, k + 1).all + (k > 0 ? kInterleavedPrior : 0.0f);
  for (std::size_t j = 1; j < n; ++j) {
    int best_prev = 0;
    for (int q = 1; q < kMaxPeriod; ++q) if (prev[q] < prev[best_prev]) best_prev = q;
    for (int k = 0; k < kMaxPeriod; ++k) {
      // Keep the period, or come from another one: from the best one at
      // the full price, or a step from a neighbour (the only ones that can
      // be cheaper, see switch_cost).
      float best = prev[k];
      std::uint8_t from = static_cast<std::uint8_t>(k);
      auto consider = [&](int q) {
        const float via = prev[q] + switch_cost(q + 1, k + 1);
        if (via < best) { best = via; from = static_cast<std::uint8_t>(q); }
      };
      consider(best_prev);
      if (k > 0) consider(k - 1);
      if (k + 1 < kMaxPeriod) consider(k + 1);
      back[j * kMaxPeriod + static_cast<std::size_t>(k)] = from;
      cur[k] = best + cost(j, k + 1).all + (k > 0 ? kInterleavedPrior : 0.0f);
    }
    prev = cur;
  }
  int k = 0;
  for (int q = 1; q < kMaxPeriod; ++q) if (prev[q] < prev[k]) k = q;
  for (std::size_t j = n; j-- > 0;) {
    period[j] = static_cast<std::uint8_t>(k + 1);
    if (j > 0) k = back[j * kMaxPeriod + static_cast<std::size_t>(k)];
  }
  // Stretches read with K > 1 that do not explain the page clearly better
  // than its own order are read in its order.
  float page_saving = 0.0f;
  for (std::size_t a = 0; a < n;) {
    if (period[a] == 1) { ++a; continue; }
    std::size_t e = a;
    while (e < n && period[e] > 1) ++e;
    float saving = 0.0f, specific = 0.0f;
    for (std::size_t j = a; j < e; ++j) {
      const FollowCost& in_order = cost(j, 1);
      const FollowCost& in_columns = cost(j, period[j]);
      saving += in_order.all - in_columns.all - kInterleavedPrior;
      specific += in_order.specific - in_columns.specific;
    }
    if (e - a < kMinStretch || saving < kMinSaving || specific < kMinSpecific)
      for (std::size_t j = a; j < e; ++j) period[j] = 1;
    else
      page_saving += saving;
    a = e;
  }
  // And the page as a whole must be clearly read row by row: one short
  // stretch of evidence on a long page is more often a run of short items.
  // On a tightly leaded page pdftotext's default mode reads row by row only
  // the columns it took for one block (see follow_cost), so one stretch, one
  // block, is often all the evidence the page has: less is asked there (PDF
  // dev set: 3 more default-mode pages put back, none lost). Loosely leaded
  // pages (rows set off) keep the full bar: there a lone stretch that weak
  // was read into the wrong columns as often as not.
  const float page_needs = std::min(s[0].rows_spaced ? kMinPageSaving : kMinPageSavingTight,
                                    kMinPageSavingPerLine * static_cast<float>(n));
  if (page_saving < page_needs) std::fill(period.begin(), period.end(), std::uint8_t{1});
  return period;
}

// Offsets (into the line's content) where a run-together line is cut: at
// each run of spaces with at least two characters' width on either side.
std::vector<std::uint32_t> column_gaps(std::string_view text, const LineInfo& l) {
  std::vector<std::uint32_t> cuts;
  const std::string_view t = text.substr(l.content.start, l.content.end - l.content.start);
  int left = 0;  // display width since the last cut
  for (std::size_t i = 0; i < t.size();) {
    const auto d = text::decode_at(t, i);
    if (d.cp == U' ') {
      std::size_t e = i;
      while (e < t.size() && t[e] == ' ') ++e;
      // The width to the right, to the next space or the end.
      int right = 0;
      for (std::size_t r = e; r < t.size() && t[r] != ' ';) {
        const auto dr = text::decode_at(t, r);
        right += text::char_flags(dr.cp) & text::kWide ? 2 : 1;
        r += dr.len;
      }
      if (left >= 4 && right >= 4) {
        cuts.push_back(static_cast<std::uint32_t>(l.content.start + i));
        cuts.push_back(static_cast<std::uint32_t>(l.content.start + e));
        left = 0;
      }
      i = e;
      continue;
    }
    left += text::char_flags(d.cp) & text::kWide ? 2 : 1;
    i += d.len;
  }
  return cuts;
}

// The column widths of the page: the widths that at least 3 (and 5 %) of
// the lines that stop mid-sentence (wrapped lines, which fill their column)
// and have no space inside have, give or take a column.
class ColumnWidths {
 public:
  ColumnWidths(const std::vector<LineInfo>& lines, bool squeeze) {
    for (const LineInfo& l : lines) {
      if (l.blank || l.ends_sentence || l.spaces_inside > 0 || l.chars < 4) continue;
      if (!(l.has_clause_punct || l.has_sentence_punct || l.chars >= 6)) continue;
      const int w = adjusted_width(l, squeeze);
      if (w <= 0 || w > kMaxWidth) continue;
      ++count_[static_cast<std::size_t>(w)];
      ++total_;
      widest_counted_ = std::max(widest_counted_, w);
    }
  }
  bool common(int w) const {
    if (w < 2 || w > kMaxWidth) return false;
    const int near = count_[static_cast<std::size_t>(w - 1)] + count_[static_cast<std::size_t>(w)] +
                     count_[static_cast<std::size_t>(w + 1)];
    return near >= 3 && near * 20 >= total_;
  }
  // The widest column width, 0 if none.
  int widest() const {
    for (int w = std::min(kMaxWidth, widest_counted_ + 1); w >= 2; --w)
      if (common(w)) return w;
    return 0;
  }

 private:
  static constexpr int kMaxWidth = 256;
  std::array<int, kMaxWidth + 2> count_{};
  int total_ = 0;
  int widest_counted_ = 0;  // no width above it (and its neighbour) is common
};

// Where line l, wider than the widest column `col` of the page, is cut into
// the lines of two (or three) columns run together (see column_gaps); empty
// if it is not such a line. unpunctuated_ok: the pieces may all lack
// punctuation if each has six characters or more (two wrapped lines of
// running text often have none between them; a page header's fields, which
// the punctuation keeps out, are shorter). The cheap look
// (worth_deinterleaving) keeps asking for punctuation; the full test asks
// for it only of the page (its periods), and keeps a line split only inside
// a stretch read row by row.
std::vector<std::uint32_t> run_together_cuts_of(std::string_view text, const LineInfo& l, const ColumnWidths& widths,
                                                int col, bool squeeze, bool unpunctuated_ok) {
  std::vector<std::uint32_t> cuts = column_gaps(text, l);
  if (cuts.empty()) return cuts;
  // Each piece fits a column and has a few characters; a piece with a
  // piece after it is a column's line: a full one (a common width of the
  // page) or a paragraph's last (a sentence end); the first is running
  // text (not a page header's fields), and some piece has punctuation
  // (or, with unpunctuated_ok, every piece is long).
  bool fits = true, punct = false, long_pieces = true;
  std::uint32_t from = l.content.start;
  for (std::size_t c = 0; c <= cuts.size() && fits; c += 2) {
    const bool last = c == cuts.size();
    const std::uint32_t to = last ? l.content.end : cuts[c];
    const LineInfo piece = measure_line_or_reference(text, from, to);
    const bool punctuated = piece.has_clause_punct || piece.has_sentence_punct;
    const int w = adjusted_width(piece, squeeze);
    fits = w <= col + 3 && piece.chars >= 3 && (c > 0 || punctuated || piece.chars >= 6) &&
           (last || piece.ends_sentence || widths.common(w));
    punct = punct || punctuated;
    long_pieces = long_pieces && piece.chars >= 6 && !piece.has_tail();
    if (!last) from = cuts[c + 1];
  }
  if (!(fits && (punct || (unpunctuated_ok && long_pieces)))) cuts.clear();
  return cuts;
}

// A line that may hold two columns' lines run together: wider than the
// widest column of the page (col), with a space inside.
bool may_run_together(const LineInfo& l, int col, bool squeeze) {
  return !l.blank && l.spaces_inside > 0 && adjusted_width(l, squeeze) > col + 3;
}

// Lines wider than the widest column of the page, with spaces inside at
// which they fall into pieces no wider than a column: the lines of two or
// three columns printed on one baseline, run together. Per line, the offsets
// where it is cut (see column_gaps); empty for the others.
std::vector<std::vector<std::uint32_t>> run_together_cuts(std::string_view text, const std::vector<LineInfo>& lines,
                                                          bool squeeze) {
  std::vector<std::vector<std::uint32_t>> cuts_of(lines.size());
  const ColumnWidths widths(lines, squeeze);
  const int col = widths.widest();
  if (col == 0) return cuts_of;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (may_run_together(lines[i], col, squeeze))
      cuts_of[i] = run_together_cuts_of(text, lines[i], widths, col, squeeze, true);
  return cuts_of;
}

// The lines with the lines that have cuts split at them (the pieces share
// the physical line); origin: per line of the result, the line it comes from.
std::vector<LineInfo> split_lines(std::string_view text, const std::vector<LineInfo>& lines,
                                  const std::vector<std::vector<std::uint32_t>>& cuts_of,
                                  std::vector<std::uint32_t>& origin) {
  std::vector<LineInfo> out;
  out.reserve(lines.size() + 16);
  origin.clear();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const LineInfo& l = lines[i];
    const auto& cuts = cuts_of[i];
    if (cuts.empty()) {
      out.push_back(l);
      origin.push_back(static_cast<std::uint32_t>(i));
      continue;
    }
    std::uint32_t from = l.content.start;
    for (std::size_t c = 0; c <= cuts.size(); c += 2) {
      const std::uint32_t to = c < cuts.size() ? cuts[c] : l.content.end;
      LineInfo piece = measure_line_or_reference(text, from, to);
      piece.physical = l.physical;
      if (c == 0) {
        piece.blanks_before = l.blanks_before;
        piece.page_break_before = l.page_break_before;
      }
      out.push_back(piece);
      origin.push_back(static_cast<std::uint32_t>(i));
      if (c + 1 < cuts.size()) from = cuts[c + 1];
    }
  }
  return out;
}

// Step 3 inside the stretches read with K > 1: each line is given to a
// column stream. One period per stretch cannot follow rows whose number of
// lines changes (a column ends, or a heading or a blank takes its place for
// a row); the streams can. Left to right over the lines, keeping the open
// streams in the order of their columns (each with its last line and
// column width), each line goes under some stream's last line: it costs how
// well it reads there (follow_cost_from, with the stream's own column
// width), less a little where that is the line the period pass links it
// to, plus some for each column of the row it skips; or it opens a stream.
// A stream skipped in a row or two running has ended. Where a line goes is
// rarely clear from the line alone (a wrapped line reads as well under any
// wrapped line): a few readings of the stretch are kept at each line (a
// beam), and the cheapest at the stretch's end is taken. Lines × readings ×
// open streams (all bounded), nothing read twice. Per line, the line above
// it in its stream, or -1 (the lines read with K = 1 are left to the
// caller).
// Costs of the stream pass, in the units of follow_cost.
constexpr float kStreamSkip = 1.0f;  // per column of a row a line skips
constexpr float kStreamAgree = 0.3f;  // the link the period pass chose
constexpr float kStreamOpen = 2.0f;  // a column starts inside the stretch
constexpr float kStreamWider = 0.7f;  // a line wider than the stream's column
// A paragraph's first line under another's first line that goes on (see
// extend_reading).
constexpr float kStreamFirstUnderFirst = 1.0f;
// Skipping a stream whose last line does not stop mid-sentence costs this much less
// than kStreamSkip (see extend_reading).
constexpr float kStreamSkipEnded = 0.5f;
// A stream left at the stretch's end with a last line that stops
// mid-sentence and no line under it (see stream_links).
constexpr float kStreamDangling = 1.5f;
// A later piece of a run-together line put left of the piece before it, once
// a run-together line has set the columns' order (see extend_reading).
constexpr float kStreamPieceLeft = 6.0f;
// A stream skipped this many rows running has ended: once after a sentence
// end (a paragraph, and often an article, ended there), twice after a line
// that stops mid-sentence.
constexpr int kStreamMissesEnded = 1;
constexpr int kStreamMissesOpen = 2;
// Readings of a stretch kept at each line (see stream_links).
constexpr std::size_t kStreamBeam = 8;

struct Stream {
  std::size_t last = 0;  // its last line
  std::int64_t before_last = -1;
  std::array<int, 3> widths{};  // of its last (up to 3) wrapped lines with punctuation
  int counted = 0;
  int misses = 0;  // rows running it got no line in
};

// The median of the stream's wrapped lines' widths, 0 when none.
int stream_column(const Stream& t) {
  if (t.counted == 0) return 0;
  std::array<int, 3> w = t.widths;
  const int n = std::min(t.counted, 3);
  for (int i = 1; i < n; ++i)  // insertion sort of at most three
    for (int k = i; k > 0 && w[static_cast<std::size_t>(k - 1)] > w[static_cast<std::size_t>(k)]; --k)
      std::swap(w[static_cast<std::size_t>(k - 1)], w[static_cast<std::size_t>(k)]);
  return w[static_cast<std::size_t>(n / 2)];
}

void stream_add(Stream& t, const std::vector<LineShape>& s, std::size_t j) {
  t.before_last = static_cast<std::int64_t>(t.last);
  t.last = j;
  t.misses = 0;
  if (s[j].open && s[j].punct) t.widths[static_cast<std::size_t>(t.counted++ % 3)] = s[j].width;
}

Stream stream_from(const std::vector<LineShape>& s, std::size_t j) {
  Stream t;
  t.last = j;
  if (s[j].open && s[j].punct) t.widths[static_cast<std::size_t>(t.counted++)] = s[j].width;
  return t;
}

// One reading of a stretch so far: its open streams in the order of their
// columns, the stream of the last line, and what the reading costs.
struct StreamReading {
  std::array<Stream, kMaxPeriod> streams{};
  std::size_t count = 0;
  std::size_t cur = 0;
  float cost = 0.0f;
  std::uint32_t parent = 0;  // its reading one line before (in the beam)
  std::int64_t above = -1;   // the line it put the last line under (-1: a new stream)
  // A run-together line has set the left-to-right order of the streams.
  bool ordered = false;
  // The last line was a later piece of a run-together line: the order is
  // set only once that whole line is read (its third piece may still move).
  bool in_run = false;
  // The streams (by their last line) that the pieces of the current line
  // so far skipped (see extend_reading).
  std::array<std::size_t, kMaxPeriod> row_skipped{};
  std::size_t row_skipped_count = 0;
  bool row_skipped_has(std::size_t last) const {
    for (std::size_t q = 0; q < row_skipped_count; ++q)
      if (row_skipped[q] == last) return true;
    return false;
  }
  bool same_as(const StreamReading& o) const {
    if (count != o.count || cur != o.cur) return false;
    for (std::size_t i = 0; i < count; ++i)
      if (streams[i].last != o.streams[i].last) return false;
    return true;
  }
};

// The readings of line j from reading r: under each open stream's last line,
// or opening a stream; appended to out.
void extend_reading(const StreamReading& r, std::uint32_t from, const std::vector<LineShape>& s, std::size_t j,
                    std::size_t k, const WordsAcross& words, std::vector<StreamReading>& out) {
  const std::size_t m = r.count;
  // reorder: the chosen stream, left of the previous piece's, moves right of
  // it (see below).
  auto emit = [&](std::size_t chosen, float step, bool reorder) {
    StreamReading x = r;
    x.parent = from;
    x.cost = r.cost + step;
    x.ordered = r.ordered || (r.in_run && !s[j].run_piece);
    x.in_run = s[j].run_piece;
    // The columns of the row it skips got no line.
    const std::size_t target = chosen == m ? r.cur + 1 : chosen;
    if (!s[j].run_piece) x.row_skipped_count = 0;
    if (!reorder)
      for (std::size_t i = (r.cur + 1) % m; i != target % m && i != chosen; i = (i + 1) % m) {
        ++x.streams[i].misses;
        if (x.row_skipped_count < kMaxPeriod) x.row_skipped[x.row_skipped_count++] = x.streams[i].last;
      }
    if (chosen == m) {
      for (std::size_t i = m; i > target; --i) x.streams[i] = x.streams[i - 1];
      x.streams[target] = stream_from(s, j);
      ++x.count;
      x.above = -1;
      chosen = target;
    } else {
      x.above = static_cast<std::int64_t>(x.streams[chosen].last);
      stream_add(x.streams[chosen], s, j);
      if (reorder) {
        const Stream moved = x.streams[chosen];
        for (std::size_t i = chosen; i < r.cur; ++i) x.streams[i] = x.streams[i + 1];
        x.streams[r.cur] = moved;
        chosen = r.cur;
      }
    }
    // Streams skipped in a few rows running have ended.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < x.count; ++i) {
      const Stream& t = x.streams[i];
      if (i != chosen && t.misses >= (s[t.last].open ? kStreamMissesOpen : kStreamMissesEnded)) continue;
      if (i == chosen) x.cur = kept;
      x.streams[kept++] = x.streams[i];
    }
    x.count = kept;
    out.push_back(x);
  };
  for (std::size_t i = 0; i < m; ++i) {
    const Stream& t = r.streams[i];
    const LineShape& p = s[t.last];
    const bool open_above =
        p.leaves_open || (!p.pair_marks && t.before_last >= 0 && s[static_cast<std::size_t>(t.before_last)].leaves_open);
    // A stream's first lines often start a paragraph, 2 em short: until
    // it has two wrapped lines, its column is read as the period pass does.
    const int col = t.counted >= 2 ? stream_column(t) : column_around(s, j, static_cast<int>(k));
    float c = follow_cost_from(p, s[j], col, t.last + 1 == j, open_above, words.across(p, s[j])).all;
    // Wider than the stream's own wrapped lines: another column's line,
    // whatever the line above (follow_cost_from trusts a width only under
    // a wrapped line, the period pass's column being a guess).
    if (t.counted > 0 && s[j].width > stream_column(t) + 3 && !(p.open && p.punct)) c += kStreamWider;
    // A paragraph's first line that goes on wraps onto a line filling its
    // column, not onto another paragraph's first line.
    if (col > 0 && running_first_line(p, col) && running_first_line(s[j], col)) c += kStreamFirstUnderFirst;
    // As in the period pass (see follow_cost): on a tightly leaded page a
    // column read row by row does not reach into another of pdftotext's
    // blocks (blank lines part them), and on a loosely leaded one a line
    // set with no blank line above it goes on from the line before it, not
    // from a line further up.
    if (t.last + 1 != j) {
      if (s[j].blocks_rare && s[j].block != p.block) c += kAcrossBlock;
      if (s[j].rows_spaced && !s[j].blank_above && !s[j].run_piece) c += kAcrossBlock;
    }
    // pdftotext runs together the lines of columns that share a baseline,
    // left to right, while the lines set alone come in the order of their
    // baselines, which for columns set a little apart need not be the
    // columns' order. So the pieces of a line go into streams left to right
    // (a later piece right of the piece before it, line j - 1 in stream
    // cur); the streams' order is only assumed from the lines before the
    // stretch, which may start mid-row: the first run-together line sets it
    // (the stream moves right of the previous piece's, nothing skipped);
    // after that a piece put left of the previous one is dear. And the
    // pieces are one row, not one line of the row after another: a stream
    // skipped by an earlier piece of the line and taken by a later one was
    // not skipped.
    const bool leftward = s[j].run_piece && i <= r.cur;
    const bool reorder = leftward && !r.ordered && i < r.cur;
    if (leftward && !reorder) c += kStreamPieceLeft;
    const std::size_t skipped = reorder ? 0 : i > r.cur ? i - r.cur - 1 : m - 1 - r.cur + i;
    c += kStreamSkip * static_cast<float>(skipped);
    // A column whose paragraph ended often has no line in the next row or
    // two (the space before its next paragraph or head, a caption's end):
    // skipping it is cheaper than skipping a column that stops mid-sentence,
    // so that a row's lines do not slide into the wrong columns there.
    if (!reorder)
      for (std::size_t q = (r.cur + 1) % m; q != i; q = (q + 1) % m)
        if (!s[r.streams[q].last].open) c -= kStreamSkipEnded;
    if (s[j].run_piece && r.row_skipped_has(t.last)) c -= kStreamSkip;
    if (t.last + k == j) c -= kStreamAgree;
    emit(i, c, reorder);
  }
  // A new stream: no line above, no evidence; dear, unless the period
  // pass reads more columns here than there are streams (a column starts).
  if (m < static_cast<std::size_t>(kMaxPeriod)) emit(m, k > m ? 0.5f - kStreamAgree : kStreamOpen + 0.5f, false);
}

// A line before a stretch that the period pass reads as some column's last,
// though it is no column's line: a head or the page's furniture (no
// punctuation, shorter than a paragraph's first line, which is 2 em short
// of the stretch's column, or a header's fields parted by spaces) stacked
// over the columns one to a row, as pdftotext's default mode sets a page
// header, a kicker and a title over columns it reads row by row. The
// columns start under the heads instead of going on from them.
bool stacked_head(const LineShape& x, int col) {
  return x.rows_spaced && !x.punct && (x.spaced || (col > 0 && x.width < col - 4));
}

std::vector<std::int64_t> stream_links(const std::vector<LineShape>& s, const std::vector<std::uint8_t>& period,
                                       const WordsAcross& words) {
  const std::size_t n = s.size();
  std::vector<std::int64_t> pred(n, -1);
  // Per line of the current stretch, the readings kept (the beam).
  std::vector<std::vector<StreamReading>> beams;
  std::size_t start = 0;  // the stretch's first line
  auto finish = [&]() {
    if (beams.empty()) return;
    // A stream whose last line stops mid-sentence goes on somewhere: at the
    // stretch's end only the stretch's last line can go on in the page's
    // order, so a reading that leaves another such line with no line under
    // it is charged for it (else a column's last lines, read alone after
    // the column beside it ended, may go under that column's end at the
    // period pass's link).
    const auto& last = beams.back();
    const std::size_t end = start + beams.size() - 1;
    auto final_cost = [&](const StreamReading& r) {
      float c = r.cost;
      for (std::size_t q = 0; q < r.count; ++q)
        if (r.streams[q].last != end && s[r.streams[q].last].open) c += kStreamDangling;
      return c;
    };
    std::size_t b = 0;
    for (std::size_t i = 1; i < last.size(); ++i)
      if (final_cost(last[i]) < final_cost(last[b])) b = i;
    for (std::size_t t = beams.size(); t-- > 0;) {
      const StreamReading& r = beams[t][b];
      pred[start + t] = r.above;
      b = r.parent;
    }
    beams.clear();
  };
  std::vector<StreamReading> next;
  for (std::size_t j = 0; j < n; ++j) {
    const std::size_t k = period[j];
    if (k == 1) { finish(); continue; }
    if (beams.empty()) {
      // A stretch starts: the K lines before it are the last lines of its
      // columns (as the period pass reads them).
      if (k > j) continue;
      const int col = column_around(s, j, static_cast<int>(k));
      if (stacked_head(s[j], col)) continue;  // a head opens no column: they start under it
      // Nor does a line above a head: the columns start under the heads
      // stacked over them, and what is set above those (the end of the
      // article before) is no column's line above.
      // (The stretch's column is a guess and may come out a little wide, so
      // that paragraphs' first lines with no mark in them, 2 em short, pass
      // for heads: a head is narrower than the first lines beside it, the
      // widest of the K lines that is running text stopping mid-sentence;
      // PDF dev set: one loosely leaded default-mode page, 4 more paragraphs
      // whole, generated pages unchanged.)
      int first_line_width = 0;
      for (std::size_t q = j - k; q < j; ++q)
        if (s[q].open && s[q].punct) first_line_width = std::max(first_line_width, s[q].width);
      std::size_t tops = j - k;
      for (std::size_t q = j - k; q < j; ++q)
        if (stacked_head(s[q], col) && (first_line_width == 0 || s[q].width + 2 <= first_line_width)) tops = q + 1;
      StreamReading r;
      for (std::size_t q = tops; q < j; ++q) r.streams[r.count++] = stream_from(s, q);
      start = j;
      next.clear();
      if (r.count == 0) {
        // Only heads above (or the lines set over the last of them): the
        // stretch's first line opens its column.
        r.streams[r.count++] = stream_from(s, j);
        beams.push_back({r});
        continue;
      }
      r.cur = r.count - 1;
      extend_reading(r, 0, s, j, k, words, next);
      // The tops are the K lines before the stretch as the period pass reads
      // it, but a column often starts in the page's order (pdftotext reads
      // a paragraph's first lines as a block of their own, then rows): tops
      // that go on from the top before them (a line stopping mid-sentence,
      // the next one reading well under it) are one column's. That reading
      // goes into the beam as well; what follows tells which is right.
      StreamReading merged;
      merged.streams[merged.count++] = r.streams[0];
      bool any = false;
      for (std::size_t q = 1; q < r.count; ++q) {
        const std::size_t a = r.streams[q - 1].last, b = r.streams[q].last;
        const LineShape& p = s[a];
        if (b == a + 1 && p.open && !s[b].run_piece &&
            follow_cost_from(p, s[b], col, true, p.leaves_open, words.across(p, s[b])).all <= 0.0f) {
          stream_add(merged.streams[merged.count - 1], s, b);
          any = true;
        } else {
          merged.streams[merged.count++] = r.streams[q];
        }
      }
      if (any) {
        merged.cur = merged.count - 1;
        extend_reading(merged, 0, s, j, k, words, next);
      }
    } else {
      next.clear();
      const auto& prev = beams.back();
      for (std::size_t i = 0; i < prev.size(); ++i) extend_reading(prev[i], static_cast<std::uint32_t>(i), s, j, k, words, next);
    }
    // Keep the cheapest few distinct readings.
    std::sort(next.begin(), next.end(), [](const StreamReading& x, const StreamReading& y) { return x.cost < y.cost; });
    std::vector<StreamReading> kept;
    for (const StreamReading& x : next) {
      if (kept.size() >= kStreamBeam) break;
      bool dup = false;
      for (const StreamReading& y : kept) dup = dup || y.same_as(x);
      if (!dup) kept.push_back(x);
    }
    beams.push_back(std::move(kept));
  }
  finish();
  return pred;
}

// The period pass often starts a stretch a line or a row late: the columns'
// first row (each a paragraph's first line, 2 em short, set under its head)
// and the row under it read in page order as well as any, so the K lines
// before the stretch, the tops of its columns as it reads them, are not
// the columns' first lines, and the lines above them are linked in page
// order, one column's first line over the next column's. A paragraph's first
// line that goes on wraps onto a line filling its column, never onto another
// paragraph's first line: K such lines running, no more than a row above the
// tops, are the columns' first row, and each is set over the line K lines
// down (as the stretch reads), where that line fills the column.
void link_first_row(const std::vector<LineShape>& s, const std::vector<std::uint8_t>& period, const WordsAcross& words,
                    std::vector<std::int64_t>& pred, std::vector<std::int64_t>& succ) {
  for (std::size_t j = 1; j < s.size(); ++j) {
    if (period[j] <= 1 || period[j - 1] > 1) continue;  // not a stretch's first line
    const std::size_t k = period[j];
    if (2 * k > j) continue;
    const int col = column_around(s, j, static_cast<int>(k));
    if (col <= 0) continue;
    auto goes_on = [&](std::size_t q) {
      const LineShape& p = s[q];
      const LineShape& b = s[q + k];
      return b.body && b.width >= col - 2 && b.width <= col + 3 && pred[q + k] < 0 &&
             follow_cost_from(p, b, col, false, p.leaves_open, words.across(p, b)).all <= 0.0f;
    };
    // The nearest first row a row or less above the tops.
    for (std::size_t r = j - k - 1;; --r) {
      bool row = true;
      for (std::size_t q = r; q < r + k && row; ++q) row = period[q] == 1 && running_first_line(s[q], col);
      for (std::size_t q = r; q < j - k && row; ++q) row = succ[q] < 0 && goes_on(q);
      if (row) {
        for (std::size_t q = r; q < j - k; ++q) {
          succ[q] = static_cast<std::int64_t>(q + k);
          pred[q + k] = static_cast<std::int64_t>(q);
        }
        break;
      }
      if (r == j - 2 * k) break;
    }
  }
}

// The period pass starts a stretch where the evidence for columns begins,
// which may be rows below the columns' top: under a row of paragraphs'
// first lines, rows of wrapped lines read as well in page order as in
// columns (a wrapped line reads as well under any wrapped line; where no
// word of the page is broken across and no marks meet, nothing tells), so
// nothing there asks for K > 1. But K paragraphs' first lines running,
// each stopping mid-sentence, are no text read in order (a first line that
// goes on wraps onto a line filling its column): they are the columns' first
// row. Where such a row stands a few rows above a stretch read with K, and
// every line between reads as well under the line K above it as under the
// line before it, the stretch starts under that row. Each stretch looks back
// at most kFirstRowReach rows.
constexpr std::size_t kFirstRowReach = 8;

void extend_to_first_row(const std::vector<LineShape>& s, std::vector<std::uint8_t>& period) {
  for (std::size_t j = 1; j < s.size(); ++j) {
    if (period[j] <= 1 || period[j - 1] > 1) continue;  // not a stretch's first line
    const std::size_t k = period[j];
    if (2 * k + 1 > j) continue;
    const int col = column_around(s, j, static_cast<int>(k));
    if (col <= 0) continue;
    // Walk up from the tops while the lines between read as well in
    // columns; r: the first of the K lines tested as the first row.
    std::size_t row = j;  // j: none found
    for (std::size_t r = j - k; r-- > 0 && j - r <= kFirstRowReach * k;) {
      const std::size_t between = r + k;  // now a line between the row and the stretch
      const LineShape& b = s[between];
      if (period[between] != 1 || !b.body || b.width > col + 3) break;
      if (follow_cost(s, between, static_cast<int>(k)).all > follow_cost(s, between, 1).all) break;
      bool first_row = true;
      for (std::size_t q = r; q < r + k && first_row; ++q) first_row = period[q] == 1 && running_first_line(s[q], col);
      if (first_row) { row = r; break; }
    }
    // None, or a row within a row of the tops (link_first_row links those).
    if (row == j || row + 2 * k > j) continue;
    for (std::size_t q = row + k; q < j; ++q) period[q] = static_cast<std::uint8_t>(k);
  }
}

// A page found read row by row somewhere may hold other stretches where
// nothing but their first row tells: the columns' first lines (each a
// paragraph's first line, 2 em short, stopping mid-sentence), then rows of
// wrapped lines that read as well in page order as in columns (where no word
// of the page is broken across a line and no marks meet, nothing tells), so
// the period pass keeps the page's order. K such first lines running are no
// text read in order (a first line that goes on wraps onto a line filling
// its column); where at least kRowsUnderFirstRow rows under them read at
// least as well under the line K above as under the line before (each line
// running text no wider than the column), they are read with K, down to
// the first line that reads worse. K from 4 down to 2 (the widest row
// first); a walk too short to count stops within kRowsUnderFirstRow rows,
// and one that counts is not walked again: linear in the lines.
constexpr std::size_t kRowsUnderFirstRow = 4;

void start_at_first_row(const std::vector<LineShape>& s, std::vector<std::uint8_t>& period) {
  const std::size_t n = s.size();
  for (std::size_t r = 1; r < n; ++r) {
    if (period[r] != 1 || period[r - 1] != 1) continue;
    for (std::size_t k = 4; k >= 2; --k) {
      if (r + k * (kRowsUnderFirstRow + 1) > n) continue;
      const int col = column_around(s, r + 2 * k, static_cast<int>(k));
      if (col <= 0) continue;
      bool first_row = true;
      for (std::size_t q = r; q < r + k && first_row; ++q)
        first_row = period[q] == 1 && running_first_line(s[q], col);
      if (!first_row) continue;
      std::size_t e = r + k;  // the first line that reads worse in columns
      while (e < n && period[e] == 1 && s[e].body && s[e].width <= col + 3 &&
             follow_cost(s, e, static_cast<int>(k)).all <= follow_cost(s, e, 1).all)
        ++e;
      if (e < r + k * (kRowsUnderFirstRow + 1)) continue;
      for (std::size_t q = r + k; q < e; ++q) period[q] = static_cast<std::uint8_t>(k);
      r = e;
      break;
    }
  }
}

// The period pass ends a stretch where the evidence for columns ends, which
// may be rows above the columns' end: rows of wrapped lines that read as well
// in page order as in columns tell nothing (see start_at_first_row). Where
// leading is loose, pdftotext's default mode sets every row of the columns
// off as a block of its own and reads the rows across the page down to the
// columns' end, so the stretch goes on while its lines (running text no wider
// than the column, no head: one after the columns opens what is set under
// all of them) read at least as well under the line K above as under the
// line before; where it is tight, what follows a stretch is as often a block
// read in the page's order, and the stretch ends where the evidence does.
void extend_stretch_ends(const std::vector<LineShape>& s, std::vector<std::uint8_t>& period) {
  for (std::size_t j = 1; j < s.size(); ++j) {
    if (period[j - 1] <= 1 || period[j] != 1 || !s[j].rows_spaced) continue;  // not a loose stretch's end
    const std::size_t k = period[j - 1];
    const int col = column_around(s, j, static_cast<int>(k));
    if (col <= 0) continue;
    std::size_t e = j;
    while (e < s.size() && period[e] == 1 && s[e].body && !stacked_head(s[e], col) && s[e].width <= col + 3 &&
           follow_cost(s, e, static_cast<int>(k)).all <= follow_cost(s, e, 1).all)
      period[e++] = static_cast<std::uint8_t>(k);
    j = e;
  }
}

bool any_interleaved(const std::vector<std::uint8_t>& period) {
  return std::any_of(period.begin(), period.end(), [](std::uint8_t k) { return k > 1; });
}

std::vector<std::uint32_t> nonblank(const std::vector<LineInfo>& lines) {
  std::vector<std::uint32_t> nb;
  nb.reserve(lines.size());
  for (std::uint32_t i = 0; i < lines.size(); ++i)
    if (!lines[i].blank) nb.push_back(i);
  return nb;
}

// Text whose running lines nearly all end a sentence is not hard-wrapped
// (repair's own output, one paragraph a line): there are no columns to read.
bool unwrapped(const std::vector<LineInfo>& lines, const std::vector<std::uint32_t>& nb) {
  std::size_t body = 0, open = 0;
  for (std::uint32_t i : nb) {
    const LineInfo& l = lines[i];
    if (!(l.has_sentence_punct || l.has_clause_punct)) continue;
    ++body;
    if (!l.ends_sentence && !l.has_tail()) ++open;
  }
  return body >= 3 && open * 4 < body;
}

// A paragraph's end, a wrapped line (punctuated, stopping mid-sentence)
// under it, and under that a line that reads as a paragraph's first line
// (running text stopping mid-sentence, 3 to 6 columns narrower than the
// wrapped line: its 2 em indent dropped), no blank line between them. Text
// in order hardly ever sets them so (after a paragraph's end come the next
// one's first line and then its wrapped lines): twice on a page, none of the
// 400 bench pages nor any MuPDF or -raw page of the PDF dev set (once: 26
// and 13). Two columns read row by row do, where one column's paragraph ends
// and the next starts a row lower beside the other column's running text:
// the end and the first line are one column's, the wrapped line between them
// the other's. pdftotext's default mode reads so the columns it takes for
// one block of a tightly leaded page, and they may share no baseline, so
// that no line runs together for the look below (see worth_deinterleaving).
// (A first line under a wrapped line alone, without the end above them, is
// no sign: ragged wrapping sets a short line under a full one on 177 of the
// 400 bench pages twice or more.)
bool end_wrapped_first_line(const LineInfo& end, const LineInfo& above, const LineInfo& l, bool squeeze) {
  if (!end.ends_sentence || above.blanks_before > 0 || l.blanks_before > 0) return false;
  auto open = [](const LineInfo& x) { return !x.ends_sentence && !x.has_tail() && x.spaces_inside == 0; };
  const bool wrapped = open(above) && (above.has_sentence_punct || above.has_clause_punct);
  // (A first line may have no punctuation yet; six characters or more are
  // running text all the same, as the period pass reads them.)
  const bool first = open(l) && (l.has_sentence_punct || l.has_clause_punct || l.chars >= 6);
  if (!wrapped || !first) return false;
  const int short_by = adjusted_width(above, squeeze) - adjusted_width(l, squeeze);
  return short_by >= 3 && short_by <= 6;
}

// Loose leading as pdftotext's default mode sets it: a blank line before
// most lines (as printed, before repair drops one of each gap as line
// spacing), each row of the columns a block of its own, but not before all
// (a block it found in one column, a head over its first line, comes out
// whole), and the rows often read across the columns without ever sharing
// a baseline (no lines run together for the look below). MuPDF sets a blank
// line after every line of loosely leaded text, read in order, and
// generated pages part paragraphs, not lines (under half of their lines
// have a blank line before them): neither is sent to the full test (of
// 5,200 generated pages none; on the PDF dev set 14 of the 21 loosely
// leaded pdftotext pages, 8 of which have no two lines run together, and 4
// of 78 MuPDF ones, where the full test finds nothing).
// What worth_deinterleaving() reads off the lines' measures in one pass.
struct RowLook {
  bool rows_set_off = false;           // the loose leading above
  std::size_t punctuated_spaced = 0;   // lines with punctuation and a space inside
  std::size_t end_wrapped_first = 0;   // see end_wrapped_first_line
};
RowLook look_at_rows(const std::vector<LineInfo>& lines, bool squeeze) {
  // Columns read row by row fill a page with rows: a short page of heads
  // and bylines parted by blank lines is no such page.
  constexpr std::size_t kMinPairs = 40;
  std::size_t pairs = 0, spaced = 0, punctuated_spaced = 0, end_wrapped_first = 0;
  const LineInfo* prev = nullptr;
  const LineInfo* before_prev = nullptr;
  for (const LineInfo& l : lines) {
    punctuated_spaced += l.spaces_inside > 0 && (l.has_sentence_punct || l.has_clause_punct);
    if (l.blank) continue;
    if (prev) {
      ++pairs;
      spaced += l.physical > prev->physical + 1;
      end_wrapped_first += before_prev && end_wrapped_first_line(*before_prev, *prev, l, squeeze);
    }
    before_prev = prev;
    prev = &l;
  }
  return {pairs >= kMinPairs && spaced * 10 >= pairs * 6 && spaced * 20 < pairs * 19, punctuated_spaced,
          end_wrapped_first};
}

// Paragraphs' ends with a wrapped line and a first line under them (see
// end_wrapped_first_line) that send a page to the full test.
constexpr std::size_t kEndWrappedFirst = 2;

}  // namespace

// It runs on every page, and must cost a few per cent of repair at most:
// one pass over the lines' measures, and on pages with lines of text with
// spaces inside another, reading the characters of the lines wider than any
// column. (A look at the page's order as well, the rows of evidence that
// looks_interleaved counts, would find about one page in six more of those
// the full test acts on, but costs 3 % of repair on every page.)
bool worth_deinterleaving(std::string_view text, const std::vector<LineInfo>& lines, bool squeeze) {
  // A line of columns run together (see run_together_cuts). On tightly
  // leaded pages pdftotext's default mode runs two columns' lines together
  // only where they happen to share a baseline, often once in a block read
  // row by row (on the PDF dev set one such line, not two, on 3 of the 6
  // default-mode pages the full test acts on and this look missed; none of
  // 1,560 generated pages has one the full test acts on). Only lines with
  // punctuation and a space inside can be one: most pages have none and end
  // here. (Counted in the same pass as the rows.)
  const RowLook look = look_at_rows(lines, squeeze);
  if (look.rows_set_off || look.end_wrapped_first >= kEndWrappedFirst) return true;
  constexpr std::size_t kRunTogether = 1;
  if (look.punctuated_spaced < kRunTogether) return false;
  const ColumnWidths widths(lines, squeeze);
  const int widest = widths.widest();
  if (widest == 0) return false;
  std::size_t run_together = 0;
  for (const LineInfo& l : lines)
    if (may_run_together(l, widest, squeeze) && !run_together_cuts_of(text, l, widths, widest, squeeze, false).empty() &&
        ++run_together >= kRunTogether)
      return true;
  return false;
}

StreamOrder deinterleave(std::string_view text, std::vector<LineInfo>& lines, bool squeeze) {
  StreamOrder r;
  std::vector<std::uint32_t> nb = nonblank(lines);
  r.order = nb;
  if (unwrapped(lines, nb)) return r;
  // Step 1 on the page with every line that may be run-together columns
  // split, then (step 2) split only those that lie in an interleaved
  // stretch, and step 1 again. Should the stretches go away, the page is
  // left as it was.
  std::vector<std::vector<std::uint32_t>> cuts_of = run_together_cuts(text, lines, squeeze);
  std::vector<std::uint32_t> origin;
  std::vector<LineInfo> split = split_lines(text, lines, cuts_of, origin);
  nb = nonblank(split);
  std::vector<LineShape> s = shapes_of(text, split, nb, origin, squeeze);
  const DictionaryWords dictionary;
  add_words_across(text, split, nb, dictionary, s);
  if (!looks_interleaved(s)) return r;
  add_pair_marks(text, split, nb, s);
  std::vector<std::uint8_t> period = choose_periods(s);
  if (!any_interleaved(period)) return r;
  std::vector<char> in_stretch(lines.size(), 0);
  for (std::size_t j = 0; j < nb.size(); ++j)
    if (period[j] > 1) in_stretch[origin[nb[j]]] = 1;
  bool dropped = false;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!cuts_of[i].empty() && !in_stretch[i]) { cuts_of[i].clear(); dropped = true; }
  if (dropped) {
    split = split_lines(text, lines, cuts_of, origin);
    nb = nonblank(split);
    s = shapes_of(text, split, nb, origin, squeeze);
    add_words_across(text, split, nb, dictionary, s);
    add_pair_marks(text, split, nb, s);
    period = choose_periods(s);
    if (!any_interleaved(period)) return r;
  }
  lines = std::move(split);

  // Step 3: each line under the line above it in its column: in the
  // stretches read with K > 1 its stream's line above (see stream_links),
  // elsewhere line j - 1, unless another line already went on from that one.
  const std::size_t n = nb.size();
  // The streams' links go first: where a stretch starts, the line before it
  // in the page is the line above in some column, rarely the line above the
  // next line of the page.
  std::vector<std::int64_t> pred(n, -1), succ(n, -1);
  // The stretches start under their columns' first row (see
  // extend_to_first_row), rows under a first row that tell nothing are read
  // in columns too (see start_at_first_row), and on loosely leaded pages the
  // stretches end where the columns do (see extend_stretch_ends).
  extend_to_first_row(s, period);
  start_at_first_row(s, period);
  extend_stretch_ends(s, period);
  const PageBigrams page_pairs(text, lines, nb);
  const WordsAcross words(page_pairs, dictionary);
  const std::vector<std::int64_t> above = stream_links(s, period, words);
  for (std::size_t j = 0; j < n; ++j) {
    if (above[j] < 0 || succ[static_cast<std::size_t>(above[j])] >= 0) continue;
    succ[static_cast<std::size_t>(above[j])] = static_cast<std::int64_t>(j);
    pred[j] = above[j];
  }
  link_first_row(s, period, words, pred, succ);
  for (std::size_t j = 1; j < n; ++j) {
    if (period[j] > 1 || succ[j - 1] >= 0 || pred[j] >= 0) continue;
    // A head just after a stretch read row by row opens what is set under
    // all its columns, not the column of the stretch's last line.
    if (period[j - 1] > 1 && stacked_head(s[j], column_around(s, j - 1, period[j - 1]))) continue;
    succ[j - 1] = static_cast<std::int64_t>(j);
    pred[j] = static_cast<std::int64_t>(j - 1);
  }
  r.order.clear();
  for (std::size_t j = 0; j < n; ++j) {
    if (pred[j] >= 0) continue;
    for (std::int64_t q = static_cast<std::int64_t>(j); q >= 0; q = succ[static_cast<std::size_t>(q)])
      r.order.push_back(nb[static_cast<std::size_t>(q)]);
  }
  for (std::size_t j = 0; j < n; ++j) {
    // A line under its column's line above, with other columns' lines read
    // in between: the blank lines before it in the page space the rows, not
    // paragraphs.
    if (pred[j] >= 0 && static_cast<std::size_t>(pred[j]) + 1 != j) lines[nb[j]].blanks_before = 0;
  }
  r.found = true;
  return r;
}

}  // namespace huozi::repair
