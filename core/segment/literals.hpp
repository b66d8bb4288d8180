// Comparisons of text with a string literal, for segmentation's rules: the
// literal's length is known where they are inlined, so the compiler compares
// a few bytes in place instead of calling memcmp (tens of thousands of calls
// a page set, most of them on short lines). Private to core/segment.
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

namespace huozi::segment::literal {

template <std::size_t N>
[[gnu::always_inline]] inline bool starts_with(std::string_view s, const char (&p)[N]) {
  constexpr std::size_t n = N - 1;
  return s.size() >= n && std::memcmp(s.data(), p, n) == 0;
}
template <std::size_t N>
[[gnu::always_inline]] inline bool ends_with(std::string_view s, const char (&p)[N]) {
  constexpr std::size_t n = N - 1;
  return s.size() >= n && std::memcmp(s.data() + s.size() - n, p, n) == 0;
}

// s has w at i (i may be past the end).
template <std::size_t N>
[[gnu::always_inline]] inline bool at(std::string_view s, std::size_t i, const char (&w)[N]) {
  constexpr std::size_t n = N - 1;
  return i <= s.size() && s.size() - i >= n && std::memcmp(s.data() + i, w, n) == 0;
}

}  // namespace huozi::segment::literal
