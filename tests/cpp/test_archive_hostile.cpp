// Hostile archives, built in memory with libarchive and read through
// Reader::InMemory: links and special files, zip bombs (member size, ratio,
// total), truncated and corrupt compression, a damaged zip central directory,
// empty inputs, JSON Lines record lines over the limit. Each is an error row
// and the good members still come out; skipping (resume) yields the same
// items as reading.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "../fuzz/fuzz_archive.hpp"
#include "huozi/archive/archive.hpp"

using namespace huozi::archive;

namespace {

struct Entry {
  std::string name;
  std::string data;
  unsigned type = AE_IFREG;
  std::string link;       // symlink target (AE_IFLNK)
  std::string hardlink;   // hard link target
};

Entry file(std::string name, std::string data) { return Entry{std::move(name), std::move(data)}; }

// An archive in memory: format "zip", "7z" or "tar" (pax), filter "", "gzip" or "zstd".
std::string make_archive(const std::string& format, const std::string& filter, const std::vector<Entry>& entries) {
  std::vector<char> buf((std::size_t{64} << 20));
  size_t used = 0;
  struct archive* a = archive_write_new();
  if (format == "zip") archive_write_set_format_zip(a);
  else if (format == "7z") archive_write_set_format_7zip(a);
  else archive_write_set_format_pax_restricted(a);
  if (filter == "gzip") archive_write_add_filter_gzip(a);
  if (filter == "zstd") archive_write_add_filter_zstd(a);
  EXPECT_EQ(archive_write_open_memory(a, buf.data(), buf.size(), &used), ARCHIVE_OK);
  for (const Entry& x : entries) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, x.name.c_str());
    archive_entry_set_filetype(e, x.type);
    archive_entry_set_perm(e, 0644);
    if (!x.link.empty()) archive_entry_set_symlink(e, x.link.c_str());
    if (!x.hardlink.empty()) archive_entry_set_hardlink(e, x.hardlink.c_str());
    if (x.type == AE_IFCHR || x.type == AE_IFBLK) archive_entry_set_rdev(e, 0x0103);
    archive_entry_set_size(e, x.type == AE_IFREG && x.hardlink.empty() ? static_cast<la_int64_t>(x.data.size()) : 0);
    EXPECT_EQ(archive_write_header(a, e), ARCHIVE_OK) << archive_error_string(a);
    if (x.type == AE_IFREG && x.hardlink.empty() && !x.data.empty())
      EXPECT_EQ(archive_write_data(a, x.data.data(), x.data.size()), static_cast<la_ssize_t>(x.data.size()));
    archive_entry_free(e);
  }
  EXPECT_EQ(archive_write_close(a), ARCHIVE_OK);
  archive_write_free(a);
  return std::string(buf.data(), used);
}

// A raw compressed stream (for JSON Lines): libarchive's "raw" format.
std::string compress(const std::string& filter, const std::string& data) {
  std::vector<char> buf(data.size() + (1 << 20));
  size_t used = 0;
  struct archive* a = archive_write_new();
  archive_write_set_format_raw(a);
  if (filter == "gzip") archive_write_add_filter_gzip(a);
  else archive_write_add_filter_zstd(a);
  archive_write_open_memory(a, buf.data(), buf.size(), &used);
  struct archive_entry* e = archive_entry_new();
  archive_entry_set_filetype(e, AE_IFREG);
  archive_write_header(a, e);
  archive_write_data(a, data.data(), data.size());
  archive_entry_free(e);
  archive_write_close(a);
  archive_write_free(a);
  return std::string(buf.data(), used);
}

const std::string kPage =
    "坚持政治建警 全面从严治警\n"
    "市公安局要求，各级公安机关要深化思想认识，切实把全面从严治警各项要求落到实处。\n"
    "通讯员 侯宪锋\n";

// Pages that do not compress much (so that a truncation lands past the first read-ahead).
std::string varied_page(int i) {
  static const char* const words[] = {"公安", "机关", "要求", "深化", "认识", "落实", "群众", "安全", "服务", "发展",
                                      "建设", "推进", "改革", "创新", "治理", "民生"};
  std::string s;
  unsigned x = 2463534242u + static_cast<unsigned>(i) * 7919u;
  for (int k = 0; k < 1500; ++k) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    s += words[x % 16];
    if (x % 23 == 0) s += "。\n";
  }
  return s + "\n";
}

struct Row {
  std::string source;  // without the "NAME:" prefix for members
  std::string kind;    // "" for a page
  std::string message;
  std::uint64_t offset = 0;
};

std::vector<Row> read_all(const std::string& name, const std::string& bytes, Reader::Options o = {}) {
  Reader r(Reader::InMemory(name, bytes), std::move(o));
  std::vector<Row> out;
  while (auto it = r.next()) {
    Row row;
    row.source = it->source.rfind(name + ":", 0) == 0 ? it->source.substr(name.size() + 1) : it->source;
    if (it->error) {
      row.kind = it->error->kind;
      row.message = it->error->message;
      row.offset = it->error->offset;
    }
    out.push_back(row);
  }
  return out;
}

std::string summary(const std::vector<Row>& rows) {
  std::string s;
  for (const auto& r : rows) s += r.source + (r.kind.empty() ? "" : " [" + r.kind + "]") + "\n";
  return s;
}

// Reading everything and skipping k items then reading give the same items
// (resume and Dask partitions rely on it), for every k.
void expect_skip_consistent(const std::string& name, const std::string& bytes, Reader::Options o = {}) {
  const auto all = read_all(name, bytes, o);
  for (std::size_t k = 0; k <= all.size(); ++k) {
    Reader r(Reader::InMemory(name, bytes), o);
    EXPECT_EQ(r.skip(k), k) << name;
    std::vector<std::string> rest;
    while (auto it = r.next()) rest.push_back(it->source);
    ASSERT_EQ(rest.size(), all.size() - k) << name << " skip " << k;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      const std::string& want = all[k + i].source;
      EXPECT_TRUE(rest[i] == want || rest[i] == name + ":" + want) << name << " skip " << k << ": " << rest[i];
    }
  }
}

}  // namespace

TEST(ArchiveHostile, InMemoryReaderEqualsTheFormats) {
  const std::vector<Entry> members = {file("a/01.txt", kPage), file("a/02.txt", kPage), file("notes.md", "x")};
  for (const char* filter : {"", "gzip", "zstd"}) {
    const auto rows = read_all("p.tar", make_archive("tar", filter, members));
    EXPECT_EQ(summary(rows), "a/01.txt\na/02.txt\n") << filter;
  }
  EXPECT_EQ(summary(read_all("p.zip", make_archive("zip", "", members))), "a/01.txt\na/02.txt\n");
  EXPECT_EQ(summary(read_all("p.7z", make_archive("7z", "", members))), "a/01.txt\na/02.txt\n");
}

TEST(ArchiveHostile, SevenZipBombIsSkippedByDecompressingUnderTheLimits) {
  // libarchive's 7z reader decompresses to skip: the bytes count, and the
  // ratio of the whole archive applies as for tar.gz.
  const std::string sz = make_archive("7z", "", {file("a.txt", kPage), file("zeros.bin", std::string(24 << 20, '\0')),
                                                 file("c.txt", kPage)});
  ASSERT_LT(sz.size(), 1u << 20);
  const auto rows = read_all("b.7z", sz);
  ASSERT_EQ(summary(rows), "a.txt\nb.7z [limit_exceeded]\n");
  EXPECT_NE(rows[1].message.find("in member 'zeros.bin'"), std::string::npos) << rows[1].message;
  Reader::Options o;
  o.limits.max_compression_ratio = 0;
  EXPECT_EQ(summary(read_all("b.7z", sz, o)), "a.txt\nc.txt\n");
}

TEST(ArchiveHostile, LinksAndSpecialFilesAreReportedNotFollowed) {
  std::vector<Entry> members = {file("01.txt", kPage)};
  members.push_back(Entry{"link.txt", "", AE_IFLNK, "/etc/passwd", ""});
  members.push_back(Entry{"up.txt", "", AE_IFLNK, "../../secret.txt", ""});
  members.push_back(Entry{"hard.txt", "", AE_IFREG, "", "01.txt"});
  members.push_back(Entry{"fifo.txt", "", AE_IFIFO, "", ""});
  members.push_back(Entry{"tty.txt", "", AE_IFCHR, "", ""});
  members.push_back(Entry{"disk.txt", "", AE_IFBLK, "", ""});
  members.push_back(Entry{"dev/null", "", AE_IFCHR, "", ""});  // not a page name: ignored like notes.md
  members.push_back(file("02.txt", kPage));
  const std::string tar = make_archive("tar", "gzip", members);
  const auto rows = read_all("l.tar.gz", tar);
  EXPECT_EQ(summary(rows),
            "01.txt\nlink.txt [not_a_file]\nup.txt [not_a_file]\nhard.txt [not_a_file]\nfifo.txt [not_a_file]\n"
            "tty.txt [not_a_file]\ndisk.txt [not_a_file]\n02.txt\n");
  EXPECT_EQ(rows[1].message, "symbolic link to '/etc/passwd': not followed");
  EXPECT_EQ(rows[3].message, "hard link to '01.txt': not followed");
  EXPECT_EQ(rows[4].message, "a FIFO: not read");
  EXPECT_EQ(rows[5].message, "a character device: not read");
  EXPECT_EQ(rows[6].message, "a block device: not read");
  expect_skip_consistent("l.tar.gz", tar);
}

TEST(ArchiveHostile, ZipBombMemberIsAnErrorRowAndTheRestIsRead) {
  // 20 MiB of newlines: deflate shrinks it about 1000 times.
  const std::string zip = make_archive("zip", "", {file("a.txt", kPage), file("bomb.txt", std::string(20 << 20, '\n')),
                                                  file("c.txt", kPage)});
  ASSERT_LT(zip.size(), 200u << 10);
  auto rows = read_all("b.zip", zip);  // defaults: the ratio (100) stops it after 1 MiB
  ASSERT_EQ(summary(rows), "a.txt\nbomb.txt [limit_exceeded]\nc.txt\n");
  EXPECT_NE(rows[1].message.find("max_compression_ratio (100)"), std::string::npos) << rows[1].message;
  EXPECT_GT(rows[1].offset, kRatioFloorBytes);
  EXPECT_LT(rows[1].offset, 2 * kRatioFloorBytes);

  Reader::Options o;
  o.limits.max_compression_ratio = 0;
  o.limits.max_member_bytes = 4 << 20;
  rows = read_all("b.zip", zip, o);  // the header's size is over the limit: not even read
  ASSERT_EQ(summary(rows), "a.txt\nbomb.txt [limit_exceeded]\nc.txt\n");
  EXPECT_NE(rows[1].message.find("max_member_bytes (4194304 bytes)"), std::string::npos) << rows[1].message;
  EXPECT_EQ(rows[1].offset, 4u << 20);

  o.limits.max_member_bytes = 0;
  o.limits.max_total_bytes = 8 << 20;
  rows = read_all("b.zip", zip, o);  // the whole archive: stops inside the bomb, one row for the archive
  ASSERT_EQ(summary(rows), "a.txt\nb.zip [limit_exceeded]\n");
  EXPECT_NE(rows[1].message.find("max_total_bytes (8388608 bytes) in member 'bomb.txt'"), std::string::npos);
  expect_skip_consistent("b.zip", zip);
}

TEST(ArchiveHostile, ZipBombWithALyingHeaderIsCutWhileReading) {
  // The member's sizes in both headers say 1,000 bytes; its data inflates to 20 MiB.
  std::string zip = make_archive("zip", "", {file("a.txt", kPage), file("bomb.txt", std::string(20 << 20, ' ')),
                                            file("c.txt", kPage)});
  const std::uint32_t lie = 1000;
  auto patch = [&](std::size_t at) { std::memcpy(&zip[at], &lie, 4); };
  for (std::size_t p = zip.find("PK\x03\x04"); p != std::string::npos; p = zip.find("PK\x03\x04", p + 4))
    if (zip.compare(p + 30, 8, "bomb.txt") == 0) patch(p + 22);
  for (std::size_t p = zip.find("PK\x01\x02"); p != std::string::npos; p = zip.find("PK\x01\x02", p + 4))
    if (zip.compare(p + 46, 8, "bomb.txt") == 0) patch(p + 24);
  Reader::Options o;
  o.limits.max_compression_ratio = 0;
  o.limits.max_member_bytes = 2 << 20;
  const auto rows = read_all("lie.zip", zip, o);
  ASSERT_EQ(rows.size(), 3u) << summary(rows);
  EXPECT_EQ(rows[0].kind, "");
  EXPECT_EQ(rows[1].source, "bomb.txt");
  EXPECT_EQ(rows[1].kind, "limit_exceeded");  // cut at the limit while reading: never 20 MiB read
  EXPECT_EQ(rows[1].offset, 2u << 20);
  EXPECT_EQ(rows[2].source, "c.txt");
  EXPECT_EQ(rows[2].kind, "");
}

TEST(ArchiveHostile, TarGzBombStopsTheArchiveUnlessItFitsTheLimits) {
  const std::string tgz = make_archive(
      "tar", "gzip", {file("a.txt", kPage), file("bomb.bin", std::string(30 << 20, '\0')), file("c.txt", kPage)});
  // Skipping bomb.bin means decompressing it: the whole-archive ratio stops that.
  auto rows = read_all("b.tar.gz", tgz);
  ASSERT_EQ(summary(rows), "a.txt\nb.tar.gz [limit_exceeded]\n");
  EXPECT_NE(rows[1].message.find("max_compression_ratio (100) times its compressed size in member 'bomb.bin'"),
            std::string::npos) << rows[1].message;
  EXPECT_GT(rows[1].offset, 0u);
  Reader::Options o;
  o.limits.max_compression_ratio = 0;  // within max_total_bytes: decompressed through, the rest is read
  EXPECT_EQ(summary(read_all("b.tar.gz", tgz, o)), "a.txt\nc.txt\n");
  o.limits.max_total_bytes = 10 << 20;
  EXPECT_EQ(summary(read_all("b.tar.gz", tgz, o)), "a.txt\nb.tar.gz [limit_exceeded]\n");
  // A page member over max_member_bytes is a row of its own and the archive goes on.
  const std::string big = make_archive("tar", "zstd", {file("a.txt", kPage), file("big.txt", varied_page(1) + varied_page(2)),
                                                       file("c.txt", kPage)});
  o = {};
  o.limits.max_member_bytes = 4096;
  rows = read_all("m.tar.zst", big, o);
  ASSERT_EQ(summary(rows), "a.txt\nbig.txt [limit_exceeded]\nc.txt\n");
  EXPECT_EQ(rows[1].offset, 4096u);
  expect_skip_consistent("b.tar.gz", tgz);
  expect_skip_consistent("m.tar.zst", big, o);
}

TEST(ArchiveHostile, StreamOfEmptyMembersStopsOnTheWholeStreamRatio) {
  // 20,000 empty members: 10 MB of tar headers in a few KB of zstd. Each
  // header counts 512 bytes, so the stream's ratio stops it past 1 MiB.
  std::vector<Entry> members;
  for (int i = 0; i < 20000; ++i) members.push_back(file("e/" + std::to_string(100000 + i) + ".txt", ""));
  const std::string tzst = make_archive("tar", "zstd", members);
  ASSERT_LT(tzst.size(), 100u << 10);
  const auto rows = read_all("e.tar.zst", tzst);
  ASSERT_GT(rows.size(), 1000u);
  ASSERT_LT(rows.size(), 4000u);
  EXPECT_EQ(rows.back().source, "e.tar.zst");
  EXPECT_EQ(rows.back().kind, "limit_exceeded");
  EXPECT_NE(rows.back().message.find("max_compression_ratio"), std::string::npos) << rows.back().message;
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) ASSERT_EQ(rows[i].kind, "") << rows[i].source;
}

TEST(ArchiveHostile, TruncatedTarGzAndZstKeepTheMembersBefore) {
  std::vector<Entry> members;
  for (int i = 0; i < 40; ++i) members.push_back(file("p" + std::to_string(100 + i) + ".txt", varied_page(i)));
  for (const char* filter : {"gzip", "zstd"}) {
    const std::string whole = make_archive("tar", filter, members);
    const std::string cut = whole.substr(0, whole.size() / 2);
    const std::string name = std::string("t.tar.") + (filter[0] == 'g' ? "gz" : "zst");
    const auto rows = read_all(name, cut);
    ASSERT_GE(rows.size(), 10u) << filter;
    std::size_t good = 0;
    while (good < rows.size() && rows[good].kind.empty()) ++good;
    EXPECT_GE(good, 10u) << filter;
    EXPECT_LT(good, 40u) << filter;
    const Row& last = rows.back();
    EXPECT_EQ(last.source, name);
    EXPECT_EQ(last.kind, "archive");
    EXPECT_NE(last.message.find("reading stopped"), std::string::npos) << last.message;
    EXPECT_GT(last.offset, 0u);
    EXPECT_LE(last.offset, cut.size());
    expect_skip_consistent(name, cut);
  }
}

TEST(ArchiveHostile, DamagedZipCentralDirectoryFallsBackToLocalHeaders) {
  const std::string zip = make_archive("zip", "", {file("a.txt", kPage), file("b.txt", kPage), file("c.txt", kPage)});
  std::string bad = zip;
  const std::size_t cd = bad.find("PK\x01\x02");
  ASSERT_NE(cd, std::string::npos);
  bad[cd + 3] = 9;  // a broken central directory signature
  // A .zip is read from its local headers (the streaming reader): the
  // central directory is never read, so its damage goes unnoticed.
  auto rows = read_all("cd.zip", bad);
  ASSERT_EQ(summary(rows), "a.txt\nb.txt\nc.txt\n");
  expect_skip_consistent("cd.zip", bad);
  // Read through the central directory (the seekable reader: an archive not
  // named .zip, or a zip the streaming reader cannot start on), the damaged
  // directory is one row, then the members from their local headers.
  rows = read_all("cd.7z", bad);
  ASSERT_EQ(summary(rows), "cd.7z [archive]\na.txt\nb.txt\nc.txt\n");
  EXPECT_NE(rows[0].message.find("damaged zip central directory"), std::string::npos) << rows[0].message;
  expect_skip_consistent("cd.7z", bad);
  // A zip with a stub before its first member (a self-extracting zip): the
  // streaming reader cannot start on it, the seekable reader reads it.
  const std::string sfx = std::string(4096, 'M') + zip;
  rows = read_all("sfx.zip", sfx);
  ASSERT_EQ(summary(rows), "a.txt\nb.txt\nc.txt\n");
  expect_skip_consistent("sfx.zip", sfx);
  std::string sfx_bad = std::string(4096, 'M') + bad;  // and its central directory damaged: one row
  rows = read_all("sfx.zip", sfx_bad);
  ASSERT_EQ(summary(rows), "sfx.zip [archive]\n");
  EXPECT_NE(rows[0].message.find("damaged zip archive"), std::string::npos) << rows[0].message;
  // A member whose deflate data is damaged is a row; the members after it are read.
  std::string data = zip;
  const std::size_t second = data.find("PK\x03\x04", 4);
  auto u16 = [&](std::size_t at) { return static_cast<unsigned char>(data[at]) | static_cast<unsigned char>(data[at + 1]) << 8; };
  const std::size_t body = second + 30 + u16(second + 26) + u16(second + 28);  // after the name and extra field
  for (std::size_t k = body + 2; k < body + 40; ++k) data[k] = static_cast<char>(data[k] ^ 0x5a);
  const auto rows2 = read_all("d.zip", data);
  ASSERT_EQ(rows2.size(), 3u) << summary(rows2);
  EXPECT_EQ(rows2[1].source, "b.txt");
  EXPECT_EQ(rows2[1].kind, "archive");
  EXPECT_EQ(rows2[2].source, "c.txt");
  EXPECT_EQ(rows2[2].kind, "");
  expect_skip_consistent("d.zip", data);
}

// A zip member written with a data descriptor (flag bit 3) is read to the
// end of its deflate stream whatever sizes its local header holds; skipping
// it (resume) must not trust a damaged compressed size there either, or the
// members after it are lost or found late. Found by fuzz_archive. In memory
// and from a file (the local header is read back from the input).
TEST(ArchiveHostile, DataDescriptorMemberWithDamagedSizesIsSkippedAsItIsRead) {
  const std::string zip = make_archive("zip", "", {file("a.txt", kPage), file("b.txt", kPage), file("c.txt", kPage)});
  auto u16 = [&](std::size_t at) { return static_cast<unsigned char>(zip[at]) | static_cast<unsigned char>(zip[at + 1]) << 8; };
  ASSERT_EQ(zip.rfind("PK\x03\x04", 0), 0u);
  ASSERT_NE(u16(6) & 8, 0) << "libarchive no longer writes a data descriptor";
  const std::size_t second = zip.find("PK\x03\x04", 4);
  ASSERT_NE(second, std::string::npos);
  const std::uint32_t kept = static_cast<std::uint32_t>(kPage.size());
  const std::uint32_t compressed[] = {3, static_cast<std::uint32_t>(second) + 2, 5000};  // short, past b's header, past the end
  for (const std::uint32_t csize : compressed) {
    std::string bad = zip;
    for (int b = 0; b < 4; ++b) {
      bad[18 + b] = static_cast<char>(csize >> (8 * b));
      bad[22 + b] = static_cast<char>(kept >> (8 * b));  // the uncompressed size as it is: nothing looks wrong
    }
    const auto rows = read_all("dd.zip", bad);
    ASSERT_EQ(summary(rows), "a.txt\nb.txt\nc.txt\n") << csize;
    expect_skip_consistent("dd.zip", bad);
    const auto path = std::filesystem::temp_directory_path() / ("huozi-dd-" + std::to_string(csize) + ".zip");
    std::ofstream(path, std::ios::binary) << bad;
    std::vector<std::string> all, rest;
    {
      Reader whole({path.string()}, Reader::Options{});
      while (auto it = whole.next()) all.push_back(it->source);
    }
    Reader skipping({path.string()}, Reader::Options{});
    EXPECT_EQ(skipping.skip(1), 1u);
    while (auto it = skipping.next()) rest.push_back(it->source);
    std::filesystem::remove(path);
    ASSERT_EQ(all.size(), 3u) << csize;
    EXPECT_EQ(rest, std::vector<std::string>(all.begin() + 1, all.end())) << csize;
  }
}

TEST(ArchiveHostile, DamagedTarHeaderIsOneRowAndTheNextMembersAreRead) {
  std::string tar = make_archive("tar", "", {file("a.txt", kPage), file("b.txt", varied_page(1)), file("c.txt", kPage)});
  const std::size_t b = tar.find("b.txt");
  ASSERT_NE(b, std::string::npos);
  tar[b + 148] = 'x';  // b.txt's header checksum; its data blocks are no headers either
  const auto rows = read_all("d.tar", tar);
  ASSERT_EQ(summary(rows), "a.txt\nd.tar [archive]\nc.txt\n");
  EXPECT_NE(rows[1].message.find("damaged entry header"), std::string::npos) << rows[1].message;
  expect_skip_consistent("d.tar", tar);
  const std::string tgz = compress("gzip", tar);
  EXPECT_EQ(summary(read_all("d.tar.gz", tgz)), "a.txt\nd.tar.gz [archive]\nc.txt\n");
  expect_skip_consistent("d.tar.gz", tgz);
}

TEST(ArchiveHostile, EmptyArchivesAreEmptyResultsAndNonArchivesAreErrors) {
  EXPECT_EQ(summary(read_all("e.zip", make_archive("zip", "", {}))), "");
  EXPECT_EQ(summary(read_all("e.tar", make_archive("tar", "", {}))), "");
  EXPECT_EQ(summary(read_all("e.tar.gz", make_archive("tar", "gzip", {}))), "");
  EXPECT_EQ(summary(read_all("e.tar.zst", make_archive("tar", "zstd", {}))), "");
  EXPECT_EQ(summary(read_all("z.zip", "")), "");  // zero bytes
  EXPECT_EQ(summary(read_all("e.jsonl", "")), "");
  EXPECT_EQ(summary(read_all("e.jsonl.gz", "")), "");
  EXPECT_EQ(summary(read_all("e.jsonl.gz", compress("gzip", ""))), "");
  EXPECT_EQ(summary(read_all("e.zip", make_archive("zip", "", {file("readme.md", "x")}))), "");  // no page members
  // A page, or junk, named like an archive: one row, offset 0.
  for (const std::string& junk : {kPage, std::string("\x1f\x8b\x08\x00junk", 8), std::string("PK\x03\x04", 4)}) {
    const auto rows = read_all("x.zip", junk);
    ASSERT_EQ(rows.size(), 1u) << summary(rows);
    EXPECT_EQ(rows[0].kind, "archive");
  }
  auto rows = read_all("x.jsonl.gz", "{\"text\": \"a\"}\n");
  ASSERT_EQ(summary(rows), "x.jsonl.gz [archive]\n");
  EXPECT_EQ(rows[0].message, "not gzip data (the name ends in .gz): not read");
  rows = read_all("x.jsonl.zst", compress("gzip", "{\"text\": \"a\"}\n"));
  ASSERT_EQ(summary(rows), "x.jsonl.zst [archive]\n");
}

TEST(ArchiveHostile, JsonLinesLimitsAndTruncation) {
  const std::string rec = "{\"text\": \"市公安局要求。\"}\n";
  const std::string body = rec + "{\"text\": \"" + std::string(3 << 20, 'a') + "\"}\n" + rec +
                           std::string(2 << 20, '\n') + rec;
  Reader::Options o;
  o.limits.max_member_bytes = 1 << 20;
  auto rows = read_all("j.jsonl", body, o);
  ASSERT_EQ(summary(rows), "1\n2 [limit_exceeded]\n3\n" + std::to_string(4 + (2 << 20)) + "\n");  // line numbers
  EXPECT_EQ(rows[1].offset, rec.size());
  EXPECT_NE(rows[1].message.find("max_member_bytes (1048576 bytes)"), std::string::npos);
  const std::string gz = compress("gzip", body);
  auto gz_rows = read_all("j.jsonl.gz", gz, o);  // 3 MiB of 'a' shrink 1000 times: the ratio stops the file
  ASSERT_EQ(summary(gz_rows), "1\nj.jsonl.gz [limit_exceeded]\n");
  EXPECT_NE(gz_rows[1].message.find("max_compression_ratio (100)"), std::string::npos) << gz_rows[1].message;
  o.limits.max_compression_ratio = 0;
  EXPECT_EQ(summary(read_all("j.jsonl.gz", gz, o)), summary(rows));
  o.limits.max_total_bytes = 2 << 20;
  rows = read_all("j.jsonl.gz", gz, o);
  // Line 2 is over max_member_bytes, and dropping it takes the file past max_total_bytes.
  ASSERT_EQ(summary(rows), "1\n2 [limit_exceeded]\nj.jsonl.gz [limit_exceeded]\n");
  EXPECT_NE(rows[2].message.find("max_total_bytes (2097152 bytes)"), std::string::npos);
  expect_skip_consistent("j.jsonl.gz", gz, o);
  // Truncated gzip and zstd: the records before the cut come out, then one row.
  std::string many;
  for (int i = 0; i < 60; ++i) {
    std::string text = varied_page(i);
    for (std::size_t p = text.find('\n'); p != std::string::npos; p = text.find('\n', p + 2)) text.replace(p, 1, "\\n");
    many += "{\"text\": \"" + text + "\"}\n";
  }
  for (const char* filter : {"gzip", "zstd"}) {
    const std::string z = compress(filter, many);
    const std::string name = std::string("t.jsonl.") + (filter[0] == 'g' ? "gz" : "zst");
    rows = read_all(name, z.substr(0, z.size() / 2));
    ASSERT_GE(rows.size(), 2u) << filter;
    EXPECT_EQ(rows.front().kind, "") << filter;
    EXPECT_EQ(rows.back().source, name);
    EXPECT_EQ(rows.back().kind, "archive");
    EXPECT_NE(rows.back().message.find("reading stopped"), std::string::npos);
    for (std::size_t i = 0; i + 1 < rows.size(); ++i) EXPECT_EQ(rows[i].kind, "") << rows[i].source;
    expect_skip_consistent(name, z.substr(0, z.size() / 2));
  }
}

TEST(ArchiveHostile, UnsafeNamesInEveryFormat) {
  const std::vector<Entry> members = {file("ok.txt", kPage), file("../up.txt", kPage), file("/abs.txt", kPage),
                                      file("a/../../b.txt", kPage)};
  for (const auto& [name, bytes] :
       {std::pair<std::string, std::string>{"u.zip", make_archive("zip", "", members)},
        {"u.tar.zst", make_archive("tar", "zstd", members)}}) {
    const auto rows = read_all(name, bytes);
    ASSERT_EQ(rows.size(), 4u) << summary(rows);
    EXPECT_EQ(rows[0].kind, "");
    for (int i = 1; i < 4; ++i) EXPECT_EQ(rows[i].kind, "unsafe_path") << rows[i].source;
  }
}

TEST(ArchiveHostile, FuzzSeedsAndRegressionsReplay) {
  // The archive fuzz target's checks over its seeds and every regression input.
  const int n = huozi::fuzz::replay_archive_corpus({HUOZI_FUZZ_ARCHIVE_SEEDS, HUOZI_FUZZ_REGRESSIONS});
  EXPECT_GT(n, 5);
  std::printf("replayed %d archive seeds and regression inputs\n", n);
}
