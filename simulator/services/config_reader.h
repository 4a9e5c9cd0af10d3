#pragma once
// Reading the members of a world document with located diagnostics: the world loader and each
// service's own world section (simulator/registry/registry.h) read with it.

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "simulator/services/integration/aws_error.h"

namespace sim {
class LoadPolicy;  // simulator/world/load_policy.h: which files and commands a document may use
}  // namespace sim

namespace sim::world_internal {

// What reading one member gave: its value when the member is present and of the expected type
// and range. A member that is absent, null, or wrong (already reported, with its pointer) has
// no value, and there is deliberately no operator*, operator-> or value(): the only ways to
// read a Field are value_or and a copy into a std::optional member, so no caller can
// dereference a failed read (a `definition_file: 5` used to abort that way).
template <typename T>
class Field {
 public:
  Field() = default;
  explicit Field(T value) : value_(std::move(value)) {}

  explicit operator bool() const { return value_.has_value(); }
  bool has_value() const { return value_.has_value(); }
  T value_or(T fallback) const { return value_ ? *value_ : std::move(fallback); }
  // For settings that keep "not given" apart from a value (overrides, expectations).
  operator std::optional<T>() const { return value_; }  // NOLINT(google-explicit-constructor)

 private:
  std::optional<T> value_;
};

class Reader {
 public:
  // `policy` (nullptr: trusted) decides which paths and commands the file may use
  // (load_policy.h); it must outlive the reader.
  Reader(const asl::SourceMap& source, asl::DiagnosticList& diagnostics,
         std::string base_directory, const LoadPolicy* policy = nullptr)
      : source_(source), d_(diagnostics), base_(std::move(base_directory)), policy_(policy) {}

  void Error(const std::string& pointer, std::string message,
             asl::DiagnosticCode code = asl::DiagnosticCode::kInvalidValue);

  // `value` must be an object whose keys are all in `allowed` (unknown keys are reported, with
  // a suggestion).
  bool Object(const asl::Json& value, const std::string& pointer,
              std::initializer_list<const char*> allowed);
  // The same with a list built at run time (the world's keys come from the service registry).
  bool Object(const asl::Json& value, const std::string& pointer,
              const std::vector<std::string>& allowed);
  // `value` must be an array.
  bool Array(const asl::Json& value, const std::string& pointer);

  // Members of an object (already checked with Object). Absent or null: no value (a missing
  // required member is reported); present but of another type or out of range: no value, and
  // the member is reported with what was expected.
  Field<std::string> String(const asl::Json& object, const std::string& pointer,
                                    const char* key, bool required = false);
  Field<int64_t> Integer(const asl::Json& object, const std::string& pointer,
                                 const char* key, int64_t min, int64_t max,
                                 bool required = false);
  Field<double> Number(const asl::Json& object, const std::string& pointer,
                               const char* key, double min, double max);
  Field<bool> Bool(const asl::Json& object, const std::string& pointer, const char* key);
  // {min_ms, max_ms}, [min, max] or a single number of milliseconds.
  Field<std::pair<int64_t, int64_t>> MillisRange(const asl::Json& value,
                                                         const std::string& pointer);
  // {code, message, status}: an AWS error.
  Field<AwsError> AwsErrorSpec(const asl::Json& value, const std::string& pointer);

  // A path relative to the world file's directory.
  std::string Path(const std::string& path) const;
  // Whether the policy lets the file read `path` (a result of Path); if not, an error at
  // `pointer` says why and how to allow it (world_config_paths.cc).
  bool Allowed(const std::string& path, const std::string& pointer);
  // The same check for the paths a template the file loads names (asl::LoadOptions::check_path);
  // empty when nothing is confined.
  std::function<std::string(const std::string&)> PathCheck() const;
  const LoadPolicy* policy() const { return policy_; }
  const asl::SourceMap& source() const { return source_; }
  asl::DiagnosticList& diagnostics() { return d_; }

 private:
  const asl::SourceMap& source_;
  asl::DiagnosticList& d_;
  std::string base_;
  const LoadPolicy* policy_ = nullptr;
};

std::string Member(const std::string& pointer, const char* key);

}  // namespace sim::world_internal
