// The archive runner: metadata from paths, member-name safety, the readers
// (directory, zip and tar.gz written here with libarchive, JSON Lines) and the
// runner's order across thread counts.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "huozi/archive/archive.hpp"
#include "huozi/archive/arrow.hpp"

namespace fs = std::filesystem;
using namespace huozi::archive;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("huozi-archive-test-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

void write_file(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

// Writes members into an archive with libarchive (format "zip" or "gnutar" + gzip).
void write_archive(const std::string& path, bool zip, const std::vector<std::pair<std::string, std::string>>& members) {
  struct archive* a = archive_write_new();
  if (zip) {
    archive_write_set_format_zip(a);
  } else {
    archive_write_set_format_gnutar(a);
    archive_write_add_filter_gzip(a);
  }
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
  for (const auto& [name, bytes] : members) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, bytes.data(), bytes.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

const std::string kPage =
    "坚持政治建警 全面从严治警\n"
    "市公安局要求，各级公安机关要深化思想认识，切实把全面从严治警各项要求落到实处。\n"
    "通讯员 侯宪锋\n";

std::string sample_page() { return read_all(HUOZI_SAMPLE_PAGE); }

std::vector<Outcome> run_all(std::vector<std::string> inputs, RunOptions o) {
  ArchiveRunner r(std::move(inputs), o);
  std::vector<Outcome> out;
  while (auto b = r.next_batch())
    for (auto& x : b->pages) out.push_back(std::move(x));
  const RunStats st = r.stats();
  EXPECT_GE(st.worker_cpu, 0.0);
  EXPECT_GE(st.reader_cpu, 0.0);
  if (!out.empty() && out.back().page) EXPECT_GT(st.worker_cpu, 0.0);
  return out;
}

}  // namespace

TEST(ArchiveMeta, DatePageAndPaperFromPaths) {
  auto m = meta_from_path("2020-07-24/03.txt");
  EXPECT_EQ(m.date, "2020-07-24");
  EXPECT_EQ(m.page, "03");
  EXPECT_FALSE(m.paper);
  m = meta_from_path("20200724_A03.txt");
  EXPECT_EQ(m.date, "2020-07-24");
  EXPECT_EQ(m.page, "A03");
  m = meta_from_path("jnrb/2020/07/24/page3.txt");
  EXPECT_EQ(m.date, "2020-07-24");
  EXPECT_EQ(m.page, "3");
  EXPECT_EQ(m.paper, "jnrb");
  m = meta_from_path("pages/00017.txt");  // a serial number, not a page label
  EXPECT_FALSE(m.date);
  EXPECT_FALSE(m.page);
  m = meta_from_path("rmrb/2001-01-05/第4版.txt");
  EXPECT_EQ(m.page, "4");
  EXPECT_EQ(m.paper, "rmrb");
}

TEST(ArchiveMeta, UnsafeMemberNames) {
  EXPECT_TRUE(unsafe_member_name("../etc/passwd"));
  EXPECT_TRUE(unsafe_member_name("a/../../b.txt"));
  EXPECT_TRUE(unsafe_member_name("/abs/page.txt"));
  EXPECT_TRUE(unsafe_member_name("C:\\page.txt"));
  EXPECT_FALSE(unsafe_member_name("a/b..c/page.txt"));
  EXPECT_FALSE(unsafe_member_name("2020-07-24/03.txt"));
}

TEST(ArchiveReader, DirectoryInSortedOrderWithSuffixFilter) {
  TempDir t;
  write_file(t.path / "b" / "02.txt", kPage);
  write_file(t.path / "a" / "10.txt", kPage);
  write_file(t.path / "a" / "02.txt", kPage);
  write_file(t.path / "gold.jsonl", "{}\n");
  write_file(t.path / "notes.md", "x");
  Reader r({t.path.string()}, {});
  std::vector<std::string> names;
  while (auto it = r.next()) names.push_back(it->source.substr(t.path.string().size()));
  EXPECT_EQ(names, (std::vector<std::string>{"/a/02.txt", "/a/10.txt", "/b/02.txt"}));
}

TEST(ArchiveReader, ZipAndTarGzMembersUnsafeNamesReported) {
  TempDir t;
  const std::vector<std::pair<std::string, std::string>> members = {
      {"jnrb/2020/07/24/page1.txt", kPage},
      {"../evil.txt", kPage},
      {"jnrb/2020/07/24/page2.txt", std::string("\x00\x01\x02binary", 9)},
      {"readme.md", "not a page"},
  };
  for (bool zip : {true, false}) {
    const std::string path = (t.path / (zip ? "a.zip" : "a.tar.gz")).string();
    write_archive(path, zip, members);
    auto out = run_all({path}, RunOptions{});
    ASSERT_EQ(out.size(), 3u) << path;
    EXPECT_EQ(out[0].source, path + ":jnrb/2020/07/24/page1.txt");
    ASSERT_TRUE(out[0].page) << (out[0].error ? out[0].error->message : "");
    EXPECT_EQ(out[0].meta.paper, "jnrb");
    EXPECT_EQ(out[0].meta.page, "1");
    EXPECT_EQ(out[0].page->date, "2020-07-24");
    EXPECT_FALSE(out[0].page->articles.empty());
    ASSERT_TRUE(out[1].error);
    EXPECT_EQ(out[1].error->kind, "unsafe_path");
    ASSERT_TRUE(out[2].error);
    EXPECT_EQ(out[2].error->kind, "binary_input");
  }
}

TEST(ArchiveReader, JsonLinesRecordsAndBadLines) {
  TempDir t;
  const std::string path = (t.path / "p.jsonl").string();
  write_file(path,
             "{\"text\": \"\\u5e02\\u516c\\u5b89\\u5c40\\u8981\\u6c42\\u3002\\n\", \"date\": \"2020-07-24\", \"page\": 3, "
             "\"paper\": \"jnrb\", \"extra\": {\"a\": [1, \"}\"]}}\n"
             "\n"
             "{\"text\": 5}\n"
             "not json\n"
             "{\"source\": \"x/20200101_B02.txt\", \"text\": \"正文。\"}");
  auto out = run_all({path}, RunOptions{});
  ASSERT_EQ(out.size(), 4u);
  ASSERT_TRUE(out[0].page);
  EXPECT_EQ(out[0].source, path + ":1");
  EXPECT_EQ(out[0].meta.page, "3");
  EXPECT_EQ(out[0].meta.paper, "jnrb");
  EXPECT_EQ(out[0].page->date, "2020-07-24");
  EXPECT_EQ(out[0].page->text, "市公安局要求。\n");
  ASSERT_TRUE(out[1].error);
  EXPECT_EQ(out[1].source, path + ":3");
  EXPECT_EQ(out[1].error->kind, "json");
  ASSERT_TRUE(out[2].error);
  EXPECT_EQ(out[2].error->kind, "json");
  ASSERT_TRUE(out[3].page);
  EXPECT_EQ(out[3].source, "x/20200101_B02.txt");
  EXPECT_EQ(out[3].meta.page, "B02");
  EXPECT_EQ(out[3].page->date, "2020-01-01");
}

TEST(ArchiveRunner, SameOrderWhateverTheThreadsAndSkip) {
  TempDir t;
  const std::string sample = sample_page();
  for (int i = 0; i < 60; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%03d.txt", i);
    write_file(t.path / "p" / name, i % 7 == 3 ? std::string("\xff\xfe\x00\xd8 bad", 8) : sample.substr(0, 200 + 37 * i));
  }
  auto summary = [](const std::vector<Outcome>& v) {
    std::vector<std::string> s;
    for (const auto& o : v) {
      std::string x = o.source + "|" + std::to_string(o.seq) + "|";
      if (o.error) x += "E:" + o.error->kind;
      else for (const auto& a : o.page->articles) x += (a.title ? a.title->text : "-") + std::to_string(a.blocks.size()) + ";";
      s.push_back(x);
    }
    return s;
  };
  RunOptions one;
  one.threads = 1;
  one.batch_pages = 7;
  RunOptions four;
  four.threads = 4;
  four.max_in_flight = 5;
  auto a = summary(run_all({t.path.string()}, one));
  auto b = summary(run_all({t.path.string()}, four));
  ASSERT_EQ(a.size(), 60u);
  EXPECT_EQ(a, b);
  RunOptions one_byte = four;  // the byte bound lets one page through at a time
  one_byte.max_bytes_in_flight = 1;
  EXPECT_EQ(summary(run_all({t.path.string()}, one_byte)), a);
  RunOptions skip = four;
  skip.skip = 25;
  auto c = summary(run_all({t.path.string()}, skip));
  ASSERT_EQ(c.size(), 35u);
  EXPECT_TRUE(std::equal(c.begin(), c.end(), a.begin() + 25));
}

TEST(ArchiveArrow, ExportsArticlesAndErrorsThroughTheCDataInterface) {
  TempDir t;
  write_file(t.path / "2020-07-24" / "01.txt", sample_page());
  write_file(t.path / "2020-07-24" / "02.txt", std::string("\x00\x01", 2));
  RunOptions o;
  ArchiveRunner r({t.path.string()}, o);
  auto b = r.next_batch();
  ASSERT_TRUE(b);
  ASSERT_EQ(b->pages.size(), 2u);
  const std::size_t n_articles = b->pages[0].page->articles.size();
  ArrowBatch ab = to_arrow(*b);
  ArrowSchema s;
  ab.articles.export_schema(&s);
  EXPECT_STREQ(s.format, "+s");
  ASSERT_EQ(s.n_children, 15);
  EXPECT_STREQ(s.children[6]->format, "+l");
  EXPECT_STREQ(s.children[6]->children[0]->format, "+s");
  EXPECT_STREQ(s.children[8]->children[0]->children[3]->name, "number");
  ArrowArray a;
  std::move(ab.articles).export_array(&a);
  EXPECT_EQ(a.length, static_cast<std::int64_t>(n_articles));
  EXPECT_EQ(a.n_children, 15);
  // source column: offsets and characters of the first row.
  const auto* offsets = static_cast<const std::int32_t*>(a.children[0]->buffers[1]);
  const char* chars = static_cast<const char*>(a.children[0]->buffers[2]);
  EXPECT_EQ(std::string(chars + offsets[0], chars + offsets[1]), (t.path / "2020-07-24" / "01.txt").string());
  ArrowArray e;
  std::move(ab.errors).export_array(&e);
  EXPECT_EQ(e.length, 1);
  a.release(&a);
  s.release(&s);
  e.release(&e);
  EXPECT_EQ(a.release, nullptr);
}

// RunOptions::page_limits reach every page: a page over one is an error row
// naming the limit (as parse reports it) and the run goes on; the defaults
// take the same pages.
TEST(ArchiveRunner, PageLimitsMakeErrorRowsAndTheRunGoesOn) {
  TempDir t;
  write_file(t.path / "a.txt", kPage);  // 3 lines
  std::string long_page;
  for (int i = 0; i < 6; ++i) long_page += "第" + std::to_string(i) + "行文字。\n";
  write_file(t.path / "b.txt", long_page);  // 6 lines
  RunOptions o;
  auto all = run_all({t.path.string()}, o);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].page && all[1].page);
  o.page_limits.max_lines = 3;
  auto limited = run_all({t.path.string()}, o);
  ASSERT_EQ(limited.size(), 2u);
  ASSERT_TRUE(limited[0].page);
  EXPECT_EQ(limited[0].page->articles.size(), all[0].page->articles.size());
  ASSERT_TRUE(limited[1].error);
  EXPECT_EQ(limited[1].error->kind, "limit_exceeded");
  EXPECT_NE(limited[1].error->message.find("max_lines"), std::string::npos);
  const auto first_over = long_page.find("第3行");
  EXPECT_EQ(limited[1].error->offset, first_over);
  o.page_limits.max_page_bytes = 10;  // checked before decoding: both pages refused
  auto tiny = run_all({t.path.string()}, o);
  ASSERT_EQ(tiny.size(), 2u);
  EXPECT_TRUE(tiny[0].error && tiny[1].error);
  EXPECT_NE(tiny[0].error->message.find("max_page_bytes"), std::string::npos);
}

// max_page_bytes = 0 is no limit, as in parse (not a limit every page is
// over), and a page over a set one is refused as parse_page refuses it.
TEST(ArchiveRunner, NoMaxPageBytesIsNoLimitAndOverOneIsParsesError) {
  TempDir t;
  write_file(t.path / "a.txt", kPage);
  RunOptions o;
  o.page_limits.max_page_bytes = 0;
  auto all = run_all({t.path.string()}, o);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].page) << (all[0].error ? all[0].error->message : "");
  o.page_limits.max_page_bytes = 10;
  auto tiny = run_all({t.path.string()}, o);
  ASSERT_EQ(tiny.size(), 1u);
  ASSERT_TRUE(tiny[0].error);
  huozi::ParseOptions po;
  po.limits.max_page_bytes = 10;
  const auto parsed = huozi::parse_page(kPage, po);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(tiny[0].error->message, parsed.error().message);
  EXPECT_EQ(tiny[0].error->offset, parsed.error().offset);
}
