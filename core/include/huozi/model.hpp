// The output data model: Page, Article, Block, Author, Field, Debris.
// It mirrors the output contract documented in README.md ("Output contract").
// Every text carries [start, end) byte offsets into the page text after
// decoding to UTF-8 and before any repair.
#pragma once

#include <cstdint>
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

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
  Span span;
  // Sentence boundaries as [start, end) byte offsets into `text` (not the
  // source): filled by the segmenter.
  std::vector<Span> sentences;
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
