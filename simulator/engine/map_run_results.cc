// The ResultWriter's files. Their layout (<Prefix>/<map run id>/manifest.json, SUCCEEDED_0.json,
// the manifest's DestinationBucket / MapRunArn / ResultFiles) and the entries' fields follow the
// developer guide's examples; compact JSON and the entries' date format are assumed
// (docs/known-differences.md).

#include "simulator/engine/map_run_results.h"

#include <fmt/format.h>

#include "simulator/clock/sim_time.h"

namespace sim {

namespace {

// Result files hold at most 5 GB each (the developer guide); more starts the next file.
constexpr size_t kMaxResultFileBytes = 5'000'000'000;

std::string WithSlash(std::string prefix) {
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  return prefix;
}

// The map run's id: what follows the last ':' of its ARN.
std::string MapRunId(const std::string& map_run_arn) {
  size_t colon = map_run_arn.rfind(':');
  return colon == std::string::npos ? map_run_arn : map_run_arn.substr(colon + 1);
}

const char* FileStatus(const Execution* child) {
  if (child == nullptr) return "PENDING";
  return child->status() == ExecutionStatus::kSucceeded ? "SUCCEEDED" : "FAILED";
}

}  // namespace

asl::Json ChildResultEntry(const Execution& child) {
  asl::Json entry = asl::ObjectWithCapacity(14);
  bool succeeded = child.status() == ExecutionStatus::kSucceeded;
  if (!succeeded) {
    if (child.has_cause()) entry["Cause"] = child.error().cause;
    if (child.has_error()) entry["Error"] = child.error().name;
  }
  entry["ExecutionArn"] = child.arn();
  entry["Input"] = child.spec().input_text;
  entry["InputDetails"] = {{"Included", true}};
  entry["Name"] = child.name();
  if (succeeded) {
    entry["Output"] = asl::Dump(child.output());
    entry["OutputDetails"] = {{"Included", true}};
  }
  entry["RedriveCount"] = 0;
  // A failed child is redriven through its Map Run (the RedriveStatus enum of the API).
  if (succeeded) {
    entry["RedriveStatus"] = "NOT_REDRIVABLE";
    entry["RedriveStatusReason"] = "Execution is SUCCEEDED and cannot be redriven";
  } else {
    entry["RedriveStatus"] = "REDRIVABLE_BY_MAP_RUN";
  }
  entry["StartDate"] = FormatIso8601Millis(child.start_time());
  entry["StateMachineArn"] = child.state_machine_arn();
  entry["Status"] = StatusName(child.status());
  entry["StopDate"] = FormatIso8601Millis(child.stop_time());
  return entry;
}

std::string ManifestKey(std::string prefix, const std::string& map_run_arn) {
  return WithSlash(std::move(prefix)) + MapRunId(map_run_arn) + "/manifest.json";
}

std::vector<ResultObject> BuildResultObjects(const std::string& bucket, std::string prefix,
                                             const std::string& map_run_arn,
                                             const std::vector<const Execution*>& children,
                                             bool jsonl) {
  const std::string folder = WithSlash(std::move(prefix)) + MapRunId(map_run_arn) + "/";
  std::vector<ResultObject> objects;
  asl::Json files = {{"FAILED", asl::Json::array()},
                     {"PENDING", asl::Json::array()},
                     {"SUCCEEDED", asl::Json::array()}};
  for (const char* status : {"FAILED", "PENDING", "SUCCEEDED"}) {
    std::string body;
    int number = 0;
    size_t entries = 0;
    auto flush = [&] {
      if (entries == 0) return;
      if (!jsonl) body += ']';
      ResultObject object{fmt::format("{}{}_{}.json", folder, status, number++), std::move(body)};
      files[status].push_back({{"Key", object.key}, {"Size", object.body.size()}});
      objects.push_back(std::move(object));
      body.clear();
      entries = 0;
    };
    for (const Execution* child : children) {
      if (std::string_view(FileStatus(child)) != status || child == nullptr) continue;
      std::string text = asl::Dump(ChildResultEntry(*child));
      if (entries > 0 && body.size() + text.size() + 2 > kMaxResultFileBytes) flush();
      if (jsonl) {
        body += text;
        body += '\n';
      } else {
        body += entries == 0 ? '[' : ',';
        body += text;
      }
      ++entries;
    }
    flush();
  }
  asl::Json manifest = asl::ObjectWithCapacity(3);
  manifest["DestinationBucket"] = bucket;
  manifest["MapRunArn"] = map_run_arn;
  manifest["ResultFiles"] = std::move(files);
  objects.push_back({folder + "manifest.json", asl::Dump(manifest)});
  return objects;
}

asl::Json TransformedResults(const asl::ResultWriter* writer,
                             const std::vector<const Execution*>& children) {
  using Transformation = asl::ResultWriter::Transformation;
  // Without a WriterConfig the state's output is COMPACT; with one, its Transformation (NONE
  // by default).
  Transformation transformation =
      writer && writer->has_config ? writer->transformation : Transformation::kCompact;
  asl::Json out = asl::Json::array();
  for (const Execution* child : children) {
    if (child == nullptr) continue;
    bool succeeded = child->status() == ExecutionStatus::kSucceeded;
    // A failed child's result is its entry, whatever the transformation.
    if (!succeeded || transformation == Transformation::kNone) {
      out.push_back(ChildResultEntry(*child));
    } else if (transformation == Transformation::kFlatten && child->output().is_array()) {
      for (const asl::Json& element : child->output()) out.push_back(element);
    } else {
      out.push_back(child->output());
    }
  }
  return out;
}

}  // namespace sim
