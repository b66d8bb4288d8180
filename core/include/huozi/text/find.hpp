// Searching short UTF-8 text for a word of Han characters, the one search
// repair and segmentation make over and over (page furniture, title lines in
// a lead). Header-only so that it inlines.
#pragma once

#include <algorithm>
#include <cstring>
#include <string_view>

#include "huozi/text/chars.hpp"
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

// text holds clause as a whole clause that starts before byte `before`: at
// the text's start or after a punctuation mark, and ending at a punctuation
// mark, or at the text's end when end_closes (the text is whole, not a piece
// cut short). How a headline taken from its lead is told (中古有着十分良好的关系
// / …他表示，中古有着十分良好的关系。).
inline bool holds_clause(std::string_view text, std::string_view clause, std::size_t before, bool end_closes) {
  if (clause.empty()) return false;
  const std::string_view searched = text.substr(0, std::min(text.size(), before + clause.size()));
  for (std::size_t at = find_word(searched, clause, 0); at != std::string_view::npos && at < before;
       at = find_word(searched, clause, at + 1)) {
    const std::size_t end = at + clause.size();
    const bool opens = at == 0 || (char_flags(decode_before(text, at).cp) & kPunct) != 0;
    const bool closes = end == text.size() ? end_closes : (char_flags(decode_at(text, end).cp) & kPunct) != 0;
    if (opens && closes) return true;
  }
  return false;
}

}  // namespace huozi::text
