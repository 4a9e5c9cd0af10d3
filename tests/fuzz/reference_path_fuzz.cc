// Fuzz target: reference paths (asl/path/reference_path.h), as ResultPath compiles and applies
// them. Input: the path on the first line, the state input after it. Checks that a failed Apply
// leaves the input untouched (a Catch still sees it).

#include <cstddef>
#include <cstdint>

#include "asl/path/reference_path.h"
#include "tests/fuzz/fuzz_document.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto [path_text, document_text] = sfnsim_fuzz::SplitFirstLine(sfnsim_fuzz::AsText(data, size));
  (void)asl::ReferencePath::Parse(path_text, /*allow_context=*/true);
  auto path = asl::ReferencePath::Parse(path_text, /*allow_context=*/false);
  if (!path.ok()) return 0;
  asl::Json input = sfnsim_fuzz::DocumentFrom(document_text);
  const asl::Json before = input;
  asl::Json value = {{"result", {1, "two", nullptr}}};
  auto applied = path->Apply(input, value);
  if (path->is_root() && (!applied.ok() || *applied != value)) {
    sfnsim_fuzz::Violated("\"$\" must replace the whole input");
  }
  auto status = path->ApplyInPlace(input, value);
  if (status.ok() != applied.ok()) sfnsim_fuzz::Violated("Apply and ApplyInPlace disagree");
  if (!status.ok() && input != before) sfnsim_fuzz::Violated("a failed Apply changed the input");
  if (status.ok() && input != *applied) sfnsim_fuzz::Violated("Apply and ApplyInPlace differ");
  return 0;
}
