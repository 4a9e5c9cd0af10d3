// A Distributed Map's own S3 calls: the ItemReader's getObject / listObjectsV2 and the
// ResultWriter's putObject. They go through the same backends as a Task (so the world's S3, its
// latencies, quotas and injected faults apply) but write no Task events: AWS records only the
// Map Run's. A failed read fails the Map Run with States.ItemReaderFailed, a failed write with
// States.ResultWriterFailed, the file named in the cause.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html

#include <fmt/format.h>

#include "simulator/engine/execution_internal.h"
#include "simulator/engine/map_run_results.h"

namespace sim {

namespace {

std::string StringField(const asl::Json& request, const char* name) {
  auto it = request.find(name);
  return it != request.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The resource the files a manifest or listing names are read with. One object for the process:
// backends may remember what serves a resource by its address.
const asl::TaskResource& GetObjectResource() {
  static const asl::TaskResource resource =
      std::move(*asl::ParseTaskResource("arn:aws:states:::s3:getObject"));
  return resource;
}

// The Body of a getObject answer, moved out.
std::string TakeBody(asl::Json& result) {
  auto it = result.find("Body");
  if (it == result.end() || !it->is_string()) return std::string();
  return std::move(it->get_ref<std::string&>());
}

}  // namespace

// Fails the Map Run a moment later, from a timer: the caller may be running the Map's own lane
// (a state's entry), which must not run on inside itself.
void Execution::FailMapRunLater(Frame& frame, asl::Error error) {
  frame.failure = std::move(error);
  sim_.Schedule(sim_.now(), this, kTimerMapRunFailure, static_cast<uint64_t>(frame.id));
}

// Reads the next file a manifest or listing named; once all are read, children start over
// their items in order.
void Execution::ReadNextDataFile(Frame& frame) {
  if (frame.next_data_file < frame.data_files.size()) {
    const DataFile& file = frame.data_files[frame.next_data_file++];
    asl::Json request = {{"Bucket", file.bucket}, {"Key", file.key}};
    return CallS3(frame, S3Step::kReadDataFile, GetObjectResource(), std::move(request));
  }
  frame.source = ChainItems(std::move(frame.file_sources));
  frame.file_sources.clear();
  StartChildExecutions(frame);
}

void Execution::StartReading(Frame& frame) {
  const asl::ItemReader& reader = *frame.state->reader;
  const asl::Json& request = frame.reader_request;
  std::string bucket = StringField(request, "Bucket");
  bool get_object = reader.resource.api == "getObject";
  frame.reader_location = fmt::format("s3://{}/{}", bucket,
                                      StringField(request, get_object ? "Key" : "Prefix"));
  if (!request.is_object() || bucket.empty() ||
      (get_object && !request.contains("Key"))) {
    return FailMapRunLater(frame, asl::Error(std::string(asl::errors::kItemReaderFailed),
                                        fmt::format("The ItemReader's {} must give a Bucket{} "
                                                    "(strings), got {}",
                                                    frame.state->query_language ==
                                                            asl::QueryLanguage::kJsonata
                                                        ? "Arguments"
                                                        : "Parameters",
                                                    get_object ? " and a Key" : "",
                                                    asl::Dump(request))));
  }
  CallS3(frame, get_object ? S3Step::kReadObject : S3Step::kListPage, reader.resource, request);
}

void Execution::CallS3(Frame& frame, S3Step step, const asl::TaskResource& resource,
                       asl::Json parameters) {
  const asl::State& state = *frame.state;
  uint64_t task_id = next_task_++;
  Task& task = tasks_[task_id];
  task.id = task_id;
  task.lane = frame.owner;
  task.state = &state;
  task.s3_step = step;
  task.frame = frame.id;
  task.scheduled = sim_.now();
  task.parameters = std::move(parameters);
  ++frame.s3_calls;

  TaskRequest request =
      NewTaskRequest(lanes_[frame.owner], state, resource, task.parameters);
  TaskHandle handle(&sim_, id_, task_id);
  for (ServiceBackend* backend : sim_.backends()) {
    if (backend->Invoke(request, handle)) return;
  }
  // NONSTANDARD: AWS would call S3; without an s3 section in the world there is nothing to
  // call. Reported as the call's failure, a moment later, like any answer.
  TaskFailed(task_id, sim_.now(),
             asl::Error("S3.NoSimulatedService",
                        fmt::format("sfnsim has no simulated S3 for {} (declare the bucket in "
                                    "the world's or scenario's s3 section)",
                                    resource.arn)));
}

void Execution::OnS3Reply(Task& task, bool succeeded) {
  S3Step step = task.s3_step;
  int frame_id = task.frame;
  asl::Json result = std::move(task.result);
  asl::Error error = std::move(task.error);
  asl::Json parameters = std::move(task.parameters);
  tasks_.erase(task.id);  // `task` is gone from here on
  if (frame_id < 0 || static_cast<size_t>(frame_id) >= frames_.size()) return;
  Frame& frame = frames_[static_cast<size_t>(frame_id)];
  if (frame.done) return;
  --frame.s3_calls;
  if (!succeeded) {
    bool reading = step != S3Step::kWriteResult;
    std::string location =
        reading ? frame.reader_location
                : fmt::format("s3://{}/{}", StringField(parameters, "Bucket"),
                              StringField(parameters, "Key"));
    // The cause names the file and gives S3's answer (sfnsim's wording, assumed).
    std::string cause = fmt::format("{} {}: {}{}", reading ? "Cannot read" : "Cannot write",
                                    location, error.name,
                                    error.has_cause ? ": " + error.cause : std::string());
    return FailMapRun(frame, asl::Error(std::string(reading ? asl::errors::kItemReaderFailed
                                                            : asl::errors::kResultWriterFailed),
                                        std::move(cause)));
  }
  const asl::ItemReader* reader = frame.state->reader ? &*frame.state->reader : nullptr;
  switch (step) {
    case S3Step::kReadObject: {
      std::string body = TakeBody(result);
      std::string cause;
      if (reader->input == asl::ItemReader::Input::kManifest) {
        if (!ReadManifest(*reader, body, frame.reader_location, frame.data_files,
                          frame.file_reader, cause)) {
          return FailMapRun(frame, asl::Error(std::string(asl::errors::kItemReaderFailed),
                                              std::move(cause)));
        }
        return ReadNextDataFile(frame);
      }
      frame.source =
          ItemsFromObject(FormatOf(*reader), std::move(body), frame.reader_location, cause);
      if (!frame.source) {
        return FailMapRun(frame, asl::Error(std::string(asl::errors::kItemReaderFailed),
                                            std::move(cause)));
      }
      return StartChildExecutions(frame);
    }
    case S3Step::kReadDataFile: {
      const DataFile& file = frame.data_files[frame.next_data_file - 1];
      std::string cause;
      auto source = ItemsFromObject(frame.file_reader, TakeBody(result),
                                    fmt::format("s3://{}/{}", file.bucket, file.key), cause);
      if (!source) {
        return FailMapRun(frame, asl::Error(std::string(asl::errors::kItemReaderFailed),
                                            std::move(cause)));
      }
      frame.file_sources.push_back(std::move(source));
      return ReadNextDataFile(frame);
    }
    case S3Step::kListPage: {
      if (auto it = result.find("Contents"); it != result.end() && it->is_array()) {
        for (const asl::Json& entry : *it) frame.listed.push_back(ListingItem(entry));
      }
      auto truncated = result.find("IsTruncated");
      auto token = result.find("NextContinuationToken");
      if (truncated != result.end() && truncated->is_boolean() && truncated->get<bool>() &&
          token != result.end() && token->is_string()) {
        asl::Json next = frame.reader_request;
        next["ContinuationToken"] = *token;
        return CallS3(frame, S3Step::kListPage, reader->resource, std::move(next));
      }
      if (reader->load_and_flatten) {
        // Every listed object is read as InputType says and its items flattened in.
        std::string bucket = StringField(frame.reader_request, "Bucket");
        for (const asl::Json& item : frame.listed) {
          std::string key = item.value("Key", "");
          if (!key.empty() && key.back() != '/') frame.data_files.push_back({bucket, key});
        }
        frame.listed.clear();
        frame.file_reader = FormatOf(*reader);
        return ReadNextDataFile(frame);
      }
      frame.source = ItemsFromValues(std::move(frame.listed));
      frame.listed.clear();
      return StartChildExecutions(frame);
    }
    case S3Step::kWriteResult:
      if (frame.s3_calls > 0) return;
      frame.result_objects_written = true;
      return CompleteMapRun(frame, std::move(frame.writer_request));
    case S3Step::kNone: return;
  }
}

// Puts the result files and the manifest; the Map's result is then the Map Run ARN and where the
// manifest is.
void Execution::WriteResults(Frame& frame) {
  const asl::ResultWriter& writer = *frame.state->writer;
  const asl::Json& request = frame.writer_request;
  std::string bucket = StringField(request, "Bucket");
  std::string prefix = StringField(request, "Prefix");
  if (bucket.empty()) {
    return FailMapRunLater(frame, asl::Error(std::string(asl::errors::kResultWriterFailed),
                                        fmt::format("The ResultWriter's Parameters must give a "
                                                    "Bucket (a string), got {}",
                                                    asl::Dump(request))));
  }
  std::vector<ResultObject> objects =
      BuildResultObjects(bucket, prefix, frame.map_run_arn, MapRunChildren(frame), writer.jsonl);
  asl::Json output = asl::ObjectWithCapacity(2);
  output["MapRunArn"] = frame.map_run_arn;
  output["ResultWriterDetails"] = {{"Bucket", bucket},
                                   {"Key", ManifestKey(prefix, frame.map_run_arn)}};
  frame.writer_request = std::move(output);  // the state's result once every put succeeded
  for (ResultObject& object : objects) {
    asl::Json put = asl::ObjectWithCapacity(3);
    put["Bucket"] = bucket;
    put["Key"] = std::move(object.key);
    put["Body"] = std::move(object.body);
    CallS3(frame, S3Step::kWriteResult, *writer.resource, std::move(put));
    if (frame.done) return;
  }
}

}  // namespace sim
