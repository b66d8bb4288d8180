// UTF-8 primitives: validation with the offending offset, decoding one code
// point at a time, encoding. Everything works on std::string_view; the hot
// loops are header-only so they inline.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "huozi/error.hpp"

namespace huozi::text {

struct DecodedChar {
  char32_t cp = 0;       // U+FFFD for an invalid sequence
  std::uint8_t len = 1;  // bytes consumed (1 for an invalid byte)
  bool valid = true;
};

// Decodes the code point starting at s[i]. Never reads past s.size(); an
// invalid or truncated sequence yields {U+FFFD, 1, false}.
[[gnu::always_inline]] inline DecodedChar decode_at(std::string_view s, std::size_t i) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const std::size_t left = s.size() - i;
  const unsigned char b0 = p[0];
  if (b0 < 0x80) return {b0, 1, true};
  auto cont = [&](std::size_t k) { return k < left && (p[k] & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (cont(1)) return {char32_t((b0 & 0x1F) << 6 | (p[1] & 0x3F)), 2, true};
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (cont(1) && cont(2)) {
      char32_t cp = (b0 & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3, true};
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (cont(1) && cont(2) && cont(3)) {
      char32_t cp = (b0 & 0x07) << 18 | (p[1] & 0x3F) << 12 | (p[2] & 0x3F) << 6 | (p[3] & 0x3F);
      if (cp >= 0x10000 && cp <= 0x10FFFF) return {cp, 4, true};
    }
  }
  return {0xFFFD, 1, false};
}

// Fast decoding for the hot loops of repair and segmentation, which run on
// text already validated as UTF-8 (decode_page, parse_text). Still bounds
// safe: a sequence cut by the end of s decodes as U+FFFD of length 1.
[[gnu::always_inline]] inline DecodedChar next_char(std::string_view s, std::size_t i) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const unsigned char b0 = p[0];
  if (b0 < 0x80) return {b0, 1, true};
  const std::size_t left = s.size() - i;
  if (b0 >= 0xE0 && b0 < 0xF0 && left >= 3)
    return {char32_t((b0 & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F)), 3, true};
  if (b0 >= 0xC0 && b0 < 0xE0 && left >= 2) return {char32_t((b0 & 0x1F) << 6 | (p[1] & 0x3F)), 2, true};
  if (b0 >= 0xF0 && left >= 4)
    return {char32_t((b0 & 0x07) << 18 | (p[1] & 0x3F) << 12 | (p[2] & 0x3F) << 6 | (p[3] & 0x3F)), 4, true};
  return {0xFFFD, 1, false};
}

// The code point of the three bytes at p read as a three-byte sequence
// (lead 1110xxxx): the low bits of each, none checked. For bytes the caller
// already knows to be one (the hot loops' Han runs).
[[gnu::always_inline]] inline char32_t three_byte_code_point(const unsigned char* p) noexcept {
  return static_cast<char32_t>((p[0] & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F));
}

// Decodes the code point that ends just before s[i] (i > 0). On invalid
// UTF-8 (a lead byte whose sequence does not end exactly at i, stray
// continuation bytes) it returns U+FFFD for the one byte s[i-1], so that
// stepping back by len never passes the start or skips past i.
inline DecodedChar decode_before(std::string_view s, std::size_t i) noexcept {
  std::size_t j = i - 1;
  while (j > 0 && i - j < 4 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  const DecodedChar d = decode_at(s, j);
  if (j + d.len != i) return {0xFFFD, 1, false};
  return d;
}

// The offset of the first byte that is not part of valid UTF-8, if any.
// 64 bytes at a time with AVX2 where the processor has it (asked once, see
// cpu.hpp), the scalar validator below for the rest and the exact offset.
std::optional<std::size_t> find_invalid_utf8(std::string_view s) noexcept;

namespace detail {
// find_invalid_utf8 without AVX2, from offset from (the start of a
// character, all before it valid): the fallback, and for the tests.
std::optional<std::size_t> find_invalid_utf8_scalar(std::string_view s, std::size_t from = 0) noexcept;
}  // namespace detail

namespace reference {
// find_invalid_utf8 one decode_at() step at a time: the oracle of the fast
// version (Oracles.* in the tests).
std::optional<std::size_t> find_invalid_utf8(std::string_view s) noexcept;
}  // namespace reference
inline bool is_valid_utf8(std::string_view s) noexcept { return !find_invalid_utf8(s); }

// Appends the UTF-8 encoding of cp (U+FFFD for a surrogate or out of range).
void append_utf8(std::string& out, char32_t cp);

// Number of code points (invalid bytes count one each).
std::size_t count_chars(std::string_view s) noexcept;

}  // namespace huozi::text
