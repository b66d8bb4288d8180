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

// Columns out of order: the head of another article set into a paragraph
// (see rejoin_around_moved_heads). Whether some unit of the repaired page
// reads exactly `want`.
static bool has_unit(const RepairResult& r, std::string_view want) {
  for (const auto& u : r.units)
    if (u.text.text() == want) return true;
  return false;
}

// A title and a two-line lead of a column a few characters wider (its
// lines 55 and 60 wide, the paragraph's 52) set into a paragraph that stops
// mid-sentence on a full line: the lead's open last line is wider than the
// paragraph's column by more than a column's play (less than sticks_out
// asks), so the paragraph goes on with the full line under it.
TEST(RepairMovedHead, ParagraphGoesOnUnderAnOpenLineOfAWiderColumn) {
  const std::string page =
      "条件。我们正面对世界经济和科技前所未有的大发展，面对\n前所未有的激烈的国际竞争，这是一场全球范围的大竞争。\n"
      "一切取决于首先要把我们自己的事情干好。抓住机遇，加快\n发展，开拓进取，赢得主动，实现中华民族的伟大复兴，这\n"
      "是中国共产党和中国人民在新世纪的历史责任。\n致公党中央主席罗豪才在茶话会上讲话，他代表各民主\n"
      "党派中央、全国工商联和无党派人士，向全国各族人民致以\n美好的祝愿。向香港、澳门特别行政区同胞和台湾同胞、海\n"
      "侨胞在关心古巴发展的同时\n古巴最大的华人团体中华总会馆1日在哈瓦那举行酒会，庆祝元\n"
      "旦和古巴革命胜利42周年。中华总会馆主席周一飞先生在致祝酒辞时\n外侨胞致以诚挚的问候。向伟大的中国共产党致以崇高的敬\n"
      "意。\n陈祖德：首先我认为普及是开展围棋事业最重要的条件，\n我认为普及围棋最好从教育着手，从幼儿园和小学就应该开\n"
      "始培养。\n村民开始到有关部门上访。原先根据乡政府的一面之词，\n宣布罢免书无效的有关部门，在了解到尚有200多签名没有\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r,
                       "致公党中央主席罗豪才在茶话会上讲话，他代表各民主党派中央、全国工商联和无党派人士，向全国各族人民致以"
                       "美好的祝愿。向香港、澳门特别行政区同胞和台湾同胞、海外侨胞致以诚挚的问候。向伟大的中国共产党致以崇高的敬意。"));
  EXPECT_TRUE(has_unit(r, "侨胞在关心古巴发展的同时"));
  EXPECT_TRUE(has_unit(r,
                       "古巴最大的华人团体中华总会馆1日在哈瓦那举行酒会，庆祝元旦和古巴革命胜利42周年。中华总会馆主席周一飞先生"
                       "在致祝酒辞时"));
}

// A kicker, a title, a byline and a lead of two lines set into a paragraph
// of a 32-wide column: the lead's first line 2 em short of its second, which
// stops mid-sentence a character wider than the column (34: Han text fills
// its column to a character), between two full lines of the paragraph. The
// paragraph goes on under the lead.
TEST(RepairMovedHead, ParagraphGoesOnUnderATwoLineLeadOfItsOwnColumn) {
  const std::string page =
      "“城镇生活垃圾处理和资源化开发研\n究项目”在四川通过了国家验收，为\n解决垃圾这一城市公害带来了希望。\n"
      "2000年12月31日，北京5条主要\n商业街第一次联手将营业时间延长到\n元旦凌晨2时以后。在这个世纪之夜\n"
      "里，京城火树银花，商潮涌动。\n尤其严重的是，在两届选举中投\n票支持执政党的广大农民因可可价格\n"
      "市个体劳动者协会\n第十八条机关和院校的股长\n水心村隶属温州鹿城区城郊乡\n通讯员 胡鑫强 王云丽 金勇凯\n"
      "资金是制约城市建设的主要瓶颈，\n没有资金，城市建设就难以为继。随着\n暴跌而苦不堪言，怨声四起。尽管罗\n"
      "林斯总统和他的政府作了种种努力，\n但面对如此之多的经济问题，政府实\n际上已经回天无力。\n"
      "江苏各级工会努力推进职工互助\n补充保险事业，全省13个市和55个县\n（市）已建立了职工互助补充保险组\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r,
                       "尤其严重的是，在两届选举中投票支持执政党的广大农民因可可价格暴跌而苦不堪言，怨声四起。尽管罗林斯总统和"
                       "他的政府作了种种努力，但面对如此之多的经济问题，政府实际上已经回天无力。"));
  EXPECT_TRUE(has_unit(r, "资金是制约城市建设的主要瓶颈，没有资金，城市建设就难以为继。随着"));
}

// Moved text without a heading (a whole paragraph, the text of an article
// whose heads follow it) set into a paragraph: it is read after the heads
// that close the interrupted article (its byline, then its title), before
// the byline under that title, which opens the heads of the moved text's
// own article.
TEST(RepairMovedHead, TextWithoutHeadIsReadBeforeTheNextArticlesByline) {
  const std::string page =
      "着几十公斤的行李上路了。临行前，吐逊江\n的家里来了朋友、邻居老老少少60多人送行。\n迄今，对外友协同100多个国家的近400\n"
      "个民间团体建立了友好合作关系。通过对外\n友协“牵线搭桥”，中国30个省、自治区、\n"
      "多年来，佳木斯城市基础设施建设欠账较多，全市几乎找\n不到一条平整的马路。从1998年开始，这个市不断加大基础设\n"
      "施建设力度，3年间，全市共建设主干道路28条，建设背街巷\n道56条，总面积达180万平方米，铺装人行道板1..5万平方米，\n"
      "总投资近4亿元，比前10年的总和还要多，使佳木斯的道路状\n况有了根本性的改变。\n直辖市以及近300个城市与百余个国家缔结\n"
      "了千对友城关系。\n位于北京北海之滨的国家图书馆文津分\n馆，始建于1931年，是当时国内规模最大的\n图书馆。自1997年7月起，文津分馆闭馆进\n"
      "行维修改造。历经70年风雨的馆舍修葺一新，\n建筑古朴典雅，透出厚重的文化底蕴。分馆\n馆藏以古籍见长，现有200万册藏书中，古\n"
      "籍达160多万册。国家图书馆馆史展也在元\n旦正式开展，向读者展示国家图书馆几十年\n来的风雨历程。\n摄影 毛晓娥\n"
      "吐逊江早就做好了出发的准备\n本报记者 许建静\n";
  const std::string out = render_units(repair_page(page));
  const std::size_t title = out.find("吐逊江早就做好了出发的准备\n");
  const std::size_t moved = out.find("多年来，佳木斯城市基础设施建设欠账较多");
  const std::size_t byline = out.find("本报记者 许建静");
  ASSERT_NE(title, std::string::npos);
  ASSERT_NE(moved, std::string::npos);
  ASSERT_NE(byline, std::string::npos);
  EXPECT_LT(title, moved);
  EXPECT_LT(moved, byline);
  // (The interrupted paragraph is rejoined around the moved text.)
  EXPECT_NE(out.find("中国30个省、自治区、直辖市以及近300个城市"), std::string::npos);
}

// A kicker and a title set into a paragraph of a narrow column, over their
// lead in a column a character narrower, whose wrapped lines (11
// characters, digits in the first) have no mark, as many lines of a narrow
// column have none: the title stands alone, not joined to the lead.
TEST(RepairMovedHead, TitleOverALeadOfUnmarkedLinesStandsAlone) {
  const std::string page =
      "拭老眼，真心一颗，等待春\n来，探望更美更好的新花枝！\n据中国消费者报报道，\n武汉市日前出现了首家“议\n价”制医院——武汉市三医\n"
      "武清县禁毒协会\n此事引起了检察机关的注意\n1998年底，安徽省蚌\n埠市五河检察院接到一份\n群众举报，反映该县政法\n"
      "委副书记陶士祥有经济问\n题。此事引起了检察机关\n院徐家棚分院。由于医院附\n近居民经济状况普遍较差，\n该院于近日推出了医疗费用\n"
      "议价制。院方以物价指导价\n为基础，以用药、治疗成本\n为参考，根据病人收入、家\n庭状况合理收取费用。病人\n看病费用比其他医院低25％\n"
      "至50％。有关卫生专家认为，\n医疗服务价格只是实行政府\n指导价而非政府定价，受医\n患供求关系的影响，价格可\n以作适当变动。\n"
      "的注意。陶士祥在任县政\n法委副书记前，曾多年担\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r, "此事引起了检察机关的注意"));
  EXPECT_TRUE(has_unit(r, "武清县禁毒协会"));
}

// A title, a subtitle and a lead of four lines 40 wide set into a paragraph
// of a 42-wide column: near_other_column's three lines do not tell the
// column apart (the paragraph's line under the moved text, squeezed by its
// marks, measures 41), the five Han lines around the moved text's end do
// (the lead's last two 40 wide, the paragraph's three 41 or 42). The
// paragraph goes on under the lead; the lead goes on after the byline.
TEST(RepairMovedHead, ParagraphGoesOnUnderALeadAColumnNarrowerByFiveLines) {
  const std::string page =
      "他要求，县区司法局要协助乡镇政府强化运\n用法律手段管理农业和农村工作的能力，解决各\n种涉农热点问题和群体性矛盾。要组织律师、公\n"
      "证、基层法律服务组织，提供及时、便利、优质\n的法律服务和法律保障，当前，尤其要协助乡村\n运用法律手段做好减轻农民负担工作，优先调解\n"
      "共同创造美好的新世纪\n——二○○一年新年贺词\n新世纪是充满挑战的世纪，更是大有希望、\n大有作为的世纪。建设有中国特色社会主义，\n"
      "从而实现中华民族的全面复兴是一个无与伦比\n的伟大事业，中华儿女将为此而前赴后继，奋\n涉及土地延包、农民负担、计划生育、宅基地、\n"
      "农产品市场、集体财务、村务政务管理等方面的\n纠纷，尤其是群体性纠纷，维护农村社会稳定。\n记者 潘波鑫 通讯员 梁建杰\n斗不息。\n特约记者 尹飞\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r,
                       "他要求，县区司法局要协助乡镇政府强化运用法律手段管理农业和农村工作的能力，解决各种涉农热点问题和群体性矛盾。"
                       "要组织律师、公证、基层法律服务组织，提供及时、便利、优质的法律服务和法律保障，当前，尤其要协助乡村运用法律手段"
                       "做好减轻农民负担工作，优先调解涉及土地延包、农民负担、计划生育、宅基地、农产品市场、集体财务、村务政务管理等方面"
                       "的纠纷，尤其是群体性纠纷，维护农村社会稳定。"));
  EXPECT_TRUE(has_unit(r, "共同创造美好的新世纪"));
}

// Two title lines and the first two lines of a lead set into a paragraph:
// the lead's first line ends its first sentence 2 em short of the line
// under it, the moved text's last, which stops mid-sentence. The lead's
// paragraph goes on there (and on after the interrupted article), not
// parted after its first sentence.
TEST(RepairMovedHead, LeadOpeningWithAOneLineSentenceGoesOnAtTheMovedTextsEnd) {
  const std::string page =
      "接一批，一代接一代浴血苦战半个世纪，\n才在天安门上宣布“中国人站起来了！”\n又经过半个世纪摸爬滚打，到二十世纪末\n"
      "竟以经济建设成果，综合国力的提高引得\n漂亮的绿树和如茵的草地\n任免军官职务\n"
      "阿拉法特指出，巴勒斯坦目前正经历一个重要和决定性的阶段。\n耶路撒冷问题同难民回归问题一样是基本点，正如阿拉伯和伊斯兰首\n"
      "世界瞩目，中国人终于挺起腰板，意气风\n发，在“从今走向繁荣富强”的歌声中跨\n进二十一世纪！\n"
      "军官具备家属随军条件的，经师（旅）\n级以上单位的政治机关批准，其配偶和未\n成年子女、无独立生活能力的子女可以随\n"
      "军，是农村户口的，转为城镇户口。\n我国现阶段正处于从计划经济向市场\n经济转变、从依政策治国向依法治国转变\n"
      "的历史时期，计划经济的惯性，小生产者\n的惰性，各种利益的刚性，各项制度的随\n意性，以及国际、国内各种矛盾的复杂性，\n"
      "形成了制度转型时期特殊的社会生态环境。\n脑会议所决定的，耶路撒冷的主权属于阿拉伯和伊斯兰世界中的巴勒\n斯坦人民。\n"
      "迎接新世纪的活动，我们早早就开始了。\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r,
                       "阿拉法特指出，巴勒斯坦目前正经历一个重要和决定性的阶段。耶路撒冷问题同难民回归问题一样是基本点，正如阿拉伯"
                       "和伊斯兰首脑会议所决定的，耶路撒冷的主权属于阿拉伯和伊斯兰世界中的巴勒斯坦人民。"));
}

// A kicker and a title of two lines (each 9 characters, no mark) set into a
// paragraph of a 12-character column over their lead in a 14-character one:
// the title's second line, over the lead's first line, stands alone, and so
// does its first, which the decisions wrapped into it (two lines as wide as
// each other, as wrapped lines of a narrow column are).
TEST(RepairMovedHead, TitleLineWrappedIntoAMovedTitleStandsAlone) {
  const std::string page =
      "摄影 宋磊浩\n厂家认为大米技术含量低\n这种状况必须下决心加以扭转\n同志们，朋友们：今晨\n在东方地平线升起的灿烂旭\n市作家协会\n"
      "其他案犯正在追捕中\n农村有着巨大的市场\n美国当选总统布什12月28日\n刚从佛罗里达州度假后来到华盛\n顿，下午，他即宣布起用越战结\n"
      "日，标志着人类社会已经进\n入了二十一世纪，开启了一\n个新的千年。此时此刻，回\n顾历史，我们心潮澎湃；展\n望未来，我们充满信心。在\n"
      "新的世纪里，中华民族全面\n振兴的伟大事业，世界和平\n与发展的崇高事业，必将展\n现出光明的前景。\n通讯员 莫飞军 汪力\n"
      "束后曾担任过国防部长的拉姆斯\n菲尔德为国防部长。从1947年美\n国设立国防部长职务以来，拉姆\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r, "其他案犯正在追捕中"));
  EXPECT_TRUE(has_unit(r, "农村有着巨大的市场"));
}

// Crossed fragments, no blank lines (A1 B1 A2 B2): a paragraph ends a
// sentence on a full line and goes on with a full line without a mark
// ("武警新疆总队立即组成抗震") over a kicker, which the decisions part from
// the line above and read as a heading; then the moved head (kicker, title,
// two lead lines of a wider column), the paragraph's last two lines and
// byline, and the rest of the lead. The paragraph is rejoined above and
// around the moved head, and the lead goes on after the byline.
TEST(RepairMovedHead, CrossedFragmentsUnderASentenceEndingOnAFullLine) {
  const std::string page =
      "董镇长告上了法庭。\n1996年3月21日，伽师\n县发生6级地震，一批民房、\n寺院、校舍瞬间轰然倒塌。\n武警新疆总队立即组成抗震\n"
      "辽阳市教育工作委员会\n没有上述证明或证明与车辆不符的\n车购税应当在向公安机关车辆管理机构办理车\n"
      "辆登记注册前一次性缴纳。纳税人应当持征收机构\n救灾突击队冒风雪赶到现场，\n忍着寒冷和饥饿昼夜排险。\n本报记者 肖伟岩\n"
      "核发的《车辆购置税完税证明》或《车辆购置税免\n税证明》向车管所办理车辆登记注册；没有上述证\n明或证明与车辆不符的，车管所一律不得办理车辆\n"
      "登记注册手续。但2000年12月31日以前，车辆购置\n附加费征管机构签发的《车辆购置附加费缴费凭证》\n仍可作为办理车辆登记注册手续的有效凭证。\n"
      "一位朝鲜人民军战士在接受记者采访时说，在\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r,
                       "1996年3月21日，伽师县发生6级地震，一批民房、寺院、校舍瞬间轰然倒塌。武警新疆总队立即组成抗震救灾突击队"
                       "冒风雪赶到现场，忍着寒冷和饥饿昼夜排险。"));
  EXPECT_TRUE(has_unit(r, "辽阳市教育工作委员会"));
  EXPECT_TRUE(has_unit(r, "没有上述证明或证明与车辆不符的"));
  EXPECT_TRUE(has_unit(r,
                       "车购税应当在向公安机关车辆管理机构办理车辆登记注册前一次性缴纳。纳税人应当持征收机构核发的《车辆购置税完税"
                       "证明》或《车辆购置税免税证明》向车管所办理车辆登记注册；没有上述证明或证明与车辆不符的，车管所一律不得办理"
                       "车辆登记注册手续。但2000年12月31日以前，车辆购置附加费征管机构签发的《车辆购置附加费缴费凭证》仍可作为办理"
                       "车辆登记注册手续的有效凭证。"));
}

// A paragraph ends a sentence on a full line (12 characters) and goes on
// after a moved title and a whole lead paragraph, its wrapped lines 13
// characters wide: only the column width tells the moved text (after a
// sentence end a paragraph may open anywhere), and the lead's wrapped
// lines, all as wide as each other a character off the paragraph's, do.
TEST(RepairMovedHead, ParagraphGoesOnAfterAWholeLeadOfAColumnACharacterWider) {
  const std::string page =
      "港的第二大自由贸易区，年\n进出口额曾超过百亿美元。\n据统计，去年1月至9月科隆\n区进口达到33.39亿美元，\n比上年同期增长19.5％。再\n"
      "出口贸易额为37.46亿美元，\n同比增长4.6％。进口和再\n出口货物的吨位分别增长\n20.1％和4.2％。\n截至目前\n其实，廉政就是对人民\n"
      "的最深的感情的体现。在最\n近召开的中央纪委第五次全\n体会议上，江泽民同志语重\n心长地强调，要深入研究在\n发展社会主义市场经济和对\n"
      "外开放的条件下腐败现象产\n生的特点与规律，加大从源\n头上预防和治理腐败的力度。\n这些单位的各项收入与开支\n从1月1日起，浙江42家省\n"
      "属机关单位的所有资金都必须\n纳入一个统一的“钱柜”。这\n些单位的各项收入与开支，包\n括职工福利等，都须经过新成\n立的省属机关会计核算中心过\n"
      "目。\n我们说，这又是人民的一个\n节日。\n仓库存放位置等\n松诺斯医院通过一切手\n段使残疾人生活自立，并能\n开车、能工作，恢复其正常\n"
      "的社会生活。在医院3楼的\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r,
                       "其实，廉政就是对人民的最深的感情的体现。在最近召开的中央纪委第五次全体会议上，江泽民同志语重心长地强调，要深入"
                       "研究在发展社会主义市场经济和对外开放的条件下腐败现象产生的特点与规律，加大从源头上预防和治理腐败的力度。我们说，"
                       "这又是人民的一个节日。"));
  EXPECT_TRUE(has_unit(r, "这些单位的各项收入与开支"));
  EXPECT_TRUE(has_unit(r,
                       "从1月1日起，浙江42家省属机关单位的所有资金都必须纳入一个统一的“钱柜”。这些单位的各项收入与开支，包括职工福利"
                       "等，都须经过新成立的省属机关会计核算中心过目。"));
}
