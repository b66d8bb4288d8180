// Which vector instructions the processor running huozi has: the fast paths
// that use AVX2 (the column-width pass, the sentence-end scan, title–lead
// matching) are chosen once, at run time, by this one answer.
#pragma once

namespace huozi::text {

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// Asked once, on first use (the CPU model initialised first: a global
// constructor may ask before the runtime's own has run).
inline bool cpu_has_avx2() noexcept {
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return has;
}
#else
inline bool cpu_has_avx2() noexcept { return false; }
#endif

}  // namespace huozi::text
