// libFuzzer target: line repair alone, on valid UTF-8 (invalid input is cut
// at its first bad byte). Checks unit and removal spans and that the
// rendered output is valid UTF-8 (idempotence is a property test in
// tests/python/test_hostile.py).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "huozi/repair/repair.hpp"
#include "huozi/text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  if (auto bad = huozi::text::find_invalid_utf8(s)) s = s.substr(0, *bad);
  huozi::repair::RepairOptions o;
  o.fullwidth_ascii = size > 0 && (data[size - 1] & 1);
  const huozi::repair::RepairResult r = huozi::repair::repair_page(s, o);
  for (const auto& u : r.units) huozi::fuzz::check_span(s, u.span, "unit");
  for (const auto& rm : r.removals) huozi::fuzz::check_span(s, rm.span, "removal");
  (void)huozi::repair::render_explain(s, r);
  const std::string once = huozi::repair::render_units(r);
  if (!huozi::text::is_valid_utf8(once)) {
    std::fprintf(stderr, "repair output is not valid UTF-8\n");
    std::abort();
  }
  return 0;
}
