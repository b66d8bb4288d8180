#include "huozi/segment/byline.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#include "huozi/text/chars.hpp"
#include "huozi/text/utf8.hpp"
#include "literals.hpp"

namespace huozi::segment {
namespace {

using literal::starts_with;
using literal::ends_with;
using literal::at;

// Byline words as printed, simplified and traditional. Longer words first so
// that 本报记者 wins over 记者.
constexpr std::array<std::string_view, 34> kRoles = {
    "本报特约记者", "新华社记者", "本报通讯员", "本报实习生", "本报记者", "特约记者", "见习记者", "实习记者",
    "摄影记者", "首席记者", "特約記者", "見習記者", "實習記者", "攝影記者", "本報記者",
    "通讯员", "通訊員", "实习生", "實習生", "文/图", "文／图", "图/文", "图／文", "文／圖", "文/圖",
    "記者", "记者", "摄影", "攝影", "撰文", "编辑", "編輯", "摄", "攝"};

bool is_marker(char32_t c) {
  switch (c) {
    case 0x25A0: case 0x25A1: case 0x25CF: case 0x25CB: case 0x25B2: case 0x25B3: case 0x25C6:
    case 0x25C7: case 0x2605: case 0x2606: case 0x25B6: case 0x25BA: case 0x2022: case 0x00B7:
      return true;
    default:
      return false;
  }
}

bool is_sep(char32_t c) { return text::is_space(c) || c == 0x3001 /* 、 */ || c == 0xFF0C /* ， */; }

// Does a role word start with this (first) code point? Checked before any
// string comparison: most characters start no role.
constexpr literal::HanSet kRoleStarts(U"本新特见实摄首見實攝通文图記记撰编編");
// (Inlined: asked first of nearly every text parse_byline_names() is given,
// where a call cost as much as the test.)
[[gnu::always_inline]] inline bool may_start_role(std::string_view s, std::size_t i) {
  // (Bylines are read on valid UTF-8, decoded text: here and below, the fast
  // decoder.)
  return kRoleStarts.has(text::next_char(s, i).cp);
}

// The first three bytes of each role (every role starts with a three-byte
// character), as one number.
constexpr std::uint32_t head_of(std::string_view r) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(r[0])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(r[1])) << 8 | static_cast<unsigned char>(r[2]);
}
constexpr std::array<std::uint32_t, kRoles.size()> kRoleHeads = [] {
  std::array<std::uint32_t, kRoles.size()> heads{};
  for (std::size_t k = 0; k < kRoles.size(); ++k) heads[k] = head_of(kRoles[k]);
  return heads;
}();
// Each head's bit of 256 (a hash of it): most characters start no role and
// are turned away by their bit.
constexpr unsigned head_bit(std::uint32_t head) { return (head * 0x9E3779B1u) >> 24; }
// The roles by the bit of their head, in kRoles order: the first of each
// bit (kNoRole: none, the character turned away), and after each role the
// next one of the same bit. A head is compared with the roles of its bit
// only (a scan of all of them, for each role a byline holds, was most of
// what matching cost).
constexpr std::uint8_t kNoRole = 0xFF;
struct RolesByBit {
  std::array<std::uint8_t, 256> first{};
  std::array<std::uint8_t, kRoles.size()> next{};
};
constexpr RolesByBit kRolesByBit = [] {
  RolesByBit t;
  t.first.fill(kNoRole);
  t.next.fill(kNoRole);
  for (std::size_t k = kRoles.size(); k-- > 0;) {
    const unsigned bit = head_bit(kRoleHeads[k]);
    t.next[k] = t.first[bit];
    t.first[bit] = static_cast<std::uint8_t>(k);
  }
  return t;
}();

// The role word at s[i], if any (its length; 0 if none), the first in
// kRoles order. kFast: the three bytes at i taken as one number, looked up
// by its bit of 256 and compared with the heads of the roles there (no
// decoding: a role that matches starts with one of the characters
// may_start_role() knows); else may_start_role() first, then byte by byte.
template <bool kFast>
std::size_t match_role(std::string_view s, std::size_t i, std::string_view* role) {
  if constexpr (kFast) {
    if (i >= s.size() || s.size() - i < 3) return 0;
    const std::uint32_t head = head_of(s.substr(i, 3));
    for (std::uint8_t k = kRolesByBit.first[head_bit(head)]; k != kNoRole; k = kRolesByBit.next[k]) {
      if (kRoleHeads[k] != head) continue;
      const std::string_view r = kRoles[k];
      if (s.size() - i >= r.size() && s.substr(i, r.size()) == r) {
        if (role) *role = r;
        return r.size();
      }
    }
    return 0;
  }
  if (i >= s.size() || !may_start_role(s, i)) return 0;
  for (std::string_view r : kRoles) {
    // Every role starts with a three-byte character: compared inline first,
    // most roles are passed over without a call to compare the rest.
    if (s.size() - i < r.size() || s[i] != r[0] || s[i + 1] != r[1] || s[i + 2] != r[2]) continue;
    if (s.substr(i, r.size()) == r) {
      if (role) *role = r;
      return r.size();
    }
  }
  return 0;
}

// The surnames of two characters (the common ones): a name of four
// characters opens with one.
bool compound_surname(std::string_view name) {
  static constexpr std::string_view kCompound[] = {
      "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "宇文", "司徒", "夏侯",
      "公孙", "端木", "轩辕", "独孤", "西门", "南宫", "呼延", "澹台", "公冶", "宗政", "濮阳", "太史", "申屠",
      "歐陽", "諸葛", "東方", "長孫", "夏侯", "司馬", "慕容", "上官", "令狐", "軒轅", "獨孤", "南宮"};
  for (std::string_view c : kCompound)
    if (name.starts_with(c)) return true;
  return false;
}

// The column labels papers print after a role word (记者手记, 记者观察,
// 记者调查): two characters that look like a given name and are none.
// (Each label's six bytes as one number, compared as numbers: two-character
// names are most names, and a string compare with each label for each of
// them was a call apiece.)
constexpr std::uint64_t six_bytes(std::string_view s) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 6; ++i) v = v << 8 | static_cast<unsigned char>(s[i]);
  return v;
}
bool column_label(std::string_view two) {
  static constexpr std::string_view kLabels[] = {
      "手记", "札记", "笔记", "日记", "随笔", "观察", "调查", "来信", "专访", "述评", "视点", "追踪", "连线", "感言",
      "手記", "筆記", "日記", "隨筆", "觀察", "調查", "來信", "專訪", "述評", "視點", "連線", "札記", "追蹤"};
  static constexpr auto kKeys = [] {
    std::array<std::uint64_t, std::size(kLabels)> keys{};
    for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = six_bytes(kLabels[i]);
    return keys;
  }();
  if (two.size() != 6) return false;
  const std::uint64_t key = six_bytes(two);
  for (std::uint64_t k : kKeys)
    if (k == key) return true;
  return false;
}

// A person's name: two to four characters (longer only with a middle dot,
// as in transliterated names), and none of the function words and common
// characters that never occur in names but do in sentences that happen to
// start with a role word (记者日前专门到…, 记者到乡政府、村委会).
constexpr literal::HanSet kNeverInNames(
    U"的了在到和与对从为把被将就也都还是有不这那上下里等时说会要日年们个后前去来地得着过政府村市县省局部委报");
[[gnu::always_inline]] inline bool plausible_name(std::string_view name, std::size_t count) {
  // One pass over the characters: whether a dot parts the name (·, ・) and
  // whether it holds a word no name does (a search of its own for each dot
  // was a third of what this cost).
  bool dotted = false, word = false;
  for (std::size_t i = 0; i < name.size();) {
    const auto d = text::next_char(name, i);
    i += d.len;
    dotted |= d.cp == 0x00B7 || d.cp == 0x30FB;
    word |= kNeverInNames.has(d.cp);
  }
  if (count > 4 && !dotted) return false;
  // Four characters: a compound surname and a given name (欧阳志远); four
  // others are a phrase run on after a role word (记者请教老者).
  if (count == 4 && !dotted && !compound_surname(name)) return false;
  // Two characters: a column's name after a role word (（记者手记）, 记者观察,
  // 記者來信) reads as role and name but credits no one.
  if (count == 2 && column_label(name)) return false;
  return !word;
}

bool name_char(char32_t c) { return text::is_han(c) || c == 0x00B7 || c == 0x30FB || c == 0x2022; }

}  // namespace

namespace {

// 【記者林小美／台北報導】 → 記者林小美 (the place after ／ is not an author),
// （记者 吴十） → 记者 吴十: the bracketed forms of Hong Kong, Taiwan and
// mainland papers. Returns the inner range, or the whole text.
std::pair<std::size_t, std::size_t> unbracket(std::string_view s) {
  std::size_t b = 0, e = s.size();
  // The first pair that encloses the text (with something inside).
  auto enclosed = [&](std::size_t open, std::size_t close) {
    b = open;
    e = s.size() - close;
  };
  if (starts_with(s, "【") && s.size() > 6 && ends_with(s, "】")) enclosed(3, 3);
  else if (starts_with(s, "〔") && s.size() > 6 && ends_with(s, "〕")) enclosed(3, 3);
  else if (starts_with(s, "（") && s.size() > 6 && ends_with(s, "）")) enclosed(3, 3);
  else if (starts_with(s, "(") && s.size() > 2 && ends_with(s, ")")) enclosed(1, 1);
  else if (starts_with(s, "[") && s.size() > 2 && ends_with(s, "]")) enclosed(1, 1);
  std::string_view inner = s.substr(b, e - b);
  // …報導, …报道, …報道 (the report word, six bytes each).
  if (inner.size() > 6 && (ends_with(inner, "報導") || ends_with(inner, "报道") || ends_with(inner, "報道"))) {
    for (std::string_view slash : {"／", "/"}) {
      const std::size_t at = inner.rfind(slash);
      if (at != std::string_view::npos && at > 0) return {b, b + at};
    }
    return {b, e - 6};
  }
  return {b, e};
}

// Where read_byline() puts the names it reads: as a ParsedByline's
// strings (parse_byline()) or as roles and offsets (parse_byline_names()).
// (Both keep `begin`, where the byline starts, as ParsedByline does.)
struct NamesAsStrings : ParsedByline {
  bool empty() const { return names.empty(); }
  [[gnu::always_inline]] void add(std::string_view role, std::string_view s, std::size_t b, std::size_t e) {
    if (names.empty()) names.reserve(4);  // a byline's usual few names: one allocation, not one per doubling
    names.push_back({std::string(role), std::string(s.substr(b, e - b)), b, e});
  }
  // The names read so far with no role take r (`X 摄`).
  void give_role(std::string_view r) {
    for (auto& nm : names) if (nm.role.empty()) nm.role = std::string(r);
  }
  bool all_have_roles() const {
    for (const auto& nm : names) if (nm.role.empty()) return false;
    return true;
  }
};
struct NamesAsOffsets {
  std::vector<BylineNameAt>& names;
  std::size_t first;  // this byline's names are names[first..]
  std::size_t begin = 0;
  bool empty() const { return names.size() == first; }
  void add(std::string_view role, std::string_view, std::size_t b, std::size_t e) {
    names.push_back({role, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
  }
  void give_role(std::string_view r) {
    for (std::size_t k = first; k < names.size(); ++k) if (names[k].role.empty()) names[k].role = r;
  }
  bool all_have_roles() const {
    for (std::size_t k = first; k < names.size(); ++k) if (names[k].role.empty()) return false;
    return true;
  }
};

template <bool kFast, class Names>
[[gnu::always_inline]] inline bool read_byline(std::string_view s, Names& names);

// (The inlining asked for here, in read_byline(), NamesAsStrings::add() and
// plausible_name() keeps the code parse_byline()'s callers run, repair's
// above all, as it was when the reading was written out in this function:
// left to itself the compiler made repair 0.07 % dearer.)
template <bool kFast>
[[gnu::noinline]] std::optional<ParsedByline> parse_plain_byline(std::string_view s) {
  NamesAsStrings out;
  if (!read_byline<kFast>(s, out)) return std::nullopt;
  return std::optional<ParsedByline>(std::move(out));
}

// Most texts asked about (lines of running text from repair, headlines and
// short lines from segmentation) open with a Han character of U+4000-U+9FFF
// (lead byte E4-E9: no bracket, marker or space, which unbracket and
// read_byline would skip) that starts no role word, and end with neither 摄
// nor 攝 nor a report word that unbracket would cut off: read_byline would
// turn them away at its first test. Told without unbracketing the text.
[[gnu::always_inline]] inline bool plainly_no_byline(std::string_view s) {
  if (s.empty()) return false;
  const auto lead = static_cast<unsigned char>(s[0]);
  return lead >= 0xE4 && lead <= 0xE9 && !may_start_role(s, 0) && !ends_with(s, "摄") && !ends_with(s, "攝") &&
         !ends_with(s, "报道") && !ends_with(s, "報導") && !ends_with(s, "報道");
}

template <bool kFast>
std::optional<ParsedByline> parse_byline_with(std::string_view s) {
  // kFast: the usual text is told without building a result.
  if constexpr (kFast) {
    if (plainly_no_byline(s)) return std::nullopt;
  }
  const auto [b, e] = unbracket(s);
  if (b == 0 && e == s.size()) return parse_plain_byline<kFast>(s);
  auto inner = parse_plain_byline<kFast>(s.substr(b, e - b));
  if (!inner) return std::nullopt;
  inner->begin += b;
  for (BylineName& n : inner->names) {
    n.begin += b;
    n.end += b;
  }
  return inner;
}

}  // namespace

std::optional<ParsedByline> parse_byline(std::string_view s) { return parse_byline_with<true>(s); }

bool parse_byline_names(std::string_view s, std::vector<BylineNameAt>& names) {
  if (plainly_no_byline(s)) return false;  // (read_byline<true> below would say so)
  const std::size_t first = names.size();
  const auto [b, e] = unbracket(s);
  const bool whole = b == 0 && e == s.size();
  NamesAsOffsets sink{names, first};
  if (!read_byline<true>(whole ? s : s.substr(b, e - b), sink)) {
    names.resize(first);  // (a name or two may have been read before the text failed)
    return false;
  }
  for (std::size_t k = first; k < names.size() && !whole; ++k) {
    names[k].begin += static_cast<std::uint32_t>(b);
    names[k].end += static_cast<std::uint32_t>(b);
  }
  return true;
}

namespace reference {
std::optional<ParsedByline> parse_byline(std::string_view s) { return parse_byline_with<false>(s); }
}  // namespace reference

namespace {

// Reads s as a byline into out (see NamesAsStrings); false if it is none.
// kFast: roles matched by match_role<true>, and a name given up on as soon
// as it is too long (the plain version reads it to its end first).
template <bool kFast, class Names>
[[gnu::always_inline]] inline bool read_byline(std::string_view s, Names& out) {
  // (The fast version reads valid UTF-8, as segmentation's text is.)
  auto decode = [](std::string_view t, std::size_t pos) {
    return kFast ? text::next_char(t, pos) : text::decode_at(t, pos);
  };
  std::size_t i = 0;
  // Leading markers and spaces: ■通讯员, ■ 通讯员.
  while (i < s.size()) {
    auto d = decode(s, i);
    if (!is_marker(d.cp) && !text::is_space(d.cp)) break;
    i += d.len;
  }
  out.begin = i;
  // Cheap rejection first: a byline starts with a role word, or ends with 摄
  // (`李明 摄`). Most lines handed here are neither.
  if (i >= s.size()) return false;
  if (!may_start_role(s, i) && !ends_with(s, "摄") && !ends_with(s, "攝")) return false;
  std::string_view role;
  std::size_t names_for_role = 0;
  while (i < s.size()) {
    auto d = decode(s, i);
    if (is_sep(d.cp)) { i += d.len; continue; }
    std::string_view r;
    if (std::size_t n = match_role<kFast>(s, i, &r)) {
      if (!role.empty() && names_for_role == 0) return false;  // two roles in a row
      // A one-character role (摄) only at the very end or after names: `李明 摄`.
      role = r;
      names_for_role = 0;
      i += n;
      if (r == "摄" || r == "攝") {
        // `X 摄` form: the role follows the names; re-assign the last names.
        if (out.empty()) return false;
        out.give_role(r);
        names_for_role = 1;
      }
      continue;
    }
    // A name: a run of Han characters, cut where a role word starts.
    std::size_t b = i, e = i;
    std::size_t count = 0;
    while (e < s.size()) {
      auto c = decode(s, e);
      if (!name_char(c.cp)) break;
      if (count >= 2 && match_role<kFast>(s, e, nullptr)) break;
      e += c.len;
      ++count;
      if (kFast && count > 6) break;  // rejected below whatever follows
    }
    if (count < 2 || count > 6) return false;
    if (!plausible_name(s.substr(b, e - b), count)) return false;
    if (e < s.size()) {
      auto c = decode(s, e);
      if (!is_sep(c.cp) && !match_role<kFast>(s, e, nullptr)) return false;
    }
    out.add(role, s, b, e);
    ++names_for_role;
    i = e;
  }
  if (out.empty()) return false;
  return out.all_have_roles();
}

}  // namespace

namespace {


// Reporter names inside a dateline: `记者 周九`, `记者吴坤胜`, `记者 甲、乙`.
void credit_names(std::string_view s, std::size_t b, std::size_t e, std::vector<BylineName>& out) {
  std::string_view part = s.substr(b, e - b);
  if (auto by = parse_byline(part)) {
    for (BylineName n : by->names) {
      n.begin += b;
      n.end += b;
      out.push_back(std::move(n));
    }
  }
}

}  // namespace

std::optional<ParsedDateline> parse_dateline(std::string_view s) {
  // Most paragraphs are turned away on their first character.
  if (!may_open_dateline(s)) return std::nullopt;
  // 【本報訊】, 【記者林小美／台北報導】 at the start of a paragraph (and the
  // same in 〔〕, as some papers print it).
  if (at(s, 0, "【") || at(s, 0, "〔")) {
    const std::size_t close = s.find(at(s, 0, "【") ? "】" : "〕");
    if (close == std::string_view::npos || close > 90) return std::nullopt;
    std::string_view inner = s.substr(3, close - 3);
    ParsedDateline out;
    out.end = close + 3;
    if (inner == "本報訊" || inner == "本报讯" || inner == "本報記者報導" || inner.ends_with("訊") || inner.ends_with("讯"))
      return out;
    if (auto by = parse_byline(s.substr(0, close + 3))) {
      out.names = by->names;
      return out;
    }
    return std::nullopt;
  }
  // A byline in parentheses that opens a paragraph, the text run on after
  // it (（記者林小美）今年…, （记者 周九／北京报道）…). Alone in its unit it is
  // a byline, read as one elsewhere: nothing follows it here.
  if (at(s, 0, "（") || at(s, 0, "(")) {
    const bool full = at(s, 0, "（");
    const std::size_t close = s.find(full ? "）" : ")");
    if (close == std::string_view::npos || close > 60) return std::nullopt;
    const std::size_t end = close + (full ? 3 : 1);
    if (end >= s.size()) return std::nullopt;
    auto by = parse_byline(s.substr(0, end));
    if (!by) return std::nullopt;
    ParsedDateline out;
    out.end = end;
    out.names = std::move(by->names);
    return out;
  }
  std::size_t i = 0;
  bool known = false;
  if (starts_with(s, "本报") || starts_with(s, "本報")) i = 6, known = true;
  else if (starts_with(s, "新华社") || starts_with(s, "新華社") || starts_with(s, "中新社")) i = 9, known = true;
  else if (starts_with(s, "据新华社") || starts_with(s, "據新華社")) i = 12, known = true;
  if (!known) return std::nullopt;
  // Place and date, then 讯 or 电, within a short reach.
  std::size_t mark = std::string_view::npos;
  for (std::size_t j = i, n = 0; j < s.size() && n < 16; ++n) {
    if (at(s, j, "讯") || at(s, j, "电") || at(s, j, "訊") || at(s, j, "電")) { mark = j + 3; break; }
    const auto d = text::next_char(s, j);
    if (!(text::is_han(d.cp) || text::has(d.cp, text::kDigit) || text::is_space(d.cp))) return std::nullopt;
    j += d.len;
  }
  if (mark == std::string_view::npos) return std::nullopt;
  ParsedDateline out;
  out.end = mark;
  // （记者 周九） right after.
  std::size_t j = mark;
  while (j < s.size() && s[j] == ' ') ++j;
  if (at(s, j, "（") || at(s, j, "(")) {
    const std::size_t open = j + (s[j] == '(' ? 1 : 3);
    const std::size_t close_full = s.find("）", open), close_half = s.find(')', open);
    const std::size_t close = std::min(close_full, close_half);
    if (close != std::string_view::npos && close - open <= 60) {
      credit_names(s, open, close, out.names);
      if (!out.names.empty()) out.end = close + (close == close_half ? 1 : 3);
    }
    return out;
  }
  // 记者吴坤胜报道：
  if (at(s, j, "记者") || at(s, j, "記者") || at(s, j, "本报记者") || at(s, j, "新华社记者")) {
    const std::size_t rep = s.find("报道", j);
    if (rep != std::string_view::npos && rep - j <= 60) {
      credit_names(s, j, rep, out.names);
      std::size_t k = rep + 6;  // after 报道
      if (at(s, k, "：")) k += 3;
      else if (at(s, k, ":")) k += 1;
      if (!out.names.empty()) out.end = k;
    }
  }
  return out;
}

namespace {
// Where the last word of t starts: after its last space, ASCII or
// ideographic (U+3000, as a byline set in full-width type parts its words).
std::size_t last_word_start(std::string_view t) {
  std::size_t start = t.size();
  // (U+3000 told by its last byte first, 0x80, and then the two before it:
  // bytes compared in place, no call per byte walked back.)
  while (start > 0 && t[start - 1] != ' ' &&
         !(t[start - 1] == '\x80' && start >= 3 && t[start - 2] == '\x80' && t[start - 3] == '\xE3'))
    --start;
  return start;
}
}  // namespace

bool ends_with_role(std::string_view t) {
  const std::size_t start = last_word_start(t);
  if (start == t.size()) return false;
  std::size_t i = start;
  // (A marker may open a byline of one word: ■通讯员.)
  while (i < t.size() && is_marker(text::next_char(t, i).cp)) i += text::next_char(t, i).len;
  return i < t.size() && i + match_role<true>(t, i, nullptr) == t.size();
}

std::size_t role_at(std::string_view t, std::size_t i) { return match_role<true>(t, i, nullptr); }

bool may_start_role_word(char32_t c) { return kRoleStarts.has(c); }

std::size_t open_credit_names(std::string_view before) {
  // Back from the end: the first opening parenthesis not closed after it.
  std::size_t closed = 0;
  for (std::size_t i = before.size(); i-- > 0;) {
    const bool full = i + 3 <= before.size() && before[i] == '\xEF' && before[i + 1] == '\xBC';
    if (before[i] == ')' || (full && before[i + 2] == '\x89')) {
      ++closed;
    } else if (before[i] == '(' || (full && before[i + 2] == '\x88')) {
      if (closed > 0) {
        --closed;
        continue;
      }
      const std::size_t open_end = i + (before[i] == '(' ? 1 : 3);
      const std::size_t role = role_at(before, open_end);
      return role > 0 ? open_end + role : std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

namespace {
// role_split_between() as first written: the last word read back, then
// compared with every role word.
bool role_split_between_plain(std::string_view above, std::string_view below) {
  std::size_t start = last_word_start(above);
  while (start < above.size() && is_marker(text::next_char(above, start).cp))
    start += text::next_char(above, start).len;
  const std::string_view head = above.substr(start);
  if (head.empty() || below.empty()) return false;
  for (std::string_view r : kRoles) {
    // (head is whole characters, so a cut that matches falls between two.)
    if (r.size() <= head.size() || r.substr(0, head.size()) != head) continue;
    const std::string_view rest = r.substr(head.size());
    // (Names must follow: a role word alone is no byline yet.)
    if (below.size() > rest.size() && below.substr(0, rest.size()) == rest) return true;
  }
  return false;
}

// The characters that stand in a role word before its last one (本 报 记 of
// 本报记者, ／ of 文／图): a word cut off before the rest of a role word ends
// with one of them. Derived from kRoles. (The ASCII slash of 文/图 is not
// kept: the test below reads only a three-byte last character.)
struct RoleInnerChars {
  literal::HanSet han;
  bool fullwidth_slash = false;
};
constexpr RoleInnerChars kRoleInnerChars = [] {
  RoleInnerChars t;
  for (std::string_view r : kRoles) {
    // (Decoded here by hand: one to three bytes a character, all valid.)
    std::size_t i = 0;
    while (i < r.size()) {
      const auto b0 = static_cast<unsigned char>(r[i]);
      const std::size_t len = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : 3;
      if (i + len == r.size()) break;  // the last character: no cut after it
      char32_t cp = b0;
      if (len == 3)
        cp = static_cast<char32_t>((b0 & 0x0F) << 12 | (static_cast<unsigned char>(r[i + 1]) & 0x3F) << 6 |
                                   (static_cast<unsigned char>(r[i + 2]) & 0x3F));
      if (cp == 0xFF0F) t.fullwidth_slash = true;
      else if (cp != '/') t.han.add(cp);  // (a character neither Han nor a slash fails the build)
      i += len;
    }
  }
  return t;
}();
}  // namespace

bool role_split_between(std::string_view above, std::string_view below) {
  // Most lines asked end with a character that stands inside no role word
  // (the last word would have to be the start of one): told by that
  // character alone, without reading the last word back or comparing it
  // with each role word. (The last character decoded from its last bytes:
  // any other ending, a space, a marker, a broken sequence, goes the whole
  // way.)
  const std::size_t n = above.size();
  if (n >= 3) {
    const auto* p = reinterpret_cast<const unsigned char*>(above.data()) + n;
    if ((p[-3] & 0xF0) == 0xE0 && (p[-2] & 0xC0) == 0x80 && (p[-1] & 0xC0) == 0x80) {
      const char32_t cp = text::three_byte_code_point(p - 3);
      const bool inner = kRoleInnerChars.han.has(cp) || (cp == 0xFF0F && kRoleInnerChars.fullwidth_slash);
      if (!inner) return false;
    }
  }
  return role_split_between_plain(above, below);
}

namespace reference {
bool role_split_between(std::string_view above, std::string_view below) {
  return role_split_between_plain(above, below);
}
}  // namespace reference

// Ends in the name of an organisation or office (局, 分局, 支队, 派出所, 委员会,
// 中心, 政府…): the kicker of an article (its issuing unit), never a name.
bool names_organisation(std::string_view t) {
  // Every head below ends with one of these characters: most lines are
  // turned away on their last one, before any string comparison.
  if (t.size() < 3) return false;
  static constexpr literal::HanSet kLast(U"局队所会委办院厅部心司团行校学道府站");
  if (!kLast.has(text::next_char(t, t.size() - 3).cp)) return false;
  return ends_with(t, "局") || ends_with(t, "分局") || ends_with(t, "支队") || ends_with(t, "大队") ||
         ends_with(t, "中队") || ends_with(t, "派出所") || ends_with(t, "委员会") || ends_with(t, "委") ||
         ends_with(t, "办") || ends_with(t, "院") || ends_with(t, "厅") || ends_with(t, "部") || ends_with(t, "协会") ||
         ends_with(t, "中心") || ends_with(t, "公司") || ends_with(t, "集团") || ends_with(t, "银行") ||
         ends_with(t, "学校") || ends_with(t, "大学") || ends_with(t, "街道") || ends_with(t, "政府") ||
         ends_with(t, "法院") || ends_with(t, "检察院") || ends_with(t, "所") || ends_with(t, "站");
}

}  // namespace huozi::segment
