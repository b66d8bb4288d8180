// ICU mode: runs of Han go through ICU's dictionary word break (the CJK
// dictionary, locale zh); then Chinese numerals that ICU leaves in pieces
// are put back together as PKU writes them (二○○一年, 十二月, 三十一日, 第三),
// and so are words derived with 化, 性, 者 (现代化).
//
// How ICU is fed, and why (measured on the PKU test text, one thread):
//   * ICU spends nearly all its time in its dictionary, per Han character;
//     the rest of the text costs it little. So the scan keeps everything
//     that is not Han away from ICU (the rules decide those tokens) and
//     hands it only the Han runs, in one setText per call (or per 64K
//     UTF-16 units) instead of one per run. A run of one character is a
//     word without asking ICU.
//   * Between two runs goes a separator that keeps them apart. A newline
//     would do (a hard break in ICU's word rules), but each run would then
//     be a dictionary range of its own, and ICU pays a fixed cost per range
//     (allocations, a normalization check: some 15 % of its time here). So
//     the separator is 䶵 (U+4DB5), a Han character (ICU's dictionary range
//     goes on through it) that is in no word of ICU's dictionary: ICU can
//     only make it a word of its own, so no word crosses it, and ICU's
//     best-cost path through the joined runs is the runs' own paths put
//     together: the same tokens as with newlines. That is checked on every
//     batch: should a token ever cross a separator (another ICU's
//     dictionary), or should the text itself contain 䶵, the batch is done
//     again with newlines.
//   * That Han-only text is built as UTF-16 in a per-thread buffer while
//     the scan decodes each character anyway, with a map from UTF-16 index
//     back to byte offsets. ICU reading UTF-8 through utext_openUTF8 was
//     tried first: ICU then converts internally, chunk by chunk, and word
//     break ran about 25 % slower than on UTF-16 (14.5 against 19 MB/s for
//     plain ICU over the whole text), too slow for the bar (no slower than
//     plain ICU). The buffer holds Han only, never the whole input, and is
//     reused.
//
// Creating a break iterator costs 150 µs the first time and about 2 µs after
// (ICU caches its rules), a clone 0.1 µs: created per call, it would add some
// 15 % on paragraph-sized calls. So one prototype is made per process and
// each thread clones its own once and keeps it (thread_local): batch calls
// pay nothing per text, and threads never share an iterator.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <limits>
#include <memory>
#include <mutex>
#include <string>

#include "huozi/segment/tokenize.hpp"
#include "tokenize_rules.hpp"

namespace huozi::segment {
namespace {

struct Prototype {
  std::unique_ptr<icu::BreakIterator> iterator;
  UErrorCode status = U_ZERO_ERROR;
  std::mutex clone_mutex;  // clones of the shared prototype are made one at a time
};

Prototype& prototype() {
  static Prototype* p = [] {
    auto* proto = new Prototype();  // lives for the process (threads may outlive statics)
    proto->iterator.reset(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), proto->status));
    if (U_FAILURE(proto->status)) proto->iterator.reset();
    return proto;
  }();
  return *p;
}

// One per thread: its own iterator, the UText it reads through and the
// buffers of the Han text it is given.
struct ThreadBreaker {
  std::unique_ptr<icu::BreakIterator> iterator;
  UText text = UTEXT_INITIALIZER;
  std::u16string u16;               // the Han runs of a batch, each followed by '\n'
  std::vector<std::uint32_t> byte;  // byte offset of each UTF-16 index (and one past the end)
  std::vector<Span> tokens;         // ICU's tokens of the batch
  std::vector<std::uint32_t> separators;  // UTF-16 index of each separator in u16
  std::u32string numerals;
  UErrorCode status = U_ZERO_ERROR;

  ThreadBreaker() {
    Prototype& p = prototype();
    if (!p.iterator) {
      status = p.status;
      return;
    }
    std::lock_guard<std::mutex> lock(p.clone_mutex);
    iterator.reset(p.iterator->clone());
    if (!iterator) status = U_MEMORY_ALLOCATION_ERROR;
  }
  ~ThreadBreaker() { utext_close(&text); }
  ThreadBreaker(const ThreadBreaker&) = delete;
  ThreadBreaker& operator=(const ThreadBreaker&) = delete;
};

ThreadBreaker& thread_breaker() {
  thread_local ThreadBreaker breaker;
  return breaker;
}

// ICU's dictionary knows some numerals (一个, 十分) but splits most number
// words: 二 ○ ○ 一 年, 三十 一日. Merge runs of adjacent all-numeral tokens; a
// calendar unit that follows as a token of its own joins them (二○○一年,
// 十二月), and so does a 第 before them (第二十一).
class NumeralMerger {
 public:
  NumeralMerger(const std::u16string& u16, std::u32string& run) : u16_(u16), run_(run) {}

  // tokens are ICU's, as UTF-16 index ranges; merged in place.
  void merge(std::vector<Span>& tokens) {
    std::size_t w = 0, i = 0;
    const std::size_t n = tokens.size();
    while (i < n) {
      run_.clear();
      if (!append_if_numerals(tokens[i])) {
        tokens[w++] = tokens[i++];
        continue;
      }
      Span merged = tokens[i];
      std::size_t j = i + 1;
      while (j < n && tokens[j].start == merged.end && append_if_numerals(tokens[j])) merged.end = tokens[j++].end;
      bool changed = j > i + 1;
      // The unit, alone (十二 月) or at the end of a word ICU knows (三十 一日,
      // 二○○ 一年): the numerals before it continue the run.
      if (j < n && tokens[j].start == merged.end && ends_calendar_word(tokens[j])) {
        merged.end = tokens[j++].end;
        changed = true;
      }
      if (w > 0 && tokens[w - 1].end == merged.start && tokens[w - 1].end == tokens[w - 1].start + 1 &&
          u16_[tokens[w - 1].start] == u'第') {
        merged.start = tokens[--w].start;
        changed = true;
      }
      tokens[w++] = changed ? merged : tokens[i];
      i = changed ? j : i + 1;
    }
    tokens.resize(w);
  }

 private:
  // Whether the token is numerals (maybe none) then a calendar unit that
  // makes a calendar word with the run so far; extends the run when so.
  bool ends_calendar_word(Span t) {
    const std::size_t mark = run_.size();
    const std::uint32_t unit_at = t.end - 1;
    for (std::uint32_t k = t.start; k < unit_at; ++k) {
      if (!rules::is_chinese_numeral(u16_[k])) break;
      run_.push_back(u16_[k]);
    }
    if (run_.size() - mark == unit_at - t.start && rules::is_calendar_numeral(run_, u16_[unit_at])) return true;
    run_.resize(mark);
    return false;
  }

  // Whether every character of the token is a Chinese numeral (all of them
  // are in the BMP); appends them to the run when so.
  bool append_if_numerals(Span t) {
    const std::size_t mark = run_.size();
    for (std::uint32_t k = t.start; k < t.end; ++k) {
      if (!rules::is_chinese_numeral(u16_[k])) {
        run_.resize(mark);
        return false;
      }
      run_.push_back(u16_[k]);
    }
    return t.end > t.start;
  }

  const std::u16string& u16_;
  std::u32string& run_;
};

// ICU's dictionary lacks most words derived with the suffixes 化, 性 and 者
// (现代化, 可能性, 参与者) and splits them off; the PKU standard writes such
// a derived word as one. A suffix that ICU left alone joins the word of two
// or more Han characters right before it. (On the PKU gold: +0.6 points F1.)
bool is_suffix_char(char32_t c) { return c == U'化' || c == U'性' || c == U'者'; }

void merge_suffixes(const std::u16string& u16, std::vector<Span>& tokens) {
  auto is_suffix = [&](Span t) { return t.end == t.start + 1 && is_suffix_char(u16[t.start]); };
  auto is_han_word = [&](Span t) {
    if (t.end < t.start + 2) return false;
    for (std::uint32_t k = t.start; k < t.end; ++k)
      if (rules::char_kind_fast(u16[k]) != rules::CharKind::kHan) return false;
    return true;
  };
  std::size_t w = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (w > 0 && is_suffix(tokens[i]) && tokens[w - 1].end == tokens[i].start && is_han_word(tokens[w - 1])) {
      tokens[w - 1].end = tokens[i].end;
    } else {
      tokens[w++] = tokens[i];
    }
  }
  tokens.resize(w);
}

class IcuEngine {
 public:
  explicit IcuEngine(ThreadBreaker& breaker) : b_(breaker) {
    b_.u16.clear();
    b_.byte.clear();
    b_.separators.clear();
  }

  void han_char(const rules::Peek& p, std::size_t at) {
    if (run_chars_++ == 0) run_start_ = b_.u16.size();
    const auto offset = static_cast<std::uint32_t>(at);
    if (p.cp < 0x10000) {
      b_.u16.push_back(static_cast<char16_t>(p.cp));
      b_.byte.push_back(offset);
    } else {
      b_.u16.push_back(static_cast<char16_t>(0xD7C0 + (p.cp >> 10)));
      b_.u16.push_back(static_cast<char16_t>(0xDC00 | (p.cp & 0x3FF)));
      b_.byte.push_back(offset);
      b_.byte.push_back(offset);
    }
    any_numeral_ = any_numeral_ || p.numeral;
    any_suffix_ = any_suffix_ || is_suffix_char(p.cp);
    separator_in_text_ = separator_in_text_ || p.cp == kSeparator;
  }

  void end_run(std::string_view, std::size_t end, std::vector<Span>& out) {
    const std::size_t chars = run_chars_;
    run_chars_ = 0;
    if (chars == 1) {
      // One character between punctuation (，我，): a word by itself; ICU
      // is not asked. It goes to out like a rule token.
      out.push_back({b_.byte[run_start_], static_cast<std::uint32_t>(end)});
      b_.u16.resize(run_start_);
      b_.byte.resize(run_start_);
      return;
    }
    if (pending_out_ == kNone) pending_out_ = out.size();  // rule tokens from here on interleave with the batch
    // The separator; its "byte offset" is the end of the run, which is where
    // the run's last token ends.
    b_.separators.push_back(static_cast<std::uint32_t>(b_.u16.size()));
    b_.u16.push_back(kSeparator);
    b_.byte.push_back(static_cast<std::uint32_t>(end));
    if (b_.u16.size() >= kBatchUnits) flush(out);
  }

  void finish(std::string_view, std::vector<Span>& out) {
    if (pending_out_ != kNone) flush(out);
  }

 private:
  static constexpr std::size_t kBatchUnits = 1u << 16;
  static constexpr char16_t kSeparator = u'\u4DB5';  // 䶵: see the top of this file
  static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

  void flush(std::vector<Span>& out) {
    auto& tokens = b_.tokens;
    if (separator_in_text_ || !break_batch()) {
      for (std::uint32_t k : b_.separators) b_.u16[k] = u'\n';
      break_batch();
    }
    if (any_numeral_) NumeralMerger(b_.u16, b_.numerals).merge(tokens);
    if (any_suffix_) merge_suffixes(b_.u16, tokens);
    // UTF-16 indexes to byte offsets, and interleave with the rule tokens
    // emitted since the batch began (both in text order): a merge from the
    // back, in place.
    std::size_t r = out.size();  // rule tokens are out[pending_out_, r)
    std::size_t w = r + tokens.size();
    out.resize(w);
    for (std::size_t k = tokens.size(); k-- > 0;) {
      const Span bytes{b_.byte[tokens[k].start], b_.byte[tokens[k].end]};
      while (r > pending_out_ && out[r - 1].start > bytes.start) out[--w] = out[--r];
      out[--w] = bytes;
    }
    b_.u16.clear();
    b_.byte.clear();
    b_.separators.clear();
    if (b_.u16.capacity() > 4 * kBatchUnits) {  // after a giant run: do not keep its buffers
      b_.u16 = std::u16string();
      b_.byte = std::vector<std::uint32_t>();
      b_.tokens = std::vector<Span>();
    }
    pending_out_ = kNone;
    any_numeral_ = false;
    any_suffix_ = false;
    separator_in_text_ = false;
  }

  // ICU's tokens of the batch, without the separators, into b_.tokens (as
  // UTF-16 ranges). False when a token crossed a separator.
  bool break_batch() {
    auto& tokens = b_.tokens;
    const auto& seps = b_.separators;
    tokens.clear();
    UErrorCode status = U_ZERO_ERROR;
    utext_openUChars(&b_.text, b_.u16.data(), static_cast<int64_t>(b_.u16.size()), &status);
    b_.iterator->setText(&b_.text, status);
    if (U_FAILURE(status)) {
      // Cannot happen for this input; keep each run whole rather than lose it.
      std::uint32_t start = 0;
      for (std::uint32_t k : seps) {
        tokens.push_back({start, k});
        start = k + 1;
      }
      return true;
    }
    std::size_t next_sep = 0;  // the separators, in order, must each be a token
    std::uint32_t prev = 0;
    for (std::int32_t at = b_.iterator->next(); at != icu::BreakIterator::DONE; at = b_.iterator->next()) {
      const auto end = static_cast<std::uint32_t>(at);
      if (next_sep < seps.size() && seps[next_sep] < end) {
        if (seps[next_sep] != prev || end != prev + 1) return false;  // a token crossed it
        ++next_sep;
      } else {
        tokens.push_back({prev, end});
      }
      prev = end;
    }
    return true;
  }

  ThreadBreaker& b_;
  std::size_t pending_out_ = kNone;  // out.size() when the batch's first run ended
  std::size_t run_start_ = 0;        // where the current run starts in the buffer
  std::size_t run_chars_ = 0;        // characters of the current run so far
  bool any_numeral_ = false;
  bool any_suffix_ = false;
  bool separator_in_text_ = false;
};

}  // namespace

Result<std::size_t> tokenize_into(std::string_view text, std::vector<Span>& out) {
  if (text.size() > std::numeric_limits<std::uint32_t>::max())
    return Error{ErrorCode::kLimitExceeded, std::numeric_limits<std::uint32_t>::max(),
                 "text of 4 GiB or more: token offsets are 32-bit"};
  ThreadBreaker& breaker = thread_breaker();
  if (!breaker.iterator)
    return Error{ErrorCode::kIo, 0,
                 std::string("ICU word break iterator unavailable (") + u_errorName(breaker.status) +
                     "): is ICU's data library installed?"};
  const std::size_t before = out.size();
  IcuEngine engine(breaker);
  rules::scan(text, engine, out);
  return out.size() - before;
}

Result<std::vector<Span>> tokenize(std::string_view text) {
  std::vector<Span> out;
  out.reserve(text.size() / 4);
  auto r = tokenize_into(text, out);
  if (!r.ok()) return r.error();
  return out;
}

}  // namespace huozi::segment
