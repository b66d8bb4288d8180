#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "huozi/repair/interleave.hpp"
#include "huozi/repair/line.hpp"
#include "huozi/repair/repair.hpp"
#include "json_lite.hpp"
#include "test_util.hpp"

using namespace huozi;
using namespace huozi::repair;

TEST(RepairSample, MatchesHandWrittenFixture) {
  const std::string page = test_util::read_file(HUOZI_SAMPLE_PAGE);
  ASSERT_FALSE(page.empty());
  const std::string expected = test_util::read_file(test_util::data_path("sample/jining-police-page.repaired.txt"));
  RepairResult r = repair_page(page);
  // Compare unit by unit so that a failure names the lines that differ.
  auto split = [](const std::string& s) {
    std::vector<std::string> out;
    std::size_t b = 0;
    for (std::size_t e; (e = s.find('\n', b)) != std::string::npos; b = e + 1) out.push_back(s.substr(b, e - b));
    return out;
  };
  const auto got = split(render_units(r));
  const auto want = split(expected);
  for (std::size_t i = 0; i < std::min(got.size(), want.size()); ++i)
    ASSERT_EQ(got[i], want[i]) << "repaired line " << i + 1;
  EXPECT_EQ(got.size(), want.size());
}

// The shared repair cases (tests/data/repair/cases.jsonl, also read by
// tests/python/test_repair_cases.py): each names an extraction artifact, gives
// a short page, the units repair must make of it and the reason codes of
// chosen line breaks (keyed by the 0-based line index of the earlier line).
TEST(RepairCases, SharedCasesGiveTheirUnitsAndReasons) {
  std::istringstream in(test_util::read_file(test_util::data_path("repair/cases.jsonl")));
  int cases = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const test_util::Json c = test_util::parse_json(line);
    const std::string& name = c.get("name")->string;
    ++cases;
    // Optional: options other than the defaults ({"deinterleave": true}:
    // forced on, false: off, "auto": the default).
    RepairOptions options;
    if (const auto* o = c.get("options"))
      if (const auto* d = o->get("deinterleave"))
        options.deinterleave = d->kind == test_util::Json::Kind::kString ? Deinterleave::kAuto
                               : d->boolean                              ? Deinterleave::kOn
                                                                         : Deinterleave::kOff;
    const RepairResult r = repair_page(c.get("text")->string, options);
    const auto& want = c.get("units")->array;
    ASSERT_EQ(r.units.size(), want.size()) << name;
    for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(r.units[i].text.text(), want[i].string) << name << " unit " << i;
    // Optional: the shapes of the units (what segmentation reads them as).
    if (const auto* shapes = c.get("shapes")) {
      ASSERT_EQ(shapes->array.size(), r.units.size()) << name;
      for (std::size_t i = 0; i < r.units.size(); ++i)
        EXPECT_STREQ(unit_shape_name(r.units[i].shape), shapes->array[i].string.c_str()) << name << " unit " << i;
    }
    for (const auto& [line_no, reason] : c.get("reasons")->object) {
      const auto at = static_cast<std::uint32_t>(std::stoul(line_no));
      const JoinDecision* d = nullptr;
      // Keyed by physical line, as the Python API reports them; a line split
      // in two (a headline sharing a baseline) has two decisions: the last.
      for (const JoinDecision& x : r.decisions) if (r.lines[x.line].physical == at) d = &x;
      ASSERT_NE(d, nullptr) << name << " line " << line_no;
      EXPECT_STREQ(break_reason_name(d->reason), reason.string.c_str()) << name << " line " << line_no;
    }
  }
  EXPECT_GE(cases, 8);
}

// Punctuation a squeezed page sets half width: sentence and clause marks,
// quotes and brackets; dashes and ellipses stay full width.
TEST(RepairLines, DashesAndEllipsesAreNeverSqueezable) {
  const std::string t = "这次活动———全市灯会……取得成功，“好”。";
  const LineInfo l = measure_line(t, 0, t.size());
  EXPECT_EQ(l.wide_punct, 4u);  // ，“”。
  EXPECT_EQ(adjusted_width(l, true), adjusted_width(l, false) + 1 - 4);  // (a trailing mark counts half unsqueezed)
}

// Columns read row by row (pdftotext's default mode): a line that holds the
// lines of two columns run together is split between them, the break
// between its pieces says so (the case file sees only the last decision of
// a physical line), and each piece goes on in its own column's paragraph.
TEST(RepairInterleaved, RunTogetherLineIsSplitBetweenItsColumns) {
  const auto cases = test_util::read_file(test_util::data_path("repair/cases.jsonl"));
  std::istringstream in(cases);
  std::string text;
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"columns_read_row_by_row_are_put_back\"") == std::string::npos) continue;
    text = test_util::parse_json(line).get("text")->string;
  }
  ASSERT_FALSE(text.empty());
  RepairOptions options;
  options.deinterleave = Deinterleave::kOn;
  const RepairResult r = repair_page(text, options);
  const JoinDecision* cut = nullptr;
  for (const JoinDecision& d : r.decisions)
    if (d.reason == BreakReason::kRunTogetherColumns) cut = &d;
  ASSERT_NE(cut, nullptr);
  EXPECT_EQ(cut->kind, BreakKind::kBlock);
  EXPECT_EQ(r.lines[cut->line].physical, r.lines[cut->next_line].physical);
  // The two pieces end up in two units, each a whole paragraph of its column.
  auto unit_of = [&](std::uint32_t line) {
    for (std::size_t i = 0; i < r.units.size(); ++i)
      for (const auto& a : r.units[i].text.anchors())
        if (!a.synthetic && a.src >= r.lines[line].content.start && a.src < r.lines[line].content.end) return i;
    return r.units.size();
  };
  EXPECT_NE(unit_of(cut->line), unit_of(cut->next_line));
  EXPECT_LT(unit_of(cut->line), r.units.size());
  EXPECT_LT(unit_of(cut->next_line), r.units.size());
}

// De-interleaving links each line under at most one line above it, in the
// streams' pass, the look at a stretch's late-read first row and page order
// (links that only point down the page: no cycle): its order holds every
// non-blank line exactly once. Random pages of two to four columns read row
// by row under heads stacked over them, after the end of an article in one
// column: paragraphs whose first lines are 2 em short, wrapped lines that
// fill the column and last lines that stop short, rows now and then run
// together on one line or parted by blank lines (loose leading), none run
// together in the first rows now and then (where the period pass starts a
// stretch a line or a row late, and link_first_row looks above it), none
// in many rows now and then (extend_to_first_row and start_at_first_row
// read those in columns), and lines of furniture and other articles after
// them; on a third of the pages a second block of columns under the first
// (a loose stretch's end, extend_stretch_ends, may run up to its tops).
TEST(RepairInterleaved, StreamOrderHoldsEveryLineOnce) {
  const std::vector<std::string> han = {"城", "东", "菜", "价", "平", "稳", "北", "街", "小", "学", "新", "建",
                                        "图", "书", "室", "上", "周", "正", "式", "开", "放", "三", "间", "教"};
  std::mt19937 rng(1919);
  auto pick = [&rng](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  // A line of `chars` characters: Han, a comma now and then, a full stop
  // last where it ends its paragraph.
  auto text_line = [&](std::size_t chars, bool ends) {
    std::string l;
    for (std::size_t c = 0; c + 1 < chars; ++c) l += pick(7) == 0 ? "，" : han[pick(han.size())];
    l += ends ? "。" : (pick(3) == 0 ? "，" : han[pick(han.size())]);
    return l;
  };
  std::size_t found = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string page;
    // One block of columns, or two, one article's under another's (a
    // stretch's end may run into the next one's tops).
    for (std::size_t block = 0, blocks = 1 + (pick(3) == 0); block < blocks; ++block) {
      const std::size_t k = 2 + pick(3), width = 8 + pick(6);
      for (std::size_t r = 0, rows = pick(5); r < rows; ++r) page += text_line(width, r + 1 == rows) + "\n";
      if (pick(2)) page += "\n";
      for (std::size_t h = 0, heads = pick(3); h < heads; ++h) page += han[pick(han.size())] + han[pick(han.size())] + "新闻\n\n";
      std::vector<std::vector<std::string>> columns(k);
      for (auto& column : columns)
        for (std::size_t p = 0, paragraphs = 1 + pick(3); p < paragraphs; ++p) {
          const std::size_t lines = 1 + pick(6);
          for (std::size_t l = 0; l < lines; ++l) {
            const bool last = l + 1 == lines;
            const std::size_t chars = last ? 1 + pick(width) : (l == 0 ? width - 2 : width);
            column.push_back((l == 0 ? "\u3000\u3000" : "") + text_line(chars, last));
          }
        }
      const bool loose = pick(2) == 0;
      // Rows with no two lines run together: a row or two, now and then many
      // (where nothing but the first row tells the columns: start_at_first_row),
      // or all of them in a second block.
      const std::size_t late = pick(4) == 0 ? 3 + pick(8) : block > 0 && pick(2) ? 1000 : pick(3);
      std::size_t rows = 0;
      for (const auto& column : columns) rows = std::max(rows, column.size());
      for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < k; ++c) {
          if (r >= columns[c].size()) continue;
          const bool together = r >= late && c + 1 < k && r < columns[c + 1].size() && pick(6) == 0;
          page += columns[c][r];
          if (together) {
            page += " " + columns[c + 1][r];
            ++c;
          }
          page += "\n";
          if (loose) page += "\n";
        }
      }
      for (std::size_t r = 0, tail = pick(4); r < tail; ++r) page += text_line(width + pick(8), pick(2)) + "\n";
    }
    std::vector<LineInfo> lines = scan_lines(page);
    const StreamOrder order = deinterleave(page, lines, false);
    found += order.found;
    std::vector<std::uint32_t> want, got = order.order;
    for (std::uint32_t i = 0; i < lines.size(); ++i)
      if (!lines[i].blank) want.push_back(i);
    std::sort(got.begin(), got.end());
    ASSERT_EQ(got, want) << "page:\n" << page;
  }
  // (Most of them read as columns: the links are made, not left to page order.)
  EXPECT_GT(found, 500u);
}

// Units of a page repaired with the full test for columns read row by row.
namespace {
std::vector<std::string> deinterleaved_units(const std::string& page) {
  RepairOptions options;
  options.deinterleave = Deinterleave::kOn;
  std::vector<std::string> out;
  for (const auto& u : repair_page(page, options).units) out.emplace_back(u.text.text());
  return out;
}
bool has_unit(const std::vector<std::string>& units, const std::string& want) {
  return std::find(units.begin(), units.end(), want) != units.end();
}
}  // namespace

// The stream pass (inside a stretch read row by row): a paragraph's first
// line that goes on (2 em short of its column, stopping mid-sentence) wraps
// onto a line filling its column, never onto another paragraph's first
// line. Two columns of a tightly leaded page as pdftotext's default mode
// reads them: the right one starts two rows higher (its first line, 2 em
// short, and a full line come out alone), then the rows run together, the
// left column's first line the first piece of the first of them. Without
// the rule the right column's first line goes on with the left column's
// first line. (The pages of these tests keep the shapes of pages of the PDF
// dev set, their Han characters replaced one for one by others: widths,
// marks and the pairs of characters the page repeats are what the passes
// read.)
TEST(RepairInterleaved, StreamFirstLineDoesNotGoOnUnderAnotherFirstLine) {
  const std::string page =
      "答反队城抽充眼赢放抽通氛复铺嫌录\n"
      "害烊呱走把飞，答反抽充声军就组，作统\n"
      "到梳堂使，突属辆绿眼彻鱼访万双条 乐学履净州辖，义之造建放抽绒容净阳网\n"
      "满问辨净防辅察断。梳作绿格净“到梳堂 物召。新城力答充中群量对命路据宜雀，\n"
      "使卢际协”家求，厦停脱使摸虫思历每伸 群量对命内绒把家注外。\n"
      "色场宗艾色气资，条相供净端试福因\n"
      "虫思惩九按土栏念，实电眼彻梳忧，可众\n"
      "堂使辆到，疑页告使融利赶效，措操使摸 课窗协佳群家求，刚营条交张净秩念。端\n"
      "治贯净宣道往占，它秩眼彻鱼访绕违净防 试福因停旦逻早足气部刚营条交张京公净\n"
      "辅丽刚，攻辜秩署条满访净城沉察断。鱼 算课，念常交访鱼旦净著送多短悉犯抗算\n"
      "知降骗九连枪站红杭影犯东家求，常确营 课教协题生艾书净办够。\n"
      "《矿系》风坚，题浏退四构份域语数\n"
      "它眼彻虫思历每伸虫思，脱到梳堂使带站\n";
  EXPECT_TRUE(has_unit(deinterleaved_units(page),
                       "答反队城抽充眼赢放抽通氛复铺嫌录害烊呱走把飞，答反抽充声军就组，作统乐学履净州辖，义之造建放抽绒容净阳网物召。新城力答充中群量对命路据宜雀，群量对命内绒把家注外。"));
}

// A stretch's tops (the K lines before it, as the period pass reads it)
// that go on from each other in the page's order are one column's, not K
// columns' last lines: pdftotext's default mode often reads a paragraph's
// first lines as a block of its own before the rows of the columns beside
// it. Here two narrow columns read row by row, the left one's first two
// lines (its first line, 2 em short, and a full one) alone before the rows;
// the stream pass keeps both readings of the tops and the rows under them
// choose. Without it the left column's first line is cut off from the rest
// of its paragraph.
TEST(RepairInterleaved, StreamTopsInPageOrderAreOneColumn) {
  const std::string page =
      "答反队城抽充眼赢放氛\n"
      "复队铺嫌录害烊呱走把充飞\n"
      "把声军就，复队组报作\n"
      "统到梳堂。使突梳属辆绿彻\n"
      "鱼走访万双条，乐学履录害\n"
      "净州，辖义之造录害建绒条\n"
      "访容阳充网州作满双问辨防\n"
      "辅察断之。格物充召声新，\n"
      "力中群量网州对命双，路据\n"
      "义建宜雀卢际净协家，复队\n"
      "求厦停召脱。\n"
      "铺嫌摸虫条录害思走把充历\n"
      "每伸、内每注外色场量\n"
      "宗，量宜艾充场气到资相害\n"
      "：“供端试福因惩九按土栏\n"
      "呱走念思充实电。\n"
      "充忧可声众万疑量：“（召）\n"
      "页按，告融学利赶效措\n";
  EXPECT_TRUE(has_unit(deinterleaved_units(page),
                       "答反队城抽充眼赢放氛复队铺嫌录害烊呱走把充飞统到梳堂。使突梳属辆绿彻净州，辖义之造录害建绒条辅察断之。格物充召声新，义建宜雀卢际净协家，复队铺嫌摸虫条录害思走把充历宗，量宜艾充场气到资相害呱走念思充实电。"));
}

// On a tightly leaded page pdftotext's default mode parts its blocks with
// blank lines, and a column read row by row does not reach into the block
// above it (the period pass charges such links, see follow_cost; the stream
// pass now does too). Two blocks of two columns read row by row, parted by
// a blank line; the first block's left column goes on alone for two lines
// after the right one ended. Without the rule the next block's first line
// goes on under the first block's last line but one, and the paragraph
// under the blank loses its first line.
TEST(RepairInterleaved, StreamDoesNotReachIntoAnotherBlock) {
  const std::string page =
      "答反队城，抽充眼赢放氛复铺嫌录\n"
      "害烊呱：走把飞声军就组作统\n"
      "到梳堂使突属。军辆，绿组彻鱼访 万双条乐学履净州反辖义，飞声军\n"
      "之造建鱼绒容声军，阳网满绿组问 就组双条履辨防辅察断格，防物召\n"
      "新学组力中群量对命路万访据宜雀 卢访际协录家求统厦停脱。\n"
      "摸虫，通思历每城伸内注答外，色\n"
      "绿组问新场宗艾气绒资相供。\n"
      "\n"
      "端试辖福彻反因惩访色九，按\n"
      "土栏念实，电忧可土众疑页告\n"
      "融利栏赶效、呱措操课、窗净佳刚、 营交际协张军秩营交，治贯土宣道\n"
      "往占它绕反违旦，佳逻早足部京， 公丽张攻辜署，家求窗沉众疑算署\n"
      "常净著送多短。\n"
      "悉眼犯对命反绒容抗。知降骗连枪\n";
  EXPECT_TRUE(has_unit(deinterleaved_units(page),
                       "端试辖福彻反因惩访色九，按融利栏赶效、呱措操课、窗净佳刚、往占它绕反违旦，佳逻早足部京，常净著送多短。"));
}

// A column whose paragraph ended (its last line ends a sentence) often has
// no line in the next rows (the space before its next paragraph or head):
// skipping it costs the stream pass less than skipping a column that stops
// mid-sentence, so that the row's other lines stay in their columns. Two
// columns under a byline, read row by row after the left one's first two
// lines; above them the columns of the block before ended (a paragraph's
// last line, a byline). Without the rule skipping those costs as much as
// skipping a column that goes on, and the left column's first line goes on
// with the right column's first line.
TEST(RepairInterleaved, StreamSkipsAnEndedColumnCheaply) {
  const std::string page =
      "答反队城抽，充眼赢放氛复铺嫌录害烊呱\n"
      "走，把飞声军就害，组眼作统军就。\n"
      "，到统梳堂声使嫌突属辆。绿彻鱼访，声\n"
      "万双条报报乐，梳学履净，州辖义之\n"
      "造建梳氛赢到统绒容害“鱼阳网满”，问\n"
      "辨辨反防辅察“断格”，充物召义之新就\n"
      "力梳中群量到统绒容害属对命组。\n"
      "梳路据宜、雀宜。鱼辖卢际路协鱼家求厦\n"
      "“走停脱录摸虫思历每伸害内注外色\n"
      "场员宗艾气资、相供端试福求厦，因惩雀\n"
      "，路九按土栏念每伸脱实电忧，可众疑页\n"
      "宜告物路，融鱼利赶学效效把措操课员，\n"
      "窗佳栏念每伸害，堂刚营交（铺）张秩治\n"
      "贯鱼宣路反道据宜往复双占害它学告。\n"
      "■通讯员 绕违旦 逻早足 者部京公走停丽攻辜，署往厦念栏念每伸\n"
      "张沉。”\n"
      "\n"
      "记者 算常 通讯员 著送多\n"
      "充把，短悉犯抗害知降可骗连枪站红、\n"
      "算杭影署署东确悉教铺题生，念就书犯办\n"
      "够矿绒容3／4害系绒风防坚悉浏退念\n"
      "注，融四构份域语数带体丝，鱼质数带体\n"
      "就。够矿往此长浏退19财会眼姓百先宣\n"
      "丝检告络给，纸建益氛念就风防即处。乡\n"
      "2000外害系绒广与，融2000外浏退此长并\n"
      "署署案邹汶少外访嫌见赢50％往复，益氛\n"
      "带案邹况念27财会，种力念每模说阶间。\n"
      "数辖可骗巡社表组，系绒风连斗林虫密，\n"
      "够矿绒容载道拥他2001外广与姓悉此长考\n";
  EXPECT_TRUE(has_unit(deinterleaved_units(page),
                       "万双条报报乐，梳学履净，州辖义之辨辨反防辅察“断格”，充物召义之新就梳路据宜、雀宜。鱼辖卢际路协鱼家求厦场员宗艾气资、相供端试福求厦，因惩雀宜告物路，融鱼利赶学效效把措操课员，贯鱼宣路反道据宜往复双占害它学告。"));
}

// A stream's last line that stops mid-sentence goes on somewhere: a reading
// that ends a stretch with such a line left over (no line under it, and not
// the stretch's last line, which the page's order goes on from) is charged
// for it. Two columns of a tightly leaded page under heads set side by side
// (tests/python/test_deinterleave.py): the left column's paragraph ends two
// rows before the right one's, whose last two lines come out alone. Without
// the charge the right column's last line goes under the left column's end
// (the period pass's link, two lines up) and is cut off from its paragraph.
TEST(RepairInterleaved, StreamLeavesNoLineStoppingMidSentenceDangling) {
  const std::string page =
      "城东日报 2003年5月8日 星期四\n"
      "\n"
      "春风吹暖了整个小镇\n"
      "\n"
      "特约记者 张远\n"
      "\n"
      "第3版 要闻\n"
      "\n"
      "市住房建设局\n"
      "\n"
      "县教育局\n"
      "\n"
      "老城区改造进入收尾阶段\n"
      "\n"
      "乡村学校新添一批图书\n"
      "\n"
      "记者昨天从市住建部门了解到，老\n"
      "开学第一周，县教育局给山\n"
      "城区改造工程已经进入收尾阶段，\n"
      "区的十二所村小送去了两万\n"
      "沿街的三十多栋旧楼完成了外墙翻 多册图书，其中有不少是孩\n"
      "新，地下管网全部换成了新管道，\n"
      "子们喜欢的科普读物和绘本\n"
      "原来坑洼不平的小巷铺上了青石板 ，各校都腾出教室建起了图\n"
      "书角，老师们还排了阅读课\n"
      "，居民们说出门再也不怕下雨天了\n"
      "。街道办事处还在路口增设了两个\n"
      "，让每个学生每周至少借阅\n"
      "公交站点和一处停车场，附近菜市\n"
      "一本书。一位校长告诉记者\n"
      "场的摊位也重新规划，早晚高峰时 ，以前学校只有几本旧课外\n"
      "书，现在孩子们课间都抢着\n"
      "段的拥堵明显缓解。\n"
      "去图书角看书，家长们也很\n"
      "支持这件事。\n";
  EXPECT_TRUE(has_unit(deinterleaved_units(page),
                       "开学第一周，县教育局给山区的十二所村小送去了两万多册图书，其中有不少是孩子们喜欢的科普读物和绘本，各校都腾出教室建起了图书角，老师们还排了阅读课，让每个学生每周至少借阅一本书。一位校长告诉记者，以前学校只有几本旧课外书，现在孩子们课间都抢着去图书角看书，家长们也很支持这件事。"));
}

// Repair keeps per-thread scratch from page to page (no allocation on most
// pages), but not the room of the largest page a thread ever met: after a
// page of 300,000 lines (some 45 MB of scratch while it runs) the thread
// keeps less than a megabyte; after an ordinary page it keeps its room.
TEST(RepairMemory, ScratchKeptPerThreadStaysBoundedAfterAHugePage) {
  std::string page;
  for (int i = 0; i < 300000; ++i) page += (i % 7 == 6) ? "甲乙丙丁戊己庚辛。\n" : "甲乙丙丁戊己庚辛壬癸\n";
  const auto huge = huozi::repair::repair_page(page);
  ASSERT_GT(huge.units.size(), 1u);
  EXPECT_LT(huozi::repair::detail::scratch_bytes(), std::size_t{1} << 20);
  std::string small;
  for (int i = 0; i < 200; ++i) small += (i % 7 == 6) ? "甲乙丙丁戊己庚辛。\n" : "甲乙丙丁戊己庚辛壬癸\n";
  huozi::repair::repair_page(small);
  EXPECT_GT(huozi::repair::detail::scratch_bytes(), 0u);
}
