#include "simulator/services/sns/sns_service.h"

#include <algorithm>

#include "simulator/quotas/account_quotas.h"
#include "simulator/services/sns/sns_model.h"

namespace sim {

namespace {

enum SnsOperation : int { kNoSnsApi, kPublish, kPublishBatch };

constexpr LatencyDefault kSnsLatency[] = {{"publish", 20, 40}, {"publishBatch", 25, 60}};
constexpr std::string_view kSnsTargets[] = {"TopicArn", "TargetArn"};

}  // namespace

const ServiceDescriptor& SnsDescriptor() {
  static const ServiceDescriptor kDescriptor{
      .name = "sns",
      .names = &SnsNames(),
      .latency = kSnsLatency,
      .internal_error = {"InternalError", "Internal Error", 500},
      .target_fields = kSnsTargets,
      .retry_suggestion =
          "SNS.ThrottledException, SNS.InternalErrorException, SNS.SdkClientException",
      .section = "sns",
  };
  return kDescriptor;
}

int SnsService::Route(const asl::TaskResource& r) const {
  using asl::ResourceKind;
  if (!RequestResponseOrToken(r)) return kNoSnsApi;
  if (IsApi(r, ResourceKind::kOptimized, "sns", "publish") ||
      IsApi(r, ResourceKind::kAwsSdk, "sns", "publish")) {
    return kPublish;
  }
  if (IsApi(r, ResourceKind::kAwsSdk, "sns", "publishBatch")) return kPublishBatch;
  return kNoSnsApi;
}

void SnsService::Call(int operation, ServiceCall& call) {
  if (operation == kPublish) return Publish(call);
  if (operation == kPublishBatch) return PublishBatch(call);
}

void SnsService::Publish(ServiceCall& call) {
  const asl::Json& params = call.Parameters();
  if (AccountQuotas* quotas = call.host->quotas) {
    if (auto throttled = quotas->SnsPublish(call.request->now, 1)) return call.Fail(*throttled);
  }
  auto response = model_.Publish(params, call.context);
  if (!response.ok()) return call.Fail(response.error());
  if (call.sdk) return call.Answer(SortedKeys(*response));
  HttpExchange http;
  http.request_id = call.request_id;
  http.at = call.at;
  http.content_length = SnsModel::PublishResponseLength(
      (*response)["MessageId"].get_ref<const std::string&>(), call.request_id,
      response->contains("SequenceNumber")
          ? (*response)["SequenceNumber"].get_ref<const std::string&>()
          : std::string_view());
  // The metadata is built only if something reads it: a ResultSelector that takes MessageId
  // gets the response alone when no history keeps the result (DeferredResult).
  DeferredResult deferred = DeferOptimizedOutput(SnsNames(), *response, http);
  call.AnswerDeferred(std::move(*response), std::move(deferred));
}

void SnsService::PublishBatch(ServiceCall& call) {
  const asl::Json& params = call.Parameters();
  if (AccountQuotas* quotas = call.host->quotas) {
    auto entries = params.find("PublishBatchRequestEntries");
    int64_t n = entries != params.end() && entries->is_array()
                    ? static_cast<int64_t>(entries->size())
                    : 1;
    if (auto throttled = quotas->SnsPublish(call.request->now, std::max<int64_t>(n, 1))) {
      return call.Fail(*throttled);
    }
  }
  auto response = model_.PublishBatch(params, call.context);
  if (!response.ok()) return call.Fail(response.error());
  call.Answer(std::move(*response));
}

void SnsService::Summarize(asl::Json& summary) const {
  asl::Json topics = asl::Json::object();
  for (const auto& [arn, counts] : model_.CountsByTopic()) {
    topics[arn] = {{"published", counts.delivered}, {"duplicates", counts.duplicates}};
  }
  summary["sns"] = std::move(topics);
}

}  // namespace sim
