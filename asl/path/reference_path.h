#pragma once
// Reference paths: definite JSONPaths made of names and indexes only, used by ResultPath
// (to write a result into the state input) and by fields that must select exactly one node.
// https://states-language.net/spec.html#ref-paths

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

  // ResultPath semantics: returns `input` with `value` placed at the path, creating missing
  // objects on the way ("$" replaces the whole input). Fails with States.ResultPathMatchFailure
  // and AWS's cause text when the path cannot be applied (e.g. it runs through a non-object).
  Result<Json> Apply(Json input, Json value) const;

 private:
  explicit ReferencePath(JsonPath path) : path_(std::move(path)) {}
  JsonPath path_;
};

}  // namespace asl
