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

}  // namespace huozi::segment
