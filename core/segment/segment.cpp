// Page segmentation. Units from repair are classified (paragraph, caption,
// heading line, byline, debris), consecutive heading lines form title groups,
// and each title group is attached to the body before it or after it:
// whichever shares more of the title's character bigrams, with the page's
// overall layout as the tie-breaker. Bylines close an article in the
// title-after layout and are read at either end in the title-before one.
#include "huozi/segment/segment.hpp"

#include <algorithm>
#include <climits>
#include <array>
#include <optional>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <cctype>
#include <iterator>
#include <memory>
#include <new>
#include <span>
#include <type_traits>
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HUOZI_SEGMENT_AVX2 1
#include <immintrin.h>
#else
#define HUOZI_SEGMENT_AVX2 0
#endif

#include "huozi/repair/line.hpp"
#include "huozi/segment/byline.hpp"
#include "huozi/segment/sentences.hpp"
#include "huozi/text/chars.hpp"
#include "huozi/text/cpu.hpp"
#include "huozi/text/find.hpp"
#include "huozi/text/utf8.hpp"
#include "literals.hpp"

namespace huozi::segment {
namespace {

using repair::RepairedUnit;
using repair::UnitShape;

enum class ItemKind : std::uint8_t { kParagraph, kCaption, kHeading, kByline, kDebris };

// (Laid out small: 48 bytes, its flags together at the front, and trivially
// destructible. Every unit of a page is an item, written once and read by
// most passes: at 104 bytes, with the dateline held in the item (a vector
// in an optional), an item took two cache lines and each page's list was
// destroyed item by item.)
struct Item {
  // (A constructor of its own: built as Item(), value-initialised, the whole
  // item was zeroed first and then its members set, a block store per unit.)
  Item(ItemKind kind, const RepairedUnit* unit) : kind(kind), unit(unit) {}

  ItemKind kind;
  // A byline (or a photo credit): its names are the page's byline names
  // [names_at, names_at + name_count) (PageScratch::byline_names), or, for a
  // dateline alone (【本报讯】), its dateline's.
  bool byline = false;
  bool subheading = false;
  bool gap_before = false;  // a blank line over its first line (more than the page's line spacing)
  // Printed in faux bold (every glyph twice, 坚坚持持): the headline face, so a
  // headline line, never a subheading or a kicker (both set in the body's or a
  // smaller face).
  bool faux_bold = false;
  // looks_like_kicker() of its line once asked (-1: not yet): a heading line
  // is asked about in the title groups, again where they are cut, and again
  // in build_article(). Kept with the item: its line does not change.
  mutable std::int8_t kicker = -1;
  // verbatim_title_line() of its line once asked (-1: not yet): asked of a
  // group's lines for each draft whose leads may repeat them.
  mutable std::int8_t verbatim = -1;
  const RepairedUnit* unit;
  std::uint32_t names_at = 0, name_count = 0;
  int own_width = 0;  // see own_width(); 0 if not measured
  int own_lines = 0;  // the number of lines it was measured on
  // A paragraph that opens with a dateline, or a dateline alone: the page's
  // (PageScratch::datelines, room for one per unit reserved before the
  // items are read, so that it does not move); nullptr: none.
  const ParsedDateline* dateline = nullptr;
  // One headline of a heading line that holds two or more side by side
  // (split_side_by_side_headlines); nullptr: the item is its unit's whole
  // text (one pointer, not the phrase's fields: every item is built).
  const struct Phrase* phrase = nullptr;
};
static_assert(sizeof(Item) <= 48 && std::is_trivially_destructible_v<Item>);

struct Phrase {
  std::string_view text;
  Span span;               // in the source
  const Item* whole_line;  // the item of its whole line (in the page's items)
};

// A heading item's text and source range: its phrase's, or its unit's.
std::string_view line_text(const Item* it) { return it->phrase ? it->phrase->text : it->unit->text.view(); }
Span line_span(const Item* it) { return it->phrase ? it->phrase->span : it->unit->span; }

using literal::starts_with;
using literal::ends_with;

bool is_photo_credit(std::string_view t) {
  return ends_with(t, "摄") || ends_with(t, "攝") || ends_with(t, "摄）") || ends_with(t, "攝）") || ends_with(t, "摄)");
}

bool is_caption(std::string_view t) {
  // Every form below starts with 图, 圖, 上, 下 or （: most texts are turned
  // away on their first character, before any string comparison.
  // (Told by the first character's three bytes read as one number, not
  // decoded: segmentation reads valid UTF-8, repaired from decoded text, and
  // asks this of nearly every unit.)
  if (t.size() < 3) return false;
  const auto head = static_cast<std::uint32_t>(static_cast<unsigned char>(t[0])) << 16 |
                    static_cast<std::uint32_t>(static_cast<unsigned char>(t[1])) << 8 |
                    static_cast<unsigned char>(t[2]);
  if (head != 0xE59BBE /*图*/ && head != 0xE59C96 /*圖*/ && head != 0xE4B88A /*上*/ && head != 0xE4B88B /*下*/ &&
      head != 0xEFBC88 /*（*/)
    return false;
  if (starts_with(t, "图片：") || starts_with(t, "图：") || starts_with(t, "图为") || starts_with(t, "圖：") ||
      starts_with(t, "圖為") || starts_with(t, "上图：") || starts_with(t, "下图："))
    return true;
  // （新华社记者兰红光摄） / 本报记者 X 摄
  if ((ends_with(t, "摄）") || ends_with(t, "攝）")) && starts_with(t, "（")) return true;
  return false;
}

bool is_symbol_only(std::string_view t) {
  for (std::size_t i = 0; i < t.size();) {
    auto d = text::next_char(t, i);
    const auto f = text::char_flags(d.cp);
    if (!(f & (text::kSymbol | text::kCircledDigit | text::kSpace | text::kPunct))) return false;
    i += d.len;
  }
  return true;
}

// A subtitle line opens with a dash: ——二○○一年新年贺词.
// (——… opens with — too: one test for both, asked of most heading lines in
// several phases.)
bool is_subtitle_line(std::string_view t) {
  return starts_with(t, "—") || starts_with(t, "──");
}

// A line that stops at a comma, an enumeration comma or a colon goes on in
// the next line.
bool ends_mid_phrase(std::string_view t) {
  return ends_with(t, "、") || ends_with(t, "，") || ends_with(t, "：") || ends_with(t, ",") || ends_with(t, ":");
}

// Two phrases set apart by a space between CJK characters (the gap of a
// two-part headline, or two heading lines joined), not a space in Latin text.
// Characters two columns wide (Han, full-width forms): a heading's length
// as printed, where Latin letters are narrow (Windows XP is short).
std::size_t wide_chars(std::string_view t) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < t.size();) {
    const text::DecodedChar d = text::next_char(t, i);
    i += d.len;
    n += text::display_width(d.cp) == 2;
  }
  return n;
}

// A heading's length as printed, in characters two columns wide: those
// (Han, full-width forms) count one each and narrow ones (digits, Latin
// letters) half (全球电子邮件日均14亿 is ten, nine by wide_chars()); spaces
// not at all. Doubled, to stay a whole number.
std::size_t printed_half_chars(std::string_view t) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < t.size();) {
    const text::DecodedChar d = text::next_char(t, i);
    i += d.len == 0 ? 1 : d.len;
    n += text::display_width(d.cp) == 2 ? 2 : d.cp > U' ' ? 1 : 0;
  }
  return n;
}

bool two_phrases(std::string_view t) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(t[i]); };
  for (std::size_t at = t.find(' '); at != std::string_view::npos;) {
    std::size_t e = at;  // past the run of spaces
    while (e < t.size() && t[e] == ' ') ++e;
    // A three-byte character (CJK) ends right before the run and one starts
    // right after it.
    if (at >= 3 && e < t.size() && byte(at - 3) >= 0xE0 && byte(e) >= 0xE0) return true;
    at = t.find(' ', e);
  }
  return false;
}

// Endings of an organisation's name that name no one body: 为中心 is "as
// the centre" of running text (以广州为中心, its 以 on the line above or cut
// off), and 地方政府 is local government in general (联合地方政府,
// 规范地方政府举债): an issuing unit is one named body (济宁市人民政府).
// 常委 (全国政协常委, 省委常委) is a member of a standing committee, a
// person's post as 干部 is, not the committee (常委会).
bool ends_in_no_body(std::string_view t) {
  return ends_with(t, "为中心") || ends_with(t, "地方政府") || ends_with(t, "常委");
}

// An organisation's name is a noun phrase: a line that ends like one but
// holds a particle or verb of running text (的, 了, 被, 在于, 是) is a headline
// (双方争论的关键在于村委会, 东门商场的电梯被撞坏一部), and 干部 (cadres) or a
// count of 部 (两部) is no department.
bool noun_phrase_name(std::string_view t) {
  // Nor does a name open with a preposition or conjunction (为配合国家旅游局,
  // 以经济建设为中心, 但没有…, 由省体育局: by whom, of a headline's agent)
  // or hold 在 (…机关在各级党委; 在于 too) or a connective or negation of
  // running text (村委会则对乡政府, 经营却不能…).
  // All read in one pass over the characters (the line is asked about
  // several times a page).
  // (Sets of characters as bits of the unified Han block: a search of a
  // string for each character of the line was most of what this cost, and
  // a switch over the members branches on each character.)
  static constexpr literal::HanSet kNoOpening(U"为以但对把让由");
  // A verb of going between two nouns is a sentence about an organisation,
  // not its name (记者到乡政府, 退休后又返聘到本单位): 到.
  static constexpr literal::HanSet kNever(U"的了被是却则在到");
  // 广告, 报告, 公告, 通告, 预告, 警告, 宣告: 告 as part of a noun.
  static constexpr literal::HanSet kOpensNounInGao(U"广报公通预警宣");
  // 等 after a noun lists (银行证券等金融集团: and others): a name is of
  // one body; 等 of a grade (高等法院, 中等专业学校) is part of one.
  static constexpr literal::HanSet kGradesWithDeng(U"高中初平同优特上头一二三相对均次");
  // Every character the tests below stop at: the others (nearly all of a
  // line) pass with one look-up.
  static constexpr literal::HanSet kAsked(U"的了被是却则在到有能等告及");
  auto never = [](char32_t c) { return kNever.has(c); };
  auto opens_noun_in_gao = [](char32_t before) { return kOpensNounInGao.has(before); };
  auto grades_with_deng = [](char32_t before) { return kGradesWithDeng.has(before); };
  // Nor does one open with a quantity of offices (一些基层法院, 有的派出所:
  // offices in general, the subject of a headline).
  if (starts_with(t, "一些") || starts_with(t, "有些") || starts_with(t, "有的") || starts_with(t, "许多") ||
      starts_with(t, "不少") || starts_with(t, "很多"))
    return false;
  if (!t.empty() && kNoOpening.has(text::next_char(t, 0).cp)) return false;
  char32_t prev = 0;
  for (std::size_t i = 0; i < t.size();) {
    const text::DecodedChar d = text::next_char(t, i);
    if (!kAsked.has(d.cp)) {
      prev = d.cp;
      i += d.len == 0 ? 1 : d.len;
      continue;
    }
    if (never(d.cp)) return false;
    if ((prev == U'没' && d.cp == U'有') || (prev == U'不' && d.cp == U'能'))
      return false;
    // 以及 (and) joins two bodies, as 等 lists them: a name is of one body
    // (省政协机关以及法院).
    if (prev == U'以' && d.cp == U'及') return false;
    if (d.cp == U'等' && i > 0 && !grades_with_deng(prev)) return false;
    // So is one of suing (农民告镇政府); 告 in a noun (广告公司, 报告团) is no verb.
    if (d.cp == U'告' && !opens_noun_in_gao(prev)) return false;
    prev = d.cp;
    i += d.len == 0 ? 1 : d.len;
  }
  if (ends_with(t, "干部") || ends_in_no_body(t)) return false;
  // Words that end like an office but name none: 局 of a situation (稳住全局,
  // 形成新格局, 已成定局, 终局, 败局, 乱局; 邮政局 and 市政局 are offices: no 政
  // here), of a game or its end (赌局, 平局, 胜局, 和局, 出局, 搅局, 迷局), 办 of a
  // verb (省体育局主办, 依法查办).
  // (Only lines ending in 局 or 办 are decoded from the end.)
  if (t.size() >= 6 && (ends_with(t, "局") || ends_with(t, "办"))) {
    const char32_t last = text::decode_before(t, t.size()).cp;
    const char32_t before = text::decode_before(t, t.size() - 3).cp;
    if (last == U'局' && std::u32string_view(U"全大格布结僵新变开时战困破残危骗饭棋定终败乱赌平胜和出搅迷").find(before) !=
                             std::u32string_view::npos)
      return false;
    if (last == U'办' && std::u32string_view(U"主承协举创兴开合查试停代包操照严么").find(before) !=
                             std::u32string_view::npos)
      return false;
  }
  if (ends_with(t, "部") && t.size() >= 6) {
    const char32_t before = text::decode_before(t, t.size() - 3).cp;
    if (std::u32string_view(U"一二两三四五六七八九十几多每").find(before) != std::u32string_view::npos) return false;
  }
  return true;
}
// Org heads that make a short first heading line a kicker (the issuing unit).
bool looks_like_kicker(std::string_view t) { return names_organisation(t) && noun_phrase_name(t); }
// looks_like_kicker(line_text(it)), read once an item.
bool looks_like_kicker(const Item* it) {
  if (it->kicker < 0) it->kicker = looks_like_kicker(line_text(it)) ? 1 : 0;
  return it->kicker != 0;
}

// A business (公司, 集团, 银行): an issuing unit over a headline, but under
// one more often the subject the headline's second line names
// (网络事业发展较快 / 瑞典沃尔沃汽车公司); the offices that sign under a
// headline are those of government and associations.
bool names_business(std::string_view t) {
  return ends_with(t, "公司") || ends_with(t, "集团") || ends_with(t, "银行");
}

// A line that can only be an issuing unit (市公安局, 市中公安分局, 交警支队,
// 市委宣传部): short and ending in a government or organisation name. Used
// where a kicker-looking line is not in a kicker's usual place (under the
// headline, inside a title group), which any looser test would take from
// headlines ending in 所, 站 or 中心 (牢记使命扎根派出所, 区域性金融中心).
bool names_issuing_unit(std::string_view t) {
  // Thirteen Han characters: the longest names of offices (济宁市人力资源和社会保障局);
  // a longer line ending in 集团 or 局 is more often a headline.
  constexpr std::size_t kMaxBytes = 13 * 3;
  if (t.size() > kMaxBytes || is_subtitle_line(t) || t.find(' ') != std::string_view::npos) return false;
  return (ends_with(t, "局") || ends_with(t, "分局") || ends_with(t, "支队") || ends_with(t, "大队") ||
          ends_with(t, "中队") || ends_with(t, "派出所") || ends_with(t, "委员会") || ends_with(t, "协会") ||
          ends_with(t, "政府") || ends_with(t, "法院") || ends_with(t, "检察院") || ends_with(t, "宣传部") ||
          ends_with(t, "组织部") || names_business(t)) &&
         noun_phrase_name(t);
}

// A paragraph's lead: its first hundred characters (three bytes each, nearly
// all Han), where a headline cut from it is looked for.
constexpr std::size_t kLeadBytes = 100 * 3;
// A lead's opening: its first fifty characters (the first sentence or so),
// where a headline line is looked for as a whole clause cut from it (half
// the lead the title-lead evidence reads: this is asked of more paragraphs).
constexpr std::size_t kOpeningBytes = 50 * 3;

// A body unit of a single line without any punctuation (市禁毒支队,
// 当新年的钟声敲响的时候): running text is punctuated within a line or two,
// so such a line is a heading that repair read as text (set beside moved
// text or under a photo caption), or a piece of a line that an extraction
// broke off (segmentation asks for more before taking it as a heading).
bool unpunctuated_body_line(const RepairedUnit& u) {
  constexpr std::size_t kMaxChars = 20;  // a headline's length at most
  constexpr std::size_t kMinHan = 4;
  if (u.shape != UnitShape::kBody || u.first_line != u.last_line) return false;
  const std::string_view t = u.text.view();
  std::size_t chars = 0, han = 0;
  for (std::size_t i = 0; i < t.size(); ++chars) {
    const text::DecodedChar d = text::next_char(t, i);
    if ((text::char_flags(d.cp) & text::kPunct) || chars == kMaxChars) return false;
    han += text::is_han(d.cp);
    i += d.len == 0 ? 1 : d.len;
  }
  return han >= kMinHan;
}

// The item of the lead under the head line seq[i]: past the subtitle lines
// (——…) and the byline set between a headline and its lead. A headline that
// repair read as text because it was moved into another article's column
// comes with the rest of its head (its subtitle and byline set as headings),
// so its lead is the first paragraph after them.
std::size_t lead_under_head_line(const std::vector<Item*>& seq, std::size_t i) {
  constexpr std::size_t kMaxSubtitleLines = 2;  // a subtitle wrapped once; a bound on the look-ahead
  std::size_t under = i + 1;
  while (under < seq.size() && under - i <= kMaxSubtitleLines && seq[under]->kind == ItemKind::kHeading &&
         is_subtitle_line(seq[under]->unit->text.view()))
    ++under;
  if (under < seq.size() && seq[under]->kind == ItemKind::kByline) ++under;
  return under;
}

// The code point at byte i of valid UTF-8 text t (bytes: t's data), i moved
// past it: three-byte characters (nearly all of a page) decoded in place, as
// next_char() would, the rest by next_char().
[[gnu::always_inline]] inline char32_t next_code_point(std::string_view t, const unsigned char* bytes, std::size_t& i) {
  if (bytes[i] >= 0xE0 && bytes[i] < 0xF0 && i + 3 <= t.size()) {
    const auto cp = static_cast<char32_t>((bytes[i] & 0x0F) << 12 | (bytes[i + 1] & 0x3F) << 6 | (bytes[i + 2] & 0x3F));
    i += 3;
    return cp;
  }
  const auto d = text::next_char(t, i);
  i += d.len;
  return d.cp;
}

// Whether a code point is Han (text::is_han), the ideographs of Unicode 1.1
// (U+4E00..U+9FA5, nearly all of a Chinese text, Han in every Unicode
// version) answered without the table: their entries are spread over 40 KB
// of it, and a load that misses the cache per character was much of what
// reading a lead cost. The rest by the table (flags: text::bmp_flags()).
[[gnu::always_inline]] inline bool han_code_point(char32_t cp, const std::uint16_t* flags) {
  if (cp - 0x4E00u <= 0x9FA5u - 0x4E00u) return true;
  return cp < 0x10000 ? (flags[cp] & text::kHan) != 0 : text::is_han(cp);
}

// The bucket of 256 a bigram is in: bits 3 to 10 of its first character's
// code point (the key's fourth byte, key >> 24: the first character starts
// at bit 21) and the low 8 bits of its second's (the key's first byte), one
// exclusive or of the other: the first byte of key ^ (key >> 24), which a
// byte shuffle picks out. (The first character alone let through every
// bigram of the lead that starts with one of the title's characters, and a
// lead shares many characters with its title, few bigrams.)
inline unsigned bigram_bucket(std::uint64_t key) { return static_cast<unsigned>(key ^ (key >> 24)) & 255; }

#if HUOZI_SEGMENT_AVX2
// For each mask of 8 lanes, the lanes set in it in order (the rest 0).
constexpr auto kKeptLanes = [] {
  std::array<std::array<std::uint8_t, 8>, 256> moves{};
  for (unsigned mask = 0; mask < 256; ++mask) {
    std::size_t at = 0;
    for (std::uint8_t lane = 0; lane < 8; ++lane)
      if ((mask >> lane) & 1u) moves[mask][at++] = lane;
  }
  return moves;
}();

// Eight characters of bigrams() at once, where its time went (a lead is read
// for every body a title group may go to): the 24 bytes at p read as eight
// three-byte characters, each decoded in a 32-bit lane, and the lanes up to
// the first that does not hold one (an ASCII digit, a four-byte character)
// added as bigrams() adds them: the same keys, kept by the same rule, in
// the same order. Returns how many characters were taken (0 to 8; the
// caller reads the one that stopped the block). Reads p[0..28); dst has
// room for 8 more keys. Only the lanes set in lanes may hold a character
// (the text's last bytes: a lead byte cut off at its end is no character).
template <bool kBuckets>
[[gnu::target("avx2"), gnu::always_inline]] inline std::size_t bigram_block_avx2(const unsigned char* p,
                                                                              const std::uint16_t* flags,
                                                                              std::uint64_t* dst, std::uint8_t* bdst,
                                                                              std::size_t& count, char32_t& prev,
                                                                              unsigned lanes = 0xFF) {
  // Lane j of each 128-bit half: its character's bytes last to first (the
  // low half reads bytes 0..11, the high half bytes 12..23), the top byte 0.
  const __m256i order = _mm256_setr_epi8(2, 1, 0, -1, 5, 4, 3, -1, 8, 7, 6, -1, 11, 10, 9, -1,
                                         2, 1, 0, -1, 5, 4, 3, -1, 8, 7, 6, -1, 11, 10, 9, -1);
  const __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 12));
  const __m256i v = _mm256_shuffle_epi8(_mm256_set_m128i(high, low), order);
  // A lead byte 1110xxxx: a three-byte character (the text is valid UTF-8).
  const __m256i three = _mm256_cmpeq_epi32(_mm256_and_si256(v, _mm256_set1_epi32(0x00F00000)),
                                           _mm256_set1_epi32(0x00E00000));
  const auto three_lanes = static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(three))) & lanes;
  const auto n = static_cast<std::size_t>(std::countr_one(three_lanes));
  if (n == 0) return 0;
  const __m256i cp = _mm256_or_si256(
      _mm256_and_si256(v, _mm256_set1_epi32(0x3F)),
      _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi32(v, 2), _mm256_set1_epi32(0xFC0)),
                      _mm256_and_si256(_mm256_srli_epi32(v, 4), _mm256_set1_epi32(0xF000))));
  // Han as han_code_point() answers: U+4E00..U+9FA5 at once, the rest by the table.
  const __m256i unified = _mm256_and_si256(_mm256_cmpgt_epi32(cp, _mm256_set1_epi32(0x4DFF)),
                                           _mm256_cmpgt_epi32(_mm256_set1_epi32(0x9FA6), cp));
  auto han = static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(unified)));
  alignas(32) std::uint32_t cps[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(cps), cp);
  // The other lanes' characters looked up, all eight (lanes past n, or
  // U+4E00..U+9FA5 already known, are asked too and masked off below or
  // answer what is known): a loop over just the others ran a number of
  // times the processor could not guess (punctuation comes where it will),
  // 14k of the 524k branches callgrind's model missed segmenting the bench
  // pages. (Every lane's code point is built from 16 bits: in the table.)
  // The lanes already known Han ask for entry 0 instead of their own: the
  // answer is dropped all the same, and their entries, spread over the 41 KB
  // of the table that U+4E00..U+9FA5 take, were loads that missed the L1
  // cache (a block is mostly Han); entry 0 stays in it.
  alignas(32) std::uint32_t asked[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(asked),
                     _mm256_andnot_si256(unified, _mm256_and_si256(cp, _mm256_set1_epi32(0xFFFF))));
  unsigned looked_up = 0;
  for (unsigned j = 0; j < 8; ++j)
    looked_up |= static_cast<unsigned>((flags[asked[j]] & text::kHan) != 0) << j;
  han |= looked_up & ~han & ((1u << n) - 1);
  // A lane is kept where it and the character before it are Han (before
  // lane 0: prev, 0 unless Han). The kept lanes are moved to the front (a
  // table of the moves for each of the 256 masks), each with the character
  // before it, and written as keys all eight: those past the kept ones are
  // written over later or dropped (the caller's room holds eight).
  const unsigned before_han = (han << 1) | static_cast<unsigned>(prev != 0);
  const unsigned kept = han & before_han & ((1u << n) - 1);
  const __m256i before = _mm256_blend_epi32(
      _mm256_permutevar8x32_epi32(cp, _mm256_setr_epi32(0, 0, 1, 2, 3, 4, 5, 6)),
      _mm256_set1_epi32(static_cast<int>(prev)), 1);
  const __m256i moves =
      _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(kKeptLanes[kept].data())));
  const __m256i second = _mm256_permutevar8x32_epi32(cp, moves);
  const __m256i first = _mm256_permutevar8x32_epi32(before, moves);
  // (first << 21 | second, four keys of 64 bits from each half)
  const __m256i keys_low = _mm256_or_si256(_mm256_slli_epi64(_mm256_cvtepu32_epi64(_mm256_castsi256_si128(first)), 21),
                                           _mm256_cvtepu32_epi64(_mm256_castsi256_si128(second)));
  const __m256i keys_high =
      _mm256_or_si256(_mm256_slli_epi64(_mm256_cvtepu32_epi64(_mm256_extracti128_si256(first, 1)), 21),
                      _mm256_cvtepu32_epi64(_mm256_extracti128_si256(second, 1)));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + count), keys_low);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + count + 4), keys_high);
  if constexpr (kBuckets) {
    // And the keys' buckets, bigram_bucket(key) = (second ^ first >> 3) & 255
    // (key = first << 21 | second, both below 2^21), eight bytes in key order.
    const __m256i bucket = _mm256_xor_si256(second, _mm256_srli_epi32(first, 3));
    const __m256i low_bytes = _mm256_shuffle_epi8(
        bucket, _mm256_setr_epi8(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                 0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(bdst + count),
                     _mm_unpacklo_epi32(_mm256_castsi256_si128(low_bytes), _mm256_extracti128_si256(low_bytes, 1)));
  }
  count += static_cast<std::size_t>(std::popcount(kept));
  prev = (han >> (n - 1)) & 1u ? cps[n - 1] : 0;
  return n;
}
#endif

// How bigrams() keeps character cp (Han or not) after prev (the Han
// character before it, 0 if none): the key is written at dst[count] and
// counted only if both are Han; prev becomes cp, or 0.
[[gnu::always_inline]] inline void keep_bigram(std::uint64_t* dst, std::size_t& count, char32_t& prev, char32_t cp,
                                               bool han) {
  dst[count] = (static_cast<std::uint64_t>(prev) << 21) | cp;
  count += static_cast<std::size_t>(han && prev != 0);
  prev = han ? cp : 0;
}
// The same writing the key's bucket (bigram_bucket()) at bdst[count] too.
[[gnu::always_inline]] inline void keep_bigram(std::uint64_t* dst, std::uint8_t* bdst, std::size_t& count,
                                               char32_t& prev, char32_t cp, bool han) {
  dst[count] = (static_cast<std::uint64_t>(prev) << 21) | cp;
  bdst[count] = static_cast<std::uint8_t>(bigram_bucket(dst[count]));
  count += static_cast<std::size_t>(han && prev != 0);
  prev = han ? cp : 0;
}

#if HUOZI_SEGMENT_AVX2
// bigrams()' keys of t from byte i on, eight characters at a time, into dst
// (room for room + 8 keys), up to room of them; returns how many, i and prev
// (the Han character before i, 0 if none) moved past what was read. One
// function compiled for AVX2 with the blocks in it: the count, the previous
// character and the offset kept in registers, not passed to a call per
// block through memory.
// With kBuckets, each key's bucket (bigram_bucket()) is written at the same
// index of bdst (room as dst's).
template <bool kBuckets>
[[gnu::target("avx2")]] std::size_t bigram_blocks_avx2(std::string_view t, const std::uint16_t* flags,
                                                       std::uint64_t* dst, std::uint8_t* bdst, std::size_t room,
                                                       std::size_t& at, char32_t& prev_han) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(t.data());
  std::size_t count = 0, i = at;
  char32_t prev = prev_han;
  // Eight characters at a time; the one that stops a block (not of three
  // bytes) read on its own, and the ASCII after it skipped (no Han). A
  // block past the room keeps what the loop below would have kept before
  // it stopped (the first keys) and a few more, dropped. The text's last
  // bytes (a block reads 28) are read from a copy padded with zeros, in
  // the lanes of the whole characters the text still holds.
  while (i < t.size() && count < room) {
    std::size_t taken;
    if (i + 28 <= t.size()) {
      taken = bigram_block_avx2<kBuckets>(bytes + i, flags, dst, bdst, count, prev);
    } else {
      unsigned char tail[32] = {};
      std::memcpy(tail, bytes + i, t.size() - i);
      taken = bigram_block_avx2<kBuckets>(tail, flags, dst, bdst, count, prev, (1u << ((t.size() - i) / 3)) - 1);
    }
    i += 3 * taken;
    if (taken == 8) continue;
    if (i >= t.size() || count >= room) break;
    const char32_t cp = next_code_point(t, bytes, i);
    if constexpr (kBuckets) keep_bigram(dst, bdst, count, prev, cp, han_code_point(cp, flags));
    else keep_bigram(dst, count, prev, cp, han_code_point(cp, flags));
    while (i < t.size() && bytes[i] < 0x80) prev = 0, ++i;
  }
  at = i;
  prev_han = prev;
  return std::min(count, room);
}
#endif

// Han bigrams of a text, for title–body matching, as packed code point pairs
// (first << 21 | second: code points have 21 bits),
// appended to out until it holds `limit` of them: a lead needs only its first
// bigrams, and a paragraph may be long.
// Segmentation runs on valid UTF-8 (repaired from decoded text), so the fast
// decoder serves. kScalar: one character at a time, also with AVX2 (the
// plain paths, the oracles of the fast ones, and detail::reference_paths()).
enum class BigramDecoder : std::uint8_t { kBlocks, kScalar };

// An allocator that leaves the values a vector grows by unset: bigrams()
// makes room for every key it may write and writes each before counting
// it, so the zeroes resize() would store first are never read (zeroing a
// lead's room was half a percent of segmentation).
template <class T>
struct UnsetOnGrowth : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = UnsetOnGrowth<U>;
  };
  UnsetOnGrowth() = default;
  template <class U>
  UnsetOnGrowth(const UnsetOnGrowth<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;  // default-initialised: unset
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
// Han bigram keys (see bigrams()).
using BigramKeys = std::vector<std::uint64_t, UnsetOnGrowth<std::uint64_t>>;
// A title repeats words of its article's lead: the first 64 Han bigrams of
// the body (its first sentence or two) tell which body a title belongs to.
constexpr std::size_t kLeadBigrams = 64;
// Their buckets (bigram_bucket()), a byte each, at the same indices: room
// for a lead's (kLeadBigrams, and the 8 a block writes past them), a fixed
// array (a vector resized twice a call cost half of what keeping them saved).
using BucketBytes = std::array<std::uint8_t, kLeadBigrams + 8>;
// buckets (or nullptr): where the keys' buckets are kept too, at the keys'
// indices in out (limit: at most a lead's 64 then).
void bigrams(std::string_view t, BigramKeys& out, std::size_t limit = SIZE_MAX,
             BigramDecoder decoder = BigramDecoder::kBlocks, BucketBytes* buckets = nullptr) {
  const std::uint16_t* flags = text::bmp_flags();
  const std::size_t have = out.size();
  if (have >= limit) return;
  // Room for all the bigrams the text can give (one per Han character of
  // three bytes or more), so that each is written without a branch and kept
  // or not by the count: whether a character is Han is what the processor
  // cannot guess.
  const std::size_t room = std::min(limit - have, t.size() / 3);
  constexpr std::size_t kBlockSlack = HUOZI_SEGMENT_AVX2 ? 8 : 0;
  // (and kBlockSlack more: a block of eight characters writes eight keys)
  out.resize(have + room + kBlockSlack);
  std::uint64_t* dst = out.data() + have;
  std::uint8_t* bdst = buckets ? buckets->data() + have : nullptr;
  std::size_t count = 0;
  char32_t prev = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(t.data());
  auto keep = [&](char32_t cp, bool han) {
    if (bdst) keep_bigram(dst, bdst, count, prev, cp, han);
    else keep_bigram(dst, count, prev, cp, han);
  };
  std::size_t i = 0;
#if HUOZI_SEGMENT_AVX2
  if (decoder == BigramDecoder::kBlocks && !detail::reference_paths() && text::cpu_has_avx2()) {
    count = bdst ? bigram_blocks_avx2<true>(t, flags, dst, bdst, room, i, prev)
                 : bigram_blocks_avx2<false>(t, flags, dst, nullptr, room, i, prev);
  }
#endif
  // Up to three bytes from the end, a three-byte character (every Han one
  // in the BMP) is decoded without asking whether its bytes are all there.
  while (i + 3 <= t.size() && count < room) {
    if (bytes[i] >= 0xE0 && bytes[i] < 0xF0) {
      const auto cp = static_cast<char32_t>((bytes[i] & 0x0F) << 12 | (bytes[i + 1] & 0x3F) << 6 | (bytes[i + 2] & 0x3F));
      i += 3;
      keep(cp, han_code_point(cp, flags));
    } else {
      const char32_t cp = next_code_point(t, bytes, i);
      keep(cp, han_code_point(cp, flags));
    }
  }
  while (i < t.size() && count < room) {
    const char32_t cp = next_code_point(t, bytes, i);
    keep(cp, han_code_point(cp, flags));
  }
  out.resize(have + count);
}


// The lead's bigrams of a body whose texts are given in order.
template <class Texts>
void lead_bigrams(const Texts& texts, BigramKeys& out,
                  BigramDecoder decoder = BigramDecoder::kBlocks, BucketBytes* buckets = nullptr) {
  out.reserve(kLeadBigrams + 8);  // (bigrams() writes up to 8 keys past its count)
  for (std::string_view t : texts) {
    bigrams(t, out, kLeadBigrams, decoder, buckets);
    if (out.size() >= kLeadBigrams) break;
  }
}

struct Draft {
  std::vector<const Item*> headings;
  std::vector<const Item*> body;  // paragraphs, captions, subheadings
  std::vector<const Item*> bylines;
  int width = 0;  // the widest own width of its paragraphs (0: none measured)
  bool byline_on_top = false;  // a byline came before any of its body
  BigramKeys lead_bigrams;  // bigrams of the body's lead; filled on first use
  BucketBytes lead_buckets;  // their buckets (bigram_bucket()), filled with them (as many)
  bool lead_done = false;
  bool set_into = false;  // moved text that an article went on past (segment_units)

  // width measured again from the body (after paragraphs moved between
  // drafts: a cut, a split, a paragraph given to the next column).
  void measure_width() {
    width = 0;
    for (const Item* it : body)
      if (it->kind == ItemKind::kParagraph) width = std::max(width, it->own_width);
  }

  // Empty again, keeping the room its lists had (drafts are reused).
  void reset() {
    headings.clear();
    body.clear();
    bylines.clear();
    width = 0;
    byline_on_top = false;
    lead_bigrams.clear();
    lead_done = false;
    set_into = false;
  }

  const BigramKeys& lead() {
    if (!lead_done) {
      lead_done = true;
      lead_bigrams.reserve(kLeadBigrams + 8);  // (bigrams() writes up to 8 keys past its count)
      for (const Item* it : body) {
        bigrams(it->unit->text.view(), lead_bigrams, kLeadBigrams, BigramDecoder::kBlocks, &lead_buckets);
        if (lead_bigrams.size() >= kLeadBigrams) break;
      }
    }
    return lead_bigrams;
  }
};

// Splitting a title group in two headlines is weighed for groups of at most
// this many lines.
constexpr std::size_t kMaxSplitLines = 8;

// The title–lead evidence of one title group: the share of the group's
// distinct Han bigrams (its lines run together) that occur in the lead of
// the body before it and of the body after it, and for each cut k between
// its lines (1 <= k < n, groups of at most kMaxSplitLines lines) the share
// of lines [0, k) in the lead before and of lines [k, n) in the lead after.
// A share with no bigrams (or no lead asked for) is 0.
struct Evidence {
  double before = 0, after = 0;
  std::array<double, kMaxSplitLines> cut_before{}, cut_after{};
};

namespace plain {

// The plain version: each text the evidence is about (the whole group, each
// cut's two parts) built as a string and matched on its own.

// A title's distinct Han bigrams, sorted, and a 1024-bit filter of them that
// rejects nearly all of a lead's bigrams at once (a 64-bit one let a quarter
// through to the binary search, whose branches the processor cannot
// predict).
struct TitleBigrams {
  BigramKeys sorted;
  std::uint64_t filter[1024 / 64] = {};
  std::vector<char> hit;  // scratch for overlap(): which of them a lead has

  static unsigned slot(std::uint64_t g) { return static_cast<unsigned>((g * 0x9E3779B97F4A7C15ULL) >> 54); }
  bool may_have(std::uint64_t g) const { return (filter[slot(g) >> 6] >> (slot(g) & 63)) & 1; }

  void assign(std::string_view title) {
    sorted.clear();
    sorted.reserve(title.size() / 3 + 8);  // (bigrams() writes up to 8 keys past its count)
    bigrams(title, sorted, SIZE_MAX, BigramDecoder::kScalar);  // (the plain path)
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::fill(std::begin(filter), std::end(filter), 0);
    for (auto g : sorted) filter[slot(g) >> 6] |= std::uint64_t{1} << (slot(g) & 63);
  }
};

// Share of the title's distinct bigrams that occur in the lead.
double overlap(TitleBigrams& title, const BigramKeys& lead) {
  const BigramKeys& tb = title.sorted;
  if (tb.empty()) return 0;
  title.hit.assign(tb.size(), 0);
  for (auto g : lead) {
    if (!title.may_have(g)) continue;
    auto at = std::lower_bound(tb.begin(), tb.end(), g);
    if (at != tb.end() && *at == g) title.hit[static_cast<std::size_t>(at - tb.begin())] = 1;
  }
  std::size_t hits = 0;
  for (char h : title.hit) hits += static_cast<std::size_t>(h);
  return static_cast<double>(hits) / static_cast<double>(tb.size());
}

// lines: the group's lines; lead_before / lead_after: nullptr where there is
// no body; cuts: whether to weigh the cuts (both leads there, n <= kMaxSplitLines).
Evidence evidence(std::span<const std::string_view> lines, const BigramKeys* lead_before,
                  const BigramKeys* lead_after, bool cuts) {
  auto text_of = [&](std::size_t from, std::size_t to) {
    std::string t;
    for (std::size_t k = from; k < to; ++k) t += lines[k];
    return t;
  };
  Evidence e;
  TitleBigrams title;
  title.assign(text_of(0, lines.size()));
  if (lead_before) e.before = overlap(title, *lead_before);
  if (lead_after) e.after = overlap(title, *lead_after);
  if (cuts) {
    for (std::size_t k = 1; k < lines.size(); ++k) {
      title.assign(text_of(0, k));
      e.cut_before[k] = overlap(title, *lead_before);
      title.assign(text_of(k, lines.size()));
      e.cut_after[k] = overlap(title, *lead_after);
    }
  }
  return e;
}

}  // namespace plain


// Which of up to 64 bigrams (keys[0..count)) are in a bucket whose bit is
// set in bucket_bits (256 bits), as a mask: bit i for
// keys[i]. One key at a time here; 32 at a time with AVX2 below (same
// mask), where matching a lead was mostly this.
std::uint64_t bucket_mask(const std::uint64_t* keys, std::size_t count, const std::uint32_t (&bucket_bits)[8]) {
  std::uint64_t passed = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const unsigned b = bigram_bucket(keys[i]);
    passed |= std::uint64_t{(bucket_bits[b >> 5] >> (b & 31)) & 1} << i;
  }
  return passed;
}

#if HUOZI_SEGMENT_AVX2
// The 16 bits of x spread in pairs to every other pair of 32 bits (bits 0,
// 1 to 0, 1; bits 2, 3 to 4, 5; …).
constexpr std::uint32_t spread_pairs(std::uint32_t x) {
  x = (x | (x << 8)) & 0x00FF00FFu;
  x = (x | (x << 4)) & 0x0F0F0F0Fu;
  return (x | (x << 2)) & 0x33333333u;
}

// A set of the 256 buckets (bucket_bits) in registers, to look up 32
// buckets at a time: the 256 bits as 32 bytes (bucket b: bit b & 7 of byte
// b >> 3), each half in both lanes for the byte shuffles; and each bit of a
// byte by number.
struct BucketSetAvx2 {
  __m256i set_low, set_high, bit_of;
};
[[gnu::target("avx2"), gnu::always_inline]] inline BucketSetAvx2 load_bucket_set(
    const std::uint32_t (&bucket_bits)[8]) {
  const auto* bytes = reinterpret_cast<const __m128i*>(bucket_bits);
  return {_mm256_broadcastsi128_si256(_mm_loadu_si128(bytes)),
          _mm256_broadcastsi128_si256(_mm_loadu_si128(bytes + 1)),
          _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128,
                           1, 2, 4, 8, 16, 32, 64, -128)};
}
// Bit p set where byte p of buckets (a bucket number) is in the set: each
// bucket's byte of the set (byte b >> 3: of the low half or, where bit 4 of
// it is set, of the high half) and its bit there (b & 7).
[[gnu::target("avx2"), gnu::always_inline]] inline std::uint32_t buckets_in_set(const BucketSetAvx2& set,
                                                                               __m256i buckets) {
  const __m256i at = _mm256_and_si256(_mm256_srli_epi16(buckets, 3), _mm256_set1_epi8(0x1F));
  const __m256i byte = _mm256_blendv_epi8(_mm256_shuffle_epi8(set.set_low, at), _mm256_shuffle_epi8(set.set_high, at),
                                          _mm256_slli_epi16(at, 3));
  const __m256i bit = _mm256_shuffle_epi8(set.bit_of, _mm256_and_si256(buckets, _mm256_set1_epi8(7)));
  return static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(byte, bit), bit)));
}

[[gnu::target("avx2")]] std::uint64_t bucket_mask_avx2(const std::uint64_t* keys, std::size_t count,
                                                       const std::uint32_t (&bucket_bits)[8]) {
  const BucketSetAvx2 set = load_bucket_set(bucket_bits);
  std::uint64_t passed = 0;
  std::size_t i = 0;
  for (; i + 32 <= count; i += 32) {
    // The buckets of 32 keys in one vector, a byte each: the four keys of
    // load j, each exclusive-ored with itself moved up 24 bits (its first
    // byte onto its fourth), hold theirs at bytes 3 and 11 of each lane, moved to bytes 2j
    // and 2j + 1 of the lane. So lane 0 byte p has key 4 (p >> 1) + (p & 1),
    // lane 1 the key two after it.
    __m256i buckets = _mm256_setzero_si256();
    for (int j = 0; j < 8; ++j) {
      alignas(16) static constexpr std::int8_t kPick[8][16] = {
          {3, 11, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
          {-1, -1, 3, 11, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
          {-1, -1, -1, -1, 3, 11, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
          {-1, -1, -1, -1, -1, -1, 3, 11, -1, -1, -1, -1, -1, -1, -1, -1},
          {-1, -1, -1, -1, -1, -1, -1, -1, 3, 11, -1, -1, -1, -1, -1, -1},
          {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 3, 11, -1, -1, -1, -1},
          {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 3, 11, -1, -1},
          {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 3, 11}};
      const __m256i pick = _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(kPick[j])));
      const __m256i k = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(keys + i + 4 * static_cast<std::size_t>(j)));
      buckets = _mm256_or_si256(buckets, _mm256_shuffle_epi8(_mm256_xor_si256(k, _mm256_slli_epi64(k, 24)), pick));
    }
    const std::uint32_t found = buckets_in_set(set, buckets);
    // Back in key order: lane 0's bits to keys 4k, 4k + 1, lane 1's to 4k + 2, 4k + 3.
    const std::uint32_t in_order = spread_pairs(found & 0xFFFFu) | spread_pairs(found >> 16) << 2;
    passed |= static_cast<std::uint64_t>(in_order) << i;
  }
  if (i < count) passed |= bucket_mask(keys + i, count - i, bucket_bits) << i;
  return passed;
}

// bucket_mask_avx2() for keys whose buckets were kept as they were made
// (buckets[i]: keys[i]'s, see bigrams()): the buckets read, not gathered
// from the keys (that gathering was most of what a lead's match cost, and a
// lead is matched once or twice), and already in key order.
[[gnu::target("avx2")]] std::uint64_t bucket_mask_of_bytes_avx2(const std::uint8_t* buckets, std::size_t count,
                                                                const std::uint32_t (&bucket_bits)[8]) {
  const BucketSetAvx2 set = load_bucket_set(bucket_bits);
  std::uint64_t passed = 0;
  std::size_t i = 0;
  for (; i + 32 <= count; i += 32)
    passed |= static_cast<std::uint64_t>(
                  buckets_in_set(set, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(buckets + i))))
              << i;
  for (; i < count; ++i) passed |= std::uint64_t{(bucket_bits[buckets[i] >> 5] >> (buckets[i] & 31)) & 1} << i;
  return passed;
}

// Asked once, while the library's globals are initialised.
const bool kHaveAvx2 = text::cpu_has_avx2();
#endif

// text::contains_word() and text::holds_clause() by text::find_word_fast():
// the search for a title line in a lead or an opening, made over and over
// (the plain search's memchr() calls, several a lead, were most of what it
// cost).
bool lead_contains(std::string_view s, std::string_view w) {
  return text::find_word_fast(s, w, 0) != std::string_view::npos;
}
bool holds_clause(std::string_view text, std::string_view clause, std::size_t before, bool end_closes) {
  return text::holds_clause_by(text, clause, before, end_closes,
                               [](std::string_view s, std::string_view w, std::size_t from) {
                                 return text::find_word_fast(s, w, from);
                               });
}

// The fast version: the group's text is read once. Each Han bigram of its
// lines run together is kept with the line its first character is in and
// the line its second one is in: a cut before line k gives the first
// headline the bigrams whose second character is in a line before k, and
// the second headline those whose first character is in line k or after.
// A distinct bigram is in a part if one of its occurrences is, and a lead is
// matched against the distinct bigrams once; every share is a count. The
// distinct bigrams are found with a small hash table (open addressing, at
// most a quarter full), which also answers the lead's lookups.
class GroupBigrams {
 public:
  void assign(std::span<const std::string_view> lines) {
    distinct_ = 0;
    std::size_t bytes = 0;
    for (std::string_view t : lines) bytes += t.size();
    // At most one bigram per three bytes: a table of at least four times
    // that. (At most a quarter full: a lookup that goes on past a slot
    // another key holds, a branch the processor misses, comes half as often
    // as at half full; clearing the larger table costs less than those.)
    std::size_t size = 64;
    int bits = 6;
    while (size < 4 * (bytes / 3 + 1)) size *= 2, ++bits;
    // Room for every distinct bigram, so that each is written by its number
    // (grown only, never filled again: the entries past distinct_ are not read).
    if (first_.size() < bytes / 3 + 1) {
      first_.resize(bytes / 3 + 1);
      second_.resize(bytes / 3 + 1);
    }
    // (Grown only, the first size entries cleared: assign() was a call
    // each, for tables of 64 entries mostly.)
    if (table_.size() < size) {
      table_.resize(size);
      index_.resize(size);
    }
    std::memset(table_.data(), 0, size * sizeof(table_[0]));
    std::memset(index_.data(), 0, size * sizeof(index_[0]));
    mask_ = size - 1;
    shift_ = 64 - bits;
    // Filled through a copy of the state in locals (add()): through the
    // members, every store to the tables could alias the members for the
    // compiler, which read them all again for each bigram.
    Tables tables{table_.data(), index_.data(), first_.data(), second_.data(), mask_, shift_, 0, {}};
    const std::uint16_t* flags = text::bmp_flags();
    char32_t prev = 0;
    std::uint8_t prev_line = 0;
    for (std::size_t l = 0; l < lines.size(); ++l) {
      const std::string_view t = lines[l];
      // Lines past the eighth counted as the eighth: cuts are weighed for
      // groups of kMaxSplitLines lines at most (cuts() counts by line in
      // arrays of that many).
      const auto line = static_cast<std::uint8_t>(std::min<std::size_t>(l, kMaxSplitLines - 1));
      const auto* bytes = reinterpret_cast<const unsigned char*>(t.data());
      for (std::size_t i = 0; i < t.size();) {
        const char32_t cp = next_code_point(t, bytes, i);
        const bool han = han_code_point(cp, flags);
        if (han && prev != 0) add(tables, static_cast<std::uint64_t>(prev) << 21 | cp, prev_line, line);
        prev = han ? cp : 0;
        prev_line = line;
      }
    }
    distinct_ = tables.distinct;
    std::copy(std::begin(tables.bucket_bits), std::end(tables.bucket_bits), std::begin(bucket_bits_));
  }

  // Which distinct bigrams the lead has (in[i + 1] for the i-th distinct
  // one; in[0] takes the writes of empty slots, so that a lookup writes
  // without asking whether it found the key: that the processor cannot
  // guess, that the first slot looked at ends the lookup it can).
  // Returns how many of them it has: counted as they are found (a count
  // over `in` afterwards was a loop whose end the processor missed).
  // buckets: the lead's keys' buckets (see bigrams()), or nullptr.
  std::size_t match(const BigramKeys& lead, const std::uint8_t* buckets, std::vector<char>& in) const {
    // (in may be longer: only its first distinct_ + 1 are read.)
    if (in.size() < distinct_ + 1) in.resize(distinct_ + 1);
    std::memset(in.data(), 0, distinct_ + 1);
    std::size_t hits = 0;
    if (distinct_ == 0) return hits;
    // Plain pointers: the writes to `in` (chars) could alias the members.
    const std::uint64_t* table = table_.data();
    const std::uint32_t* index = index_.data();
    char* hit = in.data();
    const std::size_t mask = mask_;
    const int shift = shift_;
    const std::uint64_t* keys = lead.data();
    for (std::size_t base = 0; base < lead.size(); base += 64) {
      // Most of a lead's bigrams are in a bucket none of the group's is in
      // (see bigram_bucket()): turned away by its bucket's flag, without a
      // lookup. The flags of up to 64 bigrams are gathered in a mask first
      // (no branch) and only the bigrams let through are looked up: a
      // branch per bigram on its flag is one the processor cannot guess
      // (about one in ten passes).
      const std::size_t count = std::min<std::size_t>(64, lead.size() - base);
#if HUOZI_SEGMENT_AVX2
      std::uint64_t passed = !kHaveAvx2 ? bucket_mask(keys + base, count, bucket_bits_)
                             : buckets  ? bucket_mask_of_bytes_avx2(buckets + base, count, bucket_bits_)
                                        : bucket_mask_avx2(keys + base, count, bucket_bits_);
#else
      std::uint64_t passed = bucket_mask(keys + base, count, bucket_bits_);
#endif
      for (; passed != 0; passed &= passed - 1) {
        const std::uint64_t key = keys[base + static_cast<std::size_t>(__builtin_ctzll(passed))];
        for (std::size_t at = slot(key, shift);; at = (at + 1) & mask) {
          const std::uint64_t there = table[at], other = there ^ key;
          const char was = hit[index[at]], now = static_cast<char>(was | (other == 0));
          hit[index[at]] = now;
          hits += static_cast<std::size_t>(now - was);  // 1 where a distinct one is found the first time
          if (std::min(there, other) == 0) break;  // found or empty: one branch, nearly always taken
        }
      }
    }
    return hits;
  }

  static double share(std::size_t hits, std::size_t of) {
    return of == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(of);
  }
  // Share of all of them a lead has (hits: what match() returned).
  double whole(std::size_t hits) const { return share(hits, distinct_); }
  // (The counts below read plain pointers and a local count: through the
  // vectors, a char read could alias their sizes, reloaded each time.)
  // For each cut k (1 <= k < lines, lines <= kMaxSplitLines): the share of
  // those of lines [0, k) that in_before has (head[k]) and of those of
  // lines [k, lines) that in_after has (tail[k]). One pass counts the
  // distinct bigrams by the line their second character is first in and by
  // the line their first character is last in; each cut's counts are sums
  // of those (a pass over the bigrams for each cut and side was what this
  // cost).
  void cuts(const std::vector<char>& in_before, const std::vector<char>& in_after, std::size_t lines,
            std::array<double, kMaxSplitLines>& head, std::array<double, kMaxSplitLines>& tail) const {
    // Line numbers are below kMaxSplitLines (see assign()), and below
    // `lines` here. (Counts of 32 bits, eight an array: the four are cleared
    // with a few stores, where arrays of sixteen 64-bit counts were a
    // memset() call.)
    std::array<std::uint32_t, kMaxSplitLines> of_second{}, hits_second{}, of_first{}, hits_first{};
    const char* hit_before = in_before.data() + 1;
    const char* hit_after = in_after.data() + 1;
    const std::uint8_t* first = first_.data();
    const std::uint8_t* second = second_.data();
    for (std::size_t i = 0, n = distinct_; i < n; ++i) {
      ++of_second[second[i]];
      hits_second[second[i]] += hit_before[i] != 0;
      ++of_first[first[i]];
      hits_first[first[i]] += hit_after[i] != 0;
    }
    // Lines [0, k): second character first in a line before k.
    std::size_t of = 0, hits = 0;
    for (std::size_t k = 1; k < lines; ++k) {
      of += of_second[k - 1];
      hits += hits_second[k - 1];
      head[k] = share(hits, of);
    }
    // Lines [k, lines): first character last in line k or after (no
    // bigram's is in a line past the group's last).
    of = hits = 0;
    for (std::size_t k = lines; k-- > 1;) {
      of += of_first[k];
      hits += hits_first[k];
      tail[k] = share(hits, of);
    }
  }

 private:
  // The bit of the 256 in bucket_bits_ for a bigram (its bucket).
  static unsigned bucket_bit(std::uint64_t key) { return bigram_bucket(key); }

  // The slot a key's lookup starts at: the top bits of a multiplicative hash.
  static std::size_t slot(std::uint64_t key, int shift) {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift);
  }

  // The members assign() fills, as locals of its own.
  struct Tables {
    std::uint64_t* table;
    std::uint32_t* index;
    std::uint8_t* first;
    std::uint8_t* second;
    std::size_t mask;
    int shift;
    std::size_t distinct;
    std::uint32_t bucket_bits[8];
  };

  // An occurrence of a bigram (never 0: both code points are Han).
  static void add(Tables& t, std::uint64_t key, std::uint8_t first, std::uint8_t second) {
    for (std::size_t at = slot(key, t.shift);; at = (at + 1) & t.mask) {
      if (t.table[at] == key) {
        // Seen: the latest line a first character is in, the earliest a second one is.
        const std::uint32_t k = t.index[at] - 1;
        t.first[k] = std::max(t.first[k], first);
        t.second[k] = std::min(t.second[k], second);
        return;
      }
      if (t.table[at] == 0) {
        t.table[at] = key;
        t.bucket_bits[bucket_bit(key) >> 5] |= std::uint32_t{1} << (bucket_bit(key) & 31);
        t.first[t.distinct] = first;
        t.second[t.distinct] = second;
        t.index[at] = static_cast<std::uint32_t>(++t.distinct);
        return;
      }
    }
  }

  std::vector<std::uint64_t> table_;  // keys, 0 where empty
  std::vector<std::uint32_t> index_;  // for each used slot, the distinct bigram's number + 1; 0 where empty
  std::size_t mask_ = 0;
  int shift_ = 58;                    // 64 - log2(table size)
  std::uint32_t bucket_bits_[8] = {};  // bits of the buckets of the distinct bigrams (by bigram_bucket())
  std::size_t distinct_ = 0;          // distinct bigrams, numbered in order of first occurrence
  std::vector<std::uint8_t> first_;   // for each (by number): the last line an occurrence's first character is in
  std::vector<std::uint8_t> second_;  // the first line an occurrence's second character is in
};

// Scratch of evidence(), one per thread: no allocation once warm.
struct EvidenceScratch {
  GroupBigrams group;
  std::vector<char> in_before, in_after;
};

// buckets_before / buckets_after: the leads' keys' buckets (see bigrams()), or nullptr.
Evidence evidence(std::span<const std::string_view> lines, const BigramKeys* lead_before,
                  const BigramKeys* lead_after, bool cuts, const std::uint8_t* buckets_before = nullptr,
                  const std::uint8_t* buckets_after = nullptr) {
  thread_local EvidenceScratch s;
  Evidence e;
  s.group.assign(lines);
  if (lead_before) {
    e.before = s.group.whole(s.group.match(*lead_before, buckets_before, s.in_before));
  }
  if (lead_after) {
    e.after = s.group.whole(s.group.match(*lead_after, buckets_after, s.in_after));
  }
  if (cuts) s.group.cuts(s.in_before, s.in_after, lines.size(), e.cut_before, e.cut_after);
  return e;
}

// (Inlined: called for every block, credit and heading of every article.)
[[gnu::always_inline]] inline void extend(Span& s, Span t) {
  if (t.empty() && t.start == 0) return;
  if (s.empty() && s.start == 0 && s.end == 0) { s = t; return; }
  s.start = std::min(s.start, t.start);
  s.end = std::max(s.end, t.end);
}

// Whether lead holds line a and line b right after it, word for word: a
// one-line headline in large type wrapped in two (a title cut from its lead,
// as news headlines are, joins as the lead has it).
// (A wrap leaves the shorter part on the second line: only then looked for.)
bool lead_runs_on(std::string_view lead, std::string_view a, std::string_view b) {
  if (b.empty() || a.size() <= b.size()) return false;
  // (find_word: found by a's last byte, where find() stops at each
  // character that shares a's lead byte.)
  for (std::size_t at = text::find_word_fast(lead, a, 0); at != std::string_view::npos;
       at = text::find_word_fast(lead, a, at + 1))
    if (lead.substr(at + a.size()).starts_with(b)) return true;
  return false;
}

// Lines of a headline are joined with one space. With subtitle set, the
// lines are a subtitle's: a line that does not open with a dash of its own
// is the subtitle wrapped (——二○○一年 / 新年贺词) and joins without one.
// Two title lines the lead (the opening of the first paragraph) runs on
// from one to the other are one line wrapped: joined without one too.
SpannedText join_heading_lines(std::span<const Item* const> lines, bool subtitle = false,
                               std::string_view lead = {}) {
  // One line is its text and its span: made at its size (a short line in
  // the string itself), not reserved and appended.
  if (lines.size() == 1) return SpannedText{std::string(line_text(lines[0])), line_span(lines[0])};
  SpannedText out;
  std::size_t bytes = 0;
  for (const Item* it : lines) bytes += line_text(it).size() + 1;
  out.text.reserve(bytes);  // one allocation
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const Item* it = lines[k];
    // (Phrases of one printed line kept together join as printed, with a space.)
    const bool same_line = k > 0 && lines[k - 1]->unit == it->unit;
    const bool wrapped = subtitle    ? !is_subtitle_line(line_text(it))
                         : same_line ? false
                                     : k > 0 && lead_runs_on(lead, line_text(lines[k - 1]), line_text(it));
    if (!out.text.empty() && !wrapped) out.text += ' ';
    out.text += line_text(it);
    extend(out.span, line_span(it));
  }
  return out;
}

// A field of one whole heading line (no phrase) where the units are the
// caller's to drop (take_texts, see build_article()): the unit's text taken,
// not copied (a heap block and a copy per field on the pipeline's path; no
// line is read again once it is a field's). (Not inlined: build_article()'s
// other path stays as it was compiled.)
[[gnu::noinline]] SpannedText take_heading_line(const Item* it) {
  return SpannedText{const_cast<text::MappedText&>(it->unit->text).take_text(), it->unit->span};
}

// A kicker's field: one whole heading line, taken (take_heading_line) where
// the units are the caller's to drop and the line is no phrase of one, else
// copied.
[[gnu::noinline]] SpannedText heading_line_field(const Item* it, bool take_texts) {
  if (take_texts && !it->phrase) return take_heading_line(it);
  return SpannedText{std::string(line_text(it)), line_span(it)};
}

// A text a member string is made from where it is (a copy at its size):
// handed to an aggregate's initialisation (emplace_back) in place of a
// std::string, whose temporary was then moved into the member (a call per
// string, not inlined).
struct CopiedText {
  std::string_view text;
  operator std::string() const { return std::string(text); }
};

// Appends T(args...), an aggregate, built in place where the compiler has
// C++20's parenthesised aggregate initialisation (GCC 10, clang 16), else
// moved in from a braced temporary (clang 14 builds the fuzz targets):
// the same element either way.
template <class T, class... Args>
T& emplace_aggregate(std::vector<T>& v, Args&&... args) {
#if defined(__cpp_aggregate_paren_init)
  return v.emplace_back(std::forward<Args>(args)...);
#else
  return v.emplace_back(T{std::forward<Args>(args)...});
#endif
}

// Fills a (a new Article) from draft d, and adds its units to units (the
// article closed there). take_texts: the units are the caller's to drop, and
// each block takes its unit's text (see the rvalue segment_page()).
void build_article(const Draft& d, const SegmentOptions& options, bool take_texts,
                   const std::vector<BylineNameAt>& byline_names, ArticleUnits& units, Article& a) {
  // The names of a byline item (see Item::byline), how many and as authors.
  auto name_count = [](const Item* it) -> std::size_t {
    return it->dateline ? it->dateline->names.size() : it->name_count;
  };
  auto add_byline_authors = [&](const Item* it) {
    const auto& m = it->unit->text;
    if (it->dateline) {
      for (const BylineName& n : it->dateline->names) a.authors.push_back({n.role, n.name, m.source_span(n.begin, n.end)});
      return;
    }
    for (std::size_t k = it->names_at; k < it->names_at + it->name_count; ++k) {
      const BylineNameAt& n = byline_names[k];
      emplace_aggregate(a.authors, CopiedText{n.role}, CopiedText{m.view().substr(n.begin, n.end - n.begin)},
                        m.source_span(n.begin, n.end));
    }
  };
  a.blocks.reserve(d.body.size());
  // (A heading line parted into phrases: its unit once an article, with
  // the source range of the article's phrases of it, which follow each
  // other; its fields are read in each article's range: once a line.)
  // With take_texts the caller drops the units, and this list with them
  // (nothing reads fields from it): not made.
  if (!take_texts) {
    for (std::size_t k = 0; k < d.headings.size(); ++k) {
      const Item* it = d.headings[k];
      if (!it->phrase) {
        units.add(it->unit);
        continue;
      }
      if (k > 0 && d.headings[k - 1]->unit == it->unit) continue;
      Span part = it->phrase->span;
      for (std::size_t j = k + 1; j < d.headings.size() && d.headings[j]->unit == it->unit; ++j)
        extend(part, d.headings[j]->phrase->span);
      units.add(it->unit, part);
    }
    for (const Item* it : d.body) units.add(it->unit);
    units.close_article();
  }
  // Authors and credits known before the blocks are read (a byline that
  // closes a paragraph may add one more).
  {
    std::size_t authors = 0, credits = d.bylines.size();
    for (const Item* it : d.body) {
      if (it->dateline && it->dateline->end < it->unit->text.size()) {
        authors += it->dateline->names.size();
        ++credits;
      }
      if (it->kind == ItemKind::kCaption && it->byline) authors += name_count(it);
    }
    for (const Item* it : d.bylines) authors += name_count(it);
    a.authors.reserve(authors);
    a.credits.reserve(credits);
  }
  // Heading group: [kicker] title… [subtitle].
  std::size_t k = 0, end = d.headings.size();
  // Phrases of one heading line kept together are one headline, read as
  // the whole line is (no kicker in it: 统揽全局 结冰雪之情).
  auto one_line = [&](std::size_t a, std::size_t b) { return d.headings[a]->unit == d.headings[b]->unit; };
  // (A line right over a subtitle is the headline the subtitle goes with: a
  // kicker rides over a headline, never over a subtitle alone.)
  if (d.headings.size() >= 2 && !d.headings[0]->faux_bold && !one_line(0, 1) &&
      looks_like_kicker(d.headings[0]) && !is_subtitle_line(line_text(d.headings[1]))) {
    a.kicker = heading_line_field(d.headings[0], take_texts);
    k = 1;
  } else if (d.headings.size() == 1 && names_issuing_unit(line_text(d.headings[0]))) {
    // An issuing unit alone over (or under) an article that has no headline
    // of its own: a kicker still, not a title.
    a.kicker = heading_line_field(d.headings[0], take_texts);
    k = 1;
  } else if (d.headings.size() >= 2 && !one_line(d.headings.size() - 2, d.headings.size() - 1) &&
             names_issuing_unit(line_text(d.headings.back())) && !names_business(line_text(d.headings.back())) &&
             !is_subtitle_line(line_text(d.headings.front()))) {
    // The issuing unit set under the headline instead of over it.
    a.kicker = heading_line_field(d.headings.back(), take_texts);
    end = d.headings.size() - 1;
  }
  // Title lines up to the first subtitle line, subtitle lines from there.
  std::size_t sub = k;
  while (sub < end && !is_subtitle_line(line_text(d.headings[sub]))) ++sub;
  std::size_t title_end = sub;
  // The issuing unit set beside the headline comes out between it and the
  // subtitle (PDF text in reading order): a kicker too.
  if (!a.kicker && sub >= k + 2 && sub < end && !one_line(sub - 2, sub - 1) &&
      names_issuing_unit(line_text(d.headings[sub - 1]))) {
    a.kicker = heading_line_field(d.headings[sub - 1], take_texts);
    title_end = sub - 1;
  }
  const std::span<const Item* const> headings(d.headings);
  if (title_end > k) {
    // The lead (the first hundred characters), where a title of more than
    // one line may run on.
    std::string_view lead;
    if (title_end - k >= 2)
      for (const Item* it : d.body)
        if (it->kind == ItemKind::kParagraph && !it->subheading) {
          lead = it->unit->text.view();
          lead = lead.substr(0, std::min(lead.size(), kLeadBytes));
          break;
        }
    // (One line joined is its text and its span.)
    a.title = take_texts && title_end - k == 1 && !headings[k]->phrase
                  ? take_heading_line(headings[k])
                  : join_heading_lines(headings.subspan(k, title_end - k), false, lead);
  }
  if (end > sub)
    a.subtitle = take_texts && end - sub == 1 && !headings[sub]->phrase
                     ? take_heading_line(headings[sub])
                     : join_heading_lines(headings.subspan(sub, end - sub), true);
  const bool plain_sentences = detail::reference_paths();  // (asked once an article, not once a block)
  for (const Item* it : d.body) {
    const BlockKind kind = it->subheading                   ? BlockKind::kSubheading
                           : it->kind == ItemKind::kCaption ? BlockKind::kCaption
                                                            : BlockKind::kParagraph;
    // The block's text is the unit's, less a dateline in front and a byline
    // at the end: found on the unit's text, copied once (or taken from the
    // unit: take_texts).
    const auto& m = it->unit->text;
    std::string_view text = m.view();
    Span span = it->unit->span;
    if (it->dateline && it->dateline->end < text.size()) {
      // The dateline leaves the paragraph: a credit as printed, its reporters
      // as authors, the rest is the paragraph.
      const std::size_t cut = it->dateline->end;
      std::size_t rest = cut;
      while (rest < text.size() && text[rest] == ' ') ++rest;
      a.credits.push_back({Credit::Kind::kDateline, std::string(text.substr(0, cut)), m.source_span(0, cut)});
      for (const BylineName& n : it->dateline->names) a.authors.push_back({n.role, n.name, m.source_span(n.begin, n.end)});
      span = m.source_span(rest, text.size());
      text = text.substr(rest);
    }
    if (kind == BlockKind::kParagraph && ends_with(text, "）")) {
      // （记者 吴十） closing the paragraph: a byline, not paragraph text.
      const std::size_t open = text.rfind("（");
      if (open != std::string::npos && open > 0 && text.size() - open <= 60) {
        if (auto by = parse_byline(text.substr(open))) {
          const std::size_t base = m.size() - text.size();  // the text may have lost a dateline in front
          a.credits.push_back({Credit::Kind::kByline, std::string(text.substr(open)), m.source_span(base + open, m.size())});
          for (const BylineName& n : by->names)
            a.authors.push_back({n.role, n.name, m.source_span(base + open + n.begin, base + open + n.end)});
          span = m.source_span(base, base + open);
          text = text.substr(0, open);
        }
      }
    }
    if (it->kind == ItemKind::kCaption && it->byline) add_byline_authors(it);
    // The block is built in place (room was reserved) with its text: the
    // unit's taken (m is not read after this) and cut to the block's part
    // with take_texts, else a copy of the part made at its size (assigned to
    // an empty string, a copy grew it through _M_mutate, a third dearer).
    Block* built;
    if (take_texts) {
      const auto from = static_cast<std::size_t>(text.data() - m.view().data());
      const std::size_t count = text.size();
      built = &emplace_aggregate(a.blocks, kind, const_cast<text::MappedText&>(m).take_text(), span);
      built->text.erase(from + count);
      built->text.erase(0, from);
    } else {
      built = &emplace_aggregate(a.blocks, kind, CopiedText{text}, span);
    }
    Block& b = *built;
    if (options.sentences && b.kind != BlockKind::kSubheading)
    {
      if (plain_sentences) {
        const std::vector<Span> spans = reference::split_sentences(b.text);
        b.sentences.assign(spans.data(), spans.data() + spans.size());
      } else {
        const std::vector<Span>& spans = detail::split_sentences_scratch(b.text);
        b.sentences.assign(spans.data(), spans.data() + spans.size());
      }
    }
  }
  for (const Item* it : d.bylines) {
    // Its authors read first: the credit then takes the unit's text where
    // it may (take_texts, as the blocks do), not a copy of it.
    add_byline_authors(it);
    const auto& m = it->unit->text;
    const Credit::Kind kind = it->dateline ? Credit::Kind::kDateline : Credit::Kind::kByline;
    // (Built in place, the text taken or copied straight into it: through a
    // string of its own first, the text was moved twice.)
    if (take_texts) emplace_aggregate(a.credits, kind, const_cast<text::MappedText&>(m).take_text(), it->unit->span);
    else emplace_aggregate(a.credits, kind, m.text(), it->unit->span);
  }
  if (a.kicker) extend(a.span, a.kicker->span);
  if (a.title) extend(a.span, a.title->span);
  if (a.subtitle) extend(a.span, a.subtitle->span);
  for (const Block& b : a.blocks) extend(a.span, b.span);
  for (const Credit& c : a.credits) extend(a.span, c.span);
}

// Jump lines also become fields, so that pages can be stitched: （下转第2版）
// continues the article printed before it, （上接第1版） the one after it.
// The value is the page label (第2版 → "2", A3版 → "A3").
void attach_jumps(Page& page) {
  // With article starts in order (the usual case), the target is found by
  // binary search: scanning every article for every jump is quadratic on a
  // page of many short articles and jumps.
  const bool starts_sorted = std::is_sorted(page.articles.begin(), page.articles.end(),
                                            [](const Article& a, const Article& b) { return a.span.start < b.span.start; });
  for (const Debris& d : page.debris) {
    if (d.reason != "jump" || page.articles.empty()) continue;
    const bool continues_elsewhere = d.text.find("转") != std::string::npos || d.text.find("轉") != std::string::npos;
    Article* target = nullptr;
    if (starts_sorted) {
      if (continues_elsewhere) {  // the last article starting at or before the jump
        auto it = std::upper_bound(page.articles.begin(), page.articles.end(), d.span.start,
                                   [](std::uint32_t x, const Article& a) { return x < a.span.start; });
        target = it == page.articles.begin() ? &page.articles.front() : &*std::prev(it);
      } else {  // the first article starting at or after its end
        auto it = std::lower_bound(page.articles.begin(), page.articles.end(), d.span.end,
                                   [](const Article& a, std::uint32_t x) { return a.span.start < x; });
        target = it == page.articles.end() ? &page.articles.back() : &*it;
      }
    } else if (continues_elsewhere) {
      for (Article& a : page.articles) if (a.span.start <= d.span.start) target = &a;
      if (!target) target = &page.articles.front();
    } else {
      for (Article& a : page.articles) if (a.span.start >= d.span.end) { target = &a; break; }
      if (!target) target = &page.articles.back();
    }
    std::string label;
    std::size_t at = d.text.find("第");
    std::size_t from = at == std::string::npos ? 0 : at + 3;
    for (std::size_t i = from; i < d.text.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(d.text[i]);
      if (std::isalnum(c)) label += static_cast<char>(c);
      else if (!label.empty()) break;
    }
    Field f;
    f.type = FieldType::kJump;
    f.text = d.text;
    f.value = FieldValue::of((continues_elsewhere ? "to:" : "from:") + label);
    f.span = d.span;
    target->fields.push_back(std::move(f));
  }
}

}  // namespace

// (See the declaration: the measure from the source map.) Repair's column
// width of a unit is an estimate smoothed over its neighbours; this one
// changes exactly where the column does. Only its first lines are looked
// at: a paragraph keeps its width.
namespace detail {
std::pair<int, int> own_width(const repair::RepairResult& r, const RepairedUnit& u) {
  constexpr std::size_t kMaxLines = repair::kOwnWidthLines;
  if (u.shape != UnitShape::kBody || u.last_line < u.first_line + 2 || u.last_line >= r.lines.size()) return {0, 0};
  // The unit's own lines: those its text was copied from (each starts a run
  // of the source map). Lines in between that are not its own (an intrusion
  // set aside, another article's lines jumped over) are skipped.
  std::array<std::uint32_t, kMaxLines> own;  // (own[0..n) are written before they are read)
  std::size_t n = 0;
  // Line k's range is kept at hand and read again only when k moves (every
  // unit's anchors are walked: this loop was most of what the measure
  // cost); k never moves back, so line k is taken at most once.
  const repair::LineInfo* const lines = r.lines.data();
  const std::uint32_t last = u.last_line;
  std::uint32_t k = u.first_line;
  Span line = lines[k].line;
  bool taken = false;  // line k is in own already
  for (const text::MappedText::Anchor& a : u.text.anchors()) {
    if (a.synthetic) continue;
    if (line.end < a.src) {
      do ++k;
      while (k <= last && lines[k].line.end < a.src);
      if (k > last) break;
      line = lines[k].line;
      taken = false;
    }
    if (n == kMaxLines) break;
    if (line.start <= a.src && !taken) {
      own[n++] = k;
      taken = true;
    }
  }
  return repair::own_column_width(
      n, [&](std::size_t i) { return repair::adjusted_width(lines[own[i]], r.squeeze); }, u.column_width);
}
}  // namespace detail

// A paragraph measured by own_width() is set in another column than the
// widest paragraph of the article so far: an article boundary. Lines of one
// column differ by a character at most where the line is full (a closing
// mark hanging, a number not broken), but a line can stop a few columns
// short (a quote may not end it, a number may not be cut): a paragraph
// measured on one line only may look narrower than it is, never wider.
// Columns of two articles differ by whole characters, usually several.
constexpr int kOwnWidthChange = 4;
bool other_width(int article_width, const Item& b) {
  if (article_width <= 0 || b.own_width <= 0) return false;
  if (b.own_width >= article_width + kOwnWidthChange) return true;
  return b.own_lines >= 2 && b.own_width <= article_width - kOwnWidthChange;
}

// A paragraph too short for own_width() (two lines) whose first line, which
// wrapped, is wider than the article's paragraphs so far by four characters
// or more: a wrapped first line is as wide as its column less any indent,
// so never wider than its column, and the paragraph is set in a far wider one
// (a short untitled item after a narrow-column article). (Smaller changes are
// first_lines_change_column()'s, with repair's column estimate to confirm
// them: hand-wrapped text varies by a few characters.) A line far from
// repair's estimate of the unit's column is no column's (extraction in layout
// mode runs columns together) and says nothing.
bool wider_first_line(const repair::RepairResult& r, int article_width, const Item& b) {
  if (article_width <= 0 || b.own_width > 0 || b.kind != ItemKind::kParagraph) return false;
  const RepairedUnit& u = *b.unit;
  if (u.shape != UnitShape::kBody || u.last_line != u.first_line + 1 || u.last_line >= r.lines.size()) return false;
  const int w = repair::adjusted_width(r.lines[u.first_line], r.squeeze);
  constexpr int kFarFromColumn = 8, kFewCharacters = 8;  // display columns
  if (std::abs(w - static_cast<int>(u.column_width)) > kFarFromColumn) return false;
  return w >= article_width + kFewCharacters;
}

// A photo caption (图为…) that ends the text before a change of column and is
// wrapped at the width of the column after it, not of the one before: it
// heads the next article (its photo and caption over its text), and goes
// with it. Asked of a caption of two lines or more, whose first line is as
// wide as it was set; a caption of one line may stop anywhere short of its
// column, and says only that it is no narrower than the line.
void caption_goes_with_next_column(const repair::RepairResult& r, Draft& before, Draft& after, const Item& next) {
  if (before.body.size() < 2 || !after.body.empty()) return;
  const Item& caption = *before.body.back();
  if (caption.kind != ItemKind::kCaption || caption.unit->shape != UnitShape::kBody) return;
  const RepairedUnit& u = *caption.unit;
  if (u.first_line >= r.lines.size()) return;
  const int w = repair::adjusted_width(r.lines[u.first_line], r.squeeze);
  const int new_width = next.own_width > 0 ? next.own_width : next.unit->column_width;
  const Item& text_before = *before.body[before.body.size() - 2];
  const int old_width = before.width > 0 ? before.width : text_before.unit->column_width;
  constexpr int kOneCharacter = 2;  // display columns
  if (u.last_line <= u.first_line) {
    // A caption of one line says its column only where it does not fit the
    // column before it (wider by more than a hanging mark, that column
    // measured on its own lines) and fits the one after.
    if (before.width <= 0 || w <= old_width + 1 || w > new_width + 1) return;
  } else if (std::abs(w - new_width) > kOneCharacter || std::abs(w - new_width) >= std::abs(w - old_width)) {
    return;
  }
  after.body.push_back(&caption);
  before.body.pop_back();
}

// The width of a paragraph's first line where the paragraph goes on over
// more lines: a line that wrapped, so as wide as the column less the indent.
// 0 for a paragraph of one line, or an item that is no paragraph.
int wrapped_first_line(const repair::RepairResult& r, const Item& it) {
  const RepairedUnit& u = *it.unit;
  if (it.kind != ItemKind::kParagraph || u.shape != UnitShape::kBody || u.last_line <= u.first_line ||
      u.first_line >= r.lines.size())
    return 0;
  return repair::adjusted_width(r.lines[u.first_line], r.squeeze);
}

// Most paragraphs of the page that wrap open with a line 2 em short of
// their column (an indent): counted over the page's paragraphs of two lines
// or more, a few at least, three in four of them short by more than a
// character (a hanging mark makes a full line a column wider at most).
bool page_indents_first_lines(const repair::RepairResult& r, const std::vector<Item>& items) {
  constexpr int kFewParagraphs = 4, kMoreThanACharacter = 3;  // display columns
  int wrapped = 0, indented = 0;
  for (const Item& it : items) {
    const int w = wrapped_first_line(r, it);
    if (w == 0) continue;
    ++wrapped;
    indented += w <= static_cast<int>(it.unit->column_width) - kMoreThanACharacter;
  }
  return wrapped >= kFewParagraphs && indented * 4 >= wrapped * 3;
}

// On a page that indents its paragraphs' first lines, a paragraph whose
// first line wrapped full to its column opens no paragraph: it is the rest
// of one that moved text (or a jump) cut, which repair did not join again.
// It goes on in the article before it, never opens one of its own. Its
// column is measured on its own lines (own_width(), three lines or more):
// repair's estimate lags a change of column, where a first line set in a
// wider column looks as wide as the narrower one before it. Full means as
// wide as the widest inner line or wider: a first line a column short of it
// may be an indent that spaces or digits (10 年来) made narrower, and an
// untitled article's first paragraph opens there.
// (page_indents: the page's answer, asked only for a paragraph whose own
// first line is full, and kept: most paragraphs are indented, and the pass
// over the page's paragraphs is not paid for them.)
bool goes_on_unindented(const repair::RepairResult& r, std::optional<bool>& page_indents,
                        const std::vector<Item>& items, const Item& it) {
  if (it.own_width <= 0) return false;
  const int w = wrapped_first_line(r, it);
  if (w <= 0 || w < it.own_width) return false;
  if (!page_indents) page_indents = page_indents_first_lines(r, items);
  return *page_indents;
}

// How much narrower than its column less the indent a paragraph's wrapped
// first line may have stopped: a line may not end with an opening quote or
// bracket, so a line followed by one (…视察中应做到 / “两宜两不宜”。) may
// have left the last character's room empty. 0 where the second line opens
// with anything else. (A number or Latin word carried down says less: it
// may be long, or broken with a hyphen.)
int first_line_wrapped_early_by(const repair::RepairResult& r, const Item& it) {
  const RepairedUnit& u = *it.unit;
  if (u.last_line <= u.first_line || u.first_line >= r.lines.size()) return 0;
  // The unit's second line: the first text copied from past its first line
  // (not r.lines[first_line + 1], which may be a blank line or a line spliced
  // out of the paragraph).
  const std::size_t first_end = r.lines[u.first_line].content.end;
  // The second line's first character, where the unit's text copied it from.
  const std::string_view t = u.text.view();
  constexpr int kOneCharacter = 2;  // display columns
  for (const text::MappedText::Anchor& a : u.text.anchors()) {
    if (a.synthetic || a.src < first_end) continue;
    if (a.out < t.size() && (text::char_flags(text::next_char(t, a.out).cp) & text::kOpening)) return kOneCharacter;
    break;
  }
  return 0;
}

// How far short of its column less the indent the narrower of two wrapped
// first lines may measure (see first_lines_change_column()): what it wrapped
// early before (first_line_wrapped_early_by()), and where it did, the column
// adjusted_width() took off a closing mark it ends with as if the mark hung
// past the column (…修改为：/“军官…): set before a quote carried down, the
// mark stood inside the column, so the line measures three columns short.
int first_line_short_by(const repair::RepairResult& r, const Item& narrower) {
  const int early = first_line_wrapped_early_by(r, narrower);
  if (early == 0 || r.squeeze) return early;  // (squeezed, every mark counts one column anyway)
  constexpr int kMarkTakenOff = 1;  // display columns adjusted_width() took off a closing mark
  return r.lines[narrower.unit->first_line].trailing_punct > 0 ? early + kMarkTakenOff : early;
}

// Paragraphs a and b (b right after a) wrap, their first lines are a
// character to four apart, and repair's column estimate moves the same way
// between them: b is set in another column. (Lines far wider than the column
// before them are no column's but columns run together, as an extraction in
// layout mode gives them: other tests' to read.) The narrower first line
// counts what it fell short by (first_line_short_by()): one character's
// difference with a quote carried down is no change of column.
bool first_lines_change_column(const repair::RepairResult& r, const Item& a, const Item& b) {
  if (a.kind != ItemKind::kParagraph || b.kind != ItemKind::kParagraph) return false;
  const int estimate = static_cast<int>(b.unit->column_width) - static_cast<int>(a.unit->column_width);
  if (estimate == 0) return false;
  const int first_a = wrapped_first_line(r, a), first_b = wrapped_first_line(r, b);
  if (first_a == 0 || first_b == 0) return false;
  const int change = first_b - first_a;  // display columns
  constexpr int kOneCharacter = 2, kFewCharacters = 8;  // display columns
  if (!(std::abs(change) >= kOneCharacter && std::abs(change) <= kFewCharacters && (change > 0) == (estimate > 0)))
    return false;
  return std::abs(change) > first_line_short_by(r, change > 0 ? a : b);
}

// A paragraph of too few lines to be measured against the article's
// column (own_width() over one inner line is not asked: other_width()) is
// set in the new column when it is as wide as the paragraph that changes
// the column, measured on one line, or, unmeasured, its wrapped first line
// is as wide as that paragraph's: the new article opens with it, not a
// paragraph later. The draft before keeps a paragraph at least.
void last_paragraph_goes_with_next_column(const repair::RepairResult& r, Draft& before, Draft& after,
                                          const Item& next) {
  if (before.body.size() < 2 || !after.body.empty()) return;
  const Item& last = *before.body.back();
  if (last.kind != ItemKind::kParagraph || last.subheading || next.own_width <= 0) return;
  constexpr int kOneColumn = 1;  // display columns: a half-width mark
  bool same_as_next = false;
  if (last.own_width > 0) {
    same_as_next = last.own_lines == 1 && std::abs(last.own_width - next.own_width) <= kOneColumn;
  } else {
    const int first_last = wrapped_first_line(r, last), first_next = wrapped_first_line(r, next);
    same_as_next = first_last > 0 && first_next > 0 && std::abs(first_last - first_next) <= kOneColumn;
  }
  if (!same_as_next) return;
  after.body.push_back(&last);
  before.body.pop_back();
  before.measure_width();
  after.width = std::max(after.width, last.own_width);
}

// A paragraph that ends with a photo marker: …（图①）.
bool photo_caption(const repair::RepairResult& r, const Item& it) {
  return it.unit->shape == UnitShape::kBody && it.unit->last_line < r.lines.size() &&
         r.lines[it.unit->last_line].caption_end;
}

// A draft whose text is a photo spread's captions: each paragraph of it
// ends with a photo marker (…（图①）). (Not an article whose text holds one
// photo's caption among its paragraphs.)
// (Read on the paragraph's text, not its last line: a marker may be broken
// across two lines, …株。（图 / ①）.)
bool photo_spread(const Draft& d) {
  bool captions = false;
  for (const Item* b : d.body) {
    if (b->kind != ItemKind::kParagraph) continue;
    if (!repair::ends_with_photo_marker(b->unit->text.view())) return false;
    captions = true;
  }
  return captions;
}

// The paragraph's lead repeats the heading's words: it opens with them
// (小麦育种还有很大的提升空间 / 小麦育种还有很大的提升空间，为了…), or they make
// a whole clause of its first sentences, set off by punctuation on both
// sides (两国有着长期友好的合作 / …他表示，两国有着长期友好的合作。): a
// headline taken from its lead, as news headlines are, over a new article;
// a subheading does not repeat the words that follow it.
bool lead_repeats_heading(const Item& paragraph, const Item& heading) {
  constexpr std::size_t kMinBytes = 4 * 3;         // four Han characters
  constexpr std::size_t kMinClauseBytes = 6 * 3;   // six, for a clause inside the lead
  const std::string_view h = line_text(&heading);
  const std::string_view p = paragraph.unit->text.view();
  if (h.size() < kMinBytes || h.find(' ') != std::string_view::npos) return false;
  if (p.starts_with(h)) return true;
  if (h.size() < kMinClauseBytes) return false;
  // Searched in the lead only (a paragraph may be long).
  return holds_clause(p, h, kLeadBytes, /*end_closes=*/true);
}

// Body item b starts another column than body item a: repair put a block
// break before it and the column widths differ by more than a justified
// line varies.
bool new_column(const Item& a, const Item& b) {
  if (b.unit->break_before != repair::BreakKind::kBlock) return false;
  if (a.kind != ItemKind::kParagraph || b.kind != ItemKind::kParagraph) return false;
  if (a.unit->shape != UnitShape::kBody || b.unit->shape != UnitShape::kBody) return false;
  const int wa = a.unit->column_width, wb = b.unit->column_width;
  return std::abs(wa - wb) > std::max(4, std::max(wa, wb) / 10);
}

// Paragraph a, not measured on its own lines (own_width() gave 0: two
// lines, or a measure far from repair's estimate or on too many short
// lines), and paragraph b after it both wrap, and a's first line is as wide
// as b's, or short of it by what it wrapped early before
// (first_line_wrapped_early_by()): they are set in one column, whatever
// repair's estimate says. (Repair's estimate of
// a short paragraph lags a change of column: after an article in a narrower
// column it is still that column's, and the block break it puts between a
// and b is the change it sees a paragraph late.)
bool short_paragraph_first_line_agrees(const repair::RepairResult& r, const Item& a, const Item& b) {
  if (a.own_width > 0) return false;
  const int first_a = wrapped_first_line(r, a), first_b = wrapped_first_line(r, b);
  if (first_a == 0 || first_b == 0) return false;
  constexpr int kOneColumn = 1;  // display columns: a closing mark hanging
  const int change = first_b - first_a;
  const int early = first_line_wrapped_early_by(r, change > 0 ? a : b);
  return std::abs(change) <= std::max(kOneColumn, early);
}

// Which change of column, if any, body item b makes after the article
// `cur` (its last item a), tested in this order: b starts another column
// than a where repair put a block break (kNewColumn); b is set in a column of
// another width than the article's paragraphs so far, measured on their own
// lines, as repair's estimate lags a change of column by a paragraph or more
// (kOtherWidth); both wrap, their first lines a character or more apart and
// repair's estimate moving the same way (kFirstLines); b has two lines, too
// few to measure, its wrapped first line wider than the article's column
// (kWiderFirstLine). Photo captions of one spread (…（图①）, …（图②）) are set
// beside their photos, each as wide as its photo: no change of article.
enum class ColumnCut { kNone, kNewColumn, kOtherWidth, kFirstLines, kWiderFirstLine };
ColumnCut column_cut(const repair::RepairResult& r, const Draft& cur, const Item& b) {
  const Item& a = *cur.body.back();
  if (new_column(a, b) && !short_paragraph_first_line_agrees(r, a, b)) return ColumnCut::kNewColumn;
  auto spread = [&] { return photo_caption(r, a) && photo_caption(r, b); };
  if (other_width(cur.width, b) && !spread()) return ColumnCut::kOtherWidth;
  if (first_lines_change_column(r, a, b)) return ColumnCut::kFirstLines;
  if (wider_first_line(r, cur.width, b) && !spread()) return ColumnCut::kWiderFirstLine;
  return ColumnCut::kNone;
}

// A paragraph set in the column of the article before the current draft,
// where a change of width opened that draft in the middle of the article's
// text and the draft holds a few paragraphs and no byline: the draft is
// another article's head moved into that text, and the text from here on is
// the article going on after it, not an article of its own.
bool back_to_column_before(const Draft& cur, const Draft& before, const Item& b) {
  constexpr std::size_t kMovedParagraphs = 3;  // (a moved head is eight lines at most)
  if (b.kind != ItemKind::kParagraph || b.own_width <= 0 || !cur.bylines.empty() ||
      cur.body.size() > kMovedParagraphs || before.width <= 0 || cur.width <= 0)
    return false;
  return std::abs(b.own_width - before.width) < kOwnWidthChange && std::abs(cur.width - before.width) >= kOwnWidthChange;
}

// Segments of a page: title groups (consecutive heading lines) and the runs
// of body, byline and caption items between them; the two alternate.
// A segment's items are consecutive in the page's item sequence: a view of it.
struct Segment { bool title; std::span<Item* const> items; };
// The drafts of a page, kept from page to page (with the room their lists
// took) so that a page allocates none once a thread has seen a few.
class DraftPool {
 public:
  void clear() { used_ = 0; }
  // A new empty draft at the end. References to drafts do not survive it.
  Draft& add() {
    if (used_ == drafts_.size()) drafts_.emplace_back();
    else drafts_[used_].reset();
    return drafts_[used_++];
  }
  Draft& operator[](std::size_t i) { return drafts_[i]; }
  std::size_t size() const { return used_; }

 private:
  std::vector<Draft> drafts_;
  std::size_t used_ = 0;
};

// A run split into article drafts (at bylines, datelines, column changes):
// drafts [first, first + count) of the pool.
struct Run {
  std::size_t first = 0, count = 0;
};

// What attach_title_groups() works in, kept from page to page.
struct GroupCosts;  // (below)

struct AttachScratch {
  const repair::RepairResult* repaired = nullptr;  // the page's, for cut_run()
  std::vector<std::size_t> heads;
  std::vector<GroupCosts> groups;  // per title group (see attach_title_groups())
  std::vector<std::string_view> lines;
  std::vector<std::array<double, 4>> own, cost;
  std::vector<std::array<double, 4>> run_untitled;  // see attach_title_groups()
  std::vector<char> run_of_one_draft;
  std::vector<std::array<std::uint8_t, 4>> from;
  std::vector<int> dir, mixed_dir;
  std::vector<std::size_t> before_of, after_of;
  std::vector<char> run_cuttable;          // per run: its one draft can be cut in two articles
  BigramKeys part_lead;    // the lead of a candidate second article of a cut run
};

// Costs of the title-attachment pass, in units of "one article left without
// a title" (most articles have one: leaving one untitled is the base cost).
constexpr double kUntitledCost = 1.0;
// A photo spread (captions …（图①）) runs without a headline about as often as
// with one: where the title groups leave one of two articles untitled, the
// spread is the likelier (the page's first text a spread, a title group
// under it and an article under that: the group heads the article).
constexpr double kUntitledPhotoSpreadCost = 0.5;
// Title–lead bigram overlap (0..1) is worth this much: a title cut from its
// article's lead outweighs an untitled article and a change of layout.
constexpr double kOverlapWeight = 2.0;
// About this many of a title group's bigrams a lead holds by chance: the
// pages of one issue share their words (新世纪, 改革, 发展), and a title
// shares two or three bigrams with most leads around it, its own or not,
// while one cut from or echoing its lead shares most of them. So the first
// kChanceBigrams of an overlap say nothing of the group's direction: what a
// lead shares counts from there, scaled so that a whole match still weighs
// kOverlapWeight. (A count, not a share: a two-line group one of whose lines
// is its lead's clause shares half its bigrams, and a share of a third taken
// off the top cost it that evidence: 17 gained, 5 lost.) Searched on dev seeds
// 11/13/15: 3 gains 12 titles and loses 1 (2: +6 net, 4: +9). The overlaps
// of a group's cut parts are discounted to match: see telling_part_overlap().
// A group of one line keeps its whole overlap: such a line is as often text
// set apart as a headline (a paragraph's first line opening a column, the
// part of a column moved under another article), and what it shares with
// the text over or under it, it shares as text. (All 12 gains above are
// groups of two lines or more: a kicker, a subtitle or a second line with
// the headline. On the floor pages of test_segment_generated.py a
// one-line group of the sort, no longer held by the two bigrams it shares
// with the text under it, cost an author and the author floor.)
constexpr double kChanceBigrams = 3.0;

// The characters of a group's lines, near enough: one more than the
// bigrams of the lines read as one text. Counted as three bytes each (Han in
// UTF-8; a headline's few digits and spaces hardly matter): counting them
// one by one cost segmentation +1.4 % instructions (callgrind, bench pages).
std::size_t chars_of(std::span<const std::string_view> lines) {
  std::size_t bytes = 0;
  for (std::string_view t : lines) bytes += t.size();
  return bytes / 3;
}

// The bigrams of a text of chars characters (at least one).
double bigrams_of(std::size_t chars) { return chars > 2 ? static_cast<double>(chars - 1) : 1.0; }

// What of a group's overlap with a lead (a share of its bigrams) tells its
// direction: none up to kChanceBigrams of them, the rest scaled to 0..1. A
// group of one line keeps its whole overlap (see kChanceBigrams).
double telling_overlap(double overlap, std::size_t chars, std::size_t lines) {
  if (lines < 2) return overlap;
  const double bigrams = bigrams_of(chars);
  const double chance = std::min(0.9, kChanceBigrams / bigrams);
  return overlap <= chance ? 0.0 : (overlap - chance) / (1.0 - chance);
}

// The same for a part of a cut group of two lines or more, given the whole
// group's overlap with the same lead. The group's chance bigrams are chance
// wherever they fall: a part is charged with those of them the rest of the
// group does not hold, so that it tells no more than the whole group does,
// and what it tells is scaled as in telling_overlap(). (Taken off the whole
// group only, a group at chance with the lead above, its kicker naming the
// unit that lead names (市公安局: three bigrams), went to the cut that gives
// the kicker's part to that lead.) A part of one line keeps its whole
// overlap, as a group of one line does (charged too, a one-line headline
// sharing two bigrams of its eight with its lead, the whole group at chance
// with it, lost the weak cut that gives it to that lead).
double telling_part_overlap(double part_overlap, std::size_t part_chars, std::size_t part_lines, double group_overlap,
                            std::size_t group_chars) {
  if (part_lines < 2) return part_overlap;
  const double part_bigrams = bigrams_of(part_chars), group_bigrams = bigrams_of(group_chars);
  // As counts of bigrams: what the part shares, and what the group shares
  // beyond its chance ones.
  const double part_hits = part_overlap * part_bigrams;
  const double group_telling = group_overlap * group_bigrams - std::min(0.9 * group_bigrams, kChanceBigrams);
  if (part_hits <= group_telling) return part_overlap;
  const double telling_hits = std::max(0.0, group_telling);
  const double counted = part_bigrams - (part_hits - telling_hits);  // its bigrams less the chance ones
  return counted > 0 ? telling_hits / counted : 0.0;
}

// A change of layout between consecutive title groups (pages mix layouts,
// but most keep one).
constexpr double kLayoutSwitchCost = 0.6;
// A byline right under a title group belongs to the article after it.
constexpr double kBylineUnderTitle = 1.0;
// An article with its byline over its body and no title group over it
// takes a title group from under its body at this extra cost.
constexpr double kTopBylineNoHeadCost = 0.5;
// A title group standing alone as an article with no body: only when no
// body can take it without leaving more than this many articles untitled.
constexpr double kAloneCost = 3.0;
// Splitting a title group in two headlines: dear for two lines (most
// two-line groups are one headline), cheap for three or more plain lines.
constexpr double kSplitCostShort = 1.2;
constexpr double kSplitCostLong = 0.1;
// A part of a cut group with more than two plain lines (a headline has one
// or two): this much dearer, less than any title–lead evidence.
constexpr double kLongHeadlineCost = 0.1;
// A headline with a subtitle under it, or set on one line as two phrases
// apart by a gap (a two-part headline), is a headline of one line: a part of
// a cut group that gives such a headline another plain line over it is this
// much dearer (a tie-breaker, like kLongHeadlineCost: less than any
// title-lead evidence).
constexpr double kOneLineHeadCost = 0.1;
// A group of more than two plain lines taken whole by one article, where it
// could be cut: on pages that mix the layouts such groups are mostly two
// articles' heads in a row (one printed after its body, the next one's over
// its body; in PDF extractions 24 of 28), and taking one whole often leaves
// no article untitled (the second body merged into the first), so only a
// price above a run cut's (kRunCutCost) lets the cut win. Generated pages,
// whose groups are cut by lead evidence, hardly notice it.
constexpr double kLongGroupCost = 2.0;
// A group of two plain lines or fewer, one of them a headline of two phrases
// set apart by a gap (在学习教育中 在音乐会上): such a line is a headline
// set whole on one line, with no second line (see kOneLineHeadCost), so the
// group is likelier two articles' heads than one; taken whole it costs this
// much. Less than kLongGroupCost: in PDF extractions a line of two phrases
// is also a headline broken off its second line, or two heads read side by
// side as one line, and a dear whole makes a run cut win over a right one.
// More than a cut of a two-line group on a page that mixes the layouts
// (kMixedLayouts, 0.6), less than one on a page of one layout
// (kSplitCostShort): at 0.6 a kicker over such a line and one more line,
// set tight, stayed one head. Searched jointly with the other costs on dev
// seeds 11/13/15 + PDF dev (session 19): the figures are the same
// anywhere from 0.8 to 1.5.
constexpr double kTwoPhraseGroupCost = 0.9;
// A cut between two lines set tight (no blank line between them) in a group
// set off by blank lines, and a cut at a blank line between title lines:
// dearer by kTightCutCost, cheaper by kGapCutBonus.
constexpr double kTightCutCost = 0.5;
constexpr double kGapCutBonus = 0.2;
constexpr double kImpossible = 1e30;

// What attach_title_groups() finds for one title group before it weighs
// the directions: the cost of giving it to the body before it, to the body
// after it, and of its best cut in two (at split_at); whether it is three or
// more plain lines (split_long), opens with a kicker (kicker_top), or is a
// kicker and two plain lines (kicker_short); and the evidence of a cut in
// the run before it (cut_lead_whole, cut_lead_part: see there).
struct GroupCosts {
  double ev_before = kImpossible, ev_after = kImpossible, ev_split = kImpossible;
  double cut_lead_whole = 0, cut_lead_part = 0;
  std::size_t split_at = 0;
  bool split_long = false, kicker_top = false, kicker_short = false;
};

// A run of one draft claimed by the title group before it and by the one
// after it is two articles with no title group between them (the first
// titled over its body, the next under its body: a page that mixes the
// layouts), cut at a paragraph boundary. Dearer than an untitled article,
// cheaper than a title group standing alone.
constexpr double kRunCutCost = 1.2;
// Where no boundary's lead repeats the second title, the cut goes where
// the measured column width changes most: this much per character of
// change (up to ten), well under what a title–lead overlap is worth.
constexpr double kCutWidthWeight = 0.05;
// A title line that opens a clause of a neighbouring lead word for word
// (lead_opens_with_clause), over what the shared bigrams already say: the
// direction giving it to that lead gains this much.
constexpr double kLeadClauseBonus = 1.0;
// A group whose headline line opens a clause of a later paragraph of the
// draft over it (inner_lead_repeating): the headline of the text from
// there on, printed after it; going before gains this much.
constexpr double kInnerLeadClauseBonus = 1.0;
// A cut that gives such a line to that lead alone (see the cuts below).
constexpr double kLeadClauseAloneBonus = 0.3;
// A lead is asked for such a clause only when it shares this much of the
// group's bigrams (a clause of four characters or more in a group of a
// kicker, a title and a subtitle shares about a quarter): most groups share
// little with either lead, and the clause costs a search per line.
constexpr double kClauseAskOverlap = 0.2;
// The layout prior of a page: what a change of layout between neighbouring
// articles costs, what cutting a two-line title group in two does, and
// whether a kicker with one title line under it and one more line is cut
// there (on a page of one layout that is a kicker over a two-line title).
struct LayoutPrior {
  double layout_switch;
  double split_short;
  bool cut_under_kicker;
};
constexpr LayoutPrior kOneLayout{kLayoutSwitchCost, kSplitCostShort, false};
// A page that mixes the layouts article by article: a change of layout
// costs next to nothing, and a two-line group between two bodies is about
// as often two headlines (the one above's, printed after it, and the one
// below's) as one. Reading a page this way costs kMixedPageCost once: most
// pages keep one layout. A page of one layout explained by the mixed
// reading gains a change of layout's price there (0.5) and now and then a
// little more; a mixed page gains that or, with one two-line group cut in
// two, more (0.8): the price sits between.
constexpr LayoutPrior kMixedLayouts{0.1, 0.6, true};
constexpr double kMixedPageCost = 0.6;

// What one part of a cut title group costs for its shape (see
// kOneLineHeadCost): part holds its lines in order; kicker_first: its first
// line is a kicker (no headline line). The headline lines are those over its
// first subtitle line (the lines under that are the subtitle's, wrapped).
double one_line_head_cost(std::span<Item* const> part, bool kicker_first) {
  std::size_t head_lines = 0;
  bool one_line_head = false;
  for (std::size_t i = kicker_first ? 1 : 0; i < part.size(); ++i) {
    const std::string_view t = line_text(part[i]);
    if (is_subtitle_line(t)) {
      one_line_head = true;
      break;
    }
    ++head_lines;
    one_line_head = one_line_head || two_phrases(t);
  }
  return one_line_head && head_lines > 1 ? kOneLineHeadCost : 0.0;
}

// The first body item of a draft, from index `from` (at least 1) on, that
// can open a second article: a paragraph that is no subheading and does not
// follow one (a subheading heads the paragraph under it). 0: none.
std::size_t next_cut_candidate(const Draft& d, std::size_t from) {
  for (std::size_t i = std::max<std::size_t>(from, 1); i < d.body.size(); ++i) {
    const Item& it = *d.body[i];
    if (it.kind == ItemKind::kParagraph && !it.subheading && !d.body[i - 1]->subheading) return i;
  }
  return 0;
}

// A title line looked for word for word in a lead: four characters or
// more, one phrase (no space), no subtitle. The lead: the first hundred
// characters.
bool verbatim_title_line(std::string_view h) {
  constexpr std::size_t kMinBytes = 4 * 3;
  return h.size() >= kMinBytes && h.find(' ') == std::string_view::npos && !is_subtitle_line(h);
}
// verbatim_title_line(line_text(it)), read once an item.
bool verbatim_title_line(const Item* it) {
  if (it->verbatim < 0) it->verbatim = verbatim_title_line(line_text(it)) ? 1 : 0;
  return it->verbatim != 0;
}
// Whether paragraph p's lead holds title line h word for word (h may run a
// little past the lead's hundredth character).
bool lead_holds(std::string_view p, std::string_view h) {
  return lead_contains(p.substr(0, std::min(p.size(), kLeadBytes - 1 + h.size())), h);
}

// Which of the title lines (four characters or more, no subtitle; the
// first 16) a paragraph of the draft that can open a second article has word
// for word in its first hundred characters: a title cut from its lead, as
// news headlines are, and a second article starting there. found[k] for
// line k.
void inner_leads_repeat(const Draft& d, std::span<Item* const> title_lines, std::array<char, 16>& found) {
  found.fill(0);
  const std::size_t n = std::min<std::size_t>(title_lines.size(), found.size());
  std::array<char, 16> asked{};  // the lines worth looking for
  bool any = false;
  for (std::size_t k = 0; k < n; ++k) {
    asked[k] = verbatim_title_line(title_lines[k]);
    any = any || asked[k];
  }
  if (!any) return;
  for (std::size_t i = next_cut_candidate(d, 1); i != 0; i = next_cut_candidate(d, i + 1)) {
    const std::string_view p = d.body[i]->unit->text.view();
    for (std::size_t k = 0; k < n; ++k) {
      if (!asked[k] || found[k]) continue;
      const std::string_view h = line_text(title_lines[k]);
      found[k] = lead_holds(p, h);
    }
  }
}

// Cuts the one draft of `run` in two articles: the first keeps the title
// group before the run, the second takes the one after it (title_lines),
// printed under its body. The cut goes before the paragraph whose lead
// shares most of the title's bigrams (a title repeats its lead), or where
// none does, where the measured column width changes most; the first such
// boundary on a tie. part_lead: scratch.
void cut_run(const repair::RepairResult& r, DraftPool& pool, Run& run, std::span<const std::string_view> title_lines,
             BigramKeys& part_lead) {
  const std::size_t whole = run.first;
  std::size_t best = 0;
  double best_score = -1;
  {
    const Draft& d = pool[whole];
    // A paragraph whose lead repeats a title line word for word (what made
    // the cut worth its price, often) is where the second article starts:
    // the first such, without weighing the bigrams of every boundary.
    for (std::size_t i = next_cut_candidate(d, 1); i != 0 && best == 0; i = next_cut_candidate(d, i + 1)) {
      const std::string_view p = d.body[i]->unit->text.view();
      for (std::string_view h : title_lines) {
        if (!verbatim_title_line(h)) continue;
        if (lead_holds(p, h)) { best = i; break; }
      }
    }
    for (std::size_t i = best == 0 ? next_cut_candidate(d, 1) : 0; i != 0; i = next_cut_candidate(d, i + 1)) {
      part_lead.clear();
      for (std::size_t k = i; k < d.body.size() && part_lead.size() < kLeadBigrams; ++k)
        bigrams(d.body[k]->unit->text.view(), part_lead, kLeadBigrams);
      const double overlap = (detail::reference_paths() ? plain::evidence(title_lines, nullptr, &part_lead, false)
                                                         : evidence(title_lines, nullptr, &part_lead, false))
                                 .after;
      int width_before = 0, width_after = 0;
      for (std::size_t k = 0; k < d.body.size(); ++k) {
        if (d.body[k]->kind != ItemKind::kParagraph) continue;
        int& w = k < i ? width_before : width_after;
        w = std::max(w, d.body[k]->own_width);
      }
      int change = width_before > 0 && width_after > 0 ? std::abs(width_before - width_after) : 0;
      // Where the measured widths tell nothing, the paragraphs' wrapped
      // first lines may (see wrapped_first_line(): paragraphs of two lines):
      // by how much every first line over the cut is wider than every one
      // under it, or narrower (first lines vary by a mark or a digit).
      if (change == 0) {
        int min_before = INT_MAX, max_before = 0, min_after = INT_MAX, max_after = 0;
        for (std::size_t k = 0; k < d.body.size(); ++k) {
          const int w = wrapped_first_line(r, *d.body[k]);
          if (w == 0) continue;
          int& narrowest = k < i ? min_before : min_after;
          int& widest = k < i ? max_before : max_after;
          narrowest = std::min(narrowest, w);
          widest = std::max(widest, w);
        }
        if (max_before > 0 && max_after > 0) change = std::max({0, min_before - max_after, min_after - max_before});
      }
      const double score = kOverlapWeight * overlap + kCutWidthWeight * std::min(change, 10);
      if (score > best_score) { best_score = score; best = i; }
    }
  }
  if (best == 0) return;
  const std::size_t first = pool.size();
  pool.add();
  pool.add();  // drafts are referred to from here on (add() may move them)
  Draft& d = pool[whole];
  Draft& a = pool[first];
  Draft& b = pool[first + 1];
  const RepairedUnit* cut_at = d.body[best]->unit;
  a.body.assign(d.body.begin(), d.body.begin() + static_cast<std::ptrdiff_t>(best));
  b.body.assign(d.body.begin() + static_cast<std::ptrdiff_t>(best), d.body.end());
  // Units are in page order: a byline over the cut is the first article's.
  for (const Item* it : d.bylines) (it->unit < cut_at ? a : b).bylines.push_back(it);
  a.byline_on_top = d.byline_on_top;
  a.measure_width();
  b.measure_width();
  d.reset();  // left empty: no article
  run = Run{first, 2};
}

// Whether title line h opens a clause of draft d's first paragraph, in its
// opening fifty characters or so, word for word (提高公正执法水平 /
// 提高公正执法水平，是…): a headline cut from the lead, as most single-line
// news headlines are. Far surer than shared bigrams: a headline's words
// recur in other articles' leads, a whole clause of them hardly ever.
// (The test, h's verbatim_title_line() and looks_like_kicker() asked of the
// callables given, in this order and only when needed.)
template <class Verbatim, class Kicker>
bool lead_opens_with_clause_given(const Draft& d, std::string_view h, Verbatim verbatim, Kicker kicker,
                                  std::size_t opening = kOpeningBytes) {
  // Six characters or more: a headline cut from a lead is a clause of six
  // to sixteen, as a rule; a shorter line is looked for in vain too often.
  constexpr std::size_t kMinBytes = 6 * 3;
  if (h.size() < kMinBytes || d.body.empty() || d.body.front()->kind != ItemKind::kParagraph || !verbatim())
    return false;
  return holds_clause(d.body.front()->unit->text.view(), h, opening, true) && !kicker();
}
bool lead_opens_with_clause(const Draft& d, std::string_view h) {
  return lead_opens_with_clause_given(d, h, [h] { return verbatim_title_line(h); }, [h] { return looks_like_kicker(h); });
}
// The same for a heading item's line (line_text()), its verbatim_title_line()
// read once an item: a group's lines are asked of several drafts.
bool lead_opens_with_clause(const Draft& d, const Item* line) {
  return lead_opens_with_clause_given(d, line_text(line), [line] { return verbatim_title_line(line); },
                                      [line] { return looks_like_kicker(line); });
}

// A lead's first sentence or two, where a headline is cut from: its first
// 150 characters. Its first clause of six characters or more with no digit
// is not always in the opening or in the bigrams a lead is matched on
// (kLeadBigrams): a date, a figure or a long clause before it puts it further
// in (…300多万元，用于修缮校舍和添置课桌，…).
constexpr std::size_t kFirstSentencesBytes = 150 * 3;
// Whether title line `line` is a whole clause of draft d's first paragraph
// anywhere in its first sentences (see lead_opens_with_clause()).
bool lead_holds_clause(const Draft& d, const Item* line) {
  return lead_opens_with_clause_given(d, line_text(line), [line] { return verbatim_title_line(line); },
                                      [line] { return looks_like_kicker(line); }, kFirstSentencesBytes);
}

// The headline lines of a title group: its lines of four characters or
// more but subtitle lines (——…) and issuing units (kickers). (A character
// or two alone on a line is a piece an extraction broke off a line, as of
// a byline's name: no headline line.)
std::size_t headline_lines(std::span<Item* const> title_lines) {
  constexpr std::size_t kMinChars = 4;
  std::size_t n = 0;
  for (const Item* line : title_lines) {
    const std::string_view t = line_text(line);
    n += wide_chars(t) >= kMinChars && !is_subtitle_line(t) && !looks_like_kicker(line);
  }
  return n;
}

// The first paragraph of draft d after its first that can open an article
// and whose opening holds the group's headline line word for word as a whole
// clause, when the opening of d's first paragraph does not hold it at all (kickers are not looked for: an
// issuing unit is named in running text too). 0: none.
std::size_t inner_lead_repeating(const Draft& d, std::span<Item* const> title_lines) {
  if (d.body.size() < 2 || d.body.front()->kind != ItemKind::kParagraph) return 0;
  // The headline line looked for: the group's first that can be, past a
  // kicker (its first line that is no issuing unit).
  std::string_view wanted;
  for (const Item* line : title_lines) {
    const std::string_view h = line_text(line);
    if (verbatim_title_line(line) && !looks_like_kicker(line)) { wanted = h; break; }
  }
  // Looked for in the paragraph's opening (kOpeningBytes), asked of every
  // paragraph under a headline printed after its body.
  auto repeats = [&](std::string_view p) {
    return lead_contains(p.substr(0, std::min(p.size(), kOpeningBytes - 1 + wanted.size())), wanted);
  };
  if (wanted.empty() || repeats(d.body.front()->unit->text.view())) return 0;
  // In a later paragraph the line must be a whole clause, set off by
  // punctuation, as a headline cut from a lead is: words of the headline
  // inside a clause there (…这是智慧警务新模式带来的“红利”) are the body of
  // an article that opens with a story and states its subject after it.
  // The paragraphs that can open an article (next_cut_candidate), but the
  // last: an article's closing paragraph restates its headline (a slogan,
  // a conclusion) as often as a new article opens there.
  // So is a paragraph under a heading taken for a subheading, with a
  // paragraph over that heading: the heading is then the headline of the
  // text above it, printed after its body as this one is (the caller makes
  // it so).
  for (std::size_t i = 1; i + 1 < d.body.size(); ++i) {
    const Item& it = *d.body[i];
    if (it.kind != ItemKind::kParagraph || it.subheading) continue;
    const Item& above = *d.body[i - 1];
    if (above.subheading && (i < 2 || d.body[i - 2]->kind != ItemKind::kParagraph || d.body[i - 2]->subheading))
      continue;
    const std::string_view p = it.unit->text.view();
    // A headline cut from a lead is one line: one of two headline lines (no
    // kicker, no subtitle) found in a later paragraph is a phrase that
    // paragraph shares with it, not a sign that a second article opens
    // there. (Counted only here, where a cut would be made.)
    if (repeats(p) && holds_clause(p, wanted, kOpeningBytes, true)) return headline_lines(title_lines) > 1 ? 0 : i;
  }
  return 0;
}

// The draft that heads the text a title group printed after it goes to,
// when the group's headline repeats, as a whole clause of its opening, the
// lead of an earlier draft of the same run and not that of the last one
// (`owner`): the drafts from that one on are one article, parted only where
// the paragraphs' column width seemed to change (a headline repeats its own
// lead, not a later paragraph's). Only drafts with no byline or dateline
// before the owner's closing byline are joined (a byline closes an article),
// nor a first draft that the group before the run claims (first_claimed).
// Returns the draft that now holds the article (owner when none is joined).
// An earlier draft whose lead does not repeat the headline but a later
// paragraph of it does (inner_lead_repeating) is split there, and the text
// from there on joined: the paragraph was read on from the text above it
// (an earlier article's headline taken for a subheading between them).
std::size_t split_draft(DraftPool& pool, std::size_t k, std::size_t at);
std::size_t join_drafts_from_lead_repeating(DraftPool& pool, const Run& run, std::size_t owner, bool first_claimed,
                                            std::span<Item* const> title_lines) {
  // The headline lines looked for: no kicker, no subtitle (lead_opens_with_clause).
  auto repeats_lead = [&](const Draft& d) {
    for (const Item* line : title_lines)
      if (lead_opens_with_clause(d, line)) return true;
    return false;
  };
  {
    // (In a scope of its own: split_draft() below moves the drafts.)
    const Draft& last = pool[owner];
    if (last.body.empty() || !last.headings.empty()) return owner;
    for (const Item* b : last.bylines)
      if (b->unit < last.body.front()->unit) return owner;  // a byline or dateline over it
    if (repeats_lead(last)) return owner;
  }
  const std::size_t lowest = run.first + (first_claimed ? 1 : 0);
  for (std::size_t q = owner; q-- > lowest;) {
    std::size_t from = q;  // the draft the article's text starts in
    {
      const Draft& d = pool[q];
      if (d.body.empty() || !d.bylines.empty() || !d.headings.empty()) return owner;
      if (!repeats_lead(d)) {
        const std::size_t at = inner_lead_repeating(d, title_lines);
        if (at == 0) continue;
        from = split_draft(pool, q, at);
        // (A heading taken for a subheading right over the cut closes the
        // text above it: that text's headline, printed after its body.)
        Draft& above = pool[q];
        if (above.body.size() >= 2 && above.body.back()->subheading) {
          above.headings.push_back(above.body.back());
          above.body.pop_back();
        }
      }
    }
    Draft& head = pool[from];
    for (std::size_t k = q + 1; k <= owner; ++k) {
      Draft& tail = pool[k];
      head.body.insert(head.body.end(), tail.body.begin(), tail.body.end());
      head.bylines.insert(head.bylines.end(), tail.bylines.begin(), tail.bylines.end());
      head.width = std::max(head.width, tail.width);
      tail.reset();
    }
    // (Drafts of a run are not always in page order: an article that went
    // on after moved text is put back before the moved text's draft.)
    auto in_page_order = [](const Item* x, const Item* y) { return x->unit < y->unit; };
    std::stable_sort(head.body.begin(), head.body.end(), in_page_order);
    std::stable_sort(head.bylines.begin(), head.bylines.end(), in_page_order);
    head.lead_bigrams.clear();
    head.lead_done = false;
    return from;
  }
  return owner;
}

// Splits pool[k] before its body item `at`: the body from there on and the
// bylines after that point go to a new draft at the end of the pool, whose
// index is returned (pool[k] keeps its headings and what comes before).
std::size_t split_draft(DraftPool& pool, std::size_t k, std::size_t at) {
  const std::size_t tail_index = pool.size();
  pool.add();  // may move the drafts: referred to from here on
  Draft& head = pool[k];
  Draft& tail = pool[tail_index];
  const RepairedUnit* cut_at = head.body[at]->unit;
  tail.body.assign(head.body.begin() + static_cast<std::ptrdiff_t>(at), head.body.end());
  head.body.resize(at);
  auto after_cut = [&](const Item* it) { return it->unit >= cut_at; };
  for (const Item* it : head.bylines) if (after_cut(it)) tail.bylines.push_back(it);
  head.bylines.erase(std::remove_if(head.bylines.begin(), head.bylines.end(), after_cut), head.bylines.end());
  head.measure_width();
  tail.measure_width();
  head.lead_bigrams.clear();
  head.lead_done = false;
  return tail_index;
}

// Whether blank lines on this page part blocks, not lines of one paragraph:
// of the breaks over a blank line, under a quarter are joins (pages that set
// a blank line after a paragraph's first line join about half of them).
bool blank_lines_part_blocks(const repair::RepairResult& repaired) {
  // Counted with no branch on the decision: whether a blank line lies
  // between the lines is what the processor cannot guess (as the page's
  // paragraphs come; 7k of the 524k branches callgrind's model missed
  // segmenting the 400 bench pages were a skip of those with none).
  std::size_t joins = 0, over_blank = 0;
  for (const repair::JoinDecision& j : repaired.decisions) {
    const std::size_t blank = j.next_line > j.line + 1;
    over_blank += blank;
    joins += blank & static_cast<std::size_t>(j.kind == repair::BreakKind::kJoin);
  }
  return joins * 4 < over_blank;  // (over_blank: joins + breaks)
}

// blank_lines_part_blocks() of one page, counted the first time it is asked
// (the passes ask only where a blank line would weigh), then remembered.
class BlankLinesPartBlocks {
 public:
  explicit BlankLinesPartBlocks(const repair::RepairResult& repaired) : repaired_(repaired) {}
  bool operator()() {
    if (answer_ < 0) answer_ = blank_lines_part_blocks(repaired_) ? 1 : 0;
    return answer_ == 1;
  }

 private:
  const repair::RepairResult& repaired_;
  int answer_ = -1;  // not asked yet
};

// pdftotext's default mode reads a page by where its text sits, top to
// bottom, block by block, not in the order it was drawn: a head, set over
// the text it heads, comes out before that text and never after it (a
// title-after page is a drawing order, which -raw and MuPDF keep). On a page
// whose columns repair found read row by row (that mode's mark: no other
// extractor's page and no generated page has it) a title group is never the
// head of the body before it, whole or in part: only the body under it (or,
// with none, an article of its own) takes it. (On the PDF dev set's pages
// read row by row, none of the 52 heads given to the body before them was
// that body's.)
void heads_print_over_their_text_on_rows_read(std::vector<GroupCosts>& group, const repair::RepairResult& repaired) {
  if (!repaired.rows_read) return;
  for (GroupCosts& g : group) {
    g.ev_before = kImpossible;
    g.ev_split = kImpossible;
  }
}

void attach_title_groups(std::vector<Segment>& segs, std::vector<std::size_t>& seg_run, std::vector<Run>& runs,
                         DraftPool& pool, AttachScratch& scratch) {
  std::vector<std::size_t>& heads = scratch.heads;  // segment index of each title group
  heads.clear();
  for (std::size_t s = 0; s < segs.size(); ++s)
    if (segs[s].title) heads.push_back(s);
  const std::size_t m = heads.size();
  if (m == 0) return;
  // Directions: a title group goes to the article before it, to the one after
  // it, is split between the two (the first article's title printed after
  // its body, the next one's before its body), or stands alone (an article
  // of its own: only when no body can take it).
  enum Dir : int { kBefore = 0, kAfter = 1, kSplit = 2, kAlone = 3 };
  constexpr int kDirs = 4;
  auto first_draft = [&](std::size_t r) -> Draft& { return pool[runs[r].first]; };
  auto last_draft = [&](std::size_t r) -> Draft& { return pool[runs[r].first + runs[r].count - 1]; };
  auto claims_before = [](int d) { return d == kBefore || d == kSplit; };
  auto claims_after = [](int d) { return d == kAfter || d == kSplit; };
  // The run before title group j (SIZE_MAX: none) and after it.
  auto run_before = [&](std::size_t j) { const std::size_t s = heads[j]; return s > 0 ? seg_run[s - 1] : SIZE_MAX; };
  auto run_after = [&](std::size_t j) {
    const std::size_t s = heads[j];
    return s + 1 < segs.size() ? seg_run[s + 1] : SIZE_MAX;
  };
  // What run r's first and last drafts cost untitled (the drafts between
  // them are untitled whatever the groups do: only the ends' costs depend on
  // the photo spreads). Asked once a run, not for each way its ends may be
  // claimed. (No run: unused.)
  auto untitled_ends = [&](std::size_t r) -> std::pair<double, double> {
    if (r == SIZE_MAX) return {0, 0};
    auto cost = [&](const Draft& d) {
      return photo_spread(d) ? kUntitledPhotoSpreadCost : kUntitledCost;
    };
    const double first = cost(first_draft(r));
    return {first, runs[r].count == 1 ? first : cost(last_draft(r))};
  };
  // Untitled drafts of run r given whether its first draft is claimed by the
  // title group before it and its last by the one after it (ends: its
  // untitled_ends()).
  auto untitled = [&](std::size_t r, bool first_claimed, bool last_claimed, std::pair<double, double> ends) -> double {
    if (r == SIZE_MAX) return 0;
    const std::size_t n = runs[r].count;
    // (a run of bylines alone is no article: give_lone_bylines_to_neighbours)
    if (n == 1 && first_draft(r).body.empty()) return 0;
    if (n == 1 && first_claimed && last_claimed) return scratch.run_cuttable[r] ? kRunCutCost : kImpossible;
    if (n == 1) return first_claimed || last_claimed ? 0.0 : ends.first;
    return (first_claimed ? 0.0 : ends.first) + (last_claimed ? 0.0 : ends.second) +
           kUntitledCost * static_cast<double>(n - 2);
  };
  std::vector<char>& run_cuttable = scratch.run_cuttable;
  run_cuttable.assign(runs.size(), 0);
  for (std::size_t r = 0; r < runs.size(); ++r)
    run_cuttable[r] = runs[r].count == 1 && next_cut_candidate(pool[runs[r].first], 1) != 0;
  // Evidence for each title group, independent of the layout prior: the
  // overlap of the whole group with the lead before and after it (with the
  // byline bonus), and of its best cut into two headlines.
  // (All of a group's in one record, set in one pass: a vector for each
  // was ten fills a page.)
  std::vector<GroupCosts>& group = scratch.groups;
  group.assign(m, GroupCosts{});
  std::vector<std::string_view>& lines = scratch.lines;
  const bool use_plain = detail::reference_paths();
  // Whether a blank line between title lines, or none, tells where two heads
  // part (parted_head and the cuts below): on a page whose blank lines part
  // blocks. One that also sets a blank line after a paragraph's first line
  // (and as often between two blocks as not) sets them between the lines of
  // one head as often as between two heads.
  BlankLinesPartBlocks blank_lines_tell(*scratch.repaired);
  for (std::size_t j = 0; j < m; ++j) {
    const auto& items = segs[heads[j]].items;
    const std::size_t rb = run_before(j), ra = run_after(j);
    // Before: the run's last draft, if it has body text to carry a title.
    const bool can_before = rb != SIZE_MAX && !last_draft(rb).body.empty();
    // After: the run's first draft, if it has body text (a byline alone
    // between two title groups, as PDF reading order puts one, carries none).
    const bool can_after = ra != SIZE_MAX && !first_draft(ra).body.empty();
    if (!can_before && !can_after) continue;
    // Split: the best cut between two title lines. Title lines of one
    // headline are one or two; three or more plain lines are two headlines.
    bool cuts = false;
    double whole_cost = 0;  // see below
    if (can_before && can_after && items.size() >= 2 && items.size() <= kMaxSplitLines) {
      // Plain title lines: not the kicker on top, not subtitle lines.
      const bool kicker = looks_like_kicker(items.front());
      std::ptrdiff_t plain_lines = 0;
      bool two_phrase_line = false;  // a plain line of two phrases
      for (std::size_t k = 0; k < items.size(); ++k) {
        const bool plain = !(k == 0 && kicker) && !is_subtitle_line(line_text(items[k]));
        plain_lines += plain;
        two_phrase_line = two_phrase_line || (plain && two_phrases(line_text(items[k])));
      }
      // A kicker heads the first headline: the group is cut after a title
      // line under it, never between the kicker and its title (a page that
      // mixes the layouts prints one article's kicker and title after its
      // body, the next one's title over its body). With two plain lines
      // only, the cut is weighed on a mixed page alone and as dear as a
      // two-line headline's cut on a page of one layout: most such groups
      // are a kicker over a two-line title (the sample page has two).
      cuts = true;
      group[j].kicker_top = kicker;
      // Unless a blank line parts the two plain lines while the kicker sits
      // tight over the first: the lines of one head are set tight, so that
      // is a kicker and its title, then the next article's title (title
      // lines parted by a blank line are two articles' three times in four
      // in PDF extractions of pages that mix the layouts). A subtitle or an
      // issuing unit under the blank line is still that head's. (Not where
      // blank lines say nothing of heads: blank_lines_tell.)
      const bool parted_head = kicker && items.size() >= 3 && !items[1]->gap_before && items[2]->gap_before &&
                               !is_subtitle_line(line_text(items[2])) &&
                               !names_issuing_unit(line_text(items[2])) && blank_lines_tell();
      group[j].kicker_short = kicker && plain_lines < 3 && !parted_head;
      group[j].split_long = plain_lines >= 3;
      // A headline has one or two lines: a group of more plain lines taken
      // whole by one article is dearer (two articles' headlines read as one
      // group: see kLongGroupCost). A kicker set under its headline is no
      // headline line either.
      // And a headline of two phrases on one line has no second line: one
      // beside another plain line (an issuing unit under a headline is none)
      // is two headlines more often than one.
      if (plain_lines > 2 || (two_phrase_line && plain_lines == 2)) {
        for (std::size_t k = 1; k < items.size(); ++k) {
          const std::string_view t = line_text(items[k]);
          plain_lines -= !is_subtitle_line(t) && names_issuing_unit(t);
        }
        if (plain_lines > 2) whole_cost = kLongGroupCost;
        else if (two_phrase_line && plain_lines == 2) whole_cost = kTwoPhraseGroupCost;
      }
    }
    lines.clear();
    for (const Item* it : items) lines.push_back(line_text(it));
    const BigramKeys* lead_before = can_before ? &last_draft(rb).lead() : nullptr;
    const BigramKeys* lead_after = can_after ? &first_draft(ra).lead() : nullptr;
    const Evidence e = use_plain ? plain::evidence(lines, lead_before, lead_after, cuts)
                                 : evidence(lines, lead_before, lead_after, cuts,
                                            can_before ? last_draft(rb).lead_buckets.data() : nullptr,
                                            can_after ? first_draft(ra).lead_buckets.data() : nullptr);
    const std::size_t group_chars = chars_of(lines);
    if (can_before) group[j].ev_before = -kOverlapWeight * telling_overlap(e.before, group_chars, lines.size()) + whole_cost;
    // The article before the group has its byline over its body and no
    // title group over it (the page's first, or opened by its byline inside
    // a run): a byline goes under a headline printed over the body, so a
    // group after this body is less likely its headline.
    if (can_before && last_draft(rb).byline_on_top && (runs[rb].count > 1 || heads[j] == 1))
      group[j].ev_before += kTopBylineNoHeadCost;
    // A byline right under the group (with body under it) is the next
    // article's: it speaks for whatever the group gives that article, the
    // whole group or its second part.
    const bool byline_under = can_after && segs[heads[j] + 1].items.front()->kind == ItemKind::kByline &&
                              segs[heads[j] + 1].items.size() > 1;
    if (can_after)
      group[j].ev_after = -kOverlapWeight * telling_overlap(e.after, group_chars, lines.size()) -
                          (byline_under ? kBylineUnderTitle : 0.0) + whole_cost;
    // Title lines that open a clause of the lead before / after the group
    // word for word (see lead_opens_with_clause): the direction that gives
    // such a line to that lead gains kLeadClauseBonus, once.
    // (Asked only where the group has a body on both sides to go to, of a
    // lead that shares a good part of its bigrams.)
    std::uint32_t clause_before = 0, clause_after = 0;  // bit k: line k
    constexpr std::size_t kClauseBits = 32;  // lines a clause mask holds
    const bool ask_before = can_before && can_after && e.before >= kClauseAskOverlap;
    const bool ask_after = can_before && can_after && e.after >= kClauseAskOverlap;
    for (std::size_t k = 0; k < items.size() && k < kClauseBits && (ask_before || ask_after); ++k) {
      if (ask_before && lead_opens_with_clause(last_draft(rb), items[k])) clause_before |= 1u << k;
      if (ask_after && lead_opens_with_clause(first_draft(ra), items[k])) clause_after |= 1u << k;
    }
    // A headline of one line (with a kicker or a subtitle or not) that
    // shares little of its bigrams with either lead may still be a whole
    // clause of one of them past the bigrams it is matched on (see
    // kFirstSentencesBytes): cut from that lead all the same. (Asked of
    // such groups alone: a headline cut from its lead is one line, and the
    // search of two leads' first sentences for every line of every group
    // cost 2 % of segmentation.)
    if (can_before && can_after && !ask_before && !ask_after) {
      std::size_t headline = SIZE_MAX, headline_lines = 0;  // (counted up to two)
      for (std::size_t k = 0; k < items.size() && headline_lines < 2; ++k)
        if (!is_subtitle_line(line_text(items[k])) && !looks_like_kicker(items[k])) { headline = k; ++headline_lines; }
      if (headline_lines == 1 && headline < kClauseBits) {
        if (lead_holds_clause(last_draft(rb), items[headline])) clause_before |= 1u << headline;
        if (lead_holds_clause(first_draft(ra), items[headline])) clause_after |= 1u << headline;
      }
    }
    if (clause_before != 0) group[j].ev_before -= kLeadClauseBonus;
    if (clause_after != 0) group[j].ev_after -= kLeadClauseBonus;
    // bit k: line k is no kicker and no subtitle (asked where a cut may give
    // a clause line to its lead; a clause line is neither, found so above).
    std::uint32_t plain_line = clause_before | clause_after;
    for (std::size_t k = 0; cuts && plain_line != 0 && k < items.size(); ++k) {
      const std::string_view t = line_text(items[k]);
      if (!(plain_line >> k & 1u) && !is_subtitle_line(t) && !(k == 0 ? group[j].kicker_top : looks_like_kicker(items[k])))
        plain_line |= 1u << k;
    }
    if (cuts) {
      // plain_upto[k]: lines before line k that are no subtitle.
      std::array<std::size_t, kMaxSplitLines + 1> plain_upto{};
      for (std::size_t k = 0; k < items.size(); ++k)
        plain_upto[k + 1] = plain_upto[k] + !is_subtitle_line(line_text(items[k]));
      const bool set_off = items.front()->gap_before && segs[heads[j] + 1].items.front()->gap_before;
      for (std::size_t k = 1; k < items.size(); ++k) {
        if (is_subtitle_line(line_text(items[k]))) continue;  // a subtitle stays under its title
        if (k == 1 && group[j].kicker_top) continue;  // a kicker stays over its title
        const std::span<const std::string_view> head(lines.data(), k), tail(lines.data() + k, lines.size() - k);
        double c = -kOverlapWeight *
                   (telling_part_overlap(e.cut_before[k], chars_of(head), head.size(), e.before, group_chars) +
                    telling_part_overlap(e.cut_after[k], chars_of(tail), tail.size(), e.after, group_chars));
        // A headline is one or two lines: a part of more plain lines is a
        // little dearer (the tie-breaker where no lead says where to cut).
        // (A kicker over the second part is no plain line; asked about only
        // where it matters.)
        const std::size_t head_lines = plain_upto[k] - (group[j].kicker_top ? 1 : 0);
        std::size_t tail_lines = plain_upto[items.size()] - plain_upto[k];
        if (tail_lines == 3 && looks_like_kicker(items[k])) --tail_lines;
        c += kLongHeadlineCost * static_cast<double>((head_lines > 2) + (tail_lines > 2));
        // A headline over its subtitle, or of two phrases on one line, has no
        // other line: the cut that leaves it alone in its part is the likelier.
        c += one_line_head_cost(items.first(k), group[j].kicker_top) +
             one_line_head_cost(items.subspan(k), looks_like_kicker(items[k]));
        // Lines of one headline are set tight, two articles' headlines
        // apart: in a group set off by blank lines, a cut between two lines
        // with no blank line between them is dearer, and a cut at a blank
        // line between title lines a little cheaper. (Not on a page whose
        // blank lines do not part blocks: see blank_lines_tell.)
        if ((items[k]->gap_before || set_off) && blank_lines_tell()) {
          if (!items[k]->gap_before && set_off) c += kTightCutCost;
          if (items[k]->gap_before) c -= kGapCutBonus;
        }
        if (byline_under) c -= kBylineUnderTitle;
        // (k < kMaxSplitLines: the masks hold lines [0, k) and [k, n).)
        const std::uint32_t head_part = (1u << k) - 1;
        if ((clause_before & head_part) != 0) c -= kLeadClauseBonus;
        if ((clause_after & ~head_part) != 0) c -= kLeadClauseBonus;
        // A part that is the lead's clause alone (besides a kicker or a
        // subtitle) is the more likely headline cut from it: a headline cut
        // from a lead is one line.
        if ((clause_before & head_part) != 0 && std::popcount(plain_line & head_part) == 1) c -= kLeadClauseAloneBonus;
        if ((clause_after & ~head_part) != 0 && std::popcount(plain_line & ~head_part) == 1) c -= kLeadClauseAloneBonus;
        if (c < group[j].ev_split) { group[j].ev_split = c; group[j].split_at = k; }
      }
    }
  }
  // A run of one draft that group j and the one before it may both claim:
  // where a paragraph inside it repeats a line of what group j gives it
  // (the whole group, or its first part where cut), cutting the run there
  // has the evidence of a title cut from its lead (kOverlapWeight).
  for (std::size_t j = 1; j < m; ++j) {
    const std::size_t r = run_before(j);
    if (r == SIZE_MAX || runs[r].count != 1 || !run_cuttable[r]) continue;
    std::array<char, 16> found;
    inner_leads_repeat(pool[runs[r].first], segs[heads[j]].items, found);
    for (std::size_t k = 0; k < found.size(); ++k) {
      if (!found[k]) continue;
      group[j].cut_lead_whole = kOverlapWeight;
      if (k < group[j].split_at) group[j].cut_lead_part = kOverlapWeight;
    }
  }
  // A group whose headline line opens a later paragraph of the draft over
  // it as a whole clause (提高公正执法水平，是…) is that paragraph's
  // headline, printed after its body: the draft is cut there
  // (inner_lead_repeating) when the group is given to it. That is evidence
  // for the group going before, weighed here with the rest.
  // (Asked where a later paragraph's lead holds a line of the group at all:
  // cut_lead_whole, on runs of one draft.)
  for (std::size_t j = 0; j < m; ++j) {
    if (group[j].ev_before >= kImpossible || group[j].cut_lead_whole == 0) continue;
    const Draft& above = last_draft(run_before(j));
    const auto& items = segs[heads[j]].items;
    if (inner_lead_repeating(above, items) != 0) group[j].ev_before -= kInnerLeadClauseBonus;
  }
  heads_print_over_their_text_on_rows_read(group, *scratch.repaired);
  // Viterbi over the title groups: cost[j][d] is the best cost of groups
  // 0..j with group j in direction d, including the runs before j. A change
  // of layout is counted between neighbouring groups (a split is title-after
  // towards the group before it and title-before towards the one after).
  auto layout_in = [](int d) { return d == kBefore || d == kSplit ? 1 : d == kAfter ? 0 : -1; };
  auto layout_out = [](int d) { return d == kBefore ? 1 : d == kAfter || d == kSplit ? 0 : -1; };
  std::vector<std::array<double, kDirs>>& own = scratch.own;
  std::vector<std::array<double, kDirs>>& cost = scratch.cost;
  std::vector<std::array<std::uint8_t, kDirs>>& from = scratch.from;
  own.resize(m);
  cost.resize(m);
  from.resize(m);
  // The untitled drafts of the run before each group (and after the last,
  // at m) for each way its ends may be claimed, and whether it is a run of
  // one draft: the same under both layout priors, worked out once.
  auto untitled_at = [](bool first_claimed, bool last_claimed) { return 2 * first_claimed + last_claimed; };
  std::vector<std::array<double, 4>>& run_untitled = scratch.run_untitled;
  std::vector<char>& run_of_one_draft = scratch.run_of_one_draft;
  run_untitled.resize(m + 1);
  run_of_one_draft.assign(m + 1, 0);
  for (std::size_t j = 0; j <= m; ++j) {
    const std::size_t r = j < m ? run_before(j) : run_after(m - 1);  // run_before(j) == run_after(j - 1)
    const std::pair<double, double> ends = untitled_ends(r);
    for (const bool first_claimed : {false, true})
      for (const bool last_claimed : {false, true})
        run_untitled[j][untitled_at(first_claimed, last_claimed)] = untitled(r, first_claimed, last_claimed, ends);
    run_of_one_draft[j] = r != SIZE_MAX && runs[r].count == 1;
  }
  // The best directions under one layout prior, and their cost.
  auto solve = [&](const LayoutPrior& prior, std::vector<int>& dir) {
    for (std::size_t j = 0; j < m; ++j) {
      own[j][kBefore] = group[j].ev_before;
      own[j][kAfter] = group[j].ev_after;
      own[j][kAlone] = kAloneCost;
      const double split_cost = group[j].split_long ? kSplitCostLong : group[j].kicker_short ? kSplitCostShort : prior.split_short;
      own[j][kSplit] = group[j].ev_split >= kImpossible || (group[j].kicker_short && !prior.cut_under_kicker)
                           ? kImpossible
                           : group[j].ev_split + split_cost + prior.layout_switch;
    }
    std::array<std::array<double, kDirs>, kDirs> switch_cost;  // [e][d]
    for (int e = 0; e < kDirs; ++e)
      for (int d = 0; d < kDirs; ++d) {
        const int a = layout_out(e), b = layout_in(d);
        switch_cost[e][d] = a >= 0 && b >= 0 && a != b ? prior.layout_switch : 0.0;
      }
    for (int d = 0; d < kDirs; ++d) cost[0][d] = own[0][d] + run_untitled[0][untitled_at(false, claims_before(d))];
    for (std::size_t j = 1; j < m; ++j) {
      // Group j's inputs copied out first: the writes to cost[j] and from[j]
      // could alias them for the compiler, which read them all again for
      // each of the 16 pairs. (Same sums in the same order.)
      const std::array<double, kDirs> before = cost[j - 1];
      const std::array<double, 4> untitled_j = run_untitled[j];
      const bool one_draft = run_of_one_draft[j] != 0;
      const double lead_part = group[j].cut_lead_part, lead_whole = group[j].cut_lead_whole;
      for (int d = 0; d < kDirs; ++d) {
        double best = kImpossible * 4;
        std::uint8_t arg = 0;
        for (int e = 0; e < kDirs; ++e) {
          double c = before[e] + untitled_j[untitled_at(claims_after(e), claims_before(d))] + switch_cost[e][d];
          if (one_draft && claims_after(e) && claims_before(d))
            c -= d == kSplit ? lead_part : lead_whole;
          if (c < best) { best = c; arg = static_cast<std::uint8_t>(e); }
        }
        cost[j][d] = best + own[j][d];
        from[j][d] = arg;
      }
    }
    dir.assign(m, kAlone);
    double best_end = kImpossible * 4;
    for (int d = 0; d < kDirs; ++d) {
      const double c = cost[m - 1][d] + run_untitled[m][untitled_at(claims_after(d), false)];
      if (c < best_end) { best_end = c; dir[m - 1] = d; }
    }
    for (std::size_t j = m - 1; j > 0; --j) dir[j - 1] = from[j][dir[j]];
    return best_end;
  };
  std::vector<int>& dir = scratch.dir;
  const double one_layout = solve(kOneLayout, dir);
  {
    // The page read as mixing the layouts: taken when it explains the
    // title groups better by more than kMixedPageCost.
    std::vector<int>& mixed_dir = scratch.mixed_dir;
    const double mixed = solve(kMixedLayouts, mixed_dir) + kMixedPageCost;
    if (mixed < one_layout) dir.swap(mixed_dir);
  }

  // Runs of one draft claimed from both sides: cut in two articles.
  for (std::size_t j = 1; j < m; ++j) {
    const std::size_t r = run_before(j);
    if (r == SIZE_MAX || runs[r].count != 1 || !claims_after(dir[j - 1]) || !claims_before(dir[j])) continue;
    // The title the second article takes: the whole group, or its first
    // part where the group is cut.
    const auto& items = segs[heads[j]].items;
    const std::size_t taken = dir[j] == kSplit ? group[j].split_at : items.size();
    lines.clear();
    for (std::size_t k = 0; k < taken; ++k) lines.push_back(line_text(items[k]));
    cut_run(*scratch.repaired, pool, runs[r], lines, scratch.part_lead);
  }
  // The neighbouring runs, fixed before any lone group gets a run of its own
  // (which is recorded in seg_run, where run_before/run_after look).
  std::vector<std::size_t>& before_of = scratch.before_of;
  std::vector<std::size_t>& after_of = scratch.after_of;
  before_of.resize(m);
  after_of.resize(m);
  for (std::size_t j = 0; j < m; ++j) { before_of[j] = run_before(j); after_of[j] = run_after(j); }
  // A moved head: title lines printed inside a paragraph of the text before
  // them (the paragraph goes on under them: another article's head, set into
  // that text's column), read after that text (reading order puts moved text
  // after the text it broke). When the title lines right after it were
  // printed after all that text, they are that text's headline, printed
  // after its body, and the moved head heads the text after them: the two
  // trade places, whether they are one group cut in two or two groups.
  auto body_end = [&](const Run& r) {
    std::uint32_t end = 0;
    for (std::size_t q = r.first; q < r.first + r.count; ++q)
      for (const Item* b : pool[q].body) end = std::max(end, b->unit->last_line);
    return end;
  };
  // (Not a head whose line opens the lead of a draft there: a headline cut
  // from that text's lead is its own, wherever it was printed.)
  auto printed_inside_paragraph = [&](const Run& r, std::span<Item* const> lines) {
    for (std::size_t q = r.first; q < r.first + r.count; ++q)
      for (const Item* h : lines)
        if (lead_opens_with_clause(pool[q], h)) return false;
    for (const Item* h : lines) {
      bool inside = false;
      for (std::size_t q = r.first; q < r.first + r.count && !inside; ++q)
        for (const Item* b : pool[q].body)
          if (b->kind == ItemKind::kParagraph && b->unit->first_line < h->unit->first_line &&
              h->unit->last_line < b->unit->last_line) { inside = true; break; }
      if (!inside) return false;
    }
    return true;
  };
  auto printed_after = [](std::span<Item* const> lines, std::uint32_t end) {
    for (const Item* h : lines) if (h->unit->first_line <= end) return false;
    return true;
  };
  // Two groups that touch: group j (a moved head) goes after, group j + 1 to
  // the text before group j. (The run between them is none.)
  for (std::size_t j = 0; j + 1 < m; ++j) {
    if (heads[j] + 1 != heads[j + 1] || dir[j] != kBefore || dir[j + 1] != kAfter) continue;
    if (before_of[j] == SIZE_MAX || after_of[j + 1] == SIZE_MAX) continue;
    const Run& r = runs[before_of[j]];
    if (!printed_after(segs[heads[j + 1]].items, body_end(r)) || !printed_inside_paragraph(r, segs[heads[j]].items))
      continue;
    dir[j] = kAfter;
    after_of[j] = after_of[j + 1];
    dir[j + 1] = kBefore;
    before_of[j + 1] = before_of[j];
    ++j;
  }
  for (std::size_t j = 0; j < m; ++j) {
    const auto& items = segs[heads[j]].items;
    const std::size_t cut = dir[j] == kSplit ? group[j].split_at : dir[j] == kBefore ? items.size() : 0;
    if (dir[j] == kAlone) {
      // A title group no body can take: an article of its own.
      const Run r{pool.size(), 1};
      pool.add().headings.assign(items.begin(), items.end());
      seg_run[heads[j]] = runs.size();
      runs.push_back(r);
      continue;
    }
    if (cut > 0) {
      std::size_t owner = runs[before_of[j]].first + runs[before_of[j]].count - 1;
      // A headline printed under its body repeats the body's lead: one that
      // repeats, word for word, the lead of a later paragraph of the draft
      // over it (and not of its first) heads the text from that paragraph
      // on; the paragraphs before it are another article, with no title.
      if (const std::size_t at = inner_lead_repeating(pool[owner], items.first(cut)); at != 0) {
        const std::size_t head = owner;
        owner = split_draft(pool, owner, at);
        // A heading taken for a subheading right over the cut closes the
        // text above it: that text's headline, printed after its body.
        Draft& above = pool[head];
        if (above.headings.empty() && above.body.size() >= 2 && above.body.back()->subheading) {
          above.headings.push_back(above.body.back());
          above.body.pop_back();
        }
      } else {
        // The group before the run: past group j - 1 where it touches group j
        // (no run between them, as where a moved head traded places with j).
        const bool touching = j > 0 && heads[j - 1] + 1 == heads[j];
        const bool first_claimed = touching ? j > 1 && claims_after(dir[j - 2]) : j > 0 && claims_after(dir[j - 1]);
        owner = join_drafts_from_lead_repeating(pool, runs[before_of[j]], owner, first_claimed, items.first(cut));
      }
      auto& hs = pool[owner].headings;
      hs.insert(hs.end(), items.begin(), items.begin() + static_cast<std::ptrdiff_t>(cut));
    }
    if (cut < items.size()) {
      auto& hs = first_draft(after_of[j]).headings;
      hs.insert(hs.end(), items.begin() + static_cast<std::ptrdiff_t>(cut), items.end());
    }
  }
}

namespace detail {
namespace {
thread_local bool use_reference_paths = false;
}  // namespace
bool reference_paths() noexcept { return use_reference_paths; }
void set_reference_paths(bool on) noexcept { use_reference_paths = on; }

namespace {
template <class EvidenceFn>
TitleEvidence title_evidence_with(const std::vector<std::string_view>& lines,
                                  const std::vector<std::string_view>& body_before,
                                  const std::vector<std::string_view>& body_after, EvidenceFn fn,
                                  BigramDecoder decoder) {
  // (The leads' buckets kept as segmentation keeps a draft's: the fast
  // evidence reads them.)
  BigramKeys before, after;
  BucketBytes before_buckets, after_buckets;
  lead_bigrams(body_before, before, decoder, &before_buckets);
  lead_bigrams(body_after, after, decoder, &after_buckets);
  const bool cuts = !body_before.empty() && !body_after.empty() && lines.size() >= 2 && lines.size() <= kMaxSplitLines;
  const Evidence e = fn(std::span<const std::string_view>(lines), body_before.empty() ? nullptr : &before,
                        body_after.empty() ? nullptr : &after, cuts, before_buckets.data(), after_buckets.data());
  TitleEvidence out{e.before, e.after, {}, {}};
  if (cuts) {
    out.cut_before.assign(e.cut_before.begin() + 1, e.cut_before.begin() + static_cast<std::ptrdiff_t>(lines.size()));
    out.cut_after.assign(e.cut_after.begin() + 1, e.cut_after.begin() + static_cast<std::ptrdiff_t>(lines.size()));
  }
  return out;
}
}  // namespace

TitleEvidence title_evidence(const std::vector<std::string_view>& lines,
                             const std::vector<std::string_view>& body_before,
                             const std::vector<std::string_view>& body_after) {
  return title_evidence_with(lines, body_before, body_after, evidence, BigramDecoder::kBlocks);  // (with the buckets)
}
}  // namespace detail

namespace reference {
detail::TitleEvidence title_evidence(const std::vector<std::string_view>& lines,
                                     const std::vector<std::string_view>& body_before,
                                     const std::vector<std::string_view>& body_after) {
  // (Leads read one character at a time: the oracle of the block decoder too.)
  auto plain_evidence = [](std::span<const std::string_view> lines, const BigramKeys* lead_before,
                           const BigramKeys* lead_after, bool cuts, const std::uint8_t*, const std::uint8_t*) {
    return plain::evidence(lines, lead_before, lead_after, cuts);
  };
  return detail::title_evidence_with(lines, body_before, body_after, plain_evidence, BigramDecoder::kScalar);
}
}  // namespace reference

namespace {

// What split_side_by_side_headlines() works in.
struct SideBySideScratch {
  std::vector<std::pair<std::size_t, std::size_t>> phrases;  // text ranges [start, end) of the lines' phrases
  std::vector<std::pair<std::size_t, std::size_t>> lines;    // (index in seq, index of its first phrase)
  std::vector<Item> items;                                   // one per phrase
  std::vector<Phrase> phrase_of;                             // the phrase of each of items
  std::vector<Item*> out;
  std::vector<std::uint32_t> single_lines;  // indices in seq of the single-line title headings
};

// What segment_page() works in, kept from page to page on each thread so
// that its lists are allocated once, not once per page. A thread that met
// a very large page lets it go after that page (see release_if_large()).
struct PageScratch {
  std::vector<Item> items;
  std::vector<BylineNameAt> byline_names;  // of the items' bylines (see Item::byline)
  std::vector<ParsedDateline> datelines;   // of the items' datelines (see Item::dateline)
  std::vector<Span> debris_spans;
  std::vector<Item*> seq;
  SideBySideScratch side_by_side;
  std::vector<Segment> segs, cut;
  std::vector<std::size_t> seg_run;
  std::vector<Run> runs;
  DraftPool drafts;
  std::vector<char> more_body_after;
  std::vector<Article> articles;
  std::vector<std::size_t> reading_order;
  AttachScratch attach;
  std::vector<std::uint32_t> one_line_paragraphs;  // indices in seq (see segment_units())

  void release_if_large() {
    constexpr std::size_t kKeepItems = std::size_t{1} << 14;
    if (items.capacity() > kKeepItems) *this = PageScratch{};
  }
};

// A draft of bylines alone (a byline printed between two title groups, as
// PDF reading order puts one: title / ■通讯员 … / the next title) is no
// article: its bylines go to the article printed just before it when that one
// has none, else to the one just after it when that one has none.
void give_lone_bylines_to_neighbours(DraftPool& pool) {
  auto first_offset = [](const Draft& d) {
    std::uint32_t at = UINT32_MAX;
    for (const auto* list : {&d.headings, &d.body, &d.bylines})
      for (const Item* it : *list) at = std::min(at, it->unit->span.start);
    return at;
  };
  auto last_offset = [](const Draft& d) {
    std::uint32_t at = 0;
    for (const auto* list : {&d.headings, &d.body, &d.bylines})
      for (const Item* it : *list) at = std::max(at, it->unit->span.end);
    return at;
  };
  // (Most pages have no lone byline: nothing to sort.)
  bool any_lone = false;
  for (std::size_t k = 0; k < pool.size() && !any_lone; ++k)
    any_lone = !pool[k].bylines.empty() && pool[k].headings.empty() && pool[k].body.empty();
  if (!any_lone) return;
  // The articles (drafts with a heading or body), by where they end and by
  // where they start: each lone draft finds its neighbours by binary search,
  // not by a scan of every draft.
  std::vector<std::pair<std::uint32_t, std::size_t>> by_end, by_start;
  for (std::size_t j = 0; j < pool.size(); ++j) {
    const Draft& d = pool[j];
    if (d.headings.empty() && d.body.empty()) continue;
    by_end.emplace_back(last_offset(d), j);
    by_start.emplace_back(first_offset(d), j);
  }
  if (by_end.empty()) return;
  std::sort(by_end.begin(), by_end.end());
  std::sort(by_start.begin(), by_start.end());
  for (std::size_t k = 0; k < pool.size(); ++k) {
    Draft& lone = pool[k];
    if (lone.bylines.empty() || !lone.headings.empty() || !lone.body.empty()) continue;
    const std::uint32_t start = first_offset(lone), end = last_offset(lone);
    // The article that ends last at or before the lone draft's start (the
    // last in pool order of those that end there), and the one that starts
    // first at or after its end (the first in pool order).
    Draft* before = nullptr;
    Draft* after = nullptr;
    const auto b = std::upper_bound(by_end.begin(), by_end.end(), std::make_pair(start, SIZE_MAX));
    if (b != by_end.begin()) before = &pool[std::prev(b)->second];
    const auto a = std::lower_bound(by_start.begin(), by_start.end(), std::make_pair(end, std::size_t{0}));
    if (a != by_start.end()) after = &pool[a->second];
    Draft* to = before && before->bylines.empty() ? before : (after && after->bylines.empty() ? after : nullptr);
    if (!to) continue;
    to->bylines.insert(to->bylines.end(), lone.bylines.begin(), lone.bylines.end());
    lone.bylines.clear();
  }
}

// An article with its byline over its body (under its title) and another
// byline after its body, with one subheading in between (or one long among
// short ones), is two articles:
// that heading is the second one's headline (title-before: its byline
// printed after its body), and the body under it and the last byline are
// the second article's.
void split_at_lone_subheading(DraftPool& pool) {
  const std::size_t n = pool.size();
  for (std::size_t k = 0; k < n; ++k) {
    Draft& d = pool[k];
    if (!d.byline_on_top || d.bylines.size() < 2 || d.body.size() < 3) continue;
    // The last byline comes after the body; the first is over it.
    const Item* last_byline = d.bylines.back();
    if (last_byline->unit->span.start < d.body.back()->unit->span.end) continue;
    std::size_t sub = 0, subs = 0;
    for (std::size_t i = 0; i < d.body.size(); ++i)
      if (d.body[i]->subheading) { sub = i; ++subs; }
    // With several, the longest is the headline when it is as long as a
    // headline standing alone among paragraphs (kLoneHeadlineChars in
    // segment_units): the others are subheadings, short phrases (a moved
    // head leaves the next article's headline over its lead and the
    // subheadings of either article around it).
    if (subs > 1) {
      constexpr std::size_t kHeadlineChars = 10;
      std::size_t longest = 0, most = 0;
      for (std::size_t i = 0; i < d.body.size(); ++i) {
        if (!d.body[i]->subheading) continue;
        const std::size_t chars = wide_chars(d.body[i]->unit->text.view());
        if (chars > most) { longest = i; most = chars; }
      }
      if (most < kHeadlineChars) continue;
      sub = longest;
    }
    if (subs == 0 || sub == 0 || sub + 1 >= d.body.size()) continue;
    Draft& second = pool.add();  // (d may move: taken again below)
    Draft& first = pool[k];
    second.headings.push_back(first.body[sub]);
    second.body.assign(first.body.begin() + static_cast<std::ptrdiff_t>(sub) + 1, first.body.end());
    second.bylines.push_back(last_byline);
    first.body.resize(sub);
    first.bylines.pop_back();
  }
}

// A titled article, its title over its body, whose body ends in a heading
// taken for a subheading, right over the lead of an untitled article: a
// subheading heads the paragraph under it, and here that paragraph opens
// another article (a width change or a cut parted them), so the heading is
// that article's headline. (Not an article titled after its body: the
// heading may close it there.)
void give_trailing_subheading_to_untitled_text_below(DraftPool& pool) {
  const std::size_t n = pool.size();
  // The untitled drafts that open with a paragraph, by the unit of their
  // lead (looked up once per draft ending in a subheading, not a scan).
  std::vector<std::pair<const RepairedUnit*, std::size_t>> untitled;
  for (std::size_t e = 0; e < n; ++e) {
    const Draft& d = pool[e];
    if (d.headings.empty() && !d.body.empty() && d.body.front()->kind == ItemKind::kParagraph &&
        !d.body.front()->subheading)
      untitled.emplace_back(d.body.front()->unit, e);
  }
  if (untitled.empty()) return;
  std::sort(untitled.begin(), untitled.end());
  for (std::size_t k = 0; k < n; ++k) {
    const Draft& d = pool[k];
    if (d.headings.empty() || d.body.size() < 2 || !d.body.back()->subheading) continue;
    if (d.headings.front()->unit > d.body.front()->unit) continue;  // titled after its body
    const RepairedUnit* next_unit = d.body.back()->unit + 1;
    const auto at = std::lower_bound(untitled.begin(), untitled.end(), std::make_pair(next_unit, std::size_t{0}));
    if (at == untitled.end() || at->first != next_unit) continue;
    Draft& below = pool[at->second];
    if (!below.headings.empty()) continue;  // (given one already)
    Draft& above = pool[k];
    below.headings.push_back(above.body.back());
    above.body.pop_back();
    above.measure_width();
  }
}

// An untitled article with a byline over its body and another after it: an
// article carries one byline, and the one after its body is its own (an
// untitled article's byline closes it), so the one over it closes the text
// printed right before it and goes back to it. (That text, if it had its
// byline over its body too, is then two articles:
// split_at_width_change_before_second_byline.)
void give_top_bylines_back_to_text_above(DraftPool& pool, const std::vector<Item>& items) {
  auto index = [&](const Item* it) {
    return static_cast<std::size_t>((it->phrase ? it->phrase->whole_line : it) - items.data());
  };
  // The draft whose body ends at each item (not always pool[k - 1]: an
  // article that went on after moved text is put back before the moved
  // text's draft, which then comes right before the next one in the pool).
  std::vector<std::size_t> body_ends_at;
  for (std::size_t k = 1; k < pool.size(); ++k) {
    Draft& d = pool[k];
    if (!d.byline_on_top || d.bylines.size() < 2 || d.body.empty() || !d.headings.empty()) continue;
    const Item* top = d.bylines.front();
    if (top->dateline || index(top) == 0 || index(top) > index(d.body.front())) continue;
    if (index(d.bylines.back()) < index(d.body.back())) continue;
    if (body_ends_at.empty()) {
      body_ends_at.assign(items.size(), SIZE_MAX);
      for (std::size_t j = 0; j < pool.size(); ++j)
        if (!pool[j].body.empty()) body_ends_at[index(pool[j].body.back())] = j;
    }
    const std::size_t a = body_ends_at[index(top) - 1];
    if (a == SIZE_MAX || a == k) continue;
    // (Past a moved draft only: elsewhere the draft before is the one.)
    if (a != k - 1 && !pool[k - 1].set_into) continue;
    Draft& above = pool[a];
    if (!above.bylines.empty() && index(above.bylines.back()) > index(above.body.back())) continue;
    above.bylines.push_back(top);
    d.bylines.erase(d.bylines.begin());
    d.byline_on_top = false;
  }
}

// An article with its byline over its body (under its title) and another
// byline after its body, with no subheading to cut at, is two articles too:
// an article carries one byline, so the last one closes an untitled article
// printed right after the titled one. It starts where the column width
// changes, by a character or more (a smaller change than any page is cut at
// without this sign): every paragraph over the cut is set narrower than every
// one under it, or wider. Widths as own_width() measures them, where the two
// parts have a measured paragraph; else as the paragraphs' wrapped first
// lines show them (wrapped_first_line(): justified lines, which own_width()
// does not measure, start with one, by a column or more); else repair's column
// estimate. No change of width: the article stays whole.
void split_at_width_change_before_second_byline(const repair::RepairResult& r, DraftPool& pool) {
  constexpr int kOneCharacter = 2;  // display columns
  constexpr std::size_t kMaxParagraphs = 64;
  const std::size_t n = pool.size();
  std::array<int, kMaxParagraphs + 1> min_below{}, max_below{};
  for (std::size_t k = 0; k < n; ++k) {
    Draft& d = pool[k];
    if (!d.byline_on_top || d.bylines.size() < 2 || d.body.size() < 2 || d.body.size() > kMaxParagraphs) continue;
    const Item* last_byline = d.bylines.back();
    if (last_byline->unit->span.start < d.body.back()->unit->span.end) continue;
    if (!d.headings.empty() && d.headings.back()->unit->span.start > d.body.front()->unit->span.start) continue;
    const std::size_t m = d.body.size();
    // The cut between paragraphs (no subheading on either side) where the
    // widths over it and under it are apart by the most, more than min_margin
    // (0: none); width(item) is 0 where not measured.
    auto separable_cut = [&](auto width, int min_margin) -> std::size_t {
      // The narrowest and widest measured paragraph from i on (0, 0: none).
      min_below[m] = max_below[m] = 0;
      for (std::size_t i = m; i-- > 0;) {
        const int w = d.body[i]->kind == ItemKind::kParagraph ? width(*d.body[i]) : 0;
        min_below[i] = w > 0 && (min_below[i + 1] == 0 || w < min_below[i + 1]) ? w : min_below[i + 1];
        max_below[i] = std::max(max_below[i + 1], w);
      }
      std::size_t cut = 0;
      int best = min_margin, min_above = 0, max_above = 0;
      for (std::size_t i = 1; i < m; ++i) {
        const Item& above = *d.body[i - 1];
        const Item& below = *d.body[i];
        const int w = above.kind == ItemKind::kParagraph ? width(above) : 0;
        if (w > 0) {
          min_above = min_above == 0 ? w : std::min(min_above, w);
          max_above = std::max(max_above, w);
        }
        if (above.kind != ItemKind::kParagraph || below.kind != ItemKind::kParagraph || above.subheading ||
            below.subheading || max_above == 0 || max_below[i] == 0)
          continue;
        const int margin = std::max(min_below[i] - max_above, min_above - max_below[i]);
        if (margin > best) {
          best = margin;
          cut = i;
        }
      }
      return cut;
    };
    std::size_t cut = separable_cut([](const Item& it) { return it.own_width; }, kOneCharacter - 1);
    if (cut == 0) cut = separable_cut([&](const Item& it) { return wrapped_first_line(r, it); }, kOneCharacter - 1);
    if (cut == 0) {
      int best_estimate = kOneCharacter - 1;
      for (std::size_t i = 1; i < m; ++i) {
        const Item& above = *d.body[i - 1];
        const Item& below = *d.body[i];
        if (above.kind != ItemKind::kParagraph || below.kind != ItemKind::kParagraph || above.subheading ||
            below.subheading)
          continue;
        const int estimate = std::abs(static_cast<int>(above.unit->column_width) - below.unit->column_width);
        if (estimate > best_estimate) {
          best_estimate = estimate;
          cut = i;
        }
      }
    }
    if (cut == 0) continue;
    Draft& second = pool.add();  // (d may move: taken again below)
    Draft& first = pool[k];
    second.body.assign(first.body.begin() + static_cast<std::ptrdiff_t>(cut), first.body.end());
    second.bylines.push_back(last_byline);
    first.body.resize(cut);
    first.bylines.pop_back();
  }
}

// pdftotext's default mode sets a blank line after each block it finds and
// none inside one: a head set right over its article's column comes out in
// that column's block, tight over the byline or text under it, while the
// heads of neighbours set higher on the page (a wider head, a head row read
// before the columns) come out as blocks of their own above it. Of a draft's
// title lines parted by blank lines, the last one (with the subtitles under
// it) set tight over what follows the head is the head of the text under it.
// (line: the index in d.headings of the last plain title line.)
bool last_head_set_with_text_under(const Draft& d, std::size_t line, const repair::RepairResult& repaired) {
  for (std::size_t i = line + 1; i < d.headings.size(); ++i)
    if (d.headings[i]->gap_before) return false;
  const Item* last = d.headings.back();
  // What comes next in the text: the first body item or a byline between.
  const Item* next = d.body.front();
  for (const Item* b : d.bylines)
    if (b->unit->span.start > last->unit->span.start && b->unit->span.start < next->unit->span.start) next = b;
  // (A head line that shares its source line with the text, the two run
  // together, is no block of the extractor's: no evidence.)
  return next->unit->span.start > last->unit->span.start && !next->gap_before &&
         repaired.lines[next->unit->first_line].physical != repaired.lines[last->unit->last_line].physical;
}

// pdftotext's default mode reads the head rows of articles set side by side
// one row at a time, each article's head a block of its own: the titles of
// two neighbours come out as lines parted by blank lines, stacked over the
// first one's body, and are taken for one headline of two lines (whose
// lines are set tight, as a rule). Where a draft's title lines (no kicker,
// subtitle or issuing unit) are each parted from the one above by a blank
// line, one of them is its title: the one that opens a clause of its lead
// (a headline cut from it), or the last where it is set tight over the
// text under it (in that text's block: last_head_set_with_text_under), or,
// on a page whose columns repair found read row by row, the first (the
// row's first head is the first column's, whose body comes first). The
// other lines are the neighbour's: they open an
// article at a later paragraph of the draft whose first sentences hold one
// of them as a whole clause (the neighbour's lead run on from the first body), or
// go to the next article in reading order that has no head of its own, or
// else open one at the draft's first paragraph set off by a blank line
// (where the extractor's next block, the neighbour's column, starts).
// Generated pages set a two-line headline parted by a blank line now and
// then: there a headline line opening the lead is the evidence asked for.
void split_stacked_heads(DraftPool& pool, const repair::RepairResult& repaired) {
  const std::size_t n = pool.size();
  auto start_of = [](const Draft& d) {
    std::size_t s = SIZE_MAX;
    if (!d.headings.empty()) s = std::min<std::size_t>(s, d.headings.front()->unit->span.start);
    if (!d.body.empty()) s = std::min<std::size_t>(s, d.body.front()->unit->span.start);
    return s;
  };
  std::size_t heads_read = 0;
  const bool read_row_by_row = repaired.rows_read;
  // Whether blank lines on this page part blocks, not lines of one
  // paragraph (see blank_lines_part_blocks()).
  BlankLinesPartBlocks blanks_part_blocks(repaired);
  // pdftotext's default mode on a tightly leaded page sets a blank line
  // only after each block: the neighbours' heads come out as blocks of
  // their own, and the body under them (two paragraphs or more) runs on
  // in one block, its paragraphs mostly unparted. A headline of two lines
  // parted by a blank line is set on pages that part (nearly) every
  // paragraph so, or a paragraph's lines too (joins over blank lines).
  auto stacked_over_tight_body = [&](const Draft& d) {
    const Item* lead = d.body.front();
    if (lead->kind != ItemKind::kParagraph || d.body.size() < 2) return false;
    std::size_t parted = 0;
    for (std::size_t i = 1; i < d.body.size(); ++i) parted += d.body[i]->gap_before;
    return parted * 2 <= d.body.size() - 1 && blanks_part_blocks();
  };
  for (std::size_t k = 0; k < n; ++k) {
    if (pool[k].headings.size() < 2 || pool[k].body.empty()) continue;
    const Draft& d = pool[k];
    // Most heads are set tight: no line under a blank line, nothing to read.
    if (std::none_of(d.headings.begin() + 1, d.headings.end(), [](const Item* it) { return it->gap_before; })) continue;
    // The plain title lines (up to four), each set off by a blank line
    // from the line above.
    std::array<std::size_t, 4> plain{};
    std::size_t count = 0;
    bool parted = true;
    for (std::size_t i = 0; i < d.headings.size() && parted; ++i) {
      const std::string_view t = d.headings[i]->unit->text.view();
      // (The item's answer where its line is its unit's text.)
      const bool kicker = i == 0 && (d.headings[i]->phrase ? looks_like_kicker(t) : looks_like_kicker(d.headings[i]));
      if (kicker || is_subtitle_line(t) || names_issuing_unit(t)) continue;
      parted = count < plain.size() && (count == 0 || d.headings[i]->gap_before);
      if (parted) plain[count++] = i;
    }
    if (!parted || count < 2) continue;
    // (Each head read on from here scans the page's drafts for the next
    // untitled one: a page is read for kMaxStackedHeads of them at most,
    // which keeps this pass linear on any page. A real page has a few.)
    constexpr std::size_t kMaxStackedHeads = 16;
    if (++heads_read > kMaxStackedHeads) break;
    std::size_t keep = plain[0], opening = 0;
    for (std::size_t c = 0; c < count; ++c)
      if (lead_opens_with_clause(d, d.headings[plain[c]]->unit->text.view())) { keep = plain[c]; ++opening; }
    if (opening > 1) continue;
    // With no lead to say, the last line, where it is set in one block with
    // the text under it, is that text's (see last_head_set_with_text_under;
    // asked on pages read row by row or whose blank lines part blocks, where
    // the extractor's blank lines are block ends: a page that sets a blank
    // line after a block's first line parts one headline's two lines so).
    const bool last_over_text = opening == 0 && last_head_set_with_text_under(d, plain[count - 1], repaired) &&
                                (read_row_by_row || blanks_part_blocks());
    if (last_over_text) keep = plain[count - 1];
    // (Only the tight body's evidence: a neighbour's head is moved to an
    // article found for it, never to one cut at a guess.)
    const bool tight_only = opening == 0 && !read_row_by_row;
    if (tight_only && !last_over_text && !stacked_over_tight_body(d)) continue;
    // A later paragraph of the draft whose first sentences hold another line
    // as a whole clause: the neighbour's lead, run on from the draft's body.
    // (Its first sentences, not only its opening: a headline cut from a
    // lead is often a clause past a date, a figure or a long first clause,
    // as lead_holds_clause() reads a lead. A whole clause of a stacked
    // headline that far into a paragraph of the draft says where the
    // neighbour's text starts better than the first paragraph set off by a
    // blank line, the cut made without it.)
    std::size_t inner = 0;
    for (std::size_t i = 1; i < d.body.size() && inner == 0; ++i) {
      const Item* it = d.body[i];
      if (it->kind != ItemKind::kParagraph || it->subheading) continue;
      for (std::size_t c = 0; c < count && inner == 0; ++c) {
        const std::string_view h = d.headings[plain[c]]->unit->text.view();
        if (plain[c] != keep && verbatim_title_line(h) &&
            holds_clause(it->unit->text.view(), h, kFirstSentencesBytes, true))
          inner = i;
      }
    }
    // The next article in reading order that has no head of its own.
    const std::size_t after = d.body.front()->unit->span.start;
    std::size_t next = SIZE_MAX, next_start = SIZE_MAX;
    for (std::size_t q = 0; q < n && inner == 0; ++q) {
      const Draft& o = pool[q];
      const std::size_t s = start_of(o);
      if (q != k && s > after && s < next_start && o.headings.empty() && !o.body.empty()) { next = q; next_start = s; }
    }
    if (next == SIZE_MAX) {
      // Else the paragraph found above, or the draft's first paragraph set
      // off by a blank line, opens it.
      std::size_t cut = inner;
      for (std::size_t i = 1; i < d.body.size() && cut == 0 && !tight_only; ++i)
        if (d.body[i]->kind == ItemKind::kParagraph && !d.body[i]->subheading && d.body[i]->gap_before) cut = i;
      if (cut == 0) continue;
      next = pool.size();
      Draft& second = pool.add();  // (d may move: taken again below)
      Draft& first = pool[k];
      second.body.assign(first.body.begin() + static_cast<std::ptrdiff_t>(cut), first.body.end());
      first.body.resize(cut);
      first.measure_width();
      second.measure_width();
    }
    Draft& draft = pool[k];
    Draft& neighbour = pool[next];
    const auto plain_end = plain.begin() + static_cast<std::ptrdiff_t>(count);
    std::vector<const Item*> kept;
    for (std::size_t i = 0; i < draft.headings.size(); ++i) {
      const bool moved = i != keep && std::find(plain.begin(), plain_end, i) != plain_end;
      (moved ? neighbour.headings : kept).push_back(draft.headings[i]);
    }
    draft.headings = std::move(kept);
  }
}

// On a page whose columns repair found read row by row (pdftotext's default
// mode), what the reading leaves cut is columns: a stretch of text with no
// head and no byline of its own is, there, the rest of a column the reading
// broke off (under a head row, a page's furniture, a neighbour's column read
// between), far more often than an article of its own (43 such stretches in
// 54 on the PDF dev set's default-mode pages). It is the text of the nearest
// head above it that has none (a head read in its row, its column read
// later), or else goes on the article before it in reading order. (No
// generated page and no other extractor's page is read row by row.)
void join_headless_pieces_on_rows_read(DraftPool& pool, const repair::RepairResult& repaired) {
  if (!repaired.rows_read) return;
  auto piece = [](const Draft& d) {
    return d.headings.empty() && d.bylines.empty() && !d.body.empty() && d.body.front()->kind == ItemKind::kParagraph;
  };
  // (Where each list's first item starts: a draft's lists keep page order
  // as a rule, and where they do not this is the order the rule was
  // measured with.)
  auto start_of = [](const Draft& d) {
    std::size_t s = SIZE_MAX;
    if (!d.headings.empty()) s = std::min<std::size_t>(s, d.headings.front()->unit->span.start);
    if (!d.body.empty()) s = std::min<std::size_t>(s, d.body.front()->unit->span.start);
    if (!d.bylines.empty()) s = std::min<std::size_t>(s, d.bylines.front()->unit->span.start);
    return s;
  };
  std::vector<std::pair<std::size_t, std::size_t>> order;  // (start, draft)
  for (std::size_t k = 0; k < pool.size(); ++k)
    if (const std::size_t start = start_of(pool[k]); start != SIZE_MAX) order.emplace_back(start, k);
  std::sort(order.begin(), order.end());
  std::size_t into = SIZE_MAX;  // the last article (a head or a byline) with body text so far
  std::vector<std::size_t> waiting;  // heads with no text yet, in reading order
  for (const auto& [start, k] : order) {
    Draft& d = pool[k];
    if (d.body.empty() && !d.headings.empty()) {
      waiting.push_back(k);
      continue;
    }
    if (piece(d) && !waiting.empty()) {
      Draft& head = pool[waiting.back()];
      into = waiting.back();
      waiting.pop_back();
      head.body.assign(d.body.begin(), d.body.end());
      d.body.clear();
      head.measure_width();
      continue;
    }
    if (piece(d) && into != SIZE_MAX) {
      Draft& above = pool[into];
      above.body.insert(above.body.end(), d.body.begin(), d.body.end());
      d.body.clear();
      above.measure_width();
      continue;
    }
    // (A piece with no article before it, the page's first text or one on a
    // page with no head and no byline at all, stays as it is: no article
    // was broken off there, and the pieces after it are not joined to it.)
    if (!d.body.empty() && !piece(d)) into = k;
  }
}

// A byline printed right under a title group read after its article's body
// (a head block of kicker, title, subtitle and byline that PDF reading order
// puts after the columns it heads) opens the run after it and is taken for
// the byline over the next article's body. When that article has a byline
// of its own further on, or its own title group after its body (a byline
// over the body then fits neither layout), and the titled article has none,
// the byline is the titled article's: it goes up to it.
void give_top_bylines_to_heads_above(DraftPool& pool, const std::vector<Item>& items) {
  auto index = [&](const Item* it) {
    return static_cast<std::size_t>((it->phrase ? it->phrase->whole_line : it) - items.data());
  };
  // A byline over the body of an article that has another byline or its
  // title after its body: most pages have none, and nothing is built.
  auto candidate = [&](const Draft& d) {
    if (!d.byline_on_top || d.body.empty()) return false;
    const bool own_title_after = !d.headings.empty() && index(d.headings.front()) > index(d.body.back());
    return d.bylines.size() >= 2 || own_title_after;
  };
  bool any = false;
  for (std::size_t k = 0; k < pool.size() && !any; ++k) any = candidate(pool[k]);
  if (!any) return;
  // The draft whose title group ends at each item, for drafts printed title
  // after body (one pass over the drafts: no search per byline; whether it
  // has a byline is asked when one comes, as a byline given up earlier in
  // this pass may have left it none).
  constexpr std::size_t kNone = SIZE_MAX;
  std::vector<std::size_t> heads_end_at(items.size(), kNone);
  for (std::size_t j = 0; j < pool.size(); ++j) {
    const Draft& p = pool[j];
    if (p.headings.empty() || p.body.empty()) continue;
    if (index(p.headings.front()) < index(p.body.back())) continue;  // its title is over its body
    heads_end_at[index(p.headings.back())] = j;
  }
  for (std::size_t k = 0; k < pool.size(); ++k) {
    Draft& d = pool[k];
    // (the next article has a byline of its own, or its title group is
    // printed after its body too: a byline over its body is no layout's)
    if (!candidate(d)) continue;
    const Item* top = d.bylines.front();
    if (top->dateline || index(top) == 0 || index(top) > index(d.body.front())) continue;
    // The title group printed right over the byline, of an article with none.
    const std::size_t j = heads_end_at[index(top) - 1];
    if (j == kNone || j == k || !pool[j].bylines.empty()) continue;
    pool[j].bylines.push_back(top);
    d.bylines.erase(d.bylines.begin());
    // (It may have had that one byline only.)
    d.byline_on_top = !d.bylines.empty() && index(d.bylines.front()) < index(d.body.front());
  }
}

// The phrases of a heading line, set apart by gaps between CJK characters
// (as two_phrases() finds them), appended to out as text ranges [start, end).
// Returns false, out left as it was, where there are more than max of them.
bool heading_phrases(std::string_view t, std::size_t max, std::vector<std::pair<std::size_t, std::size_t>>& out) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(t[i]); };
  const std::size_t first = out.size();
  std::size_t start = 0;
  for (std::size_t at = t.find(' '); at != std::string_view::npos;) {
    std::size_t e = at;  // past the run of spaces
    while (e < t.size() && t[e] == ' ') ++e;
    if (at >= 3 && e < t.size() && byte(at - 3) >= 0xE0 && byte(e) >= 0xE0) {
      out.emplace_back(start, at);
      start = e;
    }
    at = t.find(' ', e);
  }
  out.emplace_back(start, t.size());
  if (out.size() - first > max) { out.resize(first); return false; }
  return true;
}

// A heading line whose last phrase is an issuing unit and whose first is
// none: the kicker over the next column's headline, set on the baseline of
// this column's headline and read with it as one line (pdftotext -raw reads
// the page line by line across the columns):
// 社区食堂开张老人吃饭不再难 市老年人协会. A kicker of an article's own
// sits over or under its headline, never beside it on one line.
bool ends_beside_issuing_unit(std::string_view t) {
  // (Most lines are turned away on their last character, before the gap is looked for.)
  if (!names_organisation(t)) return false;
  const std::size_t gap = t.rfind(' ');
  if (gap == std::string_view::npos) return false;
  const std::string_view last = t.substr(gap + 1);
  return names_issuing_unit(last) && !names_issuing_unit(t.substr(0, t.find(' ')));
}

// Two headlines set on one baseline side by side (the title printed under
// one column's article beside the title over the next column's) come out
// of an extraction that reads the page line by line across the columns
// (pdftotext -raw) as one heading line with a gap: 东岭村的选举 北方两国边境谈判达成协议.
// A heading line that is a title group of its own and holds phrases set
// apart by gaps becomes one item per phrase in seq, so that the title
// group's evidence (attach_title_groups) can cut it as it cuts two heading
// lines; kept together, the phrases join as printed (join_heading_lines).
// A faux-bold line is one headline, gaps and all.
void split_side_by_side_headlines(std::vector<Item*>& seq, SideBySideScratch& s) {
  constexpr std::size_t kMaxPhrases = 4;
  auto title_heading = [](const Item* it) { return it->kind == ItemKind::kHeading && !it->subheading; };
  // The lines to split, each with the index of its first phrase in
  // s.phrases: lines with text on both sides (at the page's edge a heading
  // line has one side to go to) and no title line next to them, or that end
  // in the next column's kicker (ends_beside_issuing_unit).
  s.phrases.clear();
  s.lines.clear();
  // (Read through a view: its size and data stay at hand, where the stores
  // below could alias the vector's own fields for the compiler.)
  const std::span<Item* const> order(seq);
  // The lines that may be split (title headings of one line, not faux
  // bold) listed first, in a pass with no branch on each item: skipping the
  // others one by one was a branch the processor missed at each heading
  // (7k of the 417k branches callgrind's model missed segmenting the 400
  // bench pages). (Each index is written, and kept by the count only where
  // the item is one.)
  if (order.size() < 3) return;
  s.single_lines.resize(order.size());
  std::uint32_t* const listed = s.single_lines.data();
  std::size_t n_listed = 0;
  for (std::size_t i = 1; i + 1 < order.size(); ++i) {
    const Item* it = order[i];
    listed[n_listed] = static_cast<std::uint32_t>(i);
    n_listed += static_cast<std::size_t>((it->kind == ItemKind::kHeading) & !it->subheading & !it->faux_bold &
                                         (it->unit->first_line == it->unit->last_line));
  }
  for (std::size_t c = 0; c < n_listed; ++c) {
    const std::size_t i = listed[c];
    const Item* it = order[i];
    const std::string_view t = it->unit->text.view();
    // (Next to title lines, the cheaper test first: most lines end in no office.)
    const bool beside_title_lines = title_heading(order[i - 1]) || title_heading(order[i + 1]);
    if ((beside_title_lines && !ends_beside_issuing_unit(t)) || !two_phrases(t)) continue;
    const std::size_t first = s.phrases.size();
    if (heading_phrases(it->unit->text.view(), kMaxPhrases, s.phrases)) s.lines.emplace_back(i, first);
  }
  if (s.lines.empty()) return;
  // Room for all phrase items first: seq points into the vector.
  s.items.clear();
  s.items.reserve(s.phrases.size());
  s.phrase_of.clear();
  s.phrase_of.reserve(s.phrases.size());
  s.out.clear();
  s.out.reserve(order.size() + s.phrases.size());
  std::size_t next = 0;  // the next line to split, in s.lines
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (next == s.lines.size() || s.lines[next].first != i) {
      s.out.push_back(order[i]);
      continue;
    }
    const std::size_t from = s.lines[next].second;
    const std::size_t to = ++next < s.lines.size() ? s.lines[next].second : s.phrases.size();
    const text::MappedText& m = order[i]->unit->text;
    for (std::size_t k = from; k < to; ++k) {
      const auto [start, end] = s.phrases[k];
      Item& p = s.items.emplace_back(*order[i]);
      p.phrase =
          &s.phrase_of.emplace_back(Phrase{m.view().substr(start, end - start), m.source_span(start, end), order[i]});
      p.kicker = -1;  // (asked of the phrase, not of the whole line)
      p.gap_before = k == from && order[i]->gap_before;
      s.out.push_back(&p);
    }
  }
  seq.swap(s.out);
}

// segment_page(), both overloads: take_texts as for build_article().
// parse_byline_names(t, names), taken from repair's reading of a line of
// the same text where it made one (repair::LineByline: most byline units are
// a byline line repair read as one while telling the lines' roles, and a
// byline's reading was most of what reading a page's bylines cost here).
// Units come mostly in the order of the lines repair read, so the search
// starts at `next`, the reading after the last one taken, and looks a few
// readings on only: a page of thousands of bylines stays linear, and a unit
// out of that order (a moved head's byline) is parsed again, to the same names.
bool read_byline_names(const repair::RepairResult& repaired, std::string_view t, std::vector<BylineNameAt>& names,
                       std::size_t& next) {
  constexpr std::size_t kLookAhead = 8;
  const std::size_t end = std::min(repaired.line_bylines.size(), next + kLookAhead);
  for (std::size_t k = next; k < end; ++k) {
    const repair::LineByline& b = repaired.line_bylines[k];
    if (b.text_size != t.size() || std::memcmp(repaired.byline_texts.data() + b.text_at, t.data(), t.size()) != 0)
      continue;
    const auto from = repaired.byline_names.begin() + b.names_at;
    names.insert(names.end(), from, from + b.name_count);
    next = k + 1;
    return true;
  }
  return parse_byline_names(t, names);
}

ArticleUnits segment_units(const repair::RepairResult& repaired, Page& page, const SegmentOptions& options,
                           bool take_texts) {
  thread_local PageScratch scratch;
  // 1. Classify units.
  std::vector<Item>& items = scratch.items;
  items.clear();
  std::vector<BylineNameAt>& byline_names = scratch.byline_names;
  byline_names.clear();
  items.reserve(repaired.units.size());
  // (At most one dateline a unit: room for them all, so that the items'
  // pointers to them stay valid.)
  std::vector<ParsedDateline>& datelines = scratch.datelines;
  datelines.clear();
  datelines.reserve(repaired.units.size());
  // The sizes read once: a store to an item could alias the vectors' own
  // fields for the compiler, which read them again for every unit.
  const std::size_t n_units = repaired.units.size(), n_lines = repaired.lines.size();
  std::size_t debris_units = 0;  // items found to be debris
  const bool plain_paths = detail::reference_paths();
  std::size_t next_line_byline = 0;  // read_byline_names()'s place in repair's readings
  for (std::size_t k = 0; k < n_units; ++k) {
    const RepairedUnit& u = repaired.units[k];
    // Each unit's text is a heap block of its own, read here for the first
    // time: ask for the text of a unit a few ahead now, so that it is in the
    // cache when its turn comes instead of a memory wait per unit. (Not for
    // a repair result handed over to be dropped, take_texts: the pipeline's,
    // whose units repair has just built and are in the cache still; there
    // the requests were only instructions, half a million over the bench
    // pages.)
    constexpr std::size_t kPrefetchAhead = 4;
    if (!take_texts && k + kPrefetchAhead < n_units) {
      const RepairedUnit& next = repaired.units[k + kPrefetchAhead];
      // (Each a fixed number of requests, whatever the sizes: a loop to the
      // text's or the lines' end was a branch per unit the processor missed
      // about one time in two. A request past the end faults on nothing and
      // reads nothing wrong; what follows is mostly the next units' text or
      // lines. Addresses as integers: no pointer past an object is formed.)
      auto ask = [](std::uintptr_t at) { __builtin_prefetch(reinterpret_cast<const void*>(at)); };
      const auto ahead = reinterpret_cast<std::uintptr_t>(next.text.text().data());
      ask(ahead);
      ask(ahead + 64);
      ask(ahead + 128);
      ask(ahead + 192);
      // And what own_width() reads of it, where repair left it to be
      // measured here: its source map and its lines.
      if (next.shape == UnitShape::kBody && next.own_lines < 0 && next.first_line < n_lines) {
        __builtin_prefetch(next.text.anchors().data());
        const auto lines = reinterpret_cast<std::uintptr_t>(repaired.lines.data() + next.first_line);
        static_assert(10 * sizeof(repair::LineInfo) <= 13 * 64);  // ten lines, as own_width() reads at most
        for (std::uintptr_t at = 0; at < 13 * 64; at += 64) ask(lines + at);
      } else if (next.first_line < n_lines) {
        // Its first line, read below for the blank lines before it and
        // its doubled glyphs (a memory wait per unit otherwise: 8 % of
        // BM_Segment's time was this one load).
        const repair::LineInfo& line = repaired.lines[next.first_line];
        __builtin_prefetch(&line.blanks_before);
        __builtin_prefetch(&line.doubled);
      }
    }
    // (Taken by repair while the unit's lines were at hand, for most units:
    // not read again here. The reference paths measure every unit: the
    // oracle of repair's figure.)
    const auto [width, width_lines] = u.own_lines >= 0 && !plain_paths
                                          ? std::pair<int, int>{u.own_width, u.own_lines}
                                          : detail::own_width(repaired, u);
    // Built in place (room was reserved), not moved in and destroyed after:
    // a paragraph until told otherwise.
    Item& it = items.emplace_back(ItemKind::kParagraph, &u);
    it.own_width = width;
    it.own_lines = width_lines;
    if (u.first_line < n_lines) {
      it.gap_before = repaired.lines[u.first_line].blanks_before > (repaired.blank_line_spacing ? 1 : 0);
      // (Not a line of two characters each doubled: 坎坎坷坷, 高高兴兴 is a word
      // of the text doubled as often as a headline of two characters in faux
      // bold: not the headline face, so it may be a subheading.)
      it.faux_bold = repaired.lines[u.first_line].doubled && wide_chars(u.text.view()) > 2;
    }
    std::string_view t = u.text.view();
    if (u.shape == UnitShape::kLabel || u.shape == UnitShape::kFurniture || u.shape == UnitShape::kJump ||
        (u.shape != UnitShape::kBody && is_symbol_only(t))) {
      it.kind = ItemKind::kDebris;
      ++debris_units;
    } else if (u.shape == UnitShape::kShortLine || u.shape == UnitShape::kTail) {
      // A byline the article's end mark closes, （记者 周九）（完）, is read
      // without the mark: a byline under its article, not a dateline opening
      // one of the mark alone. (The item still holds the whole unit.)
      t = repair::without_end_mark(t);
      // (parse_dateline() asked only of a text that may open one: most are
      // turned away on their first character here, without a call.)
      if (auto dl = may_open_dateline(t) ? parse_dateline(t) : std::nullopt;
          dl && dl->end == t.size() && !t.empty()) {
        // 【本報訊】 alone: a dateline that opens the article after it.
        it.kind = ItemKind::kByline;
        it.byline = true;
        it.dateline = &datelines.emplace_back(std::move(*dl));
      } else if (const std::size_t at = byline_names.size();
                 plain_paths ? parse_byline_names(t, byline_names)
                             : read_byline_names(repaired, t, byline_names, next_line_byline)) {
        it.byline = true;
        it.names_at = static_cast<std::uint32_t>(at);
        it.name_count = static_cast<std::uint32_t>(byline_names.size() - at);
        // A photo credit on its own (本报记者 王五 摄, （新华社记者兰红光摄）) is
        // a caption; its photographers are still authors.
        it.kind = is_photo_credit(t) ? ItemKind::kCaption : ItemKind::kByline;
      }
      else it.kind = u.shape == UnitShape::kShortLine ? ItemKind::kHeading : ItemKind::kParagraph;
    } else if (is_caption(t)) {
      it.kind = ItemKind::kCaption;
    } else if (u.shape == UnitShape::kBody && may_open_dateline(t)) {
      if (auto dl = parse_dateline(t)) it.dateline = &datelines.emplace_back(std::move(*dl));
    }
  }
  // Debris units go to the page as printed (a doubled label `①①` whole);
  // repair's removals elsewhere are listed one by one.
  // (Room for them all and for every removal at once: grown by doubling,
  // the list moved its entries' strings each time.)
  page.debris.reserve(page.debris.size() + debris_units + repaired.removals.size());
  std::vector<Span>& debris_spans = scratch.debris_spans;
  debris_spans.clear();
  for (const Item& it : items) {
    if (it.kind != ItemKind::kDebris) continue;
    const Span sp = it.unit->span;
    const char* reason = it.unit->shape == UnitShape::kFurniture ? "page_furniture"
                         : it.unit->shape == UnitShape::kJump    ? "jump"
                                                                 : "photo_label";
    page.debris.push_back({page.text.substr(sp.start, sp.end - sp.start), sp, reason});
    debris_spans.push_back(sp);
  }
  // Debris spans come in page order and do not overlap: the one that can
  // hold a removal is the last that starts at or before it (binary search;
  // scanning all of them for every removal is quadratic on a page of labels).
  bool debris_sorted = true;
  for (std::size_t k = 1; k < debris_spans.size() && debris_sorted; ++k)
    debris_sorted = debris_spans[k - 1].end <= debris_spans[k].start;
  for (const repair::Removal& r : repaired.removals) {
    bool inside;
    if (debris_sorted) {
      auto it = std::upper_bound(debris_spans.begin(), debris_spans.end(), r.span.start,
                                 [](std::uint32_t x, Span d) { return x < d.start; });
      inside = it != debris_spans.begin() && r.span.start >= std::prev(it)->start && r.span.end <= std::prev(it)->end;
    } else {
      inside = std::any_of(debris_spans.begin(), debris_spans.end(), [&](Span d) {
        return r.span.start >= d.start && r.span.end <= d.end;
      });
    }
    if (!inside) page.debris.push_back({r.text, r.span, r.reason});
  }

  // 2. Structure: drop debris, mark single heading lines between paragraphs
  // as subheadings, collect title groups.
  std::vector<Item*>& seq = scratch.seq;
  seq.clear();
  seq.reserve(items.size());
  for (Item& it : items) if (it.kind != ItemKind::kDebris) seq.push_back(&it);
  // (Read through a view below: its size and data stay at hand, where a
  // store to an item could alias the vector's own fields for the compiler.)
  std::span<Item* const> order(seq);
  // A paragraph of one unpunctuated line is a heading when it names an
  // issuing unit (a kicker), has a subtitle under it, stands over its
  // subtitle lines or byline and a paragraph, stands under a byline and over
  // a paragraph, or the paragraph under those repeats it (a headline taken
  // from its lead). Any other such line may be a piece of a
  // line that an extraction broke off (pdftotext's layout mode): it stays text.
  // The paragraphs of one body line are listed first, in a pass with no
  // branch on each item, and only they are looked at: a skip of the others
  // one by one was a branch the processor missed as paragraphs and other
  // items came (6k of the 417k branches callgrind's model missed segmenting
  // the 400 bench pages). (The loop changes only the kind of the item it
  // looks at: the list is what a test at each item would find.)
  scratch.one_line_paragraphs.resize(order.size() + 1);
  std::uint32_t* const one_line = scratch.one_line_paragraphs.data();
  std::size_t n_one_line = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Item& it = *order[i];
    one_line[n_one_line] = static_cast<std::uint32_t>(i);
    n_one_line += static_cast<std::size_t>((it.kind == ItemKind::kParagraph) & (it.unit->shape == UnitShape::kBody) &
                                           (it.unit->first_line == it.unit->last_line));
  }
  for (std::size_t c = 0; c < n_one_line; ++c) {
    const std::size_t i = one_line[c];
    Item& it = *order[i];
    if (!unpunctuated_body_line(*it.unit)) continue;
    // (The lead may sit under the article's subtitle and byline: title,
    // subtitle, byline, lead.)
    const std::size_t under = lead_under_head_line(seq, i);
    const bool repeated_under = under < order.size() && order[under]->kind == ItemKind::kParagraph &&
                                lead_repeats_heading(*order[under], it);
    // Or a subtitle (——…) is set right under it: a subtitle goes with the
    // headline over it, never with running text.
    const bool subtitle_under = i + 1 < order.size() && order[i + 1]->kind == ItemKind::kHeading &&
                                is_subtitle_line(order[i + 1]->unit->text.view());
    // Or its subtitle lines or its byline stand between it and a paragraph:
    // a head as printed (headline, subtitle, byline, lead), the lead under it
    // repeating it or not. A byline closes an article or heads one under its
    // headline, and a piece of a paragraph that a byline closes ends in a
    // mark (。！？); a piece of a broken line is no line of its own over a
    // subtitle, and a body's last line is no unit of its own.
    const bool over_rest_of_head_and_lead =
        under > i + 1 && under < order.size() && order[under]->kind == ItemKind::kParagraph;
    // Or it stands between a byline over it and a paragraph under it: the
    // title of the article the byline closed, set after its body (or the
    // next one's headline over its lead). A byline closes or heads an
    // article, and text broken off a line goes on in the paragraph it was
    // broken from, not under a byline; repair reads such a title as text when
    // it is nearly as wide as the column and moved text went on past it.
    const bool under_byline = i > 0 && order[i - 1]->kind == ItemKind::kByline && !order[i - 1]->dateline &&
                              i + 1 < order.size() && order[i + 1]->kind == ItemKind::kParagraph;
    // (No phrases yet: the item's line is its unit's text.)
    if (repeated_under || subtitle_under || over_rest_of_head_and_lead || looks_like_kicker(&it) || under_byline) {
      it.kind = ItemKind::kHeading;
      it.dateline = nullptr;
    }
  }
  auto is_body = [](const Item* it) { return it->kind == ItemKind::kParagraph || it->kind == ItemKind::kCaption; };
  // The first paragraph of the run of body text (and lone headings) that
  // item i is in: the lead of the article above a heading inside the run.
  const Item* run_lead = nullptr;
  bool lead_under_headline = false;  // a headline is set right over run_lead
  // Column width of the last subheading found in the run, 0: none yet.
  int run_subheading_column = 0;
  if (!order.empty() && is_body(order[0])) run_lead = order[0];
  else if (order.size() > 1 && is_body(order[1])) {
    run_lead = order[1];
    lead_under_headline = order[0]->kind == ItemKind::kHeading;
  }
  for (std::size_t i = 1; i + 1 < order.size(); ++i) {
    // A subheading sits between two paragraphs of the same article, and so of
    // the same column width; a title between two articles usually changes it.
    const int before = order[i - 1]->unit->column_width, after = order[i + 1]->unit->column_width;
    const bool same_column = std::abs(before - after) <= 1;
    // A heading of two phrases set apart by a gap (在学习教育中 在音乐会上)
    // is a headline: subheadings are one phrase. So is one that repeats the
    // lead under it (the next article's title over its body) or the lead the
    // run of text above it opened with (its own article's title, printed
    // after the body).
    const bool between_bodies = order[i]->kind == ItemKind::kHeading && is_body(order[i - 1]) && is_body(order[i + 1]);
    if (!between_bodies) {
      if (!is_body(order[i]) && is_body(order[i + 1])) {
        run_lead = order[i + 1];
        lead_under_headline = order[i]->kind == ItemKind::kHeading;
        run_subheading_column = 0;
      }
      continue;
    }
    // Repair's estimates lag behind a change of column (they are smoothed
    // over neighbouring units); the first lines of two paragraphs that both
    // wrap, each set 2 em short of its column (the indent the extraction
    // dropped), as wide as each other, say the same column as exactly.
    auto same_first_lines = [&] {
      const int first_before = wrapped_first_line(repaired, *order[i - 1]);
      return first_before > 0 && first_before == wrapped_first_line(repaired, *order[i + 1]);
    };
    // Or the paragraph under it is set in the column of the run's lead while
    // the one over it is not: the lead's article, whose head was moved into
    // the middle of another article's text, goes on here after that text
    // ended (columns measured on their own lines, own_width(): repair's
    // estimates lag behind the change), and the heading is its subheading.
    auto back_to_lead_column = [&] {
      const Item* const next = order[i + 1];
      return run_lead && lead_under_headline && run_lead != order[i - 1] && run_lead->own_width > 0 && next->own_width > 0 &&
             std::abs(run_lead->own_width - next->own_width) <= 1;
    };
    // A heading whose words the paragraph under it repeats is that
    // paragraph's headline (taken from its lead)... unless the paragraph only
    // holds them as a clause further on and the article above already set a
    // subheading in this column under a headline: one more of that set,
    // whose phrase the text under it happens to take up (subheadings are
    // phrases of the text they head), not a new article set in the same
    // column with no byline closing the one above. (A lead that opens with
    // the heading's very words stays the stronger sign of a headline.)
    // (Asked only of a heading the paragraph under it repeats.)
    auto in_subheading_set = [&] {
      return same_column && lead_under_headline && run_subheading_column > 0 &&
             std::abs(run_subheading_column - after) <= 1 &&
             !order[i + 1]->unit->text.view().starts_with(line_text(order[i]));
    };
    if ((same_column || same_first_lines() || back_to_lead_column()) && !order[i]->faux_bold &&
        (!lead_repeats_heading(*order[i + 1], *order[i]) || in_subheading_set()) &&
        !(run_lead && lead_repeats_heading(*run_lead, *order[i])) && !two_phrases(order[i]->unit->text.view())) {
      order[i]->subheading = true;
      run_subheading_column = after;
    } else {
      run_lead = order[i + 1];  // a headline: the text under it is another article's
      lead_under_headline = true;
      run_subheading_column = 0;
    }
  }
  // Subheadings come in sets and are short phrases. A long heading, the only
  // one among the paragraphs between two title groups or bylines, is the
  // headline of the next article set before its body (title first), not an
  // article's subheading: alone, or among short ones (the next article's own
  // subheadings, read into one run with it, come after it). Two or more long
  // ones are a set of long subheadings, as some papers print them, and so is
  // a long one with short ones both before it (the article above's) and
  // after it: a set with one long member. (Short ones only before it are
  // more often wrapped text lines read as headings than a set.)
  // (Long as printed: figures in it count half a character each, see
  // printed_half_chars(); by wide characters alone a headline with a figure
  // in it, 全球电子邮件日均14亿, was a short phrase.)
  constexpr std::size_t kLoneHeadlineChars = 10;
  for (std::size_t a = 0; a < order.size();) {
    if (!is_body(order[a]) && !order[a]->subheading) { ++a; continue; }
    std::size_t e = a, long_one = SIZE_MAX, long_count = 0;
    bool short_before_long = false, short_after_long = false;
    for (; e < order.size() && (is_body(order[e]) || order[e]->subheading); ++e) {
      if (!order[e]->subheading) continue;
      if (printed_half_chars(order[e]->unit->text.view()) >= 2 * kLoneHeadlineChars) {
        long_one = e;
        ++long_count;
      } else {
        (long_count == 0 ? short_before_long : short_after_long) = true;
      }
    }
    if (long_count == 1 && !(short_before_long && short_after_long)) order[long_one]->subheading = false;
    a = e;
  }
  split_side_by_side_headlines(seq, scratch.side_by_side);
  order = std::span<Item* const>(seq);  // (seq was rebuilt)
  // Segments: title groups (H) and the runs between them (R). Two title
  // groups can touch (one article's title printed after its body, the next
  // one's before its body): a group ends after a subtitle line, and a kicker
  // starts a new one.
  std::vector<Segment>& segs = scratch.segs;
  segs.clear();
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Item* it = order[i];
    const bool h = it->kind == ItemKind::kHeading && !it->subheading;
    bool split = segs.empty() || segs.back().title != h;
    if (!split && h) {
      const std::string_view prev = line_text(segs.back().items.back());
      const std::string_view cur = line_text(it);
      // …unless the subtitle line stops mid-phrase (——记全国优秀人民警察、 /
      // 刑警支队队长王某: a subtitle wrapped over two lines), or the line
      // under it is a last word or two of it, the end of the group (——二○○一年
      // / 新年贺词: no headline is that short over a body).
      const bool last_in_group = i + 1 == order.size() || order[i + 1]->kind != ItemKind::kHeading ||
                                 order[i + 1]->subheading;
      // (A line of more than 16 bytes has more than four characters: not counted.)
      const bool wrapped_end =
          last_in_group && cur.size() <= 4 * 4 && text::count_chars(cur) <= 4 && !names_issuing_unit(cur);
      split = is_subtitle_line(prev) && !is_subtitle_line(cur) && !ends_mid_phrase(prev) && !wrapped_end;
      // Units come in reading order, which puts moved text where it goes
      // on: headings out of printed order are no one group.
      split = split || line_span(it).start < line_span(segs.back().items.back()).end;
    }
    if (split) segs.push_back({h, std::span<Item* const>(seq.data() + i, 0)});
    segs.back().items = std::span<Item* const>(segs.back().items.data(), segs.back().items.size() + 1);
  }
  // An issuing unit inside a title group, under a title line of its own
  // group and over a title line, starts the next article's group (one
  // article's title printed after its body, the next one's kicker and title
  // before its body). One pass, each group cut as often as it needs.
  {
    std::vector<Segment>& cut = scratch.cut;
    cut.clear();
    cut.reserve(segs.size() + 4);
    for (const Segment& g : segs) {
      if (!g.title) { cut.push_back(g); continue; }
      const std::span<Item* const> rest = g.items;
      bool title_seen = !looks_like_kicker(rest.front());
      std::size_t from = 0;
      for (std::size_t k = 1; k + 1 < rest.size(); ++k) {
        const std::string_view t = line_text(rest[k]);
        // Two issuing units in a row: the first is set under the title above
        // it (a kicker below its headline), the second opens the next group.
        const std::string_view next = line_text(rest[k + 1]);
        if (title_seen && names_issuing_unit(t) && !is_subtitle_line(next) &&
            !(k + 2 < rest.size() && names_issuing_unit(next))) {
          cut.push_back({true, rest.subspan(from, k - from)});
          from = k;
          title_seen = false;
          continue;
        }
        title_seen = title_seen || !is_subtitle_line(t);
      }
      cut.push_back({true, rest.subspan(from)});
    }
    segs.swap(cut);
  }

  // 3. Split each run into article bodies at bylines: in a run, a byline
  // followed by more body text ends an article.
  std::vector<std::size_t>& seg_run = scratch.seg_run;
  seg_run.assign(segs.size(), SIZE_MAX);
  std::vector<Run>& runs = scratch.runs;
  runs.clear();
  DraftPool& pool = scratch.drafts;
  pool.clear();
  std::optional<bool> page_indents;  // see goes_on_unindented()
  for (std::size_t s = 0; s < segs.size(); ++s) {
    if (segs[s].title) continue;
    // The run's drafts are the last ones of the pool while it is read.
    Run r{pool.size(), 0};
    // The draft a change of column width opened inside the run (SIZE_MAX:
    // none), and whether it traded places with the draft before it: moved
    // text set into that article's, which goes on after it
    // (back_to_column_before(); moved_width: the moved text's width then).
    // That article is the last draft while it goes on, and the two are put
    // back in order before any other draft is added.
    std::size_t moved_in = SIZE_MAX;
    int moved_width = 0;
    bool article_goes_on = false;
    auto put_back = [&] {
      if (!article_goes_on) return;
      std::swap(pool[r.first + r.count - 2], pool[r.first + r.count - 1]);
      article_goes_on = false;
    };
    auto new_draft = [&] { put_back(); pool.add(); ++r.count; };
    auto last = [&]() -> Draft& { return pool[r.first + r.count - 1]; };
    new_draft();
    // more_body[i]: an item that is not a byline comes after item i (one
    // backward pass; looking ahead from every byline is quadratic on a run of
    // bylines).
    // (The run's items as a view of their own: drafts' lists and the flags
    // below are written in between, which could alias segs' fields.)
    const std::span<Item* const> run_items = segs[s].items;
    const std::size_t n_items = run_items.size();
    std::vector<char>& more_body_after = scratch.more_body_after;
    more_body_after.assign(n_items + 1, 0);
    for (std::size_t i = n_items; i-- > 0;)
      more_body_after[i] = more_body_after[i + 1] ||
                           (i + 1 < n_items && run_items[i + 1]->kind != ItemKind::kByline);
    for (std::size_t i = 0; i < n_items; ++i) {
      const Item* it = run_items[i];
      Draft& cur = last();  // not used once another draft is added
      if (it->kind == ItemKind::kByline && it->dateline) {
        if (!cur.body.empty()) new_draft();
        last().bylines.push_back(it);
      } else if (it->kind == ItemKind::kByline) {
        const bool more_body = more_body_after[i];
        if (more_body && !cur.body.empty() && cur.byline_on_top && i + 1 < n_items &&
            (other_width(cur.width, *run_items[i + 1]) || new_column(*cur.body.back(), *run_items[i + 1]))) {
          // The article has its byline over its body already (under its
          // title): one after its body, over a paragraph set in another
          // column, is the next article's (an article with no headline,
          // its byline over its body).
          new_draft();
          last().bylines.push_back(it);
          last().byline_on_top = true;
          continue;
        }
        if (cur.body.empty()) cur.byline_on_top = true;
        cur.bylines.push_back(it);
        // Close the article if body text follows and this article has body
        // (not where the text under it is the rest of a paragraph that moved
        // text cut, goes_on_unindented(), unless a byline follows that text:
        // then it is an untitled article's, its byline under it, whose names
        // would be wrongly credited to the article above).
        if (more_body && !cur.body.empty() &&
            !(i + 1 < n_items && goes_on_unindented(repaired, page_indents, items, *run_items[i + 1]) &&
              !(i + 2 < n_items && run_items[i + 2]->kind == ItemKind::kByline)))
          new_draft();
      } else {
        // A dateline opens an article: the text before it belongs to another.
        bool width_cut = false;
        std::size_t cut_from = 0;  // (where a width cut opens a draft: the run index of the one before it)
        if (it->dateline && !cur.body.empty()) new_draft();
        // So does body text set in another column width than the paragraph
        // before it (the four tests below, in order), unless it is the rest
        // of a paragraph that moved text cut (goes_on_unindented(), asked
        // only where a cut would be made: it reads the page's first lines).
        else if (!cur.body.empty()) {
          const ColumnCut cut = column_cut(repaired, cur, *it);
          const bool in_moved = !article_goes_on && moved_in == r.first + r.count - 1;
          if (cut != ColumnCut::kNone && !goes_on_unindented(repaired, page_indents, items, *it)) {
            if (in_moved && back_to_column_before(cur, pool[r.first + r.count - 2], *it)) {
              moved_width = cur.width;
              std::swap(pool[r.first + r.count - 2], pool[r.first + r.count - 1]);
              pool[r.first + r.count - 2].set_into = true;
              article_goes_on = true;
            } else if (article_goes_on && it->own_width > 0 &&
                       std::abs(it->own_width - moved_width) < kOwnWidthChange) {
              put_back();  // back in the moved text's column: its article goes on after the other's
            } else {
              // (The draft the text before `it` went to: the article that
              // went on after moved text is put back before the moved text's.)
              cut_from = r.count - (article_goes_on ? 2 : 1);
              new_draft();
              width_cut = true;
              moved_in = r.count >= 2 ? r.first + r.count - 1 : SIZE_MAX;
              if (cut == ColumnCut::kOtherWidth)
                last_paragraph_goes_with_next_column(repaired, pool[r.first + cut_from], last(), *it);
            }
          }
        }
        if (width_cut) caption_goes_with_next_column(repaired, pool[r.first + cut_from], last(), *it);
        if (it->kind == ItemKind::kParagraph) last().width = std::max(last().width, it->own_width);
        std::vector<const Item*>& body = last().body;
        if (body.empty()) body.reserve(8);  // one allocation for most articles' bodies, not four
        body.emplace_back(it);  // (inlined here; push_back() was a call per item)
        // An article's end mark (…。（完）) closes its article: body text
        // after it is another article's (an untitled one, or the one a title
        // printed after it heads), in the same column or not. (A byline
        // after the mark is still its article's.)
        if (it->kind == ItemKind::kParagraph && i + 1 < n_items && run_items[i + 1]->kind != ItemKind::kByline &&
            repair::end_mark_length(it->unit->text.view()) > 0)
          new_draft();
      }
    }
    // The run ends in the text of the article the moved text was set into:
    // a title printed after the run is that article's, and one before it is
    // not the moved text's either. The moved text's draft is left out of the
    // run (after it in the pool, as its own article).
    if (article_goes_on) {
      put_back();
      --r.count;
    }
    seg_run[s] = runs.size();
    runs.push_back(r);
  }

  // 4. Attach each title group to the article just before it (title-after
  //    layout) or just after it (title-before), for the whole page at once:
  //    a Viterbi pass over the title groups in order chooses the directions
  //    that leave the fewest articles untitled, follow the title–lead bigram
  //    evidence and keep one layout unless the evidence says otherwise (a
  //    page may mix both). A draft takes at most one title group; a run of
  //    one draft that two groups claim is cut in two articles.
  scratch.attach.repaired = &repaired;
  attach_title_groups(segs, seg_run, runs, pool, scratch.attach);
  give_lone_bylines_to_neighbours(pool);
  give_top_bylines_to_heads_above(pool, items);
  split_at_lone_subheading(pool);
  give_trailing_subheading_to_untitled_text_below(pool);
  give_top_bylines_back_to_text_above(pool, items);
  split_at_width_change_before_second_byline(repaired, pool);
  split_stacked_heads(pool, repaired);
  join_headless_pieces_on_rows_read(pool, repaired);

  // Reading order: by first source offset of each draft. The articles stay
  // where they are built; a permutation of them is sorted (stably, as the
  // articles themselves were) and they are moved out once, in its order.
  // The drafts in the pool are in run order, each run's in order (a lone
  // title group's run comes last, as it does in runs). The articles are
  // built where they go, at the end of page.articles, and put in reading
  // order there (stably) if they are not in it already, as they usually are.
  auto is_empty = [](const Draft& d) { return d.headings.empty() && d.body.empty() && d.bylines.empty(); };
  const std::size_t first = page.articles.size();
  std::size_t count = 0, unit_count = 0;
  for (std::size_t k = 0; k < pool.size(); ++k) {
    count += !is_empty(pool[k]);
    unit_count += pool[k].headings.size() + pool[k].body.size();
  }
  page.articles.reserve(first + count);
  ArticleUnits article_units;  // (left empty with take_texts: see build_article())
  if (!take_texts) article_units.reserve(count, unit_count);
  for (std::size_t k = 0; k < pool.size(); ++k) {
    if (is_empty(pool[k])) continue;
    build_article(pool[k], options, take_texts, byline_names, article_units, page.articles.emplace_back());
  }
  const auto built = std::span<Article>(page.articles).subspan(first);
  auto starts_before = [](const Article& x, const Article& y) { return x.span.start < y.span.start; };
  if (!std::is_sorted(built.begin(), built.end(), starts_before)) {
    std::vector<std::size_t>& reading_order = scratch.reading_order;
    reading_order.resize(count);
    for (std::size_t i = 0; i < count; ++i) reading_order[i] = i;
    std::stable_sort(reading_order.begin(), reading_order.end(),
                     [&](std::size_t x, std::size_t y) { return starts_before(built[x], built[y]); });
    std::vector<Article>& articles = scratch.articles;
    articles.clear();
    for (std::size_t i = 0; i < count; ++i) articles.push_back(std::move(built[i]));
    ArticleUnits ordered;
    if (!take_texts) ordered.reserve(count, unit_count);
    for (std::size_t j = 0; j < count; ++j) {
      built[j] = std::move(articles[reading_order[j]]);
      if (take_texts) continue;
      const auto units = article_units[reading_order[j]];
      for (std::size_t k = 0; k < units.size(); ++k) {
        if (const std::optional<Span> part = article_units.part(reading_order[j], k)) ordered.add(units[k], *part);
        else ordered.add(units[k]);
      }
      ordered.close_article();
    }
    article_units = std::move(ordered);
    articles.clear();
  }
  for (std::size_t j = 0; j < count; ++j) built[j].index = static_cast<int>(first + j);
  auto debris_before = [](const Debris& x, const Debris& y) { return x.span.start < y.span.start; };
  if (!std::is_sorted(page.debris.begin(), page.debris.end(), debris_before))  // usually in order already
    std::stable_sort(page.debris.begin(), page.debris.end(), debris_before);
  attach_jumps(page);
  scratch.release_if_large();
  return article_units;
}

}  // namespace

ArticleUnits segment_page(const repair::RepairResult& repaired, Page& page, const SegmentOptions& options) {
  return segment_units(repaired, page, options, false);
}

void segment_page(repair::RepairResult&& repaired, Page& page, const SegmentOptions& options) {
  // The result is an rvalue: its units are ours to empty.
  segment_units(repaired, page, options, true);
}

}  // namespace huozi::segment
