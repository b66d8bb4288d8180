// First version of field extraction: dates (with year inference), percentages.
// The issue on field extraction replaces this with the full scanner.
#include "huozi/extract/extract.hpp"

#include <cstdio>
#include <map>

#include "huozi/text/chars.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi::extract {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

// Reads ASCII or full-width digits at i; returns the number of digits read.
std::size_t read_number(std::string_view s, std::size_t i, long long& value) {
  std::size_t n = 0, j = i;
  value = 0;
  while (j < s.size()) {
    auto d = text::decode_at(s, j);
    int digit = -1;
    if (d.cp >= '0' && d.cp <= '9') digit = static_cast<int>(d.cp - '0');
    else if (d.cp >= 0xFF10 && d.cp <= 0xFF19) digit = static_cast<int>(d.cp - 0xFF10);
    if (digit < 0) break;
    if (n < 18) value = value * 10 + digit;
    ++n;
    j += d.len;
  }
  return j - i;
}

bool at(std::string_view s, std::size_t i, std::string_view w) { return s.substr(i, w.size()) == w; }

std::string iso(int y, int m, int d) {
  char buf[40];
  if (d > 0) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  else std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

std::string month_day(int m, int d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "--%02d-%02d", m, d);
  return buf;
}

struct DateHit {
  std::size_t begin, end;
  int year, month, day;
};

// YYYY年M月D日 | YYYY年M月 | M月D日 at i (i at a digit, preceded by a non-digit).
std::optional<DateHit> date_at(std::string_view s, std::size_t i) {
  long long a = 0;
  std::size_t la = read_number(s, i, a);
  if (la == 0) return std::nullopt;
  std::size_t j = i + la;
  int year = 0, month = 0, day = 0;
  if (at(s, j, "年") && (la == 4 * 1 || la == 12) && a >= 1900 && a <= 2100) {
    year = static_cast<int>(a);
    j += 3;
    long long m = 0;
    std::size_t lm = read_number(s, j, m);
    if (lm == 0 || m < 1 || m > 12 || !at(s, j + lm, "月")) {
      return std::nullopt;  // a bare year is not a date here
    }
    month = static_cast<int>(m);
    j += lm + 3;
  } else if (at(s, j, "月") && a >= 1 && a <= 12) {
    month = static_cast<int>(a);
    j += 3;
  } else {
    return std::nullopt;
  }
  long long d = 0;
  std::size_t ld = read_number(s, j, d);
  if (ld > 0 && (at(s, j + ld, "日") || at(s, j + ld, "号"))) {
    int y_check = year ? year : 2000;
    if (d >= 1 && d <= days_in_month(y_check, month)) {
      day = static_cast<int>(d);
      j += ld + 3;
    }
  }
  if (!year && !day) return std::nullopt;  // "6月" alone: handled later with 份/今年
  return DateHit{i, j, year, month, day};
}

}  // namespace

std::optional<CivilDate> parse_iso_date(std::string_view s) {
  int y, m, d;
  char tail;
  std::string str(s);
  if (s.size() != 10 || std::sscanf(str.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  if (s[4] != '-' || s[7] != '-' || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return CivilDate{y, m, d};
}

std::vector<FieldMatch> extract_fields(std::string_view s, const ExtractContext& ctx) {
  std::vector<FieldMatch> out;
  const int ref_year = ctx.page_date ? ctx.page_date->year : ctx.default_year;
  bool prev_digit = false;
  for (std::size_t i = 0; i < s.size();) {
    auto c = text::decode_at(s, i);
    const bool digit = text::has(c.cp, text::kDigit);
    if (digit && !prev_digit) {
      if (auto h = date_at(s, i)) {
        FieldMatch f;
        f.type = FieldType::kDate;
        f.begin = h->begin;
        f.end = h->end;
        int y = h->year ? h->year : ref_year;
        if (y) f.value = FieldValue::of(iso(y, h->month, h->day));
        else f.value = FieldValue::of(month_day(h->month, h->day));
        out.push_back(std::move(f));
        i = h->end;
        prev_digit = false;
        continue;
      }
      // Percentages: 97.78%
      std::size_t j = i;
      long long ip = 0;
      j += read_number(s, j, ip);
      double v = static_cast<double>(ip);
      if (j < s.size() && s[j] == '.') {
        long long fp = 0;
        std::size_t lf = read_number(s, j + 1, fp);
        if (lf > 0) {
          std::string num(s.substr(i, j + 1 + lf - i));
          v = std::strtod(num.c_str(), nullptr);
          j += 1 + lf;
        }
      }
      if (j < s.size() && (s[j] == '%' || at(s, j, "％"))) {
        FieldMatch f;
        f.type = FieldType::kPercent;
        f.begin = i;
        f.end = j + (s[j] == '%' ? 1 : 3);
        f.value = FieldValue::of(v);
        out.push_back(std::move(f));
        i = f.end;
        prev_digit = false;
        continue;
      }
    }
    prev_digit = digit;
    i += c.len;
  }
  return out;
}

int infer_year(const std::vector<std::string_view>& texts) {
  std::map<int, int> counts;
  for (std::string_view s : texts) {
    bool prev_digit = false;
    for (std::size_t i = 0; i < s.size();) {
      auto c = text::decode_at(s, i);
      const bool digit = text::has(c.cp, text::kDigit);
      if (digit && !prev_digit) {
        if (auto h = date_at(s, i); h && h->year) ++counts[h->year];
      }
      prev_digit = digit;
      i += c.len;
    }
  }
  // A page is printed on or after the latest full date it reports, so the
  // latest year is the best guess for dates printed without one.
  return counts.empty() ? 0 : counts.rbegin()->first;
}

}  // namespace huozi::extract
