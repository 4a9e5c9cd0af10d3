#include "simulator/services/sqs/sqs_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "asl/base/base64.h"
#include "asl/intrinsics/hash_digests.h"
#include "simulator/services/batch_entry_id.h"
#include "simulator/services/integration/aws_response.h"
#include "simulator/services/integration/request_fields.h"

namespace sim {

namespace {

// Error codes as the AWS SDK for Java v1 reports them (the query-protocol codes, which SQS's
// JSON protocol still sends in x-amzn-query-error).
constexpr const char* kNonExistentQueue = "AWS.SimpleQueueService.NonExistentQueue";

AwsError InvalidParameterValue(std::string message) {
  return ServiceError("InvalidParameterValue", std::move(message));
}

void AppendLengthPrefixed(std::string& out, std::string_view bytes) {
  uint32_t n = static_cast<uint32_t>(bytes.size());
  out.push_back(static_cast<char>((n >> 24) & 0xFF));
  out.push_back(static_cast<char>((n >> 16) & 0xFF));
  out.push_back(static_cast<char>((n >> 8) & 0xFF));
  out.push_back(static_cast<char>(n & 0xFF));
  out.append(bytes);
}

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
std::optional<AwsError> ValidateSqsAttributes(const asl::Json& attributes) {
  if (attributes.is_null()) return std::nullopt;
  if (!attributes.is_object()) {
    return ClientError("Unable to marshall request to JSON: MessageAttributes must be an object");
  }
  if (attributes.size() > 10) {
    return InvalidParameterValue(fmt::format(
        "Number of message attributes [{}] exceeds the allowed maximum [10].", attributes.size()));
  }
  for (auto it = attributes.begin(); it != attributes.end(); ++it) {
    const std::string& name = it.key();
    if (!it->is_object()) {
      return ClientError(fmt::format("Unable to marshall request to JSON: message attribute '{}' "
                                     "must be an object", name));
    }
    std::string type = it->value("DataType", "");
    if (type.empty()) {
      return InvalidParameterValue(fmt::format(
          "The message attribute '{}' must contain non-empty message attribute type.", name));
    }
    std::string base = type.substr(0, type.find('.'));
    if (base != "String" && base != "Number" && base != "Binary") {
      return InvalidParameterValue(fmt::format(
          "The message attribute '{}' has an invalid message attribute type, the set of "
          "supported type prefixes is Binary, Number, and String.", name));
    }
    const char* field = base == "Binary" ? "BinaryValue" : "StringValue";
    auto v = it->find(field);
    if (v == it->end() || !v->is_string() || v->get_ref<const std::string&>().empty()) {
      return InvalidParameterValue(fmt::format(
          "The message attribute '{}' must contain non-empty message attribute value for "
          "message attribute type '{}'.", name, base));
    }
  }
  return std::nullopt;
}


// scheme://host/path -> host and path.
void SplitUrl(std::string_view url, std::string_view& host, std::string_view& path) {
  size_t scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  size_t slash = rest.find('/');
  host = rest.substr(0, slash);
  path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
}

}  // namespace

std::string SqsAttributesMd5(const asl::Json& attributes) {
  if (!attributes.is_object() || attributes.empty()) return "";
  std::vector<std::string> names;
  for (auto it = attributes.begin(); it != attributes.end(); ++it) names.push_back(it.key());
  std::sort(names.begin(), names.end());
  std::string bytes;
  for (const std::string& name : names) {
    const asl::Json& attribute = attributes[name];
    std::string type = attribute.value("DataType", "");
    AppendLengthPrefixed(bytes, name);
    AppendLengthPrefixed(bytes, type);
    if (type.starts_with("Binary")) {
      bytes.push_back(2);
      AppendLengthPrefixed(bytes, asl::Base64DecodeLenient(attribute.value("BinaryValue", "")));
    } else {
      bytes.push_back(1);
      AppendLengthPrefixed(bytes, attribute.value("StringValue", ""));
    }
  }
  return asl::intrinsics::Md5Hex(bytes);
}

SqsModel::SqsModel(std::string partition, std::string region, std::string account)
    : partition_(std::move(partition)), region_(std::move(region)), account_(std::move(account)) {}

std::string SqsModel::QueueUrl(std::string_view name) const {
  return fmt::format("https://sqs.{}.amazonaws.com/{}/{}", region_, account_, name);
}

std::string SqsModel::QueueArn(std::string_view name) const {
  return fmt::format("arn:{}:sqs:{}:{}:{}", partition_, region_, account_, name);
}

asl::Result<std::string, std::string> SqsModel::AddQueue(const SqsQueueSpec& spec) {
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
  std::string_view base = spec.name;
  if (base.ends_with(".fifo")) base.remove_suffix(5);
  bool name_ok = !base.empty() && spec.name.size() <= 80 &&
                 std::all_of(base.begin(), base.end(), [](char c) {
                   return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '_';
                 });
  if (!name_ok) {
    return asl::Fail(fmt::format("\"{}\" is not a queue name (1 to 80 alphanumerics, hyphens and "
                                 "underscores, optionally ending in .fifo)", spec.name));
  }
  if (queues_.count(spec.name)) return asl::Fail(fmt::format("queue {} is declared twice", spec.name));
  Queue queue;
  queue.name = spec.name;
  queue.url = spec.url.empty() ? QueueUrl(spec.name) : spec.url;
  queue.arn = QueueArn(spec.name);
  queue.fifo = spec.name.ends_with(".fifo");
  if (spec.content_based_deduplication && !queue.fifo) {
    return asl::Fail(fmt::format("queue {}: content-based deduplication needs a FIFO queue", spec.name));
  }
  queue.content_based_deduplication = spec.content_based_deduplication;
  queue.max_message_bytes = spec.max_message_bytes;
  std::string url = queue.url;
  queues_.emplace(spec.name, std::move(queue));
  return url;
}

SqsModel::Queue* SqsModel::Lookup(std::string_view ref) {
  return const_cast<Queue*>(static_cast<const SqsModel*>(this)->Lookup(ref));
}

const SqsModel::Queue* SqsModel::Lookup(std::string_view ref) const {
  auto by_name = queues_.find(std::string(ref));
  if (by_name != queues_.end()) return &by_name->second;
  for (const auto& [name, queue] : queues_) {
    if (queue.url == ref || queue.arn == ref) return &queue;
  }
  return nullptr;
}

asl::Result<SqsModel::Queue*, AwsError> SqsModel::FindQueue(const asl::Json& request) {
  auto url = TRY(StringField(request, "QueueUrl"));
  if (!url) {
    return asl::Fail(ServiceError("MissingParameter",
                                  "The request must contain the parameter QueueUrl."));
  }
  for (auto& [name, queue] : queues_) {
    if (queue.url == *url) return &queue;
  }
  std::string_view host, path;
  SplitUrl(*url, host, path);
  bool sqs_host = host == fmt::format("sqs.{}.amazonaws.com", region_) ||
                  host == fmt::format("{}.queue.amazonaws.com", region_) ||
                  host == "queue.amazonaws.com";
  for (const auto& [name, queue] : queues_) {
    std::string_view queue_host, queue_path;
    SplitUrl(queue.url, queue_host, queue_path);
    if (queue_host == host) sqs_host = true;
  }
  if (!sqs_host) {
    // The SDK cannot even resolve the host (recorded: sqs_send_message_no_such_queue.json).
    std::string_view hostname = host.substr(0, host.find(':'));  // without a port
    return asl::Fail(ClientError(
        fmt::format("Unable to execute HTTP request: {}: Name or service not known", hostname)));
  }
  // /ACCOUNT/NAME on an SQS endpoint.
  std::string_view name = path.substr(path.rfind('/') + 1);
  auto it = queues_.find(std::string(name));
  if (it != queues_.end() && path == fmt::format("/{}/{}", account_, name)) return &it->second;
  return asl::Fail(ServiceError(kNonExistentQueue, "The specified queue does not exist."));
}

asl::Result<SqsModel::Entry, AwsError> SqsModel::ReadEntry(const asl::Json& request,
                                                           const Queue& queue) {
  Entry entry;
  std::optional<std::string> body = TextOrJsonField(request, "MessageBody");
  if (!body || body->empty()) {
    return asl::Fail(ServiceError("MissingParameter",
                                  "The request must contain the parameter MessageBody."));
  }
  entry.body = std::move(*body);
  if (auto it = request.find("MessageAttributes"); it != request.end() && !it->is_null()) {
    entry.attributes = *it;
  }
  if (auto problem = ValidateSqsAttributes(entry.attributes)) return asl::Fail(std::move(*problem));
  int64_t size = static_cast<int64_t>(entry.body.size());
  if (entry.attributes.is_object()) {
    for (auto it = entry.attributes.begin(); it != entry.attributes.end(); ++it) {
      size += static_cast<int64_t>(it.key().size() + it->value("DataType", "").size() +
                                   it->value("StringValue", "").size() +
                                   it->value("BinaryValue", "").size());
    }
  }
  if (size > queue.max_message_bytes) {
    return asl::Fail(InvalidParameterValue(fmt::format(
        "One or more parameters are invalid. Reason: Message must be shorter than {} bytes.",
        queue.max_message_bytes)));
  }
  auto delay = TRY(IntegerField(request, "DelaySeconds"));
  if (delay) {
    if (*delay < 0 || *delay > 900) {
      return asl::Fail(InvalidParameterValue(fmt::format(
          "Value {} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 "
          "and <= 900.", *delay)));
    }
    if (queue.fifo) {
      return asl::Fail(InvalidParameterValue(fmt::format(
          "Value {} for parameter DelaySeconds is invalid. Reason: The request include parameter "
          "that is not valid for this queue type.", *delay)));
    }
    entry.delay_seconds = *delay;
  }
  auto group = TRY(StringField(request, "MessageGroupId"));
  auto dedup = TRY(StringField(request, "MessageDeduplicationId"));
  if (queue.fifo) {
    if (!group || group->empty()) {
      return asl::Fail(ServiceError("MissingParameter",
                                    "The request must contain the parameter MessageGroupId."));
    }
    entry.group_id = std::move(*group);
    if (dedup) {
      entry.deduplication_id = std::move(*dedup);
    } else if (queue.content_based_deduplication) {
      entry.deduplication_id = asl::intrinsics::Sha256Hex(entry.body);
    } else {
      return asl::Fail(InvalidParameterValue(
          "The queue should either have ContentBasedDeduplication enabled or "
          "MessageDeduplicationId provided explicitly"));
    }
  } else if (dedup) {
    return asl::Fail(InvalidParameterValue(fmt::format(
        "Value {} for parameter MessageDeduplicationId is invalid. Reason: The request include "
        "parameter that is not valid for this queue type.", *dedup)));
  } else if (group) {
    entry.group_id = std::move(*group);  // allowed on standard queues (fair queues)
  }
  return entry;
}

void SqsModel::Store(Queue& queue, Entry entry, const CallContext& ctx, asl::Json& response) {
  SqsMessage message;
  message.md5_of_body = asl::intrinsics::Md5Hex(entry.body);
  message.md5_of_attributes = SqsAttributesMd5(entry.attributes);
  message.time = ctx.at;
  message.visible_at = ctx.at + Duration::Seconds(entry.delay_seconds);
  message.execution_arn = std::string(ctx.execution_arn);
  message.state_name = std::string(ctx.state_name);
  if (queue.fifo) {
    auto it = queue.deduplication.find(entry.deduplication_id);
    if (it != queue.deduplication.end() &&
        ctx.at < queue.messages[it->second].time + kSqsDeduplicationWindow) {
      // Accepted, not delivered again; the response repeats the original's ids.
      message.duplicate = true;
      message.message_id = queue.messages[it->second].message_id;
      message.sequence_number = queue.messages[it->second].sequence_number;
    } else {
      message.message_id = ctx.ids->NewUuid();
      message.sequence_number =
          fmt::format("{}", 18000000000000000000ull + queue.next_sequence++);
      queue.deduplication[entry.deduplication_id] = queue.messages.size();
    }
  } else {
    message.message_id = ctx.ids->NewUuid();
  }
  message.body = std::move(entry.body);
  message.attributes = std::move(entry.attributes);
  message.group_id = std::move(entry.group_id);
  message.deduplication_id = std::move(entry.deduplication_id);
  if (!message.md5_of_attributes.empty()) {
    response["MD5OfMessageAttributes"] = message.md5_of_attributes;
  }
  response["MD5OfMessageBody"] = message.md5_of_body;
  response["MessageId"] = message.message_id;
  if (queue.fifo) response["SequenceNumber"] = message.sequence_number;
  if (observer_) {
    Delivery delivery;
    delivery.service = "sqs";
    delivery.destination = queue.url;
    delivery.body = message.body;
    delivery.time = message.time;
    delivery.execution_arn = message.execution_arn;
    delivery.state_name = message.state_name;
    delivery.duplicate = message.duplicate;
    observer_->OnDelivery(delivery);
  }
  queue.messages.push_back(std::move(message));
}

asl::Result<asl::Json, AwsError> SqsModel::SendMessage(const asl::Json& request,
                                                       const CallContext& ctx) {
  if (!request.is_object()) return asl::Fail(ClientError("Unable to marshall request to JSON"));
  Queue* queue = TRY(FindQueue(request));
  Entry entry = TRY(ReadEntry(request, *queue));
  asl::Json response = asl::Json::object();
  Store(*queue, std::move(entry), ctx, response);
  return response;
}

asl::Result<asl::Json, AwsError> SqsModel::SendMessageBatch(const asl::Json& request,
                                                            const CallContext& ctx) {
  if (!request.is_object()) return asl::Fail(ClientError("Unable to marshall request to JSON"));
  Queue* queue = TRY(FindQueue(request));
  auto entries_it = request.find("Entries");
  if (entries_it != request.end() && !entries_it->is_null() && !entries_it->is_array()) {
    return asl::Fail(ClientError("Unable to marshall request to JSON: Entries must be an array"));
  }
  static const asl::Json kNoEntries = asl::Json::array();
  const asl::Json& entries =
      entries_it == request.end() || entries_it->is_null() ? kNoEntries : *entries_it;
  if (entries.empty()) {
    return asl::Fail(ServiceError(
        "AWS.SimpleQueueService.EmptyBatchRequest",
        "There should be at least one SendMessageBatchRequestEntry in the request."));
  }
  if (entries.size() > kSqsMaxBatchEntries) {
    return asl::Fail(ServiceError(
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        fmt::format("Maximum number of entries per request are 10. You have sent {}.",
                    entries.size())));
  }
  std::set<std::string> ids;
  int64_t total = 0;
  for (const asl::Json& e : entries) {
    if (!e.is_object()) {
      return asl::Fail(ClientError("Unable to marshall request to JSON: each entry of Entries "
                                   "must be an object"));
    }
    auto id = TRY(StringField(e, "Id"));
    if (!id || !IsValidBatchEntryId(*id)) {
      return asl::Fail(ServiceError("AWS.SimpleQueueService.InvalidBatchEntryId",
                                    "A batch entry id can only contain alphanumeric characters, "
                                    "hyphens and underscores. It can be at most 80 letters "
                                    "long."));
    }
    if (!ids.insert(*id).second) {
      return asl::Fail(ServiceError("AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                                    fmt::format("Id {} repeated.", *id)));
    }
    total += static_cast<int64_t>(TextOrJsonField(e, "MessageBody").value_or("").size());
  }
  if (total > kSqsMaxMessageBytes) {
    return asl::Fail(ServiceError(
        "AWS.SimpleQueueService.BatchRequestTooLong",
        fmt::format("Batch requests cannot be longer than {} bytes. You have sent {} bytes.",
                    kSqsMaxMessageBytes, total)));
  }
  asl::Json successful = asl::Json::array();
  asl::Json failed = asl::Json::array();
  for (const asl::Json& e : entries) {
    std::string id = e["Id"].get<std::string>();
    auto entry = ReadEntry(e, *queue);
    if (!entry.ok()) {
      asl::Json f = asl::Json::object();
      f["Code"] = entry.error().code.empty() ? "InvalidParameterValue" : entry.error().code;
      f["Id"] = id;
      f["Message"] = entry.error().message;
      f["SenderFault"] = entry.error().sender_fault;
      failed.push_back(std::move(f));
      continue;
    }
    asl::Json s = asl::Json::object();
    s["Id"] = id;
    Store(*queue, std::move(entry.value()), ctx, s);
    successful.push_back(SortedKeys(s));
  }
  asl::Json response = asl::Json::object();
  response["Failed"] = std::move(failed);
  response["Successful"] = std::move(successful);
  return response;
}

bool SqsModel::Enqueue(std::string_view ref, SqsIncoming incoming, IdSource* ids) {
  Queue* queue = Lookup(ref);
  if (!queue) return false;
  SqsMessage message;
  // SNS deliveries need ids too; without an IdSource they are numbered.
  message.message_id = ids ? ids->NewUuid() : fmt::format("sns-delivery-{}", ++delivered_ids_);
  message.md5_of_body = asl::intrinsics::Md5Hex(incoming.body);
  message.md5_of_attributes = SqsAttributesMd5(incoming.attributes);
  message.body = std::move(incoming.body);
  message.attributes = std::move(incoming.attributes);
  message.group_id = std::move(incoming.group_id);
  message.deduplication_id = std::move(incoming.deduplication_id);
  if (queue->fifo) {
    message.sequence_number = fmt::format("{}", 18000000000000000000ull + queue->next_sequence++);
  }
  message.time = incoming.time;
  message.visible_at = incoming.time;
  message.sender = std::move(incoming.sender);
  message.execution_arn = std::move(incoming.execution_arn);
  queue->messages.push_back(std::move(message));
  return true;
}

const std::vector<SqsMessage>* SqsModel::Messages(std::string_view ref) const {
  const Queue* queue = Lookup(ref);
  return queue ? &queue->messages : nullptr;
}

}  // namespace sim
