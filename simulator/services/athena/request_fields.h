#pragma once
// Reading an Athena request (AWS JSON 1.1) the way the service does: a member of the wrong JSON
// type is a SerializationException, then the model's constraints (required, length, range) are
// checked together and reported as one InvalidRequestException
// "N validation error(s) detected: …; …". Messages as measured against Athena by the
// athena-local project (docs/dev/measurements/errors.md, query-results.md,
// client-request-token.md, github.com/aoyagikouhei/athena-local).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/services/integration/aws_error.h"

namespace sim::athena {

// https://docs.aws.amazon.com/athena/latest/APIReference/CommonErrors.html and the operations'
// Errors sections: InvalidRequestException and TooManyRequestsException are HTTP 400,
// InternalServerException 500.
AwsError InvalidRequest(std::string message);
AwsError TooManyRequests(std::string message);
AwsError SerializationError(std::string message);

// Typed access to request members; null or absent members read as absent. The first member of
// the wrong type is remembered as a SerializationException.
class RequestReader {
 public:
  std::optional<std::string> String(const asl::Json& parent, const char* member);
  std::optional<int64_t> Integer(const asl::Json& parent, const char* member);
  // nullptr when absent.
  const asl::Json* Structure(const asl::Json& parent, const char* member);
  // A list of strings; absent when the member is absent or null.
  std::optional<std::vector<std::string>> StringList(const asl::Json& parent, const char* member);

  const std::optional<AwsError>& error() const { return error_; }

 private:
  void Mismatch(const asl::Json& value, const char* target);
  std::optional<AwsError> error_;
};

// The request as a whole must be a JSON object.
std::optional<AwsError> CheckRequestObject(const asl::Json& request);

// Constraint violations, in the order the service reports them. `path` is the lowerCamel
// member path ("queryString", "queryExecutionContext.database").
class ValidationErrors {
 public:
  void NotNull(const char* path);
  void MinLength(const char* path, int64_t min);
  void MaxLength(const char* path, int64_t max);
  void MinValue(const char* path, int64_t min);
  void MaxValue(const char* path, int64_t max);
  void Pattern(const char* path, const char* pattern);

  // "1 validation error detected: …" / "2 validation errors detected: …; …"
  std::optional<AwsError> ToError() const;

 private:
  std::vector<std::string> messages_;
};

// The length of a string as the service counts it for constraints: characters (UTF-16 code
// units; non-BMP characters count twice).
int64_t ConstraintLength(const std::string& text);

// StartQueryExecution's WorkGroup pattern, [a-zA-Z0-9._-]{1,128}.
bool MatchesWorkGroupPattern(const std::string& name);
// An OutputLocation Athena accepts: s3://bucket[/prefix].
bool IsS3Path(const std::string& location);

// The QueryExecutionId member every operation but StartQueryExecution takes: its constraint
// violations go to `errors`, a member of the wrong type fails.
asl::Result<std::string, AwsError> ReadQueryExecutionId(const asl::Json& request,
                                                        RequestReader& reader,
                                                        ValidationErrors& errors);

}  // namespace sim::athena
