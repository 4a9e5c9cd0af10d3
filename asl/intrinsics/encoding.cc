// States.Base64Encode and States.Base64Decode.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-data-encode-decode

#include "asl/base/base64.h"
#include "asl/intrinsics/function.h"
#include "asl/intrinsics/intrinsic_node.h"
#include "asl/intrinsics/utf8.h"

namespace asl::intrinsics {

namespace impl {

// States.Base64Encode(string): the Base64 of the string's UTF-8 bytes (AWS gives "4pyT" for
// "✓", conformance case B64E-004; recorded: "" gives "").
Result<Json, Fault> Base64Encode(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[0].is_string()) return Fail(InvalidArguments(FunctionId::kBase64Encode));
  const std::string& text = args[0].get_ref<const std::string&>();
  if (Utf16Length(text) > kMaxIntrinsicInputLength) {
    return Fail(InvalidArguments(FunctionId::kBase64Encode));
  }
  return Json(asl::Base64Encode(text));
}

// States.Base64Decode(string): the decoded bytes read as UTF-8 text (bytes that are not UTF-8
// become U+FFFD, as Java's new String(bytes, UTF_8) makes them). Decoding is lenient: AWS decodes
// "!!!invalid!!!", "abc", "ab==cd" and " YWJjZA== " instead of refusing them (conformance cases
// B64D-015/017/019/024, run against AWS), as Apache Commons Codec does; what AWS returns for such
// input was not recorded, so these bytes are the codec's.
Result<Json, Fault> Base64Decode(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[0].is_string()) return Fail(InvalidArguments(FunctionId::kBase64Decode));
  const std::string& text = args[0].get_ref<const std::string&>();
  if (Utf16Length(text) > kMaxIntrinsicInputLength) {
    return Fail(InvalidArguments(FunctionId::kBase64Decode));
  }
  return Json(SanitizeUtf8(asl::Base64DecodeLenient(text)));
}

}  // namespace impl
}  // namespace asl::intrinsics
