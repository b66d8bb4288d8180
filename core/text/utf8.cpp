#include "huozi/text/utf8.hpp"

#include <bit>

namespace huozi::text {

std::optional<std::size_t> find_invalid_utf8(std::string_view s) noexcept {
  // A tight validator (RFC 3629 ranges). Chinese text is mostly three-byte
  // sequences, Han and full-width punctuation alike: a lead byte E1-EC or
  // EE-EF takes any two continuation bytes, checked together; ASCII goes
  // eight bytes at a time once a run of it starts; everything else (E0, ED,
  // two- and four-byte sequences, errors) takes the full decode.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b0 = p[i];
    if (b0 < 0x80) {
      ++i;
      while (i + 8 <= n) {
        std::uint64_t w;
        __builtin_memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ULL) break;
        i += 8;
      }
      continue;
    }
    // Runs of such three-byte sequences, four bytes read at a time (the
    // fourth is the next sequence's, only looked at on the next step): lead
    // E_ with bit (b0 & 0xF) of 0xDFFE set (E1-EC, EE, EF), then 10xxxxxx
    // twice. Byte order: the lead is the low byte.
    const std::size_t run_start = i;
    while (std::endian::native == std::endian::little && i + 4 <= n) {
      std::uint32_t w;
      __builtin_memcpy(&w, p + i, 4);
      if ((w & 0xC0C0F0u) != 0x8080E0u || !((0xDFFEu >> (w & 0xFu)) & 1u)) break;
      i += 3;
    }
    if (i != run_start) continue;
    if (static_cast<unsigned char>(b0 - 0xE1) <= 0x0E && b0 != 0xED && i + 2 < n) {
      std::uint16_t c;
      __builtin_memcpy(&c, p + i + 1, 2);
      if ((c & 0xC0C0) == 0x8080) {
        i += 3;
        continue;
      }
    }
    const DecodedChar d = decode_at(s, i);
    if (!d.valid) return i;
    i += d.len;
  }
  return std::nullopt;
}

namespace reference {
std::optional<std::size_t> find_invalid_utf8(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    const DecodedChar d = decode_at(s, i);
    if (!d.valid) return i;
    i += d.len;
  }
  return std::nullopt;
}
}  // namespace reference

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::size_t count_chars(std::string_view s) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += decode_at(s, i).len) ++n;
  return n;
}

}  // namespace huozi::text
