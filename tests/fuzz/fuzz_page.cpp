// libFuzzer target: the whole pipeline on arbitrary bytes (decode, repair,
// segmentation, extraction). Errors are fine; crashes, sanitizer reports and
// spans outside the text or off character boundaries are not.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.hpp"
#include "huozi/pipeline.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  huozi::ParseOptions o;
  // The first byte picks a page date (relative dates resolve against it).
  if (size > 0 && (data[0] & 1)) o.date = "2020-07-24";
  auto r = huozi::parse_page(std::string_view(reinterpret_cast<const char*>(data), size), o);
  if (r.ok()) huozi::fuzz::check_page(r.value());
  return 0;
}
