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

}  // namespace huozi::segment::literal
