// The pipeline: bytes → decode → line repair → segmentation → field
// extraction → Page. parse_page() is what the CLI, the Python API and the
// archive runner call.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "huozi/error.hpp"
#include "huozi/model.hpp"
#include "huozi/repair/repair.hpp"
#include "huozi/text/encoding.hpp"

namespace huozi {

// Limits on what one page may be. Each is checked before the work it guards,
// and a page over one is an Error (kLimitExceeded) naming the limit, never a
// silent cut. 0 means no limit.
struct Limits {
  std::size_t max_page_bytes = 64u << 20;         // bytes of the page, before and after decoding (64 MiB)
  std::size_t max_line_bytes = 1u << 20;          // bytes of one line (1 MiB; a printed line is < 200)
  std::size_t max_lines = 1000000;                // lines of the page (a printed page has < 2,000; repair
                                                  // keeps ~128 bytes a line, blank ones too)
  std::size_t max_fields_per_article = 10000;     // fields extracted for one article
};

// The first line (terminated by \n, \r\n, \r or \f) longer than
// max_line_bytes, as an Error naming the limit; nullopt when all fit.
std::optional<Error> check_line_lengths(std::string_view text, std::size_t max_line_bytes);

// An Error naming max_lines when text has more lines than max_lines, counted
// as repair's scan_lines counts them (ended by \n, \r\n, \r or \f; a
// terminator at the end of the text starts no new line); its offset is the
// first byte of the first line over the limit. nullopt when all fit.
std::optional<Error> check_line_count(std::string_view text, std::size_t max_lines);

// The checks of Limits that guard repair, on decoded text, in this order:
// max_page_bytes, the 4 GB of 32-bit offsets, max_line_bytes, max_lines.
// The first one over, as an Error naming it; nullopt when all fit. parse
// runs it before repair, and so do the repair-only calls (repair_text, and
// huozi.repair / repair_many / repair_details).
std::optional<Error> check_page_limits(std::string_view text, const Limits& limits);

struct ParseOptions {
  std::string source;               // file name or other label, copied into the Page
  std::optional<std::string> date;  // page date YYYY-MM-DD (reference for relative dates)
  text::DecodeOptions decode;
  repair::RepairOptions repair;
  bool sentences = true;
  bool fields = true;
  Limits limits;
};

// Decodes bytes (any supported encoding) and parses the page.
Result<Page> parse_page(std::string_view bytes, const ParseOptions& options = {});

// Parses text that is already valid UTF-8 (checked; invalid UTF-8 is an error).
Result<Page> parse_text(std::string text, const ParseOptions& options = {}, std::string encoding = "utf-8");

// Parses text the caller guarantees to be valid UTF-8 (e.g. from decode_page).
Result<Page> parse_decoded(std::string text, const ParseOptions& options = {}, std::string encoding = "utf-8");

// Line repair alone, on decoded text, within limits (check_page_limits).
Result<repair::RepairResult> repair_text(std::string_view text, const repair::RepairOptions& options = {},
                                         const Limits& limits = {});

// A page date found in a file name: 2020-07-24, 2020_07_24, 20200724,
// 2020/07/24 in a path. Empty if none.
std::optional<std::string> date_from_path(std::string_view path);

const char* version() noexcept;

}  // namespace huozi
