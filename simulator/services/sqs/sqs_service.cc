#include "simulator/services/sqs/sqs_service.h"

#include "simulator/services/sqs/sqs_model.h"

namespace sim {

namespace {

enum SqsOperation : int { kNoSqsApi, kSendMessage, kSendMessageBatch };

constexpr LatencyDefault kSqsLatency[] = {{"sendMessage", 10, 30}, {"sendMessageBatch", 15, 40}};
constexpr std::string_view kSqsTargets[] = {"QueueUrl"};

}  // namespace

const ServiceDescriptor& SqsDescriptor() {
  static const ServiceDescriptor kDescriptor{
      .name = "sqs",
      .names = &SqsNames(),
      .latency = kSqsLatency,
      .internal_error = {"InternalError", "We encountered an internal error. Please try again.",
                         500},
      .target_fields = kSqsTargets,
      .retry_suggestion = "SQS.SdkClientException, SQS.AmazonSQSException",
      .section = "sqs",
  };
  return kDescriptor;
}

int SqsService::Route(const asl::TaskResource& r) const {
  using asl::ResourceKind;
  if (!RequestResponseOrToken(r)) return kNoSqsApi;
  if (IsApi(r, ResourceKind::kOptimized, "sqs", "sendMessage") ||
      IsApi(r, ResourceKind::kAwsSdk, "sqs", "sendMessage")) {
    return kSendMessage;
  }
  if (IsApi(r, ResourceKind::kAwsSdk, "sqs", "sendMessageBatch")) return kSendMessageBatch;
  return kNoSqsApi;
}

void SqsService::Call(int operation, ServiceCall& call) {
  if (operation == kSendMessage) return SendMessage(call);
  if (operation == kSendMessageBatch) return SendMessageBatch(call);
}

void SqsService::SendMessage(ServiceCall& call) {
  auto response = model_.SendMessage(call.Parameters(), call.context);
  if (!response.ok()) return call.Fail(response.error());
  asl::Json sorted = SortedKeys(*response);
  if (call.sdk) return call.Answer(std::move(sorted));
  HttpExchange http;
  http.request_id = call.request_id;
  http.at = call.at;
  http.content_length = asl::Dump(sorted).size();  // JSON 1.0 body (106 bytes as recorded)
  call.Answer(OptimizedOutput(SqsNames(), std::move(sorted), http));
}

void SqsService::SendMessageBatch(ServiceCall& call) {
  auto response = model_.SendMessageBatch(call.Parameters(), call.context);
  if (!response.ok()) return call.Fail(response.error());
  call.Answer(std::move(*response));
}

void SqsService::Summarize(asl::Json& summary) const {
  asl::Json queues = asl::Json::object();
  for (const std::string& name : queues_) {
    const std::vector<SqsMessage>* messages = model_.Messages(name);
    queues[name] = messages ? messages->size() : 0;
  }
  summary["sqs"] = std::move(queues);
}

}  // namespace sim
