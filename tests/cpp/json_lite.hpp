// A small JSON reader for test data (objects, arrays, strings with escapes,
// numbers, true/false/null). Enough for tests/data/fields/labeled.jsonl; not
// for production input.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace huozi::test_util {

struct Json {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Json> array;
  std::map<std::string, Json> object;

  bool is_null() const { return kind == Kind::kNull; }
  const Json* get(const std::string& key) const {
    auto it = object.find(key);
    return it == object.end() ? nullptr : &it->second;
  }
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}
  Json read() {
    Json v = value();
    space();
    if (i_ != s_.size()) fail("trailing characters");
    return v;
  }

 private:
  [[noreturn]] void fail(const char* what) { throw std::runtime_error(std::string("json: ") + what + " at " + std::to_string(i_)); }
  void space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool eat(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  unsigned hex4() {
    if (i_ + 4 > s_.size()) fail("short \\u escape");
    unsigned v = std::stoul(std::string(s_.substr(i_, 4)), nullptr, 16);
    i_ += 4;
    return v;
  }
  std::string str() {
    if (!eat("\"")) fail("expected string");
    std::string out;
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (c != '\\') { out += c; continue; }
      if (i_ >= s_.size()) fail("bad escape");
      char e = s_[i_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && eat("\\u")) cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4() - 0xDC00);
          append_utf8(out, cp);
          break;
        }
        default: out += e;
      }
    }
    if (!eat("\"")) fail("unterminated string");
    return out;
  }
  Json value() {
    space();
    Json v;
    if (i_ >= s_.size()) fail("unexpected end");
    char c = s_[i_];
    if (c == '{') {
      ++i_;
      v.kind = Json::Kind::kObject;
      space();
      if (eat("}")) return v;
      for (;;) {
        space();
        std::string k = str();
        space();
        if (!eat(":")) fail("expected :");
        v.object[k] = value();
        space();
        if (eat("}")) return v;
        if (!eat(",")) fail("expected , or }");
      }
    }
    if (c == '[') {
      ++i_;
      v.kind = Json::Kind::kArray;
      space();
      if (eat("]")) return v;
      for (;;) {
        v.array.push_back(value());
        space();
        if (eat("]")) return v;
        if (!eat(",")) fail("expected , or ]");
      }
    }
    if (c == '"') {
      v.kind = Json::Kind::kString;
      v.string = str();
      return v;
    }
    if (eat("null")) return v;
    if (eat("true")) { v.kind = Json::Kind::kBool; v.boolean = true; return v; }
    if (eat("false")) { v.kind = Json::Kind::kBool; return v; }
    std::size_t end = i_;
    while (end < s_.size() && std::string_view("+-0123456789.eE").find(s_[end]) != std::string_view::npos) ++end;
    if (end == i_) fail("unexpected character");
    v.kind = Json::Kind::kNumber;
    v.number = std::stod(std::string(s_.substr(i_, end - i_)));
    i_ = end;
    return v;
  }
  std::string_view s_;
  std::size_t i_ = 0;
};

inline Json parse_json(std::string_view s) { return JsonReader(s).read(); }

}  // namespace huozi::test_util
