#include "huozi/pipeline.hpp"

#include <algorithm>
#include <cctype>

#include "huozi/extract/extract.hpp"
#include "huozi/segment/segment.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi {
namespace {

// Extracts the fields of one text (a block or a heading) and maps them to
// source offsets through the unit's source map.
void add_fields(const text::MappedText& mapped, const extract::ExtractContext& ctx, std::vector<Field>& out) {
  for (extract::FieldMatch& m : extract::extract_fields(mapped.view(), ctx)) {
    Field f;
    f.type = m.type;
    f.text = mapped.text().substr(m.begin, m.end - m.begin);
    f.value = std::move(m.value);
    f.span = mapped.source_span(m.begin, m.end);
    f.unit = std::move(m.unit);
    f.currency = std::move(m.currency);
    f.approx = m.approx;
    out.push_back(std::move(f));
  }
}

}  // namespace

const char* version() noexcept { return HUOZI_VERSION; }

Result<repair::RepairResult> repair_text(std::string_view text, const repair::RepairOptions& options) {
  if (auto bad = text::find_invalid_utf8(text)) return Error{ErrorCode::kInvalidUtf8, *bad, "invalid UTF-8"};
  return repair::repair_page(text, options);
}

Result<Page> parse_page(std::string_view bytes, const ParseOptions& options) {
  if (bytes.size() > options.limits.max_page_bytes)
    return Error{ErrorCode::kLimitExceeded, options.limits.max_page_bytes,
                 "page is " + std::to_string(bytes.size()) + " bytes, over the max_page_bytes limit of " +
                     std::to_string(options.limits.max_page_bytes)};
  auto decoded = text::decode_page(bytes, options.decode);
  if (!decoded) return decoded.error();
  // decode_page() guarantees valid UTF-8: no second validation pass.
  return parse_decoded(std::move(decoded.value().text), options, decoded.value().encoding);
}

Result<Page> parse_text(std::string text, const ParseOptions& options, std::string encoding) {
  if (auto bad = text::find_invalid_utf8(text)) return Error{ErrorCode::kInvalidUtf8, *bad, "invalid UTF-8"};
  return parse_decoded(std::move(text), options, std::move(encoding));
}

Result<Page> parse_decoded(std::string text, const ParseOptions& options, std::string encoding) {
  if (text.size() > options.limits.max_page_bytes)
    return Error{ErrorCode::kLimitExceeded, options.limits.max_page_bytes, "page over the max_page_bytes limit"};
  if (text.size() >= 0xFFFFFFF0u) return Error{ErrorCode::kLimitExceeded, 0, "page over 4 GB"};
  Page page;
  page.source = options.source;
  page.encoding = std::move(encoding);
  page.text = std::move(text);

  extract::ExtractContext ctx;
  if (options.date) {
    auto d = extract::parse_iso_date(*options.date);
    if (!d) return Error{ErrorCode::kInvalidArgument, 0, "bad page date '" + *options.date + "' (want YYYY-MM-DD)"};
    ctx.page_date = d;
    page.date = *options.date;
  }

  repair::RepairResult repaired = repair::repair_page(page.text, options.repair);
  segment::SegmentOptions so;
  so.sentences = options.sentences;
  const segment::ArticleUnits article_units = segment::segment_page(repaired, page, so);

  if (options.fields) {
    // Year for dates without one: the page date, else the most common year of
    // the page's full dates.
    if (!ctx.page_date) {
      std::vector<std::string_view> texts;
      for (const auto& u : repaired.units) texts.push_back(u.text.view());
      ctx.default_year = extract::infer_year(texts);
    }
    // Fields come from headings and blocks, never bylines.
    // Jump fields (added by segmentation) stay; the rest follow source order.
    for (std::size_t i = 0; i < page.articles.size(); ++i) {
      auto& fields = page.articles[i].fields;
      for (const repair::RepairedUnit* u : article_units[i]) add_fields(u->text, ctx, fields);
      std::stable_sort(fields.begin(), fields.end(),
                       [](const Field& x, const Field& y) { return x.span.start < y.span.start; });
    }
  }
  return page;
}

std::optional<std::string> date_from_path(std::string_view path) {
  // Scan for 8 digits (optionally split by - _ / .) forming a real date.
  const std::size_t n = path.size();
  for (std::size_t i = 0; i + 8 <= n; ++i) {
    if (i > 0 && std::isdigit(static_cast<unsigned char>(path[i - 1]))) continue;
    if (!std::isdigit(static_cast<unsigned char>(path[i]))) continue;
    std::string digits;
    std::size_t j = i;
    int groups = 0;
    char sep = 0;
    while (j < n && digits.size() < 8) {
      char ch = path[j];
      if (std::isdigit(static_cast<unsigned char>(ch))) { digits += ch; ++j; continue; }
      if ((ch == '-' || ch == '_' || ch == '/' || ch == '.') && (digits.size() == 4 || digits.size() == 6)) {
        if (sep && ch != sep) break;
        sep = ch;
        ++groups;
        ++j;
        continue;
      }
      break;
    }
    if (digits.size() != 8) continue;
    if (j < n && std::isdigit(static_cast<unsigned char>(path[j]))) continue;
    if (sep && groups != 2) continue;
    std::string iso = digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2);
    if (extract::parse_iso_date(iso) && iso >= "1900" && iso < "2101") return iso;
  }
  return std::nullopt;
}

}  // namespace huozi
