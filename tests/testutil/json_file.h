#pragma once
// Reading a JSON file in a test: a missing or malformed file is a test failure (and a
// discarded value), never an exception that ends the whole test binary.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "asl/base/json.h"

namespace sfnsim_test {

inline asl::Json ReadJsonFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return asl::Json(asl::Json::value_t::discarded);
  }
  std::stringstream text;
  text << in.rdbuf();
  asl::Json json = asl::Json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(json.is_discarded()) << path << " is not valid JSON";
  return json;
}

}  // namespace sfnsim_test
