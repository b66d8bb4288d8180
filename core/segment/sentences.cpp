#include "huozi/segment/sentences.hpp"

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// AVX2 where the compiler can target it for one function and ask the
// processor at run time (GCC and Clang on x86-64).
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HUOZI_SENTENCES_AVX2 1
#include <immintrin.h>
#else
#define HUOZI_SENTENCES_AVX2 0
#endif

#include "huozi/text/chars.hpp"
#include "huozi/text/cpu.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi::segment {
namespace {

// Can a sentence end start with this byte? '!', '?', or the lead byte of
// …‼⁇⁈⁉ (E2), 。(E3), ！？．(EF).
bool may_start_ender(unsigned char b) { return b == '!' || b == '?' || b == 0xE2 || b == 0xE3 || b == 0xEF; }

// The sentence ends as bytes (valid UTF-8, which is all segmentation sees):
//   。 E3 80 82   ！ EF BC 81   ？ EF BC 9F   ． EF BC 8E
//   … E2 80 A6   ‼ E2 80 BC   ⁇⁈⁉ E2 81 87..89   and ! ?
// The scans below find the offsets whose first and third bytes are one of
// these pairs (or ! or ?): the enders' offsets and a few others (kana such
// as あ E3 81 82, some symbols), never one of the commas, enumeration marks,
// quotes, colons and brackets Chinese text is full of. The caller decodes
// each one and decides, so a superset of the enders' offsets is enough.

#if defined(__SSE2__)
// The offsets among the 16 starting at p whose bytes (p[j], p[j + 2]) may
// start an ender, as a bit mask. Reads p[0..18).
inline unsigned ender_mask_sse2(const unsigned char* p) {
  const __m128i b0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i b2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2));
  auto eq = [](__m128i v, int b) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(b))); };
  const __m128i ascii = _mm_or_si128(eq(b0, '!'), eq(b0, '?'));
  const __m128i full_stop = _mm_and_si128(eq(b0, 0xE3), eq(b2, 0x82));
  const __m128i fullwidth =
      _mm_and_si128(eq(b0, 0xEF), _mm_or_si128(_mm_or_si128(eq(b2, 0x81), eq(b2, 0x9F)), eq(b2, 0x8E)));
  // 87..89: b2 - 0x87 (wrapping) below 3, as min(b2 - 0x87, 2) == b2 - 0x87.
  const __m128i d = _mm_sub_epi8(b2, _mm_set1_epi8(static_cast<char>(0x87)));
  const __m128i ques = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(2)), d);
  const __m128i general =
      _mm_and_si128(eq(b0, 0xE2), _mm_or_si128(_mm_or_si128(eq(b2, 0xA6), eq(b2, 0xBC)), ques));
  const __m128i hit = _mm_or_si128(_mm_or_si128(ascii, full_stop), _mm_or_si128(fullwidth, general));
  return static_cast<unsigned>(_mm_movemask_epi8(hit));
}
#endif

#if HUOZI_SENTENCES_AVX2
// The same for 32 offsets, by table lookups (the classic nibble method):
// each of the pairs above (and ! and ?) has a bit, the first byte's low and
// high nibbles look up the bits of the pairs it can start, the third byte's
// the bits of those it can end, and an offset is kept where a bit is left
// in all four. Exactly the offsets whose (first, third) bytes are one of
// the pairs, or whose byte is ! or ?. Bits: 0 (E3, 82); 1 (EF, 81 8E);
// 2 (EF, 9F); 3 (E2, A6); 4 (E2, BC); 5 (E2, 87..89); 6 '!'; 7 '?'.
struct EnderTables {
  __m256i low0, high0, low2, high2, nibble;
};

[[gnu::target("avx2")]] inline __m256i nibble_table(const std::uint8_t (&t)[16]) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t)));
}

[[gnu::target("avx2")]] inline EnderTables ender_tables() {
  static constexpr std::uint8_t kLow0[16] = {0, 0x40, 0x38, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x86};
  static constexpr std::uint8_t kHigh0[16] = {0, 0, 0x40, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x3F, 0};
  static constexpr std::uint8_t kLow2[16] = {0xC0, 0xC2, 0xC1, 0xC0, 0xC0, 0xC0, 0xC8, 0xE0,
                                             0xE0, 0xE0, 0xC0, 0xC0, 0xD0, 0xC0, 0xC2, 0xC4};
  static constexpr std::uint8_t kHigh2[16] = {0xC0, 0xC0, 0xC0, 0xC0, 0xC0, 0xC0, 0xC0, 0xC0,
                                              0xE3, 0xC4, 0xC8, 0xD0, 0xC0, 0xC0, 0xC0, 0xC0};
  return {nibble_table(kLow0), nibble_table(kHigh0), nibble_table(kLow2), nibble_table(kHigh2), _mm256_set1_epi8(0x0F)};
}

// The pair bits left at each of the 32 offsets at p (a byte per offset, 0
// where none). Reads p[0..34).
[[gnu::target("avx2")]] inline __m256i ender_bits_avx2(const unsigned char* p, const EnderTables& t) {
  const __m256i b0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i b2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 2));
  const __m256i first = _mm256_and_si256(
      _mm256_shuffle_epi8(t.low0, _mm256_and_si256(b0, t.nibble)),
      _mm256_shuffle_epi8(t.high0, _mm256_and_si256(_mm256_srli_epi16(b0, 4), t.nibble)));
  const __m256i third = _mm256_and_si256(
      _mm256_shuffle_epi8(t.low2, _mm256_and_si256(b2, t.nibble)),
      _mm256_shuffle_epi8(t.high2, _mm256_and_si256(_mm256_srli_epi16(b2, 4), t.nibble)));
  return _mm256_and_si256(first, third);
}
// Those bits as a mask of the offsets that keep one.
[[gnu::target("avx2")]] inline unsigned ender_bits_mask(__m256i bits) {
  const __m256i none = _mm256_cmpeq_epi8(bits, _mm256_setzero_si256());
  return ~static_cast<unsigned>(_mm256_movemask_epi8(none));
}
// Reads p[0..34).
[[gnu::target("avx2")]] inline unsigned ender_mask_avx2(const unsigned char* p, const EnderTables& t) {
  return ender_bits_mask(ender_bits_avx2(p, t));
}
#endif

// The first offset at or after i (and before n) where a sentence end may
// start, else n, a window of W offsets at a time (mask(p) gives the bits of
// offsets p .. p + W - 1 and reads W + 2 bytes). The last offsets are
// covered by one window ending at the end of the text (the offsets before i
// masked off), and the last two, where only ! or ? can start, one by one.
template <std::size_t W, class Mask>
[[gnu::always_inline]] inline std::size_t next_ender_windowed(const unsigned char* p, std::size_t i, std::size_t n,
                                                              Mask mask) {
  if (n >= W + 2) {
    for (; i + W + 2 <= n; i += W)
      if (const unsigned m = mask(p + i)) return i + static_cast<std::size_t>(__builtin_ctz(m));
    const std::size_t last = n - W - 2;  // the last window: offsets last .. n - 3
    if (i < n - 2) {
      const unsigned skip = static_cast<unsigned>(i - last);  // offsets already looked at (< W)
      if (const unsigned m = mask(p + last) >> skip << skip) return last + static_cast<std::size_t>(__builtin_ctz(m));
      i = n - 2;
    }
  }
  while (i < n && !may_start_ender(p[i])) ++i;
  return i;
}

// With SSE2 (every x86-64), 16 offsets at a time.
std::size_t next_possible_ender(const unsigned char* p, std::size_t i, std::size_t n) {
#if defined(__SSE2__)
  return next_ender_windowed<16>(p, i, n, ender_mask_sse2);
#else
  while (i < n && !may_start_ender(p[i])) ++i;
  return i;
#endif
}

#if HUOZI_SENTENCES_AVX2
// With AVX2 (where the processor has it): every offset the scan above would
// stop at, listed for the whole text in one pass, then n (a sentinel), in
// out (room for n + 1); returns how many before the sentinel. The splitting
// then steps through the list (see split_avx2()).
// Scanned one candidate at a time, the scan's loop ended at each
// candidate (a sentence's end: every hundred bytes or so), a branch the
// processor missed about once a sentence. Here each 64 offsets' mask is
// written out with no branch on what it holds: its first three offsets are
// stored whether there are that many or not, the count moving on only by
// those there are (more than three in 64 bytes, a run of …… or !!!, go
// round a loop).
// The same offsets as next_ender_windowed<32>(): full windows, the last
// window ending at the text's end (the offsets already covered masked
// off), the last two offsets and a text shorter than a window byte by byte.
// t: ender_tables(), set up once a text by the caller.
[[gnu::target("avx2")]] inline std::size_t list_possible_enders_avx2(const unsigned char* p, std::size_t n,
                                                                    const EnderTables& t, std::uint32_t* out) {
  constexpr std::size_t W = 32;
  std::size_t k = 0;
  auto put = [&](std::size_t base, std::uint64_t m) {
    for (int r = 0; r < 3; ++r) {
      // (ctz of m with its top bit set: the value stored where m is empty,
      // which the count does not take, and no undefined ctz(0).)
      out[k] = static_cast<std::uint32_t>(base + static_cast<std::size_t>(__builtin_ctzll(m | (std::uint64_t{1} << 63))));
      k += m != 0;
      m &= m - 1;
    }
    for (; m; m &= m - 1) out[k++] = static_cast<std::uint32_t>(base + static_cast<std::size_t>(__builtin_ctzll(m)));
  };
  std::size_t i = 0;
  if (n >= W + 2) {
    for (; i + 2 * W + 2 <= n; i += 2 * W)
      put(i, ender_mask_avx2(p + i, t) | static_cast<std::uint64_t>(ender_mask_avx2(p + i + W, t)) << 32);
    for (; i + W + 2 <= n; i += W) put(i, ender_mask_avx2(p + i, t));
    const std::size_t last = n - W - 2;  // the last window: offsets last .. n - 3
    if (i < n - 2) {
      const unsigned skip = static_cast<unsigned>(i - last);  // offsets already listed (< W)
      put(last, ender_mask_avx2(p + last, t) >> skip << skip);
      i = n - 2;
    }
  }
  for (; i < n; ++i) {
    out[k] = static_cast<std::uint32_t>(i);
    k += may_start_ender(p[i]);
  }
  out[k] = static_cast<std::uint32_t>(n);
  return k;
}
#endif

// The splitting both versions share; they differ in how they find the next
// byte a sentence end may start at (next_candidate(i): the first such
// position at or after i, or s.size()) and, with kFast, decode with
// next_char() (valid UTF-8) and do not decode the character that stopped a
// run of enders and closers twice.
template <bool kFast, class NextCandidate>
void split_into(std::string_view s, std::vector<Span>& out, NextCandidate next_candidate) {
  auto decode = [&](std::size_t p) { return kFast ? text::next_char(s, p) : text::decode_at(s, p); };
  // The flags table fetched once (char_flags() asks for it at each
  // character: a load the splitting loop could not keep, its writes to out
  // being to memory the compiler cannot tell from the table's pointer).
  const std::uint16_t* const bmp = text::bmp_flags();
  auto flags_of = [&](char32_t c) { return c < 0x10000 ? bmp[c] : text::char_flags(c); };
  // (kFast: a character led by E4..E9, U+4000..U+9FFF, is Han or a
  // hexagram sign, never an ender, closer or space: told by its first byte,
  // not decoded nor looked up in the flags table. It is what usually opens
  // a paragraph and follows an ender: a sentence's first character.)
  auto plain_han_at = [&](std::size_t p) {
    return kFast && static_cast<unsigned char>(s[p]) - 0xE4u <= 0xE9u - 0xE4u;
  };
  // Skip leading white space.
  auto skip_space = [&](std::size_t p) {
    while (p < s.size()) {
      if (plain_han_at(p)) break;
      auto d = decode(p);
      if (!(flags_of(d.cp) & text::kSpace)) break;
      p += d.len;
    }
    return p;
  };
  std::size_t start = skip_space(0), i = start;
  while (i < s.size()) {
    i = next_candidate(i);
    if (i >= s.size()) break;
    // (kFast: 。, most of the candidates, known by its bytes: an end, and no
    // decimal point. The rest decoded and looked up.)
    if (kFast && s.size() - i >= 3 && s[i] == '\xE3' && s[i + 1] == '\x80' && s[i + 2] == '\x82') {
      i += 3;
    } else {
      auto d = text::next_char(s, i);
      const auto f = flags_of(d.cp);
      bool is_end = f & text::kSentenceEnd;
      // A full stop between digits is a decimal point, not a sentence end.
      if (is_end && (d.cp == 0xFF0E || d.cp == '.') && i > 0 && i + d.len < s.size()) {
        auto prev = text::decode_before(s, i);
        auto next = decode(i + d.len);
        if ((flags_of(prev.cp) & text::kDigit) && (flags_of(next.cp) & text::kDigit)) is_end = false;
      }
      i += d.len;
      if (!is_end) continue;
    }
    // Absorb the run of enders and closers (。”）  ！？ …… ）).
    bool stopped_on_space = true;  // (or at the end): the next sentence's start is still to find
    while (i < s.size()) {
      if (plain_han_at(i)) {  // (the next sentence's first character, as a rule)
        stopped_on_space = false;
        break;
      }
      auto n = decode(i);
      const auto nf = flags_of(n.cp);
      if (!(nf & (text::kSentenceEnd | text::kClosing))) {
        stopped_on_space = (nf & text::kSpace) != 0;
        break;
      }
      i += n.len;
    }
    out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
    start = kFast && !stopped_on_space ? i : skip_space(i);
    i = start;
  }
  if (start < s.size()) out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(s.size())});
}

}  // namespace

namespace {

// Splits with the given scan for candidate offsets. The spans are collected
// in a buffer kept per thread and copied out at their final size: one
// allocation per paragraph instead of one per doubling.
template <class Scan>
const std::vector<Span>& split_with(std::string_view s, Scan scan) {
  thread_local std::vector<Span> out;
  out.clear();
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  split_into<true>(s, out, [&](std::size_t i) { return scan(bytes, i, s.size()); });
  return out;
}

#if HUOZI_SENTENCES_AVX2
// Asked once, while the library's globals are initialised.
const bool kHaveAvx2 = text::cpu_has_avx2();

// split_with() over the offsets list_possible_enders_avx2() lists (flatten:
// everything it calls inlined, in AVX2 code). The splitting asks for the
// first candidate at or after i, i only growing: a cursor in the list,
// moved past the candidates a run of enders and closers took in (the
// sentinel n stops it).
[[gnu::target("avx2"), gnu::flatten]] const std::vector<Span>& split_avx2(std::string_view s) {
  const EnderTables t = ender_tables();
  thread_local std::vector<std::uint32_t> candidates;
  // (Grown only, to the longest text split on the thread, at most
  // kMaxListedText + 1 entries: see split_sentences_scratch().)
  if (candidates.size() < s.size() + 1) candidates.resize(s.size() + 1);
  std::uint32_t* const listed = candidates.data();
  list_possible_enders_avx2(reinterpret_cast<const unsigned char*>(s.data()), s.size(), t, listed);
  std::size_t c = 0;
  return split_with(s, [listed, &c](const unsigned char*, std::size_t i, std::size_t) {
    while (listed[c] < i) ++c;
    return static_cast<std::size_t>(listed[c]);
  });
}
#endif

}  // namespace

std::vector<Span> split_sentences(std::string_view s) {
  const std::vector<Span>& spans = detail::split_sentences_scratch(s);
  return std::vector<Span>(spans.begin(), spans.end());
}

namespace detail {
const std::vector<Span>& split_sentences_scratch(std::string_view s) {
  // Every sentence end (。！？…．!? ‼⁇…) is found by its first and third
  // bytes; the others are skipped without decoding, 32 or 16 at a time.
#if HUOZI_SENTENCES_AVX2
  // (The AVX2 split lists a text's candidates first, four bytes each, in a
  // list kept per thread: up to kMaxListedText bytes of text, so that the
  // list stays under 4 MiB whatever the page; a longer text, a paragraph of
  // a megabyte, is split by the SSE2 scan, the same spans.)
  constexpr std::size_t kMaxListedText = std::size_t{1} << 20;
  if (kHaveAvx2 && s.size() <= kMaxListedText) return split_avx2(s);
#endif
  return split_with(s, next_possible_ender);
}
std::vector<Span> split_sentences_sse2(std::string_view s) {
  const std::vector<Span>& spans = split_with(s, next_possible_ender);
  return std::vector<Span>(spans.begin(), spans.end());
}
bool split_sentences_uses_avx2() noexcept {
#if HUOZI_SENTENCES_AVX2
  return kHaveAvx2;
#else
  return false;
#endif
}
}  // namespace detail

namespace reference {

// The byte-by-byte scan split_sentences() replaced, kept as the oracle its
// property test compares it with (tests/cpp/test_oracles.cpp).
std::vector<Span> split_sentences(std::string_view s) {
  std::vector<Span> out;
  // Every sentence end (。！？…．!? ‼⁇…) starts with one of these bytes; the
  // others are skipped one by one.
  auto may_end = [](unsigned char b) { return b == '!' || b == '?' || b == 0xE2 || b == 0xE3 || b == 0xEF; };
  split_into<false>(s, out, [&](std::size_t i) {
    while (i < s.size() && !may_end(static_cast<unsigned char>(s[i]))) ++i;
    return i;
  });
  return out;
}

}  // namespace reference

}  // namespace huozi::segment
