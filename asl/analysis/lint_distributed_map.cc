#include "asl/analysis/lint_distributed_map.h"

#include <fmt/format.h>

#include "asl/analysis/distributed_map_facts.h"
#include "asl/base/number_text.h"
#include "asl/runtime/io_pipeline.h"

namespace asl {

namespace {

// Whether the state's output drops the Map's result or shapes it: then its size is the
// definition's choice, not the item count's.
bool DropsOrShapesResult(const State& map) {
  if (map.query_language == QueryLanguage::kJsonata) return map.output.has_value();
  return map.result_path.kind == ResultPathField::Kind::kNull ||
         map.output_path.kind == InputOutputPath::Kind::kNull || map.result_selector.has_value();
}

}  // namespace

std::vector<LintFinding> DistributedMapFindings(const StateGraph& graph) {
  std::vector<LintFinding> out;
  const StateGraphType& g = graph.graph();
  for (GraphVertexId v = 0; v < boost::num_vertices(g); ++v) {
    const State& state = *g[v].state;
    if (!IsDistributedMap(state)) continue;
    // SFN1302. Without a ResultWriter (or with one that only formats), the Map's result is the
    // array of every child's output. An ItemReader reads any number of items from S3, so that
    // array grows with the data, and a state output over the payload quota (256 KiB) fails the
    // execution with States.DataLimitExceeded. AWS: "Exporting the results to an Amazon S3
    // bucket is helpful if your output payload size exceeds 256 KiB."
    // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
    // https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (payload size)
    if (HasItemReader(state) && !ExportsResults(state) && !DropsOrShapesResult(state)) {
      LintFinding f;
      f.code = LintCode::kDistributedResultsReturned;
      f.severity = LintCodeSeverity(f.code);
      f.state = state.name;
      f.pointer = state.pointer;
      f.message = fmt::format(
          "distributed Map \"{}\" reads its items with an {}, any number of them, and {}: its "
          "result is the array of every child's output, so enough items take the state's "
          "output over {} bytes (256 KiB), which fails the execution with "
          "States.DataLimitExceeded; export the results with a ResultWriter (\"Resource\": "
          "\"arn:aws:states:::s3:putObject\" with a Bucket and Prefix), or drop them "
          "({})",
          state.name, DescribeItemSource(state),
          state.result_writer ? "its ResultWriter has no Resource (it formats the results, "
                                "it does not export them)"
                              : "no ResultWriter",
          GroupDigits(static_cast<int64_t>(kMaxPayloadBytes)),
          state.query_language == QueryLanguage::kJsonata ? "an Output without $states.result"
                                                         : "\"ResultPath\": null");
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace asl
