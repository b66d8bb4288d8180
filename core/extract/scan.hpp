// Internal to field extraction: the scan state every recognizer sees and the
// small character helpers they share. Recognizers look ahead (and a bounded
// distance back) from one position and never re-scan, so the whole pass stays
// linear in the text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "huozi/extract/extract.hpp"
#include "huozi/text/chars.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi::extract::detail {

struct Char {
  char32_t cp = 0;       // 0 past either end of the text
  std::uint8_t len = 0;  // bytes
};

inline Char char_at(std::string_view s, std::size_t i) noexcept {
  if (i >= s.size()) return {};
  const auto d = text::decode_at(s, i);
  return {d.cp, d.len};
}

inline Char char_before(std::string_view s, std::size_t i) noexcept {
  if (i == 0 || i > s.size()) return {};
  const auto d = text::decode_before(s, i);
  return {d.cp, d.len};
}

inline bool starts_with(std::string_view s, std::size_t i, std::string_view w) noexcept {
  return i <= s.size() && s.size() - i >= w.size() && s.compare(i, w.size(), w) == 0;
}

inline bool ends_with(std::string_view s, std::size_t end, std::string_view w) noexcept {
  return end <= s.size() && end >= w.size() && s.compare(end - w.size(), w.size(), w) == 0;
}

// The byte length of the first word in `words` that starts at i, 0 if none.
// List longer words before their prefixes.
inline std::size_t match_any(std::string_view s, std::size_t i, std::initializer_list<std::string_view> words) noexcept {
  for (std::string_view w : words)
    if (starts_with(s, i, w)) return w.size();
  return 0;
}

// The byte length of the first word in `words` that ends at `end`, 0 if none.
inline std::size_t match_any_before(std::string_view s, std::size_t end,
                                    std::initializer_list<std::string_view> words) noexcept {
  for (std::string_view w : words)
    if (ends_with(s, end, w)) return w.size();
  return 0;
}

// A word list looked up by the code point its words start (or end) with, so a
// recognizer compares only the few words that can match at a position instead
// of the whole list.
class WordIndex {
 public:
  enum class Key { kFirst, kLast };
  WordIndex(const std::vector<std::string_view>& words, Key key);
  // Indices into the list, in list order, of the words keyed by c.
  const std::vector<std::uint16_t>& at(char32_t c) const;

 private:
  std::unordered_map<char32_t, std::vector<std::uint16_t>> map_;
  std::vector<std::uint64_t> bmp_;  // one bit per BMP code point: has words (most lookups miss)
  std::vector<std::uint16_t> none_;
};

inline int ascii_or_wide_digit(char32_t c) noexcept {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<int>(c - 0xFF10);
  return -1;
}
inline bool is_digit(char32_t c) noexcept { return ascii_or_wide_digit(c) >= 0; }
inline bool is_latin(char32_t c) noexcept { return text::has(c, text::kLatin); }
inline bool is_han(char32_t c) noexcept { return text::has(c, text::kHan); }
inline bool is_inline_space(char32_t c) noexcept { return c == ' ' || c == 0x3000 || c == 0xA0 || c == '\t'; }

// Skips at most `max` inline spaces (a layout space inside "2019年 11月").
inline std::size_t skip_spaces(std::string_view s, std::size_t i, int max = 2) noexcept {
  for (int k = 0; k < max; ++k) {
    Char c = char_at(s, i);
    if (!is_inline_space(c.cp)) break;
    i += c.len;
  }
  return i;
}

// A year, month, day, hour, minute, each 0 (or -1 for the time) when absent.
struct DateParts {
  int year = 0, month = 0, day = 0;
  int hour = -1, minute = 0;
};

// What the scan carries from one recognizer to the next.
struct ScanState {
  std::string_view s;
  const ExtractContext* ctx = nullptr;
  // The last date with a month seen in this text, for 25日 in "7月23日至25日"
  // and for a time printed after its date ("当晚8时").
  std::optional<DateParts> last_date;
  // End of the last field that is not an org or place: names extend left up
  // to here and no further.
  std::size_t hard_end = 0;
  // End of the last field of any type: a place name starts after it, so
  // 任城区济阳街道 is two places.
  std::size_t last_end = 0;
  // End of the last organization: a head right after it continues it.
  std::size_t org_end = 0;
  // End of the last phone number: a list of numbers shares one dialing word
  // (热线：12319（城管），96110（反诈）).
  std::size_t phone_end = 0;
  // The date parts of the last date candidate, committed to last_date only
  // if the scan takes that candidate.
  std::optional<DateParts> proposed_date;
};

// A recognized field before it is appended to the output.
using Candidate = FieldMatch;

inline Candidate make(FieldType type, std::size_t b, std::size_t e, FieldValue v) {
  Candidate c;
  c.type = type;
  c.begin = b;
  c.end = e;
  c.value = std::move(v);
  return c;
}

// ---- recognizers (one file each); each returns the field starting at i -------
// Numeric start (a digit, a Chinese numeral, a currency sign, + or an opening
// parenthesis): dates, times, money, percentages, quantities, phones, IDs.
std::optional<Candidate> date_at(ScanState& st, std::size_t i);
std::optional<Candidate> time_at(ScanState& st, std::size_t i);        // 晚上8点半, 14:30
std::optional<Candidate> relative_date_at(ScanState& st, std::size_t i);  // 今年6月, 昨天
std::optional<Candidate> money_at(const ScanState& st, std::size_t i);
std::optional<Candidate> percent_at(const ScanState& st, std::size_t i);
std::optional<Candidate> quantity_at(const ScanState& st, std::size_t i);
std::optional<Candidate> phone_at(const ScanState& st, std::size_t i);
std::optional<Candidate> id_card_at(const ScanState& st, std::size_t i);
// An ASCII word start: e-mail, URL.
std::optional<Candidate> web_at(const ScanState& st, std::size_t i);
// Han text: an organization head or a place suffix at i, extended left.
// org_at sets head_end past a head it found, even one it rejects, so the
// scan does not find a shorter head inside it (公安局 → 局).
std::optional<Candidate> org_at(const ScanState& st, std::size_t i, std::size_t& head_end);
std::optional<Candidate> place_at(const ScanState& st, std::size_t i);
// First characters of every organization head and place suffix.
std::u32string_view name_trigger_chars();
// First characters of currency words before an amount (人民币, 港幣 …).
std::u32string_view money_trigger_chars();

// Date formatting and the full date (year, month, day) a DateParts resolves
// to against the context; shared with infer_year.
std::string iso_date(int y, int m, int d);
bool valid_day(int y, int m, int d);
std::optional<CivilDate> add_days(CivilDate d, int days);

}  // namespace huozi::extract::detail
