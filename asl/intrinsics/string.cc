// States.Format and States.StringSplit.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-generic
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-string-operation

#include <algorithm>
#include <vector>

#include "asl/intrinsics/function.h"
#include "asl/intrinsics/intrinsic_node.h"
#include "asl/intrinsics/java_text.h"
#include "asl/intrinsics/utf8.h"

namespace asl::intrinsics::impl {

// States.Format(template, values…): each "{}" of the template replaced by the next value.
// "There must be as many remaining arguments in the Invocation as there are occurrences of {}"
// (https://states-language.net/spec.html#appendix-b). A string value goes in as it is, other
// values as Java prints them: null -> "null", {"Arg1":1,"Arg2":[]} -> "{Arg1=1, Arg2=[]}"
// (recorded on AWS, java_text.h).
//
// A literal template was split at load time (intrinsic_parser.cc). A template read from the
// input is split here with the same rules; that AWS honours \{ \} in such a template too is
// sfnsim's assumption. A lone brace or a placeholder count that does not match the values is
// refused as AWS refuses it (conformance cases FMT-14/15/17/18/21: States.Runtime).
Result<Json, Fault> Format(const IntrinsicCallNode& call, Args& args, const EvalContext&) {
  const FormatTemplate* format = call.format.get();
  std::optional<FormatTemplate> runtime;
  if (format == nullptr) {
    if (!args[0].is_string()) return Fail(InvalidArguments(FunctionId::kFormat));
    runtime = SplitFormatTemplate(args[0].get_ref<const std::string&>());
    if (!runtime) return Fail(InvalidArguments(FunctionId::kFormat));
    format = &*runtime;
  }
  if (format->placeholders() != args.size() - 1) {
    return Fail(InvalidArguments(FunctionId::kFormat));
  }
  std::string out = format->pieces[0];
  for (size_t i = 1; i < args.size(); ++i) {
    AppendJavaText(args[i], &out);
    out += format->pieces[i];
  }
  return Json(std::move(out));
}

// States.StringSplit(string, delimiters): every character of the second argument is a
// delimiter, and empty pieces are dropped (Java's StringTokenizer). Recorded on AWS
// (LocalStack snapshot test_string_operations.py::test_string_split): "This.is+a,test=string"
// by ".+,=" gives ["This","is","a","test","string"]; " , " by "," gives [" "," "]; ", , ," by
// "," gives [" "," "]; ",,,," by "," gives [].
Result<Json, Fault> StringSplit(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[0].is_string() || !args[1].is_string()) {
    return Fail(InvalidArguments(FunctionId::kStringSplit));
  }
  const std::string& text = args[0].get_ref<const std::string&>();
  const std::string& delimiter_text = args[1].get_ref<const std::string&>();
  std::vector<char32_t> delimiters;
  for (size_t pos = 0; pos < delimiter_text.size();) {
    delimiters.push_back(NextCodePoint(delimiter_text, &pos));
  }
  Json out = Json::array();
  size_t piece_start = 0;
  for (size_t pos = 0; pos < text.size();) {
    const size_t start = pos;
    const char32_t c = NextCodePoint(text, &pos);
    if (std::find(delimiters.begin(), delimiters.end(), c) == delimiters.end()) continue;
    if (start > piece_start) out.push_back(text.substr(piece_start, start - piece_start));
    piece_start = pos;
  }
  if (text.size() > piece_start) out.push_back(text.substr(piece_start));
  return out;
}

}  // namespace asl::intrinsics::impl
