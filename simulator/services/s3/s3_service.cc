#include "simulator/services/s3/s3_service.h"

#include <algorithm>

#include "simulator/engine/simulation.h"
#include "simulator/services/s3/s3_api.h"
#include "simulator/services/s3/s3_errors.h"

namespace sim {

namespace {

enum S3Operation : int {
  kNoS3Api,
  kPutObject,
  kGetObject,
  kHeadObject,
  kListObjectsV2,
  kListObjects,
  kDeleteObject,
  kCopyObject,
};

// The codes S3's SDK model declares for these APIs (the API reference's "Errors" sections);
// AccessDenied, InvalidRange, SlowDown and InvalidArgument are not modelled, so the SDKs raise
// them as their generic class (S3.S3Exception in v2, S3.AmazonS3Exception in v1).
constexpr ModelledCode kCodes[] = {
    {"NoSuchBucket", ""},
    {"NoSuchKey", ""},
    {"InvalidObjectState", ""},
    {"ObjectNotInActiveTierError", ""},
};

// SDK v1 names the service "Amazon S3" in a cause; v2's service id is S3 (recorded:
// aws_sdk_s3_no_such_bucket_caught.json). S3 answers XML.
constexpr ServiceNames kNames{"s3",           "S3", "Amazon S3", "AmazonS3Exception", "S3",
                              "S3Exception", "application/xml", HeaderLayout::kStandard, kCodes,
                              /*extended_request_id=*/true};

// ASSUMED (docs/world.md): S3's first-byte latency for small objects is tens of milliseconds
// (S3 User Guide, "Performance guidelines": 100-200 ms for the slowest), a listing a little more.
constexpr LatencyDefault kS3Latency[] = {{"", 15, 60}, {"listObjectsV2", 20, 80},
                                         {"listObjects", 20, 80}};
constexpr std::string_view kS3Targets[] = {"Bucket"};

// us-east-1, S3 Standard (https://aws.amazon.com/s3/pricing/).
constexpr double kUsdPerThousandWrites = 0.005;   // PUT, COPY, POST, LIST
constexpr double kUsdPerThousandReads = 0.0004;   // GET, SELECT and all other requests
constexpr double kUsdPerGbMonth = 0.023;          // first 50 TB / month
constexpr double kMsPerMonth = 730.0 * 3600 * 1000;  // AWS's pricing calculator month
constexpr double kBytesPerGb = 1024.0 * 1024 * 1024;

std::unique_ptr<Service> Create(const ServiceSetup& setup) {
  const s3::Config* config = setup.sections->Get<s3::Config>(s3::kSection);
  if (!config) return nullptr;  // no s3 section: its resources fall through
  return std::make_unique<S3Service>(*config, setup.simulation);
}

bool IsWrite(int operation) {
  return operation == kPutObject || operation == kDeleteObject || operation == kCopyObject;
}

// The prefix S3's request rates apply to: the bucket and the key up to its last '/' (S3 scales
// per partitioned prefix; sfnsim takes each "folder" as one, as a bucket that has scaled does).
std::string RatePrefix(const asl::Json& params, int operation) {
  std::string bucket = params.value("Bucket", "");
  const char* member = (operation == kListObjectsV2 || operation == kListObjects) ? "Prefix" : "Key";
  std::string key;
  if (auto it = params.find(member); it != params.end() && it->is_string()) key = it->get<std::string>();
  size_t slash = key.rfind('/');
  return bucket + "/" + (slash == std::string::npos ? "" : key.substr(0, slash + 1));
}

}  // namespace

double S3Usage::requests_usd() const {
  return static_cast<double>(write_requests) / 1000 * kUsdPerThousandWrites +
         static_cast<double>(read_requests) / 1000 * kUsdPerThousandReads;
}

double S3Usage::storage_usd() const { return byte_ms / kBytesPerGb / kMsPerMonth * kUsdPerGbMonth; }

const ServiceNames& S3Names() { return kNames; }

const ServiceDescriptor& S3Descriptor() {
  static const ServiceDescriptor kDescriptor{
      .name = "s3",
      .names = &kNames,
      .latency = kS3Latency,
      .internal_error = {"InternalError", "We encountered an internal error. Please try again.",
                         500},
      .target_fields = kS3Targets,
      .retry_suggestion = "S3.AmazonS3Exception, S3.SdkClientException",
      .section = s3::kSection,
      .read_section = s3::ReadSection,
      .create = Create,
  };
  return kDescriptor;
}

S3Service::S3Service(const s3::Config& config, Simulation* simulation)
    : rates_(config.rates), simulation_(simulation) {
  SimTime start = simulation ? simulation->config().start_time : SimTime{};
  accounted_ = start;
  for (const s3::BucketSpec& bucket : config.buckets) {
    store_.AddBucket(bucket.name);
    for (const s3::ObjectSpec& object : bucket.objects) {
      store_.Put(bucket.name, object.key, object.body, start, object.content_type);
    }
  }
  for (const std::string& name : config.foreign_buckets) store_.AddForeignBucket(name);
}

int S3Service::Route(const asl::TaskResource& r) const {
  using asl::ResourceKind;
  if (r.service != "s3" || r.pattern != asl::IntegrationPattern::kRequestResponse) return kNoS3Api;
  if (r.kind == ResourceKind::kOptimized) {
    // The Distributed Map's ItemReader and ResultWriter resources.
    if (r.api == "getObject") return kGetObject;
    if (r.api == "listObjectsV2") return kListObjectsV2;
    if (r.api == "putObject") return kPutObject;
    return kNoS3Api;
  }
  if (r.kind != ResourceKind::kAwsSdk) return kNoS3Api;
  if (r.api == "putObject") return kPutObject;
  if (r.api == "getObject") return kGetObject;
  if (r.api == "headObject") return kHeadObject;
  if (r.api == "listObjectsV2") return kListObjectsV2;
  if (r.api == "listObjects") return kListObjects;
  if (r.api == "deleteObject") return kDeleteObject;
  if (r.api == "copyObject") return kCopyObject;
  return kNoS3Api;
}

bool S3Service::Admit(const std::string& prefix, bool write, SimTime now) {
  auto& buckets = write ? write_buckets_ : read_buckets_;
  double rate = write ? rates_.write_per_second : rates_.read_per_second;
  auto it = buckets.find(prefix);
  if (it == buckets.end()) {
    // A second's worth of requests at once, then the sustained rate.
    int64_t capacity = std::max<int64_t>(1, static_cast<int64_t>(rate));
    it = buckets.emplace(prefix, TokenBucket(capacity, rate, now)).first;
  }
  return it->second.TryTake(now);
}

void S3Service::Account(SimTime now) {
  if (now > accounted_) {
    usage_.byte_ms += static_cast<double>(store_.bytes()) * static_cast<double>((now - accounted_).ms);
    accounted_ = now;
  }
}

void S3Service::Call(int operation, ServiceCall& call) {
  const asl::Json& params = call.Parameters();
  SimTime now = call.request->now;
  bool write = IsWrite(operation);
  if (!Admit(RatePrefix(params, operation), write, now)) {
    ++usage_.slow_downs;
    return call.Fail(s3::SlowDown());
  }
  if (operation == kDeleteObject) ++usage_.delete_requests;
  else if (write || operation == kListObjectsV2 || operation == kListObjects) ++usage_.write_requests;
  else ++usage_.read_requests;
  Account(call.at);
  s3::ApiResult result = asl::Json::object();
  switch (operation) {
    case kPutObject: result = s3::PutObject(store_, params, call.at); break;
    case kGetObject: result = s3::GetObject(store_, params); break;
    case kHeadObject: result = s3::HeadObject(store_, params); break;
    case kListObjectsV2: result = s3::ListObjectsV2(store_, params); break;
    case kListObjects: result = s3::ListObjects(store_, params); break;
    case kDeleteObject: result = s3::DeleteObject(store_, params); break;
    case kCopyObject: result = s3::CopyObject(store_, params, call.at); break;
    default: return;
  }
  if (!result.ok()) return call.Fail(result.error());
  // Both styles answer the API response as the SDK integration outputs it: the Distributed Map
  // reads the Body and the listing from it, and never shows the HTTP metadata.
  call.Answer(SortedKeys(*result));
}

const s3::Object* S3Service::Write(const std::string& bucket, const std::string& key,
                                   std::string body, SimTime at, std::string content_type) {
  Account(at);
  return store_.Put(bucket, key, std::move(body), at, std::move(content_type));
}

S3Usage S3Service::usage() const {
  S3Usage total = usage_;
  if (simulation_ && simulation_->now() > accounted_) {
    total.byte_ms += static_cast<double>(store_.bytes()) *
                     static_cast<double>((simulation_->now() - accounted_).ms);
  }
  return total;
}

void S3Service::Summarize(asl::Json& summary) const {
  asl::Json buckets = asl::Json::object();
  for (const std::string& name : store_.BucketNames()) {
    const s3::ObjectMap* objects = store_.Objects(name);
    int64_t bytes = 0;
    for (const auto& [key, object] : *objects) bytes += object.size();
    buckets[name] = {{"objects", objects->size()}, {"bytes", bytes}};
  }
  S3Usage total = usage();
  summary["s3"] = {{"buckets", std::move(buckets)},
                   {"requests",
                    {{"write", total.write_requests},
                     {"read", total.read_requests},
                     {"delete", total.delete_requests}}},
                   {"slow_down", total.slow_downs},
                   {"requests_usd", total.requests_usd()},
                   {"storage_usd", total.storage_usd()}};
}

}  // namespace sim
