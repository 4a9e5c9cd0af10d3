// States.Hash.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-hash-calc

#include "asl/intrinsics/function.h"
#include "asl/intrinsics/hash_digests.h"
#include "asl/intrinsics/intrinsic_node.h"
#include "asl/intrinsics/java_text.h"
#include "asl/intrinsics/utf8.h"

namespace asl::intrinsics {

const std::vector<std::string>& HashAlgorithmNames() {
  static const std::vector<std::string> names = {"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"};
  return names;
}

namespace impl {

// States.Hash(data, algorithm): the lowercase hexadecimal digest of the data's UTF-8 bytes.
// The algorithm is one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, spelled exactly so ("sha-256",
// "SHA256" and "MD-5" are refused on AWS, conformance cases HASH-024..HASH-032). Data that is
// not a string is hashed by its text as Java prints it: AWS returns a digest for 123 and for {}
// (conformance cases HASH-014, HASH-017).
Result<Json, Fault> Hash(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[1].is_string()) return Fail(InvalidArguments(FunctionId::kHash));
  std::string rendered;
  std::string_view data;
  if (args[0].is_string()) {
    data = args[0].get_ref<const std::string&>();
  } else {
    rendered = JavaText(args[0]);
    data = rendered;
  }
  if (Utf16Length(data) > kMaxIntrinsicInputLength) return Fail(InvalidArguments(FunctionId::kHash));
  const std::string& algorithm = args[1].get_ref<const std::string&>();
  if (algorithm == "MD5") return Json(Md5Hex(data));
  if (algorithm == "SHA-1") return Json(Sha1Hex(data));
  if (algorithm == "SHA-256") return Json(Sha256Hex(data));
  if (algorithm == "SHA-384") return Json(Sha384Hex(data));
  if (algorithm == "SHA-512") return Json(Sha512Hex(data));
  return Fail(InvalidArguments(FunctionId::kHash));
}

}  // namespace impl
}  // namespace asl::intrinsics
