// Dates and times: 2020年2月7日, 二○○○年十二月三十一日, 2019年 11月, 7月23日,
// 6月份, 23日, 2020-07-24; times 下午14时, 晚上8点半, 14:30, joined to the date
// printed before them; relative words 今年/去年/昨天/近日/今年6月 resolved
// against the page date only.
#include <cstdio>

#include "numbers.hpp"
#include "scan.hpp"

namespace huozi::extract::detail {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

constexpr NumberOptions kPlain{false, false, false, false};  // digits only

// A month, day or hour: one or two Arabic digits, or a short Chinese numeral.
std::optional<Number> small_number(std::string_view s, std::size_t i, int max) {
  auto n = read_number(s, i, kPlain);
  if (!n || n->positional || n->fraction) return std::nullopt;
  if (!n->chinese && n->int_digits > 2) return std::nullopt;
  if (n->mantissa > max) return std::nullopt;
  return n;
}

// A year: four Arabic digits (1600–2199) or four Chinese numerals digit by
// digit (二〇〇〇).
std::optional<Number> year_number(std::string_view s, std::size_t i) {
  auto n = read_number(s, i, kPlain);
  if (!n || n->fraction) return std::nullopt;
  if (n->chinese ? !(n->positional && n->int_digits == 4) : n->int_digits != 4) return std::nullopt;
  if (n->mantissa < 1600 || n->mantissa > 2199) return std::nullopt;
  return n;
}

// The year of a month (and day) printed without one. News mostly looks back,
// so it is the page's year unless that puts the date more than half a year
// after the page (a January page's 12月31日 is last December); a day early
// in the year on a page late in it (1月2日 on a 12月28日 page) is next year's.
// Month-only dates never move forward: 1月份以来 on a December page is this
// year's January. Without a page date there is nothing to be near.
int year_near_page(const ExtractContext& ctx, int month, int day) {
  if (!ctx.page_date) return ctx.default_year;
  const CivilDate& page = *ctx.page_date;
  // Days from the page to the date, with 31-day months: exact enough for
  // thresholds of months.
  const int ahead = (month - page.month) * 31 + ((day > 0 ? day : 15) - page.day);
  if (ahead > 183) return page.year - 1;
  if (day > 0 && ahead < -320) return page.year + 1;
  return page.year;
}

// ISO text for a date whose year may be unknown (0): --MM-DD or --MM.
std::string date_value(int y, int m, int d) {
  if (y > 0) return iso_date(y, m, d);
  char buf[48];
  if (d > 0) std::snprintf(buf, sizeof buf, "--%02d-%02d", m, d);
  else std::snprintf(buf, sizeof buf, "--%02d", m);
  return buf;
}

std::string with_time(std::string date, int h, int m) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "T%02d:%02d", h, m);
  return date + buf;
}

struct TimeOfDay {
  int hour = 0, minute = 0;
  std::size_t end = 0;
};

enum class Period { kNone, kMorning, kNoon, kAfternoon, kNight };

// A period of the day at i (上午, 下午, 晚上 …) and its length.
Period period_at(std::string_view s, std::size_t i, std::size_t& len) {
  len = 0;
  if (i >= s.size() || static_cast<unsigned char>(s[i]) < 0x80) return Period::kNone;  // all are Han words
  // A period word is followed by an hour (a digit or a numeral) within three
  // characters; most 上, 中, 下 are not periods at all.
  {
    std::size_t k = i;
    bool hour = false;
    for (int n = 0; n < 3 && !hour; ++n) {
      k += char_at(s, k).len;
      const Char c = char_at(s, k);
      hour = is_digit(c.cp) || is_chinese_numeral(c.cp);
    }
    if (!hour) return Period::kNone;
  }
  if ((len = match_any(s, i, {"下午", "晚上", "晚间", "傍晚", "夜里", "夜间", "深夜", "午后", "今晚", "昨晚", "當晚",
                              "当晚", "晚"})))
    return Period::kNight;  // all afternoon or later: add 12 to 1–11
  if ((len = match_any(s, i, {"中午", "正午"}))) return Period::kNoon;
  if ((len = match_any(s, i, {"上午", "凌晨", "早上", "早晨", "清晨", "早间", "今晨", "今早"})))
    return Period::kMorning;
  return Period::kNone;
}

// A time of day at i: [period] H(时|点|:)[MM|M分|半]. `anchored`: right
// after a date, where a bare 8点 is surely a time.
std::optional<TimeOfDay> read_time(std::string_view s, std::size_t i, bool anchored) {
  std::size_t plen = 0;
  const Period period = period_at(s, i, plen);
  std::size_t j = i + plen;
  auto h = small_number(s, j, 24);
  if (!h) return std::nullopt;
  TimeOfDay t;
  t.hour = static_cast<int>(h->mantissa);
  j = h->end;
  Char c = char_at(s, j);
  bool minutes_shown = false;
  if ((c.cp == ':' || c.cp == 0xFF1A) && !h->chinese) {
    // 14:30 (and 14:30:15): minutes are exactly two digits.
    std::size_t k = j + c.len;
    auto m = read_arabic(s, k, kPlain);
    if (!m || m->int_digits != 2 || m->mantissa > 59) return std::nullopt;
    t.minute = static_cast<int>(m->mantissa);
    j = m->end;
    Char c2 = char_at(s, j);
    if (c2.cp == ':' && is_digit(char_at(s, j + 1).cp)) {
      auto sec = read_arabic(s, j + 1, kPlain);
      if (sec && sec->int_digits == 2 && sec->mantissa < 60) j = sec->end;
    }
    if (is_digit(char_at(s, j).cp)) return std::nullopt;
    minutes_shown = true;
  } else if (c.cp == U'时' || c.cp == U'時' || c.cp == U'点' || c.cp == U'點') {
    const bool hour_word = c.cp == U'时' || c.cp == U'時';
    // 零点五: a decimal (0.5), not midnight.
    if (h->chinese && h->mantissa == 0 && is_chinese_numeral(char_at(s, j + c.len).cp)) return std::nullopt;
    // 时间, 时期, 点钟? 时间 after a number is a duration word, not a clock.
    Char after = char_at(s, j + c.len);
    if (after.cp == U'间' || after.cp == U'間' || after.cp == U'期' || after.cp == U'代' || after.cp == U'候')
      return std::nullopt;
    j += c.len;
    if (std::size_t l = match_any(s, j, {"钟", "鐘"})) {
      j += l;
      minutes_shown = true;
    }
    if (std::size_t l = match_any(s, j, {"半"})) {
      t.minute = 30;
      j += l;
      minutes_shown = true;
    } else if (auto m = small_number(s, j, 59)) {
      Char unit = char_at(s, m->end);
      const bool fen = (unit.cp == U'分' && !starts_with(s, m->end, "分钟") && !starts_with(s, m->end, "分鐘"));
      if (fen || (!m->chinese && m->int_digits == 2 && !is_han(unit.cp) && !is_digit(unit.cp))) {
        t.minute = static_cast<int>(m->mantissa);
        j = m->end + (fen ? unit.len : 0);
        minutes_shown = true;
      }
    }
    // 9分23秒: seconds belong to the time; its value keeps minutes.
    if (auto sec = small_number(s, j, 59); sec && t.minute >= 0 && starts_with(s, sec->end, "秒") && minutes_shown)
      j = sec->end + 3;
    if (std::size_t l = match_any(s, j, {"许", "許", "整"})) {
      j += l;
      minutes_shown = true;
    }
    // Without a date or a period before it, a bare 8点 or 三点 is as likely
    // a count of points; 14时 stays a time, and so does 零点 (midnight).
    if (!anchored && period == Period::kNone && !(h->chinese && h->mantissa == 0)) {
      if (h->chinese) return std::nullopt;
      if (!hour_word && !minutes_shown) return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (!anchored && period == Period::kNone && h->chinese && h->mantissa != 0) return std::nullopt;
  if (t.hour > 24 || (t.hour == 24 && t.minute > 0)) return std::nullopt;
  if (period == Period::kNight && t.hour < 12) t.hour += 12;
  if (period == Period::kNoon && t.hour < 3) t.hour += 12;
  if (t.hour == 24) t.hour = 0;
  t.end = j;
  return t;
}

// After a date ending at `end`: a time joined to it makes a datetime.
Candidate finish(ScanState& st, std::size_t begin, std::size_t end, const DateParts& parts, FieldValue value) {
  if (parts.month > 0) st.proposed_date = parts;
  const bool full = value.kind == FieldValue::Kind::kString && parts.day > 0;
  std::size_t k = skip_spaces(st.s, end, 1);
  if (parts.day > 0) {
    if (auto t = read_time(st.s, k, true)) {
      std::string v = full ? with_time(value.string, t->hour, t->minute) : std::string();
      return make(FieldType::kDatetime, begin, t->end, v.empty() ? FieldValue::null() : FieldValue::of(v));
    }
  }
  return make(FieldType::kDate, begin, end, std::move(value));
}

// Month [day] [time] after a known year (or none) at j.
struct MonthDay {
  int month = 0, day = 0;
  std::size_t end = 0;
  bool fen = false;  // 6月份
};

std::optional<MonthDay> month_day(std::string_view s, std::size_t j, int year_for_check) {
  auto m = small_number(s, j, 12);
  if (!m || m->mantissa < 1) return std::nullopt;
  std::size_t k = m->end;
  if (!starts_with(s, k, "月")) return std::nullopt;
  MonthDay md;
  md.month = static_cast<int>(m->mantissa);
  k += 3;
  md.end = k;
  if (starts_with(s, k, "份")) {
    md.end = k + 3;
    md.fen = true;
    return md;
  }
  std::size_t d0 = skip_spaces(s, k);
  if (auto d = small_number(s, d0, 31)) {
    std::size_t l = match_any(s, d->end, {"日", "号", "號"});
    const int y = year_for_check > 0 ? year_for_check : 2000;  // 2000 is leap: 2月29日 passes
    if (l && d->mantissa >= 1 && d->mantissa <= days_in_month(y, md.month)) {
      md.day = static_cast<int>(d->mantissa);
      md.end = d->end + l;
    }
  }
  return md;
}

}  // namespace

std::string iso_date(int y, int m, int d) {
  char buf[48];
  if (m <= 0) std::snprintf(buf, sizeof buf, "%04d", y);
  else if (d <= 0) std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

bool valid_day(int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m); }

std::optional<CivilDate> add_days(CivilDate d, int days) {
  // Days from civil (Howard Hinnant's algorithm), shift, back.
  auto to_days = [](int y, int m, int dd) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  };
  int z = to_days(d.year, d.month, d.day) + days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int dd = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return CivilDate{yoe + era * 400 + (m <= 2), m, dd};
}

std::optional<Candidate> date_at(ScanState& st, std::size_t i) {
  std::string_view s = st.s;
  const ExtractContext& ctx = *st.ctx;
  // 2020-07-24, 2020/7/24, 2020.7.24
  if (auto y = year_number(s, i); y && !y->chinese) {
    Char sep = char_at(s, y->end);
    if (sep.cp == '-' || sep.cp == '/' || sep.cp == '.') {
      auto m = read_arabic(s, y->end + 1, kPlain);
      if (m && m->int_digits <= 2 && char_at(s, m->end).cp == sep.cp) {
        auto d = read_arabic(s, m->end + 1, kPlain);
        if (d && d->int_digits <= 2) {
          Char after = char_at(s, d->end);
          const bool more = is_digit(after.cp) || ((after.cp == '.' || after.cp == '-' || after.cp == '/') &&
                                                    is_digit(char_at(s, d->end + 1).cp));
          const int yy = static_cast<int>(y->mantissa), mm = static_cast<int>(m->mantissa),
                    dd = static_cast<int>(d->mantissa);
          if (!more && valid_day(yy, mm, dd)) {
            DateParts p{yy, mm, dd};
            return finish(st, i, d->end, p, FieldValue::of(iso_date(yy, mm, dd)));
          }
        }
      }
      return std::nullopt;
    }
  }
  // YYYY年[M月[D日]]
  if (auto y = year_number(s, i)) {
    std::size_t j = skip_spaces(s, y->end, 1);
    if (starts_with(s, j, "年")) {
      const int yy = static_cast<int>(y->mantissa);
      std::size_t k = skip_spaces(s, j + 3);
      if (auto md = month_day(s, k, yy)) {
        DateParts p{yy, md->month, md->day};
        return finish(st, i, md->end, p, FieldValue::of(iso_date(yy, md->month, md->day)));
      }
      // A year alone: 2020年. Not 2020年级, 2020年度 stays 2020.
      if (starts_with(s, j + 3, "级")) return std::nullopt;
      return make(FieldType::kDate, i, j + 3, FieldValue::of(iso_date(yy, 0, 0)));
    }
  }
  // M月[D日] and M月份
  if (auto md = month_day(s, i, 0)) {
    // 3个月 never reaches here; 第3月 is an ordinal.
    if (char_before(s, i).cp == U'第') return std::nullopt;
    // A bare Chinese month (一月) only with a day or 份: 三月 alone is rare and
    // a bare numeral before 月 is often something else.
    auto num = read_number(s, i, kPlain);
    if (num && num->chinese && md->day == 0 && !md->fen) return std::nullopt;
    const int y = year_near_page(ctx, md->month, md->day);
    DateParts p{y, md->month, md->day};
    return finish(st, i, md->end, p, FieldValue::of(date_value(y, md->month, md->day)));
  }
  // D日: a day of the month alone, as news prints it ("23日上午").
  if (auto d = small_number(s, i, 31); d && !d->chinese && d->mantissa >= 1) {
    if (!starts_with(s, d->end, "日")) return std::nullopt;
    Char before = char_before(s, i);
    if (before.cp == U'第' || before.cp == U'近' || before.cp == U'前' || before.cp == U'每' || before.cp == U'数' ||
        before.cp == U'后' || before.cp == U'半' || before.cp == U'连' ||
        before.cp == U'满' || before.cp == U'共' || before.cp == U'用')
      return std::nullopt;
    Char after = char_at(s, d->end + 3);
    static constexpr char32_t kNotADay[] = {U'内', U'游', U'以', U'之', U'左', U'后', U'期', U'元', U'报', U'本',
                                            U'均', U'平', U'间', U'工', U'程', U'制', U'历', U'里', U'夜', U'来',
                                            U'止', U'前'};
    for (char32_t x : kNotADay)
      if (after.cp == x) return std::nullopt;
    const int day = static_cast<int>(d->mantissa);
    std::optional<CivilDate> resolved;
    bool month_only = false;  // the last date's month, its year unknown: --MM-DD
    if (st.last_date && st.last_date->month > 0 && st.last_date->year > 0) {
      if (valid_day(st.last_date->year, st.last_date->month, day))
        resolved = CivilDate{st.last_date->year, st.last_date->month, day};
    } else if (st.last_date && st.last_date->month > 0) {
      if (valid_day(2000, st.last_date->month, day)) {
        resolved = CivilDate{0, st.last_date->month, day};
        month_only = true;
      }
    } else if (ctx.page_date) {
      // The latest such day on or before the page date.
      CivilDate p = *ctx.page_date;
      int y = p.year, m = p.month;
      if (day > p.day) {
        if (--m == 0) { m = 12; --y; }
      }
      if (valid_day(y, m, day)) resolved = CivilDate{y, m, day};
    }
    DateParts p;
    FieldValue v;
    if (resolved) {
      p = DateParts{resolved->year, resolved->month, resolved->day};
      v = FieldValue::of(month_only ? date_value(0, p.month, p.day) : iso_date(p.year, p.month, p.day));
    } else {
      p.day = day;
    }
    return finish(st, i, d->end + 3, p, std::move(v));
  }
  return std::nullopt;
}

std::optional<Candidate> time_at(ScanState& st, std::size_t i) {
  auto t = read_time(st.s, i, false);
  if (!t) return std::nullopt;
  // Joined to the last full date printed before it in the same text.
  std::string v;
  if (st.last_date && st.last_date->year > 0 && st.last_date->day > 0)
    v = iso_date(st.last_date->year, st.last_date->month, st.last_date->day);
  return make(FieldType::kDatetime, i, t->end, FieldValue::of(with_time(v, t->hour, t->minute)));
}

std::optional<Candidate> relative_date_at(ScanState& st, std::size_t i) {
  std::string_view s = st.s;
  const ExtractContext& ctx = *st.ctx;
  const std::optional<CivilDate>& page = ctx.page_date;
  std::size_t len = 0;
  // Every relative word is two or three characters whose second is one of
  // these: a cheap test before the word lists (上 and 日 are common).
  static constexpr std::u32string_view kSecond = U"年月个天日晚晨早前";
  if (kSecond.find(char_at(s, i + char_at(s, i).len).cp) == std::u32string_view::npos) return std::nullopt;
  // Years: 今年, 去年, 前年, 明年 and what follows (今年6月, 去年12月份).
  int year_offset = 0;
  if ((len = match_any(s, i, {"今年"}))) year_offset = 0;
  else if ((len = match_any(s, i, {"去年"}))) year_offset = -1;
  else if ((len = match_any(s, i, {"前年"}))) year_offset = -2;
  else if ((len = match_any(s, i, {"明年"}))) year_offset = 1;
  if (len) {
    const int y = page ? page->year + year_offset : 0;
    std::size_t k = skip_spaces(s, i + len, 1);
    if (auto md = month_day(s, k, y)) {
      DateParts p{y, md->month, md->day};
      FieldValue v = y ? FieldValue::of(iso_date(y, md->month, md->day)) : FieldValue::null();
      return finish(st, i, md->end, p, std::move(v));
    }
    return make(FieldType::kDate, i, i + len, y ? FieldValue::of(iso_date(y, 0, 0)) : FieldValue::null());
  }
  // Months: 本月, 上月, 下月.
  int month_offset = 0;
  if ((len = match_any(s, i, {"本月"}))) month_offset = 0;
  else if ((len = match_any(s, i, {"上个月", "上月"}))) month_offset = -1;
  else if ((len = match_any(s, i, {"下个月", "下月"}))) month_offset = 1;
  if (len) {
    int y = page ? page->year : 0, m = page ? page->month + month_offset : 0;
    if (m == 0) { m = 12; --y; }
    if (m == 13) { m = 1; ++y; }
    // 下月6日: a day of that month.
    if (auto d = small_number(s, i + len, 31); d && !d->chinese && starts_with(s, d->end, "日")) {
      const int day = static_cast<int>(d->mantissa);
      FieldValue v = page && valid_day(y, m, day) ? FieldValue::of(iso_date(y, m, day)) : FieldValue::null();
      return make(FieldType::kDate, i, d->end + 3, std::move(v));
    }
    return make(FieldType::kDate, i, i + len, page ? FieldValue::of(iso_date(y, m, 0)) : FieldValue::null());
  }
  // Days: 今天, 昨天, 前天, 明天, 近日, 日前 (今晚, 昨晚 are periods: a time may follow).
  int day_offset = 0;
  bool period_word = false;
  if ((len = match_any(s, i, {"今天", "今日", "近日"}))) day_offset = 0;
  else if ((len = match_any(s, i, {"昨天", "昨日"}))) day_offset = -1;
  else if ((len = match_any(s, i, {"前天"}))) day_offset = -2;
  else if ((len = match_any(s, i, {"明天", "明日"}))) day_offset = 1;
  else if ((len = match_any(s, i, {"今晚", "今晨", "今早"}))) period_word = true;
  else if ((len = match_any(s, i, {"昨晚"}))) { day_offset = -1; period_word = true; }
  else if ((len = match_any(s, i, {"日前"}))) {
    // 日前 is "recently" unless 日 ends another word: 节日前, 生日前, 工作日前.
    static constexpr std::u32string_view kDayWords = U"节節假生作末期每当當翌次某该該本同首纪紀吉忌平周週工";
    if (kDayWords.find(char_before(s, i).cp) != std::u32string_view::npos) return std::nullopt;
  }
  if (!len) return std::nullopt;
  std::optional<CivilDate> d;
  if (page) d = add_days(*page, day_offset);
  DateParts p;
  if (d) p = DateParts{d->year, d->month, d->day};
  // A time after the word (昨天下午3时, 今晚8点): the word is the date.
  std::size_t k = period_word ? i : i + len;
  if (auto t = read_time(s, k, true); t && (period_word || t->end > k)) {
    FieldValue v = d ? FieldValue::of(with_time(iso_date(d->year, d->month, d->day), t->hour, t->minute))
                     : FieldValue::null();
    return make(FieldType::kDatetime, i, t->end, std::move(v));
  }
  if (period_word) return std::nullopt;
  if (d) st.proposed_date = p;
  return make(FieldType::kDate, i, i + len, d ? FieldValue::of(iso_date(d->year, d->month, d->day)) : FieldValue::null());
}

}  // namespace huozi::extract::detail
