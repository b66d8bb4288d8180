// Page segmentation: repaired units become articles (kicker, title, subtitle,
// authors, blocks) and page debris. Works for both layouts: title block before
// its body, or after it (as on the bundled sample), decided per title group by
// which neighbouring body the title's words come from.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "huozi/model.hpp"
#include "huozi/repair/repair.hpp"

namespace huozi::segment {

struct SegmentOptions {
  bool sentences = true;  // fill Block::sentences
};

// For each article (by index), the repaired units its kicker, title,
// subtitle and blocks came from: field extraction scans these. Kept in one
// list for the page, article after article: a list of its own for each
// article was a heap block to make and free per article.
class ArticleUnits {
 public:
  // The units of article i (i < size()).
  std::span<const repair::RepairedUnit* const> operator[](std::size_t i) const noexcept {
    const std::size_t from = i == 0 ? 0 : ends_[i - 1];
    return std::span<const repair::RepairedUnit* const>(units_).subspan(from, ends_[i] - from);
  }
  // The number of articles.
  std::size_t size() const noexcept { return ends_.size(); }
  bool empty() const noexcept { return ends_.empty(); }

  // Built article by article: its units added, then the article closed.
  void reserve(std::size_t articles, std::size_t units) {
    ends_.reserve(articles);
    units_.reserve(units);
  }
  void add(const repair::RepairedUnit* unit) { units_.push_back(unit); }
  // A unit of which the article holds a part only (a heading line whose
  // headlines went to two articles): its fields are the ones that start in
  // that source range.
  void add(const repair::RepairedUnit* unit, Span part) {
    parts_.push_back({static_cast<std::uint32_t>(units_.size()), part});
    units_.push_back(unit);
  }
  void close_article() { ends_.push_back(static_cast<std::uint32_t>(units_.size())); }

  // The part of unit k of article i that the article holds; nullopt: all of it.
  std::optional<Span> part(std::size_t i, std::size_t k) const noexcept {
    if (parts_.empty()) return std::nullopt;  // (most pages)
    const auto index = static_cast<std::uint32_t>((i == 0 ? 0 : ends_[i - 1]) + k);
    const auto at = std::lower_bound(parts_.begin(), parts_.end(), index,
                                     [](const UnitPart& p, std::uint32_t x) { return p.index < x; });
    if (at == parts_.end() || at->index != index) return std::nullopt;
    return at->part;
  }

 private:
  struct UnitPart {
    std::uint32_t index;  // in units_
    Span part;
  };
  std::vector<const repair::RepairedUnit*> units_;  // all articles' units, in article order
  std::vector<std::uint32_t> ends_;                 // where each article's units end in units_
  std::vector<UnitPart> parts_;                     // units held in part, by index (rare)
};

// Appends articles and debris to page (page.text must be the source text).
// Segmentation reads valid UTF-8 only (repair_page's result on valid text:
// see repair_page); its byline and heading tests decode without checks.
ArticleUnits segment_page(const repair::RepairResult& repaired, Page& page, const SegmentOptions& options = {});
// The same for a caller that drops the repair result after segmentation
// (the pipeline without field extraction): each block takes its unit's text
// instead of a copy of it (one allocation, copy and free less per block).
// The output is the same; the texts of the units that become blocks are
// left empty, so no units are returned.
void segment_page(repair::RepairResult&& repaired, Page& page, const SegmentOptions& options = {});

namespace detail {
// The width a body unit's own lines were set to and the number of inner
// lines it was taken on (see repair::own_column_width()), measured from the
// unit's source map: the lines its text was copied from. Segmentation's
// measure where repair did not take RepairedUnit::own_width (and, with the
// reference paths, everywhere): the oracle of repair's figure.
std::pair<int, int> own_width(const repair::RepairResult& repaired, const repair::RepairedUnit& unit);

// For the oracle tests: while set on a thread, segmentation on that thread
// takes the plain versions of its fast paths (sentences split by the byte
// scan, the title–lead evidence built text by text), so that whole results
// can be compared. Off by default; nothing else sets it.
bool reference_paths() noexcept;
void set_reference_paths(bool on) noexcept;

// The title–lead evidence segmentation weighs a title group by, for the
// oracle tests: the share of the group's distinct Han bigrams (its lines run
// together) found in the lead (the first 64 Han bigrams) of the body before
// it and of the body after it (0 where that body has no texts), and, for a
// group of 2 to 8 lines with both bodies, for each cut k (1 <= k < n, at
// index k - 1) the share of lines [0, k) in the lead before and of lines
// [k, n) in the lead after.
struct TitleEvidence {
  double before = 0, after = 0;
  std::vector<double> cut_before, cut_after;
  friend bool operator==(const TitleEvidence&, const TitleEvidence&) = default;
};
TitleEvidence title_evidence(const std::vector<std::string_view>& lines,
                             const std::vector<std::string_view>& body_before,
                             const std::vector<std::string_view>& body_after);
}  // namespace detail

namespace reference {
// The same, each text (the group, each cut's two parts) built and matched
// on its own: the oracle of the tests.
detail::TitleEvidence title_evidence(const std::vector<std::string_view>& lines,
                                     const std::vector<std::string_view>& body_before,
                                     const std::vector<std::string_view>& body_after);
}  // namespace reference

}  // namespace huozi::segment
