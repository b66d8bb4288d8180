// Field extraction: unit cases for the rules and traps, and the labeled set
// (tests/data/fields/labeled.jsonl, also read by tests/python/test_fields.py)
// scored per type against precision and recall floors.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>

#include "huozi/extract/extract.hpp"
#include "huozi/pipeline.hpp"
#include "json_lite.hpp"
#include "test_util.hpp"

using namespace huozi;
using huozi::extract::ExtractContext;
using huozi::extract::FieldMatch;
using huozi::test_util::Json;

namespace {

ExtractContext context_for(std::string_view text, const char* page_date) {
  ExtractContext ctx;
  if (page_date) ctx.page_date = extract::parse_iso_date(page_date);
  else ctx.default_year = extract::infer_year({text});
  return ctx;
}

std::vector<FieldMatch> fields_of(std::string_view text, const char* page_date = nullptr) {
  return extract::extract_fields(text, context_for(text, page_date));
}

std::string text_of(std::string_view s, const FieldMatch& f) { return std::string(s.substr(f.begin, f.end - f.begin)); }

std::string value_string(const FieldValue& v) {
  switch (v.kind) {
    case FieldValue::Kind::kNull: return "null";
    case FieldValue::Kind::kString: return v.string;
    case FieldValue::Kind::kNumber: {
      std::ostringstream o;
      o.precision(15);
      o << v.number;
      return o.str();
    }
  }
  return "?";
}

// The first field of a type, or nullptr.
const FieldMatch* first(const std::vector<FieldMatch>& fs, FieldType t) {
  for (const auto& f : fs)
    if (f.type == t) return &f;
  return nullptr;
}

bool has_type(const std::vector<FieldMatch>& fs, FieldType t) { return first(fs, t) != nullptr; }

}  // namespace

TEST(ExtractDates, FullAndPartial) {
  std::string s = "2020年2月7日，二○○○年十二月三十一日，2019年 11月20日，6月份";
  auto fs = fields_of(s, "2020-07-24");
  ASSERT_EQ(fs.size(), 4u);
  EXPECT_EQ(fs[0].value.string, "2020-02-07");
  EXPECT_EQ(fs[1].value.string, "2000-12-31");
  EXPECT_EQ(text_of(s, fs[2]), "2019年 11月20日");
  EXPECT_EQ(fs[2].value.string, "2019-11-20");
  EXPECT_EQ(fs[3].value.string, "2020-06");
}

TEST(ExtractDates, YearFromPageDateOrPageOrUnknown) {
  std::string s = "7月23日，市公安局召开党委会。";
  EXPECT_EQ(fields_of(s, "2020-07-24")[0].value.string, "2020-07-23");
  EXPECT_EQ(fields_of(s)[0].value.string, "--07-23");
  ExtractContext ctx;
  ctx.default_year = 2020;
  EXPECT_EQ(extract::extract_fields(s, ctx)[0].value.string, "2020-07-23");
}

TEST(ExtractDates, RelativeWordsNeedThePageDate) {
  auto with = fields_of("近日，昨天，今年6月，去年", "2020-07-24");
  ASSERT_EQ(with.size(), 4u);
  EXPECT_EQ(with[0].value.string, "2020-07-24");
  EXPECT_EQ(with[1].value.string, "2020-07-23");
  EXPECT_EQ(with[2].value.string, "2020-06");
  EXPECT_EQ(with[3].value.string, "2019");
  auto without = fields_of("近日，昨天，今年6月，去年");
  ASSERT_EQ(without.size(), 4u);
  for (const auto& f : without) EXPECT_EQ(f.value.kind, FieldValue::Kind::kNull);
}

TEST(ExtractDates, DatetimeContainsItsDate) {
  std::string s = "2020年2月7日下午14时，市中公安分局特警大队接到报警";
  auto fs = fields_of(s);
  ASSERT_FALSE(fs.empty());
  EXPECT_EQ(fs[0].type, FieldType::kDatetime);
  EXPECT_EQ(text_of(s, fs[0]), "2020年2月7日下午14时");
  EXPECT_EQ(fs[0].value.string, "2020-02-07T14:00");
  EXPECT_FALSE(has_type(fs, FieldType::kDate));
  EXPECT_EQ(fields_of("晚上8点半")[0].value.string, "T20:30");
  EXPECT_EQ(fields_of("案發於2019年12月3日晚上十時")[0].value.string, "2019-12-03T22:00");
}

TEST(ExtractDates, InferYearTakesTheLatestFullDate) {
  EXPECT_EQ(extract::infer_year({"2019年 11月20日启动", "2020年2月7日下午", "7月23日"}), 2020);
  EXPECT_EQ(extract::infer_year({"7月23日", "2020年警务实战训练"}), 0);  // a bare year is no full date
  EXPECT_EQ(extract::parse_iso_date("2020-02-30"), std::nullopt);
  EXPECT_EQ(extract::parse_iso_date("2020-02-29")->day, 29);
}

TEST(ExtractPhones, DialingContextDecidesServiceNumbers) {
  EXPECT_FALSE(has_type(fields_of("110接处警工作是公安机关维护社会稳定的第一防线"), FieldType::kPhone));
  EXPECT_FALSE(has_type(fields_of("市公安局市中分局“110”勤务机制改革"), FieldType::kPhone));
  auto a = fields_of("第一时间联系120及家属");
  ASSERT_TRUE(has_type(a, FieldType::kPhone));
  EXPECT_EQ(first(a, FieldType::kPhone)->value.string, "120");
  auto b = fields_of("汇总到“12345”服务热线平台统一办理");
  ASSERT_TRUE(has_type(b, FieldType::kPhone));
  EXPECT_EQ(first(b, FieldType::kPhone)->value.string, "12345");
  EXPECT_TRUE(has_type(fields_of("如有线索请致電999"), FieldType::kPhone));
  EXPECT_FALSE(has_type(fields_of("全市共有999家企业"), FieldType::kPhone));
}

TEST(ExtractPhones, Forms) {
  auto fs = fields_of("0537-2345678，(0537)2345678，139-1234-5678，+86 139 1234 5678，(02)2345-6789，0912-345-678");
  std::vector<std::string> values;
  for (const auto& f : fs)
    if (f.type == FieldType::kPhone) values.push_back(f.value.string);
  EXPECT_EQ(values, (std::vector<std::string>{"0537-2345678", "0537-2345678", "13912345678", "+86-13912345678",
                                              "02-23456789", "0912345678"}));
  // Long numbers are not phones: 17503起, bank cards, order numbers.
  EXPECT_FALSE(has_type(fields_of("共接警17503起"), FieldType::kPhone));
  EXPECT_TRUE(fields_of("卡号6222021234567890123").empty());
}

TEST(ExtractAmounts, MoneyValuesAndCurrencies) {
  struct Case { const char* text; double value; const char* currency; bool approx; };
  const Case cases[] = {
      {"1288元", 1288, "CNY", false},        {"1000多元", 1000, "CNY", true},  {"3.5万元", 35000, "CNY", false},
      {"2.1亿元", 2.1e8, "CNY", false},      {"三千五百万元", 3.5e7, "CNY", false}, {"￥1,200", 1200, "CNY", false},
      {"5000美元", 5000, "USD", false},      {"港幣3,500元", 3500, "HKD", false}, {"新台幣1.2億元", 1.2e8, "TWD", false},
      {"约260万美元", 2.6e6, "USD", true},
  };
  for (const Case& c : cases) {
    auto fs = fields_of(c.text);
    ASSERT_EQ(fs.size(), 1u) << c.text;
    EXPECT_EQ(fs[0].type, FieldType::kMoney) << c.text;
    EXPECT_DOUBLE_EQ(fs[0].value.number, c.value) << c.text;
    EXPECT_EQ(fs[0].currency, c.currency) << c.text;
    EXPECT_EQ(fs[0].approx, c.approx) << c.text;
  }
}

TEST(ExtractAmounts, PercentAndQuantity) {
  EXPECT_DOUBLE_EQ(fields_of("下降9.33%")[0].value.number, 9.33);
  EXPECT_DOUBLE_EQ(fields_of("百分之十五")[0].value.number, 15);
  std::string s = "抽调60名党员干部";
  auto fs = fields_of(s);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(text_of(s, fs[0]), "60名");
  EXPECT_EQ(fs[0].unit, "名");
  auto q = fields_of("3,200名，758辆次，两分钟");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_DOUBLE_EQ(q[0].value.number, 3200);
  EXPECT_EQ(q[1].unit, "辆次");
  EXPECT_DOUBLE_EQ(q[2].value.number, 2);
  // Not quantities: model numbers, ordinals, idioms, a year.
  EXPECT_TRUE(fields_of("支持5G网络，第3次参加，千家万户，一起努力，两三个人").empty());
  auto y = fields_of("2019年17503起");
  ASSERT_EQ(y.size(), 2u);
  EXPECT_EQ(y[0].type, FieldType::kDate);
  EXPECT_EQ(y[1].type, FieldType::kQuantity);
}

TEST(ExtractWeb, EmailUrlIdCard) {
  auto fs = fields_of("邮箱abc@Jining.gov.cn，网址www.jining.gov.cn/news，身份证37080219900101123X");
  ASSERT_EQ(fs.size(), 3u);
  EXPECT_EQ(fs[0].type, FieldType::kEmail);
  EXPECT_EQ(fs[0].value.string, "abc@jining.gov.cn");
  EXPECT_EQ(fs[1].type, FieldType::kUrl);
  EXPECT_EQ(fs[2].type, FieldType::kIdCard);
  EXPECT_TRUE(fields_of("身份证370802199001011234").empty());  // bad checksum
}

TEST(ExtractNames, OrgsAndPlaces) {
  std::string s = "近日，邹城市公安局接到报案；济宁禁毒支队联合市禁毒协会；市中公安分局按照市公安局部署要求";
  std::vector<std::string> orgs;
  for (const auto& f : fields_of(s))
    if (f.type == FieldType::kOrg) orgs.push_back(text_of(s, f));
  EXPECT_EQ(orgs, (std::vector<std::string>{"邹城市公安局", "济宁禁毒支队", "市禁毒协会", "市中公安分局", "市公安局"}));
  std::string p = "深入其包保的任城区济阳街道京杭社区";
  std::vector<std::string> places;
  for (const auto& f : fields_of(p))
    if (f.type == FieldType::kPlace) places.push_back(text_of(p, f));
  EXPECT_EQ(places, (std::vector<std::string>{"任城区", "济阳街道", "京杭社区"}));
  // A city whose name ends in 门 is a city; 门市 after a word ending in 门 is not.
  std::string g = "厦门市和荆门市的代表，走访各部门市场，在热门市口和交化门市部";
  std::vector<std::string> gates;
  for (const auto& f : fields_of(g))
    if (f.type == FieldType::kPlace) gates.push_back(text_of(g, f));
  EXPECT_EQ(gates, (std::vector<std::string>{"厦门市", "荆门市"}));
}

TEST(ExtractScan, PathologicalInputsStayBounded) {
  // Long runs of triggers: the scan must finish and find nothing absurd.
  std::string digits(200000, '7');
  EXPECT_TRUE(fields_of(digits).empty());
  std::string heads;
  for (int i = 0; i < 20000; ++i) heads += "公安局";
  EXPECT_FALSE(fields_of(heads).empty());
  std::string numerals;
  for (int i = 0; i < 20000; ++i) numerals += "〇一二";
  fields_of(numerals);
}

TEST(ExtractPipeline, SamplePageDates) {
  std::string page = test_util::read_file(HUOZI_SAMPLE_PAGE);
  auto find_723 = [](const Page& p) -> const Field* {
    for (const auto& a : p.articles)
      for (const auto& f : a.fields)
        if (f.text == "7月23日") return &f;
    return nullptr;
  };
  ParseOptions with;
  with.date = "2020-07-24";
  auto a = parse_page(page, with);
  ASSERT_TRUE(a.ok());
  ASSERT_NE(find_723(a.value()), nullptr);
  EXPECT_EQ(find_723(a.value())->value.string, "2020-07-23");
  auto b = parse_page(page, ParseOptions{});
  ASSERT_TRUE(b.ok());
  ASSERT_NE(find_723(b.value()), nullptr);
  EXPECT_EQ(find_723(b.value())->value.string, "2020-07-23");  // inferred from 2020年2月7日
}

TEST(ExtractPipeline, DateSpanningALineBreak) {
  // A date broken across lines in the source: repair joins the lines, the
  // field reads whole and its span covers both source lines.
  std::string page =
      "110接处警工作是公安机关维护社会稳\n"
      "定的第一防线，开展社会管理的第一平台，\n"
      "更是服务群众的第一窗口。2019年 11月\n"
      "20日，市公安局市中分局“110”勤务机制改\n"
      "革暨社会面防控新机制全面启动。市中公\n"
      "安不断推进110接处警工作的信息化。\n";
  auto r = parse_page(page, ParseOptions{});
  ASSERT_TRUE(r.ok());
  const Field* date = nullptr;
  for (const auto& a : r.value().articles)
    for (const auto& f : a.fields)
      if (f.type == FieldType::kDate) date = &f;
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->value.string, "2019-11-20");
  const std::string src = page.substr(date->span.start, date->span.end - date->span.start);
  EXPECT_NE(src.find('\n'), std::string::npos) << src;
  EXPECT_EQ(src.substr(0, 4), "2019");
}

// ---- the labeled set ---------------------------------------------------------

namespace {

struct Tally {
  int tp = 0, predicted = 0, gold = 0;
  double precision() const { return predicted ? double(tp) / predicted : 1.0; }
  double recall() const { return gold ? double(tp) / gold : 1.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

bool value_matches(const Json& gold, const FieldValue& v) {
  if (gold.is_null()) return v.kind == FieldValue::Kind::kNull;
  if (gold.kind == Json::Kind::kString) return v.kind == FieldValue::Kind::kString && v.string == gold.string;
  if (gold.kind == Json::Kind::kNumber)
    return v.kind == FieldValue::Kind::kNumber && std::fabs(v.number - gold.number) <= 1e-9 * std::max(1.0, std::fabs(gold.number));
  return false;
}

// A predicted field matches a gold one when type, text, value and the extras
// (unit, currency, approx) all agree.
bool matches(const Json& g, const FieldMatch& f, std::string_view text) {
  if (g.get("type")->string != field_type_name(f.type)) return false;
  if (g.get("text")->string != text.substr(f.begin, f.end - f.begin)) return false;
  if (!value_matches(*g.get("value"), f.value)) return false;
  if (const Json* u = g.get("unit"); u && u->string != f.unit) return false;
  if (const Json* c = g.get("currency"); c && c->string != f.currency) return false;
  const Json* a = g.get("approx");
  if ((a && a->boolean) != f.approx) return false;
  return true;
}

}  // namespace

TEST(ExtractLabeledSet, PerTypePrecisionAndRecall) {
  std::istringstream in(test_util::read_file(test_util::data_path("fields/labeled.jsonl")));
  const bool verbose = std::getenv("HUOZI_FIELDS_VERBOSE") != nullptr;
  std::map<std::string, Tally> tally;
  std::map<std::string, Tally> heldout;  // the cases labeled after the rules were tuned
  Tally all;
  int cases = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    Json c = test_util::parse_json(line);
    ++cases;
    const std::string& text = c.get("text")->string;
    const Json* pd = c.get("page_date");
    auto fs = fields_of(text, pd && !pd->is_null() ? pd->string.c_str() : nullptr);
    const auto& gold = c.get("fields")->array;
    const Json* split = c.get("split");
    const bool held = split && split->string == "heldout";
    std::vector<bool> used(gold.size(), false);
    for (const auto& g : gold) {
      ++tally[g.get("type")->string].gold;
      if (held) ++heldout[g.get("type")->string].gold;
    }
    for (const auto& f : fs) {
      Tally& t = tally[field_type_name(f.type)];
      ++t.predicted;
      if (held) ++heldout[field_type_name(f.type)].predicted;
      bool hit = false;
      for (std::size_t k = 0; k < gold.size() && !hit; ++k)
        if (!used[k] && matches(gold[k], f, text)) used[k] = hit = true;
      if (hit) ++t.tp;
      if (hit && held) ++heldout[field_type_name(f.type)].tp;
      if (!hit && verbose)
        std::cout << "  extra " << field_type_name(f.type) << " [" << text.substr(f.begin, f.end - f.begin) << "] "
                  << value_string(f.value) << " " << f.unit << f.currency << (f.approx ? " approx" : "") << "  in "
                  << text << "\n";
    }
    if (verbose)
      for (std::size_t k = 0; k < gold.size(); ++k)
        if (!used[k])
          std::cout << "  missed " << gold[k].get("type")->string << " [" << gold[k].get("text")->string << "]  in "
                    << text << "\n";
  }
  EXPECT_GE(cases, 300);
  std::cout << "labeled set: " << cases << " sentences\n";
  std::cout << "type       gold  pred    tp  precision  recall     F1\n";
  for (const auto& [type, t] : tally) {
    all.tp += t.tp;
    all.predicted += t.predicted;
    all.gold += t.gold;
    char buf[128];
    std::snprintf(buf, sizeof buf, "%-9s %5d %5d %5d     %.3f   %.3f  %.3f\n", type.c_str(), t.gold, t.predicted, t.tp,
                  t.precision(), t.recall(), t.f1());
    std::cout << buf;
  }
  char buf[128];
  std::snprintf(buf, sizeof buf, "%-9s %5d %5d %5d     %.3f   %.3f  %.3f\n", "all", all.gold, all.predicted, all.tp,
                all.precision(), all.recall(), all.f1());
  std::cout << buf;
  Tally held_all;
  for (const auto& [type, t] : heldout) {
    held_all.tp += t.tp;
    held_all.predicted += t.predicted;
    held_all.gold += t.gold;
  }
  std::snprintf(buf, sizeof buf, "%-9s %5d %5d %5d     %.3f   %.3f  %.3f  (split \"heldout\" only)\n", "heldout",
                held_all.gold, held_all.predicted, held_all.tp, held_all.precision(), held_all.recall(), held_all.f1());
  std::cout << buf;
  // Floors, per type: what the scanner must keep doing on this set.
  const std::map<std::string, std::pair<double, double>> floors = {
      {"date", {0.95, 0.95}},     {"datetime", {0.90, 0.90}}, {"money", {0.95, 0.95}}, {"percent", {0.95, 0.95}},
      {"quantity", {0.95, 0.95}}, {"phone", {0.95, 0.95}},    {"email", {0.95, 0.95}}, {"url", {0.95, 0.95}},
      {"id_card", {0.95, 0.95}},  {"org", {0.90, 0.90}},      {"place", {0.85, 0.85}},
  };
  for (const auto& [type, f] : floors) {
    const Tally& t = tally[type];
    EXPECT_GE(t.precision(), f.first) << type << " precision";
    EXPECT_GE(t.recall(), f.second) << type << " recall";
  }
  EXPECT_GE(all.f1(), 0.95);
}
