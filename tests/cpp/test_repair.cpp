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
// The texts of a page's units, repaired with the default options.
std::vector<std::string> units(const std::string& page) {
  std::vector<std::string> out;
  for (const auto& u : repair_page(page).units) out.emplace_back(u.text.text());
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

// A word of the language broken over the line break tells the lines of a
// column apart from the lines of the column beside it, even where the page
// uses the word only once (the page's own pairs of characters know only the
// words it repeats): ICU's dictionary word break puts no boundary inside
// 大家, 以后, 历史, 同学, 那里 and 经常, broken over lines here. Two
// columns of a tightly leaded page read row by row, in lines of my own,
// each column's first line 2 em short. Without the dictionary the page
// shows too little evidence and is read in its order.
TEST(RepairInterleaved, DictionaryWordsAcrossLineBreaksTellTheColumns) {
  const std::string page =
      "今年春天，我们村里\n"
      "学校图书馆最近购买\n"
      "组织了一次植树活动，大\n"
      "了一批新书，内容包括历\n"
      "家一起在河边种下了许多\n"
      "史、地理和自然科学，同\n"
      "柳树和杨树，希望几年以\n"
      "学们课余时间都喜欢到那\n"
      "后这里能够变成一片美丽\n"
      "里安静地阅读，老师也经\n"
      "的树林。\n"
      "常推荐好书。\n";
  const std::vector<std::string> units = deinterleaved_units(page);
  EXPECT_TRUE(has_unit(units, "今年春天，我们村里组织了一次植树活动，大家一起在河边种下了许多柳树和杨树，希望几年以后这里能够变成一片美丽的树林。"));
  EXPECT_TRUE(has_unit(units, "学校图书馆最近购买了一批新书，内容包括历史、地理和自然科学，同学们课余时间都喜欢到那里安静地阅读，老师也经常推荐好书。"));
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
      "条笑。贪舞翔弯舰童幕奔桶和蜂劝沃所列伞的大势杆，弯舰\n沃所列伞的邮帅的劣痕偿唱，梯是跑侠歇挖啡紧的大偿唱。\n"
      "跑堂煌沿寄韵给碱允贪舞拟臣的彩莉弊泰。械络湘乾，氧功\n势杆，男糊默煌，绣印沙叠，实塔中珠皇曼的楚大客玉，梯\n"
      "是中劣佩磁祭和中劣领皇在喀童兹的砂堵胶猫。\n荆公祭中馨沙订陵尖仇在伐移会奢屠移，爽芦瑞萨皇沙\n"
      "祭仪中馨、歇劣损辈七和殖祭仪领漏，窗歇劣萨曼领皇荆羡\n辨泰的箭乙。窗肆软、蓉凝特鱼行政区纸圣和翁秆纸圣、舱\n"
      "冰圣在喜心乔锚势杆的纸时\n乔锚簿大的珠领团池中珠汇会俗1日在耻讨踏徒行仲会，携箭碗\n"
      "俯和乔锚哥黎脸洁42雾年。中珠汇会俗沙订雾跑戒给生在荆箭仲瞻时\n逝冰圣荆羡音剥的译奎。窗楚大的中劣佩磁祭荆羡栖灼的裕\n"
      "唯。\n逼鹰萍：韵给贪症怕室宰是男杆紧惟彩顽簿晚碱的条笑，\n贪症怕室宰紧惟簿泰怪貌螺蒂覆，怪片萧瑜和夸学猎兆炒男\n"
      "浓墓阵。\n村皇男浓想伞喜部凝奢缝。按给冠淑乡政府的跑弯沧厌，\n卡砖盗坑颜殖浮的伞喜部凝，在了污想尝伞200沫伸论妻伞\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r,
                       "荆公祭中馨沙订陵尖仇在伐移会奢屠移，爽芦瑞萨皇沙祭仪中馨、歇劣损辈七和殖祭仪领漏，窗歇劣萨曼领皇荆羡"
                       "辨泰的箭乙。窗肆软、蓉凝特鱼行政区纸圣和翁秆纸圣、舱逝冰圣荆羡音剥的译奎。窗楚大的中劣佩磁祭荆羡栖灼的裕唯。"));
  EXPECT_TRUE(has_unit(r, "冰圣在喜心乔锚势杆的纸时"));
  EXPECT_TRUE(has_unit(r,
                       "乔锚簿大的珠领团池中珠汇会俗1日在耻讨踏徒行仲会，携箭碗俯和乔锚哥黎脸洁42雾年。中珠汇会俗沙订雾跑戒给生"
                       "在荆箭仲瞻时"));
}

// A kicker, a title, a byline and a lead of two lines set into a paragraph
// of a 32-wide column: the lead's first line 2 em short of its second, which
// stops mid-sentence a character wider than the column (34: Han text fills
// its column to a character), between two full lines of the paragraph. The
// paragraph goes on under the lead.
TEST(RepairMovedHead, ParagraphGoesOnUnderATwoLineLeadOfItsOwnColumn) {
  const std::string page =
      "“退镇生辅碧鬼处牢和歼敦瑶男势卓\n毁田匆”在赛筋通克了劣寻宿锡，怕\n污沿碧鬼梯跑退市公拜闻贡了伴鸿。\n"
      "2000年12月31日，壳踪5条沙碱\n辈顽街第跑付七覆汤湿顽时染邀饮想\n碗俯旱榜2时羡挥。在梯渠童兹沧柴\n"
      "餐，踪退恒卖银罚，辈曲冲叠。\n琅傲辐晚的是，在羞驱酷徒中压\n泳脂炸枣政祭的窃大白皇茅号号径缘\n"
      "市渠池蔚叠者协会\n第柳吊条湘喜和院校的伤饮\n泉心村绳亏桩嫩速退区退剖乡\n通讯员 锁塘巡 潭剩蹈 腿剂丑\n"
      "歼腿是寅约退市桂倾的沙碱拱觉，\n妻伞歼腿，退市桂倾猎卢羡怕康。冻蒂\n羽虚诸惩辛悉迭，迷栋赛淡。店粪陵\n"
      "卸像汇戎和爽的政府灯了碑碑吉却，\n酸弯舰桃尼沧沫的奔桶译耳，政府实\n痕奢瓷奔耿脊殖却。\n"
      "坏寿萨醉损会吉却渐默钧损款潜\n抛侯床玻彩顽，歇省13渠市和55渠县\n（市）瓷桂棠了钧损款潜抛侯床玻屈\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r,
                       "琅傲辐晚的是，在羞驱酷徒中压泳脂炸枣政祭的窃大白皇茅号号径缘羽虚诸惩辛悉迭，迷栋赛淡。店粪陵卸像汇戎和"
                       "爽的政府灯了碑碑吉却，酸弯舰桃尼沧沫的奔桶译耳，政府实痕奢瓷奔耿脊殖却。"));
  EXPECT_TRUE(has_unit(r, "歼腿是寅约退市桂倾的沙碱拱觉，妻伞歼腿，退市桂倾猎卢羡怕康。冻蒂"));
}

// Moved text without a heading (a whole paragraph, the text of an article
// whose heads follow it) set into a paragraph: it is read after the heads
// that close the interrupted article (its byline, then its title), before
// the byline under that title, which opens the heads of the moved text's
// own article.
TEST(RepairMovedHead, TextWithoutHeadIsReadBeforeTheNextArticlesByline) {
  const std::string page =
      "蒂失柳公尧的行夫奢琪了。侧行沃，茫锭坏\n的寻餐贡了艳筒、钞茹顶顶穴穴60沫领鼻行。\n抒绪，舰逝筒协纸100沫渠劣寻的愚400\n"
      "渠皇染团池桂棠了筒泰励灯喜缓。通克舰逝\n筒协“殿硕纺厉”，中劣30渠省、拟晶区、\n"
      "沫年贡，刘御像退市韩思倾足桂倾朱乓盟沫，歇市失番般\n辛想跑条乃释的窝琪。怪1998年男浓，梯渠市辛亚氧大韩思倾\n"
      "足桂倾却恰，3年染，歇市佩桂倾沙弊道琪28条，桂倾龄街纹\n道56条，汇弯姿逸180抚乃函井，谋纽领行道钻1..5抚乃函井，\n"
      "汇压歼愚4稻碗，矮沃10年的汇和扎碱沫，耐刘御像的道琪呆\n拍伞了冠本菊的迈抵。\n醒亦市羡宰愚300渠退市吃晋贻渠劣寻苗谱\n"
      "了绕舰筒退喜缓。\n夏寄壳踪壳舱沧诱的劣寻图颜俗文需分\n俗，浓桂寄1931年，是飘时劣啸句贾簿大的\n图颜俗。拟1997年7月淡，文需分俗督俗默\n"
      "行幸孩迈穆。砂奔70年饼射的俗礼孩穷跑喀，\n桂俱乔绍雇肠，娱锅骂晚的文瑶叔训。分俗\n俗婴羡乔甜见饮，塔伞200抚限婴颜中，乔\n"
      "甜逸160沫抚限。劣寻图颜俗俗堵杆滩在碗\n俯翔爆男杆，窗阻者杆咸劣寻图颜俗失柳年\n贡的饼射砂饱。\n摄影 堡漫敌\n"
      "茫锭坏窥猎盘泰了锅势的著妇\n本报记者 泼桂闸\n";
  const std::string out = render_units(repair_page(page));
  const std::size_t title = out.find("茫锭坏窥猎盘泰了锅势的著妇\n");
  const std::size_t moved = out.find("沫年贡，刘御像退市韩思倾足桂倾朱乓盟沫");
  const std::size_t byline = out.find("本报记者 泼桂闸");
  ASSERT_NE(title, std::string::npos);
  ASSERT_NE(moved, std::string::npos);
  ASSERT_NE(byline, std::string::npos);
  EXPECT_LT(title, moved);
  EXPECT_LT(moved, byline);
  // (The interrupted paragraph is rejoined around the moved text.)
  EXPECT_NE(out.find("中劣30渠省、拟晶区、醒亦市羡宰愚300渠退市"), std::string::npos);
}

// A kicker and a title set into a paragraph of a narrow column, over their
// lead in a column a character narrower, whose wrapped lines (11
// characters, digits in the first) have no mark, as many lines of a narrow
// column have none: the title stands alone, not joined to the lead.
TEST(RepairMovedHead, TitleOverALeadOfUnmarkedLinesStandsAlone) {
  const std::string page =
      "班顶铝，嫂心跑盖，淘钢泊\n贡，稽鸿乱辨乱泰的喀罚课！\n淑中劣儒纱者报报道，\n旗卵市日沃锅塔了韵寻“郁\n径”寅医院——旗卵市颤医\n"
      "旗腔县右森协会\n尼彩串淡了检察湘喜的渔唯\n1998年叔，嫌左省斋\n润市扰迢检察院遭想跑彦\n欧敏徒报，耗骄炒县政法\n"
      "委烦颜记描漏淀伞奔桶译\n耳。尼彩串淡了检察湘喜\n院恩寻盼分院。观寄医院闹\n愚茹皇奔桶呆拍室累盟阅，\n炒院寄愚日渐锅了医咨纱授\n"
      "郁径寅。院函羡叙径吕蓝径\n怕韩思，羡授刊、晶咨胀本\n怕毅钦，冠淑粒领锡怒、寻\n矿呆拍励牢锡煌纱授。粒领\n幻粒纱授矮傲爽医院硝25％\n"
      "破50％。伞喜练生暑寻症怕，\n医咨稿铜径缘连是实行政府\n吕蓝径诸嘴政府孕径，缕医\n宴篮臭喜缓的影烧，径缘号\n羡灯雄飘抵叠。\n"
      "的渔唯。描漏淀在猫县政\n法委烦颜记沃，拳沫年错\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r, "尼彩串淡了检察湘喜的渔唯"));
  EXPECT_TRUE(has_unit(r, "旗腔县右森协会"));
}

// A title, a subtitle and a lead of four lines 40 wide set into a paragraph
// of a 42-wide column: near_other_column's three lines do not tell the
// column apart (the paragraph's line under the moved text, squeezed by its
// marks, measures 41), the five Han lines around the moved text's end do
// (the lead's last two 40 wide, the paragraph's three 41 or 42). The
// paragraph goes on under the lead; the lead goes on after the byline.
TEST(RepairMovedHead, ParagraphGoesOnUnderALeadAColumnNarrowerByFiveLines) {
  const std::string page =
      "爽碱臭，县区司法局碱协潜乡镇政府巡瑶惊\n授法剪覆稍粪牢白顽和白村损灯的肿却，污沿萨\n碑芭白废靠译耳和欧池菊剧懒。碱屈边剪催、公\n"
      "疫、韩熠法剪稿铜屈边，兑篮宰时、返洁、莽悦\n的法剪稿铜和法剪床黄，飘沃，琅傲碱协潜乡村\n惊授法剪覆稍盘泰唇诉白皇宪错损灯，莽给母污\n"
      "佩纸悄穆辨泰的喀童兹\n——恋○○跑年喀年烤厌\n喀童兹是侯脱榆涛的童兹，乱是大伞伴鸿、\n大伞灯怕的童兹。桂倾伞中劣特灵社会沙逢，\n"
      "怪诸实塔中珠皇曼的歇弯客玉是跑渠殖吃窑矮\n的楚大彩顽，中珠萧呵汤怕尼诸沃畏挥康，离\n芭宰炭喊邀脆、白皇宪错、远壮生螺、芝韩喊、\n"
      "白磁渊市侠、集池壁铜、村铜政铜粪牢淘函弯的\n净凉，琅傲是欧池菊净凉，幸详白村社会靖孕。\n记者 肚涂塘 通讯员 勘桂似\n肇辛凰。\n特约记者 蒙戒\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r,
                       "爽碱臭，县区司法局碱协潜乡镇政府巡瑶惊授法剪覆稍粪牢白顽和白村损灯的肿却，污沿萨碑芭白废靠译耳和欧池菊剧懒。"
                       "碱屈边剪催、公疫、韩熠法剪稿铜屈边，兑篮宰时、返洁、莽悦的法剪稿铜和法剪床黄，飘沃，琅傲碱协潜乡村惊授法剪覆稍"
                       "盘泰唇诉白皇宪错损灯，莽给母污芭宰炭喊邀脆、白皇宪错、远壮生螺、芝韩喊、白磁渊市侠、集池壁铜、村铜政铜粪牢淘函弯"
                       "的净凉，琅傲是欧池菊净凉，幸详白村社会靖孕。"));
  EXPECT_TRUE(has_unit(r, "佩纸悄穆辨泰的喀童兹"));
}

// Two title lines and the first two lines of a lead set into a paragraph:
// the lead's first line ends its first sentence 2 em short of the line
// under it, the moved text's last, which stops mid-sentence. The lead's
// paragraph goes on there (and on after the interrupted article), not
// parted after its first sentence.
TEST(RepairMovedHead, LeadOpeningWithAOneLineSentenceGoesOnAtTheMovedTextsEnd) {
  const std::string page =
      "遭跑查，跑芦遭跑芦胆霞惩涛借渠童兹，\n仇在脊嫌凝奢卡砖“中劣领站淡贡了！”\n赫奔克借渠童兹凤溶绘芬，想恋柳童兹顺\n"
      "叹羡奔桶桂倾胀寓，屯励劣却的兑灼串印\n相愤的勤卖和桃析的传喊\n猫坑狂驶钧铜\n"
      "阔茂法特吕锅，锚辩像逆匆沃翔奔砂跑渠晚碱和沿孕菊的梦稍。\n坝琪肩娟译耳纸卢皇耿勋译耳跑针是韩本靠，翔桃阔茂降和神像萄韵\n"
      "童幕刀匆，中劣领雕寄帆淡艇钻，唯仁饼\n势，在“怪绪缆窗盒索拾巡”的冶栋中卧\n默恋柳跑童兹！\n"
      "狂驶寨妇寻亏冻狂条笑的，奔催（摘）\n醉羡奢太夏的政晶湘喜查著，傲颁闪和列\n胀年玲呵、殖谷棠生辅肿却的玲呵号羡冻\n"
      "狂，是白村牙塞的，玩怕退镇牙塞。\n贪劣塔梦稍翔处寄怪远壮奔桶窗市侠\n奔桶玩抵、怪料政埋晶劣窗料法晶劣玩抵\n"
      "的砂堵时厄，远壮奔桶的六菊，夸生磁者\n的欢菊，萨碑洁悲的哀菊，萨田寅恰的冻\n唯菊，羡宰劣痕、劣啸萨碑剧懒的客粤菊，\n"
      "娃胀了寅恰玩贿时厄特乘的社会生菌衫屋。\n蜜会郁所沿孕的，坝琪肩娟的沙驰亏寄阔茂降和神像萄童幕中的锚辩\n像逆领皇。\n"
      "驻遭喀童兹的辅叠，贪舞窥窥猎男浓了。\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r,
                       "阔茂法特吕锅，锚辩像逆匆沃翔奔砂跑渠晚碱和沿孕菊的梦稍。坝琪肩娟译耳纸卢皇耿勋译耳跑针是韩本靠，翔桃阔茂降"
                       "和神像萄韵蜜会郁所沿孕的，坝琪肩娟的沙驰亏寄阔茂降和神像萄童幕中的锚辩像逆领皇。"));
}

// A kicker and a title of two lines (each 9 characters, no mark) set into a
// paragraph of a 12-character column over their lead in a 14-character one:
// the title's second line, over the lead's first line, stands alone, and so
// does its first, which the decisions wrapped into it (two lines as wide as
// each other, as wrapped lines of a narrow column are).
TEST(RepairMovedHead, TitleLineWrappedIntoAMovedTitleStandsAlone) {
  const std::string page =
      "摄影 嘉硬彻\n毕寻症怕大井劝弹招迪硝\n梯碑呆拍猴微桌沿心氧羡汗玩\n纸异舞，艳筒舞：绪榜\n在孟函喊乃硕盐淡的宜野紫\n市灯寻协会\n"
      "傲爽骗币翔在涨液中\n白村伞蒂址大的市侠\n辨劣飘酷汇戎砖押12月28日\n哀怪扬陵餐逸嫩恰皮挥贡想珠湖\n鼎，桌崖，爽拿卡砖淡授避涛谱\n"
      "日，味异蒂领录社会瓷奔默\n怒了恋柳跑童兹，男杨了跑\n渠喀的绕年。尼时尼宝，耿\n莱砂堵，贪舞心曲爷例；杆\n鸿列贡，贪舞侯脱雷心。在\n"
      "喀的童兹餐，中珠皇曼歇弯\n若玉的楚大彩顽，童幕和乃\n吃势杆的栖灼彩顽，猴汤杆\n塔锅弗获的沃试。\n通讯员 灰戒狂 逐却\n"
      "姓挥拳错猫克劣页部饮的茂揭像\n蓄艾萍怕劣页部饮。怪1947年辨\n劣倾棠劣页部饮钧铜羡贡，茂揭\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r, "傲爽骗币翔在涨液中"));
  EXPECT_TRUE(has_unit(r, "白村伞蒂址大的市侠"));
}

// Crossed fragments, no blank lines (A1 B1 A2 B2): a paragraph ends a
// sentence on a full line and goes on with a full line without a mark
// ("旗良喀牧汇队棠拿屈胀奥测") over a kicker, which the decisions part from
// the line above and read as a heading; then the moved head (kicker, title,
// two lead lines of a wider column), the paragraph's last two lines and
// byline, and the rest of the lead. The paragraph is rejoined above and
// around the moved head, and the lead goes on after the byline.
TEST(RepairMovedHead, CrossedFragmentsUnderASentenceEndingOnAFullLine) {
  const std::string page =
      "洗镇饮南奢了法矿。\n1996年3月21日，丹催\n县势生6醉喊测，跑查皇乳、\n揽院、校礼澄染轧峭圆堆。\n旗良喀牧汇队棠拿屈胀奥测\n"
      "瓜添市貌螺损灯委员会\n妻伞奢惨疫获喷疫获吃裁拖辛贯的\n裁架竭兆飘在窗公嫌湘喜裁拖粪牢湘措办牢裁\n"
      "拖毫记渔限沃跑付菊播舟。舟竭领兆飘炸肯锡湘措\n庸宗帝裙队叶饼鄂岗想塔侠，\n咖蒂齿娟和器吴且柴盆玻。\n本报记者 敲楚契\n"
      "初势的《裁拖架耕竭完竭疫获》喷《裁拖架耕竭坑\n竭疫获》窗裁粪所办牢裁拖毫记渔限；妻伞奢惨疫\n获喷疫获吃裁拖辛贯的，裁粪所跑剪辛印办牢裁拖\n"
      "毫记渔限覆莲。酸2000年12月31日羡沃，裁拖架耕\n闹氧纱肯粪湘措伸势的《裁拖架耕闹氧纱播纱笔疫》\n旺号灯怕办牢裁拖毫记渔限覆莲的伞浮笔疫。\n"
      "跑夏侵禄领皇狂涛漏在遭缕记者魔缝时恐，在\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r,
                       "1996年3月21日，丹催县势生6醉喊测，跑查皇乳、揽院、校礼澄染轧峭圆堆。旗良喀牧汇队棠拿屈胀奥测庸宗帝裙队"
                       "叶饼鄂岗想塔侠，咖蒂齿娟和器吴且柴盆玻。"));
  EXPECT_TRUE(has_unit(r, "瓜添市貌螺损灯委员会"));
  EXPECT_TRUE(has_unit(r, "妻伞奢惨疫获喷疫获吃裁拖辛贯的"));
  EXPECT_TRUE(has_unit(r,
                       "裁架竭兆飘在窗公嫌湘喜裁拖粪牢湘措办牢裁拖毫记渔限沃跑付菊播舟。舟竭领兆飘炸肯锡湘措初势的《裁拖架耕竭完竭"
                       "疫获》喷《裁拖架耕竭坑竭疫获》窗裁粪所办牢裁拖毫记渔限；妻伞奢惨疫获喷疫获吃裁拖辛贯的，裁粪所跑剪辛印办牢"
                       "裁拖毫记渔限覆莲。酸2000年12月31日羡沃，裁拖架耕闹氧纱肯粪湘措伸势的《裁拖架耕闹氧纱播纱笔疫》旺号灯怕办牢"
                       "裁拖毫记渔限覆莲的伞浮笔疫。"));
}

// The rule of the test above, held back: a paragraph ends a sentence on a full line and
// a line without a mark as wide as the column follows, over the narrow lead
// of the next article and a paragraph of a wider column; that paragraph's
// line stopping mid-word goes on in the line under it. The heading-shaped
// line is a title (the next article's, set after its body), not the open
// line of a paragraph the lead was set into: the line under the wider
// paragraph's open line is wrapped from it (as wide, or its last line), so
// nothing goes on there from above the moved text. (A page of a generated
// dev set, its Han characters replaced one for one by others.)
TEST(RepairMovedHead, FullWidthTitleUnderASentenceEndIsNoOpenLine) {
  const std::string page =
      "实产其并非受持系那四持万向给\n"
      "那四，75然色科容西交采省们务根西，\n"
      "提报把矿老万解七，议思流先阶物，们\n"
      "门性拉几西。位部线心万理论外自八\n"
      "以代结期特接期道取。现关用千万交\n"
      "采省必几原平集口，制几理论外知知\n"
      "造各况书。信程商情，交采省前式直文\n"
      "立我象，二音几进2000别布志问我区\n"
      "万温形。\n"
      "我、容半头山们头文。真部但科高\n"
      "文计件物高意统、关际比石，重学七近\n"
      "次达，且边农农东需记教收、再好则运，\n"
      "指周去表切还、其素，压装们来增决斗\n"
      "走。想认，但科高文计件物期接美内七，\n"
      "容半林社、林山，关证提术我保素斗走。\n"
      "术度起可义本低放产二高花空段保当\n"
      "1金1热，其并据么提\n"
      "看电定段即别群越物。改\n"
      "己共、油青、济验五、油安\n"
      "带、传非转、图把段、油较\n"
      "白离它系并资备路高义见\n"
      "群越物。\n"
      "六须都步，里争目今，们应装质它办她据角观保素万\n"
      "高系着：者能工研白办、我众什权，者能南热没没立立，者\n"
      "能就文联长增速复，车土者能界“向叫”进。\n"
      "20对张万具别，过又共治马或进造队示周，法命例进\n"
      "切样条技。什管许然它过品种见米算干决织，即过并元总\n"
      "律直万将文条你，组马九产20对张高确志产果多万或只\n"
      "名完学我。\n"
      "儿究意 广转器\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r, "术度起可义本低放产二高花空段保当"));
  EXPECT_TRUE(has_unit(r, "我、容半头山们头文。真部但科高文计件物高意统、关际比石，重学七近次达，且边农农东需记教收、再好则运，指周去表切还、其素，压装们来增决斗走。想认，但科高文计件物期接美内七，容半林社、林山，关证提术我保素斗走。"));
  EXPECT_TRUE(has_unit(r,
                       "六须都步，里争目今，们应装质它办她据角观保素万高系着：者能工研白办、我众什权，者能南热没没立立，者能就文联长增速复，车土者能界“向叫”进。"));
}

// Nor over a line as wide as line a: there the heading-shaped line under a
// sentence that ends on a full line goes on in a line of its own column
// (调是后特20年关目云以 / 方定州体手法实高的第: the words run across), not
// after moved text, and the paragraph after that one is not taken for the
// rest of it. (Before the check the first line of the next paragraph,
// 调书报利者路务, was joined to the heading-shaped line across both.) A
// window of a generated dev page, its Han characters replaced one for one.
TEST(RepairMovedHead, LineAsWideAsTheOpenLineIsNoMovedHead) {
  const std::string page =
      "成。69起的非户化转，\n"
      "以交门广铁会事电世，\n"
      "长日清深和马如型正克\n"
      "斯，工州水价社会动海\n"
      "的声言。新地进书流时\n"
      "油的学习，二界石了30\n"
      "哈放电治期同，百连了\n"
      "10哈放永光。\n"
      "后特七红九政府江\n"
      "年起出白气城制金立外，\n"
      "八2001年政府立外运。\n"
      "立外路星里573色民远。\n"
      "调是后特20年关目云以\n"
      "方定州体手法实高的第\n"
      "州党长神立外。\n"
      "调书报利者路务\n"
      "2686米，长维空州比荣\n"
      "的报全米务史128 米。\n"
      "新地英品病性，工米巴\n"
      "场了农话机球的英品，\n"
      "通地兴史94.1％。\n"
      "市商基玉节局\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r, "后特七红九政府江年起出白气城制金立外，八2001年政府立外运。立外路星里573色民远。"));
  EXPECT_TRUE(has_unit(r, "调书报利者路务2686米，长维空州比荣的报全米务史128米。新地英品病性，工米巴场了农话机球的英品，通地兴史94.1％。"));
}

// Nor a heading-shaped line of two phrases set apart by a gap, under a
// sentence that ends on a full line (创层补的原圣 话冬烟是动气归, a page set
// with blank lines between its blocks): a headline, never a paragraph's open
// line. (Before the check the paragraph above was joined to it and to the
// next paragraph, 第竹条赛京洪廉本法计笔的…, across the blank lines.) A
// window of a generated dev page, its Han characters replaced one for one.
TEST(RepairMovedHead, LineOfTwoPhrasesUnderASentenceEndIsNoOpenLine) {
  const std::string page =
      "是温大待办大编感维。标年1节11\n"
      "月，贵股编勤待5馆石以试大编260\n"
      "肉，其中铁馆石以试大编64肉，型\n"
      "击分哈试散24％和42％，惠馆石以\n"
      "试编肉素13肉。老是待办处卡以试\n"
      "贸若朗部设荣编肉往川密温。1节\n"
      "11月贵待办伯编118肉，其中处卡\n"
      "临寿设荣编90肉，局卡以试28肉。\n"
      "难是在树敏宁编、暖编劳杰迪苏角\n"
      "拉。贵敏圆宁编、暖编35肉，临编\n"
      "100灾乱。底是待办行藏和言土设\n"
      "荣才职树抗。股编勤待动迪球藏乱\n"
      "员设荣237乱；待办配营、减招言\n"
      "土设荣编肉20肉22乱，股编板型击\n"
      "密温1.5衣。\n"
      "难情集团体虎钢苏博盛，龙农\n"
      "\n"
      "文留是谢石的。中善武吉机青评善，\n"
      "评善流武吉机青中善。性是，诺表\n"
      "评劳乱吉丰备井朝，流吉丰血信厚\n"
      "八，独住是表热税油初专探。中善\n"
      "党果龙农，武吉外登环厚乌伊堂，\n"
      "审满该满谢乌亿味。评劳乱专探武\n"
      "了属土的手指中善库，管初复以态\n"
      "音极机的劳堂。表中善呼痛清烟是\n"
      "额勒极机叶灯师鲁义散属土中善的\n"
      "纳因，嘉儿君怀谷乱，灵标是印库\n"
      "善广奇宣顶，表强外亿常耳呼痛份\n"
      "复，织评善守迪群哈。难情集团半\n"
      "梅的“庄指中善名首”，投莱中善\n"
      "烟得哥史打厚八亮负，在回严动快\n"
      "毒探调存。中善极机留和动盘留是\n"
      "中善议室党果托洛的品厚圆划。\n"
      "创层补的原圣 话冬烟是动气归\n"
      "\n"
      "第竹条赛京洪廉本法计笔的\n"
      "\n"
      "忠圆极泽条肉的，满治忠圆极泽。\n"
      "\n"
      "武宏富的厚算，“回珍之除”\n"
      "\n"
      "摄梅扎厚行湖红主放特作圆远，\n"
      "考果尽画古推演绝乱好算萨居教\n"
      "意的困大举卖鲁双优解。\n"
      "材绿推2001年苏年口索的齐\n"
      "\n"
      "勇，乱效诺堂联抗论厚东苏的惠\n"
      "年和苏的龙羊，管初鲜亲木整，\n"
      "鲜亲牌资，厚门此根和实族伤鲜\n"
      "亲夫黄苏的记鱼。活审，治乱初\n"
      "革推苏龙羊的救诚时，远极亲和\n"
      "早算乐凤完势厚八，务南谈型的\n"
      "\n"
      "吉补，字功谈型的钱价，反客型\n"
      "警波的长死，志常居党果管初，\n"
      "小守迪谢大的点留。架闻，苏龙\n"
      "羊科白苏在头顶泰？\n"
      "\n"
      "通讯员 位启 桥瑞易\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r, "难情集团体虎钢苏博盛，龙农文留是谢石的。中善武吉机青评善，评善流武吉机青中善。性是，诺表评劳乱吉丰备井朝，流吉丰血信厚八，独住是表热税油初专探。中善党果龙农，武吉外登环厚乌伊堂，审满该满谢乌亿味。评劳乱专探武了属土的手指中善库，管初复以态音极机的劳堂。表中善呼痛清烟是额勒极机叶灯师鲁义散属土中善的纳因，嘉儿君怀谷乱，灵标是印库善广奇宣顶，表强外亿常耳呼痛份复，织评善守迪群哈。难情集团半梅的“庄指中善名首”，投莱中善烟得哥史打厚八亮负，在回严动快毒探调存。中善极机留和动盘留是中善议室党果托洛的品厚圆划。"));
  EXPECT_TRUE(has_unit(r, "创层补的原圣 话冬烟是动气归"));
  EXPECT_TRUE(has_unit(r, "第竹条赛京洪廉本法计笔的忠圆极泽条肉的，满治忠圆极泽。"));
}

// A paragraph ends a sentence on a full line (12 characters) and goes on
// after a moved title and a whole lead paragraph, its wrapped lines 13
// characters wide: only the column width tells the moved text (after a
// sentence end a paragraph may open anywhere), and the lead's wrapped
// lines, all as wide as each other a character off the paragraph's, do.
TEST(RepairMovedHead, ParagraphGoesOnAfterAWholeLeadOfAColumnACharacterWider) {
  const std::string page =
      "软的第恋大拟观役梭区，年\n默锅塞癌拳婚克晋稻辨碗。\n淑戎远，啤年1月破9月蜂吱\n区默塞逸想33.39稻辨碗，\n矮奢年纸厄审饮19.5％。困\n"
      "锅塞役梭癌怕37.46稻辨碗，\n纸矮审饮4.6％。默塞和困\n锅塞亨叙的旬夏分鱼审饮\n20.1％和4.2％。\n驾破匆沃\n傲实，茨政猎是舰领皇\n"
      "的簿牌的焰莉的池塔。在簿\n愚隔男的中馨兹委第扰付歇\n池会郁奢，坏荷皇纸异奏晚\n心饮喊巡母，碱牌怒卓毁在\n势杆社会沙逢市侠奔桶和舰\n"
      "逝男急的条笑桌筹鸭塔销磁\n生的特靠吃句剪，氧大怪敦\n酬奢咏页和晶牢筹鸭的却恰。\n梯悠太夏的萨田锡怒吃男脂\n怪1月1日淡，牛坏42寻省\n"
      "亏湘喜太夏的所伞歼腿稀猴微\n舟怒跑渠戎跑的“威粗”。梯\n悠太夏的萨田锡怒吃男脂，脆\n距钧损柱洁淘，稀微奔克喀胀\n棠的省亏湘喜会远初蒸中心克\n"
      "匆。\n贪舞恐，梯赫是领皇的跑渠\n庄日。\n洋亡泡急夏耕淘\n缠虑像医院通克跑堂覆\n稍耐朗粉领生辅拟棠，慎肿\n男裁、肿损灯，敢客傲翔念\n"
      "的社会生辅。在医院3漠的\n";
  const RepairResult r = repair_page(page);
  EXPECT_TRUE(has_unit(r,
                       "傲实，茨政猎是舰领皇的簿牌的焰莉的池塔。在簿愚隔男的中馨兹委第扰付歇池会郁奢，坏荷皇纸异奏晚心饮喊巡母，碱牌怒"
                       "卓毁在势杆社会沙逢市侠奔桶和舰逝男急的条笑桌筹鸭塔销磁生的特靠吃句剪，氧大怪敦酬奢咏页和晶牢筹鸭的却恰。贪舞恐，"
                       "梯赫是领皇的跑渠庄日。"));
  EXPECT_TRUE(has_unit(r, "梯悠太夏的萨田锡怒吃男脂"));
  EXPECT_TRUE(has_unit(r,
                       "怪1月1日淡，牛坏42寻省亏湘喜太夏的所伞歼腿稀猴微舟怒跑渠戎跑的“威粗”。梯悠太夏的萨田锡怒吃男脂，脆距钧损柱洁"
                       "淘，稀微奔克喀胀棠的省亏湘喜会远初蒸中心克匆。"));
}

// A byline set into a column (another article's, by pdftotext's default
// mode read in page order) inside a paragraph that is already running: the
// line before it goes on from the line above, stops mid-sentence, and the
// sentence goes on under the byline. The byline is set aside and the
// paragraph rejoined around it.
TEST(RepairIntrusion, BylineInsideARunningParagraphIsSplicedOut) {
  const std::string page =
      "全市各个社区积极推动\n"
      "老年助餐服务点的建设，目\n"
      "前12个镇和57个村（居）已\n"
      "实习生 林小军\n"
      "建成了老年助餐点并投入使\n"
      "用，覆盖率分别达100％和\n"
      "87.64％。全市享受助餐服务\n"
      "的老人已经达到了4.8万人。\n"
      "助餐项目也在逐年增加。\n";
  const RepairResult r = repair_page(page);
  ASSERT_EQ(r.units.size(), 2u);
  EXPECT_EQ(r.units[0].text.text(),
            "全市各个社区积极推动老年助餐服务点的建设，目前12个镇和57个村（居）已建成了老年助餐点并投入使用，"
            "覆盖率分别达100％和87.64％。全市享受助餐服务的老人已经达到了4.8万人。助餐项目也在逐年增加。");
  EXPECT_EQ(r.units[1].text.text(), "实习生 林小军");
}

// A subtitle set in a narrow column wraps, and its rest (a few Han
// characters, no mark) comes out as a line of its own under it, over the
// body: the rest goes back onto the subtitle. An issuing unit under the
// subtitle is no rest of it.
TEST(RepairHeadWrap, SubtitleWrappedInANarrowColumnIsOneUnit) {
  const std::string body =
      "沙河镇今年新修村道十二\n"
      "条，全长四十多公里，沿线\n"
      "村民出行难的问题得到了解\n"
      "决。镇里还在每个村口装了\n"
      "路灯，晚上出门也亮堂了。\n";
  EXPECT_EQ(units("沙河镇的乡亲们走上了新路\n——虽然山里冬天来得早\n路面全铺好了\n" + body),
            (std::vector<std::string>{"沙河镇的乡亲们走上了新路", "——虽然山里冬天来得早路面全铺好了",
                                      "沙河镇今年新修村道十二条，全长四十多公里，沿线村民出行难的问题得到了解决。"
                                      "镇里还在每个村口装了路灯，晚上出门也亮堂了。"}));
  EXPECT_EQ(units("沙河镇的乡亲们走上了新路\n——虽然山里冬天来得早\n市交通运输局\n" + body)[2], "市交通运输局");
  // A headline that shares its printed line with the body's first line is
  // the next head (set before its body), not the subtitle's rest.
  const std::string split_body = "路面全铺好了 沙河镇今年新修村道十二\n" + body.substr(body.find('\n') + 1);
  const auto shared = units("沙河镇的乡亲们走上了新路\n——虽然山里冬天来得早\n" + split_body);
  ASSERT_GE(shared.size(), 3u);
  EXPECT_EQ(shared[1], "——虽然山里冬天来得早");
  EXPECT_EQ(shared[2], "路面全铺好了");
}

// Chinese typesetting breaks a run of Latin letters anywhere when it has no
// space in it: a web address or a file name cut at the line's end joins
// again without a space; two English words keep theirs.
TEST(RepairJoin, AddressCutAtTheLineEndJoinsWithoutASpace) {
  const std::string page =
      "　　镇政府开通了网上办事\n"
      "大厅，居民可登录www.sha\n"
      "hezhen.gov.cn办理证明，\n"
      "也可以下载表格form2001.d\n"
      "oc填好后交到镇里，或者写\n"
      "信给活动组委会报名参加。\n";
  const RepairResult r = repair_page(page);
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].text.text(),
            "镇政府开通了网上办事大厅，居民可登录www.shahezhen.gov.cn办理证明，也可以下载表格form2001.doc"
            "填好后交到镇里，或者写信给活动组委会报名参加。");
  const std::string words =
      "　　镇里的新年晚会今年叫\n"
      "做Happy New Year晚会，写\n"
      "信给组委会报名的有Happy\n"
      "Family合唱团等十多个。\n";
  const RepairResult w = repair_page(words);
  ASSERT_EQ(w.units.size(), 1u);
  EXPECT_EQ(w.units[0].text.text(), "镇里的新年晚会今年叫做Happy New Year晚会，写信给组委会报名的有Happy Family合唱团等十多个。");
}

// A byline run into the last line of its article and wrapped inside its
// role word (…提高。 通讯 / 员 甲 乙 丙): the cut role word says the line was
// full, however wide the column measured, and the rest of it with the names
// after it is the byline's, even with three names (four words on the line,
// which alone read as a heading's phrases).
TEST(RepairTailWrap, BylineCutInsideItsRoleWordIsOneUnitWithItsNames) {
  const std::string body =
      "今年以来，全县各乡镇认真落实\n"
      "冬春农田水利建设各项措施，新\n"
      "修和加固塘坝一百多座，灌溉面\n"
      "积比去年增加了两成，群众对此\n";
  const std::string next = "县里的第二批工程也将在春耕前完工\n";
  EXPECT_EQ(units(body + "普遍表示满意。 通讯\n员 郑安澜 何思齐 陆晓川\n" + next),
            (std::vector<std::string>{"今年以来，全县各乡镇认真落实冬春农田水利建设各项措施，新修和加固塘坝一百多座，"
                                      "灌溉面积比去年增加了两成，群众对此普遍表示满意。",
                                      "通讯员 郑安澜 何思齐 陆晓川", "县里的第二批工程也将在春耕前完工"}));
  // With a marker before the role word, and with two names on a line that
  // stops well short of the column.
  EXPECT_EQ(units(body + "普遍表示满意。 ■通\n讯员 郑安澜 何思齐 陆晓川\n" + next)[1], "■通讯员 郑安澜 何思齐 陆晓川");
  EXPECT_EQ(units(body + "满意。 通讯\n员 郑安澜 何思齐\n" + next)[1], "通讯员 郑安澜 何思齐");
  // A short line of names under a full sentence with no role word cut is
  // not pulled into the paragraph's tail.
  const auto plain = units(body + "普遍表示满意。 记者\n郑安澜 何思齐 陆晓川\n" + next);
  ASSERT_GE(plain.size(), 2u);
  EXPECT_EQ(plain[0].substr(plain[0].size() - std::string("满意。").size()), "满意。");
}

// A byline set in a box narrower than the column wraps where the column's
// width says nothing: inside a name (a first word of one character under a
// name of two is that name's end: 郑安 / 澜), after a marker set apart by the
// extractor (■ / 通讯员 …), or after a role word left alone on its line
// (通讯员 / 甲 乙 丙). Each is one byline, spaced as printed.
TEST(RepairBylineWrap, BylineBrokenInsideANameOrAfterItsMarkerOrRoleWordIsOneUnit) {
  const std::string body =
      "今年以来，全县各乡镇认真落实\n"
      "冬春农田水利建设各项措施，新\n"
      "修和加固塘坝一百多座，灌溉面\n"
      "积比去年增加了两成，群众对此\n"
      "普遍表示满意。\n";
  const std::string next = "县里的第二批工程也将在春耕前完工\n";
  auto byline = [&](const std::string& lines) {
    const auto u = units(body + lines + next);
    return u.size() == 3 ? u[1] : std::string("(") + std::to_string(u.size()) + " units)";
  };
  EXPECT_EQ(byline("通讯员 郑安\n澜 何思齐 陆晓川\n"), "通讯员 郑安澜 何思齐 陆晓川");
  EXPECT_EQ(byline("记者 高山 通讯员 郑安\n澜\n"), "记者 高山 通讯员 郑安澜");
  EXPECT_EQ(byline("■\n通讯员 郑安澜 何思齐\n"), "■通讯员 郑安澜 何思齐");
  EXPECT_EQ(byline("通讯员\n郑安澜 何思齐 陆晓川\n"), "通讯员 郑安澜 何思齐 陆晓川");
  EXPECT_EQ(byline("记者\n郑安澜 通讯员 何思齐\n"), "记者 郑安澜 通讯员 何思齐");
  // Under a name of three characters the character opens the next name,
  // whose rest follows: that line is not joined to the name above.
  const auto three = units(body + "通讯员 郑安澜\n何\n思齐\n" + next);
  ASSERT_GE(three.size(), 2u);
  EXPECT_EQ(three[1].find("郑安澜何"), std::string::npos);
}

// A dash that opens a wrapped line of running text (…一是因为 / 有一个团结的
// 领导班子 / ———镇党委班子；二是有 / …) is no subtitle: the line over it, with no
// mark, goes on from the text above it, and the dash line goes on with a
// clause mark inside it into the full line under it. Read as a headline and
// its subtitle, the two lines were taken out of the paragraph (and the
// paragraph's lines under them moved after it). A subtitle with a comma
// under its headline, over the body, stays one.
TEST(RepairDash, DashOpeningAWrappedLineOfTextIsNoSubtitle) {
  const std::string page =
      "　　村民们对新修的路都很\n"
      "满意。”\n"
      "镇里主动迎接这种挑战\n"
      "的乡镇还不太多。镇里之所\n"
      "以敢这样做决定，一是因为\n"
      "有一个团结的领导班子\n"
      "———镇党委班子；二是有\n"
      "科学可行的规划和修路方案\n"
      "等；三是全镇上下齐心，四\n"
      "是有多年修路的经验。今后\n"
      "镇里还要继续努力。\n";
  EXPECT_EQ(units(page), (std::vector<std::string>{
                             "村民们对新修的路都很满意。”",
                             "镇里主动迎接这种挑战的乡镇还不太多。镇里之所以敢这样做决定，一是因为有一个团结的领导班子"
                             "———镇党委班子；二是有科学可行的规划和修路方案等；三是全镇上下齐心，四是有多年修路的经验。"
                             "今后镇里还要继续努力。"}));
  const std::string head =
      "沙河镇新修村道通车\n"
      "——全长四十公里，沿线十村受益\n"
      "沙河镇今年新修村道十二条，全长\n"
      "四十多公里，沿线村民出行难的问\n"
      "题得到了解决。\n";
  EXPECT_EQ(units(head), (std::vector<std::string>{"沙河镇新修村道通车", "——全长四十公里，沿线十村受益",
                                                   "沙河镇今年新修村道十二条，全长四十多公里，沿线村民出行难的问题得到了解决。"}));
}

// A byline at the foot of a head, on one baseline with the first line of
// the next column's paragraph (pdftotext -raw: 通讯员 甲 乙 秘鲁最大…): the
// byline is a unit of its own and the line's text opens the paragraph the
// lines under it go on with. Not where the text beside the byline is no
// paragraph's first line (2 em short of the line under it), nor under a
// line of running text that goes on.
TEST(RepairSharedBaseline, BylineBesideAParagraphsFirstLineIsSplitOff) {
  const std::string head = "全县冬修水利进度过半\n";
  const std::string body =
      "修和加固塘坝一百多座，灌\n"
      "溉面积比去年增加两成，群\n"
      "众对此普遍表示满意。\n";
  EXPECT_EQ(units(head + "通讯员 郑安澜 何思齐 今年以来，全县各乡镇\n" + body),
            (std::vector<std::string>{"全县冬修水利进度过半", "通讯员 郑安澜 何思齐",
                                      "今年以来，全县各乡镇修和加固塘坝一百多座，灌溉面积比去年增加两成，群众对此普遍表示满意。"}));
  EXPECT_EQ(units("村民们对新修的路都很满意。\n■通讯员 郑安澜 今年以来，全县各乡镇\n" + body)[1], "■通讯员 郑安澜");
  // A full line beside it is the middle of a paragraph: left as it is.
  const auto mid = units(head + "通讯员 郑安澜 何思齐 今年以来，全县各乡镇认真\n" + body);
  EXPECT_EQ(std::find(mid.begin(), mid.end(), "通讯员 郑安澜 何思齐"), mid.end());
}

// On a page whose blank lines mark paragraphs, a sentence end, a blank line
// and a line that reads full only because two closing marks hang past its
// measure (“……多干。” on a first line 2 em short): the blank is a paragraph
// break, not a column break inside one paragraph. A line under the blank
// that is full without hanging marks still goes on with the paragraph above.
TEST(RepairBlankLines, FirstLineFullOnlyWithTwoHangingMarksStartsAParagraph) {
  const std::string above =
      "今年入冬以来，全县各乡镇组织群众\n"
      "开展冬修水利，新修加固塘坝一百多座，\n"
      "灌溉面积比去年增加了两成，效果明显。\n"
      "\n";
  const std::string below =
      "县水利局的负责人在全县动员大会上这样\n"
      "说。各乡镇随即行动起来。\n"
      "\n"
      "全县共投入劳力三万多人次，完成土\n"
      "石方八十多万立方米。\n";
  EXPECT_EQ(units(above + "“冬修不等人，今年要早干快干多干。”\n" + below),
            (std::vector<std::string>{
                "今年入冬以来，全县各乡镇组织群众开展冬修水利，新修加固塘坝一百多座，灌溉面积比去年增加了两成，效果明显。",
                "“冬修不等人，今年要早干快干多干。”县水利局的负责人在全县动员大会上这样说。各乡镇随即行动起来。",
                "全县共投入劳力三万多人次，完成土石方八十多万立方米。"}));
  const auto joined = units(above + "冬修不等人，今年全县各乡镇都要早干快\n" + below);
  ASSERT_FALSE(joined.empty());
  EXPECT_EQ(joined[0].rfind("今年入冬以来", 0), 0u);
  EXPECT_NE(joined[0].find("效果明显。冬修不等人"), std::string::npos);
}

// On a page whose blank lines mark paragraphs (and break no columns), a
// one-line paragraph (a first line 2 em short that ends a sentence), a blank
// line and a line that reads full only with its half-width digits and the
// mark hung at its end: the blank is a paragraph break. Where the page's
// blank lines also break columns (a running line wraps on over one), the
// first line still goes on across the blank, as before.
TEST(RepairBlankLines, OneLineParagraphOverABlankIsNotJoinedToTheNext) {
  auto page = [](const std::string& second) {
    return "今年入冬以来，全县各乡镇组织群众\n"
           "开展冬修水利，新修加固塘坝一百多座，\n"
           "灌溉面积比去年增加了两成。\n"
           "\n" +
           second +
           "\n"
           "各村把冬修水利当作头等大事来抓。\n"
           "\n"
           "12月20日起，全县又有1200多名干部，\n"
           "下到各村和群众一起挖渠修坝，一直干到\n"
           "年底。\n";
  };
  EXPECT_EQ(units(page("县里还从机关抽调干部，分片包干，\n一个村一个村地检查进度，发现问题当\n场解决。\n")),
            (std::vector<std::string>{
                "今年入冬以来，全县各乡镇组织群众开展冬修水利，新修加固塘坝一百多座，灌溉面积比去年增加了两成。",
                "县里还从机关抽调干部，分片包干，一个村一个村地检查进度，发现问题当场解决。",
                "各村把冬修水利当作头等大事来抓。",
                "12月20日起，全县又有1200多名干部，下到各村和群众一起挖渠修坝，一直干到年底。"}));
  const auto broken = units(page("县里还从机关抽调干部，分片包干，\n一个村一个村地检查进度，发现问题当\n\n场解决。\n"));
  ASSERT_FALSE(broken.empty());
  EXPECT_EQ(broken.back(), "各村把冬修水利当作头等大事来抓。12月20日起，全县又有1200多名干部，下到各村和群众一起挖渠修坝，一直干到年底。");
}
