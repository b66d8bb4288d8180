#include "huozi/segment/sentences.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "huozi/text/chars.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi::segment {
namespace {

// Can a sentence end start with this byte? '!', '?', or the lead byte of
// …‼⁇⁈⁉ (E2), 。(E3), ！？．(EF).
bool may_start_ender(unsigned char b) { return b == '!' || b == '?' || b == 0xE2 || b == 0xE3 || b == 0xEF; }

// The first offset at or after i (and before n) whose byte may start a
// sentence end, else n. Sixteen bytes at a time where SSE2 is there (every
// x86-64): most of a paragraph is Han, whose bytes never match.
std::size_t next_possible_ender(const unsigned char* p, std::size_t i, std::size_t n) {
#if defined(__SSE2__)
  const __m128i bang = _mm_set1_epi8('!'), question = _mm_set1_epi8('?');
  const __m128i e3 = _mm_set1_epi8(static_cast<char>(0xE3)), ef = _mm_set1_epi8(static_cast<char>(0xEF));
  const __m128i low_bit = _mm_set1_epi8(1);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i ascii = _mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, question));
    // E2 and E3 differ in the low bit only.
    const __m128i lead = _mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(v, low_bit), e3), _mm_cmpeq_epi8(v, ef));
    const int mask = _mm_movemask_epi8(_mm_or_si128(ascii, lead));
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (i < n && !may_start_ender(p[i])) ++i;
  return i;
}

}  // namespace

std::vector<Span> split_sentences(std::string_view s) {
  // The spans are collected in a buffer kept per thread and copied out at
  // their final size: one allocation per paragraph instead of one per
  // doubling.
  thread_local std::vector<Span> out;
  out.clear();
  std::size_t start = 0, i = 0;
  // Skip leading white space.
  auto skip_space = [&](std::size_t p) {
    while (p < s.size()) {
      auto d = text::decode_at(s, p);
      if (!text::is_space(d.cp)) break;
      p += d.len;
    }
    return p;
  };
  start = skip_space(0);
  i = start;
  // Every sentence end (。！？…．!? ‼⁇…) starts with one of the bytes
  // may_start_ender() looks for; the others are skipped without decoding.
  // Continuation bytes are never among them, so the scan always stops on a
  // character boundary.
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    i = next_possible_ender(bytes, i, s.size());
    if (i >= s.size()) break;
    auto d = text::next_char(s, i);
    const auto f = text::char_flags(d.cp);
    bool is_end = f & text::kSentenceEnd;
    // A full stop between digits is a decimal point, not a sentence end.
    if (is_end && (d.cp == 0xFF0E || d.cp == '.') && i > 0 && i + d.len < s.size()) {
      auto prev = text::decode_before(s, i);
      auto next = text::decode_at(s, i + d.len);
      if ((text::char_flags(prev.cp) & text::kDigit) && (text::char_flags(next.cp) & text::kDigit)) is_end = false;
    }
    i += d.len;
    if (!is_end) continue;
    // Absorb the run of enders and closers (。”）  ！？ …… ）).
    while (i < s.size()) {
      auto n = text::decode_at(s, i);
      const auto nf = text::char_flags(n.cp);
      if (!(nf & (text::kSentenceEnd | text::kClosing))) break;
      i += n.len;
    }
    out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
    start = skip_space(i);
    i = start;
  }
  if (start < s.size()) out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(s.size())});
  return std::vector<Span>(out.begin(), out.end());
}

namespace reference {

// The byte-by-byte scan split_sentences() replaced, kept as the oracle its
// property test compares it with (tests/cpp/test_oracles.cpp).
std::vector<Span> split_sentences(std::string_view s) {
  std::vector<Span> out;
  std::size_t start = 0, i = 0;
  // Skip leading white space.
  auto skip_space = [&](std::size_t p) {
    while (p < s.size()) {
      auto d = text::decode_at(s, p);
      if (!text::is_space(d.cp)) break;
      p += d.len;
    }
    return p;
  };
  start = skip_space(0);
  i = start;
  // Every sentence end (。！？…．!? ‼⁇…) starts with one of these bytes; the
  // others are skipped without decoding. Continuation bytes are never among
  // them, so the scan always stops on a character boundary.
  auto may_end = [](unsigned char b) { return b == '!' || b == '?' || b == 0xE2 || b == 0xE3 || b == 0xEF; };
  while (i < s.size()) {
    if (!may_end(static_cast<unsigned char>(s[i]))) { ++i; continue; }
    auto d = text::next_char(s, i);
    const auto f = text::char_flags(d.cp);
    bool is_end = f & text::kSentenceEnd;
    // A full stop between digits is a decimal point, not a sentence end.
    if (is_end && (d.cp == 0xFF0E || d.cp == '.') && i > 0 && i + d.len < s.size()) {
      auto prev = text::decode_before(s, i);
      auto next = text::decode_at(s, i + d.len);
      if ((text::char_flags(prev.cp) & text::kDigit) && (text::char_flags(next.cp) & text::kDigit)) is_end = false;
    }
    i += d.len;
    if (!is_end) continue;
    // Absorb the run of enders and closers (。”）  ！？ …… ）).
    while (i < s.size()) {
      auto n = text::decode_at(s, i);
      const auto nf = text::char_flags(n.cp);
      if (!(nf & (text::kSentenceEnd | text::kClosing))) break;
      i += n.len;
    }
    out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
    start = skip_space(i);
    i = start;
  }
  if (start < s.size()) out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(s.size())});
  return out;
}

}  // namespace reference

}  // namespace huozi::segment
