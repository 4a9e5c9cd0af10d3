#pragma once
// The integration layer: one ServiceBackend that serves every Task resource a simulated service
// can answer, the way Step Functions calls it.
//
//   arn:aws:states:::sns:publish[.waitForTaskToken]          optimized, SdkHttpMetadata output
//   arn:aws:states:::sqs:sendMessage[.waitForTaskToken]
//   arn:aws:states:::lambda:invoke[.waitForTaskToken]
//   arn:aws:states:::states:startExecution[.sync|.sync:2|.waitForTaskToken]
//   arn:aws:states:::athena:startQueryExecution[.sync], getQueryExecution, getQueryResults,
//                                                          stopQueryExecution
//   arn:aws:states:::aws-sdk:{sns:publish|publishBatch, sqs:sendMessage|sendMessageBatch,
//       lambda:invoke, sfn:startExecution, athena:…}       plain API responses
//   arn:aws:lambda:REGION:ACCOUNT:function:NAME             the function's payload
//
// Every call takes a latency drawn from the LatencyModel, is checked against the account quotas,
// and gets its request id (and message ids) from the simulation's seeded generator. Resources it
// does not know fall through to the next backend.

#include <memory>
#include <string>
#include <unordered_map>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/services/aws_error.h"
#include "simulator/services/call_context.h"
#include "simulator/services/integration/aws_response.h"
#include "simulator/services/service_backend.h"

namespace sim {

class AccountQuotas;
class AthenaApi;
class LambdaModel;
class LatencyModel;
class Scheduler;
class SfnService;
class Simulation;
class SnsModel;
class SqsModel;
class TaskCallbacks;

// The services a backend routes to; any may be null (its resources then fall through).
struct ServiceSet {
  SnsModel* sns = nullptr;
  SqsModel* sqs = nullptr;
  LambdaModel* lambda = nullptr;
  AthenaApi* athena = nullptr;
  SfnService* sfn = nullptr;
  const LatencyModel* latency = nullptr;
  AccountQuotas* quotas = nullptr;
  TaskCallbacks* callbacks = nullptr;
  Scheduler* scheduler = nullptr;
};

class AwsBackend final : public ServiceBackend, public IdSource {
 public:
  AwsBackend(Simulation& simulation, ServiceSet services);
  ~AwsBackend() override;

  bool Invoke(const TaskRequest& request, const TaskHandle& handle) override;
  std::string NewUuid() override;

  // Whether this backend serves `resource` (with the services it has).
  bool Serves(const asl::TaskResource& resource);

 private:
  enum class Route : uint8_t {
    kNone,
    kSnsPublish,
    kSnsPublishBatch,
    kSqsSendMessage,
    kSqsSendMessageBatch,
    kLambdaInvoke,
    kLambdaFunction,  // a bare Lambda ARN
    kStartExecution,
    kAthena,
  };
  Route RouteOf(const asl::TaskResource& resource);

  // One call in flight: what the request was and how to report it.
  struct Call {
    const TaskRequest* request;
    const TaskHandle* handle;
    const ServiceNames* service;
    bool sdk = false;  // an aws-sdk integration
    std::string request_id;
    SimTime at;  // when the response comes back (request.now + latency)
    CallContext context;
  };
  Call NewCall(const TaskRequest& request, const TaskHandle& handle, const ServiceNames& service,
               std::string_view api);
  // The task error for a service error, named per integration kind.
  asl::Error TaskError(const Call& call, const AwsError& error) const;
  void Fail(const Call& call, const AwsError& error);
  // Reports a start call's result: TaskSucceeded, or for .waitForTaskToken TaskSubmitted and a
  // wait for the token.
  void Answer(const Call& call, asl::Json output);

  void Publish(Call& call);
  void PublishBatch(Call& call);
  void SendMessage(Call& call);
  void SendMessageBatch(Call& call);
  void InvokeLambda(Call& call, bool bare);
  void StartExecution(Call& call);
  // Athena (athena_integration.cc).
  void CallAthena(Call& call);
  void AwaitQuery(const TaskRequest& request, const TaskHandle& handle, std::string query_id,
                  SimTime at);

  Simulation& sim_;
  ServiceSet services_;
  std::unordered_map<const asl::TaskResource*, Route> routes_;
};

}  // namespace sim
