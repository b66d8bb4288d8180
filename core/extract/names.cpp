// Organizations and places, recognized by their heads and suffixes and
// extended left over their modifiers: 邹城市公安局, 济宁禁毒支队, 市中公安分局;
// 嘉祥县, 任城区, 济阳街道, 京杭社区. No gazetteer: suffix rules only, so a
// bare city name (济宁) is not a place and a three-character name before a
// suffix is cut to its last two (黑龙江省 and 内蒙古 aside).
//
// The leftward extension is bounded: it stops at punctuation, at particles
// and prepositions (的 在 和 对 由 向 将 把 被 与 及 …), at common verbs that
// take an organization as object (按照 联合 走进 学习 …), at the end of the
// previous non-name field, and after a maximum length.
#include <algorithm>
#include <array>
#include <memory>

#include "numbers.hpp"
#include "scan.hpp"

namespace huozi::extract::detail {
namespace {

constexpr int kMaxModifierChars = 12;

struct Head {
  std::string_view text;
  bool bare = false;                     // an organization by itself: 公安部
  std::u32string_view not_before = U"";  // 大学生, 银行卡, 局长
  int min_modifier = 1;                  // 厂 needs three: 造纸厂 is a kind, 悦达汽车厂 a name
};

// Longer heads before their suffixes (公安分局 before 分局).
constexpr Head kOrgHeads[] = {
    {"街道办事处"}, {"街道辦事處"}, {"办事处"},   {"辦事處"},   {"人民检察院"}, {"人民法院"},  {"检察院"},
    {"檢察院"},     {"法院"},       {"派出所"},   {"研究所"},   {"事务所"},     {"事務所"},    {"看守所"},
    {"戒毒所"},     {"拘留所"},     {"卫生院"},   {"研究院"},   {"科学院"},     {"設計院"},    {"设计院"},
    {"医院"},       {"醫院"},       {"学院", false, U"生长"},   {"學院", false, U"生長"},     {"大学", false, U"生长"},
    {"大學", false, U"生長"},       {"中学", false, U"生长"},   {"中學", false, U"生長"},     {"小学", false, U"生长"},
    {"小學", false, U"生長"},       {"学校", false, U"长"},     {"學校", false, U"長"},       {"幼儿园"},
    {"委员会"},     {"委員會"},     {"居委会"},   {"村委会"},   {"联合会"},     {"聯合會"},    {"基金会"},
    {"基金會"},     {"协会", false, U"长员"},   {"協會", false, U"長員"},     {"学会", false, U"长员"},
    {"商会", false, U"长"},         {"股份有限公司", false, U"法"}, {"有限责任公司", false, U"法"},
    {"有限公司", false, U"法"},     {"集团", false, U"化"},     {"集團", false, U"化"},       {"公司", false, U"法"},
    {"银行", false, U"卡长"},       {"銀行", false, U"卡長"},   {"分行", false, U"长"},       {"支行", false, U"长"},
    {"厂", false, U"长区房家商", 3}, {"廠", false, U"長區房家商", 3},   {"信用社"},   {"合作社"},     {"出版社"},
    {"报社"},       {"報社"},       {"电视台"},   {"電視台"},   {"人民政府"},   {"政府", false, U"部"},
    {"党委"},       {"黨委"},     {"公安分局", false, U"长"},   {"公安局", false, U"长"},
    {"警察局", false, U"长"},       {"分局", false, U"长"},     {"总局", false, U"长"},       {"總局", false, U"長"},
    {"警署"},       {"支队", false, U"长员"},   {"支隊", false, U"長員"},     {"大队", false, U"长员"},
    {"大隊", false, U"長員"},       {"中队", false, U"长员"},   {"中隊", false, U"長員"},     {"总队", false, U"长员"},
    {"總隊", false, U"長員"},       {"海关", false, U"总"},       {"总领事馆"},   {"領事館"},     {"领事馆"},     {"大使馆"},     {"大使館"},
    {"交易所"},     {"服务所"},     {"服務所"},       {"监狱"},
    {"公安部", true}, {"外交部", true}, {"教育部", true}, {"财政部", true}, {"商务部", true}, {"国防部", true},
    {"司法部", true}, {"民政部", true}, {"国务院", true}, {"國務院", true}, {"农业部", true}, {"水利部", true},
    {"卫生部", true}, {"文化部", true}, {"科技部", true}, {"交通部", true}, {"铁道部", true}, {"建设部", true},
    {"人事部", true}, {"监察部", true}, {"审计署", true}, {"外交部", true}, {"应急管理部", true},
    {"自然资源部", true}, {"生态环境部", true}, {"工业和信息化部", true}, {"人力资源和社会保障部", true},
    {"住房和城乡建设部", true}, {"交通运输部", true}, {"农业农村部", true}, {"退役军人事务部", true},
    {"国家卫生健康委员会", true}, {"中央军事委员会", true}, {"公安厅", false, U"长"},
    {"公安廳", false, U"長"}, {"局", false, U"长長面势限部"},
};

struct Suffix {
  std::string_view text;
  int max_name = 2;  // name characters before the suffix
  std::u32string_view not_before = U"";
};

constexpr Suffix kPlaceSuffixes[] = {
    {"自治区", 6}, {"自治區", 6}, {"自治州", 6}, {"自治县", 6}, {"自治縣", 6}, {"街道", 2, U"办辦口"},
    {"社区", 2},   {"社區", 2},   {"新区", 2},   {"新區", 2},   {"省", 2, U"钱心略去份级长長时時力事"},
    {"市", 2, U"场場值价價长長民容"}, {"县", 2, U"长長"}, {"縣", 2, U"長"}, {"区", 2, U"域别別分间长長"},
    {"區", 2, U"域別分間長"}, {"镇", 2, U"压静定长長"},   {"鎮", 2, U"長"},   {"乡", 2, U"镇村亲长長"},  {"鄉", 2, U"長"},
    {"村", 2, U"庄干委级长長"},
};

// Characters a modifier or a place name never holds: particles, pronouns,
// prepositions, determiners.
bool stop_char(char32_t c) {
  static constexpr std::u32string_view kStops =
      U"的地得在和对對由向将將把被与與及是了为為从從到给給让讓使等经經据據同跟以于於或并也都又还還已曾再即若如当當"
      U"每各该該本这這那此其全我你他她它们們进進入出往赴来來去回住至共近称稱要请請前后後下里裡"
      U"时時分讯訊不少多些某";
  return kStops.find(c) != std::u32string_view::npos;
}

// Classifiers end a name only right after a number: 3个派出所, 18名县级干部,
// 一批新政府; elsewhere they are part of it (日本, 起亚, 国家).
bool classifier(char32_t c) {
  static constexpr std::u32string_view kClassifiers = U"个個名位家所处處次起件批项項条條支种種类類届屆年月日号號";
  return kClassifiers.find(c) != std::u32string_view::npos;
}

// Whether the character c ending at `end` stops a name growing leftward;
// `index` counts from the head or suffix (0 is the character next to it).
bool stops_name(std::string_view s, std::size_t end, Char c, int index) {
  if (!is_han(c.cp)) return true;
  if (c.cp == U'都') return index != 0;  // 成都市, 宜都市; elsewhere "all"
  if (c.cp == U'全' && end < s.size() && char_at(s, end).cp == U'国') return false;  // 全国人民代表大会
  if (stop_char(c.cp)) return true;
  const Char before = char_before(s, end - c.len);
  if (classifier(c.cp)) return is_digit(before.cp) || is_chinese_numeral(before.cp);
  if (c.cp == U'电' || c.cp == U'電') return before.cp == U'日';  // a dateline: 北京1月1日电
  // 一 and 两 start counts and set phrases (统一, 一批, 两家) more often than
  // names; 第一 is an ordinal inside a name (第一人民医院).
  if (c.cp == U'一' || c.cp == U'两' || c.cp == U'兩') return before.cp != U'第';
  return false;
}

// Modifiers that alone make no name: 基层派出所, 乡镇政府, 城区派出所.
bool generic_modifier(std::string_view m) {
  static constexpr std::string_view kGeneric[] = {"乡镇", "基层", "城区", "各级", "地方", "当地", "有关", "相关",
                                                  "上级", "下级", "辖区", "农村", "城市", "全国", "国内", "国外"};
  for (std::string_view g : kGeneric)
    if (m == g) return true;
  return false;
}

// Verbs and phrases that end right before an organization: 按照市公安局 is
// "according to 市公安局", not an organization named 按照市.
bool stop_before(std::string_view s, std::size_t b) {
  static constexpr std::string_view kWords[] = {"按照", "根据", "根據", "依据", "通过", "通過", "经过", "經過", "联合", "聯合",
                                 "会同", "協調", "协调", "配合", "协助", "組織", "组织", "邀请", "邀請", "成立",
                                 "召开", "举办", "舉辦", "开展", "開展", "部署", "要求", "指导", "督导", "带领",
                                 "走进", "走進", "来到", "前往", "赶到", "奔赴", "抵达", "到达", "送往", "移交",
                                 "移送", "交由", "报请", "联系", "聯繫", "走访", "參觀", "参观", "考察", "调研",
                                 "视察", "慰问", "看望", "学习", "學習", "传达", "贯彻", "落实", "获悉", "荣获",
                                 "授予", "表彰", "批准", "发布", "發布", "印发", "公布", "宣布", "介绍", "透露",
                                 "表示", "认为", "指出", "强调", "位于", "隶属", "来自", "來自", "属于", "作为",
                                 "成为", "担任", "加入", "进入", "离开", "起诉", "判决", "审理", "受理", "接到",
                                 "收到", "得到", "据悉", "记者", "記者", "分享", "报案", "报警", "发现", "打造",
                                 "建设", "推进", "启动", "举报", "投诉", "咨询", "申请", "提供", "支持", "参与",
                                 "参加", "协同", "配备", "设立", "创建", "依托", "名校", "撤销", "依法", "判处",
                                 "审批", "约谈", "督查", "检查", "处罚", "通报", "批评", "表扬", "感谢", "致信",
                                 "规范", "引导", "方便", "服务", "提醒", "广大", "号召", "动员", "鼓励", "帮助",
                                 "告知", "呼吁", "便民", "惠及", "吸引", "听取", "摸清", "深入", "进入", "全体",
                                 "各位", "保障", "满足", "回应", "宜居", "美丽", "文明", "和谐", "随着", "授权", "委托", "叮嘱", "形成"};
  static const WordIndex index(std::vector<std::string_view>(std::begin(kWords), std::end(kWords)),
                               WordIndex::Key::kLast);
  if (b == 0) return false;
  for (std::uint16_t k : index.at(char_before(s, b).cp))
    if (ends_with(s, b, kWords[k])) return true;
  return false;
}

// Generic words that end in a place suffix: 城市, 辖区, 乡村 … The name's
// last character and the suffix make the word; first is the character before.
bool generic_place(char32_t first, char32_t last_name_char, std::string_view suffix) {
  // X城市: 邹城市 and 聊城市 are cities, 文明城市 and 大城市 are not.
  if (suffix == "市" && last_name_char == U'城') {
    static constexpr std::u32string_view kGenericCity = U"明大小海境化游生林要点心座该各国些型际级市外中特新老滨约园业口工边百千万";
    return kGenericCity.find(first) != std::u32string_view::npos;
  }
  // X门市: 厦门市, 江门市, 荆门市 are cities; 门市 after a word that ends in
  // 门 (部门, 专门, 大门, 热门) is a shopfront or a market (部门市场, 开门市部),
  // and 澳门 is a region, not a city (澳门市政 is its municipal affairs).
  if (suffix == "市" && last_name_char == U'门') {
    static constexpr std::u32string_view kGenericGate = U"家专部大热油窗校厂店柜车铁院城房舱闸后前上出开入把边衙宫山国澳";
    return kGenericGate.find(first) != std::u32string_view::npos;
  }
  static constexpr std::u32string_view kCity = U"超股楼车夜集上菜开街早闹花黑列辖心";
  static constexpr std::u32string_view kDistrict = U"辖小园景市郊地山灾街片营校库禁专特分战矿牧湖误盲发老集治政税社护胜军林垦";
  static constexpr std::u32string_view kVillage = U"乡农山渔城";
  static constexpr std::u32string_view kTown = U"城乡村集重古小";
  static constexpr std::u32string_view kProvince = U"节反";
  std::u32string_view set;
  if (suffix == "市") set = kCity;
  else if (suffix == "区" || suffix == "區") set = kDistrict;
  else if (suffix == "村") set = kVillage;
  else if (suffix == "镇" || suffix == "鎮" || suffix == "乡" || suffix == "鄉") set = kTown;
  else if (suffix == "省") set = kProvince;
  return set.find(last_name_char) != std::u32string_view::npos;
}

bool place_suffix_char(char32_t c) {
  return c == U'省' || c == U'市' || c == U'县' || c == U'縣' || c == U'区' || c == U'區';
}

}  // namespace

std::u32string_view name_trigger_chars() {
  static const std::u32string chars = [] {
    std::u32string out;
    auto add = [&](std::string_view w) {
      char32_t c = char_at(w, 0).cp;
      if (out.find(c) == std::u32string::npos) out.push_back(c);
    };
    for (const Head& h : kOrgHeads) add(h.text);
    for (const Suffix& x : kPlaceSuffixes) add(x.text);
    return out;
  }();
  return chars;
}

std::optional<Candidate> org_at(const ScanState& st, std::size_t i, std::size_t& head_end) {
  std::string_view s = st.s;
  static const WordIndex heads = [] {
    std::vector<std::string_view> w;
    for (const Head& h : kOrgHeads) w.push_back(h.text);
    return WordIndex(w, WordIndex::Key::kFirst);
  }();
  const Head* head = nullptr;
  for (std::uint16_t k : heads.at(char_at(s, i).cp)) {
    const Head& h = kOrgHeads[k];
    if (!starts_with(s, i, h.text)) continue;
    head_end = i + h.text.size();
    Char after = char_at(s, i + h.text.size());
    if (after.cp && h.not_before.find(after.cp) != std::u32string_view::npos) return std::nullopt;
    if (h.bare && (after.cp == U'门' || after.cp == U'門')) return std::nullopt;  // 监察部门: a department
    head = &h;
    break;
  }
  if (!head) return std::nullopt;
  const std::size_t end = i + head->text.size();
  // Extend left over the modifiers.
  std::size_t b = i;
  int chars = 0;
  // Where each modifier character starts, to cut at a place name later.
  std::array<std::size_t, kMaxModifierChars + 1> starts{};
  if (!head->bare) {
    // A bare head (公安部) takes no modifier: what stands before it is as often
    // a verb (深刻理解公安部) as a country (沙特财政部).
    const std::size_t bound = std::max(st.hard_end, st.org_end);
    while (chars < kMaxModifierChars && b > bound) {
      Char c = char_before(s, b);
      if (stops_name(s, b, c, chars)) break;
      if (stop_before(s, b)) break;
      b -= c.len;
      starts[chars++] = b;
    }
  }
  // Right after another organization, a head alone continues it: 公安部党委,
  // 市公安局市中分局 (the scan merges the two).
  const bool continues = b == st.org_end && st.org_end > 0;
  if (chars == 0 && !head->bare && !continues) return std::nullopt;
  // 局 alone is a word in many non-organizations (格局, 大局, 当局): it needs
  // a modifier of two characters at least.
  if (head->text == "局" && !continues) {
    Char c = char_before(s, i);
    static constexpr std::u32string_view kNotBureau = U"格布大结当开全时饭骗赌战僵残终平胜败棋牌迷危变出入一定成乱朝";
    if (kNotBureau.find(c.cp) != std::u32string_view::npos || chars < 2) return std::nullopt;
  }
  if (chars < head->min_modifier && !continues && !head->bare) return std::nullopt;
  if (!continues && generic_modifier(s.substr(b, i - b))) return std::nullopt;
  if (chars == 1 && !continues) {
    // 市公安局, 县法院: one character only if it is a level of government.
    Char c = char_at(s, b);
    if (!place_suffix_char(c.cp) && c.cp != U'镇' && c.cp != U'乡') return std::nullopt;
  }
  // A place name inside the modifier anchors its start: 学习济宁市公安局 →
  // 济宁市公安局 (two characters before the leftmost 市/县/区/省).
  for (int k = chars - 1; k >= 0; --k) {
    if (!place_suffix_char(char_at(s, starts[k]).cp)) continue;
    const int left = chars - 1 - k;  // modifier characters left of the suffix
    // 香港特區, 特别行政区: a region's title, not a two-character name.
    if (k + 1 < chars && (char_at(s, starts[k + 1]).cp == U'特' || char_at(s, starts[k + 1]).cp == U'政')) break;
    if (left > 2) {
      b = starts[k + 2];
      std::string_view three = s.substr(starts[k + 3], starts[k] - starts[k + 3]);
      if (three == "黑龙江" || three == "黑龍江" || three == "内蒙古" || three == "內蒙古") b = starts[k + 3];
    }
    break;
  }
  return make(FieldType::kOrg, b, end, FieldValue::of(std::string(s.substr(b, end - b))));
}

std::optional<Candidate> place_at(const ScanState& st, std::size_t i) {
  std::string_view s = st.s;
  static const WordIndex suffixes = [] {
    std::vector<std::string_view> w;
    for (const Suffix& x : kPlaceSuffixes) w.push_back(x.text);
    return WordIndex(w, WordIndex::Key::kFirst);
  }();
  const Suffix* suffix = nullptr;
  for (std::uint16_t k : suffixes.at(char_at(s, i).cp)) {
    const Suffix& x = kPlaceSuffixes[k];
    if (!starts_with(s, i, x.text)) continue;
    Char after = char_at(s, i + x.text.size());
    if (after.cp && x.not_before.find(after.cp) != std::u32string_view::npos) return std::nullopt;
    suffix = &x;
    break;
  }
  if (!suffix) return std::nullopt;
  if (stop_before(s, i)) return std::nullopt;  // 联合市, 走进社区: a verb, not a name
  std::size_t b = i;
  int chars = 0;
  char32_t last = 0;
  while (chars < suffix->max_name && b > st.last_end) {
    Char c = char_before(s, b);
    if (stops_name(s, b, c, chars)) break;
    if (chars > 0 && stop_before(s, b)) break;
    if (chars == 0) last = c.cp;
    b -= c.len;
    ++chars;
  }
  if (chars < 2) return std::nullopt;
  const char32_t first = char_at(s, b).cp;
  if (generic_place(first, last, suffix->text)) return std::nullopt;
  // 门市部: a shop, whatever stands before it (交化门市部).
  if (suffix->text == "市" && last == U'门' && char_at(s, i + suffix->text.size()).cp == U'部') return std::nullopt;
  // X城市 is a city only where the name starts a word (，邹城市 but not 宜居城市,
  // 制约城市): the character before it ends the name's growth for a reason.
  if (suffix->text == "市" && last == U'城' && b > st.last_end && b > 0) {
    static constexpr std::u32string_view kParticles = U"的在于於和与與及是从從到自由向为為";
    const Char before = char_before(s, b);
    if (is_han(before.cp) && kParticles.find(before.cp) == std::u32string_view::npos) return std::nullopt;
  }
  // 设区市: a name never ends in a suffix; 主城区, 老城区: a part of a city.
  if (place_suffix_char(last) || last == U'道' || first == U'主' || first == U'老' || first == U'全')
    return std::nullopt;
  // Three-character provinces and regions the two-character rule would cut.
  for (std::string_view three : {"黑龙江", "黑龍江", "内蒙古", "內蒙古"}) {
    if (b >= st.last_end + 3 && starts_with(s, b - 3, three)) {
      b -= 3;
      break;
    }
  }
  const std::size_t end = i + suffix->text.size();
  return make(FieldType::kPlace, b, end, FieldValue::of(std::string(s.substr(b, end - b))));
}

}  // namespace huozi::extract::detail
