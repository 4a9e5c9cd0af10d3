#pragma once
// Payload templates: Parameters, ResultSelector, ItemSelector (and the ASL Credentials field).
// https://states-language.net/spec.html#payload-template
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
//
// A template is a JSON object (nested objects and arrays allowed). The States language spec
// says an object; AWS accepts any JSON value for Parameters, ResultSelector and ItemSelector
// ("customers are able to create and execute state machines with Parameters values of type
// number, array, object, boolean, string, and null", aws/amazon-states-language-service#83; its
// schema gives ItemSelector and BatchInput every type), so Compile() takes any value: an array
// is a template whose items are templates, a scalar is a static value. A key ending in ".$" has a
// string value that is a path ("$.x", "$$.Execution.Id") or an intrinsic function call
// ("States.Format('{}', $.x)"); the ".$" is stripped from the key in the output. Everything is
// compiled at load time; evaluation walks the compiled tree, and a subtree without ".$" keys is
// one static value.
//
// Paths are evaluated as JsonPath::Evaluate does: a definite path gives its node, an indefinite
// one the array of its matches (possibly empty). If a template has both "x" and "x.$", the later
// one's value wins at the earlier one's position (sfnsim's choice; AWS's is not documented).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/base/eval_context.h"

namespace asl {

struct TemplateNode;  // defined in payload_template.cc

// A problem found while compiling a template, located relative to the template's own root.
struct TemplateIssue {
  std::string pointer;  // e.g. "/Message.$" (relative to the template)
  std::string message;
  bool intrinsic = false;  // true when the problem is in an intrinsic call (else a path/shape)
};

class PayloadTemplate {
 public:
  static Result<PayloadTemplate, std::vector<TemplateIssue>> Compile(const Json& tmpl);

  PayloadTemplate();
  PayloadTemplate(PayloadTemplate&&) noexcept;
  PayloadTemplate& operator=(PayloadTemplate&&) noexcept;
  ~PayloadTemplate();

  // Builds the payload. Errors are ASL runtime errors with AWS's names and cause texts:
  // a path that selects nothing is States.Runtime ("The JSONPath '$.x' specified for the field
  // 'x.$' could not be found in the input '{…}'", the field being the key as written, at any
  // depth, and the input the compact JSON the path was read from); a failing intrinsic is
  // States.IntrinsicFailure. The state name prefix AWS adds ("An error occurred while executing
  // the state 'S' (entered at the event id #4). ") is the caller's.
  Result<Json> Evaluate(const EvalContext& context) const;

  bool uses_context() const { return uses_context_; }  // any "$$" path, at any depth
  bool is_static() const;                             // no ".$" key anywhere

  // The input's top-level fields the template's paths start from ("$.MessageId" and
  // "$.Attributes.x" read "MessageId" and "Attributes"), when that is all the template can read
  // of its input; nullopt when a path reads the input whole ("$") or starts otherwise than with
  // one plain name ("$.*", "$..x", "$[0]", "$['a','b']"). "$$" and "$variable" paths read no
  // input. Sorted, each once. The engine hands a ResultSelector that reads only part of a
  // service's answer only that part (simulator/engine/service_backend.h, DeferredResult), and
  // lends a Map's ItemSelector the item instead of copying it when the selector cannot read
  // where the items lie.
  const std::optional<std::vector<std::string>>& input_fields_read() const {
    return input_fields_read_;
  }

 private:
  std::unique_ptr<TemplateNode> root_;
  bool uses_context_ = false;
  std::optional<std::vector<std::string>> input_fields_read_;
};

}  // namespace asl
