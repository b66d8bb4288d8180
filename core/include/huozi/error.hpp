// Errors as values. The hot path never throws: functions that can fail return
// Result<T>, which holds either a value or an Error {code, offset, message}.
// Exceptions exist only at the binding boundary (huozi.Error subclasses).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

namespace huozi {

enum class ErrorCode {
  kInvalidUtf8,     // bytes that are not UTF-8 and no other encoding fits
  kBinaryInput,     // NUL bytes or control-character soup: not a text page
  kUnknownEncoding, // a named encoding ICU does not know
  kDecodeError,     // bytes that do not convert cleanly in the chosen encoding
  kLimitExceeded,   // a configured limit (page size, line length, …) was hit
  kInvalidArgument, // a bad option value (e.g. a malformed date)
  kIo,              // file could not be read
};

// Stable, lower-case names used in messages, error rows and Python classes.
const char* error_code_name(ErrorCode code) noexcept;

struct Error {
  ErrorCode code;
  std::size_t offset = 0;  // byte offset into the input where the problem is
  std::string message;     // one human-readable line, no trailing newline

  std::string to_string() const;  // "<name> at byte <offset>: <message>"
};

template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}      // NOLINT

  bool ok() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  const Error& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace huozi
