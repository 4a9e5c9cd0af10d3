#pragma once
// A balance report (bucket_balance.h) as text for people and as JSON, as `sfnsim balance`
// prints them.

#include <string>

#include "asl/base/json.h"
#include "simulator/scenario/bucket_balance.h"

namespace sim {

struct BalanceHeading {
  std::string scenario;       // its name
  std::string file;           // the path it was given as
  std::string key;            // the balanced predicates' column
  double max_imbalance = 0;   // the threshold asked for (0: none)
};

// Whether the written buckets' imbalance exceeds the threshold.
bool ImbalanceExceeded(const BalanceReport& report, const BalanceHeading& heading);

std::string FormatBalanceText(const BalanceReport& report, const BalanceHeading& heading);
asl::Json BalanceJson(const BalanceReport& report, const BalanceHeading& heading);

}  // namespace sim
