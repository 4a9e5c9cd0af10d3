#pragma once
// The parsed form of a DynamoDB expression (private to expression*.cc).

#include <memory>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "simulator/services/dynamodb/expression.h"

namespace sim::dynamodb {

struct Node {
  enum class Kind {
    kPath, kValue, kSize, kCompare, kBetween, kIn, kAnd, kOr, kNot, kFunction, kPlus, kMinus,
    kIfNotExists, kListAppend
  } kind = Kind::kPath;
  std::string op;  // comparator or function name
  Path path;
  asl::Json value;
  std::vector<NodePtr> args;
};

}  // namespace sim::dynamodb
