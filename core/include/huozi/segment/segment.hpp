// Page segmentation: repaired units become articles (kicker, title, subtitle,
// authors, blocks) and page debris. Works for both layouts: title block before
// its body, or after it (as on the bundled sample), decided per title group by
// which neighbouring body the title's words come from.
#pragma once

#include <string_view>
#include <vector>

#include "huozi/model.hpp"
#include "huozi/repair/repair.hpp"

namespace huozi::segment {

struct SegmentOptions {
  bool sentences = true;  // fill Block::sentences
};

// For each article (by index), the repaired units its kicker, title,
// subtitle and blocks came from: field extraction scans these.
using ArticleUnits = std::vector<std::vector<const repair::RepairedUnit*>>;

// Appends articles and debris to page (page.text must be the source text).
ArticleUnits segment_page(const repair::RepairResult& repaired, Page& page, const SegmentOptions& options = {});

namespace detail {
// For the oracle tests: while set on a thread, segmentation on that thread
// takes the plain versions of its fast paths (sentences split by the byte
// scan), so that whole results can be compared. The title-attachment pass
// has no separate fast path: it scores every title group either way. Off by
// default; nothing else sets it.
bool reference_paths() noexcept;
void set_reference_paths(bool on) noexcept;
}  // namespace detail

}  // namespace huozi::segment
