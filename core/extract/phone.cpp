// Phone numbers: mobiles (13912345678, 139-1234-5678, +86), landlines with
// their area code (0537-2345678, (0537)2345678, (02)2345-6789), Taiwan mobiles
// (0912-345-678), 400/800 numbers, and — only in a dialing context (拨打,
// 电话, 热线, 报警, 联系, 致電 …) — service numbers (110, 120, 12345, 999,
// 1999) and local numbers without an area code (2345 6789). The sample's
// 110接处警 is a name of a service, not a number to dial.
#include <string>

#include "scan.hpp"

namespace huozi::extract::detail {
namespace {

struct Groups {
  std::size_t end = 0;
  std::string cc;       // country code after +
  std::string digits;   // all digits after the country code
  int lens[6] = {};     // digit count per group
  int count = 0;
  bool paren = false;   // the first group was in parentheses: (0537)
};

bool open_paren(char32_t c) { return c == '(' || c == 0xFF08; }
bool close_paren(char32_t c) { return c == ')' || c == 0xFF09; }
bool group_sep(char32_t c) { return c == '-' || c == 0xFF0D || c == 0x2010 || c == 0x2011 || c == ' '; }

// Appends the digits at j to g.digits; returns how many were read.
int read_digits(std::string_view s, std::size_t& j, std::string& out, int max) {
  int n = 0;
  for (;;) {
    Char c = char_at(s, j);
    int d = ascii_or_wide_digit(c.cp);
    if (d < 0) break;
    if (n >= max) return max + 1;
    out.push_back(static_cast<char>('0' + d));
    ++n;
    j += c.len;
  }
  return n;
}

std::optional<Groups> read_groups(std::string_view s, std::size_t i) {
  Groups g;
  std::size_t j = i;
  Char c = char_at(s, j);
  // +86, (+86)
  bool cc_paren = false;
  if (open_paren(c.cp) && (char_at(s, j + c.len).cp == '+' || char_at(s, j + c.len).cp == 0xFF0B)) {
    cc_paren = true;
    j += c.len;
    c = char_at(s, j);
  }
  if (c.cp == '+' || c.cp == 0xFF0B) {
    j += c.len;
    int n = read_digits(s, j, g.cc, 3);
    if (n < 1 || n > 3) return std::nullopt;
    if (cc_paren) {
      if (!close_paren(char_at(s, j).cp)) return std::nullopt;
      j += char_at(s, j).len;
    }
    Char sep = char_at(s, j);
    if (group_sep(sep.cp)) j += sep.len;
    c = char_at(s, j);
  } else if (cc_paren) {
    return std::nullopt;
  }
  // (0537)2345678
  if (open_paren(c.cp)) {
    std::size_t k = j + c.len;
    int n = read_digits(s, k, g.digits, 4);
    if (n < 2 || n > 4 || g.digits[0] != '0' || !close_paren(char_at(s, k).cp)) return std::nullopt;
    g.lens[g.count++] = n;
    g.paren = true;
    j = k + char_at(s, k).len;
    j = skip_spaces(s, j, 1);
  }
  while (g.count < 6) {
    int n = read_digits(s, j, g.digits, 20);
    if (n == 0 || n > 20) return std::nullopt;
    g.lens[g.count++] = n;
    Char sep = char_at(s, j);
    if (!group_sep(sep.cp) || !is_digit(char_at(s, j + sep.len).cp)) break;
    if (sep.cp == ' ') {
      // A space splits a phone number only between groups of three or more
      // digits (139 1234 5678, 2345 6789); "共 3 人" is not one.
      std::size_t k = j + 1;
      std::string tmp;
      int next = read_digits(s, k, tmp, 20);
      if (n < 3 || next < 3) break;
    }
    j += sep.len;
  }
  g.end = j;
  return g;
}

bool ends_clause(char32_t c) {
  return c == U'，' || c == U'。' || c == U'；' || c == U'！' || c == U'？' || c == ',' || c == ';' || c == '!' ||
         c == '?' || c == '\n' || c == U'、';
}

// A dialing word in the clause before i (at most 10 characters back) or
// right after the number (12345”服务热线).
bool dialing_context(std::string_view s, std::size_t i, std::size_t end) {
  std::size_t b = i;
  for (int k = 0; k < 10 && b > 0; ++k) {
    Char c = char_before(s, b);
    if (ends_clause(c.cp)) break;
    b -= c.len;
  }
  static constexpr std::string_view kBefore[] = {
      "拨打", "撥打", "拨通", "撥通", "致电", "致電", "电话", "電話", "热线", "熱線", "报警", "報警", "联系", "聯繫",
      "聯絡", "联络", "呼叫", "手机", "手機", "座机", "传真", "傳真", "专线", "專線", "拨", "撥", "Tel", "TEL", "tel"};
  std::string_view window = s.substr(b, i - b);
  for (std::string_view w : kBefore)
    if (window.find(w) != std::string_view::npos) return true;
  std::size_t a = end;
  for (int k = 0; k < 2; ++k) {
    Char c = char_at(s, a);
    if (c.cp == U'”' || c.cp == '"' || c.cp == U'’' || c.cp == U'）' || c.cp == ')' || c.cp == U'」' ||
        c.cp == U'』' || is_inline_space(c.cp))
      a += c.len;
  }
  return match_any(s, a, {"服务热线", "服務熱線", "热线", "熱線", "报警", "報警", "电话", "電話", "求助", "专线",
                          "專線", "急救电话", "举报"}) > 0;
}

// Whether the number at i continues a list of phone numbers: the last phone
// ended at most 12 characters before, with no sentence end between.
bool follows_phone(const ScanState& st, std::size_t i) {
  if (st.phone_end == 0 || st.phone_end > i) return false;
  std::size_t k = i;
  for (int n = 0; n < 12 && k > st.phone_end; ++n) {
    const Char c = char_before(st.s, k);
    if (c.cp == U'。' || c.cp == U'；' || c.cp == U'！' || c.cp == U'？' || is_digit(c.cp)) return false;
    k -= c.len;
  }
  return k == st.phone_end;
}

// Characters after a number that make it something else: 12345元, 110名, 1999年.
bool amount_follows(std::string_view s, std::size_t end) {
  Char c = char_at(s, end);
  switch (c.cp) {
    case U'年': case U'月': case U'日': case U'号': case U'元': case U'%': case U'％': case U'名': case U'人':
    case U'个': case U'起': case U'件': case U'次': case U'万': case U'亿': case U'余': case U'多': case U'户':
    case U'辆': case U'条': case U'家': case U'米': case U'岁': case U'天': case U'.':
      return true;
    default:
      return is_latin(c.cp) || is_digit(c.cp);
  }
}

}  // namespace

std::optional<Candidate> phone_at(const ScanState& st, std::size_t i) {
  std::string_view s = st.s;
  Char before = char_before(s, i);
  if (is_latin(before.cp) || is_digit(before.cp) || before.cp == '.') return std::nullopt;
  auto g = read_groups(s, i);
  if (!g || g->digits.empty()) return std::nullopt;
  if (amount_follows(s, g->end)) return std::nullopt;
  const std::string& d = g->digits;
  const std::size_t n = d.size();
  std::string value;
  std::size_t end = g->end;
  auto with_cc = [&](std::string v) { return g->cc.empty() ? v : "+" + g->cc + "-" + v; };
  const bool mobile = n == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' &&
                      (g->count == 1 || (g->count == 3 && g->lens[0] == 3 && g->lens[1] == 4) ||
                       (g->count == 2 && g->lens[0] == 3));
  if (!g->cc.empty()) {
    // +86 13912345678, +852 2345 6789, +886 2 2345 6789
    if (n < 7 || n > 12) return std::nullopt;
    value = with_cc(d);
  } else if (mobile) {
    value = d;
  } else if (n == 10 && (d.compare(0, 3, "400") == 0 || d.compare(0, 3, "800") == 0) && !g->paren) {
    value = d;
  } else if (d[0] == '0' && n == 10 && d[1] == '9' && (g->count == 1 || g->lens[0] == 4)) {
    value = d;  // Taiwan mobile 0912-345-678
  } else if (d[0] == '0' && (g->paren || g->count >= 2)) {
    const int area = g->lens[0];
    const std::size_t local = n - static_cast<std::size_t>(area);
    if (area < 2 || area > 4 || local < 6 || local > 8) return std::nullopt;
    if (g->paren || g->count >= 2) value = d.substr(0, area) + "-" + d.substr(area);
  } else if (d[0] == '0' && g->count == 1 && (n == 11 || n == 12) &&
             (dialing_context(s, i, end) || follows_phone(st, i))) {
    const std::size_t area = (d[1] == '1' || d[1] == '2') ? 3 : 4;
    value = d.substr(0, area) + "-" + d.substr(area);
  } else if ((n == 7 || n == 8) && d[0] != '0' && (g->count == 1 || (g->count == 2 && g->lens[0] >= 3)) &&
             (dialing_context(s, i, end) || follows_phone(st, i))) {
    value = d;  // a local number: 2345 6789
  } else if (n >= 3 && n <= 5 && g->count == 1 && (d[0] == '1' || d[0] == '9') &&
             (dialing_context(s, i, end) || follows_phone(st, i))) {
    value = d;  // a service number: 110, 12345, 999, 1999
  } else {
    return std::nullopt;
  }
  return make(FieldType::kPhone, i, end, FieldValue::of(value));
}

std::optional<Candidate> id_card_at(const ScanState& st, std::size_t i) {
  std::string_view s = st.s;
  Char before = char_before(s, i);
  if (is_latin(before.cp) || is_digit(before.cp)) return std::nullopt;
  // Only a run of 15, 17 or 18 digits can be an ID: count before copying.
  int run = 0;
  for (std::size_t k = i; run <= 18;) {
    Char c = char_at(s, k);
    if (!is_digit(c.cp)) break;
    ++run;
    k += c.len;
  }
  if (run != 15 && run != 17 && run != 18) return std::nullopt;
  std::string d;
  std::size_t j = i;
  int n = read_digits(s, j, d, 18);
  if (n == 17) {
    Char x = char_at(s, j);
    if (x.cp != 'X' && x.cp != 'x' && x.cp != 0xFF38) return std::nullopt;
    d.push_back('X');
    j += x.len;
    n = 18;
  }
  if (n != 18 && n != 15) return std::nullopt;
  Char after = char_at(s, j);
  if (is_latin(after.cp) || is_digit(after.cp)) return std::nullopt;
  if (d[0] < '1' || d[0] > '8') return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len) { return std::stoi(d.substr(at, len)); };
  if (n == 18) {
    static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int k = 0; k < 17; ++k) sum += (d[k] - '0') * kWeights[k];
    if ("10X98765432"[sum % 11] != d[17]) return std::nullopt;
    const int y = num(6, 4);
    if (y < 1900 || y > 2100 || !valid_day(y, num(10, 2), num(12, 2))) return std::nullopt;
  } else {
    if (!valid_day(1900 + num(6, 2), num(8, 2), num(10, 2))) return std::nullopt;
  }
  return make(FieldType::kIdCard, i, j, FieldValue::of(d));
}

}  // namespace huozi::extract::detail
