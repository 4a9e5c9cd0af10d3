#pragma once
// S3's world section (docs/world.md, "S3"):
//
//   s3:
//     buckets:
//       - name: input-data
//         objects:
//           - {key: items.json, json: [1, 2, 3]}
//           - {key: notes.txt, text: "hello", content_type: text/plain}
//           - {key: big.csv, file: data/big.csv}
//         folders:
//           - {prefix: "raw/", path: data/raw}     # every regular file under data/raw
//     foreign_buckets: [someone-elses-bucket]      # exist in another account: AccessDenied
//     request_rates: {write_per_second: 3500, read_per_second: 5500}   # per prefix; the default

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "simulator/services/service_sections.h"

namespace sim {
namespace world_internal {
class Reader;
}  // namespace world_internal
}  // namespace sim

namespace sim::s3 {

inline constexpr const char* kSection = "s3";

struct ObjectSpec {
  std::string key;
  std::string body;
  std::string content_type;  // "" for S3's default
};

struct BucketSpec {
  std::string name;
  std::vector<ObjectSpec> objects;
};

// S3's request-rate guidance: at least 3,500 PUT/COPY/POST/DELETE and 5,500 GET/HEAD requests
// per second per partitioned prefix.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html
struct RequestRates {
  double write_per_second = 3500;
  double read_per_second = 5500;
};

struct Config {
  std::vector<BucketSpec> buckets;
  std::vector<std::string> foreign_buckets;
  RequestRates rates;
};

// Why `name` is not a general purpose bucket name ("" when it is one).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
std::string BucketNameProblem(const std::string& name);

// Reads the section into `out` (a Config under kSection); problems are located diagnostics.
void ReadSection(world_internal::Reader& r, const asl::Json& value, const std::string& pointer,
                 ServiceSections& out);

}  // namespace sim::s3
