#include "huozi/text/encoding.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "huozi/text/utf8.hpp"

namespace huozi::text {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// One converter per encoding and thread, reset and reused page after page:
// opening one goes through ICU's converter cache under a global lock, which
// the worker threads of an archive run would contend for on every page.
class ConverterCache {
 public:
  ~ConverterCache() {
    for (auto& e : entries_) ucnv_close(e.second);
  }
  UConverter* get(const std::string& name, UErrorCode& err) {
    for (auto& e : entries_) {
      if (e.first == name) {
        ucnv_reset(e.second);
        return e.second;
      }
    }
    UConverter* cnv = ucnv_open(name.c_str(), &err);
    if (U_FAILURE(err)) return nullptr;
    if (entries_.size() == kMaxEntries) {  // names come from the user too: keep a few
      ucnv_close(entries_.front().second);
      entries_.erase(entries_.begin());
    }
    entries_.emplace_back(name, cnv);
    return cnv;
  }

 private:
  static constexpr std::size_t kMaxEntries = 8;
  std::vector<std::pair<std::string, UConverter*>> entries_;
};

// Converts with ICU. In strict mode the first unconvertible byte is reported
// with its offset (found by converting again with a stop callback).
Result<DecodedText> convert(std::string_view bytes, const std::string& name, OnDecodeError on_error,
                            std::size_t base_offset) {
  thread_local ConverterCache converters;
  UErrorCode err = U_ZERO_ERROR;
  UConverter* const cnv = converters.get(name, err);
  if (U_FAILURE(err) || cnv == nullptr) {
    return Error{ErrorCode::kUnknownEncoding, 0, "unknown encoding '" + name + "'"};
  }
  // A reused converter keeps the callback of its last use: set it each time.
  if (on_error == OnDecodeError::kStrict)
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  else
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr, &err);
  // Convert to UTF-16 first, in chunks, then to UTF-8.
  std::u16string u16;
  u16.resize(bytes.size() * 2 + 16);
  const char* src = bytes.data();
  const char* src_end = src + bytes.size();
  char16_t* dst = u16.data();
  err = U_ZERO_ERROR;
  ucnv_toUnicode(cnv, reinterpret_cast<UChar**>(&dst), reinterpret_cast<UChar*>(u16.data() + u16.size()),
                 &src, src_end, nullptr, true, &err);
  if (U_FAILURE(err)) {
    // src points just past the offending bytes; back up by their length.
    char bad[32];
    int8_t bad_len = sizeof(bad);
    UErrorCode e2 = U_ZERO_ERROR;
    ucnv_getInvalidChars(cnv, bad, &bad_len, &e2);
    std::size_t at = static_cast<std::size_t>(src - bytes.data());
    if (U_SUCCESS(e2) && bad_len > 0 && static_cast<std::size_t>(bad_len) <= at) at -= bad_len;
    return Error{ErrorCode::kDecodeError, base_offset + at,
                 "bytes do not decode as " + name + " (" + u_errorName(err) + ")"};
  }
  u16.resize(static_cast<std::size_t>(dst - u16.data()));
  DecodedText out;
  out.encoding = lower(name);
  out.text.reserve(u16.size() * 3 / 2);
  for (std::size_t i = 0; i < u16.size(); ++i) {
    char32_t c = u16[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < u16.size() && u16[i + 1] >= 0xDC00 && u16[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (u16[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      if (on_error == OnDecodeError::kStrict)
        return Error{ErrorCode::kDecodeError, base_offset, "lone UTF-16 surrogate in " + name};
      c = 0xFFFD;
      ++out.replaced;
    }
    if (c == 0xFFFD && on_error == OnDecodeError::kReplace) ++out.replaced;
    append_utf8(out.text, c);
  }
  return out;
}

// Takes UTF-8 as it is, or repairs each invalid byte to U+FFFD.
DecodedText utf8_replacing(std::string_view bytes) {
  DecodedText out;
  out.encoding = "utf-8";
  out.text.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    DecodedChar d = decode_at(bytes, i);
    if (d.valid) {
      out.text.append(bytes.substr(i, d.len));
    } else {
      append_utf8(out.text, 0xFFFD);
      ++out.replaced;
    }
    i += d.len;
  }
  return out;
}

// Bytes that read as GB18030 and not as Big5 without asking ICU's charset
// detector (slow: it runs every recognizer on the page). Every byte above 0x7F
// starts a GB18030 sequence, and nearly all two-byte pairs have both bytes in
// 0xA1-0xFE (EUC-CN, i.e. GB2312), with at most one pair in a hundred outside
// it (a GBK character such as 镕 or 堺) and any number of four-byte sequences
// (U+00AD, U+200B: their second byte is a digit, which no Big5 pair has).
// Big5 text has about a third of its trail bytes in 0x40-0x7E, so it never
// passes; anything that does not pass goes to the detector as before.
bool mostly_euc_cn(std::string_view b) {
  std::size_t euc = 0, other = 0, four = 0;
  auto in = [](unsigned char c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; };
  for (std::size_t i = 0; i < b.size(); ++i) {
    const auto c = static_cast<unsigned char>(b[i]);
    if (c < 0x80) continue;
    if (c == 0x80 || c == 0xFF || i + 1 >= b.size()) return false;
    const auto t = static_cast<unsigned char>(b[i + 1]);
    if (in(t, 0x30, 0x39)) {  // four-byte GB18030
      if (i + 3 >= b.size() || !in(static_cast<unsigned char>(b[i + 2]), 0x81, 0xFE) ||
          !in(static_cast<unsigned char>(b[i + 3]), 0x30, 0x39))
        return false;
      ++four;
      i += 3;
      continue;
    }
    if (c >= 0xA1 && in(t, 0xA1, 0xFE)) ++euc;
    else if (in(t, 0x40, 0xFE) && t != 0x7F) ++other;
    else return false;
    ++i;
  }
  return euc > 0 && other * 100 <= euc;
}

// Legacy-encoding candidates ranked by ICU's detector, restricted to the
// encodings a Chinese page can be in.
std::vector<std::string> legacy_candidates(std::string_view bytes) {
  std::vector<std::string> names;
  UErrorCode err = U_ZERO_ERROR;
  // One detector per thread, reused (opening one allocates its buffers).
  thread_local std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> detector(nullptr, ucsdet_close);
  if (!detector) detector.reset(ucsdet_open(&err));
  UCharsetDetector* det = detector.get();
  if (U_SUCCESS(err) && det != nullptr) {
    ucsdet_setText(det, bytes.data(), static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 20)), &err);
    int32_t n = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(det, &n, &err);
    for (int32_t k = 0; U_SUCCESS(err) && k < n; ++k) {
      std::string name = lower(ucsdet_getName(matches[k], &err));
      if (name == "gb18030" || name == "big5") {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      }
    }
  }
  for (const char* fallback : {"gb18030", "big5"}) {
    if (std::find(names.begin(), names.end(), fallback) == names.end()) names.emplace_back(fallback);
  }
  return names;
}

}  // namespace

Result<DecodedText> decode_page(std::string_view bytes, const DecodeOptions& options) {
  // Byte order marks decide on their own.
  if (starts_with(bytes, "\xEF\xBB\xBF") && (options.encoding.empty() || lower(options.encoding).starts_with("utf-8") ||
                                             lower(options.encoding) == "utf8")) {
    auto inner = bytes.substr(3);
    if (auto bad = find_invalid_utf8(inner)) {
      if (options.on_error == OnDecodeError::kStrict)
        return Error{ErrorCode::kInvalidUtf8, *bad + 3, "invalid UTF-8 after a UTF-8 byte order mark"};
      DecodedText d = utf8_replacing(inner);
      d.encoding = "utf-8-sig";
      return d;
    }
    return DecodedText{std::string(inner), "utf-8-sig", 0};
  }
  if (options.encoding.empty()) {
    if (starts_with(bytes, "\xFF\xFE")) return convert(bytes.substr(2), "utf-16le", options.on_error, 2);
    if (starts_with(bytes, "\xFE\xFF")) return convert(bytes.substr(2), "utf-16be", options.on_error, 2);
  }

  const std::string wanted = lower(options.encoding);
  if (wanted.empty() || wanted == "utf-8" || wanted == "utf8") {
    auto bad = find_invalid_utf8(bytes);
    if (!bad) {
      if (const void* nul = std::memchr(bytes.data(), 0, bytes.size())) {
        auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
        return Error{ErrorCode::kBinaryInput, at, "NUL byte: this looks like a binary file, not page text"};
      }
      return DecodedText{std::string(bytes), "utf-8", 0};
    }
    if (!wanted.empty()) {
      if (options.on_error == OnDecodeError::kReplace) return utf8_replacing(bytes);
      return Error{ErrorCode::kInvalidUtf8, *bad, "invalid UTF-8"};
    }
    // Not UTF-8: a NUL in the bytes means binary, not a legacy encoding.
    if (const void* nul = std::memchr(bytes.data(), 0, bytes.size())) {
      auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
      return Error{ErrorCode::kBinaryInput, at, "NUL byte: this looks like a binary file, not page text"};
    }
    // Try the legacy Chinese encodings the detector ranks highest; the first
    // that converts cleanly wins.
    // A C1 control character (U+0080–U+009F, UTF-8 C2 80–C2 9F) never occurs
    // in page text: a conversion that yields one (Big5 maps a stray 0x80 to
    // U+0080) is reading binary bytes, not text.
    auto has_c1 = [](const std::string& t) {
      for (std::size_t k = t.find('\xC2'); k != std::string::npos; k = t.find('\xC2', k + 1))
        if (k + 1 < t.size() && static_cast<unsigned char>(t[k + 1]) <= 0x9F) return true;
      return false;
    };
    // Fast path: GB2312 text, with a few GBK or four-byte GB18030 characters
    // (see mostly_euc_cn); ICU's detector is asked only when needed.
    if (mostly_euc_cn(bytes)) {
      auto r = convert(bytes, "gb18030", OnDecodeError::kStrict, 0);
      if (r.ok() && !has_c1(r.value().text)) return r;
    }
    for (const std::string& name : legacy_candidates(bytes)) {
      auto r = convert(bytes, name, OnDecodeError::kStrict, 0);
      if (r.ok() && r.value().text.find('\0') == std::string::npos && !has_c1(r.value().text)) return r;
    }
    if (options.on_error == OnDecodeError::kReplace) return utf8_replacing(bytes);
    return Error{ErrorCode::kInvalidUtf8, *bad, "invalid UTF-8, and not GB18030 or Big5 either"};
  }
  return convert(bytes, wanted, options.on_error, 0);
}

}  // namespace huozi::text
