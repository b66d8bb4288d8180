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

// The first offset at or after i (and before n) where a sentence end may
// start, else n. A superset of the enders' offsets is enough: the caller
// decodes each one and decides. Where SSE2 is there (every x86-64), sixteen
// offsets at a time: first their lead bytes, and where there are some, the
// enders' byte patterns as next_char() decodes them (lead byte, then the low
// six bits of the two continuation bytes), so that commas, quotes and 、 are
// passed over too:
//   。 E3 00 02   ！ EF 3C 01   ？ EF 3C 1F   ． EF 3C 0E
//   … E2 00 26   ‼ E2 00 3C   ⁇⁈⁉ E2 01 07..09   and ! ?
// The last bytes of the text go one at a time, by lead byte only.
std::size_t next_possible_ender(const unsigned char* p, std::size_t i, std::size_t n) {
#if defined(__SSE2__)
  const __m128i bang = _mm_set1_epi8('!'), question = _mm_set1_epi8('?');
  const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2)), e3 = _mm_set1_epi8(static_cast<char>(0xE3));
  const __m128i ef = _mm_set1_epi8(static_cast<char>(0xEF)), low_bit = _mm_set1_epi8(1);
  const __m128i low6 = _mm_set1_epi8(0x3F);
  auto splat = [](int b) { return _mm_set1_epi8(static_cast<char>(b)); };
  auto eq = [](__m128i v, __m128i b) { return _mm_cmpeq_epi8(v, b); };
  for (; i + 18 <= n; i += 16) {
    const __m128i b0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // First the lead bytes alone (E2 and E3 differ in the low bit only):
    // most sixteen-byte stretches of Han text have none.
    const __m128i ascii = _mm_or_si128(eq(b0, bang), eq(b0, question));
    const __m128i lead = _mm_or_si128(eq(_mm_or_si128(b0, low_bit), e3), eq(b0, ef));
    if (_mm_movemask_epi8(_mm_or_si128(ascii, lead)) == 0) continue;
    // Then the whole patterns.
    const __m128i b1 = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1)), low6);
    const __m128i b2 = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 2)), low6);
    const __m128i full_stop = _mm_and_si128(_mm_and_si128(eq(b0, e3), eq(b1, splat(0x00))), eq(b2, splat(0x02)));
    const __m128i fullwidth = _mm_and_si128(
        _mm_and_si128(eq(b0, ef), eq(b1, splat(0x3C))),
        _mm_or_si128(_mm_or_si128(eq(b2, splat(0x01)), eq(b2, splat(0x1F))), eq(b2, splat(0x0E))));
    const __m128i general_20 = _mm_and_si128(eq(b1, splat(0x00)), _mm_or_si128(eq(b2, splat(0x26)), eq(b2, splat(0x3C))));
    const __m128i general_21 = _mm_and_si128(
        eq(b1, splat(0x01)), _mm_or_si128(_mm_or_si128(eq(b2, splat(0x07)), eq(b2, splat(0x08))), eq(b2, splat(0x09))));
    const __m128i general = _mm_and_si128(eq(b0, e2), _mm_or_si128(general_20, general_21));
    const __m128i hit = _mm_or_si128(_mm_or_si128(ascii, full_stop), _mm_or_si128(fullwidth, general));
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (i < n && !may_start_ender(p[i])) ++i;
  return i;
}

// The splitting both versions share; they differ only in how they find the
// next byte a sentence end may start at (next_candidate(i): the first such
// position at or after i, or s.size()).
template <class NextCandidate>
void split_into(std::string_view s, std::vector<Span>& out, NextCandidate next_candidate) {
  // Skip leading white space.
  auto skip_space = [&](std::size_t p) {
    while (p < s.size()) {
      auto d = text::decode_at(s, p);
      if (!text::is_space(d.cp)) break;
      p += d.len;
    }
    return p;
  };
  std::size_t start = skip_space(0), i = start;
  while (i < s.size()) {
    i = next_candidate(i);
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
}

}  // namespace

std::vector<Span> split_sentences(std::string_view s) {
  // The spans are collected in a buffer kept per thread and copied out at
  // their final size: one allocation per paragraph instead of one per
  // doubling.
  thread_local std::vector<Span> out;
  out.clear();
  // Every sentence end (。！？…．!? ‼⁇…) starts with one of the bytes
  // may_start_ender() looks for; the others are skipped without decoding,
  // 16 at a time. Continuation bytes are never among them, so the scan
  // always stops on a character boundary.
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  split_into(s, out, [&](std::size_t i) { return next_possible_ender(bytes, i, s.size()); });
  return std::vector<Span>(out.begin(), out.end());
}

namespace reference {

// The byte-by-byte scan split_sentences() replaced, kept as the oracle its
// property test compares it with (tests/cpp/test_oracles.cpp).
std::vector<Span> split_sentences(std::string_view s) {
  std::vector<Span> out;
  // Every sentence end (。！？…．!? ‼⁇…) starts with one of these bytes; the
  // others are skipped one by one.
  auto may_end = [](unsigned char b) { return b == '!' || b == '?' || b == 0xE2 || b == 0xE3 || b == 0xEF; };
  split_into(s, out, [&](std::size_t i) {
    while (i < s.size() && !may_end(static_cast<unsigned char>(s[i]))) ++i;
    return i;
  });
  return out;
}

}  // namespace reference

}  // namespace huozi::segment
