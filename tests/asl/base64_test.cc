// asl/base/base64: the encoder and the two decoders (the intrinsics' lenient one, the strict one
// paging tokens use). States.Base64Encode/Decode's AWS cases are in intrinsics_encoding_test.

#include "asl/base/base64.h"

#include <gtest/gtest.h>

#include <string>

namespace asl {
namespace {

TEST(Base64Test, EncodesRfc4648Vectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(Base64Test, LenientDecodingSkipsStrangersAndStopsAtPadding) {
  EXPECT_EQ(Base64DecodeLenient("Zm9vYmFy"), "foobar");
  EXPECT_EQ(Base64DecodeLenient(" Zm9v\nYg== "), "foob");
  EXPECT_EQ(Base64DecodeLenient("Zm9vYg==Zm9v"), "foob");  // the first '=' ends the data
  EXPECT_EQ(Base64DecodeLenient("Zm9vYmE"), "fooba");       // a short last group still counts
  EXPECT_EQ(Base64DecodeLenient("!!!"), "");
}

TEST(Base64Test, StrictDecodingRefusesAnythingMalformed) {
  EXPECT_EQ(Base64DecodeStrict("Zm9vYg=="), "foob");
  EXPECT_EQ(Base64DecodeStrict(""), "");
  EXPECT_EQ(Base64DecodeStrict(std::string("//4A")), std::string("\xff\xfe\x00", 3));
  EXPECT_FALSE(Base64DecodeStrict("Zm9vYg="));     // not whole groups
  EXPECT_FALSE(Base64DecodeStrict("Zm9v Yg=="));   // a stranger
  EXPECT_FALSE(Base64DecodeStrict("Zg==Zm9v"));    // padding before the end
  EXPECT_FALSE(Base64DecodeStrict("Z==="));
}

TEST(Base64Test, RoundTripsEveryByte) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  for (size_t n = 0; n <= all.size(); n += 37) {
    const std::string part = all.substr(0, n);
    EXPECT_EQ(Base64DecodeStrict(Base64Encode(part)), part);
    EXPECT_EQ(Base64DecodeLenient(Base64Encode(part)), part);
  }
}

}  // namespace
}  // namespace asl
