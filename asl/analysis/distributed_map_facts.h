#pragma once
// What the analyses (budget, lint) read of a Distributed Map: how its items are grouped into
// child executions (ItemBatcher), where the items come from (ItemReader) and where the
// children's results go (ResultWriter). One place reads these fields, so that the analyses do
// not depend on how the model keeps them.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html

#include <cstdint>
#include <optional>
#include <string>

#include "asl/analysis/state_graph.h"
#include "asl/model/state_machine.h"

namespace asl {

// Whether `state` is a Map in Mode DISTRIBUTED (its items run as child executions).
bool IsDistributedMap(const State& state);

// Whether the states of `scope` run in a Distributed Map's child execution: the scope is, or is
// nested in, a Distributed Map's item processor. Such states write into the child's history,
// not the parent's.
bool InDistributedChild(const StateGraph& graph, int scope);

// How a Distributed Map groups its items into child executions. Without an ItemBatcher each
// item is one child; with one, a child gets {"Items": [...]} (plus BatchInput) of at most
// MaxItemsPerBatch items and MaxInputBytesPerBatch bytes.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
struct ChildBatching {
  bool batched = false;
  std::optional<int64_t> max_items;   // MaxItemsPerBatch, when a literal
  bool max_items_from_input = false;  // MaxItemsPerBatchPath / an expression: known at run time
  std::optional<int64_t> max_bytes;   // MaxInputBytesPerBatch, when a literal
  bool max_bytes_from_input = false;
};
ChildBatching BatchingOf(const State& map);

// "one per item", "one per batch of at most 10 items (ItemBatcher MaxItemsPerBatch)", …
std::string DescribeBatching(const ChildBatching& batching);

// Whether the Map reads its items with an ItemReader (from S3: any number of items).
bool HasItemReader(const State& map);
// Whether the Map's ResultWriter exports the children's results to S3 (it has a Resource; a
// ResultWriter with only a WriterConfig formats them but still returns them as the output).
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
bool ExportsResults(const State& map);

// "ItemReader arn:aws:states:::s3:getObject (CSV)", "ItemsPath $.rows", "the state input", …
std::string DescribeItemSource(const State& map);
// "ResultWriter arn:aws:states:::s3:putObject", "returned as the state's result (no
// ResultWriter)", …
std::string DescribeResultSink(const State& map);

}  // namespace asl
