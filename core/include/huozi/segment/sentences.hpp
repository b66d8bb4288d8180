// Sentence boundaries inside a repaired paragraph: after 。！？… (and runs of
// them), keeping closing quotes and brackets with the sentence they close;
// never inside a number (92.7%).
#pragma once

#include <string_view>
#include <vector>

#include "huozi/model.hpp"

namespace huozi::segment {

// text must be valid UTF-8, as everything segmentation sees is (repaired
// from decoded text).
std::vector<Span> split_sentences(std::string_view text);

// The plain byte-by-byte version, same results on valid UTF-8: the oracle of
// the tests.
namespace reference {
std::vector<Span> split_sentences(std::string_view text);
}

// For the oracle tests: split_sentences() scans 32 bytes at a time where the
// processor has AVX2, else 16 (SSE2) or one; this is the 16-byte scan
// (the byte scan where there is no SSE2), whatever the processor.
namespace detail {
// split_sentences() without the copy: the spans in a buffer of the calling
// thread, valid until its next call.
const std::vector<Span>& split_sentences_scratch(std::string_view text);
std::vector<Span> split_sentences_sse2(std::string_view text);
bool split_sentences_uses_avx2() noexcept;
}  // namespace detail

}  // namespace huozi::segment
