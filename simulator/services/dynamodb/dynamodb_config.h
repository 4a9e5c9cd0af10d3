#pragma once
// DynamoDB's world section: the tables, their key schemas and their items (docs/world.md).
//
//   dynamodb:
//     tables:
//       - name: orders
//         key_schema: {partition: {name: id, type: S}, sort: {name: at, type: N}}
//         items: [{id: {S: a}, at: {N: "1"}}]      # and/or items_file: orders.json
//         throttle: {requests_per_second: 10, burst: 10}   # off when absent

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

namespace sim::dynamodb {

inline constexpr const char* kSection = "dynamodb";

struct KeyAttribute {
  std::string name;
  std::string type;  // S, N or B
};

// A per-table request-rate quota (calls of any API), a token bucket.
struct TableThrottle {
  double requests_per_second = 0;
  int64_t burst = 0;
};

struct TableSpec {
  std::string name;
  KeyAttribute partition;
  std::optional<KeyAttribute> sort;
  std::vector<asl::Json> items;  // checked against the key schema when the world is installed
  std::string items_origin;      // where the items came from, for messages
  std::optional<TableThrottle> throttle;
};

struct Config {
  std::vector<TableSpec> tables;
};

// Reads the section into `out` (a Config under kSection); problems are located diagnostics.
void ReadSection(world_internal::Reader& r, const asl::Json& value, const std::string& pointer,
                 ServiceSections& out);

}  // namespace sim::dynamodb
