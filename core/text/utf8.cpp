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
// The bits a first byte's low nibble cannot rule out: the pairs whose first
// byte is told by its high nibble alone (ASCII, continuation, any lead).
constexpr std::uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

// The 16 entries twice: vpshufb looks up within each 128-bit lane.
#define HUOZI_TWICE(...) __VA_ARGS__, __VA_ARGS__
// By the first byte's high nibble: which kind of byte it is.
alignas(32) constexpr std::uint8_t kByte1High[32] = {HUOZI_TWICE(
    kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,  // 0-7: ASCII
    kTwoConts, kTwoConts, kTwoConts, kTwoConts,                                      // 8-B: continuation
    kTooShort | kOverlong2,                                                          // C: two-byte lead C0-CF
    kTooShort,                                                                       // D: two-byte lead D0-DF
    kTooShort | kOverlong3 | kSurrogate,                                             // E: three-byte lead
    kTooShort | kTooLarge | kTooLarge1000 | kOverlong4)};                            // F: four-byte lead, F5-FF
// By the first byte's low nibble: which lead byte within its kind.
alignas(32) constexpr std::uint8_t kByte1Low[32] = {HUOZI_TWICE(
    kCarry | kOverlong3 | kOverlong2 | kOverlong4,  // 0: C0, E0, F0
    kCarry | kOverlong2,                            // 1: C1
    kCarry, kCarry,                                 // 2-3: C2/E2/F2 ... no lower bound to break
    kCarry | kTooLarge,                             // 4: F4 (only its 90-BF are too large)
    kCarry | kTooLarge | kTooLarge1000,             // 5-7: F5-F7, wrong before any continuation
    kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,             // 8-C: F8-FC
    kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000 | kSurrogate,  // D: ED (and FD)
    kCarry | kTooLarge | kTooLarge1000,               // E-F: FE, FF
    kCarry | kTooLarge | kTooLarge1000)};
// By the second byte's high nibble: ASCII or a lead where a continuation
// was due, or which range of continuation bytes.
alignas(32) constexpr std::uint8_t kByte2High[32] = {HUOZI_TWICE(
    kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,  // 0-7: ASCII
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,  // 8: 80-8F
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,                   // 9: 90-9F
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,                   // A-B: A0-BF
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
    kTooShort, kTooShort, kTooShort, kTooShort)};  // C-F: a lead byte
#undef HUOZI_TWICE

// The 32 bytes before input's bytes, shifted in from prev by n (1-3): the
// bytes n back from each of input's.
template <int N>
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i bytes_back(__m256i input, __m256i prev) {
  return _mm256_alignr_epi8(input, _mm256_permute2x128_si256(prev, input, 0x21), 16 - N);
}

[[gnu::target("avx2"), gnu::always_inline]] inline __m256i table(const std::uint8_t (&t)[32]) {
  return _mm256_load_si256(reinterpret_cast<const __m256i*>(t));
}

// Nonzero in the lanes of input's bytes that are wrong, given the 32 bytes
// before (prev).
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i block_errors(__m256i input, __m256i prev) {
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i prev1 = bytes_back<1>(input, prev);
  const __m256i byte_1_high = _mm256_shuffle_epi8(table(kByte1High), _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble));
  const __m256i byte_1_low = _mm256_shuffle_epi8(table(kByte1Low), _mm256_and_si256(prev1, nibble));
  const __m256i byte_2_high = _mm256_shuffle_epi8(table(kByte2High), _mm256_and_si256(_mm256_srli_epi16(input, 4), nibble));
  const __m256i pair = _mm256_and_si256(_mm256_and_si256(byte_1_high, byte_1_low), byte_2_high);
  // A byte must be a continuation (the third or fourth of its character)
  // where the byte two back is E0-FF or the one three back F0-FF: top bit
  // of a saturated subtraction. Such a byte and the one before are then
  // two continuations, kTwoConts, which is an error everywhere else.
  const __m256i third = _mm256_subs_epu8(bytes_back<2>(input, prev), _mm256_set1_epi8(static_cast<char>(0xE0 - 0x80)));
  const __m256i fourth = _mm256_subs_epu8(bytes_back<3>(input, prev), _mm256_set1_epi8(static_cast<char>(0xF0 - 0x80)));
  const __m256i must_continue = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(static_cast<char>(0x80)));
  return _mm256_xor_si256(must_continue, pair);
}

// The length of the prefix of p[0, n) that the blocks found right: a
// multiple of 64, the start of the first 64 bytes with an error, else the
// end of the last whole 64. Every character that ends before it is valid;
// its last character may be cut by it (and is unchecked if it is one byte).
[[gnu::target("avx2")]] std::size_t checked_prefix_avx2(const unsigned char* p, std::size_t n) {
  // Each block's last three bytes: lanes nonzero where a character starts
  // there that the block does not finish (F0-FF, E0-FF, C0-FF), checked
  // only when the next 64 bytes are ASCII (else their pairs tell).
  alignas(32) static constexpr std::uint8_t kLastLead[32] = {
      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1};
  const __m256i last_lead = table(kLastLead);
  __m256i prev = _mm256_setzero_si256();  // before the text: as if ASCII
  __m256i prev_cut = _mm256_setzero_si256();
  std::size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 32));
    __m256i errors = prev_cut;
    if (_mm256_movemask_epi8(_mm256_or_si256(a, b)) != 0) {
      errors = _mm256_or_si256(block_errors(a, prev), block_errors(b, a));
      prev_cut = _mm256_subs_epu8(b, last_lead);
    }
    if (!_mm256_testz_si256(errors, errors)) break;
    prev = b;
  }
  return i;
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
    // The blocks checked the text up to b, all but a character that b may
    // cut: the scalar validator goes on from that character's start (back
    // over its continuation bytes, three at most), so its answer, the
    // exact offset of the first error included, is the one it would give
    // from the start.
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
