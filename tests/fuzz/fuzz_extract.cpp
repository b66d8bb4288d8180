// libFuzzer target: field extraction alone, on valid UTF-8 (invalid input is
// cut at its first bad byte), with and without a page date. Checks that
// fields are in order, inside the text and on character boundaries.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.hpp"
#include "huozi/extract/extract.hpp"
#include "huozi/text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  if (auto bad = huozi::text::find_invalid_utf8(s)) s = s.substr(0, *bad);
  huozi::extract::ExtractContext ctx;
  if (size > 0 && (data[0] & 1)) ctx.page_date = huozi::extract::CivilDate{2020, 7, 24};
  else ctx.default_year = huozi::extract::infer_year({s});
  std::size_t last_begin = 0;
  for (const auto& f : huozi::extract::extract_fields(s, ctx)) {
    huozi::fuzz::check_span(s, huozi::Span{static_cast<std::uint32_t>(f.begin), static_cast<std::uint32_t>(f.end)},
                            "field");
    if (f.begin >= f.end || f.begin < last_begin) {
      std::fprintf(stderr, "field [%zu, %zu) empty or out of order\n", f.begin, f.end);
      std::abort();
    }
    last_begin = f.begin;
  }
  return 0;
}
