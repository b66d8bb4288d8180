// E-mail addresses and URLs (with a scheme, www. forms, and bare domains under
// a common top-level domain: jining.gov.cn/news). Values: the address as
// printed with the scheme and host lowercased.
#include <string>

#include "scan.hpp"

namespace huozi::extract::detail {
namespace {

bool ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
bool host_char(unsigned char c) { return ascii_alnum(c) || c == '-' || c == '.'; }
bool local_char(unsigned char c) { return ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
// Characters a URL path may hold (RFC 3986 unreserved, reserved and %).
bool url_char(unsigned char c) {
  if (ascii_alnum(c)) return true;
  switch (c) {
    case '-': case '.': case '_': case '~': case ':': case '/': case '?': case '#': case '[': case ']': case '@':
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',': case ';': case '=':
    case '%':
      return true;
    default:
      return false;
  }
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool iequals_at(std::string_view s, std::size_t i, std::string_view w) {
  if (s.size() - i < w.size()) return false;
  for (std::size_t k = 0; k < w.size(); ++k) {
    char c = s[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != w[k]) return false;
  }
  return true;
}

// Last label of a host is a top-level domain we accept for a bare domain.
bool known_tld(std::string_view host) {
  std::size_t dot = host.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string tld = lower(host.substr(dot + 1));
  static constexpr std::string_view kTlds[] = {"com", "cn", "net", "org", "gov", "edu", "info", "io",
                                               "hk",  "tw", "mo",  "top", "xyz", "cc",  "biz",  "me"};
  for (std::string_view t : kTlds)
    if (tld == t) return true;
  return false;
}

// A host: labels of [A-Za-z0-9-] joined by dots, at least two, the last
// alphabetic and 2+ long. Returns its end or i if none.
std::size_t host_end(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && host_char(static_cast<unsigned char>(s[j]))) ++j;
  while (j > i && (s[j - 1] == '.' || s[j - 1] == '-')) --j;
  std::string_view h = s.substr(i, j - i);
  std::size_t dot = h.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || h.find("..") != std::string_view::npos) return i;
  std::string_view tld = h.substr(dot + 1);
  if (tld.size() < 2) return i;
  for (char c : tld)
    if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return i;
  return j;
}

// The end of a URL's path part starting at j, trailing punctuation trimmed.
std::size_t path_end(std::string_view s, std::size_t j) {
  if (j >= s.size() || (s[j] != '/' && s[j] != ':' && s[j] != '?' && s[j] != '#')) return j;
  std::size_t k = j;
  while (k < s.size() && url_char(static_cast<unsigned char>(s[k]))) ++k;
  while (k > j) {
    char c = s[k - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' || c == '\'')
      --k;
    else
      break;
  }
  return k;
}

}  // namespace

std::optional<Candidate> web_at(const ScanState& st, std::size_t i) {
  std::string_view s = st.s;
  std::size_t scheme = 0;
  if (iequals_at(s, i, "https://")) scheme = 8;
  else if (iequals_at(s, i, "http://")) scheme = 7;
  else if (iequals_at(s, i, "ftp://")) scheme = 6;
  if (scheme) {
    std::size_t h = host_end(s, i + scheme);
    if (h == i + scheme) {
      // http://localhost or an IP: take host chars anyway.
      while (h < s.size() && host_char(static_cast<unsigned char>(s[h]))) ++h;
      if (h == i + scheme) return std::nullopt;
    }
    std::size_t e = path_end(s, h);
    std::string v = lower(s.substr(i, h - i)) + std::string(s.substr(h, e - h));
    return make(FieldType::kUrl, i, e, FieldValue::of(v));
  }
  // E-mail: local@host.
  std::size_t j = i;
  while (j < s.size() && local_char(static_cast<unsigned char>(s[j]))) ++j;
  if (j < s.size() && s[j] == '@' && j > i && s[j - 1] != '.') {
    std::size_t h = host_end(s, j + 1);
    if (h > j + 1) {
      std::string v = std::string(s.substr(i, j - i)) + "@" + lower(s.substr(j + 1, h - j - 1));
      return make(FieldType::kEmail, i, h, FieldValue::of(v));
    }
    return std::nullopt;
  }
  // www.example.com and bare domains (example.gov.cn/path).
  std::size_t h = host_end(s, i);
  if (h == i) return std::nullopt;
  std::string_view host = s.substr(i, h - i);
  const bool www = iequals_at(s, i, "www.");
  if (!www && !known_tld(host)) return std::nullopt;
  bool letter = false;
  for (char c : host)
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') letter = true;
  if (!letter) return std::nullopt;
  std::size_t e = path_end(s, h);
  std::string v = lower(host) + std::string(s.substr(h, e - h));
  return make(FieldType::kUrl, i, e, FieldValue::of(v));
}

}  // namespace huozi::extract::detail
