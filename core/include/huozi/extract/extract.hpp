// Field extraction: dates, times, money, percentages, quantities, phones, IDs,
// e-mails, URLs, organizations, places. One left-to-right scan over a
// repaired text; offsets are byte offsets into that text (the pipeline maps
// them back to the source).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huozi/model.hpp"

namespace huozi::extract {

struct CivilDate {
  int year = 0, month = 0, day = 0;
};

// Parses YYYY-MM-DD; nullopt if malformed or not a real date.
std::optional<CivilDate> parse_iso_date(std::string_view s);

struct ExtractContext {
  std::optional<CivilDate> page_date;  // the reference for relative dates
  int default_year = 0;                // inferred from full dates on the page when no page date
};

struct FieldMatch {
  FieldType type = FieldType::kDate;
  std::size_t begin = 0, end = 0;  // byte offsets into the scanned text
  FieldValue value;
  std::string unit;
  std::string currency;
  bool approx = false;
};

std::vector<FieldMatch> extract_fields(std::string_view text, const ExtractContext& ctx);

// The latest year among full dates (2020年2月7日, 2019年11月) in the texts, or 0.
int infer_year(const std::vector<std::string_view>& texts);

}  // namespace huozi::extract
