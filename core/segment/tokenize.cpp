// The rules both tokenizer modes share (the scan itself is a template in
// tokenize_rules.hpp): character kinds, numbers with their units, joiners
// inside numbers and words, punctuation runs, Chinese numerals.
#include <unicode/uchar.h>

#include <array>

#include "huozi/segment/tokenize.hpp"
#include "tokenize_rules.hpp"

namespace huozi::segment {
namespace rules {
namespace {

using text::decode_before;

// ASCII kinds (the table below is built from these for the BMP).
constexpr std::array<CharKind, 128> kAsciiKinds = [] {
  std::array<CharKind, 128> k{};
  for (int c = 0; c < 128; ++c) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) k[c] = CharKind::kSpace;
    else if (c >= '0' && c <= '9') k[c] = CharKind::kDigit;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) k[c] = CharKind::kLetter;
    else k[c] = CharKind::kOther;
  }
  return k;
}();

bool is_hangul(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
         (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF);
}

}  // namespace

// Inside a number, between two digits: a decimal point (also the middle dot
// that PKU text sets as one, １４·９％), a time or ratio colon, a fraction or
// date slash.
bool is_number_joiner(char32_t c) noexcept {
  switch (c) {
    case '.': case 0xFF0E: case 0x00B7: case ':': case 0xFF1A: case 0x2236: case '/': case 0xFF0F:
      return true;
    default:
      return false;
  }
}

// Inside a Latin word, between two letters or digits: file names, e-mail
// and web addresses, contractions, hyphenated words.
bool is_word_joiner(char32_t c) noexcept {
  switch (c) {
    case '.': case 0xFF0E: case '\'': case 0x2019: case '-': case 0xFF0D: case '_': case '@': case 0xFF20:
    case '&': case '/': case 0xFF0F:
      return true;
    default:
      return false;
  }
}

// A sign belongs to the number after it when it cannot be an operator: at the
// start, after space, Han, an opening bracket or a clause mark (晴－9℃,
// （－5）), not after a digit, letter or another symbol (3℃／－8℃ as PKU has it).
bool is_sign(char32_t c) noexcept { return c == '-' || c == 0xFF0D || c == '+' || c == 0xFF0B || c == 0x00B1 || c == 0x2212; }

bool sign_can_start_number(std::string_view s, std::size_t i) noexcept {
  if (i == 0) return true;
  const auto prev = decode_before(s, i);
  const CharKind k = prev.valid ? char_kind_fast(prev.cp) : CharKind::kOther;
  if (k == CharKind::kSpace || k == CharKind::kHan) return true;
  return text::has(prev.cp, text::kOpening | text::kClausePunct);
}

// Punctuation that forms one token when repeated: ——, ……, ⋯⋯, ...
bool is_run_punct(char32_t c) noexcept {
  switch (c) {
    case 0x2014: case 0x2015: case 0x2500: case 0x2026: case 0x22EF: case '.': case '-': case '~': case '=':
    case '*': case 0xFF5E: case 0x00B7: case 0x30FB:
      return true;
    default:
      return false;
  }
}

// The unit or magnitude a number keeps, as PKU writes numbers: 2001年 (a year:
// four digits; 3 年 is a duration), 12月, 12月份, 31日, 8时, 30分, 8点, 8点钟,
// 55.6％, 3.5万, 1万亿, 5千万. Returns the end of the suffix (`at` when none).
std::size_t unit_suffix_end(std::string_view s, std::size_t at, int digits, bool integer) noexcept {
  const Peek c1 = peek(s, at);
  const Peek c2 = peek(s, at + c1.len);
  switch (c1.cp) {
    case '%': case 0xFF05: case 0x2030: case 0x2031:
      return at + c1.len;
    case U'年':
      return integer && digits == 4 && c2.cp != U'代' ? at + c1.len : at;
    case U'月':
      if (!integer) return at;
      return c2.cp == U'份' ? at + c1.len + c2.len : at + c1.len;
    case U'日': case U'时':
      if (!integer || c2.cp == U'间' || c2.cp == U'候' || c2.cp == U'期' || c2.cp == U'代') return at;
      return at + c1.len;
    case U'分':
      if (!integer || c2.cp == U'钟' || c2.cp == U'之') return at;
      return at + c1.len;
    case U'点':
      if (!integer) return at;
      return c2.cp == U'钟' ? at + c1.len + c2.len : at + c1.len;
    case U'万': case U'亿': case U'千': case U'百': {
      // A magnitude: 万 or 亿, optionally after 千/百 and before 亿 (5千万, 1万亿).
      std::size_t j = at;
      Peek c = c1;
      if (c.cp == U'千' || c.cp == U'百') {
        if (c2.cp != U'万' && c2.cp != U'亿') return at;
        j += c.len;
        c = c2;
      }
      j += c.len;  // 万 or 亿
      const Peek c3 = peek(s, j);
      if (c.cp == U'万' && c3.cp == U'亿') j += c3.len;
      return j;
    }
    default:
      return at;
  }
}

CharKind char_kind(char32_t c) noexcept {
  if (c < 0x80) return kAsciiKinds[c];
  const std::uint16_t f = text::char_flags(c);
  if (f & (text::kSpace | text::kIgnorable)) return CharKind::kSpace;
  if (f & text::kHan) return CharKind::kHan;
  if (f & text::kDigit) return CharKind::kDigit;
  if (f & text::kLatin) return CharKind::kLetter;
  if (f & text::kKanaHangul) return is_hangul(c) ? CharKind::kLetter : CharKind::kHan;
  if (f & (text::kPunct | text::kSymbol)) {
    // The kana prolonged sound mark and iteration marks are letters of kana words.
    if (c == 0x30FC || c == 0x30FD || c == 0x30FE || c == 0x309D || c == 0x309E) return CharKind::kHan;
    return CharKind::kOther;
  }
  const auto mask = U_GET_GC_MASK(static_cast<UChar32>(c));
  if (mask & U_GC_M_MASK) return CharKind::kMark;
  if (mask & (U_GC_L_MASK | U_GC_ND_MASK)) return CharKind::kLetter;
  return CharKind::kOther;
}

namespace {
bool is_numeral_char(char32_t c) {
  switch (c) {
    case U'〇': case kWhiteCircle: case U'零': case U'一': case U'二': case U'三': case U'四': case U'五':
    case U'六': case U'七': case U'八': case U'九': case U'十': case U'百': case U'千': case U'万': case U'亿':
    case U'两':
      return true;
    default:
      return false;
  }
}
std::uint8_t info_of(char32_t c) {
  return static_cast<std::uint8_t>(static_cast<std::uint8_t>(char_kind(c)) | (is_numeral_char(c) ? kNumeralBit : 0));
}
}  // namespace

const std::uint8_t* build_bmp_info() noexcept {
  auto* t = new std::uint8_t[0x10000];  // built once (a function static), never freed
  for (char32_t c = 0; c < 0x10000; ++c) t[c] = info_of(c);
  return t;
}

std::uint8_t astral_info(char32_t c) noexcept { return info_of(c); }

namespace {
int digit_value(char32_t c) {
  switch (c) {
    case U'〇': case kWhiteCircle: case U'零': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}
}  // namespace

int chinese_numeral_value(std::u32string_view run) noexcept {
  if (run.empty()) return -1;
  bool digits_only = true;
  for (char32_t c : run) digits_only = digits_only && digit_value(c) >= 0;
  if (digits_only) {
    if (run.size() > 4) return -1;
    int v = 0;
    for (char32_t c : run) v = v * 10 + digit_value(c);
    return v;
  }
  // 十二, 三十一, 一百五十六, 两千零一: digits times 十/百/千, summed.
  int total = 0, digit = -1, last_scale = 10000;
  for (char32_t c : run) {
    const int d = digit_value(c);
    if (d >= 0) {
      if (digit > 0) return -1;  // two digits in a row (三四十) is not a plain number
      digit = d;
      continue;
    }
    int scale = c == U'十' ? 10 : c == U'百' ? 100 : c == U'千' ? 1000 : -1;
    if (scale < 0 || scale >= last_scale) return -1;
    total += (digit < 0 ? 1 : digit) * scale;  // 十二: a bare 十 means one ten
    digit = -1;
    last_scale = scale;
  }
  if (digit > 0) total += digit;
  return total;
}

bool is_calendar_numeral(std::u32string_view run, char32_t unit) noexcept {
  if (run.empty() || run.front() == U'两') return false;
  bool has_scale = false;
  for (char32_t c : run) has_scale = has_scale || digit_value(c) < 0;
  const int v = chinese_numeral_value(run);
  if (v < 0) return false;
  switch (unit) {
    case U'年':  // read digit by digit: 二○○一年, 九八年 (二十年 is a duration)
      return !has_scale && (run.size() == 4 || run.size() == 2);
    case U'月':
      return (has_scale || run.size() == 1) && v >= 1 && v <= 12;
    case U'日': case U'号':
      return (has_scale || run.size() == 1) && v >= 1 && v <= 31;
    default:
      return false;
  }
}

}  // namespace rules

std::vector<std::string> token_strings(std::string_view text, const std::vector<Span>& tokens) {
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (const Span& t : tokens) out.emplace_back(text.substr(t.start, t.end - t.start));
  return out;
}

}  // namespace huozi::segment
