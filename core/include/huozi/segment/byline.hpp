// Bylines: `通讯员 侯宪锋 张巍`, `■通讯员 权尊彦 岳梦佳`, `本报记者 王五`,
// `记者 赵六 通讯员 钱七`, `文/图 李明`, `記者 陳大文`. A byline is a sequence
// of (role, names…) where the role is a byline word as printed and each name
// is one person.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huozi/text/utf8.hpp"

namespace huozi::segment {

struct BylineName {
  std::string role;
  std::string name;
  std::size_t begin = 0, end = 0;  // byte offsets of the name in the parsed text
};

struct ParsedByline {
  std::vector<BylineName> names;
  std::size_t begin = 0;  // where the byline starts in the parsed text (after markers)
};

// Parses a whole text as a byline (markers like ■ allowed in front). Returns
// nothing unless every character is accounted for by roles and names.
std::optional<ParsedByline> parse_byline(std::string_view text);

// A name parse_byline() reads, without copies: its role word (a view of a
// constant, empty where parse_byline()'s role is) and where the name is in
// the parsed text, [begin, end) (its name: text.substr(begin, end - begin)).
struct BylineNameAt {
  std::string_view role;
  std::uint32_t begin = 0, end = 0;
};
// parse_byline() for a caller that keeps the names itself (segmentation:
// every short line is asked, and the strings and the list of a byline's
// names were most of what reading one cost): a byline's names are appended
// to names, the same as parse_byline()'s; nothing is appended where the text
// is no byline. Returns whether it is one.
bool parse_byline_names(std::string_view text, std::vector<BylineNameAt>& names);

// The plain version, same results: the oracle of the tests.
namespace reference {
std::optional<ParsedByline> parse_byline(std::string_view text);
}

// A dateline at the start of a paragraph: `本报讯（记者 周九）`,
// `本报北京12月31日讯记者吴坤胜报道：`, `新华社北京12月31日电`,
// `新华社莫斯科12月30日电（记者孙占林）`. `end` is where the paragraph's own
// text starts; `names` are the reporters it credits (role as printed).
struct ParsedDateline {
  std::size_t end = 0;
  std::vector<BylineName> names;
};
std::optional<ParsedDateline> parse_dateline(std::string_view text);
// Whether s may be a dateline at all: every one starts with 【, 〔, 本, 新,
// 中, 据, 據 or an opening parenthesis (see parse_dateline(); segmentation
// asks every paragraph, and asks this first, inline).
// (Told by the first character's bytes, not decoded: all but ( are three
// bytes long, read as one number; on valid UTF-8 the same answer as the
// decoded character's. A test per paragraph of every page.)
[[gnu::always_inline]] inline bool may_open_dateline(std::string_view s) noexcept {
  if (s.empty()) return false;
  if (s[0] == '(') return true;
  if (s.size() < 3) return false;
  const auto head = static_cast<std::uint32_t>(static_cast<unsigned char>(s[0])) << 16 |
                    static_cast<std::uint32_t>(static_cast<unsigned char>(s[1])) << 8 |
                    static_cast<unsigned char>(s[2]);
  // The eight three-byte heads, each in the slot of eight its multiplicative
  // hash (top three bits of head * kMul, 32 bits) picks: one load and one
  // compare, no branch on which character it is. (A switch over them was a
  // tree of compares that the processor missed as the paragraphs' first
  // characters came: 13.5k of the 524k branches callgrind's model missed
  // segmenting the 400 bench pages.) Every slot is taken, so an empty one
  // cannot match. Oracles.MayOpenDatelineMatchesDecodedFirstCharacter
  // checks it on every character against the decoded one's answer.
  constexpr std::uint32_t kMul = 0xE60A3823u;
  static constexpr std::uint32_t kHeads[8] = {
      0xEFBC88,  // （ (slot 0)
      0xE69CAC,  // 本
      0xE38090,  // 【
      0xE68DAE,  // 据
      0xE696B0,  // 新
      0xE6939A,  // 據
      0xE4B8AD,  // 中
      0xE38094,  // 〔
  };
  static_assert([] {
    for (std::uint32_t k = 0; k < 8; ++k)
      if ((kHeads[k] * kMul) >> 29 != k) return false;
    return true;
  }(), "each head in the slot its hash picks");
  return kHeads[(head * kMul) >> 29] == head;
}

// A line ending in the name of an organisation or office (市公安局, 交警支队,
// 派出所, 市委宣传部…): an issuing unit (a kicker), never a person's name.
bool names_organisation(std::string_view text);

// The text's last word (after its last space) is a byline role word with no
// name after it (`记者 徐磊宁 通讯员`): a byline wrapped before its last names.
bool ends_with_role(std::string_view text);

// A role word cut in two at a line break: the last word of `above` (after
// its last space and any marker) is the first part of a role word and
// `below` opens with the rest of it, then a space or a name (■通 / 讯员
// 薛秀岩, 见习 / 记者 王小明, 记者 张三 通讯 / 员 李四).
bool role_split_between(std::string_view above, std::string_view below);
namespace reference {
// The plain version, same results: the oracle of the tests.
bool role_split_between(std::string_view above, std::string_view below);
}  // namespace reference

// The length of the role word (记者, 通讯员, 本报记者, 記者 …) that text holds
// at byte i, 0 if none.
std::size_t role_at(std::string_view text, std::size_t i);

// Whether a role word may start with the character c (its first): the test
// role_at() makes before comparing any word.
bool may_start_role_word(char32_t c);

// Where a credit left open at the end of `before` has its names start: the
// innermost parenthesis ( or （ that `before` leaves open, when a role word
// follows it right away (本报讯（记者 甲 乙 …); the offset just past that
// role word, or npos. Repair asks it so as not to take the spaces between
// the names for justification or a headline's gap.
std::size_t open_credit_names(std::string_view before);

}  // namespace huozi::segment
