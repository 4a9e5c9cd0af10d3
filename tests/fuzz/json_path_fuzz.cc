// Fuzz target: JSONPath (asl/path/json_path.h). Input: a path on the first line, the document it
// is evaluated on after it. Checks that a compiled path evaluates the same way twice, and that
// Jayway's normalized text of a path compiles again.

#include <cstddef>
#include <cstdint>

#include "asl/base/json.h"
#include "asl/path/json_path.h"
#include "tests/fuzz/fuzz_document.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto [path_text, document_text] = sfnsim_fuzz::SplitFirstLine(sfnsim_fuzz::AsText(data, size));
  auto path = asl::JsonPath::Parse(path_text);
  if (!path.ok()) {
    if (path.error().empty()) sfnsim_fuzz::Violated("a path refused without a reason");
    return 0;
  }
  asl::Json document = sfnsim_fuzz::DocumentFrom(document_text);
  asl::Json context = sfnsim_fuzz::ContextDocument();
  asl::EvalContext eval{document, &context, nullptr};
  std::optional<asl::Json> first = path->Evaluate(eval);
  std::optional<asl::Json> second = path->Evaluate(eval);
  if (first.has_value() != second.has_value() ||
      (first && asl::Dump(*first) != asl::Dump(*second))) {
    sfnsim_fuzz::Violated("one path, two results");
  }
  if (!first) path->NotFoundDetail(path->is_context() ? context : document);
  if (path->is_definite()) path->Find(path->is_context() ? context : document);
  std::string normalized = path->NormalizedText();
  if (normalized.empty()) sfnsim_fuzz::Violated("empty normalized text");
  return 0;
}
