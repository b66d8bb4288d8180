#include "huozi/text/utf8.hpp"

#include <bit>

// AVX2 where the compiler can target it for one function and ask the
// processor at run time (GCC and Clang on x86-64), as the other AVX2 paths.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HUOZI_UTF8_AVX2 1
#include <immintrin.h>

#include "huozi/text/cpu.hpp"
#else
#define HUOZI_UTF8_AVX2 0
#endif

namespace huozi::text {

namespace detail {
std::optional<std::size_t> find_invalid_utf8_scalar(std::string_view s, std::size_t from) noexcept {
  // A tight validator (RFC 3629 ranges). Chinese text is mostly three-byte
  // sequences, Han and full-width punctuation alike: a lead byte E1-EC or
  // EE-EF takes any two continuation bytes, checked together; ASCII goes
  // eight bytes at a time once a run of it starts; everything else (E0, ED,
  // two- and four-byte sequences, errors) takes the full decode.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = from;
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
}  // namespace detail

#if HUOZI_UTF8_AVX2
namespace {

// The lookup method of Keiser and Lemire ("Validating UTF-8 In Less Than
// One Instruction Per Byte", 2021; simdjson and simdutf use it). Every
// error of UTF-8 but one kind shows in a pair of adjacent bytes, and three
// nibbles of the pair tell it: the first byte's high nibble, its low
// nibble, the second byte's high nibble. Each nibble is looked up
// (vpshufb, 32 at a time) in a 16-entry table of the errors, one bit each,
// that a pair with that nibble may be; a pair is wrong where all three
// lookups share a bit. The other kind, a third or fourth byte missing or
// one too many, is told from the bytes two and three back (kTwoConts).
constexpr std::uint8_t kTooShort = 1 << 0;   // 11______ 0_______, 11______ 11______: a lead byte, its continuation missing
constexpr std::uint8_t kTooLong = 1 << 1;    // 0_______ 10______: a continuation byte after ASCII
constexpr std::uint8_t kOverlong3 = 1 << 2;  // 11100000 100_____: E0 80-9F, below U+0800 in three bytes
constexpr std::uint8_t kTooLarge = 1 << 3;   // 11110100 1001____, 11110100 101_____: F4 90-BF, above U+10FFFF;
                                             // 11110101-11111111 (F5-FF) before 90-BF
constexpr std::uint8_t kSurrogate = 1 << 4;  // 11101101 101_____: ED A0-BF, U+D800-DFFF
constexpr std::uint8_t kOverlong2 = 1 << 5;  // 1100000_ 10______: C0, C1, below U+0080 in two bytes
constexpr std::uint8_t kTooLarge1000 = 1 << 6;  // 11110101-11111111 1000____: F5-FF before 80-8F
constexpr std::uint8_t kOverlong4 = 1 << 6;  // 11110000 1000____: F0 80-8F, below U+10000 in four bytes
                                             // (one bit with kTooLarge1000: F0 and F5-FF differ in
                                             // the low nibble, and F1-F4 80-8F has neither)
constexpr std::uint8_t kTwoConts = 1 << 7;   // 10______ 10______: right only as the third or fourth byte
// The errors a first byte's low nibble says nothing about: they depend on
// the high nibbles alone, so every low-nibble entry lets them through.
constexpr std::uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

// The 16 entries twice: vpshufb looks up within each 128-bit lane. An
// entry may hold bits of errors its nibble cannot make on its own: they
// fall away in the AND unless the other two nibbles allow them too (the
// kTooLarge bits of low nibbles 5-F count only under high nibble F).
#define HUOZI_TWICE(...) __VA_ARGS__, __VA_ARGS__
// By the first byte's high nibble: which kind of byte it is, and so which
// errors a pair starting with it can be.
alignas(32) constexpr std::uint8_t kByte1High[32] = {HUOZI_TWICE(
    // 0-7, ASCII: wrong only before a continuation byte.
    kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,
    // 8-B, a continuation byte: before another, right only as the third
    // or fourth byte (the bytes-back check decides).
    kTwoConts, kTwoConts, kTwoConts, kTwoConts,
    kTooShort | kOverlong2,                             // C, C0-CF: C0 and C1 are overlong leads
    kTooShort,                                          // D, D0-DF: any continuation fits
    kTooShort | kOverlong3 | kSurrogate,                // E: E0 and ED limit their second byte
    kTooShort | kTooLarge | kTooLarge1000 | kOverlong4  // F: F0 and F4 limit it, F5-FF are no leads
    )};
// By the first byte's low nibble: which lead within its kind (the lowest
// lead of each length may be overlong, F4 too large, ED a surrogate).
alignas(32) constexpr std::uint8_t kByte1Low[32] = {HUOZI_TWICE(
    kCarry | kOverlong3 | kOverlong2 | kOverlong4,    // 0: C0, E0, F0
    kCarry | kOverlong2,                              // 1: C1 (C1 BF is U+007F)
    kCarry, kCarry,                                   // 2-3: C2, E2, F2 ...: any continuation fits
    kCarry | kTooLarge,                               // 4: F4 (F4 8F BF BF is U+10FFFF, the last)
    kCarry | kTooLarge | kTooLarge1000,               // 5-C, E-F: F5-FF, wrong before any continuation
    kCarry | kTooLarge | kTooLarge1000,               // (and before ASCII or a lead: kTooShort)
    kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000 | kSurrogate,  // D: ED (kSurrogate only under high nibble E)
    kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000)};
// By the second byte's high nibble: ASCII or a lead where a continuation
// was due (kTooShort), or which range of continuation bytes: each range
// carries the errors that some first byte makes with it.
alignas(32) constexpr std::uint8_t kByte2High[32] = {HUOZI_TWICE(
    kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,  // 0-7: ASCII
    // 8, 80-8F: too low after E0 and F0, too large after F5-FF.
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,
    // 9, 90-9F: too low after E0 (F0 90 is U+10000), too large after F4.
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,
    // A-B, A0-BF: a surrogate after ED, too large after F4 (E0 A0 is U+0800).
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
    kTooShort, kTooShort, kTooShort, kTooShort)};  // C-F: a lead
#undef HUOZI_TWICE

[[gnu::target("avx2"), gnu::always_inline]] inline __m256i table(const std::uint8_t (&t)[32]) {
  return _mm256_load_si256(reinterpret_cast<const __m256i*>(t));
}
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i load(const unsigned char* p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}

// Nonzero in the lanes of the 32 bytes at q that are wrong, given the
// three before them (q[-3..-1], read: q[-1] is each byte's first of its
// pair, q[-2] and q[-3] the bytes two and three back, loaded unaligned
// rather than shifted in from the block before).
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i block_errors(const unsigned char* q, __m256i input) {
  // A byte must be a continuation (the third or fourth of its character)
  // where the byte two back is E0-FF or the one three back F0-FF: top bit
  // of a saturated subtraction. Such a byte and the one before are then
  // two continuations, kTwoConts, which is an error everywhere else.
  const __m256i third = _mm256_subs_epu8(load(q - 2), _mm256_set1_epi8(static_cast<char>(0xE0 - 0x80)));
  const __m256i fourth = _mm256_subs_epu8(load(q - 3), _mm256_set1_epi8(static_cast<char>(0xF0 - 0x80)));
  const __m256i must_continue = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(static_cast<char>(0x80)));
  // (vpsrlw shifts 16-bit lanes: the mask drops the neighbour's bits.)
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i prev1 = load(q - 1);
  const __m256i byte_1_high = _mm256_shuffle_epi8(table(kByte1High), _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble));
  const __m256i byte_1_low = _mm256_shuffle_epi8(table(kByte1Low), _mm256_and_si256(prev1, nibble));
  const __m256i byte_2_high = _mm256_shuffle_epi8(table(kByte2High), _mm256_and_si256(_mm256_srli_epi16(input, 4), nibble));
  const __m256i pair = _mm256_and_si256(_mm256_and_si256(byte_1_high, byte_1_low), byte_2_high);
  return _mm256_xor_si256(must_continue, pair);
}

// Nonzero where the 64 bytes at q are wrong, given the three before them
// (read). Lanes of an all-ASCII 64 (most of a page of English, few of
// Chinese: a cheap test) are nonzero only if the bytes before end in a
// character cut short: a lead byte among the last three that its sequence
// does not fit behind (F0-FF three back, E0-FF two, C0-FF one; each byte
// less the largest that is none, saturated, is nonzero where it is one).
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i chunk_errors(const unsigned char* q) {
  const __m256i a = load(q), b = load(q + 32);
  if (_mm256_movemask_epi8(_mm256_or_si256(a, b)) == 0) {
    alignas(32) static constexpr std::uint8_t kLastLead[32] = {
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1};
    return _mm256_subs_epu8(load(q - 32), table(kLastLead));
  }
  return _mm256_or_si256(block_errors(q, a), block_errors(q + 32, b));
}

// The length of the prefix of p[0, n) (n >= 64) that the blocks found
// right: a multiple of 64, the start of the first 64 bytes with an error,
// else the end of the last whole 64. Every character that ends before it
// is valid; its last character may be cut by it, and is unchecked if only
// its lead is there. 64 bytes a step: one ASCII test and one error test
// for two blocks.
[[gnu::target("avx2")]] std::size_t checked_prefix_avx2(const unsigned char* p, std::size_t n) {
  // The first 64 bytes read from a copy behind 32 zero bytes: before the
  // text, as if ASCII (and nothing read before p).
  alignas(32) unsigned char first[96] = {};
  __builtin_memcpy(first + 32, p, 64);
  if (const __m256i errors = chunk_errors(first + 32); !_mm256_testz_si256(errors, errors)) return 0;
  const unsigned char* q = p + 64;
  for (const unsigned char* last = p + n - 64; q <= last; q += 64)
    if (const __m256i errors = chunk_errors(q); !_mm256_testz_si256(errors, errors)) break;
  return static_cast<std::size_t>(q - p);
}

// Asked once, while the library's globals are initialised (before then,
// false: the scalar path, which gives the same answers).
const bool kHaveAvx2 = cpu_has_avx2();

}  // namespace
#endif

std::optional<std::size_t> find_invalid_utf8(std::string_view s) noexcept {
  std::size_t from = 0;
#if HUOZI_UTF8_AVX2
  if (s.size() >= 64 && kHaveAvx2) {
    // The blocks checked the text up to b, all but the character b - 1 is
    // in, which b may cut (a lead at b - 1 that misses its continuation is
    // only seen at b, by the 64 that failed). The scalar validator goes on from that
    // character's start, back from b - 1 over its continuation bytes
    // (three at most, as the blocks checked), with all before it valid: its
    // answer, the exact offset of the first error included, is the one it
    // would give from the start.
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t b = checked_prefix_avx2(p, s.size());
    if (b > 0) {
      from = b - 1;
      while (from > 0 && b - from < 4 && (p[from] & 0xC0) == 0x80) --from;
    }
  }
#endif
  return detail::find_invalid_utf8_scalar(s, from);
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
