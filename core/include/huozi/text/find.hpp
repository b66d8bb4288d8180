// Searching short UTF-8 text for a word of Han characters, the one search
// repair and segmentation make over and over (page furniture, title lines in
// a lead). Header-only so that it inlines.
#pragma once

#include <cstring>
#include <string_view>

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

}  // namespace huozi::text
