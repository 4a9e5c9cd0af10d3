// Fuzz target: DynamoDB's expressions (simulator/services/dynamodb/expression.h), as a Task's
// ConditionExpression, FilterExpression, KeyConditionExpression or UpdateExpression holds them.
// Input: the expression on the first line, then a JSON array [ExpressionAttributeNames,
// ExpressionAttributeValues, item] (each may be missing or of any type).
// Checks that parsing refuses with a message, never crashes, and that a parsed expression
// evaluates and applies to the item without crashing.

#include <cstddef>
#include <cstdint>

#include "asl/base/json.h"
#include "simulator/services/dynamodb/expression.h"
#include "tests/fuzz/fuzz_document.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

const asl::Json* Part(const asl::Json& parts, size_t i) {
  if (!parts.is_array() || parts.size() <= i) return nullptr;
  return &parts[i];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace ddb = sim::dynamodb;
  auto [expression, document_text] = sfnsim_fuzz::SplitFirstLine(sfnsim_fuzz::AsText(data, size));
  asl::Json parts = sfnsim_fuzz::DocumentFrom(document_text);
  const asl::Json* names = Part(parts, 0);
  const asl::Json* values = Part(parts, 1);
  const asl::Json* item = Part(parts, 2);
  asl::Json empty_item = asl::Json::object();
  if (item == nullptr || !item->is_object()) item = &empty_item;

  ddb::Substitutions condition_subs{names, values, {}, {}};
  auto condition = ddb::ParseCondition(expression, "ConditionExpression", condition_subs);
  if (!condition.ok()) {
    if (condition.error().empty()) sfnsim_fuzz::Violated("a condition refused without a message");
  } else {
    ddb::Evaluate(*condition, item);
    ddb::Evaluate(*condition, nullptr);
    auto key = ddb::ToKeyCondition(*condition, "pk", "sk");
    if (!key.ok() && key.error().empty()) sfnsim_fuzz::Violated("a key condition without a message");
  }

  ddb::Substitutions update_subs{names, values, {}, {}};
  auto update = ddb::ParseUpdate(expression, update_subs);
  if (!update.ok()) {
    if (update.error().empty()) sfnsim_fuzz::Violated("an update refused without a message");
    return 0;
  }
  ddb::UpdatedPaths(*update);
  auto applied = ddb::Apply(*update, *item);
  if (!applied.ok() && applied.error().empty()) sfnsim_fuzz::Violated("an update failed without a message");
  return 0;
}
