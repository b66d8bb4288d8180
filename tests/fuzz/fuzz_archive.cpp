// libFuzzer target: the archive readers on arbitrary bytes, held in memory
// (Reader::InMemory): libarchive's formats and filters (zip, tar, tar.gz,
// tar.zst, …) and JSON Lines (plain, .gz, .zst). Every member is iterated and
// small pages are parsed; the checks are in fuzz_archive.hpp (error rows of
// known kinds, members within the limits, skip(k) equal to reading k items).
#include <cstddef>
#include <cstdint>

#include "fuzz_archive.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  huozi::fuzz::check_archive_bytes(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
