// De-interleaving: pdftotext in its default (reading-order) mode reads the
// columns of a loosely leaded page row by row: the first line of column A,
// the first line of column B, ..., then the second line of A, of B, ... Two
// columns whose lines share a baseline even come out run together on one
// line, a space between them. Repair decides breaks between the lines of one
// column, so here the lines are first put back into their columns (streams):
// the order repair then walks, each column's lines one after the other.
//
// Only where the evidence is strong: a stretch of the page whose lines
// follow each other much better every K lines (K = 2..8) than line by line.
// Everywhere else the order is the page's own, and the lines are untouched.
// Linear: lines x K.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "huozi/repair/line.hpp"

namespace huozi::repair {

struct StreamOrder {
  // Indices into lines of the non-blank lines, in the order repair walks
  // them: the page's order, except inside interleaved stretches, where the
  // lines of each column follow each other.
  std::vector<std::uint32_t> order;
  bool found = false;  // any interleaved stretch (else order is the page's order)
};

// Finds interleaved stretches in lines (non-blank lines in page order),
// splits their run-together lines in place (the pieces share the physical
// line) and returns the order to walk the lines in. `squeeze`: widths are
// measured with squeezed punctuation (see adjusted_width).
StreamOrder deinterleave(std::string_view text, std::vector<LineInfo>& lines, bool squeeze);

// The cheap look that Deinterleave::kAuto takes at every page before the
// full test of deinterleave: a line of columns run together (wider than
// the page's columns, a space inside, falling into column-wide pieces at
// their spaces), or rows set off by blank lines as on loosely leaded
// pages. Pages interleaved without either (equal columns whose lines never
// share a baseline, tightly leaded) need Deinterleave::kOn. Reads the lines'
// measures, and the characters of lines wider than any column only.
bool worth_deinterleaving(std::string_view text, const std::vector<LineInfo>& lines, bool squeeze);

}  // namespace huozi::repair
