// The field scanner: one left-to-right pass. A table says which characters
// can start a field (digits and Chinese numerals, currency signs, the first
// characters of relative-date words, time periods, currency names,
// organization heads and place suffixes, ASCII letters); only there do the
// recognizers run. Each recognizer looks a bounded distance ahead (names a
// bounded distance back), and the scan resumes after the field it takes, so
// the pass is linear in the text.
//
// Overlaps: at one start every numeric recognizer runs and the longest match
// wins (a datetime contains its date; 2019年11月 beats the quantity 2019年);
// a later organization swallows the places and organizations it contains
// (邹城市 inside 邹城市公安局) and merges with one it continues
// (市公安局 + 市中分局).
#include "huozi/extract/extract.hpp"

#include <array>
#include <cstdio>
#include <map>
#include <memory>

#include "numbers.hpp"
#include "scan.hpp"

namespace huozi::extract {
namespace {

using namespace detail;

enum Trigger : std::uint8_t {
  kNumeric = 1u << 0,    // digits, Chinese numerals, ￥ $ + (
  kRelative = 1u << 1,   // 今年 昨天 近日 本月 …
  kPeriod = 1u << 2,     // 上午 下午 晚上 … before a time
  kMoneyWord = 1u << 3,  // 人民币 港幣 美元 … before an amount
  kName = 1u << 4,       // organization heads, place suffixes
  kAscii = 1u << 5,      // ASCII letters and digits: e-mail, URL
};

struct TriggerTable {
  std::array<std::uint8_t, 0x10000> bits{};
  TriggerTable() {
    auto mark = [&](std::u32string_view chars, std::uint8_t bit) {
      for (char32_t c : chars)
        if (c < 0x10000) bits[c] |= bit;
    };
    for (char32_t c = '0'; c <= '9'; ++c) bits[c] |= kNumeric | kAscii;
    for (char32_t c = 0xFF10; c <= 0xFF19; ++c) bits[c] |= kNumeric;
    for (char32_t c = 'a'; c <= 'z'; ++c) bits[c] |= kAscii;
    for (char32_t c = 'A'; c <= 'Z'; ++c) bits[c] |= kAscii;
    for (char32_t c = 0x3000; c < 0x10000; ++c)
      if (is_chinese_numeral(c)) bits[c] |= kNumeric;
    mark(U"〇○", kNumeric);
    mark(U"￥¥$€£+＋(（", kNumeric);
    mark(U"今去前明本上下昨近日", kRelative);
    mark(U"上下中正晚傍夜深午今昨当當凌早清", kPeriod);
    mark(money_trigger_chars(), kMoneyWord);
    mark(name_trigger_chars(), kName);
  }
};

const TriggerTable& triggers() {
  static const auto* t = new TriggerTable();  // built once, never freed
  return *t;
}

bool ascii_word_char(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' ||
         c == '-' || c == '@' || c == '%' || c == '+' || c == '/';
}

// Whether a number may start at i: not in the middle of another number.
bool number_start(char32_t prev, char32_t c) {
  if (is_digit(c)) return !is_digit(prev) && prev != '.' && prev != ',' && prev != 0xFF0E;
  if (is_chinese_numeral(c)) return !is_chinese_numeral(prev);
  return true;
}

// The run of digits (or Chinese numerals) at i and the character after it
// (past one space): enough to skip the recognizers that cannot match there.
// Most numbers are counts (9名, 17503起); only a few shapes can be a date, a
// time, a percentage, a phone number or an ID.
struct NumberShape {
  int run = 0;
  char32_t next = 0;
};

NumberShape shape_at(std::string_view s, std::size_t i, bool chinese) {
  NumberShape n;
  std::size_t j = i;
  for (;;) {
    Char c = char_at(s, j);
    if (!(chinese ? is_chinese_numeral(c.cp) : is_digit(c.cp)) || n.run > 32) break;
    ++n.run;
    j += c.len;
  }
  Char c = char_at(s, j);
  if (is_inline_space(c.cp)) c = char_at(s, j + c.len);
  n.next = c.cp;
  return n;
}

bool one_of(char32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }

void keep_longest(std::optional<Candidate>& best, std::optional<Candidate> c, bool& from_date, bool is_date) {
  if (c && (!best || c->end > best->end)) {
    best = std::move(c);
    from_date = is_date;
  }
}

}  // namespace

std::optional<CivilDate> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const std::size_t from[3] = {0, 5, 8}, len[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (std::size_t j = from[k]; j < from[k] + len[k]; ++j) {
      if (s[j] < '0' || s[j] > '9') return std::nullopt;
      v[k] = v[k] * 10 + (s[j] - '0');
    }
  if (!valid_day(v[0], v[1], v[2])) return std::nullopt;
  return CivilDate{v[0], v[1], v[2]};
}

std::vector<FieldMatch> extract_fields(std::string_view s, const ExtractContext& ctx) {
  std::vector<FieldMatch> out;
  const TriggerTable& table = triggers();
  ScanState st;
  st.s = s;
  st.ctx = &ctx;
  char32_t prev = 0;
  for (std::size_t i = 0; i < s.size();) {
    const Char c = char_at(s, i);
    const std::uint8_t t = c.cp < 0x10000 ? table.bits[c.cp] : 0;
    if (t == 0) {
      prev = c.cp;
      i += c.len;
      continue;
    }
    std::optional<Candidate> best;
    bool from_date = false;
    st.proposed_date.reset();
    const bool ascii_start = (t & kAscii) && !ascii_word_char(prev);
    if (ascii_start) best = web_at(st, i);
    if (!best && (t & kNumeric) && number_start(prev, c.cp)) {
      const bool digit = is_digit(c.cp), chinese = !digit && is_chinese_numeral(c.cp);
      const NumberShape n = digit || chinese ? shape_at(s, i, chinese) : NumberShape{};
      const bool other = !digit && !chinese;  // ￥ $ + ( …: let every recognizer look
      if (other || (digit && (n.run == 15 || n.run == 17 || n.run == 18)))
        keep_longest(best, id_card_at(st, i), from_date, false);
      if (other || (digit && (n.run >= 3 || one_of(n.next, U"-－‐‑ )）"))))
        keep_longest(best, phone_at(st, i), from_date, false);
      if (other || n.run == 4 || one_of(n.next, U"年月日号號-/.")) keep_longest(best, date_at(st, i), from_date, true);
      std::optional<DateParts> date_parts = st.proposed_date;
      if (other || ((digit || c.cp == U'零') && one_of(n.next, U"时時点點:：")))
        keep_longest(best, time_at(st, i), from_date, false);
      keep_longest(best, money_at(st, i), from_date, false);
      if (other || one_of(n.next, U"%％‰.．") || one_of(c.cp, U"百千"))
        keep_longest(best, percent_at(st, i), from_date, false);
      keep_longest(best, quantity_at(st, i), from_date, false);
      st.proposed_date = date_parts;
    }
    if (!best && (t & kMoneyWord)) best = money_at(st, i);
    if (!best && (t & kRelative)) {
      best = relative_date_at(st, i);
      from_date = best.has_value();
    }
    if (!best && (t & kPeriod)) best = time_at(st, i);
    std::size_t head_end = 0;
    if (!best && (t & kName)) {
      best = org_at(st, i, head_end);
      if (!best) best = place_at(st, i);
    }
    if (!best) {
      // Skip a Latin word whole: digits inside it (QQ12345, GB2312) are no amount.
      if (ascii_start && !is_digit(c.cp)) {
        std::size_t j = i;
        while (j < s.size() && ascii_word_char(static_cast<unsigned char>(s[j])) && s[j] != '.') ++j;
        prev = static_cast<unsigned char>(s[j - 1]);
        i = j;
        continue;
      }
      if (head_end > i) {  // a rejected organization head: no shorter head inside it
        prev = char_before(s, head_end).cp;
        i = head_end;
        continue;
      }
      prev = c.cp;
      i += c.len;
      continue;
    }
    Candidate f = std::move(*best);
    if (f.type == FieldType::kOrg) {
      // Swallow the places and organizations it contains; merge with the one it continues.
      while (!out.empty()) {
        const FieldMatch& last = out.back();
        if (last.type != FieldType::kPlace && last.type != FieldType::kOrg) break;
        const bool inside = last.end > f.begin;
        const bool continued = last.type == FieldType::kOrg && last.end == f.begin;
        if (!inside && !continued) break;
        // A place that starts before the organization's modifiers was cut
        // off by a stop word there: drop it rather than extend over the stop.
        if (last.begin < f.begin && last.type == FieldType::kOrg) f.begin = last.begin;
        out.pop_back();
      }
      // The value (its text) is set after the scan: a run of organizations
      // that continue each other (公安局公安局…) merges into one, and copying
      // the growing text at every merge would be quadratic.
      st.org_end = f.end;
    } else if (f.type != FieldType::kPlace) {
      st.hard_end = f.end;
    }
    if (f.type == FieldType::kPhone) st.phone_end = f.end;
    if (from_date && st.proposed_date) st.last_date = st.proposed_date;
    st.last_end = f.end;
    i = f.end;
    prev = char_before(s, i).cp;
    out.push_back(std::move(f));
  }
  for (FieldMatch& f : out)
    if (f.type == FieldType::kOrg) f.value = FieldValue::of(std::string(s.substr(f.begin, f.end - f.begin)));
  return out;
}

int infer_year(const std::vector<std::string_view>& texts) {
  // A page is printed on or after the latest full date it reports, so the
  // latest year among its full dates is the best guess for dates without one.
  int latest = 0;
  ExtractContext none;
  for (std::string_view s : texts) {
    if (s.find("年") == std::string_view::npos) continue;  // no year printed: nothing to find
    ScanState st;
    st.s = s;
    st.ctx = &none;
    char32_t prev = 0;
    for (std::size_t i = 0; i < s.size();) {
      const Char c = char_at(s, i);
      if ((is_digit(c.cp) || is_chinese_numeral(c.cp)) && number_start(prev, c.cp)) {
        st.proposed_date.reset();
        if (auto d = date_at(st, i)) {
          // With no context, only a printed year gives a year.
          if (st.proposed_date && st.proposed_date->year > latest && st.proposed_date->month > 0)
            latest = st.proposed_date->year;
          prev = char_before(s, d->end).cp;
          i = d->end;
          continue;
        }
      }
      prev = c.cp;
      i += c.len;
    }
  }
  return latest;
}

}  // namespace huozi::extract
