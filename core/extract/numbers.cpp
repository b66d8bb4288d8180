#include "numbers.hpp"

#include "scan.hpp"

namespace huozi::extract::detail {
namespace {

constexpr std::int64_t kMantissaLimit = 100000000000000000LL;  // 1e17: more digits are not a quantity

double pow10(int k) noexcept {
  static const double p[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  if (k < 0) return 1.0 / pow10(-k);
  return k <= 22 ? p[k] : p[22] * pow10(k - 22);
}

// A Chinese numeral's digit value (0–9), or -1.
int chinese_digit(char32_t c) noexcept {
  switch (c) {
    case U'〇': case U'○': case U'零': return 0;
    case 0xFF10: return 0;  // 二００一: a full-width zero set among Chinese numerals
    case U'一': case U'壹': return 1;
    case U'二': case U'贰': case U'貳': case U'两': case U'兩': return 2;
    case U'三': case U'叁': case U'參': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': case U'陸': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
}

// 十 百 千 as 10, 100, 1000; 万 亿 as 10^4, 10^8; else 0.
std::int64_t chinese_unit(char32_t c) noexcept {
  switch (c) {
    case U'十': case U'拾': return 10;
    case U'百': case U'佰': return 100;
    case U'千': case U'仟': return 1000;
    case U'万': case U'萬': return 10000;
    case U'亿': case U'億': return 100000000;
    default: return 0;
  }
}

// The power of ten a magnitude character after a number stands for, or 0.
// 千 and 百 only when they do not start a unit: 2千米 is 2 千米, not 2000 米.
int magnitude_at(std::string_view s, std::size_t i, std::size_t& len) noexcept {
  Char c = char_at(s, i);
  len = c.len;
  switch (c.cp) {
    case U'万': case U'萬': return 4;
    case U'亿': case U'億': return 8;
    case U'千': case U'百': {
      Char n = char_at(s, i + c.len);
      if (n.cp == U'米' || n.cp == U'克' || n.cp == U'瓦' || n.cp == U'分' || n.cp == U'帕' || n.cp == U'卡' ||
          n.cp == U'字' || n.cp == U'方' || n.cp == U'伏' || n.cp == U'兆')
        return 0;
      return c.cp == U'千' ? 3 : 2;
    }
    default: return 0;
  }
}

bool approx_at(std::string_view s, std::size_t i, std::size_t& len) noexcept {
  Char c = char_at(s, i);
  len = c.len;
  return c.cp == U'多' || c.cp == U'余' || c.cp == U'餘';
}

// 多/余, magnitudes, 多/余 after the digits: 1000多, 3.5万, 10余万, 3万多, 1.2万亿.
void read_tail(std::string_view s, Number& n, const NumberOptions& opt) {
  std::size_t len = 0;
  if (opt.approx && approx_at(s, n.end, len)) {
    n.approx = true;
    n.end += len;
  }
  if (opt.magnitude) {
    for (int k = 0; k < 2; ++k) {
      int p = magnitude_at(s, n.end, len);
      if (p == 0) break;
      // 千/百 only directly after Arabic digits (3千, 5百); 万/亿 anywhere.
      if (p < 4 && (n.chinese || n.approx || n.magnitude)) break;
      n.exponent += p;
      n.magnitude = true;
      n.end += len;
    }
    if (opt.approx && !n.approx && n.magnitude && approx_at(s, n.end, len)) {
      n.approx = true;
      n.end += len;
    }
  }
}

}  // namespace

bool is_chinese_numeral(char32_t c) noexcept {
  if (c < 0x25CB) return false;  // ○ is the lowest; most characters stop here
  return chinese_digit(c) >= 0 || chinese_unit(c) > 0;
}

double Number::value() const noexcept {
  // Divide by an exact power of ten: 953 / 10 is the double nearest 95.3,
  // 953 * 0.1 is not.
  if (exponent < 0) return static_cast<double>(mantissa) / pow10(-exponent);
  return static_cast<double>(mantissa) * pow10(exponent);
}

std::int64_t Number::integer() const noexcept {
  if (exponent >= 0) {
    std::int64_t v = mantissa;
    for (int k = 0; k < exponent && v < kMantissaLimit * 10; ++k) v *= 10;
    return v;
  }
  std::int64_t v = mantissa;
  for (int k = 0; k < -exponent; ++k) v /= 10;
  return v;
}

std::optional<Number> read_arabic(std::string_view s, std::size_t i, const NumberOptions& opt) {
  Number n;
  n.begin = i;
  std::size_t j = i;
  auto digits = [&](std::size_t& at, int& count) {
    count = 0;
    for (;;) {
      Char c = char_at(s, at);
      int d = ascii_or_wide_digit(c.cp);
      if (d < 0) break;
      if (n.mantissa < kMantissaLimit) n.mantissa = n.mantissa * 10 + d;
      else ++n.exponent;  // keep the magnitude right for absurdly long runs
      ++count;
      at += c.len;
    }
  };
  int count = 0;
  digits(j, count);
  if (count == 0) return std::nullopt;
  n.int_digits = count;
  n.leading_zero = count > 1 && ascii_or_wide_digit(char_at(s, i).cp) == 0;
  // Thousands separators: 3,200 and 1,288,000 (only after a first group of
  // one to three digits, and only groups of exactly three).
  if (opt.grouping && count <= 3) {
    for (;;) {
      if (char_at(s, j).cp != ',') break;
      std::size_t k = j + 1;
      int g = 0;
      std::int64_t saved = n.mantissa;
      digits(k, g);
      if (g != 3) {
        n.mantissa = saved;
        break;
      }
      n.grouped = true;
      n.int_digits += 3;
      j = k;
    }
  }
  // Decimal point.
  Char dot = char_at(s, j);
  if (opt.fraction && (dot.cp == '.' || dot.cp == 0xFF0E) && is_digit(char_at(s, j + dot.len).cp)) {
    std::size_t k = j + dot.len;
    int f = 0;
    const int before = n.exponent;  // digits() counts the ones it had to drop
    digits(k, f);
    const int dropped = n.exponent - before;
    n.exponent = before - (f - dropped);
    n.fraction = true;
    j = k;
  }
  n.end = j;
  read_tail(s, n, opt);
  return n;
}

std::optional<Number> read_chinese(std::string_view s, std::size_t i, const NumberOptions& opt) {
  Char first = char_at(s, i);
  if (chinese_digit(first.cp) < 0 && chinese_unit(first.cp) != 10) return std::nullopt;
  Number n;
  n.begin = i;
  n.chinese = true;
  // The run of numeral characters (bounded: a numeral is short).
  std::size_t j = i;
  int chars = 0;
  bool has_unit = false;
  while (chars < 24) {
    Char c = char_at(s, j);
    if (!is_chinese_numeral(c.cp)) break;
    if (chinese_unit(c.cp) > 0) has_unit = true;
    ++chars;
    j += c.len;
  }
  if (!has_unit) {
    // Digit by digit: 二〇〇〇, 一九九八.
    std::int64_t v = 0;
    for (std::size_t k = i; k < j;) {
      Char c = char_at(s, k);
      if (v < kMantissaLimit) v = v * 10 + chinese_digit(c.cp);
      k += c.len;
    }
    n.mantissa = v;
    n.positional = chars > 1;
    n.int_digits = chars;
  } else {
    // Structured: result accumulates 亿 groups, section the part below 万.
    std::int64_t result = 0, section = 0, digit = 0;
    bool pending = false;
    std::size_t k = i, last_good = i;
    for (; k < j;) {
      Char c = char_at(s, k);
      int d = chinese_digit(c.cp);
      std::int64_t u = chinese_unit(c.cp);
      if (d >= 0) {
        if (pending && digit != 0) break;  // 三五十: not a number past 三
        digit = d;
        pending = true;
      } else if (u < 10000) {
        if (!pending) {
          if (u != 10 || section != 0 || k != i) break;  // only a leading 十 stands alone
          digit = 1;
        }
        section += digit * u;
        digit = 0;
        pending = false;
      } else if (u == 10000) {
        if (!pending && section == 0) break;
        section += digit;
        result += section * 10000;
        section = digit = 0;
        pending = false;
      } else {  // 亿
        if (!pending && section == 0 && result == 0) break;
        result = (result + section + digit) * 100000000;
        section = digit = 0;
        pending = false;
      }
      k += c.len;
      last_good = k;
    }
    if (last_good == i) return std::nullopt;
    j = last_good;
    n.mantissa = result + section + digit;
    n.int_digits = chars;
  }
  n.end = j;
  // 三点五: a decimal point written 点, digits after it.
  if (opt.fraction && starts_with(s, j, "点") && chinese_digit(char_at(s, j + 3).cp) >= 0) {
    std::size_t k = j + 3;
    while (true) {
      Char c = char_at(s, k);
      int d = chinese_digit(c.cp);
      if (d < 0) break;
      n.mantissa = n.mantissa * 10 + d;
      --n.exponent;
      k += c.len;
    }
    n.fraction = true;
    n.end = k;
  }
  read_tail(s, n, opt);
  return n;
}

std::optional<Number> read_number(std::string_view s, std::size_t i, const NumberOptions& opt) {
  Char c = char_at(s, i);
  if (is_digit(c.cp)) return read_arabic(s, i, opt);
  return read_chinese(s, i, opt);
}

}  // namespace huozi::extract::detail
