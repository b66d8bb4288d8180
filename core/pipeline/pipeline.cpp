#include "huozi/pipeline.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "huozi/extract/extract.hpp"
#include "huozi/segment/segment.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi {
namespace {

Error page_limit_error(std::size_t size, std::size_t limit, const char* what) {
  return Error{ErrorCode::kLimitExceeded, limit,
               std::string(what) + " is " + std::to_string(size) + " bytes, over the max_page_bytes limit of " +
                   std::to_string(limit)};
}

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

Result<repair::RepairResult> repair_text(std::string_view text, const repair::RepairOptions& options,
                                         const Limits& limits) {
  if (auto e = check_page_limits(text, limits)) return std::move(*e);
  if (auto bad = text::find_invalid_utf8(text)) return Error{ErrorCode::kInvalidUtf8, *bad, "invalid UTF-8"};
  return repair::repair_page(text, options);
}

std::optional<Error> check_line_lengths(std::string_view text, std::size_t max_line_bytes) {
  if (max_line_bytes == 0 || text.size() <= max_line_bytes) return std::nullopt;
  // Line terminators: \n, \r (so \r\n too) and \f. One pass, memchr-fast on
  // the common \n; \r and \f are rare and checked inside each \n-line.
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* stop = nl ? nl : end;
    if (static_cast<std::size_t>(stop - p) > max_line_bytes) {
      // A long \n-line may still be short lines split by \r or \f.
      const char* line = p;
      for (const char* q = p; q < stop; ++q) {
        if (*q == '\r' || *q == '\f') {
          line = q + 1;
        } else if (static_cast<std::size_t>(q - line) >= max_line_bytes) {
          const auto at = static_cast<std::size_t>(line - text.data());
          return Error{ErrorCode::kLimitExceeded, at,
                       "the line at byte " + std::to_string(at) + " is over the max_line_bytes limit of " +
                           std::to_string(max_line_bytes)};
        }
      }
    }
    p = stop + 1;
  }
  return std::nullopt;
}

std::optional<Error> check_line_count(std::string_view text, std::size_t max_lines) {
  // Every line but the last ends with a terminator of at least one byte, so a
  // text shorter than max_lines bytes cannot be over (every printed page: no
  // pass at all).
  if (max_lines == 0 || text.size() < max_lines) return std::nullopt;
  const char* p = text.data();
  const char* const end = p + text.size();
  // \r and \f are rare: without them, lines are counted with memchr on \n
  // alone; with them, each \n-line is also looked through for them.
  const bool other_ends = std::memchr(p, '\r', text.size()) != nullptr || std::memchr(p, '\f', text.size()) != nullptr;
  std::size_t ended = 0;  // lines ended so far
  // The line after the max_lines-th terminator, if any text follows it, is
  // over the limit.
  auto over = [&](const char* next_line) -> std::optional<Error> {
    if (++ended < max_lines || next_line >= end) return std::nullopt;
    const auto at = static_cast<std::size_t>(next_line - text.data());
    return Error{ErrorCode::kLimitExceeded, at,
                 "the line at byte " + std::to_string(at) + " is over the max_lines limit of " +
                     std::to_string(max_lines) + " lines"};
  };
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* stop = nl ? nl : end;
    if (other_ends) {
      for (const char* q = p; q < stop; ++q) {
        if (*q != '\r' && *q != '\f') continue;
        if (*q == '\r' && q + 1 == nl) break;  // \r\n: one terminator, counted at its \n
        if (auto e = over(q + 1)) return e;
      }
    }
    if (!nl) break;
    if (auto e = over(nl + 1)) return e;
    p = nl + 1;
  }
  return std::nullopt;
}

std::optional<Error> check_page_limits(std::string_view text, const Limits& limits) {
  if (limits.max_page_bytes && text.size() > limits.max_page_bytes)
    return page_limit_error(text.size(), limits.max_page_bytes, "decoded page");
  if (text.size() >= 0xFFFFFFF0u) return Error{ErrorCode::kLimitExceeded, 0, "page over 4 GB (offsets are 32-bit)"};
  if (auto e = check_line_lengths(text, limits.max_line_bytes)) return e;
  // (Before repair: it keeps a record of every line, blank ones too.)
  return check_line_count(text, limits.max_lines);
}

Result<Page> parse_page(std::string_view bytes, const ParseOptions& options) {
  const std::size_t max_page = options.limits.max_page_bytes;
  if (max_page && bytes.size() > max_page) return page_limit_error(bytes.size(), max_page, "page");
  auto decoded = text::decode_page(bytes, options.decode);
  if (!decoded) return decoded.error();
  // decode_page() guarantees valid UTF-8: no second validation pass.
  auto page = parse_decoded(std::move(decoded.value().text), options, decoded.value().encoding);
  if (page) page.value().replaced = decoded.value().replaced;
  return page;
}

Result<Page> parse_text(std::string text, const ParseOptions& options, std::string encoding) {
  if (auto bad = text::find_invalid_utf8(text)) return Error{ErrorCode::kInvalidUtf8, *bad, "invalid UTF-8"};
  return parse_decoded(std::move(text), options, std::move(encoding));
}

Result<Page> parse_decoded(std::string text, const ParseOptions& options, std::string encoding) {
  if (auto e = check_page_limits(text, options.limits)) return std::move(*e);
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
  if (!options.fields) {
    // Nothing reads the repair result after segmentation: the blocks take
    // its units' texts instead of copies.
    segment::segment_page(std::move(repaired), page, so);
    return page;
  }
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
    // Fields in source order (jump fields added by segmentation included).
    const std::size_t max_fields = options.limits.max_fields_per_article;
    for (std::size_t i = 0; i < page.articles.size(); ++i) {
      std::vector<Field>& fields = page.articles[i].fields;
      const auto units = article_units[i];
      for (std::size_t k = 0; k < units.size(); ++k) {
        const std::size_t before = fields.size();
        add_fields(units[k]->text, ctx, fields);
        // (A heading line whose headlines went to two articles: each takes
        // the fields that start in its own part of the line.)
        if (const std::optional<Span> part = article_units.part(i, k))
          fields.erase(std::remove_if(fields.begin() + static_cast<std::ptrdiff_t>(before), fields.end(),
                                      [&](const Field& f) { return f.span.start < part->start || f.span.start >= part->end; }),
                       fields.end());
        if (max_fields && fields.size() > max_fields)
          return Error{ErrorCode::kLimitExceeded, page.articles[i].span.start,
                       "article " + std::to_string(i) + " has over " + std::to_string(max_fields) +
                           " fields, the max_fields_per_article limit"};
      }
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
