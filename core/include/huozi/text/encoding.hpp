// Bytes in, UTF-8 out. Pages arrive as UTF-8 (with or without BOM), UTF-16
// with BOM, GB18030 (and so GBK/GB2312) or Big5. decode_page() finds which,
// converts, and says so; bytes that fit no encoding are an Error with the
// offset of the first bad byte, never a silent drop.
#pragma once

#include <string>
#include <string_view>

#include "huozi/error.hpp"

namespace huozi::text {

enum class OnDecodeError {
  kStrict,   // bytes that do not decode make an Error
  kReplace,  // they become U+FFFD and are counted in DecodedText::replaced
};

struct DecodeOptions {
  std::string encoding;  // "" = detect; else an ICU converter name ("gb18030", "big5", "utf-8", …)
  OnDecodeError on_error = OnDecodeError::kStrict;
};

struct DecodedText {
  std::string text;      // UTF-8, no BOM
  std::string encoding;  // canonical lower-case name: utf-8, utf-8-sig, utf-16le, utf-16be, gb18030, big5, …
  std::size_t replaced = 0;  // bytes replaced by U+FFFD (kReplace only)
};

Result<DecodedText> decode_page(std::string_view bytes, const DecodeOptions& options = {});

}  // namespace huozi::text
