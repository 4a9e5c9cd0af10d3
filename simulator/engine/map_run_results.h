#pragma once
// What a Distributed Map's ResultWriter writes: one entry per child execution (its ARN, input,
// output or error, status and dates), grouped by status into SUCCEEDED_n / FAILED_n /
// PENDING_n files under <Prefix>/<map run id>/, and the manifest.json that lists them. Also the
// WriterConfig transformations of the state's own output.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html

#include <cstdint>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/model/state_machine.h"
#include "simulator/engine/execution.h"

namespace sim {

// A child's entry as the result files hold it (keys in AWS's order: alphabetical). PENDING
// entries are items whose child never started (a Map Run that failed first).
asl::Json ChildResultEntry(const Execution& child);

// One object the writer puts.
struct ResultObject {
  std::string key;
  std::string body;
};

// The result files and, last, the manifest, for children's entries in the order they started.
// `prefix` is the ResultWriter's Prefix ("" or ending in "/" is kept, else "/" is added).
std::vector<ResultObject> BuildResultObjects(const std::string& bucket, std::string prefix,
                                             const std::string& map_run_arn,
                                             const std::vector<const Execution*>& children,
                                             bool jsonl);

// The key of the manifest BuildResultObjects writes.
std::string ManifestKey(std::string prefix, const std::string& map_run_arn);

// The Map state's result without an export, shaped by WriterConfig's Transformation: COMPACT
// (the children's outputs, the default), NONE (the entries), FLATTEN (outputs, arrays spliced).
asl::Json TransformedResults(const asl::ResultWriter* writer,
                             const std::vector<const Execution*>& children);

}  // namespace sim
