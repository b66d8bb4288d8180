#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "huozi/pipeline.hpp"
#include "huozi/repair/repair.hpp"
#include "huozi/segment/byline.hpp"
#include "huozi/segment/segment.hpp"
#include "huozi/segment/sentences.hpp"
#include "test_util.hpp"

using namespace huozi;
using namespace huozi::segment;

namespace {
std::vector<std::pair<std::string, std::string>> names(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> out;
  if (auto b = parse_byline(s))
    for (auto& n : b->names) out.emplace_back(n.role, n.name);
  return out;
}
using P = std::vector<std::pair<std::string, std::string>>;
}  // namespace

TEST(Byline, CommonForms) {
  EXPECT_EQ(names("通讯员 侯宪锋 张巍"), (P{{"通讯员", "侯宪锋"}, {"通讯员", "张巍"}}));
  EXPECT_EQ(names("■通讯员 权尊彦 岳梦佳"), (P{{"通讯员", "权尊彦"}, {"通讯员", "岳梦佳"}}));
  EXPECT_EQ(names("■ 通讯员 谭黎静"), (P{{"通讯员", "谭黎静"}}));
  EXPECT_EQ(names("本报记者 王五"), (P{{"本报记者", "王五"}}));
  EXPECT_EQ(names("记者 赵六 通讯员 钱七"), (P{{"记者", "赵六"}, {"通讯员", "钱七"}}));
  EXPECT_EQ(names("记者赵六、孙八"), (P{{"记者", "赵六"}, {"记者", "孙八"}}));
  EXPECT_EQ(names("文/图 李明"), (P{{"文/图", "李明"}}));
  EXPECT_EQ(names("記者 陳大文"), (P{{"記者", "陳大文"}}));
}

TEST(Byline, RejectsHeadings) {
  EXPECT_TRUE(names("市公安局").empty());
  EXPECT_TRUE(names("坚持政治建警 全面从严治警").empty());
  EXPECT_TRUE(names("走进千家万户").empty());
  EXPECT_TRUE(names("通讯员").empty());
  EXPECT_TRUE(names("").empty());
  // A phrase of four characters run on after a role word is no name; a
  // compound surname and a given name are.
  EXPECT_TRUE(names("记者请教老者").empty());
  EXPECT_EQ(names("记者 欧阳志远"), (P{{"记者", "欧阳志远"}}));
}

// A role word cut at a line break: the line above ends with its first part,
// the line below opens with the rest and a name.
TEST(Byline, RoleWordCutAtALineBreak) {
  EXPECT_TRUE(role_split_between("通", "讯员 柳青松 高原"));
  EXPECT_TRUE(role_split_between("■通讯", "员 钱小禾"));
  EXPECT_TRUE(role_split_between("见习", "记者 孟晓川"));
  EXPECT_TRUE(role_split_between("记者 赵一鸣 通讯", "员 钱小禾"));
  EXPECT_TRUE(role_split_between("本报记", "者 周小山"));
  // Words parted by ideographic spaces (full-width type), as by ASCII ones.
  EXPECT_TRUE(role_split_between("记者\u3000赵一鸣\u3000通讯", "员 钱小禾"));
  EXPECT_TRUE(ends_with_role("赵一鸣\u3000通讯员"));
  EXPECT_FALSE(ends_with_role("赵一鸣通讯员"));
  // A whole role word above, no name below, or no role word across the break.
  EXPECT_FALSE(role_split_between("记者", "赵一鸣"));
  EXPECT_FALSE(role_split_between("通", "讯员"));
  EXPECT_FALSE(role_split_between("交通", "讯员 柳青松"));
  EXPECT_FALSE(role_split_between("全市交通", "运输工作会议召开"));
  EXPECT_FALSE(role_split_between("", "记者 孟晓川"));
}

TEST(Sentences, SplitsAtEndersKeepingClosersAndNumbers) {
  std::string t = "他说：“好。”然后走了！市中辖区处结率达92.7%。对吗？？";
  auto spans = split_sentences(t);
  std::vector<std::string> got;
  for (auto s : spans) got.push_back(t.substr(s.start, s.end - s.start));
  EXPECT_EQ(got, (std::vector<std::string>{"他说：“好。”", "然后走了！", "市中辖区处结率达92.7%。", "对吗？？"}));
  EXPECT_TRUE(split_sentences("").empty());
  auto one = split_sentences("没有句号");
  ASSERT_EQ(one.size(), 1u);
}

TEST(Pipeline, SampleGivesNineArticles) {
  const std::string page = test_util::read_file(HUOZI_SAMPLE_PAGE);
  auto r = parse_page(page);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const Page& p = r.value();
  ASSERT_EQ(p.articles.size(), 9u);
  EXPECT_EQ(p.articles[0].kicker->text, "市公安局");
  EXPECT_EQ(p.articles[0].title->text, "坚持政治建警 全面从严治警");
  EXPECT_EQ(p.articles[1].title->text, "“禁毒大篷车” 走进千家万户");
  EXPECT_FALSE(p.articles[4].title.has_value());
  EXPECT_FALSE(p.articles[8].title.has_value());
  EXPECT_EQ(p.articles[8].authors.size(), 1u);
  EXPECT_EQ(p.debris.size(), 3u);
  for (const Article& a : p.articles) {
    EXPECT_LE(a.span.end, page.size());
    for (const Block& b : a.blocks) EXPECT_LT(b.span.start, b.span.end);
    for (const Author& au : a.authors)
      EXPECT_EQ(page.substr(au.span.start, au.span.end - au.span.start), au.name);
  }
}

// A byline over the body of an article printed title-after goes to the
// title group right over it, of the article before, which has none: the
// article it leaves has no byline at all (a build with _GLIBCXX_ASSERTIONS,
// as the sanitizer builds are, stops on a front() of its empty list).
TEST(Pipeline, TopBylineGivenToTheHeadAboveLeavesNone) {
  const std::string page =
      "市公安局召开党委会议，研究部署全年工作。会议强调，要坚持问题导向，扎实推进各项改革任务落地见效。\n\n"
      "坚持政治建警\n\n通讯员 张三\n\n"
      "市交警支队开展道路交通安全整治行动，查处各类违法行为二百余起，有效净化了道路通行环境。\n\n"
      "全面从严治警\n";
  auto r = parse_page(page);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const Page& p = r.value();
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_EQ(p.articles[0].title->text, "坚持政治建警");
  ASSERT_EQ(p.articles[0].authors.size(), 1u);
  EXPECT_EQ(p.articles[0].authors[0].name, "张三");
  EXPECT_EQ(p.articles[1].title->text, "全面从严治警");
  EXPECT_TRUE(p.articles[1].authors.empty());
}

// A line of two characters each doubled (坎坎坷坷) among an article's
// paragraphs is as likely a word of the text doubled as a headline of two
// characters in faux bold: it is not taken for the headline face, and stays
// a subheading of the article (before: the headline of a second article).
TEST(Pipeline, TwoCharactersDoubledAreNoFauxBoldHeadline) {
  const std::string page =
      "社区民警进万家\n"
      "为了做好新形势下的社区警务工\n作，市公安局在全市范围内开展了“社\n区民警进万家”活动，民警们走街串巷\n"
      "，逐户走访群众，解决实际困难。\n"
      "坎坎坷坷\n"
      "民警们说，路虽然难走，但是看到\n群众满意的笑容，再苦再累也值得。\n"
      "通讯员 张三\n";
  auto r = parse_page(page);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const Page& p = r.value();
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title->text, "社区民警进万家");
  ASSERT_EQ(p.articles[0].blocks.size(), 3u);
  EXPECT_EQ(p.articles[0].blocks[1].kind, BlockKind::kSubheading);
  ASSERT_EQ(p.articles[0].authors.size(), 1u);
  EXPECT_EQ(p.articles[0].authors[0].name, "张三");
}

TEST(Pipeline, ErrorsAreValues) {
  auto r = parse_page(std::string("ab\0c", 4));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kBinaryInput);
  EXPECT_EQ(r.error().offset, 2u);
  EXPECT_EQ(r.error().to_string().rfind("binary_input at byte 2", 0), 0u);
  ParseOptions o;
  o.date = "2020-02-30";
  EXPECT_EQ(parse_page("文。", o).error().code, ErrorCode::kInvalidArgument);
  o.date.reset();
  o.limits.max_page_bytes = 4;
  EXPECT_EQ(parse_page("文本很长。", o).error().code, ErrorCode::kLimitExceeded);
}

TEST(Pipeline, DateFromPath) {
  EXPECT_EQ(date_from_path("jnrb/2020-07-24/03.txt"), "2020-07-24");
  EXPECT_EQ(date_from_path("20200724_A03.txt"), "2020-07-24");
  EXPECT_EQ(date_from_path("jnrb/2020/07/24/page3.txt"), "2020-07-24");
  EXPECT_FALSE(date_from_path("page-12345678901.txt").has_value());
  EXPECT_FALSE(date_from_path("20201332.txt").has_value());
  EXPECT_FALSE(date_from_path("page3.txt").has_value());
}

TEST(Model, SentenceSpansInlineAndOnTheHeap) {
  // Up to six spans are kept in the block, more in an array: both forms,
  // copied, moved (a moved-from one is empty) and compared.
  for (std::uint32_t n = 0; n <= 14; ++n) {
    std::vector<Span> spans;
    for (std::uint32_t k = 0; k < n; ++k) spans.push_back({10 * k, 10 * k + 5});
    SentenceSpans s;
    s.assign(spans.data(), spans.data() + spans.size());
    ASSERT_EQ(s.size(), n);
    EXPECT_EQ(s.empty(), n == 0);
    EXPECT_TRUE(std::equal(s.begin(), s.end(), spans.begin(), spans.end()));
    for (std::uint32_t k = 0; k < n; ++k) EXPECT_EQ(s[k], spans[k]);
    const SentenceSpans copy = s;
    EXPECT_EQ(copy, s);
    SentenceSpans moved = std::move(s);
    EXPECT_EQ(moved, copy);
    EXPECT_TRUE(s.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
    SentenceSpans assigned{{1, 2}};
    assigned = copy;
    EXPECT_EQ(assigned, copy);
    SentenceSpans move_assigned{{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 10}, {11, 12}, {13, 14}};
    move_assigned = std::move(assigned);
    EXPECT_EQ(move_assigned, copy);
    EXPECT_TRUE(assigned.empty());  // NOLINT(bugprone-use-after-move)
    move_assigned = std::move(move_assigned);  // self-move keeps it
    EXPECT_EQ(move_assigned, copy);
    if (n > 0) {
      EXPECT_EQ(copy.front(), spans.front());
      EXPECT_EQ(copy.back(), spans.back());
    }
    // Shorter after longer, and the other way: the old spans do not show.
    SentenceSpans reused = copy;
    reused.assign(spans.data(), spans.data() + n / 2);
    EXPECT_EQ(reused.size(), n / 2);
    EXPECT_TRUE(std::equal(reused.begin(), reused.end(), spans.begin(), spans.begin() + n / 2));
    // Its own spans assigned again (a part of them, from inline or from the array).
    SentenceSpans own = copy;
    own.assign(own.begin() + n / 3, own.end());
    EXPECT_TRUE(std::equal(own.begin(), own.end(), spans.begin() + n / 3, spans.end()));
  }
  EXPECT_FALSE((SentenceSpans{{0, 1}}) == (SentenceSpans{{0, 2}}));
  EXPECT_FALSE((SentenceSpans{{0, 1}}) == (SentenceSpans{{0, 1}, {1, 2}}));
}

// Two titles of neighbours stacked over the first one's body (pdftotext's
// default mode reads a head row block by block): the second title is a whole
// clause of a later paragraph's first sentences, past the paragraph's
// opening (a long first clause before it). That paragraph opens the second
// article, not the first paragraph set off by a blank line.
TEST(Pipeline, StackedTitleFoundPastTheOpeningOfALaterLeadOpensItsArticleThere) {
  const std::string page =
      "集市货足价格稳当\n\n"
      "山村大道通到家门前\n\n"
      "集市货足价格稳当，节日期间全城各大商\n"
      "场和农贸市场货源充足，瓜果蔬菜价格总\n"
      "体平稳，居民采购热情很高。\n\n"
      "据了解，市商务部门提早组织货源，加大\n"
      "储备投放，并加强对重点商品价格的监测\n"
      "，确保群众过好节日。\n"
      "记者近日从县交通部门获悉，今年以来全\n"
      "县上下齐心协力，克服资金紧张和施工难\n"
      "度大等重重困难，加快推进农村道路建设\n"
      "，山村大道通到家门前，沿线村民出行难\n"
      "问题得到有效解决。\n";
  auto r = parse_page(page);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const Page& p = r.value();
  ASSERT_EQ(p.articles.size(), 2u);
  ASSERT_TRUE(p.articles[0].title.has_value());
  EXPECT_EQ(p.articles[0].title->text, "集市货足价格稳当");
  ASSERT_TRUE(p.articles[1].title.has_value());
  EXPECT_EQ(p.articles[1].title->text, "山村大道通到家门前");
  ASSERT_FALSE(p.articles[1].blocks.empty());
  EXPECT_EQ(p.articles[1].blocks.front().text.substr(0, 12), "记者近日");
}

// Repair keeps the bylines it read on lines of their own (a line's text and
// the names parse_byline_names() read in it), and segmentation takes them
// for a byline unit of the same text instead of reading it again: the
// records say what parsing says, and the page segments the same with them
// dropped (every byline then parsed).
TEST(Byline, RepairKeepsTheBylinesItReadOnLinesOfTheirOwn) {
  const std::string text =
      "新区建成三座污水处理厂\n"
      "本报记者 孔七 通讯员 严九\n"
      "\n"
      "　　本报讯 新区今年建成三座污水处理厂，日处理能力达到十二万吨。厂区采用新工艺，出水水质全面达标。\n"
      "　　据介绍，三座厂的建成让新区的污水收集率提高到九成以上，沿河的排污口全部封堵。\n";
  const auto repaired = huozi::repair::repair_page(text);
  ASSERT_EQ(repaired.line_bylines.size(), 1u);
  const huozi::repair::LineByline& b = repaired.line_bylines[0];
  const std::string_view read(repaired.byline_texts.data() + b.text_at, b.text_size);
  EXPECT_EQ(read, "本报记者 孔七 通讯员 严九");
  std::vector<BylineNameAt> parsed;
  ASSERT_TRUE(parse_byline_names(read, parsed));
  ASSERT_EQ(parsed.size(), b.name_count);
  for (std::size_t k = 0; k < parsed.size(); ++k) {
    EXPECT_EQ(parsed[k].role, repaired.byline_names[b.names_at + k].role);
    EXPECT_EQ(parsed[k].begin, repaired.byline_names[b.names_at + k].begin);
    EXPECT_EQ(parsed[k].end, repaired.byline_names[b.names_at + k].end);
  }
  huozi::Page kept, dropped;
  kept.text = dropped.text = text;
  huozi::segment::segment_page(repaired, kept);
  auto without = repaired;
  without.line_bylines.clear();
  without.byline_texts.clear();
  without.byline_names.clear();
  huozi::segment::segment_page(without, dropped);
  ASSERT_EQ(kept.articles.size(), 1u);
  ASSERT_EQ(dropped.articles.size(), 1u);
  ASSERT_EQ(kept.articles[0].authors.size(), 2u);
  ASSERT_EQ(dropped.articles[0].authors.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(kept.articles[0].authors[k].role, dropped.articles[0].authors[k].role);
    EXPECT_EQ(kept.articles[0].authors[k].name, dropped.articles[0].authors[k].name);
    EXPECT_EQ(kept.articles[0].authors[k].span, dropped.articles[0].authors[k].span);
  }
  EXPECT_EQ(kept.articles[0].authors[0].name, "孔七");
  EXPECT_EQ(kept.articles[0].authors[1].name, "严九");
}
