// Word tokenization on the PKU test text (SIGHAN 2005, People's Daily, 500 KB),
// one thread, in bytes per second, beside ICU's own word break on the same
// text as the baseline the ICU mode must not fall below:
//
//   BM_IcuWordBreakPlain      ICU word break (zh) over the text, UTF-8 converted
//                             to UTF-16 first (conversion included): ICU's best
//   BM_IcuWordBreakPlainUtf8  the same through utext_openUTF8 (no copy)
//   BM_TokenizeIcu            huozi, ICU mode (rules + ICU on the Han runs)
//   BM_TokenizeDict           huozi, dictionary mode with the PKU training words
//   BM_TokenizeIcuLines, BM_TokenizeDictLines, BM_IcuWordBreakPlainLines:
//                             the same one line (paragraph) per call
//   BM_DictionaryBuild        compiling the 55,303-word list
//   BM_TokenizeUnits          huozi, ICU mode, over the repaired units of the
//                             generated pages the other programs run over
//                             (HUOZI_BENCH_PAGES; needs no corpus)
//
// The corpus: HUOZI_PKU_DIR, else ../shared/corpora/pku-2001-01 beside the
// source tree. Without it these benchmarks skip with a message.
#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bench_pages.hpp"
#include "huozi/segment/tokenize.hpp"

namespace {

namespace fs = std::filesystem;

fs::path pku_dir() {
  if (const char* env = std::getenv("HUOZI_PKU_DIR")) return env;
  return fs::path(HUOZI_SOURCE_DIR) / ".." / "shared" / "corpora" / "pku-2001-01";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Corpus {
  std::string text;                // pku_test.utf8 as it is (CRLF)
  std::vector<std::string> lines;  // its lines, with their line ends
  std::optional<huozi::segment::Dictionary> dict;
  std::string words_path;
  std::string missing;  // why the corpus is not there, if it is not
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus k;
    const fs::path dir = pku_dir();
    const fs::path input = dir / "pku_test.utf8";
    const fs::path words = dir / "pku_training_words.utf8";
    if (!fs::exists(input) || !fs::exists(words)) {
      k.missing = "PKU corpus not found in " + dir.string() + " (set HUOZI_PKU_DIR)";
      return k;
    }
    k.text = slurp(input);
    for (std::size_t i = 0; i < k.text.size();) {
      std::size_t e = k.text.find('\n', i);
      e = e == std::string::npos ? k.text.size() : e + 1;
      k.lines.push_back(k.text.substr(i, e - i));
      i = e;
    }
    k.words_path = words.string();
    auto d = huozi::segment::Dictionary::from_file(k.words_path);
    if (!d.ok()) {
      k.missing = d.error().to_string();
      return k;
    }
    k.dict = d.value();
    return k;
  }();
  return c;
}

bool skip_without_corpus(benchmark::State& state) {
  if (corpus().missing.empty()) return false;
  state.SkipWithError(corpus().missing.c_str());
  return true;
}

std::unique_ptr<icu::BreakIterator> icu_word_break() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  return U_SUCCESS(status) ? std::move(bi) : nullptr;
}

// ICU alone: every boundary of the text, UTF-16 (converted from UTF-8 in the loop).
std::size_t icu_plain_utf16(icu::BreakIterator& bi, std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openConstUnicodeString(&ut, &u, &status);
  bi.setText(&ut, status);
  std::size_t n = 0;
  for (std::int32_t p = bi.first(); p != icu::BreakIterator::DONE; p = bi.next()) ++n;
  utext_close(&ut);
  return n;
}

void BM_IcuWordBreakPlain(benchmark::State& state) {
  if (skip_without_corpus(state)) return;
  auto bi = icu_word_break();
  for (auto _ : state) benchmark::DoNotOptimize(icu_plain_utf16(*bi, corpus().text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus().text.size()));
}
BENCHMARK(BM_IcuWordBreakPlain)->Unit(benchmark::kMillisecond);

void BM_IcuWordBreakPlainUtf8(benchmark::State& state) {
  if (skip_without_corpus(state)) return;
  auto bi = icu_word_break();
  UText ut = UTEXT_INITIALIZER;
  const std::string& s = corpus().text;
  for (auto _ : state) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&ut, s.data(), static_cast<int64_t>(s.size()), &status);
    bi->setText(&ut, status);
    std::size_t n = 0;
    for (std::int32_t p = bi->first(); p != icu::BreakIterator::DONE; p = bi->next()) ++n;
    benchmark::DoNotOptimize(n);
  }
  utext_close(&ut);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.size()));
}
BENCHMARK(BM_IcuWordBreakPlainUtf8)->Unit(benchmark::kMillisecond);

void BM_IcuWordBreakPlainLines(benchmark::State& state) {
  if (skip_without_corpus(state)) return;
  auto bi = icu_word_break();
  for (auto _ : state)
    for (const auto& line : corpus().lines) benchmark::DoNotOptimize(icu_plain_utf16(*bi, line));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus().text.size()));
}
BENCHMARK(BM_IcuWordBreakPlainLines)->Unit(benchmark::kMillisecond);

void BM_TokenizeIcu(benchmark::State& state) {
  if (skip_without_corpus(state)) return;
  std::vector<huozi::Span> out;
  for (auto _ : state) {
    out.clear();
    auto r = huozi::segment::tokenize_into(corpus().text, out);
    benchmark::DoNotOptimize(r.ok());
  }
  state.counters["tokens"] = static_cast<double>(out.size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus().text.size()));
}
BENCHMARK(BM_TokenizeIcu)->Unit(benchmark::kMillisecond);

void BM_TokenizeIcuLines(benchmark::State& state) {
  if (skip_without_corpus(state)) return;
  std::vector<huozi::Span> out;
  for (auto _ : state) {
    for (const auto& line : corpus().lines) {
      out.clear();
      auto r = huozi::segment::tokenize_into(line, out);
      benchmark::DoNotOptimize(r.ok());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus().text.size()));
}
BENCHMARK(BM_TokenizeIcuLines)->Unit(benchmark::kMillisecond);

void BM_TokenizeDict(benchmark::State& state) {
  if (skip_without_corpus(state)) return;
  std::vector<huozi::Span> out;
  for (auto _ : state) {
    out.clear();
    auto r = huozi::segment::tokenize_into(corpus().text, *corpus().dict, out);
    benchmark::DoNotOptimize(r.ok());
  }
  state.counters["tokens"] = static_cast<double>(out.size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus().text.size()));
}
BENCHMARK(BM_TokenizeDict)->Unit(benchmark::kMillisecond);

void BM_TokenizeDictLines(benchmark::State& state) {
  if (skip_without_corpus(state)) return;
  std::vector<huozi::Span> out;
  for (auto _ : state) {
    for (const auto& line : corpus().lines) {
      out.clear();
      auto r = huozi::segment::tokenize_into(line, *corpus().dict, out);
      benchmark::DoNotOptimize(r.ok());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus().text.size()));
}
BENCHMARK(BM_TokenizeDictLines)->Unit(benchmark::kMillisecond);

void BM_DictionaryBuild(benchmark::State& state) {
  if (skip_without_corpus(state)) return;
  for (auto _ : state) {
    auto d = huozi::segment::Dictionary::from_file(corpus().words_path);
    benchmark::DoNotOptimize(d.ok());
  }
}
BENCHMARK(BM_DictionaryBuild)->Unit(benchmark::kMillisecond);

// Tokenization (ICU mode) over the same generated pages as the stage
// benchmarks: one call per repaired unit, as a user tokenizes paragraphs.
void BM_TokenizeUnits(benchmark::State& state) {
  std::vector<huozi::Span> out;
  for (auto _ : state) {
    for (const auto& t : huozi::bench::unit_texts()) {
      out.clear();
      auto r = huozi::segment::tokenize_into(t, out);
      benchmark::DoNotOptimize(r.ok());
    }
  }
  huozi::bench::report(state, huozi::bench::unit_bytes());
}
BENCHMARK(BM_TokenizeUnits);

}  // namespace
