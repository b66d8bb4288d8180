// Character properties the pipeline asks about on every character: display
// width (East Asian Width from ICU, ambiguous punctuation counted wide as it is
// set in Chinese text) and a few classes (Han, CJK punctuation, sentence end,
// brackets, spaces, ignorable format characters). The BMP is looked up in a
// table built once from ICU; the rest asks ICU directly.
#pragma once

#include <cstdint>

namespace huozi::text {

enum CharFlag : std::uint16_t {
  kHan          = 1u << 0,   // ideographs (any Han block), 〇
  kWide         = 1u << 1,   // display width 2 (W, F, and ambiguous non-letters)
  kCjkPunct     = 1u << 2,   // wide punctuation: ，。、：；！？“”（）《》…——
  kSentenceEnd  = 1u << 3,   // 。！？!?… and ．; ends a sentence
  kOpening      = 1u << 4,   // opening quotes and brackets
  kClosing      = 1u << 5,   // closing quotes and brackets
  kSpace        = 1u << 6,   // any white space incl. U+3000 and NBSP
  kIgnorable    = 1u << 7,   // format chars dropped by repair: BOM, ZWSP, ZWJ, SHY…
  kDigit        = 1u << 8,   // ASCII and full-width digits
  kLatin        = 1u << 9,   // Latin letters (ASCII and full-width)
  kPunct        = 1u << 10,  // any punctuation (general category P*)
  kClausePunct  = 1u << 11,  // ，、；： and ASCII , ; :
  kKanaHangul   = 1u << 12,  // Japanese kana, Hangul: treated like Han for spacing
  kCircledDigit = 1u << 13,  // ①…⑳ and friends (photo labels)
  kSymbol       = 1u << 14,  // general category S*
};

namespace detail {
// The BMP lookup tables, built once from ICU before main() runs (and on first
// use if called earlier). Hot loops read them without a function call.
struct BmpTables {
  std::uint16_t flags[0x10000];
  std::uint8_t width[0x10000];
};
extern const BmpTables* bmp_tables;
const BmpTables& build_bmp_tables() noexcept;
std::uint16_t supplementary_flags(char32_t c) noexcept;
int supplementary_width(char32_t c) noexcept;
}  // namespace detail

// The BMP flags table itself, for loops that look up every character: fetched
// once before the loop instead of once per character.
inline const std::uint16_t* bmp_flags() noexcept {
  const detail::BmpTables* t = detail::bmp_tables;
  return t ? t->flags : detail::build_bmp_tables().flags;
}

inline std::uint16_t char_flags(char32_t c) noexcept {
  if (c < 0x10000) {
    const detail::BmpTables* t = detail::bmp_tables;
    return t ? t->flags[c] : detail::build_bmp_tables().flags[c];
  }
  return detail::supplementary_flags(c);
}

// Display width from flags already looked up (saves a second table read in
// hot loops); same result as display_width() for printable characters.
inline int width_from_flags(std::uint16_t f) noexcept { return (f & kIgnorable) ? 0 : ((f & kWide) ? 2 : 1); }

// Display columns: 0 for ignorable/control characters, else 1 or 2.
inline int display_width(char32_t c) noexcept {
  if (c < 0x10000) {
    const detail::BmpTables* t = detail::bmp_tables;
    return t ? t->width[c] : detail::build_bmp_tables().width[c];
  }
  return detail::supplementary_width(c);
}

inline bool has(char32_t c, std::uint16_t flags) noexcept { return (char_flags(c) & flags) != 0; }
inline bool is_space(char32_t c) noexcept { return has(c, kSpace); }
inline bool is_han(char32_t c) noexcept { return has(c, kHan); }
// Characters around which a space is a layout artifact, not a word separator.
inline bool is_cjk_like(char32_t c) noexcept { return has(c, kHan | kCjkPunct | kKanaHangul); }
inline bool is_ascii_alnum(char32_t c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace huozi::text
