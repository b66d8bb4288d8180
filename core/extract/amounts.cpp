// Amounts: money (1288元, 1000多元, 3.5万元, 三千五百万元, ￥1,200, 5000美元,
// 港幣3,500元, 新台幣1.2億元), percentages (97.78%, 百分之十五) and quantities
// (9名, 17503起, 758辆次, 3分钟, 3,200名, 60名党员干部 → 60名).
#include "numbers.hpp"
#include "scan.hpp"

namespace huozi::extract::detail {
namespace {

struct Word {
  std::string_view text;
  std::string_view code;
};

// Currency before the number: symbols and names (港幣3,500元, ￥1,200, US$5).
constexpr Word kCurrencyPrefixes[] = {
    {"US$", "USD"},  {"HK$", "HKD"},   {"NT$", "TWD"},    {"RMB", "CNY"},    {"￥", "CNY"},     {"¥", "CNY"},
    {"$", "USD"},    {"€", "EUR"},     {"£", "GBP"},      {"人民币", "CNY"}, {"人民幣", "CNY"}, {"港币", "HKD"},
    {"港幣", "HKD"}, {"港元", "HKD"},  {"新台币", "TWD"}, {"新台幣", "TWD"}, {"台币", "TWD"},   {"台幣", "TWD"},
    {"美元", "USD"}, {"美金", "USD"},  {"欧元", "EUR"},   {"歐元", "EUR"},   {"日元", "JPY"},   {"日圓", "JPY"},
    {"英镑", "GBP"}, {"英鎊", "GBP"},  {"澳门币", "MOP"}, {"澳門幣", "MOP"},
};

// Currency after the number; 元/圆/块钱 take the prefix's currency, else CNY.
constexpr Word kCurrencySuffixes[] = {
    {"美元", "USD"},   {"美金", "USD"},   {"港元", "HKD"},   {"港币", "HKD"},   {"港幣", "HKD"},   {"欧元", "EUR"},
    {"歐元", "EUR"},   {"日元", "JPY"},   {"日圓", "JPY"},   {"英镑", "GBP"},   {"英鎊", "GBP"},   {"澳门元", "MOP"},
    {"澳門元", "MOP"}, {"澳门币", "MOP"}, {"澳門幣", "MOP"}, {"澳元", "AUD"},   {"加元", "CAD"},   {"加拿大元", "CAD"},
    {"韩元", "KRW"},   {"韓元", "KRW"},   {"卢布", "RUB"},   {"盧布", "RUB"},   {"新台币", "TWD"}, {"新台幣", "TWD"},
    {"台币", "TWD"},   {"台幣", "TWD"},   {"人民币", "CNY"}, {"人民幣", "CNY"}, {"里亚尔", "SAR"}, {"埃镑", "EGP"},
    {"卢比", "INR"},   {"泰铢", "THB"},   {"新加坡元", "SGD"}, {"瑞士法郎", "CHF"}, {"法郎", "FRF"}, {"马克", "DEM"},
    {"越南盾", "VND"}, {"比索", "MXN"},   {"块钱", ""},      {"塊錢", ""},
    {"元", ""},        {"圆", ""},        {"圓", ""},
};

template <std::size_t N>
WordIndex index_of(const Word (&words)[N]) {
  std::vector<std::string_view> w;
  for (const Word& x : words) w.push_back(x.text);
  return WordIndex(w, WordIndex::Key::kFirst);
}

template <std::size_t N>
const Word* find_word(std::string_view s, std::size_t i, const Word (&words)[N], const WordIndex& index) {
  for (std::uint16_t k : index.at(char_at(s, i).cp))
    if (starts_with(s, i, words[k].text)) return &words[k];
  return nullptr;
}

const Word* currency_prefix_at(std::string_view s, std::size_t i) {
  static const WordIndex index = index_of(kCurrencyPrefixes);
  return find_word(s, i, kCurrencyPrefixes, index);
}

const Word* currency_suffix_at(std::string_view s, std::size_t i) {
  static const WordIndex index = index_of(kCurrencySuffixes);
  return find_word(s, i, kCurrencySuffixes, index);
}

// Words before an amount that make it approximate: 约1000元, 近万元, 逾3000人.
bool approx_before(std::string_view s, std::size_t i) {
  return match_any_before(s, i, {"约", "約", "约合", "約合", "近", "逾", "超过", "超過", "大约", "将近", "接近"}) > 0;
}

// A Latin letter right before the number, or a hyphen after one:
// a model number, not an amount.
bool model_number_before(std::string_view s, std::size_t i) {
  Char b = char_before(s, i);
  if (is_latin(b.cp)) return true;
  if (b.cp == '-' && i > 1 && is_latin(char_before(s, i - 1).cp)) return true;
  return false;
}

// 千元, 万元, 上千名, 近百名, 百余处: a magnitude alone stands for one of it,
// for money before 元 and for counts after an approximating word or before 余/多.
std::optional<Number> magnitude_alone(std::string_view s, std::size_t i, bool money) {
  Char c = char_at(s, i);
  int p = 0;
  switch (c.cp) {
    case U'百': p = 2; break;
    case U'千': p = 3; break;
    case U'万': case U'萬': p = 4; break;
    case U'亿': case U'億': p = 8; break;
    default: return std::nullopt;
  }
  Number n;
  n.begin = i;
  n.end = i + c.len;
  n.mantissa = 1;
  n.exponent = p;
  n.chinese = true;
  n.magnitude = true;
  Char next = char_at(s, n.end);
  if (next.cp == U'余' || next.cp == U'餘' || next.cp == U'多') {
    n.approx = true;
    n.end += next.len;
  } else {
    // 上千名, 数百人, 近万元: a word before makes the magnitude a rough count.
    const bool rough = approx_before(s, i) || match_any_before(s, i, {"上", "数", "數", "成"}) > 0;
    if (!rough && !(money && starts_with(s, n.end, "元"))) return std::nullopt;
    n.approx = rough;
  }
  return n;
}

// An acceptable number for an amount: Chinese numerals digit by digit (两三,
// 七八) are a range, not a number; a lone 一 is an article more than a count.
bool amount_number(const Number& n) {
  if (n.chinese && n.positional) return false;
  if (n.chinese && n.mantissa <= 1 && !n.magnitude && !n.fraction) return false;
  if (!n.chinese && n.leading_zero && !n.fraction) return false;
  return true;
}

struct Unit {
  std::string_view text;
  // Characters that, right after the unit, make it another word (名单, 天津).
  std::u32string_view not_before = U"";
};

// Counting and measuring units, longer before their prefixes.
constexpr Unit kUnits[] = {
    {"平方公里"}, {"平方千米"}, {"个百分点"}, {"個百分點"}, {"个工作日"}, {"平方米"}, {"立方米"}, {"千瓦时"},
    {"个小时"},   {"個小時"},   {"个星期"},   {"个月"},     {"個月"},   {"人次"},   {"辆次"},   {"剂次"},   {"劑次"},   {"季度"},
    {"輛次"},     {"架次"},     {"车次"},     {"户次"},     {"班次"},     {"批次"},   {"余人"},   {"小时"},
    {"小時"},     {"分钟"},     {"分鐘"},     {"秒钟"},     {"公里"},     {"公斤"},   {"千克"},   {"千米"},
    {"厘米"},     {"毫米"},     {"公顷"},     {"公頃"},     {"毫升"},     {"周年"},   {"週年"},   {"周岁"},
    {"週歲"},     {"平米"},     {"千瓦"},     {"兆瓦"},     {"星期"},     {"多人"},     {"℃"},
    {"名", U"单字称义额次"},  {"人", U"民员士口工为们"}, {"位", U"于置"},       {"个", U"体性别案"},
    {"個", U"體性別案"},      {"起", U"来步诉草点源到"}, {"件", U"事"},         {"辆"},
    {"輛"},                   {"户", U"籍口型主"},       {"戶", U"籍口"},       {"次", U"日要序数"},
    {"条", U"件例款约"},      {"條", U"件例款約"},       {"家", U"庭属长人园乡中里具电"},
    {"所", U"以有谓在长属"},  {"处", U"理置罚分长警"},   {"處", U"理置罰分長警"}, {"只", U"有是要能不"},
    {"隻"},                   {"头", U"发"},             {"頭", U"髮"},         {"台", U"湾風风词阶"},
    {"臺", U"灣"},            {"部", U"署长門门分委"},     {"架"},                {"艘"},
    {"座", U"谈"},            {"栋"},                    {"棟"},                {"间", U"隔"},
    {"間", U"隔"},            {"套", U"餐"},             {"张", U"家"},         {"張"},
    {"份", U"子额"},          {"本", U"地人市报次身届期"}, {"册"},              {"冊"},
    {"篇"},                   {"项", U"目"},             {"項", U"目"},         {"批", U"准评示"},
    {"支", U"持付出援队隊"},      {"把", U"握关"},           {"枚"},                {"颗"},
    {"顆"},                   {"剂"},                    {"棵"},                    {"株"},                {"吨"},
    {"噸"},                   {"斤"},                    {"克", U"服"},         {"米"},
    {"亩"},                   {"畝"},                    {"升", U"级高至温"},   {"天", U"津然空气下地安堂使"},
    {"周", U"边围末刊报"},    {"週", U"邊圍末"},         {"年", U"级代纪龄轻"}, {"岁"},
    {"歲"},                   {"届", U"时"},             {"屆", U"時"},         {"期", U"间待望工"},
    {"场", U"所地景"},        {"場", U"所地景"},         {"轮"},                {"輪"},
    {"类", U"似型"},          {"類", U"似型"},           {"种", U"植子"},       {"種", U"植子"},
    {"宗", U"教旨"},          {"例", U"如"},             {"箱"},                {"袋"},
    {"瓶"},                   {"盒"},                    {"块", U"钱"},         {"塊", U"錢"},
    {"度", U"过假"},          {"倍"},                    {"层", U"面次级"},     {"層", U"面次級"},
    {"级", U"别"},            {"級", U"別"},             {"里", U"面程"},       {"双", U"方向"},
    {"雙", U"方向"},          {"站", U"长台点在起立稳岗"},          {"组", U"织成建"},         {"組", U"織成建"},     {"幅"},
    {"首", U"先次都府长批个"}, {"笔", U"者记"},          {"筆", U"者記"},       {"趟"},
    {"遍", U"布及"},          {"桩"},                    {"樁"},                {"秒"},
};

const Unit* unit_at(std::string_view s, std::size_t i) {
  static const WordIndex units = [] {
    std::vector<std::string_view> w;
    for (const Unit& u : kUnits) w.push_back(u.text);
    return WordIndex(w, WordIndex::Key::kFirst);
  }();
  for (std::uint16_t k : units.at(char_at(s, i).cp)) {
    const Unit& u = kUnits[k];
    if (!starts_with(s, i, u.text)) continue;
    Char after = char_at(s, i + u.text.size());
    if (after.cp && u.not_before.find(after.cp) != std::u32string_view::npos) return nullptr;
    return &u;
  }
  return nullptr;
}

// A minus sign right before the number at i (－11℃, -3.5%), not a hyphen
// between two numbers or after a letter (2019-2020, A-380): its length, or 0.
std::size_t minus_before(std::string_view s, std::size_t i) {
  const Char m = char_before(s, i);
  if (m.cp != '-' && m.cp != U'－' && m.cp != U'−') return 0;
  const Char b = char_before(s, i - m.len);
  if (is_digit(b.cp) || is_latin(b.cp) || b.cp == '.' || b.cp == ')' || b.cp == U'）') return 0;
  return m.len;
}

}  // namespace

std::u32string_view money_trigger_chars() {
  static const std::u32string chars = [] {
    std::u32string out;
    for (const Word& w : kCurrencyPrefixes) {
      char32_t c = char_at(w.text, 0).cp;
      if (out.find(c) == std::u32string::npos) out.push_back(c);
    }
    return out;
  }();
  return chars;
}

std::optional<Candidate> money_at(const ScanState& st, std::size_t i) {
  std::string_view s = st.s;
  std::size_t j = i;
  std::string_view currency;
  bool prefixed = false;
  if (const Word* w = currency_prefix_at(s, i)) {
    currency = w->code;
    prefixed = true;
    j = skip_spaces(s, i + w->text.size(), 1);
  }
  if (prefixed && is_latin(char_before(s, i).cp)) return std::nullopt;
  auto n = read_number(s, j);
  if (!n) n = magnitude_alone(s, j, true);
  if (!n || !amount_number(*n)) return std::nullopt;
  if (!prefixed && model_number_before(s, i)) return std::nullopt;
  std::size_t end = n->end;
  const Word* suffix = currency_suffix_at(s, end);
  if (suffix) {
    // 元旦, 元素, 元宵 are not money.
    Char after = char_at(s, end + suffix->text.size());
    if (suffix->text == "元" && (after.cp == U'旦' || after.cp == U'素' || after.cp == U'宵' || after.cp == U'首' ||
                                 after.cp == U'老' || after.cp == U'件'))
      suffix = nullptr;
  }
  if (suffix) {
    if (!suffix->code.empty()) {
      if (prefixed && suffix->code != currency) return std::nullopt;
      currency = suffix->code;
    }
    end += suffix->text.size();
  } else if (!prefixed) {
    return std::nullopt;
  }
  // 欧元四阶段: a currency word before a Chinese numeral, with no 元 after
  // it, names a thing rather than an amount.
  if (prefixed && !suffix && n->chinese && is_han(char_at(s, i).cp)) return std::nullopt;
  if (prefixed && !suffix && is_han(char_at(s, end).cp)) {
    // ￥1,200 stands alone; 美元100 is rare but fine. A prefix word followed
    // by a number and then a unit of something else is no money.
    if (unit_at(s, end)) return std::nullopt;
  }
  Candidate c = make(FieldType::kMoney, i, end, FieldValue::of(n->value()));
  c.currency = currency.empty() ? "CNY" : std::string(currency);
  c.approx = n->approx || approx_before(s, i);
  return c;
}

std::optional<Candidate> percent_at(const ScanState& st, std::size_t i) {
  std::string_view s = st.s;
  NumberOptions opt;
  opt.magnitude = false;
  opt.approx = false;
  // 百分之十五, 百分之3.5, 千分之五 (per mille, as a percentage: 0.5).
  if (std::size_t l = match_any(s, i, {"百分之", "千分之"})) {
    auto n = read_number(s, i + l, opt);
    if (!n || (n->chinese && n->positional)) return std::nullopt;
    double v = n->value();
    if (s.compare(i, l, "千分之") == 0) v /= 10;
    return make(FieldType::kPercent, i, n->end, FieldValue::of(v));
  }
  auto n = read_arabic(s, i, opt);
  if (!n) return std::nullopt;
  std::size_t j = n->end;
  const std::size_t minus = minus_before(s, i);
  const double sign = minus ? -1.0 : 1.0;
  if (std::size_t l = match_any(s, j, {"%", "％"}))
    return make(FieldType::kPercent, i - minus, j + l, FieldValue::of(sign * n->value()));
  if (std::size_t l = match_any(s, j, {"‰"}))
    return make(FieldType::kPercent, i - minus, j + l, FieldValue::of(sign * n->value() / 10));
  return std::nullopt;
}

std::optional<Candidate> quantity_at(const ScanState& st, std::size_t i) {
  std::string_view s = st.s;
  Char before = char_before(s, i);
  if (before.cp == U'第') return std::nullopt;  // an ordinal
  if (model_number_before(s, i)) return std::nullopt;
  auto n = read_number(s, i);
  if (!n) n = magnitude_alone(s, i, false);
  if (!n || !amount_number(*n)) return std::nullopt;
  if (is_latin(char_at(s, n->end).cp)) return std::nullopt;  // 5G, 3D, 12V
  std::size_t j = skip_spaces(s, n->end, 1);
  const Unit* u = unit_at(s, j);
  if (!u) return std::nullopt;
  std::string_view unit = u->text;
  // 余人/多人: the 多 belongs to the number.
  std::size_t unit_begin = j;
  if (unit == "余人" || unit == "多人") {
    unit_begin += 3;
    unit = unit.substr(3);
  }
  if (unit == "年" && !n->chinese && n->int_digits == 4 && !n->approx) return std::nullopt;  // a year, not years
  // A signed measure: －11℃. Counts are never negative.
  const std::size_t minus = unit == "℃" || unit == "度" ? minus_before(s, i) : 0;
  Candidate c = make(FieldType::kQuantity, i - minus, j + u->text.size(),
                     FieldValue::of(minus ? -n->value() : n->value()));
  c.unit = std::string(s.substr(unit_begin, unit.size()));
  c.approx = n->approx || u->text != unit || approx_before(s, i);
  return c;
}

}  // namespace huozi::extract::detail
