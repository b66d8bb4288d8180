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

}  // namespace huozi::segment
