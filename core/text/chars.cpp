#include "huozi/text/chars.hpp"

#include <array>
#include <memory>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace huozi::text {
namespace {

std::uint16_t compute_flags(UChar32 c) {
  std::uint16_t f = 0;
  const int gc = u_charType(c);
  const UCharCategory cat = static_cast<UCharCategory>(gc);
  UErrorCode err = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &err);
  const int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  const bool is_p = U_GET_GC_MASK(c) & U_GC_P_MASK;
  const bool is_s = U_GET_GC_MASK(c) & U_GC_S_MASK;
  const bool is_letter = U_GET_GC_MASK(c) & U_GC_L_MASK;

  if (script == USCRIPT_HAN || c == 0x3007 /* 〇 */) f |= kHan;
  if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA || script == USCRIPT_HANGUL) f |= kKanaHangul;
  if (is_p) f |= kPunct;
  if (is_s) f |= kSymbol;

  bool wide = eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH;
  // Ambiguous-width characters are set full width in Chinese text, except
  // letters (Greek, Cyrillic, accented Latin) which stay narrow in practice.
  if (eaw == U_EA_AMBIGUOUS && !is_letter && cat != U_NON_SPACING_MARK) wide = true;
  if (wide) f |= kWide;
  if (is_p && wide) f |= kCjkPunct;

  if (u_isUWhiteSpace(c) || c == 0x3000 || c == 0x00A0) f |= kSpace;
  if (cat == U_FORMAT_CHAR) f |= kIgnorable;  // BOM, ZWSP, ZWJ, SHY, WJ …

  if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19)) f |= kDigit;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xFF21 && c <= 0xFF3A) ||
      (c >= 0xFF41 && c <= 0xFF5A) || (script == USCRIPT_LATIN && is_letter))
    f |= kLatin;

  switch (c) {
    case 0x3002: case 0xFF01: case 0xFF1F: case '!': case '?': case 0x2026: case 0xFF0E:
    case 0x203C: case 0x2047: case 0x2048: case 0x2049:
      f |= kSentenceEnd; break;
    default: break;
  }
  if (cat == U_START_PUNCTUATION || cat == U_INITIAL_PUNCTUATION) f |= kOpening;
  if (cat == U_END_PUNCTUATION || cat == U_FINAL_PUNCTUATION) f |= kClosing;
  // Chinese curly quotes: ICU classes “ as Pi and ” as Pf, as wanted; the
  // corner brackets 「」『』 are Ps/Pe. Nothing more to do.
  switch (c) {
    case 0xFF0C: case 0x3001: case 0xFF1B: case 0xFF1A: case ',': case ';': case ':':
      f |= kClausePunct; break;
    default: break;
  }
  if ((c >= 0x2460 && c <= 0x24FF) || (c >= 0x2776 && c <= 0x2793) || (c >= 0x3251 && c <= 0x325F) ||
      (c >= 0x32B1 && c <= 0x32BF))
    f |= kCircledDigit;
  return f;
}

int compute_width(UChar32 c, std::uint16_t flags) {
  if (flags & kIgnorable) return 0;
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
  const int gc = u_charType(c);
  if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK) return 0;
  return (flags & kWide) ? 2 : 1;
}

}  // namespace

namespace detail {

const BmpTables& build_bmp_tables() noexcept {
  static const BmpTables* t = [] {
    auto* tables = new BmpTables();  // built once, thread-safe, never freed
    for (UChar32 c = 0; c < 0x10000; ++c) {
      tables->flags[c] = compute_flags(c);
      tables->width[c] = static_cast<std::uint8_t>(compute_width(c, tables->flags[c]));
    }
    return tables;
  }();
  return *t;
}

const BmpTables* bmp_tables = &build_bmp_tables();

std::uint16_t supplementary_flags(char32_t c) noexcept {
  if (c > 0x10FFFF) return 0;
  return compute_flags(static_cast<UChar32>(c));
}

int supplementary_width(char32_t c) noexcept {
  if (c > 0x10FFFF) return 1;
  return compute_width(static_cast<UChar32>(c), compute_flags(static_cast<UChar32>(c)));
}

}  // namespace detail
}  // namespace huozi::text
