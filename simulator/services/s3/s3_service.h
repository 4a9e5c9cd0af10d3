#pragma once
// S3 as a Task calls it, against the buckets of the world's `s3` section:
//  - the AWS SDK integration arn:aws:states:::aws-sdk:s3:<api> for putObject, getObject,
//    headObject, listObjectsV2, listObjects, deleteObject and copyObject (plain API responses,
//    errors S3.<Exception> with S3's extended request id in the cause);
//  - the Distributed Map's own resources arn:aws:states:::s3:getObject, s3:listObjectsV2 and
//    s3:putObject (ItemReader / ResultWriter), which the engine sends through the same backend:
//    the same responses, failures as AwsErrors the engine turns into States.ItemReaderFailed or
//    States.ResultWriterFailed.
// Requests beyond S3's per-prefix rates answer SlowDown (503); the summary counts requests and
// estimates their cost and the storage's.

#include <map>
#include <memory>
#include <string>

#include "simulator/quotas/token_bucket.h"
#include "simulator/services/s3/s3_config.h"
#include "simulator/services/s3/s3_store.h"
#include "simulator/services/service.h"
#include "simulator/services/service_descriptor.h"

namespace sim {

const ServiceDescriptor& S3Descriptor();
const ServiceNames& S3Names();

// What S3's requests and storage cost at us-east-1 S3 Standard prices (docs/world.md, "S3").
struct S3Usage {
  int64_t write_requests = 0;  // PUT, COPY, POST, LIST
  int64_t read_requests = 0;   // GET, HEAD
  int64_t delete_requests = 0;  // free
  int64_t slow_downs = 0;       // refused by the per-prefix rates (not billed)
  double byte_ms = 0;           // bytes stored times milliseconds, for GB-months
  double requests_usd() const;
  double storage_usd() const;
};

class S3Service final : public Service {
 public:
  // The world's buckets and objects, stored at `simulation`'s start time.
  S3Service(const s3::Config& config, Simulation* simulation);
  const ServiceDescriptor& descriptor() const override { return S3Descriptor(); }
  int Route(const asl::TaskResource& resource) const override;
  void Call(int operation, ServiceCall& call) override;
  void Summarize(asl::Json& summary) const override;

  s3::Store& store() { return store_; }
  const s3::Store& store() const { return store_; }
  // Requests and storage so far (storage up to the simulation's current time).
  S3Usage usage() const;
  // Stores an object written by another service (Athena's results), accounting for its storage
  // as a PUT does; null when the bucket is not the account's.
  const s3::Object* Write(const std::string& bucket, const std::string& key, std::string body,
                          SimTime at, std::string content_type = "");

 private:
  // Takes a token from the prefix's bucket of the request's class; false: SlowDown.
  bool Admit(const std::string& prefix, bool write, SimTime now);
  // Accumulates byte-milliseconds up to `now` before the stored size changes.
  void Account(SimTime now);

  s3::RequestRates rates_;
  Simulation* simulation_ = nullptr;
  s3::Store store_;
  std::map<std::string, TokenBucket, std::less<>> read_buckets_;
  std::map<std::string, TokenBucket, std::less<>> write_buckets_;
  S3Usage usage_;
  SimTime accounted_;  // when byte_ms was last brought up to date
};

}  // namespace sim
