#include "huozi/segment/sentences.hpp"

#include "huozi/text/chars.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi::segment {

std::vector<Span> split_sentences(std::string_view s) {
  std::vector<Span> out;
  std::size_t start = 0, i = 0;
  // Skip leading white space.
  auto skip_space = [&](std::size_t p) {
    while (p < s.size()) {
      auto d = text::decode_at(s, p);
      if (!text::is_space(d.cp)) break;
      p += d.len;
    }
    return p;
  };
  start = skip_space(0);
  i = start;
  // Every sentence end (。！？…．!? ‼⁇…) starts with one of these bytes; the
  // others are skipped without decoding. Continuation bytes are never among
  // them, so the scan always stops on a character boundary.
  auto may_end = [](unsigned char b) { return b == '!' || b == '?' || b == 0xE2 || b == 0xE3 || b == 0xEF; };
  while (i < s.size()) {
    if (!may_end(static_cast<unsigned char>(s[i]))) { ++i; continue; }
    auto d = text::next_char(s, i);
    const auto f = text::char_flags(d.cp);
    bool is_end = f & text::kSentenceEnd;
    // A full stop between digits is a decimal point, not a sentence end.
    if (is_end && (d.cp == 0xFF0E || d.cp == '.') && i > 0 && i + d.len < s.size()) {
      auto prev = text::decode_before(s, i);
      auto next = text::decode_at(s, i + d.len);
      if ((text::char_flags(prev.cp) & text::kDigit) && (text::char_flags(next.cp) & text::kDigit)) is_end = false;
    }
    i += d.len;
    if (!is_end) continue;
    // Absorb the run of enders and closers (。”）  ！？ …… ）).
    while (i < s.size()) {
      auto n = text::decode_at(s, i);
      const auto nf = text::char_flags(n.cp);
      if (!(nf & (text::kSentenceEnd | text::kClosing))) break;
      i += n.len;
    }
    out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
    start = skip_space(i);
    i = start;
  }
  if (start < s.size()) out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(s.size())});
  return out;
}

}  // namespace huozi::segment
