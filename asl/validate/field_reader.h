#pragma once
// FieldReader: typed access to the fields of one JSON object of a definition, reporting every
// problem as a located diagnostic and remembering which fields were read, so the fields nobody
// asked for can be reported as unknown (with a did-you-mean).

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"

namespace asl {

class FieldReader {
 public:
  FieldReader(const Json& object, std::string pointer, DiagnosticList& diagnostics);

  const std::string& pointer() const { return pointer_; }
  std::string PointerTo(std::string_view key) const { return PointerJoin(pointer_, key); }
  DiagnosticList& diagnostics() { return diagnostics_; }

  bool Has(std::string_view key) const;
  // The raw field (marked as read), or nullptr when absent.
  const Json* Get(std::string_view key);

  // Typed getters: nullopt / nullptr when absent or of the wrong type (a diagnostic is added
  // for the wrong type, and for a missing field when `required`).
  std::optional<std::string> String(std::string_view key, bool required = false);
  std::optional<std::string> NonEmptyString(std::string_view key, bool required = false);
  std::optional<int64_t> Integer(std::string_view key, int64_t min, int64_t max,
                                 bool required = false);
  // `max` may be infinity for "at least `min`".
  std::optional<double> Number(std::string_view key, double min, double max,
                               bool required = false);
  std::optional<bool> Boolean(std::string_view key, bool required = false);
  const Json* Object(std::string_view key, bool required = false);
  const Json* Array(std::string_view key, bool required = false);

  // Reports a missing required field.
  void Missing(std::string_view key);
  void WrongType(std::string_view key, std::string_view expected, const Json& got);
  // At most one of `keys` may be present; reports each extra one.
  void Exclusive(std::initializer_list<std::string_view> keys);

  // Marks a field as known without reading it (handled elsewhere); also a did-you-mean candidate.
  void Accept(std::string_view key);
  // Reports every field of the object that was never read or accepted. `where` completes the
  // message: field "X" is not valid in `where`.
  void ReportUnknown(std::string_view where);

 private:
  const Json& object_;
  std::string pointer_;
  DiagnosticList& diagnostics_;
  std::vector<std::string> read_;     // fields present and read
  std::vector<std::string> queried_;  // every field asked for: the did-you-mean candidates
};

// "string \"abc\"", "number 5", "object", … for "got …" parts of messages.
std::string DescribeValue(const Json& value);

}  // namespace asl
