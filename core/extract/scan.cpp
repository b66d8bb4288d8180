#include "scan.hpp"

namespace huozi::extract::detail {

WordIndex::WordIndex(const std::vector<std::string_view>& words, Key key) : bmp_(0x10000 / 64, 0) {
  for (std::size_t k = 0; k < words.size(); ++k) {
    std::string_view w = words[k];
    if (w.empty()) continue;
    const char32_t c = key == Key::kFirst ? char_at(w, 0).cp : char_before(w, w.size()).cp;
    map_[c].push_back(static_cast<std::uint16_t>(k));
    if (c < 0x10000) bmp_[c >> 6] |= std::uint64_t{1} << (c & 63);
  }
}

const std::vector<std::uint16_t>& WordIndex::at(char32_t c) const {
  if (c < 0x10000 && !(bmp_[c >> 6] & (std::uint64_t{1} << (c & 63)))) return none_;
  auto it = map_.find(c);
  return it == map_.end() ? none_ : it->second;
}

}  // namespace huozi::extract::detail
