// Comparisons of text with a string literal, for segmentation's rules: the
// literal's length is known where they are inlined, so the compiler compares
// a few bytes in place instead of calling memcmp (tens of thousands of calls
// a page set, most of them on short lines). Private to core/segment.
//
// The bytes are compared last first: a literal of Han characters ends in a
// continuation byte, which the text matches once in 64 or so, where it
// matches a lead byte (one of a handful that start all Han characters) far
// more often; the comparison nearly always stops at its first byte, and the
// processor can guess that it does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace huozi::segment::literal {

// The n bytes at p are w's.
template <std::size_t N>
[[gnu::always_inline]] inline bool same_bytes(const char* p, const char (&w)[N]) {
  for (std::size_t k = N - 1; k-- > 0;)
    if (p[k] != w[k]) return false;
  return true;
}

template <std::size_t N>
[[gnu::always_inline]] inline bool starts_with(std::string_view s, const char (&p)[N]) {
  return s.size() >= N - 1 && same_bytes(s.data(), p);
}
template <std::size_t N>
[[gnu::always_inline]] inline bool ends_with(std::string_view s, const char (&p)[N]) {
  return s.size() >= N - 1 && same_bytes(s.data() + s.size() - (N - 1), p);
}

// s has w at i (i may be past the end).
template <std::size_t N>
[[gnu::always_inline]] inline bool at(std::string_view s, std::size_t i, const char (&w)[N]) {
  return i <= s.size() && s.size() - i >= N - 1 && same_bytes(s.data() + i, w);
}

// A set of characters of the unified Han block (U+4E00..U+9FFF), a bit for
// each: asked with one load and no branch on the character, where a switch
// over the set's members is a chain of branches on it that the processor
// guesses wrong on a text's characters a few times a line.
class HanSet {
 public:
  // chars: a literal U"…" of the members.
  template <std::size_t N>
  consteval explicit HanSet(const char32_t (&chars)[N]) {
    for (std::size_t k = 0; k + 1 < N; ++k) add(chars[k]);
  }
  // An empty set, filled with add() (a set derived from other constants).
  constexpr HanSet() = default;
  constexpr void add(char32_t cp) {
    if (cp < kFirst || cp - kFirst >= kCount) throw "HanSet: not a unified Han character";
    const char32_t c = cp - kFirst;
    bits_[c >> 6] |= std::uint64_t{1} << (c & 63);
  }
  [[gnu::always_inline]] bool has(char32_t cp) const {
    const char32_t c = cp - kFirst;  // (below kFirst it wraps, out of range)
    return c < kCount && ((bits_[c >> 6] >> (c & 63)) & 1) != 0;
  }

 private:
  static constexpr char32_t kFirst = 0x4E00, kCount = 0x5200;
  std::uint64_t bits_[kCount / 64] = {};
};

}  // namespace huozi::segment::literal
