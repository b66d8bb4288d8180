// Helpers shared by the C++ tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace huozi::test_util {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string data_path(const std::string& rel) { return std::string(HUOZI_TEST_DATA_DIR) + "/" + rel; }

}  // namespace huozi::test_util
