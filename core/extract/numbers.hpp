// Internal to field extraction: reading a number as printed in Chinese text.
// ASCII and full-width digits with thousands separators (3,200) and a decimal
// point (97.78); Chinese numerals both structured (三千五百万, 十五, 两) and
// digit by digit (二〇〇〇, 一九九八); the magnitude characters that follow a
// number (3.5万, 2.1亿, 1.2億, 3千万); and 多/余 between them (1000多, 10余万).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace huozi::extract::detail {

struct Number {
  std::size_t begin = 0, end = 0;
  // The value is mantissa × 10^exponent, so 2.1亿 is exactly 21 × 10^7.
  std::int64_t mantissa = 0;
  int exponent = 0;
  int int_digits = 0;        // digits before the point (Arabic) or numeral characters (positional)
  bool chinese = false;      // written in Chinese numerals
  bool positional = false;   // Chinese numerals digit by digit: 二〇〇〇
  bool fraction = false;     // has a decimal point
  bool grouped = false;      // has thousands separators
  bool magnitude = false;    // scaled by 万/亿/千/百 after the digits
  bool approx = false;       // 多/余 inside: 1000多, 10余万
  bool leading_zero = false; // "0537": a code, not a count

  double value() const noexcept;
  bool is_integer() const noexcept { return exponent >= 0; }
  // The integer value (exact when is_integer() and it fits).
  std::int64_t integer() const noexcept;
};

struct NumberOptions {
  bool magnitude = true;  // read 万/亿/千/百 after the digits
  bool approx = true;     // read 多/余 after the digits or the magnitude
  bool fraction = true;   // read a decimal point (. ． 点)
  bool grouping = true;   // read thousands separators
};

bool is_chinese_numeral(char32_t c) noexcept;

// Arabic (ASCII or full-width) digits at i; nullopt if s[i] is not a digit.
std::optional<Number> read_arabic(std::string_view s, std::size_t i, const NumberOptions& opt = {});
// Chinese numerals at i; nullopt if s[i] is not one or the run is no number
// (a magnitude with nothing before it: 万一, 千家万户).
std::optional<Number> read_chinese(std::string_view s, std::size_t i, const NumberOptions& opt = {});
// Either.
std::optional<Number> read_number(std::string_view s, std::size_t i, const NumberOptions& opt = {});

}  // namespace huozi::extract::detail
