#include "simulator/services/sns/sns_model.h"

#include <fmt/format.h>

#include <set>

#include "asl/base/json_limits.h"
#include "asl/intrinsics/hash_digests.h"
#include "simulator/services/batch_entry_id.h"
#include "simulator/services/integration/aws_response.h"
#include "simulator/services/integration/request_fields.h"
#include "simulator/services/sqs/sqs_model.h"

namespace sim {

namespace {

// Error texts: SNS's own, as LocalStack reproduces them in its AWS-validated parity tests
// (localstack/services/sns/provider.py); see docs/world.md.
AwsError InvalidParameter(std::string message) {
  return ServiceError("InvalidParameter", std::move(message));
}
AwsError ParameterValueInvalid(std::string message) {
  return ServiceError("ParameterValueInvalid", std::move(message));
}

struct TopicArnParts {
  std::string partition, region, account, name;
};

bool SplitTopicArn(std::string_view arn, TopicArnParts& out) {
  // arn:PARTITION:sns:REGION:ACCOUNT:NAME
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) return false;
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  std::string_view name = arn.substr(start);
  if (parts[0] != "arn" || parts[2] != "sns" || parts[1].empty() || parts[3].empty() ||
      parts[4].empty() || name.empty() || name.find(':') != std::string_view::npos) {
    return false;
  }
  out = {std::string(parts[1]), std::string(parts[3]), std::string(parts[4]), std::string(name)};
  return true;
}

bool ValidAttributeNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

// https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html
std::optional<AwsError> ValidateSnsAttributes(const asl::Json& attributes) {
  if (attributes.is_null()) return std::nullopt;
  if (!attributes.is_object()) {
    return ClientError("Unable to marshall request to JSON: MessageAttributes must be an object "
                       "of attribute name to {\"DataType\", \"StringValue\"|\"BinaryValue\"}");
  }
  for (auto it = attributes.begin(); it != attributes.end(); ++it) {
    const std::string& name = it.key();
    if (name.size() > 256) {
      return ParameterValueInvalid("Length of message attribute name must be less than 256 bytes.");
    }
    if (name.empty() || name.front() == '.') {
      return ParameterValueInvalid(
          "Invalid message attribute name starting with character '.' was found.");
    }
    if (name.back() == '.') {
      return ParameterValueInvalid(
          "Invalid message attribute name ending with character '.' was found.");
    }
    for (size_t i = 0; i < name.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(name[i]);
      if (!ValidAttributeNameChar(name[i])) {
        return ParameterValueInvalid(fmt::format(
            "Invalid non-alphanumeric character '#x{:X}' was found in the message attribute "
            "name. Can only include alphanumeric characters, hyphens, underscores, or dots.",
            c));
      }
      if (name[i] == '.' && i > 0 && name[i - 1] == '.') {
        return ParameterValueInvalid("Message attribute name can not have successive '.' character.");
      }
    }
    const asl::Json& value = *it;
    if (!value.is_object()) {
      return ClientError(fmt::format("Unable to marshall request to JSON: message attribute '{}' "
                                     "must be an object", name));
    }
    auto type_it = value.find("DataType");
    std::string type = type_it != value.end() && type_it->is_string() ? type_it->get<std::string>()
                                                                        : "";
    auto prefixed = [&](std::string_view base) {
      return type == base || (type.size() > base.size() + 1 && type.starts_with(base) &&
                              type[base.size()] == '.');
    };
    bool binary = prefixed("Binary");
    if (!prefixed("String") && !prefixed("Number") && !binary) {
      return ParameterValueInvalid(fmt::format(
          "The message attribute '{}' has an invalid message attribute type, the set of "
          "supported type prefixes is Binary, Number, and String.", name));
    }
    const char* field = binary ? "BinaryValue" : "StringValue";
    auto v = value.find(field);
    if (v == value.end() || v->is_null()) {
      return ParameterValueInvalid(fmt::format(
          "The message attribute '{}' with type '{}' must use field '{}'.", name, type,
          binary ? "Binary" : "String"));
    }
    if (v->is_string() && v->get_ref<const std::string&>().empty()) {
      return ParameterValueInvalid(fmt::format(
          "The message attribute '{}' must contain non-empty message attribute value for "
          "message attribute type '{}'.", name, type));
    }
  }
  return std::nullopt;
}

std::string CorrelationId(const std::string& body, const asl::Json& attributes) {
  if (attributes.is_object()) {
    auto it = attributes.find("correlation_id");
    if (it != attributes.end() && it->is_object()) {
      auto v = it->find("StringValue");
      if (v != it->end() && v->is_string()) return v->get<std::string>();
    }
  }
  if (body.empty() || body.front() != '{') return "";
  asl::Json parsed = asl::ParseJsonWithinLimits(body).value_or(asl::Json());
  if (!parsed.is_object()) return "";
  for (const char* key : {"correlation_id", "correlationId"}) {
    auto it = parsed.find(key);
    if (it == parsed.end()) continue;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return asl::Dump(*it);
  }
  return "";
}

// The JSON text of a string, for the SNS envelope.
std::string Quote(std::string_view s) { return asl::Dump(asl::Json(std::string(s))); }

}  // namespace

int64_t SnsPublishSize(std::string_view body, const asl::Json& attributes) {
  int64_t size = static_cast<int64_t>(body.size());
  if (!attributes.is_object()) return size;
  for (auto it = attributes.begin(); it != attributes.end(); ++it) {
    size += static_cast<int64_t>(it.key().size());
    if (!it->is_object()) continue;
    for (const char* field : {"DataType", "StringValue", "BinaryValue"}) {
      auto v = it->find(field);
      if (v != it->end() && v->is_string()) {
        size += static_cast<int64_t>(v->get_ref<const std::string&>().size());
      }
    }
  }
  return size;
}

SnsModel::SnsModel(std::string partition, std::string region, std::string account)
    : partition_(std::move(partition)), region_(std::move(region)), account_(std::move(account)) {}

std::string SnsModel::TopicArn(std::string_view name) const {
  return fmt::format("arn:{}:sns:{}:{}:{}", partition_, region_, account_, name);
}

asl::Result<std::string, std::string> SnsModel::AddTopic(const SnsTopicSpec& spec) {
  std::string arn = spec.arn.empty() ? TopicArn(spec.name) : spec.arn;
  TopicArnParts parts;
  if (!SplitTopicArn(arn, parts)) {
    return asl::Fail(fmt::format("\"{}\" is not a topic ARN (arn:PARTITION:sns:REGION:ACCOUNT:NAME)",
                                 arn));
  }
  if (!spec.arn.empty() && !spec.name.empty() && parts.name != spec.name) {
    return asl::Fail(fmt::format("topic name \"{}\" does not match its ARN \"{}\"", spec.name, arn));
  }
  if (topics_.count(arn)) return asl::Fail(fmt::format("topic {} is declared twice", arn));
  Topic topic;
  topic.arn = arn;
  topic.fifo = parts.name.ends_with(".fifo");
  topic.in_region = parts.region == region_;
  if (spec.content_based_deduplication && !topic.fifo) {
    return asl::Fail(fmt::format("topic {}: content-based deduplication needs a FIFO topic (a name "
                                 "ending in .fifo)", arn));
  }
  topic.content_based_deduplication = spec.content_based_deduplication;
  topic.subscriptions = spec.subscriptions;
  topics_.emplace(arn, std::move(topic));
  return arn;
}

asl::Result<SnsModel::Topic*, AwsError> SnsModel::FindTopic(const std::optional<std::string>& arn,
                                                            std::string_view field) {
  if (!arn) {
    return asl::Fail(InvalidParameter(
        "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter"));
  }
  // A declared topic is looked up first: its ARN was checked when it was declared (one lookup
  // per publish instead of splitting the ARN again).
  auto it = topics_.find(*arn);
  if (it != topics_.end() && it->second.in_region) return &it->second;
  TopicArnParts parts;
  if (!SplitTopicArn(*arn, parts) || parts.region != region_) {
    return asl::Fail(InvalidParameter(fmt::format("Invalid parameter: {}", field)));
  }
  return asl::Fail(ServiceError("NotFound", "Topic does not exist", 404));
}

asl::Result<SnsModel::Entry, AwsError> SnsModel::ReadEntry(const asl::Json& request, bool fifo,
                                                           bool check_size) {
  Entry entry;
  auto subject = TRY(StringField(request, "Subject"));
  if (subject) {
    if (subject->empty()) return asl::Fail(InvalidParameter("Invalid parameter: Subject"));
    entry.subject = std::move(*subject);
    entry.has_subject = true;
  }
  std::optional<std::string> body = TextOrJsonField(request, "Message");
  if (!body) {
    return asl::Fail(ServiceError("ValidationError",
                                  "1 validation error detected: Value null at 'message' failed "
                                  "to satisfy constraint: Member must not be null"));
  }
  if (body->empty()) return asl::Fail(InvalidParameter("Invalid parameter: Empty message"));
  entry.body = std::move(*body);
  if (auto message = request.find("Message"); !message->is_string()) entry.body_json = &*message;
  if (auto it = request.find("MessageAttributes"); it != request.end() && !it->is_null()) {
    entry.attributes = *it;
  }
  if (auto problem = ValidateSnsAttributes(entry.attributes)) return asl::Fail(std::move(*problem));
  if (check_size && SnsPublishSize(entry.body, entry.attributes) > kSnsMaxMessageBytes) {
    return asl::Fail(InvalidParameter("Invalid parameter: Message too long"));
  }
  auto group = TRY(StringField(request, "MessageGroupId"));
  auto dedup = TRY(StringField(request, "MessageDeduplicationId"));
  auto structure = TRY(StringField(request, "MessageStructure"));
  if (fifo) {
    if (!group || group->empty()) {
      return asl::Fail(InvalidParameter(
          "Invalid parameter: The MessageGroupId parameter is required for FIFO topics"));
    }
    entry.group_id = std::move(*group);
  } else if (dedup) {
    return asl::Fail(InvalidParameter(
        "Invalid parameter: MessageDeduplicationId Reason: The request includes "
        "MessageDeduplicationId parameter that is not valid for this topic type"));
  }
  if (structure) {
    if (*structure == "json") {
      // NONSTANDARD for a body nested deeper than sfnsim's limit (AWS parses about 1,000
      // levels): refused as a body that does not parse.
      asl::Json parsed = asl::ParseJsonWithinLimits(entry.body).value_or(asl::Json());
      if (!parsed.is_object()) {
        return asl::Fail(InvalidParameter(
            "Invalid parameter: Message Structure - JSON message body failed to parse"));
      }
      auto def = parsed.find("default");
      if (def == parsed.end() || !def->is_string()) {
        return asl::Fail(InvalidParameter(
            "Invalid parameter: Message Structure - No default entry in JSON message body"));
      }
    }
    entry.message_structure = std::move(*structure);
  }
  if (fifo && dedup) entry.deduplication_id = std::move(*dedup);
  return entry;
}

asl::Status<AwsError> SnsModel::ResolveDeduplication(const Topic& topic, Entry& entry) {
  if (!topic.fifo || !entry.deduplication_id.empty()) return {};
  if (!topic.content_based_deduplication) {
    return asl::Fail(InvalidParameter(
        "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or "
        "MessageDeduplicationId provided explicitly"));
  }
  // Content-based deduplication: the SHA-256 of the message body.
  entry.deduplication_id = asl::intrinsics::Sha256Hex(entry.body);
  return {};
}

void SnsModel::Accept(Topic& topic, Entry entry, const CallContext& ctx, std::string_view api,
                      asl::Json& response) {
  SnsMessage message;
  message.sequence = accepted_++;
  message.topic_arn = topic.arn;
  message.time = ctx.at;
  message.execution_arn = std::string(ctx.execution_arn);
  message.state_name = std::string(ctx.state_name);
  message.api = std::string(api);
  message.correlation_id = CorrelationId(entry.body, entry.attributes);
  bool duplicate = false;
  if (topic.fifo) {
    auto it = topic.deduplication.find(entry.deduplication_id);
    if (it != topic.deduplication.end() && ctx.at < it->second.time + kSnsDeduplicationWindow) {
      // Accepted but not delivered again; the response names the original message.
      duplicate = true;
      message.message_id = it->second.message_id;
      message.sequence_number = it->second.sequence_number;
    } else {
      message.message_id = ctx.ids->NewUuid();
      message.sequence_number = fmt::format("{}", 10000000000000000000ull + topic.next_sequence++);
      topic.deduplication[entry.deduplication_id] = {message.message_id, message.sequence_number,
                                                     ctx.at};
    }
  } else {
    message.message_id = ctx.ids->NewUuid();
  }
  message.duplicate = duplicate;
  message.body = std::move(entry.body);
  message.subject = std::move(entry.subject);
  message.has_subject = entry.has_subject;
  message.attributes = std::move(entry.attributes);
  message.message_structure = std::move(entry.message_structure);
  message.group_id = std::move(entry.group_id);
  message.deduplication_id = std::move(entry.deduplication_id);
  response["MessageId"] = message.message_id;
  if (topic.fifo) response["SequenceNumber"] = message.sequence_number;
  if (duplicate) {
    ++topic.counts.duplicates;
  } else {
    ++topic.counts.delivered;
    Deliver(topic, message, ctx.ids);
  }
  if (observer_) {
    message.body_json = entry.body_json;
    observer_(message);
    message.body_json = nullptr;
  }
  if (keep_log_) log_.push_back(std::move(message));
}

void SnsModel::Deliver(const Topic& topic, const SnsMessage& message, IdSource* ids) {
  if (!sqs_) return;
  for (const SnsSubscription& sub : topic.subscriptions) {
    SqsIncoming incoming;
    incoming.time = message.time;
    incoming.group_id = message.group_id;
    incoming.deduplication_id = message.deduplication_id;
    incoming.sender = topic.arn;
    incoming.execution_arn = message.execution_arn;
    if (sub.raw_message_delivery) {
      incoming.body = message.body;
      incoming.attributes = message.attributes;
    } else {
      // The notification envelope SNS sends to a subscribed queue.
      // https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html
      // NONSTANDARD: the Signature is not a real signature (sfnsim signs nothing).
      std::string text = "{\n  \"Type\" : \"Notification\",\n";
      text += fmt::format("  \"MessageId\" : {},\n", Quote(message.message_id));
      if (!message.sequence_number.empty()) {
        text += fmt::format("  \"SequenceNumber\" : {},\n", Quote(message.sequence_number));
      }
      text += fmt::format("  \"TopicArn\" : {},\n", Quote(topic.arn));
      if (message.has_subject) text += fmt::format("  \"Subject\" : {},\n", Quote(message.subject));
      text += fmt::format("  \"Message\" : {},\n", Quote(message.body));
      text += fmt::format("  \"Timestamp\" : {},\n", Quote(FormatIso8601Millis(message.time)));
      text += "  \"SignatureVersion\" : \"1\",\n  \"Signature\" : \"sfnsim-unsigned\",\n";
      text += fmt::format("  \"SigningCertURL\" : \"https://sns.{}.amazonaws.com/"
                          "SimpleNotificationService-sfnsim.pem\",\n", region_);
      text += fmt::format("  \"UnsubscribeURL\" : \"https://sns.{}.amazonaws.com/?Action="
                          "Unsubscribe&SubscriptionArn={}:sfnsim\"", region_, topic.arn);
      if (message.attributes.is_object() && !message.attributes.empty()) {
        text += ",\n  \"MessageAttributes\" : {";
        bool first = true;
        for (auto it = message.attributes.begin(); it != message.attributes.end(); ++it) {
          std::string type = it->value("DataType", "String");
          std::string value = type.starts_with("Binary") ? it->value("BinaryValue", "")
                                                         : it->value("StringValue", "");
          text += fmt::format("{}\n    {} : {{\"Type\":{},\"Value\":{}}}", first ? "" : ",",
                              Quote(it.key()), Quote(type), Quote(value));
          first = false;
        }
        text += "\n  }";
      }
      text += "\n}";
      incoming.body = std::move(text);
    }
    sqs_->Enqueue(sub.queue, std::move(incoming), ids);
  }
}

asl::Result<asl::Json, AwsError> SnsModel::Publish(const asl::Json& request,
                                                   const CallContext& ctx) {
  if (!request.is_object()) return asl::Fail(ClientError("Unable to marshall request to JSON"));
  // NONSTANDARD: SMS and mobile push are not simulated.
  if (request.contains("PhoneNumber")) {
    return asl::Fail(InvalidParameter(
        "Invalid parameter: PhoneNumber Reason: sfnsim does not simulate SMS"));
  }
  auto topic_arn = TRY(StringField(request, "TopicArn"));
  auto target_arn = TRY(StringField(request, "TargetArn"));
  if (target_arn && target_arn->find(":endpoint/") != std::string::npos) {
    return asl::Fail(InvalidParameter(
        "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified"));
  }
  // Members are validated before the topic is looked up, as SNS does; a FIFO topic is known by
  // its name.
  bool fifo = (topic_arn ? *topic_arn : target_arn.value_or("")).ends_with(".fifo");
  Entry entry = TRY(ReadEntry(request, fifo, /*check_size=*/true));
  Topic* topic = TRY(FindTopic(topic_arn ? topic_arn : target_arn,
                               topic_arn ? "TopicArn" : "TargetArn"));
  TRY_STATUS(ResolveDeduplication(*topic, entry));
  asl::Json response = asl::Json::object();
  Accept(*topic, std::move(entry), ctx, "Publish", response);
  return response;
}

asl::Result<asl::Json, AwsError> SnsModel::PublishBatch(const asl::Json& request,
                                                        const CallContext& ctx) {
  if (!request.is_object()) return asl::Fail(ClientError("Unable to marshall request to JSON"));
  auto entries_it = request.find("PublishBatchRequestEntries");
  if (entries_it == request.end() || entries_it->is_null()) {
    return asl::Fail(ServiceError("ValidationError",
                                  "1 validation error detected: Value null at "
                                  "'publishBatchRequestEntries' failed to satisfy constraint: "
                                  "Member must not be null"));
  }
  if (!entries_it->is_array()) {
    return asl::Fail(ClientError("Unable to marshall request to JSON: "
                                 "PublishBatchRequestEntries must be an array"));
  }
  const asl::Json& entries = *entries_it;
  // https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html#API_PublishBatch_Errors
  if (entries.empty()) {
    return asl::Fail(ServiceError("EmptyBatchRequest",
                                  "The batch request doesn't contain any entries."));
  }
  if (entries.size() > kSnsMaxBatchEntries) {
    return asl::Fail(ServiceError("TooManyEntriesInBatchRequest",
                                  "The batch request contains more entries than permissible."));
  }
  auto topic_arn = TRY(StringField(request, "TopicArn"));
  Topic* topic = TRY(FindTopic(topic_arn, "TopicArn"));
  std::set<std::string> ids;
  int64_t total = 0;
  for (const asl::Json& e : entries) {
    if (!e.is_object()) {
      return asl::Fail(ClientError("Unable to marshall request to JSON: each entry of "
                                   "PublishBatchRequestEntries must be an object"));
    }
    auto id = TRY(StringField(e, "Id"));
    if (!id || !IsValidBatchEntryId(*id)) {
      return asl::Fail(ServiceError("InvalidBatchEntryId",
                                    "A batch entry id can only contain alphanumeric characters, "
                                    "hyphens and underscores. It can be at most 80 letters "
                                    "long."));
    }
    if (!ids.insert(*id).second) {
      return asl::Fail(ServiceError("BatchEntryIdsNotDistinct",
                                    "Two or more batch entries in the request have the same Id."));
    }
    std::string body = TextOrJsonField(e, "Message").value_or("");
    asl::Json attributes = e.contains("MessageAttributes") ? e["MessageAttributes"] : asl::Json();
    total += SnsPublishSize(body, attributes);
  }
  if (total > kSnsMaxMessageBytes) {
    return asl::Fail(ServiceError("BatchRequestTooLong",
                                  "The length of all the messages put together is more than "
                                  "the limit."));
  }
  asl::Json successful = asl::Json::array();
  asl::Json failed = asl::Json::array();
  for (const asl::Json& e : entries) {
    std::string id = e["Id"].is_string() ? e["Id"].get<std::string>() : asl::Dump(e["Id"]);
    auto entry = ReadEntry(e, topic->fifo, /*check_size=*/true);
    asl::Status<AwsError> dedup =
        entry.ok() ? ResolveDeduplication(*topic, entry.value()) : asl::Status<AwsError>();
    if (!entry.ok() || !dedup.ok()) {
      // Entry-level problems come back in Failed[] of a 200 response.
      const AwsError& error = entry.ok() ? dedup.error() : entry.error();
      asl::Json f = asl::Json::object();
      f["Code"] = error.code.empty() ? "InvalidParameter" : error.code;
      f["Id"] = id;
      f["Message"] = error.message;
      f["SenderFault"] = error.sender_fault;
      failed.push_back(std::move(f));
      continue;
    }
    asl::Json s = asl::Json::object();
    s["Id"] = id;
    Accept(*topic, std::move(entry.value()), ctx, "PublishBatch", s);
    successful.push_back(SortedKeys(s));
  }
  asl::Json response = asl::Json::object();
  response["Failed"] = std::move(failed);
  response["Successful"] = std::move(successful);
  return response;
}

size_t SnsModel::CountDelivered(std::string_view topic_arn) const {
  auto it = topics_.find(std::string(topic_arn));
  return it == topics_.end() ? 0 : it->second.counts.delivered;
}

std::map<std::string, SnsModel::TopicCounts> SnsModel::CountsByTopic() const {
  std::map<std::string, TopicCounts> out;
  for (const auto& [arn, topic] : topics_) {
    if (topic.counts.delivered + topic.counts.duplicates > 0) out[arn] = topic.counts;
  }
  return out;
}

std::vector<size_t> SnsModel::FindByCorrelationId(std::string_view correlation_id) const {
  std::vector<size_t> out;
  for (size_t i = 0; i < log_.size(); ++i) {
    if (log_[i].correlation_id == correlation_id) out.push_back(i);
  }
  return out;
}

size_t SnsModel::PublishResponseLength(std::string_view message_id, std::string_view request_id,
                                       std::string_view sequence_number) {
  // <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
  //   <PublishResult>
  //     <MessageId>…</MessageId>
  //     [<SequenceNumber>…</SequenceNumber>]
  //   </PublishResult>
  //   <ResponseMetadata>
  //     <RequestId>…</RequestId>
  //   </ResponseMetadata>
  // </PublishResponse>
  size_t n = std::string_view("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\n"
                              "  <PublishResult>\n    <MessageId></MessageId>\n"
                              "  </PublishResult>\n  <ResponseMetadata>\n    <RequestId>"
                              "</RequestId>\n  </ResponseMetadata>\n</PublishResponse>\n")
                 .size();
  n += message_id.size() + request_id.size();
  if (!sequence_number.empty()) {
    n += std::string_view("    <SequenceNumber></SequenceNumber>\n").size() + sequence_number.size();
  }
  return n;
}

}  // namespace sim
