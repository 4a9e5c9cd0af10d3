#pragma once
// Reference paths: definite JSONPaths made of names and non-negative indexes only, used by
// ResultPath (to write a result into the state input) and by fields that must select exactly
// one node.
// https://states-language.net/spec.html#ref-paths
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html

#include <string>
#include <string_view>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/path/json_path.h"

namespace asl {

class ReferencePath {
 public:
  // Compiles `text`; fails (with a diagnostic message) unless it is a valid reference path.
  // `allow_context` false refuses "$$" paths (ResultPath cannot write to the Context object).
  static Result<ReferencePath, std::string> Parse(std::string_view text, bool allow_context);

  const std::string& text() const { return path_.text(); }
  const JsonPath& path() const { return path_; }
  bool is_root() const { return path_.is_root(); }

  // ResultPath semantics: returns `input` with `value` placed at the path ("$" replaces the
  // whole input). A missing member is created, with empty objects for missing members on the
  // way; an existing member is overwritten where it stands.
  //
  // When the path runs through something it cannot write into (a non-object where a name is
  // needed, a non-array or an index past the end where an index is needed, or an index under a
  // member that does not exist), AWS fails with States.ReferencePathConflict and the cause
  // "Unable to apply ReferencePath $.x to input <compact input JSON>" (observed on AWS for a
  // string input; sfnsim uses the same error for every case).
  Result<Json> Apply(Json input, Json value) const;
  // The same, writing into `input` where it stands; on failure `input` is left untouched, so a
  // Catch can still see it. Saves copying a large input to replace one member of it.
  Status<> ApplyInPlace(Json& input, Json value) const;

 private:
  explicit ReferencePath(JsonPath path) : path_(std::move(path)) {}
  JsonPath path_;
};

}  // namespace asl
