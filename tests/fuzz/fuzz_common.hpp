// Shared checks for the libFuzzer targets: every span inside the text and on
// a UTF-8 character boundary. A failed check aborts, which libFuzzer reports
// as a crash and keeps as a crasher input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "huozi/model.hpp"

namespace huozi::fuzz {

inline bool boundary(std::string_view s, std::size_t i) {
  return i == s.size() || (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80);
}

inline void check_span(std::string_view text, Span sp, const char* what) {
  if (sp.start > sp.end || sp.end > text.size() || !boundary(text, sp.start) || !boundary(text, sp.end)) {
    std::fprintf(stderr, "bad %s span [%u, %u) in a text of %zu bytes\n", what, sp.start, sp.end, text.size());
    std::abort();
  }
}

inline void check_page(const Page& page) {
  const std::string_view t = page.text;
  for (const Article& a : page.articles) {
    check_span(t, a.span, "article");
    for (const auto* h : {&a.kicker, &a.title, &a.subtitle})
      if (*h) check_span(t, (*h)->span, "heading");
    for (const Author& au : a.authors) check_span(t, au.span, "author");
    for (const Block& b : a.blocks) {
      check_span(t, b.span, "block");
      for (const Span& s : b.sentences) check_span(b.text, s, "sentence");
    }
    for (const Field& f : a.fields) check_span(t, f.span, "field");
    for (const Credit& c : a.credits) check_span(t, c.span, "credit");
  }
  for (const Debris& d : page.debris) check_span(t, d.span, "debris");
}

}  // namespace huozi::fuzz
