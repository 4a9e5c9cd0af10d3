#include "simulator/services/s3/s3_errors.h"

namespace sim::s3 {

namespace {

AwsError Make(const char* code, std::string message, int status, bool sender_fault = true) {
  AwsError e;
  e.code = code;
  e.message = std::move(message);
  e.http_status = status;
  e.sender_fault = sender_fault;
  return e;
}

}  // namespace

AwsError NoSuchBucket() { return Make("NoSuchBucket", "The specified bucket does not exist", 404); }
AwsError NoSuchKey() { return Make("NoSuchKey", "The specified key does not exist.", 404); }
AwsError AccessDenied() { return Make("AccessDenied", "Access Denied", 403); }
AwsError InvalidRange() {
  return Make("InvalidRange", "The requested range is not satisfiable", 416);
}
AwsError SlowDown() { return Make("SlowDown", "Please reduce your request rate.", 503, false); }
AwsError InvalidArgument(std::string message) {
  return Make("InvalidArgument", std::move(message), 400);
}
AwsError ClientSide(std::string message) { return Make("", std::move(message), 0); }

}  // namespace sim::s3
