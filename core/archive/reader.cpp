// Readers for the archive runner: single page files, directory trees (sorted,
// walked lazily), archives through libarchive (zip, tar, tar.gz, tar.zst, …)
// and JSON Lines (plain or compressed, decompressed by libarchive's raw
// format with its filters).
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "huozi/archive/archive.hpp"
#include "huozi/text/utf8.hpp"

namespace fs = std::filesystem;

namespace huozi::archive {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool has_suffix(std::string_view name, const std::vector<std::string>& suffixes) {
  if (suffixes.empty()) return true;
  const std::string l = lower(name);
  for (const auto& s : suffixes)
    if (ends_with(l, s)) return true;
  return false;
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string_view> split_path(std::string_view p) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= p.size()) {
    std::size_t j = p.find_first_of("/\\", i);
    if (j == std::string_view::npos) j = p.size();
    if (j > i) out.push_back(p.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// Does a path component start a date: a year (1900–2100) or a whole date?
bool starts_date(std::string_view c) {
  if (c.size() == 4 && is_digits(c)) {
    int y = std::stoi(std::string(c));
    return y >= 1900 && y <= 2100;
  }
  return date_from_path(c).has_value();
}

// Removes the first date (8 digits, optionally split by - _ .) from a name.
std::string strip_date(std::string_view stem) {
  for (std::size_t i = 0; i < stem.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(stem[i]))) continue;
    if (i > 0 && std::isdigit(static_cast<unsigned char>(stem[i - 1]))) continue;
    std::size_t j = i, digits = 0;
    while (j < stem.size() && digits < 8) {
      char c = stem[j];
      if (std::isdigit(static_cast<unsigned char>(c))) { ++digits; ++j; continue; }
      if ((c == '-' || c == '_' || c == '.') && (digits == 4 || digits == 6)) { ++j; continue; }
      break;
    }
    if (digits == 8 && (j == stem.size() || !std::isdigit(static_cast<unsigned char>(stem[j]))) &&
        date_from_path(stem.substr(i, j - i)))
      return std::string(stem.substr(0, i)) + std::string(stem.substr(j));
  }
  return std::string(stem);
}

std::optional<std::string> page_label(std::string_view file_name) {
  std::string_view stem = file_name;
  if (auto dot = stem.find('.'); dot != std::string_view::npos && dot > 0) stem = stem.substr(0, dot);
  std::string s = strip_date(stem);
  auto trim = [&] {
    while (!s.empty() && std::strchr("_-. ", s.front())) s.erase(s.begin());
    while (!s.empty() && std::strchr("_-. ", s.back())) s.pop_back();
  };
  trim();
  const std::string l = lower(s);
  for (const char* prefix : {"page", "p", "\xe7\xac\xac" /* 第 */}) {
    const std::size_t n = std::strlen(prefix);
    if (l.size() > n && l.compare(0, n, prefix) == 0 && std::isdigit(static_cast<unsigned char>(s[n]))) {
      s.erase(0, n);
      break;
    }
  }
  if (ends_with(s, "\xe7\x89\x88" /* 版 */)) s.erase(s.size() - 3);
  trim();
  // [A-Za-z]{0,2} then 1–3 digits: 3, 03, A03, AA12.
  std::size_t k = 0;
  while (k < s.size() && k < 2 && std::isalpha(static_cast<unsigned char>(s[k]))) ++k;
  const std::string_view num = std::string_view(s).substr(k);
  if (!is_digits(num) || num.size() > 3) return std::nullopt;
  return s;
}

PageMeta meta_for(std::string_view rel, bool want_paper) {
  PageMeta m;
  m.date = date_from_path(rel);
  auto parts = split_path(rel);
  if (parts.empty()) return m;
  m.page = page_label(parts.back());
  if (want_paper) {
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      if (!starts_date(parts[i])) continue;
      if (i > 0) {
        std::string_view p = parts[i - 1];
        bool ok = std::isalpha(static_cast<unsigned char>(p[0])) &&
                  std::all_of(p.begin(), p.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
                  });
        if (ok) m.paper = std::string(p);
      }
      break;
    }
  }
  return m;
}

ErrorRow error_row(std::string source, std::string kind, std::string message, std::uint64_t offset = 0) {
  return ErrorRow{std::move(source), std::move(kind), std::move(message), offset};
}

Item error_item(std::string source, std::string kind, std::string message, std::uint64_t offset = 0) {
  Item it;
  it.source = source;
  it.error = error_row(std::move(source), std::move(kind), std::move(message), offset);
  return it;
}

bool read_file(const std::string& path, std::string& out, std::string& err) {
  std::ifstream f(path, std::ios::binary);
  if (!f) { err = std::strerror(errno); return false; }
  f.seekg(0, std::ios::end);
  const auto size = f.tellg();
  if (size < 0) { err = "cannot read"; return false; }
  f.seekg(0);
  out.resize(static_cast<std::size_t>(size));
  if (size > 0 && !f.read(out.data(), size)) { err = "short read"; return false; }
  return true;
}

// ---- a tiny JSON reader for one JSON Lines record --------------------------
// Enough for {"text": "...", "date": "...", "page": 3, …}: strings (with all
// escapes and surrogate pairs), numbers, true/false/null, nested values skipped.
class Json {
 public:
  explicit Json(std::string_view s) : s_(s) {}
  std::size_t pos() const { return i_; }
  const std::string& error() const { return err_; }

  // Parses a top-level object; calls on(key, value_text, is_string) for each
  // scalar member (value_text: the unescaped string or the raw scalar).
  template <typename F>
  bool object(F&& on) {
    ws();
    if (!eat('{')) return fail("expected an object");
    ws();
    if (eat('}')) return end();
    for (;;) {
      ws();
      std::string key;
      if (!string(key)) return false;
      ws();
      if (!eat(':')) return fail("expected ':'");
      ws();
      if (peek() == '"') {
        std::string v;
        if (!string(v)) return false;
        on(key, v, true);
      } else if (peek() == '{' || peek() == '[') {
        if (!skip_nested()) return false;
      } else {
        std::size_t b = i_;
        while (i_ < s_.size() && !std::strchr(",} \t\r\n", s_[i_])) ++i_;
        if (i_ == b) return fail("expected a value");
        on(key, std::string(s_.substr(b, i_ - b)), false);
      }
      ws();
      if (eat(',')) continue;
      if (eat('}')) return end();
      return fail("expected ',' or '}'");
    }
  }

 private:
  bool end() {
    ws();
    return i_ == s_.size() || fail("trailing characters after the object");
  }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n')) ++i_;
  }
  bool fail(std::string m) {
    if (err_.empty()) err_ = std::move(m);
    return false;
  }
  bool hex4(unsigned& v) {
    if (i_ + 4 > s_.size()) return fail("bad \\u escape");
    v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
      else return fail("bad \\u escape");
    }
    return true;
  }
  bool string(std::string& out) {
    if (!eat('"')) return fail("expected a string");
    for (;;) {
      std::size_t b = i_;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\') ++i_;
      out.append(s_.substr(b, i_ - b));
      if (i_ >= s_.size()) return fail("unterminated string");
      if (s_[i_] == '"') {
        ++i_;
        return true;
      }
      ++i_;  // backslash
      if (i_ >= s_.size()) return fail("unterminated string");
      char c = s_[i_++];
      switch (c) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00) {
            unsigned lo = 0;
            if (!(eat('\\') && eat('u') && hex4(lo) && lo >= 0xDC00 && lo < 0xE000))
              return fail("lone surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            return fail("lone surrogate in \\u escape");
          }
          text::append_utf8(out, cp);
          break;
        }
        default: return fail("bad escape");
      }
    }
  }
  bool skip_nested() {
    int depth = 0;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '"') {
        std::string tmp;
        if (!string(tmp)) return false;
        continue;
      }
      ++i_;
      if (c == '{' || c == '[') ++depth;
      else if ((c == '}' || c == ']') && --depth == 0) return true;
    }
    return fail("unterminated value");
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::string err_;
};

}  // namespace

PageMeta meta_from_path(std::string_view relative_path) { return meta_for(relative_path, true); }

bool unsafe_member_name(std::string_view name) {
  if (name.empty()) return false;
  if (name[0] == '/' || name[0] == '\\') return true;
  if (name.size() >= 2 && std::isalpha(static_cast<unsigned char>(name[0])) && name[1] == ':') return true;
  for (auto part : split_path(name))
    if (part == "..") return true;
  return false;
}

// ---- sources --------------------------------------------------------------------

struct Reader::Source {
  virtual ~Source() = default;
  // Next item; nullopt at the end. skip_data: the caller will drop the bytes.
  virtual std::optional<Item> next(bool skip_data) = 0;
  virtual std::uint64_t bytes_read() const = 0;
};

namespace {

class FileSource : public Reader::Source {
 public:
  FileSource(std::string path, std::uint64_t size) : path_(std::move(path)), size_(size) {}
  std::optional<Item> next(bool skip_data) override {
    if (done_) return std::nullopt;
    done_ = true;
    Item it;
    it.source = path_;
    it.meta = meta_for(path_, false);
    std::string err;
    if (!skip_data && !read_file(path_, it.bytes, err)) return error_item(path_, "io", "cannot read: " + err);
    return it;
  }
  std::uint64_t bytes_read() const override { return done_ ? size_ : 0; }

 private:
  std::string path_;
  std::uint64_t size_;
  bool done_ = false;
};

// A directory tree, walked lazily in sorted order (byte order of the names),
// one directory's listing in memory per level.
class DirSource : public Reader::Source {
 public:
  DirSource(std::string root, const Reader::Options& o) : root_(std::move(root)), options_(o) {
    while (root_.size() > 1 && (root_.back() == '/' || root_.back() == '\\')) root_.pop_back();
    push(root_, "");
  }
  std::optional<Item> next(bool skip_data) override {
    while (!stack_.empty()) {
      Level& lv = stack_.back();
      if (lv.i >= lv.entries.size()) {
        stack_.pop_back();
        continue;
      }
      Entry e = lv.entries[lv.i++];
      const std::string rel = lv.rel.empty() ? e.name : lv.rel + "/" + e.name;
      const std::string full = root_ + "/" + rel;
      if (e.dir) {
        push(full, rel);
        continue;
      }
      Item it;
      it.source = full;
      it.meta = meta_for(rel, true);
      if (e.error) return error_item(full, "io", *e.error);
      std::string err;
      if (!skip_data && !read_file(full, it.bytes, err)) return error_item(full, "io", "cannot read: " + err);
      bytes_ += e.size;
      return it;
    }
    return std::nullopt;
  }
  std::uint64_t bytes_read() const override { return bytes_; }

 private:
  struct Entry {
    std::string name;
    bool dir = false;
    std::uint64_t size = 0;
    std::optional<std::string> error;
  };
  struct Level {
    std::string rel;
    std::vector<Entry> entries;
    std::size_t i = 0;
  };
  void push(const std::string& full, const std::string& rel) {
    Level lv;
    lv.rel = rel;
    std::error_code ec;
    fs::directory_iterator it(full, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      lv.entries.push_back(Entry{"", false, 0, "cannot list directory: " + ec.message()});
      stack_.push_back(std::move(lv));
      return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::directory_entry& de = *it;
      Entry e;
      e.name = de.path().filename().string();
      std::error_code ec2;
      if (de.is_directory(ec2)) {
        e.dir = true;
      } else if (de.is_regular_file(ec2)) {
        if (!has_suffix(e.name, options_.suffixes)) continue;
        e.size = de.file_size(ec2);
      } else {
        continue;
      }
      lv.entries.push_back(std::move(e));
    }
    std::sort(lv.entries.begin(), lv.entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
    stack_.push_back(std::move(lv));
  }
  std::string root_;
  Reader::Options options_;
  std::vector<Level> stack_;
  std::uint64_t bytes_ = 0;
};

struct ArchiveDeleter {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveDeleter>;

std::string archive_message(struct archive* a) {
  const char* s = archive_error_string(a);
  return s ? s : "unknown libarchive error";
}

// Where an archive's bytes come from: a file, or memory (Reader::InMemory).
struct Origin {
  std::string path;  // the file, or the in-memory input's name
  std::optional<std::string_view> memory;
};

int open_origin(struct archive* a, const Origin& o, std::size_t block = 1 << 16) {
  return o.memory ? archive_read_open_memory(a, o.memory->data(), o.memory->size())
                  : archive_read_open_filename(a, o.path.c_str(), block);
}

// Compressed bytes read from the input so far (the file offset for seekable
// zip reading).
std::uint64_t raw_bytes(struct archive* a) {
  return static_cast<std::uint64_t>(std::max<la_int64_t>(0, archive_filter_bytes(a, -1)));
}

std::string ratio_text(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", r);
  return buf;
}

// What one archive entry header counts toward the limits (a tar block).
constexpr std::uint64_t kHeaderBytes = 512;

// The ArchiveLimits applied to one input: counts the bytes it expands to.
class Expansion {
 public:
  explicit Expansion(const ArchiveLimits& l) : l_(l) {}
  void add(std::uint64_t n) { total_ += n; }
  std::uint64_t total() const { return total_; }
  bool ratio_over(std::uint64_t out, std::uint64_t in) const {
    return l_.max_compression_ratio > 0 && out > kRatioFloorBytes &&
           static_cast<double>(out) > l_.max_compression_ratio * static_cast<double>(std::max<std::uint64_t>(in, 1));
  }
  // Names the limit the input as a whole is over, if any (raw: compressed
  // bytes read so far; whole_ratio: check the ratio of the whole input).
  std::optional<std::string> over_input(std::uint64_t raw, bool whole_ratio) const {
    if (l_.max_total_bytes && total_ > l_.max_total_bytes)
      return "expands past max_total_bytes (" + std::to_string(l_.max_total_bytes) + " bytes)";
    if (whole_ratio && ratio_over(total_, raw))
      return "expands more than max_compression_ratio (" + ratio_text(l_.max_compression_ratio) +
             ") times its compressed size";
    return std::nullopt;
  }
  const ArchiveLimits& limits() const { return l_; }

 private:
  ArchiveLimits l_;
  std::uint64_t total_ = 0;
};

const char* file_type_name(unsigned type) {
  switch (type) {
    case AE_IFCHR: return "a character device";
    case AE_IFBLK: return "a block device";
    case AE_IFIFO: return "a FIFO";
    case AE_IFSOCK: return "a socket";
    default: return "not a regular file";
  }
}

// zip, tar (plain or compressed), 7z, … members through libarchive. Nothing
// is extracted: page members are read into memory, under the ArchiveLimits.
//
// Every call to next() yields one item per page member whether the data is
// read or skipped (resume relies on it), plus archive-level rows: a damaged
// zip central directory (then the members are read from their local
// headers), and the row that stops the archive (damage, or a limit on the
// whole archive, which takes the place of the member it stopped in).
//
// A file (or in-memory input) named .zip is read with libarchive's streaming
// zip reader, member after member from the local headers: its seekable
// reader first loads the whole central directory (some 170 bytes a member:
// 85 MB for half a million pages), the streaming one holds one member at a
// time. The central directory is then not read at all (a damaged one goes
// unnoticed). A zip the streaming reader cannot start on (a self-extracting
// archive, data before the first member, a damaged first local header) is
// read again with the seekable reader, and a damaged central directory
// there sends it back to the local headers as above.
class ArchiveSource : public Reader::Source {
 public:
  ArchiveSource(Origin origin, const Reader::Options& o)
      : origin_(std::move(origin)), path_(origin_.path), options_(o), expansion_(o.limits) {
    try_streaming_ = ends_with(lower(path_), ".zip");
    open(try_streaming_);
  }
  std::optional<Item> next(bool skip_data) override {
    for (;;) {
      if (!pending_.empty()) {
        Item it = std::move(pending_.front());
        pending_.pop_front();
        return it;
      }
      if (dead_) return std::nullopt;
      struct archive_entry* e = nullptr;
      const la_int64_t before = archive_filter_bytes(a_.get(), 0);
      const int r = archive_read_next_header(a_.get(), &e);
      if (r == ARCHIVE_EOF) {
        dead_ = true;
        return std::nullopt;
      }
      if (r < ARCHIVE_WARN && streaming_zip_ && try_streaming_ && entries_ == 0) {
        // Not a zip the streaming reader can start on: the seekable reader.
        try_streaming_ = false;
        open(false);
        continue;
      }
      if (r < ARCHIVE_WARN) {
        const std::string msg = archive_message(a_.get());
        const std::uint64_t at = raw_bytes(a_.get());
        if (!streaming_zip_ && entries_ == 0 &&
            (archive_format(a_.get()) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP) {
          // The central directory is unusable: read the members from their
          // local headers (libarchive's streaming zip reader) instead, when
          // those can be read.
          open(true);
          const int r2 = dead_ ? ARCHIVE_FATAL : archive_read_next_header(a_.get(), &e);
          if (r2 >= ARCHIVE_WARN || r2 == ARCHIVE_EOF) {
            open(true);
            return error_item(path_, "archive", "damaged zip central directory (" + msg +
                                                        "): members read from their local headers", at);
          }
          const std::string msg2 = pending_.empty() ? archive_message(a_.get()) : pending_.front().error->message;
          pending_.clear();
          dead_ = true;
          return error_item(path_, "archive", "damaged zip archive: " + msg + "; from the local headers: " + msg2, at);
        }
        dead_ = true;
        return error_item(path_, "archive", "reading stopped: " + msg, at);
      }
      if (r == ARCHIVE_RETRY) {  // a damaged header: libarchive looks for the next one, a block further
        expansion_.add(kHeaderBytes);
        if (auto stop = check_input("after a damaged header")) return stop;
        const la_int64_t pos = archive_filter_bytes(a_.get(), 0);
        if (pos == retry_pos_) {  // no progress: give up
          dead_ = true;
          return error_item(path_, "archive", "reading stopped: " + archive_message(a_.get()), raw_bytes(a_.get()));
        }
        retry_pos_ = pos;
        if (in_damage_) continue;
        in_damage_ = true;  // one row for a run of damaged headers
        return error_item(path_, "archive",
                          "damaged entry header (" + archive_message(a_.get()) + "): skipped to the next one",
                          raw_bytes(a_.get()));
      }
      in_damage_ = false;
      if (++entries_ == 1 && !format_stores_members(archive_format(a_.get()))) whole_ratio_ = true;
      // A member is skipped by seeking past its compressed data unless the
      // archive is decompressed as a whole, or it is a zip member read from
      // its local header without its sizes (written with a data descriptor:
      // libarchive finds its end by decompressing it). A local header with
      // sizes is looked at when the member is skipped (see discard()).
      cheap_skip_ = !whole_ratio_ && !(streaming_zip_ && !archive_entry_size_is_set(e));
      header_from_ = before;
      data_at_ = archive_filter_bytes(a_.get(), 0);
      const char* name8 = archive_entry_pathname_utf8(e);
      const char* name = name8 ? name8 : archive_entry_pathname(e);
      const std::string member = name ? name : "";
      // A header counts as a tar block toward the limits: a compressed
      // stream of millions of empty members expands too.
      expansion_.add(kHeaderBytes);
      if (auto stop = check_input("in member '" + member + "'")) return stop;
      const unsigned type = archive_entry_filetype(e);
      const std::string source = path_ + ":" + member;
      if (type == AE_IFDIR || !has_suffix(member, options_.suffixes)) {  // not a page: dropped unread
        if (auto stop = discard(member)) return stop;
        continue;
      }
      std::optional<Item> refused = refuse(e, member, source);
      if (refused || skip_data) {
        if (auto stop = discard(member)) return stop;
        if (refused) return refused;
        Item it;
        it.source = source;
        it.meta = meta_for(member, true);
        if (cheap_skip_ && archive_entry_size_is_set(e))  // what reading it would have counted
          expansion_.add(static_cast<std::uint64_t>(std::max<la_int64_t>(0, archive_entry_size(e))));
        return it;
      }
      return read_member(e, member, source);
    }
  }
  std::uint64_t bytes_read() const override { return a_ ? raw_bytes(a_.get()) : 0; }

 private:
  void open(bool streaming_zip) {
    streaming_zip_ = streaming_zip;
    entries_ = 0;
    in_damage_ = false;
    retry_pos_ = -1;
    a_.reset(archive_read_new());
    archive_read_support_filter_all(a_.get());
    if (streaming_zip) archive_read_support_format_zip_streamable(a_.get());
    else archive_read_support_format_all(a_.get());
    if (open_origin(a_.get(), origin_, 1 << 20) != ARCHIVE_OK) {
      if (streaming_zip && try_streaming_) {  // not a zip the streaming reader recognises
        try_streaming_ = false;
        return open(false);
      }
      pending_.push_back(error_item(path_, "archive", "cannot open archive: " + archive_message(a_.get()),
                                    raw_bytes(a_.get())));
      dead_ = true;
      return;
    }
    // Skipping a member is a seek for zip and uncompressed tar, cpio, ar and
    // ISO; archives compressed as a whole (tar.gz, tar.zst, …) and other
    // formats (7z, rar, …, whose readers may decompress to skip) are skipped
    // by decompressing here, so those bytes count toward the limits (see
    // discard()), and the ratio of the whole archive applies. The format is
    // known at the first header. Zip members read from their local headers
    // without sizes are skipped by decompressing too (see next()).
    whole_ratio_ = archive_filter_count(a_.get()) > 1;
    cheap_skip_ = !whole_ratio_;
  }

  // Compressed bytes the format reader has consumed so far: the member ratio
  // is measured on these where the archive is not compressed as a whole
  // (the file is read ahead in 1 MiB blocks).
  std::uint64_t consumed_bytes() const {
    if (whole_ratio_ || archive_filter_count(a_.get()) > 1) return raw_bytes(a_.get());
    return static_cast<std::uint64_t>(std::max<la_int64_t>(0, archive_filter_bytes(a_.get(), 0)));
  }

  static bool format_stores_members(int format) {
    switch (format & ARCHIVE_FORMAT_BASE_MASK) {
      case ARCHIVE_FORMAT_ZIP:
      case ARCHIVE_FORMAT_TAR:
      case ARCHIVE_FORMAT_CPIO:
      case ARCHIVE_FORMAT_AR:
      case ARCHIVE_FORMAT_ISO9660: return true;
      default: return false;
    }
  }

  // Why a page member is not read, as its error row; nullopt to read it.
  std::optional<Item> refuse(struct archive_entry* e, const std::string& member, const std::string& source) {
    const unsigned type = archive_entry_filetype(e);
    if (unsafe_member_name(member))
      return error_item(source, "unsafe_path", "member name is absolute or contains '..': not processed");
    auto target = [](const char* utf8, const char* raw) { return std::string(utf8 ? utf8 : raw ? raw : ""); };
    if (archive_entry_hardlink(e) || archive_entry_hardlink_utf8(e))
      return error_item(source, "not_a_file",
                        "hard link to '" + target(archive_entry_hardlink_utf8(e), archive_entry_hardlink(e)) +
                            "': not followed");
    if (type == AE_IFLNK)
      return error_item(source, "not_a_file",
                        "symbolic link to '" + target(archive_entry_symlink_utf8(e), archive_entry_symlink(e)) +
                            "': not followed");
    if (type != AE_IFREG) return error_item(source, "not_a_file", std::string(file_type_name(type)) + ": not read");
    const std::uint64_t max = options_.limits.max_member_bytes;
    if (max && archive_entry_size_is_set(e) && archive_entry_size(e) > 0 &&
        static_cast<std::uint64_t>(archive_entry_size(e)) > max)
      return error_item(source, "limit_exceeded",
                        "member is " + std::to_string(archive_entry_size(e)) +
                            " bytes (its header says), over max_member_bytes (" + std::to_string(max) +
                            " bytes): not read",
                        max);
    return std::nullopt;
  }

  // The row that stops the archive when it is over a limit as a whole. The
  // ratio of the whole archive matters where skipping a member means
  // decompressing it (an archive compressed as a whole): there a bomb cannot
  // be stepped over. In a zip each member is compressed on its own and
  // skipped by seeking: its own limits bound it.
  // where: "in member 'NAME'".
  std::optional<Item> check_input(const std::string& where) {
    auto over = expansion_.over_input(raw_bytes(a_.get()), whole_ratio_);
    if (!over) return std::nullopt;
    dead_ = true;
    return error_item(path_, "limit_exceeded", "archive " + *over + " " + where + ": not read further",
                      raw_bytes(a_.get()));
  }

  // Drops the rest of the current entry's data. Returns the stopping row
  // when the archive goes over a limit meanwhile. A damaged archive is left
  // for the next header read to report.
  std::optional<Item> discard(const std::string& member) {
    // A zip member written with a data descriptor (general purpose flag bit
    // 3) is read to the end of its compressed stream whatever sizes its
    // local header holds, but libarchive skips it by the header's
    // compressed size when that is not 0: a damaged size there would make
    // skipping (resume) land elsewhere than reading does. Such a member is
    // skipped by decompressing, as reading would; where its data is damaged,
    // the rest is skipped by that size after all, as after a read error.
    const bool sizes_after_data = cheap_skip_ && streaming_zip_ && !local_header_has_sizes();
    if (sizes_after_data) cheap_skip_ = false;
    if (cheap_skip_) {
      archive_read_data_skip(a_.get());
      return std::nullopt;
    }
    for (;;) {
      const void* buf = nullptr;
      size_t size = 0;
      la_int64_t off = 0;
      const int r = archive_read_data_block(a_.get(), &buf, &size, &off);
      if (r < ARCHIVE_WARN && sizes_after_data) archive_read_data_skip(a_.get());
      if (r == ARCHIVE_EOF || r < ARCHIVE_WARN) return std::nullopt;
      expansion_.add(size);
      if (auto stop = check_input("in member '" + member + "'")) return stop;
    }
  }

  // Whether the current member's local header, read back from the input
  // (it lies just before the member's data), holds the member's sizes: no
  // data descriptor flag. False when the header cannot be found: the member
  // is then skipped the safe way, by decompressing.
  bool local_header_has_sizes() {
    constexpr la_int64_t kFixed = 30, kMaxHeader = kFixed + 2 * 65535;
    if (header_from_ < 0 || data_at_ - header_from_ < kFixed) return false;
    const la_int64_t from = std::max(header_from_, data_at_ - kMaxHeader);
    std::string head(static_cast<std::size_t>(data_at_ - from), '\0');
    if (origin_.memory) {
      if (static_cast<std::uint64_t>(data_at_) > origin_.memory->size()) return false;
      std::memcpy(head.data(), origin_.memory->data() + from, head.size());
    } else {
      std::ifstream f(origin_.path, std::ios::binary);
      if (!f.seekg(from) || !f.read(head.data(), static_cast<std::streamsize>(head.size()))) return false;
    }
    auto le16 = [&](std::size_t at) {
      return static_cast<std::size_t>(static_cast<unsigned char>(head[at])) |
             static_cast<std::size_t>(static_cast<unsigned char>(head[at + 1])) << 8;
    };
    // The first local header signature whose name and extra field end where
    // the data starts (libarchive takes the first signature after the
    // previous member too).
    for (std::size_t q = 0; q + kFixed <= head.size(); ++q) {
      if (head[q] != 'P' || head[q + 1] != 'K' || head[q + 2] != 3 || head[q + 3] != 4) continue;
      if (q + kFixed + le16(q + 26) + le16(q + 28) == head.size()) return (le16(q + 6) & 8) == 0;
    }
    return false;
  }

  Item read_member(struct archive_entry* e, const std::string& member, const std::string& source) {
    Item it;
    it.source = source;
    it.meta = meta_for(member, true);
    const ArchiveLimits& lim = options_.limits;
    // Straight into the item's buffer when the header gives the size (up to
    // 64 MiB: a header is not trusted with more; refuse() has checked it
    // against max_member_bytes), then in blocks. At most 64 KiB a call, so
    // the limits are checked as the member expands.
    constexpr std::size_t kStep = 1 << 16;
    std::size_t got = 0;
    if (archive_entry_size_is_set(e) && archive_entry_size(e) > 0)
      it.bytes.resize(static_cast<std::size_t>(
          std::min<std::uint64_t>(static_cast<std::uint64_t>(archive_entry_size(e)), std::uint64_t{1} << 26)));
    const std::uint64_t raw0 = consumed_bytes();
    char block[kStep];
    for (;;) {
      const bool direct = got < it.bytes.size();
      const la_ssize_t n = direct ? archive_read_data(a_.get(), it.bytes.data() + got, std::min(kStep, it.bytes.size() - got))
                                  : archive_read_data(a_.get(), block, sizeof block);
      if (n == 0) break;
      if (n < 0) {
        Item bad = error_item(source, "archive", "cannot read member: " + archive_message(a_.get()), got);
        // Skip the rest explicitly, as skipping (resume) does: libarchive's
        // zip reader then goes on to the next member, where reading the next
        // header straight away would fail for a member of unknown length.
        if (auto stop = discard(member)) return std::move(*stop);
        return bad;
      }
      expansion_.add(static_cast<std::uint64_t>(n));
      const std::uint64_t now = got + static_cast<std::uint64_t>(n);
      std::optional<Item> over;  // the member's own limits first: a zip goes on after it
      if (lim.max_member_bytes && now > lim.max_member_bytes)
        over = error_item(source, "limit_exceeded",
                          "member expands past max_member_bytes (" + std::to_string(lim.max_member_bytes) +
                              " bytes): not processed",
                          lim.max_member_bytes);
      else if (expansion_.ratio_over(now, consumed_bytes() - std::min(raw0, consumed_bytes())))
        over = error_item(source, "limit_exceeded",
                          "member expands more than max_compression_ratio (" +
                              ratio_text(lim.max_compression_ratio) + ") times its compressed size: not processed",
                          now);
      if (over) {  // the rest is skipped; the archive stops if that takes it over a limit
        if (auto stop = discard(member)) return std::move(*stop);
        return std::move(*over);
      }
      if (auto stop = check_input("in member '" + member + "'")) return std::move(*stop);
      if (!direct) it.bytes.append(block, static_cast<std::size_t>(n));
      got = static_cast<std::size_t>(now);
    }
    it.bytes.resize(got);
    return it;
  }

  Origin origin_;
  const std::string& path_;
  Reader::Options options_;
  Expansion expansion_;
  ArchivePtr a_;
  std::deque<Item> pending_;
  bool dead_ = false;
  bool streaming_zip_ = false;
  bool try_streaming_ = false;  // a .zip on the streaming reader that has not yet read a header
  bool whole_ratio_ = false;    // skipped by decompressing as a whole: the ratio of the whole archive applies
  bool cheap_skip_ = true;      // the current member is skipped by seeking
  la_int64_t header_from_ = -1;  // input offset where the search for the current member's header began
  la_int64_t data_at_ = -1;      // input offset of the current member's data
  std::uint64_t entries_ = 0;  // headers read since the archive was opened
  bool in_damage_ = false;     // the last header read was damaged
  la_int64_t retry_pos_ = -1;  // where the last damaged header was
};

// JSON Lines, plain or compressed (.gz, .zst, .bz2, .xz: libarchive filters
// over its raw format). One record a line: {"text": …, "date", "page",
// "paper", "source", "id"}. A record line over max_member_bytes is an error
// row; a compressed file is read under max_total_bytes and
// max_compression_ratio as a whole. A name ending in a compression
// (.jsonl.gz) must hold that compression.
class JsonlSource : public Reader::Source {
 public:
  JsonlSource(Origin origin, const ArchiveLimits& limits)
      : origin_(std::move(origin)), path_(origin_.path), expansion_(limits) {
    a_.reset(archive_read_new());
    archive_read_support_filter_all(a_.get());
    archive_read_support_format_raw(a_.get());
    archive_read_support_format_empty(a_.get());
    struct archive_entry* e = nullptr;
    int r = open_origin(a_.get(), origin_);
    if (r == ARCHIVE_OK) r = archive_read_next_header(a_.get(), &e);
    if (r == ARCHIVE_EOF) {  // an empty file: no records
      eof_ = true;
      return;
    }
    if (r != ARCHIVE_OK) {
      stop("cannot open: " + archive_message(a_.get()), raw_bytes(a_.get()));
      return;
    }
    compressed_ = archive_filter_count(a_.get()) > 1;
    const std::string l = lower(path_);
    struct Want {
      const char* suffix;
      int code;
      const char* name;
    };
    for (const Want& w : {Want{".gz", ARCHIVE_FILTER_GZIP, "gzip"}, Want{".zst", ARCHIVE_FILTER_ZSTD, "zstd"},
                          Want{".bz2", ARCHIVE_FILTER_BZIP2, "bzip2"}, Want{".xz", ARCHIVE_FILTER_XZ, "xz"}}) {
      if (ends_with(l, w.suffix) && archive_filter_code(a_.get(), 0) != w.code) {
        stop(std::string("not ") + w.name + " data (the name ends in " + w.suffix + "): not read", 0);
        return;
      }
    }
  }
  std::optional<Item> next(bool skip_data) override {
    for (;;) {
      if (pending_) {
        auto p = std::move(pending_);
        pending_.reset();
        return p;
      }
      std::string line;
      std::uint64_t line_offset = 0;
      const LineStatus st = next_line(line, line_offset);
      if (st == LineStatus::kEnd) {
        if (pending_) continue;
        return std::nullopt;
      }
      ++line_no_;
      line_no_ += extra_empty_;
      extra_empty_ = 0;
      if (st == LineStatus::kLine &&
          std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; }))
        continue;  // blank lines are not records (and cost no allocation: there may be millions)
      const std::string fallback = path_ + ":" + std::to_string(line_no_);
      if (st == LineStatus::kOversize)
        return error_item(fallback, "limit_exceeded",
                          "record line is longer than max_member_bytes (" +
                              std::to_string(expansion_.limits().max_member_bytes) + " bytes): not read",
                          line_offset);
      if (skip_data) {
        Item it;
        it.source = fallback;
        return it;
      }
      if (auto bad = text::find_invalid_utf8(line))
        return error_item(fallback, "json", "record is not valid UTF-8", line_offset + *bad);
      Item it;
      std::optional<std::string> text, source, id;
      Json j(line);
      bool ok = j.object([&](const std::string& k, std::string v, bool is_string) {
        if (k == "text" && is_string) text = std::move(v);
        else if (k == "source" && is_string) source = std::move(v);
        else if (k == "id") id = std::move(v);
        else if (k == "date" && is_string) it.meta.date = std::move(v);
        else if (k == "page" && v != "null") it.meta.page = std::move(v);
        else if (k == "paper" && is_string) it.meta.paper = std::move(v);
      });
      if (!ok) return error_item(fallback, "json", "bad JSON record: " + j.error(), line_offset + j.pos());
      it.source = source ? *source : fallback;
      if (!text) return error_item(it.source, "json", "record has no string \"text\"", line_offset);
      if (source) {  // metadata the record does not give may be in its source path
        PageMeta m = meta_for(*source, true);
        if (!it.meta.date) it.meta.date = m.date;
        if (!it.meta.page) it.meta.page = m.page;
        if (!it.meta.paper) it.meta.paper = m.paper;
      }
      it.bytes = std::move(*text);
      return it;
    }
  }
  std::uint64_t bytes_read() const override { return a_ ? raw_bytes(a_.get()) : 0; }

 private:
  enum class LineStatus { kLine, kOversize, kEnd };

  // The file cannot be read further: one error row (kind archive, or
  // limit_exceeded), buffered text dropped.
  void stop(std::string message, std::uint64_t offset, const char* kind = "archive") {
    pending_ = error_item(path_, kind, std::move(message), offset);
    eof_ = true;
    buf_.clear();
    pos_ = scan_ = 0;
  }

  // Appends the next block of decompressed text to buf_ (dropping the
  // consumed part first); false at the end or when the file stops.
  bool fill() {
    if (eof_) return false;
    const void* buf = nullptr;
    size_t size = 0;
    la_int64_t off = 0;
    int r = archive_read_data_block(a_.get(), &buf, &size, &off);
    if (r == ARCHIVE_EOF) {
      eof_ = true;
      return false;
    }
    const std::uint64_t at = consumed_ + (buf_.size() - pos_);  // where the decompressed text stops
    if (r < ARCHIVE_WARN) {
      stop("reading stopped: " + archive_message(a_.get()), at);
      return false;
    }
    expansion_.add(size);
    if (compressed_) {
      if (auto over = expansion_.over_input(raw_bytes(a_.get()), true)) {
        stop("file " + *over + ": not read further", at, "limit_exceeded");
        return false;
      }
    }
    if (pos_ > 0) {  // each byte is moved at most once per line
      buf_.erase(0, pos_);
      scan_ -= pos_;
      pos_ = 0;
    }
    buf_.append(static_cast<const char*>(buf), size);
    return true;
  }

  // The next line (without its \n) and the offset of its first byte in the
  // decompressed text; kOversize for a line over max_member_bytes (dropped).
  LineStatus next_line(std::string& line, std::uint64_t& offset) {
    const std::uint64_t max = expansion_.limits().max_member_bytes;
    for (;;) {
      const std::size_t nl = buf_.find('\n', scan_);
      if (nl == pos_) {  // empty lines: step over the whole run at once
        std::size_t q = pos_ + 1;
        while (q < buf_.size() && buf_[q] == '\n') ++q;
        offset = consumed_;
        line.clear();
        extra_empty_ = q - pos_ - 1;
        consumed_ += q - pos_;
        pos_ = scan_ = q;
        return LineStatus::kLine;
      }
      if (nl != std::string::npos) {
        const std::size_t len = nl - pos_;
        offset = consumed_;
        const bool over = max && len > max;
        if (!over) line.assign(buf_, pos_, len);
        consumed_ += len + 1;
        pos_ = scan_ = nl + 1;
        return over ? LineStatus::kOversize : LineStatus::kLine;
      }
      if (max && buf_.size() - pos_ > max) {  // drop the line up to its end
        offset = consumed_;
        for (;;) {
          consumed_ += buf_.size() - pos_;
          buf_.clear();
          pos_ = scan_ = 0;
          if (!fill()) return LineStatus::kOversize;
          const std::size_t end = buf_.find('\n');
          if (end != std::string::npos) {
            consumed_ += end + 1;
            pos_ = scan_ = end + 1;
            return LineStatus::kOversize;
          }
        }
      }
      scan_ = buf_.size();
      if (!fill()) {
        if (pos_ >= buf_.size()) return LineStatus::kEnd;
        offset = consumed_;
        line.assign(buf_, pos_);
        consumed_ += line.size();
        buf_.clear();
        pos_ = scan_ = 0;
        return LineStatus::kLine;
      }
    }
  }

  Origin origin_;
  const std::string& path_;
  Expansion expansion_;
  ArchivePtr a_;
  std::string buf_;          // decompressed text; buf_[pos_..] not yet consumed
  std::size_t pos_ = 0;
  std::size_t scan_ = 0;     // buf_[pos_..scan_) holds no newline
  std::uint64_t consumed_ = 0;  // offset of buf_[pos_] in the decompressed text
  std::uint64_t line_no_ = 0;
  std::uint64_t extra_empty_ = 0;  // empty lines next_line() stepped over after the one it gave
  std::optional<Item> pending_;
  bool eof_ = false;
  bool compressed_ = false;
};

enum class Kind { kDir, kJsonl, kArchive, kFile, kMissing };

// The reader a file name asks for, from its extension.
Kind kind_of_name(const std::string& name) {
  const std::string l = lower(name);
  for (const char* s : {".jsonl", ".jsonl.gz", ".jsonl.zst", ".jsonl.bz2", ".jsonl.xz", ".ndjson", ".ndjson.gz"})
    if (ends_with(l, s)) return Kind::kJsonl;
  for (const char* s : {".zip", ".tar", ".tgz", ".tar.gz", ".tar.zst", ".tzst", ".tar.bz2", ".tbz2", ".tar.xz",
                        ".txz", ".7z", ".cpio", ".iso"})
    if (ends_with(l, s)) return Kind::kArchive;
  return Kind::kFile;
}

Kind kind_of(const std::string& path) {
  std::error_code ec;
  auto st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return Kind::kMissing;
  if (fs::is_directory(st)) return Kind::kDir;
  return kind_of_name(path);
}

}  // namespace

Reader::Reader(std::vector<std::string> inputs, Options options)
    : inputs_(std::move(inputs)), options_(std::move(options)) {
  for (auto& s : options_.suffixes) s = lower(s);
  for (const auto& p : inputs_) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) total_bytes_ += fs::file_size(p, ec);
  }
}

Reader::Reader(InMemory input, Options options) : inputs_{std::move(input.name)}, memory_(input.bytes),
                                                  options_(std::move(options)) {
  for (auto& s : options_.suffixes) s = lower(s);
  total_bytes_ = input.bytes.size();
}

Reader::~Reader() = default;

bool Reader::open_next() {
  if (current_) {
    done_bytes_ += current_->bytes_read();
    current_.reset();
  }
  if (next_input_ >= inputs_.size()) return false;
  const std::string& p = inputs_[next_input_++];
  if (memory_) {  // an archive or JSON Lines file in memory: the name says which
    Origin o{p, memory_};
    if (kind_of_name(p) == Kind::kJsonl) current_ = std::make_unique<JsonlSource>(std::move(o), options_.limits);
    else current_ = std::make_unique<ArchiveSource>(std::move(o), options_);
    return true;
  }
  switch (kind_of(p)) {
    case Kind::kDir: current_ = std::make_unique<DirSource>(p, options_); break;
    case Kind::kJsonl: current_ = std::make_unique<JsonlSource>(Origin{p, std::nullopt}, options_.limits); break;
    case Kind::kArchive: current_ = std::make_unique<ArchiveSource>(Origin{p, std::nullopt}, options_); break;
    case Kind::kFile: {
      std::error_code ec;
      current_ = std::make_unique<FileSource>(p, fs::file_size(p, ec));
      break;
    }
    case Kind::kMissing: {
      struct Missing : Source {
        std::string path;
        bool done = false;
        std::optional<Item> next(bool) override {
          if (done) return std::nullopt;
          done = true;
          return error_item(path, "io", "no such file or directory");
        }
        std::uint64_t bytes_read() const override { return 0; }
      };
      auto m = std::make_unique<Missing>();
      m->path = p;
      current_ = std::move(m);
      break;
    }
  }
  return true;
}

std::optional<Item> Reader::next() {
  for (;;) {
    if (!current_ && !open_next()) return std::nullopt;
    if (auto it = current_->next(false)) return it;
    if (!open_next()) return std::nullopt;
  }
}

std::uint64_t Reader::skip(std::uint64_t n) {
  std::uint64_t k = 0;
  while (k < n) {
    if (!current_ && !open_next()) break;
    if (current_->next(true)) {
      ++k;
      continue;
    }
    if (!open_next()) break;
  }
  return k;
}

std::uint64_t Reader::bytes_read() const { return done_bytes_ + (current_ ? current_->bytes_read() : 0); }
std::uint64_t Reader::bytes_total() const { return total_bytes_; }

}  // namespace huozi::archive
