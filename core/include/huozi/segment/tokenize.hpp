// Word tokenization of Chinese text, in two modes that share one set of
// newspaper rules.
//
//   * ICU mode (no word list): ICU's dictionary word break (the CJK
//     dictionary that ships with ICU) segments runs of Han and kana.
//   * Dictionary mode (a user's word list, e.g. the PKU training words): a
//     double-array trie over the words and, per run of Han, the segmentation
//     with the fewest words among all paths through the dictionary DAG (on
//     a tie, the longer words go to the right, as backward maximum matching
//     has them). No model files, no frequencies.
//
// Around those engines the same rules apply in both modes, as newspaper word
// standards (PKU) do: a number stays with its unit or magnitude (`2001年`,
// `12月`, `31日`, `55.6%`, `3.5万`), digit runs (ASCII or full width) and
// Latin words stay whole, a run of dashes (`——`) or of ellipses (`……`) is one
// token, every other punctuation mark is a token of its own, and white space
// (incl. U+3000 and format characters such as ZWSP and BOM) is no token.
//
// Tokens are [start, end) byte offsets into the input, in order, never
// overlapping, never splitting a UTF-8 sequence (an invalid byte is a
// character of its own); together they cover every non-space character
// exactly once. Linear time in both modes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "huozi/error.hpp"
#include "huozi/model.hpp"

namespace huozi::segment {

namespace detail {
struct DictionaryData;  // the trie and character map; see tokenize_dict.cpp
}

// An immutable word list compiled into a double-array trie. Built once, then
// copied and shared freely (copies share the same data; safe to use from
// many threads at once). Its words are matched inside runs of Han and kana
// only: digits, Latin and punctuation follow the rules above whatever the
// list holds (the PKU list writes digits full width; the text need not).
class Dictionary {
 public:
  // One word per line (UTF-8, with or without BOM; CRLF or LF). Leading and
  // trailing white space is trimmed; empty lines are skipped; anything after
  // the first space or tab on a line (a frequency, a tag, as in jieba's
  // dict.txt) is ignored. Errors: kIo (unreadable file), kInvalidUtf8 (with
  // the byte offset of the bad line in the file).
  static Result<Dictionary> from_file(const std::string& path);
  // The same rules for a list of words already in memory. Errors:
  // kInvalidUtf8 (offset = index of the bad word).
  static Result<Dictionary> from_words(const std::vector<std::string_view>& words);
  // The word list as text, one word per line (what from_file reads).
  static Result<Dictionary> from_text(std::string_view text);

  std::size_t size() const noexcept;            // distinct words
  std::size_t max_word_chars() const noexcept;  // longest word, in characters
  std::size_t memory_bytes() const noexcept;    // trie + character map
  bool contains(std::string_view word) const noexcept;

  const detail::DictionaryData& data() const noexcept { return *data_; }

 private:
  explicit Dictionary(std::shared_ptr<const detail::DictionaryData> data) : data_(std::move(data)) {}
  std::shared_ptr<const detail::DictionaryData> data_;
};

// ICU mode. Errors: kLimitExceeded for input of 4 GiB or more (offsets are
// 32-bit), kIo when ICU's break-iterator data cannot be loaded.
Result<std::vector<Span>> tokenize(std::string_view text);
// Dictionary mode. Errors: kLimitExceeded as above.
Result<std::vector<Span>> tokenize(std::string_view text, const Dictionary& dictionary);

// Appending variants for batch work: tokens of `text` are appended to `out`
// (offsets relative to `text`), so one vector can be reused across calls.
Result<std::size_t> tokenize_into(std::string_view text, std::vector<Span>& out);
Result<std::size_t> tokenize_into(std::string_view text, const Dictionary& dictionary, std::vector<Span>& out);

// Convenience: the tokens as strings (copies of the input bytes).
std::vector<std::string> token_strings(std::string_view text, const std::vector<Span>& tokens);

}  // namespace huozi::segment
