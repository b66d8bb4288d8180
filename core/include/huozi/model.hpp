// The output data model: Page, Article, Block, Author, Field, Debris.
// It mirrors the output contract documented in README.md ("Output contract").
// Every text carries [start, end) byte offsets into the page text after
// decoding to UTF-8 and before any repair.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace huozi {

// A [start, end) byte range into the decoded page text.
struct Span {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  bool empty() const noexcept { return end <= start; }
  friend bool operator==(const Span&, const Span&) = default;
};

// A piece of output text and the source region it came from.
struct SpannedText {
  std::string text;
  Span span;
};

enum class BlockKind { kParagraph, kSubheading, kCaption };
const char* block_kind_name(BlockKind kind) noexcept;

// A block's sentence spans, in order: a read-only sequence of Span (begin,
// end, size, [], ==). Up to six are kept in the block itself (nine blocks in
// ten have six sentences or fewer), more in an array of their own: a heap
// block for each block's few spans was a good part of what making a page's
// output, and freeing it, cost. The array's pointer shares the room of the
// inline spans, so a block is no larger than with three inline spans and a
// vector.
class SentenceSpans {
 public:
  SentenceSpans() = default;
  SentenceSpans(std::initializer_list<Span> spans) { assign(spans.begin(), spans.end()); }
  SentenceSpans(const SentenceSpans& o) { assign(o.begin(), o.end()); }
  SentenceSpans& operator=(const SentenceSpans& o) {
    if (this != &o) assign(o.begin(), o.end());
    return *this;
  }
  SentenceSpans(SentenceSpans&& o) noexcept { take(o); }
  SentenceSpans& operator=(SentenceSpans&& o) noexcept {
    if (this == &o) return *this;
    release();
    take(o);
    return *this;
  }
  ~SentenceSpans() { release(); }

  void assign(const Span* first, const Span* last) {
    const auto n = static_cast<std::uint32_t>(last - first);
    // The new spans are copied before the old array goes: they may be in it.
    Span* old_heap = on_heap() ? heap_ : nullptr;
    if (n <= kInline) {
      std::copy(first, last, inline_);
    } else {
      Span* spans = new Span[n];
      std::copy(first, last, spans);
      heap_ = spans;
    }
    size_ = n;
    delete[] old_heap;
  }
  void clear() noexcept {
    release();
    size_ = 0;
  }

  const Span* begin() const noexcept { return on_heap() ? heap_ : inline_; }
  const Span* end() const noexcept { return begin() + size_; }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  const Span& operator[](std::size_t i) const noexcept { return begin()[i]; }
  const Span& front() const noexcept { return *begin(); }
  const Span& back() const noexcept { return end()[-1]; }

  friend bool operator==(const SentenceSpans& a, const SentenceSpans& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  static constexpr std::size_t kInline = 6;
  bool on_heap() const noexcept { return size_ > kInline; }
  // Frees the array, if any; size_ is left for the caller to set.
  void release() noexcept {
    if (on_heap()) delete[] heap_;
  }
  // Takes o's spans (o is left empty): its array, or a copy of its inline spans.
  void take(SentenceSpans& o) noexcept {
    size_ = o.size_;
    if (o.on_heap()) heap_ = o.heap_;
    else std::copy(o.inline_, o.inline_ + o.size_, inline_);
    o.size_ = 0;
  }

  std::uint32_t size_ = 0;
  union {
    Span inline_[kInline] = {};  // the spans, when there are at most kInline
    Span* heap_;                 // else all of them, an array of size_
  };
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
  Span span;
  // Sentence boundaries as [start, end) byte offsets into `text` (not the
  // source): filled by the segmenter.
  SentenceSpans sentences;
};

struct Author {
  std::string role;  // the byline word as printed: 通讯员, 记者, 本报记者, …
  std::string name;  // one person
  Span span;         // where the name is in the source
};

enum class FieldType {
  kDate, kDatetime, kMoney, kPercent, kQuantity, kPhone,
  kEmail, kUrl, kIdCard, kOrg, kPlace, kJump,
};
const char* field_type_name(FieldType type) noexcept;

// A field's normalized value: null, a number, or a string (ISO date, digits…).
struct FieldValue {
  enum class Kind { kNull, kNumber, kString } kind = Kind::kNull;
  double number = 0;
  std::string string;
  static FieldValue null() { return {}; }
  static FieldValue of(double v) { FieldValue f; f.kind = Kind::kNumber; f.number = v; return f; }
  static FieldValue of(std::string v) { FieldValue f; f.kind = Kind::kString; f.string = std::move(v); return f; }
};

struct Field {
  FieldType type = FieldType::kDate;
  std::string text;   // the matched text as it reads in the repaired block
  FieldValue value;
  Span span;          // source offsets
  std::string unit;      // quantity: the counting or measuring unit
  std::string currency;  // money: ISO 4217 code
  bool approx = false;   // money/quantity: 多, 余, 约 …
};

// Extra, non-contract record of a byline or dateline as printed, so that
// every character of the page lands somewhere ("nothing lost").
struct Credit {
  enum class Kind { kByline, kDateline } kind = Kind::kByline;
  std::string text;
  Span span;
};

struct Article {
  int index = 0;
  std::optional<SpannedText> kicker;
  std::optional<SpannedText> title;
  std::optional<SpannedText> subtitle;
  std::vector<Author> authors;
  std::vector<Block> blocks;
  std::vector<Field> fields;
  std::vector<Credit> credits;
  Span span;  // smallest range covering everything the article took
};

struct Debris {
  std::string text;
  Span span;
  std::string reason;  // doubled_glyph, photo_label, page_header, jump, …
};

struct Page {
  std::string source;
  std::optional<std::string> date;  // YYYY-MM-DD, the page date if known
  std::string encoding = "utf-8";
  std::size_t replaced = 0;         // input bytes replaced by U+FFFD when decoding (on_error = replace)
  std::string text;                 // the decoded page text offsets refer to
  std::vector<Article> articles;
  std::vector<Debris> debris;
};

}  // namespace huozi
