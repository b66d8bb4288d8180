// Linear time on adversarial input, measured as instructions executed (not
// wall time): huozi_work parses one page of a family at N and at 4N bytes
// under valgrind (cachegrind without cache simulation), and the work above
// the program's fixed cost must grow at most 6× (4× is linear, a quadratic
// path gives 16×). Skipped when valgrind is not installed.
// HUOZI_LINEAR_BYTES sets N (default 64 KiB); HUOZI_LINEAR_FAMILIES=a,b picks families.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

bool have_valgrind() { return std::system("valgrind --version > /dev/null 2>&1") == 0; }

// Instructions executed by `huozi_work family bytes`, or -1.
long long instructions(const std::string& family, std::size_t bytes) {
  char tmpl[] = "/tmp/huozi_linear_XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0) return -1;
  close(fd);
  const std::string out_file = tmpl;
  const std::string cmd = "valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=" + out_file + " " +
                          HUOZI_WORK_BIN + " " + family + " " + std::to_string(bytes) + " > /dev/null 2>&1";
  const int rc = std::system(cmd.c_str());
  long long ir = -1;
  std::ifstream in(out_file);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("summary:", 0) == 0) ir = std::stoll(line.substr(8));
  std::remove(out_file.c_str());
  return rc == 0 ? ir : -1;
}

TEST(LinearTime, AdversarialFamiliesGrowLinearly) {
  if (!have_valgrind()) GTEST_SKIP() << "valgrind not installed: no deterministic work measure";
  std::size_t n = 64 << 10;
  if (const char* e = std::getenv("HUOZI_LINEAR_BYTES")) n = std::strtoull(e, nullptr, 10);
  std::vector<std::string> families;
  std::string wanted = std::getenv("HUOZI_LINEAR_FAMILIES") ? std::getenv("HUOZI_LINEAR_FAMILIES") : "";
  std::istringstream list(run(std::string(HUOZI_WORK_BIN) + " --list"));
  for (std::string line; std::getline(list, line);) {
    std::string name = line.substr(0, line.find('\t'));
    if (wanted.empty() || ("," + wanted + ",").find("," + name + ",") != std::string::npos) families.push_back(name);
  }
  ASSERT_FALSE(families.empty());
  const long long base = instructions("line_text", 0);
  ASSERT_GT(base, 0) << "valgrind run failed";

  struct Row {
    std::string family;
    long long small = -1, large = -1;
  };
  std::vector<Row> rows(families.size());
  std::mutex mu;
  std::size_t next = 0;
  auto work = [&] {
    for (;;) {
      std::size_t i;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (next >= families.size()) return;
        i = next++;
      }
      rows[i].family = families[i];
      rows[i].small = instructions(families[i], n);
      rows[i].large = instructions(families[i], 4 * n);
    }
  };
  std::vector<std::thread> pool;
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();

  std::printf("%-16s %14s %14s %7s  (N = %zu bytes, fixed cost %lld instructions)\n", "family", "Ir(N)", "Ir(4N)",
              "ratio", n, base);
  for (const Row& r : rows) {
    ASSERT_GT(r.small, 0) << r.family << ": valgrind run failed";
    ASSERT_GT(r.large, 0) << r.family << ": valgrind run failed";
    const double small = static_cast<double>(r.small - base), large = static_cast<double>(r.large - base);
    const double ratio = large / std::max(1.0, small);
    std::printf("%-16s %14lld %14lld %7.2f\n", r.family.c_str(), r.small - base, r.large - base, ratio);
    EXPECT_LT(ratio, 6.0) << r.family << ": work grows faster than linearly (" << small << " -> " << large << ")";
  }
}

}  // namespace
