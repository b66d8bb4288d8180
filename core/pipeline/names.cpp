// String names of the enums in error.hpp and model.hpp (stable: they appear in
// JSON output, error rows and Python exception classes).
#include "huozi/error.hpp"
#include "huozi/model.hpp"

namespace huozi {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kInvalidUtf8: return "invalid_utf8";
    case ErrorCode::kBinaryInput: return "binary_input";
    case ErrorCode::kUnknownEncoding: return "unknown_encoding";
    case ErrorCode::kDecodeError: return "decode_error";
    case ErrorCode::kLimitExceeded: return "limit_exceeded";
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kIo: return "io";
  }
  return "unknown";
}

std::string Error::to_string() const {
  return std::string(error_code_name(code)) + " at byte " + std::to_string(offset) + ": " + message;
}

const char* block_kind_name(BlockKind kind) noexcept {
  switch (kind) {
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kSubheading: return "subheading";
    case BlockKind::kCaption: return "caption";
  }
  return "paragraph";
}

const char* field_type_name(FieldType type) noexcept {
  switch (type) {
    case FieldType::kDate: return "date";
    case FieldType::kDatetime: return "datetime";
    case FieldType::kMoney: return "money";
    case FieldType::kPercent: return "percent";
    case FieldType::kQuantity: return "quantity";
    case FieldType::kPhone: return "phone";
    case FieldType::kEmail: return "email";
    case FieldType::kUrl: return "url";
    case FieldType::kIdCard: return "id_card";
    case FieldType::kOrg: return "org";
    case FieldType::kPlace: return "place";
    case FieldType::kJump: return "jump";
  }
  return "date";
}

}  // namespace huozi
