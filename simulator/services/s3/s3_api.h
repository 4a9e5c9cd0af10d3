#pragma once
// S3's object APIs over a Store: requests are the API's parameters as Step Functions passes them
// (PascalCase members, asl::Json), answers are the response as the AWS SDK integration outputs
// it (the Java SDK v2 response structure: PascalCase members, timestamps as ISO-8601 strings,
// the body of GetObject as text) or an AwsError with S3's code, message and status.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html

#include <string>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/clock/sim_time.h"
#include "simulator/services/integration/aws_error.h"
#include "simulator/services/s3/s3_store.h"

namespace sim::s3 {

using ApiResult = asl::Result<asl::Json, AwsError>;

// A Body member as bytes: a string as is, any other JSON value serialized (Step Functions
// serializes a JSON Body of putObject).
std::string BodyText(const asl::Json& body);
// S3's LastModified as the integration prints it: whole seconds, "2024-01-01T00:00:00Z" (S3
// keeps second resolution; Java's Instant.toString omits a zero fraction).
std::string Timestamp(SimTime at);

ApiResult PutObject(Store& store, const asl::Json& params, SimTime at);
// Range "bytes=a-b", "bytes=a-" or "bytes=-n" answers the part with ContentRange (S3's 206); a
// range that starts past the end is InvalidRange; a Range S3 cannot parse is ignored, as S3
// ignores it.
ApiResult GetObject(const Store& store, const asl::Json& params);
ApiResult HeadObject(const Store& store, const asl::Json& params);
ApiResult DeleteObject(Store& store, const asl::Json& params);
// CopySource "bucket/key" (URL-encoded, an optional leading '/').
ApiResult CopyObject(Store& store, const asl::Json& params, SimTime at);
// s3_listing.cc: Prefix, Delimiter, MaxKeys (default and cap 1,000), ContinuationToken /
// StartAfter (v2), Marker (v1).
ApiResult ListObjectsV2(const Store& store, const asl::Json& params);
ApiResult ListObjects(const Store& store, const asl::Json& params);

namespace internal {
// The bucket a request names, checked: NoSuchBucket, AccessDenied or a client-side error.
asl::Result<std::string, AwsError> OwnedBucket(const Store& store, const asl::Json& params);
// A required string member ("Key"); a client-side error when absent or not a string.
asl::Result<std::string, AwsError> RequiredString(const asl::Json& params, const char* name);
// An optional string member ("" when absent).
asl::Result<std::string, AwsError> OptionalString(const asl::Json& params, const char* name);
}  // namespace internal

}  // namespace sim::s3
