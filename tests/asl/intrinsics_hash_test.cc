// States.Hash and the digests behind it.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-hash-calc

#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/hash_digests.h"
#include "tests/asl/intrinsics_test_util.h"

namespace asl {
namespace {

using intrinsics::Md5Hex;
using intrinsics::Sha1Hex;
using intrinsics::Sha256Hex;
using intrinsics::Sha384Hex;
using intrinsics::Sha512Hex;
using testing::EvalError;
using testing::EvalText;
using testing::InvalidArguments;
using testing::PathNotFound;

// RFC 1321, appendix A.5.
TEST(DigestTest, Md5TestSuite) {
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Md5Hex("a"), "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ(Md5Hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(Md5Hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(Md5Hex("abcdefghijklmnopqrstuvwxyz"), "c3fcd3d76192e4007dfb496cca67e13b");
  EXPECT_EQ(Md5Hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            "d174ab98d277d9f5a5611c2c9f419d9f");
  EXPECT_EQ(Md5Hex("1234567890123456789012345678901234567890123456789012345678901234567890"
                   "1234567890"),
            "57edf4a22be3c955ac49da2e2107b67a");
}

// FIPS 180 example vectors (NIST CSRC "Examples with Intermediate Values").
TEST(DigestTest, ShaExampleVectors) {
  const std::string abc = "abc";
  const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  const std::string two_blocks_512 =
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr"
      "lmnopqrsmnopqrstnopqrstu";
  const std::string million(1000000, 'a');

  EXPECT_EQ(Sha1Hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(Sha1Hex(abc), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(Sha1Hex(two_blocks), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(Sha1Hex(million), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");

  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex(abc), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(two_blocks),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(million), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

  EXPECT_EQ(
      Sha384Hex(""),
      "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f1"
      "4898b95b");
  EXPECT_EQ(
      Sha384Hex(abc),
      "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca1"
      "34c825a7");
  EXPECT_EQ(
      Sha384Hex(two_blocks_512),
      "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa"
      "91746039");

  EXPECT_EQ(
      Sha512Hex(""),
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2"
      "877eec2f63b931bd47417a81a538327af927da3e");
  EXPECT_EQ(
      Sha512Hex(abc),
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23"
      "a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  EXPECT_EQ(
      Sha512Hex(two_blocks_512),
      "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99de"
      "c4b5433ac7d329eeb6dd26545e96e55b874be909");
}

// Lengths around the padding boundaries (55/56/63/64 bytes for the 64-byte blocks, 111/112/127/
// 128 for the 128-byte blocks), checked against Python's hashlib.
TEST(DigestTest, PaddingBoundaries) {
  EXPECT_EQ(Md5Hex(std::string(55, 'a')), "ef1772b6dff9a122358552954ad0df65");
  EXPECT_EQ(Md5Hex(std::string(56, 'a')), "3b0c8ac703f828b04c6c197006d17218");
  EXPECT_EQ(Md5Hex(std::string(64, 'a')), "014842d480b571495a4a0363793f7367");
  EXPECT_EQ(Sha1Hex(std::string(55, 'a')), "c1c8bbdc22796e28c0e15163d20899b65621d65a");
  EXPECT_EQ(Sha1Hex(std::string(56, 'a')), "c2db330f6083854c99d4b5bfb6e8f29f201be699");
  EXPECT_EQ(Sha256Hex(std::string(63, 'a')),
            "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
  EXPECT_EQ(Sha256Hex(std::string(64, 'a')),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  EXPECT_EQ(
      Sha384Hex(std::string(111, 'a')),
      "3c37955051cb5c3026f94d551d5b5e2ac38d572ae4e07172085fed81f8466b8f90dc23a8ffcdea0b8d8e58e8"
      "fdacc80a");
  EXPECT_EQ(
      Sha512Hex(std::string(112, 'a')),
      "c01d080efd492776a1c43bd23dd99d0a2e626d481e16782e75d54c2503b5dc32bd05f0f1ba33e568b88fd2d9"
      "70929b719ecbb152f58f130a407c8830604b70ca");
  EXPECT_EQ(
      Sha512Hex(std::string(127, 'a')),
      "828613968b501dc00a97e08c73b118aa8876c26b8aac93df128502ab360f91bab50a51e088769a5c1eff4782"
      "ace147dce3642554199876374291f5d921629502");
  EXPECT_EQ(
      Sha512Hex(std::string(128, 'a')),
      "b73d1929aa615934e61a871596b3f3b33359f42b8175602e89f7e06e5f658a243667807ed300314b95cacdd5"
      "79f3e33abdfbe351909519a846d465c59582f321");
}

TEST(StatesHashTest, RecordedOnAws) {
  // intrinsic_hash.json
  EXPECT_EQ(EvalText("States.Hash($.FunctionInput.fst, $.FunctionInput.snd)",
                     Json::parse(R"({"FunctionInput":{"fst":"input data","snd":"SHA-1"}})")),
            R"("aaff4a450a104cd177d28d18d74485e8cae074b7")");
}

// Conformance cases run against AWS (see asl/intrinsics/function.h).
TEST(StatesHashTest, EveryAlgorithm) {
  EXPECT_EQ(EvalText("States.Hash('hello', 'MD5')"), R"("5d41402abc4b2a76b9719d911017c592")");
  EXPECT_EQ(EvalText("States.Hash('hello', 'SHA-1')"),
            R"("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")");
  EXPECT_EQ(EvalText("States.Hash('hello', 'SHA-256')"),
            R"("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")");
  EXPECT_EQ(
      EvalText("States.Hash('hello', 'SHA-384')"),
      R"("59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90)"
      R"(125a3c79f90397bdf5f6a13de828684f")");
  EXPECT_EQ(
      EvalText("States.Hash('hello', 'SHA-512')"),
      R"("9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca7)"
      R"(2323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043")");
  EXPECT_EQ(EvalText("States.Hash('', 'SHA-256')"),
            R"("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")");
  EXPECT_EQ(EvalText("States.Hash($.s, 'SHA-256')", Json::parse(R"({"s":"✓"})")),
            R"("1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604")");
  EXPECT_EQ(EvalText("States.Hash($.s, 'SHA-256')", Json::parse(R"({"s":"こんにちは"})")),
            R"("125aeadf27b0459b8760c13a3d80912dfa8a81a68261906f60d87f4a0268646c")");
  EXPECT_EQ(EvalText("States.Hash($.s, 'MD5')", Json::parse(R"({"s":"abc\u0000def"})")),
            R"("a5e4d5963ae44c1f4bfb37b1a3d55a3c")");
  EXPECT_EQ(
      EvalText("States.Hash($.s, $.algo)", Json::parse(R"({"s":"Data to encode","algo":"MD5"})")),
      R"("ca405671828a177e26947171bbe1e352")");
  EXPECT_EQ(EvalText("States.Hash(States.Format('{}:{}', $.a, $.b), 'SHA-256')",
                     Json::parse(R"({"a":"x","b":"y"})")),
            R"("1274e286686b54fe765ec40735665b4bf789cee2a5b22124c5e0491a88e15271")");
  EXPECT_EQ(EvalText("States.Hash('🚀', 'SHA-256')"),
            R"("ebbc0b2870eb323f2b6cffa5c493ceef81ae7eb36afc73d4e0367301631daec5")");
}

// AWS hashes a number or an object by its text (conformance HASH-014, HASH-017).
TEST(StatesHashTest, DataThatIsNotAString) {
  EXPECT_EQ(EvalText("States.Hash(123, 'MD5')"), R"("202cb962ac59075b964b07152d234b70")");
  EXPECT_EQ(EvalText("States.Hash($.obj, 'MD5')", Json::parse(R"({"obj":{}})")),
            R"("99914b932bd37a50b983c5e7c90ae93b")");
}

// "The input data string can't exceed 10,000 characters."
TEST(StatesHashTest, InputLimit) {
  Json input = Json::object();
  input["s"] = std::string(10000, 'a');
  EXPECT_EQ(EvalText("States.Hash($.s, 'SHA-256')", input),
            R"("27dd1f61b867b6a0f6e9d8a41c43231de52107e53ae424de8f847b821db4b711")");
  input["s"] = std::string(10001, 'a');
  EXPECT_EQ(EvalError("States.Hash($.s, 'SHA-256')", input),
            InvalidArguments("States.Hash($.s, 'SHA-256')", "States.Hash"));
}

TEST(StatesHashTest, RefusedAlgorithms) {
  const Json input = Json::parse(
      R"({"lower":"sha-256","nodash":"SHA256","blank":"","md":"MD-5","sha257":"SHA-257",
          "n":123,"unsupported":"UNSUPPORTED"})");
  for (const char* text : {"States.Hash('data', $.lower)", "States.Hash('data', $.nodash)",
                           "States.Hash('data', $.blank)", "States.Hash('data', $.md)",
                           "States.Hash('data', $.sha257)", "States.Hash('data', $.n)",
                           "States.Hash('data', $.unsupported)"}) {
    EXPECT_EQ(EvalError(text, input), InvalidArguments(text, "States.Hash"));
  }
  EXPECT_EQ(EvalError("States.Hash($.missing, 'SHA-256')", Json::object()),
            PathNotFound("States.Hash($.missing, 'SHA-256')", "$.missing", "{}"));
  EXPECT_EQ(EvalError("States.Hash('hello', $.missingAlgo)", Json::object()),
            PathNotFound("States.Hash('hello', $.missingAlgo)", "$.missingAlgo", "{}"));
}

}  // namespace
}  // namespace asl
