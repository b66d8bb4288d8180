// Searching short UTF-8 text for a word of Han characters, the one search
// repair and segmentation make over and over (page furniture, title lines in
// a lead). Header-only so that it inlines.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

#include "huozi/text/chars.hpp"
#include "huozi/text/cpu.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi::text {

// s.find(w) != npos, found by w's last byte: for a word of Han characters
// that is one of 64 continuation bytes, where its first (what find() looks
// for) is a lead byte that starts a sixth of all Han characters. No setup per
// search: the lines and leads searched are short.
inline bool contains_word(std::string_view s, std::string_view w) noexcept {
  if (w.empty()) return true;
  if (s.size() < w.size()) return false;
  const char* const begin = s.data();
  const char* const end = begin + s.size();
  const char* from = begin + (w.size() - 1);
  while (from < end) {
    const void* hit = std::memchr(from, w.back(), static_cast<std::size_t>(end - from));
    if (!hit) return false;
    const char* at = static_cast<const char*>(hit);
    if (std::memcmp(at - (w.size() - 1), w.data(), w.size() - 1) == 0) return true;
    from = at + 1;
  }
  return false;
}

// s.find(w, from), found by w's last byte as contains_word() finds it (a
// clause of Han characters starts with a lead byte that find() would stop
// at about once in six characters).
inline std::size_t find_word(std::string_view s, std::string_view w, std::size_t from) noexcept {
  if (w.empty()) return from <= s.size() ? from : std::string_view::npos;
  if (s.size() < w.size() || from > s.size() - w.size()) return std::string_view::npos;
  const char* const begin = s.data();
  const char* const end = begin + s.size();
  const char* last = begin + from + (w.size() - 1);  // where w's last byte may be
  while (last < end) {
    const void* hit = std::memchr(last, w.back(), static_cast<std::size_t>(end - last));
    if (!hit) return std::string_view::npos;
    const char* at = static_cast<const char*>(hit) - (w.size() - 1);
    if (std::memcmp(at, w.data(), w.size() - 1) == 0) return static_cast<std::size_t>(at - begin);
    last = static_cast<const char*>(hit) + 1;
  }
  return std::string_view::npos;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// The offsets i .. i + 31 of s where a word of len bytes (len >= 2) may start
// (bit j for i + j): those holding the word's first byte whose len - 1'th
// byte on is its last. Reads s[i .. i + len + 31).
// (As a byte per offset, 0xFF where it may start, 0 where not.)
[[gnu::target("avx2")]] inline __m256i word_ends_bits_avx2(const char* s, std::size_t i, std::size_t len,
                                                           __m256i first, __m256i last) noexcept {
  const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
  const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + len - 1));
  return _mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, last));
}
[[gnu::target("avx2")]] inline unsigned word_ends_mask_avx2(const char* s, std::size_t i, std::size_t len,
                                                            __m256i first, __m256i last) noexcept {
  return static_cast<unsigned>(_mm256_movemask_epi8(word_ends_bits_avx2(s, i, len, first, last)));
}

// The first offset among the candidates m (bit j: offset at + j, w's first
// and last bytes found in place) where w stands whole, else npos.
inline std::size_t first_whole_word(const char* s, std::size_t at, std::uint64_t m, std::string_view w) noexcept {
  for (; m != 0; m &= m - 1) {
    const std::size_t k = at + static_cast<std::size_t>(__builtin_ctzll(m));
    if (std::memcmp(s + k + 1, w.data() + 1, w.size() - 2) == 0) return k;
  }
  return std::string_view::npos;
}

// The first offset among the 64 at `at` (past the first `seen`) where w
// starts, else npos: the two windows' candidates asked at once whether
// there are any (a lead searched for a title line has none in nearly every
// window), and only where there are, made one mask and compared whole in
// order. Reads s[at .. at + len + 63).
[[gnu::target("avx2")]] inline std::size_t word_in_64_avx2(const char* s, std::size_t at, unsigned seen,
                                                          std::string_view w, __m256i first, __m256i last) noexcept {
  const std::size_t len = w.size();
  const __m256i a = word_ends_bits_avx2(s, at, len, first, last), b = word_ends_bits_avx2(s, at + 32, len, first, last);
  const __m256i either = _mm256_or_si256(a, b);
  if (_mm256_testz_si256(either, either)) return std::string_view::npos;
  const std::uint64_t both = static_cast<std::uint32_t>(_mm256_movemask_epi8(a)) |
                             static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(b))) << 32;
  return first_whole_word(s, at, both >> seen << seen, w);
}

// find_word() 64 offsets a step, 32 where fewer (where the processor has AVX2, which the
// caller asks): the offsets holding w's first byte with its last byte where
// w would end, both found by one compare each, and only those compared
// whole. For a word of Han characters, a lead byte where it starts and a
// continuation byte where it ends stop at hardly any offset but its own
// (memchr() of the last byte alone stops at several in a lead, a call each
// time). Texts with fewer than 32 offsets to look at: find_word().
[[gnu::target("avx2")]] inline std::size_t find_word_avx2(std::string_view s, std::string_view w,
                                                          std::size_t from) noexcept {
  const std::size_t len = w.size();
  if (len < 2 || s.size() < len || from > s.size() - len || s.size() - len + 1 - from < 32)
    return find_word(s, w, from);
  const std::size_t starts = s.size() - len + 1;  // w may start at [0, starts)
  const char* const p = s.data();
  const __m256i first = _mm256_set1_epi8(w.front()), last = _mm256_set1_epi8(w.back());
  std::size_t i = from;
  // Two windows a step (word_in_64_avx2(): one branch for 64 offsets where
  // no candidate is left, nearly all of them), the last offsets by one step
  // ending at the last (those looked at masked off): no loop of single
  // windows after it, whose end the processor missed once a search.
  if (starts - i >= 64) {
    for (; i + 64 <= starts; i += 64)
      if (const std::size_t at = word_in_64_avx2(p, i, 0, w, first, last); at != std::string_view::npos) return at;
    if (i < starts) return word_in_64_avx2(p, starts - 64, static_cast<unsigned>(i - (starts - 64)), w, first, last);
    return std::string_view::npos;
  }
  for (; i + 32 <= starts; i += 32)
    if (const std::size_t at = first_whole_word(p, i, word_ends_mask_avx2(p, i, len, first, last), w);
        at != std::string_view::npos)
      return at;
  if (i < starts) {
    // The last 32 offsets, those before i (looked at above) masked off.
    const std::size_t tail = starts - 32;
    const auto seen = static_cast<unsigned>(i - tail);  // < 32
    return first_whole_word(p, tail, word_ends_mask_avx2(p, tail, len, first, last) >> seen << seen, w);
  }
  return std::string_view::npos;
}
#endif

// text holds clause as a whole clause that starts before byte `before`: at
// the text's start or after a punctuation mark, and ending at a punctuation
// mark, or at the text's end when end_closes (the text is whole, not a piece
// cut short). How a headline taken from its lead is told (两国有着长期友好的合作
// / …他表示，两国有着长期友好的合作。). find: find_word() or a search that
// answers as it does.
template <class Find>
inline bool holds_clause_by(std::string_view text, std::string_view clause, std::size_t before, bool end_closes,
                            Find find) {
  if (clause.empty()) return false;
  const std::string_view searched = text.substr(0, std::min(text.size(), before + clause.size()));
  for (std::size_t at = find(searched, clause, 0); at != std::string_view::npos && at < before;
       at = find(searched, clause, at + 1)) {
    const std::size_t end = at + clause.size();
    const bool opens = at == 0 || (char_flags(decode_before(text, at).cp) & kPunct) != 0;
    const bool closes = end == text.size() ? end_closes : (char_flags(decode_at(text, end).cp) & kPunct) != 0;
    if (opens && closes) return true;
  }
  return false;
}
inline bool holds_clause(std::string_view text, std::string_view clause, std::size_t before, bool end_closes) {
  return holds_clause_by(text, clause, before, end_closes,
                         [](std::string_view s, std::string_view w, std::size_t from) { return find_word(s, w, from); });
}

// find_word(), 32 offsets at a time where the processor has AVX2 (asked
// once, see cpu.hpp): the search repair and segmentation call.
inline std::size_t find_word_fast(std::string_view s, std::string_view w, std::size_t from) noexcept {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  if (cpu_has_avx2()) return find_word_avx2(s, w, from);
#endif
  return find_word(s, w, from);
}

}  // namespace huozi::text
