// libFuzzer target: encoding detection and conversion on arbitrary bytes,
// strict and replacing. Checks that the output is valid UTF-8, that a
// reported error offset is inside the input, and that find_invalid_utf8
// (AVX2 where the processor has it) finds the offset its decode-loop
// reference finds.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "huozi/text/encoding.hpp"
#include "huozi/text/utf8.hpp"

namespace {

void check(const huozi::Result<huozi::text::DecodedText>& r, std::size_t size) {
  if (r.ok()) {
    if (!huozi::text::is_valid_utf8(r.value().text)) {
      std::fprintf(stderr, "decoded text (%s) is not valid UTF-8\n", r.value().encoding.c_str());
      std::abort();
    }
  } else if (r.error().offset > size) {
    std::fprintf(stderr, "error offset %zu past the input (%zu bytes)\n", r.error().offset, size);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (huozi::text::find_invalid_utf8(bytes) != huozi::text::reference::find_invalid_utf8(bytes)) {
    std::fprintf(stderr, "find_invalid_utf8 differs from its reference\n");
    std::abort();
  }
  huozi::text::DecodeOptions o;
  check(huozi::text::decode_page(bytes, o), size);
  o.on_error = huozi::text::OnDecodeError::kReplace;
  check(huozi::text::decode_page(bytes, o), size);
  static const char* const forced[] = {"utf-8", "gb18030", "big5", "utf-16le"};
  if (size > 0) {
    o.encoding = forced[data[0] % 4];
    o.on_error = (data[0] & 4) ? huozi::text::OnDecodeError::kReplace : huozi::text::OnDecodeError::kStrict;
    check(huozi::text::decode_page(bytes.substr(1), o), size);
  }
  return 0;
}
