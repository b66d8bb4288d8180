// huozi_work FAMILY BYTES: builds one adversarial page of about BYTES bytes in
// memory (a pattern of FAMILY repeated) and parses it with no limits. The
// linear-time test (tests/cpp/test_linear.cpp) runs it under valgrind at two
// sizes and compares the instructions executed; `huozi_work --list` prints
// the families. A size of 0 parses nothing (the fixed cost of the program).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "huozi/extract/extract.hpp"
#include "huozi/pipeline.hpp"

namespace {

struct Family {
  const char* name;
  const char* pattern;  // repeated until the page has BYTES bytes
  const char* what;
};

// Every family is one repeated pattern: single lines (no newline at all),
// line floods, and near-matches that make each extractor start and give up.
const Family kFamilies[] = {
    {"line_text", "市公安局要求，深化思想认识，于2020年7月23日拨打110报警，涉案金额3.5万元，增长12.5%。",
     "one line of running text with fields, no newline (the 100 MB single line, scaled)"},
    {"line_han", "坚持政治建警全面从严治警", "one line of Han characters, no punctuation (a heading-like line)"},
    {"line_ascii", "x", "one line of one ASCII letter"},
    {"line_spaces", "码 ", "one line, letter-spaced"},
    {"blank_lf", "\n", "blank lines (the million blank lines, scaled)"},
    {"blank_crlf", "\r\n", "blank lines, CRLF"},
    {"blank_cr", "\r", "blank lines, CR"},
    {"form_feeds", "\f", "page breaks"},
    {"spaces_lines", " \t\u3000\n", "white-space-only lines"},
    {"byline_lines", "通讯员\n", "a million 通讯员 lines, scaled"},
    {"byline_names", "通讯员 侯宪锋 张巍\n", "byline lines with names"},
    {"byline_run", "通讯员", "通讯员 repeated on one line"},
    {"dateline_run", "本报讯（记者 周九）", "datelines repeated on one line"},
    {"short_lines", "坚持政治建警\n", "heading-like short lines"},
    {"short_blank", "坚持政治建警\n\n", "heading-like lines between blank lines"},
    {"sentence_lines", "市公安局要求深化思想认识。\n", "short sentence lines"},
    {"wrapped", "市公安局要求，深化思想认识，坚持政治建警，全面从严\n", "full lines of one endless paragraph"},
    {"interleaved", "天重新开门，书架上添了\n冬天被大水冲坏了一段，\n点出炉第一批面包，香味能飘到两\n三百多本新书，孩子们放 附近的居民只好绕行五公\n条街外，排队的人从门口一直排到\n",
     "columns read row by row (three columns, two of them run together on one line in every other row): the de-interleaver's periods and splits"},
    {"year_run", "2020年", "2020年2020年…"},
    {"date_run", "7月23日", "dates back to back"},
    {"iso_run", "2020-", "2020-2020-…"},
    {"digits", "1", "one digit run"},
    {"digit_groups", "1234567890 ", "digit groups"},
    {"thousands", "123,", "thousands separators without end"},
    {"decimals", "1.", "1.1.1.…"},
    {"cn_numerals", "一二三四五六七八九十百千万亿", "Chinese numeral runs"},
    {"money_words", "人民币", "currency words with no amount"},
    {"money_signs", "￥", "currency signs with no amount"},
    {"percent_words", "百分之", "百分之 with no number"},
    {"percent_run", "5%", "5%5%…"},
    {"time_run", "10:", "10:10:…"},
    {"period_words", "上午", "上午 with no time"},
    {"phone_words", "拨打", "拨打 with no number"},
    {"phone_run", "(010)", "area codes with no number"},
    {"id_digits", "11010519491231002X", "ID numbers back to back"},
    {"at_run", "@", "@@@@…"},
    {"email_near", "a@", "a@a@…"},
    {"http_run", "http://", "http://http://…"},
    {"www_run", "www.", "www.www.…"},
    {"relative_words", "今年昨天近日本月", "relative-date words"},
    {"org_suffix", "公安局", "organization suffixes"},
    {"org_heads", "市委市政府", "organization heads"},
    {"place_suffix", "省市县区", "place suffixes"},
    {"punct_soup", "“”「」（）《》，。、；：！？…—", "punctuation soup"},
    {"closers", "。", "sentence ends"},
    {"doubled", "坚坚持持\n", "faux-bold lines"},
    {"jump_lines", "（下转第2版）\n", "jump lines"},
    {"jump_articles", "市公安局要求深化思想认识。\n（下转第2版）\n通讯员 张巍\n", "many articles, each with a jump"},
    {"label_lines", "①①\n", "faux-bold photo labels"},
    {"title_body", "坚持政治建警\n市公安局要求，深化思想认识，坚持政治建警。\n", "many titled articles"},
    {"byline_body", "市公安局要求深化思想认识。\n通讯员 侯宪锋\n", "many articles closed by bylines"},
    {"dateline_body", "本报讯（记者 周九）市公安局要求深化思想认识。\n", "many articles opened by datelines"},
    {"subheads", "市公安局要求，深化思想认识，坚持政治建警，全面从严治警。\n一、坚持政治建警\n", "subheadings between paragraphs"},
    {"caption_lines", "图为民警在工作。（图①）\n", "caption lines"},
    {"kicker_groups", "市公安局要求，深化思想认识，坚持政治建警。\n坚持政治建警\n市公安局\n全面从严治警\n",
     "title groups cut at an issuing unit (one article's title after its body, the next one's kicker and title)"},
    {"subtitle_groups", "市公安局要求，深化思想认识。\n坚持政治建警\n——二○○一年新年贺词\n全面从严治警\n",
     "title groups cut after a subtitle"},
    {"split_bylines", "市公安局要求，深化思想认识。\n■通讯员\n侯宪锋\n张\n巍 权尊彦\n",
     "bylines split over short lines (MuPDF)"},
    {"wrapped_tails", "市公安局要求，深化思想认识，坚持政治建警，全面。 通讯员 侯\n宪锋\n",
     "glued bylines wrapped onto the next line"},
    {"closing_marks", "他说：“市公安局要求深化思想认识。\n”\n", "closing marks broken off onto their own line"},
    {"blank_spaced", "市公安局要求，深化思想认识，坚持政\n\n", "a blank line after every line (MuPDF)"},
    {"byline_distinct", "市公安局要求深化思想认识。\n通讯员 侯", "many articles closed by bylines of different names"},
};

// byline_distinct: each repetition's byline gets a name of its own (three more
// characters, from a counter) and a blank line after it, so no two byline
// lines read alike (repeated identical lines would hide work done per
// distinct byline).
void append_distinct_name(std::string& text, std::size_t k) {
  static constexpr std::string_view kChars[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
                                                "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平"};
  constexpr std::size_t n = std::size(kChars);
  text.append(kChars[k % n]).append(kChars[(k / n) % n]).append(kChars[(k / n / n) % n]).append("\n\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--list") == 0) {
    for (const Family& f : kFamilies) std::printf("%s\t%s\n", f.name, f.what);
    return 0;
  }
  if (argc != 3) {
    std::fprintf(stderr, "usage: huozi_work FAMILY BYTES | --list\n");
    return 2;
  }
  const Family* fam = nullptr;
  for (const Family& f : kFamilies)
    if (std::strcmp(f.name, argv[1]) == 0) fam = &f;
  if (!fam) {
    std::fprintf(stderr, "unknown family %s\n", argv[1]);
    return 2;
  }
  const std::size_t bytes = std::strtoull(argv[2], nullptr, 10);
  if (bytes == 0) return 0;
  std::string text;
  text.reserve(bytes + 64);
  const std::string_view pat(fam->pattern);
  const bool distinct = std::strcmp(fam->name, "byline_distinct") == 0;
  for (std::size_t k = 0; text.size() < bytes; ++k) {
    text.append(pat);
    if (distinct) append_distinct_name(text, k);
  }
  huozi::ParseOptions o;
  o.limits.max_page_bytes = 0;
  o.limits.max_line_bytes = 0;
  o.limits.max_lines = 0;
  o.limits.max_fields_per_article = 0;
  // With the de-interleaver forced on (by default only pages that look
  // interleaved get it): its periods and splits must be linear on every family too.
  o.repair.deinterleave = huozi::repair::Deinterleave::kOn;
  auto r = huozi::parse_text(std::move(text), o);
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n", r.error().to_string().c_str());
    return 1;
  }
  std::size_t blocks = 0, fields = 0;
  for (const auto& a : r.value().articles) {
    blocks += a.blocks.size();
    fields += a.fields.size();
  }
  std::printf("%s %zu bytes: %zu articles, %zu blocks, %zu fields, %zu debris\n", fam->name, bytes,
              r.value().articles.size(), blocks, fields, r.value().debris.size());
  return 0;
}
