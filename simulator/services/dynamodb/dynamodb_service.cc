#include "simulator/services/dynamodb/dynamodb_service.h"

#include <fmt/format.h>

#include <array>

#include "simulator/engine/simulation.h"
#include "simulator/services/config_reader.h"

namespace sim {

namespace {

enum DynamoDbOperation : int { kNoDynamoDbApi, kPutItem, kGetItem, kUpdateItem, kDeleteItem, kQuery, kScan };

// Modelled codes of DynamoDB's SDK model (the API reference's "Errors" sections); a
// ValidationException is not among them, so the SDKs raise it as their generic class
// (DynamoDB.AmazonDynamoDBException, DynamoDb.DynamoDbException), as for SQS's generic errors.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html#API_PutItem_Errors
constexpr ModelledCode kCodes[] = {
    {"ConditionalCheckFailedException", ""},
    {"InternalServerError", "InternalServerErrorException"},
    {"ItemCollectionSizeLimitExceededException", ""},
    {"ProvisionedThroughputExceededException", ""},
    {"RequestLimitExceeded", "RequestLimitExceededException"},
    {"ResourceNotFoundException", ""},
    {"TransactionConflictException", ""},
    {"ThrottlingException", ""},
};

// SDK v1 names the service AmazonDynamoDBv2; v2's service id is DynamoDb. JSON 1.0 responses.
constexpr ServiceNames kNames{"dynamodb", "DynamoDB", "AmazonDynamoDBv2",
                              "AmazonDynamoDBException", "DynamoDb", "DynamoDbException",
                              "application/x-amz-json-1.0", HeaderLayout::kDynamoDb, kCodes};

// ASSUMED (docs/world.md): single-digit-millisecond item calls, a little more for a page.
constexpr LatencyDefault kDynamoDbLatency[] = {{"putItem", 5, 15},   {"getItem", 3, 10},
                                       {"updateItem", 5, 15}, {"deleteItem", 5, 15},
                                       {"query", 8, 25},      {"scan", 10, 40}};
constexpr std::string_view kDynamoDbTargets[] = {"TableName"};

std::unique_ptr<Service> Create(const ServiceSetup& setup) {
  const dynamodb::Config* config = setup.sections->Get<dynamodb::Config>(dynamodb::kSection);
  if (!config) return nullptr;  // no dynamodb section: its resources fall through
  return std::make_unique<DynamoDbService>(*config, *setup.problems);
}

// The standard CRC-32 (IEEE 802.3) DynamoDB puts in x-amz-crc32.
uint32_t Crc32(std::string_view data) {
  static const std::array<uint32_t, 256> kTable = [] {
    std::array<uint32_t, 256> table{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
    return table;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : data) crc = kTable[(crc ^ byte) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

AwsError NotFound() {
  AwsError e;
  e.code = "ResourceNotFoundException";
  e.message = "Requested resource not found";
  e.http_status = 400;
  return e;
}

AwsError Throughput() {
  AwsError e;
  e.code = "ProvisionedThroughputExceededException";
  e.message = "The level of configured provisioned throughput for the table was exceeded. "
              "Consider increasing your provisioning level with the UpdateTable API.";
  e.http_status = 400;
  return e;
}

}  // namespace

const ServiceNames& DynamoDbNames() { return kNames; }

const ServiceDescriptor& DynamoDbDescriptor() {
  static const ServiceDescriptor kDescriptor{
      .name = "dynamodb",
      .names = &kNames,
      .latency = kDynamoDbLatency,
      .internal_error = {"InternalServerError", "Internal server error", 500},
      .target_fields = kDynamoDbTargets,
      .retry_suggestion = "DynamoDB.ProvisionedThroughputExceededException, "
                          "DynamoDB.InternalServerErrorException, DynamoDB.SdkClientException",
      .section = dynamodb::kSection,
      .read_section = dynamodb::ReadSection,
      .create = Create,
  };
  return kDescriptor;
}

DynamoDbService::DynamoDbService(const dynamodb::Config& config,
                                 std::vector<std::string>& problems) {
  for (const dynamodb::TableSpec& spec : config.tables) {
    TableState state;
    state.table = std::make_unique<dynamodb::Table>(spec);
    if (auto loaded = state.table->Load(); !loaded.ok()) problems.push_back(loaded.error());
    if (spec.throttle) {
      state.throttle.emplace(spec.throttle->burst, spec.throttle->requests_per_second);
    }
    tables_.emplace(spec.name, std::move(state));
  }
}

const dynamodb::Table* DynamoDbService::table(const std::string& name) const {
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second.table.get();
}

int DynamoDbService::Route(const asl::TaskResource& r) const {
  using asl::ResourceKind;
  if (r.service != "dynamodb" || r.pattern != asl::IntegrationPattern::kRequestResponse) {
    return kNoDynamoDbApi;
  }
  bool optimized = r.kind == ResourceKind::kOptimized;
  if (!optimized && r.kind != ResourceKind::kAwsSdk) return kNoDynamoDbApi;
  if (r.api == "putItem") return kPutItem;
  if (r.api == "getItem") return kGetItem;
  if (r.api == "updateItem") return kUpdateItem;
  if (r.api == "deleteItem") return kDeleteItem;
  // Query and Scan exist as AWS SDK integrations only.
  if (!optimized && r.api == "query") return kQuery;
  if (!optimized && r.api == "scan") return kScan;
  return kNoDynamoDbApi;
}

void DynamoDbService::Call(int operation, ServiceCall& call) {
  const asl::Json& params = call.Parameters();
  auto name = params.find("TableName");
  if (name == params.end() || name->is_null()) {
    return call.Fail(dynamodb::Validation(
        "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
        "Member must not be null"));
  }
  if (!name->is_string()) {
    return call.Fail(dynamodb::Validation("TableName must be a string"));
  }
  auto it = tables_.find(name->get_ref<const std::string&>());
  if (it == tables_.end()) return call.Fail(NotFound());
  TableState& state = it->second;
  ++state.calls;
  if (state.throttle && !state.throttle->TryTake(call.request->now)) {
    ++state.throttled;
    return call.Fail(Throughput());
  }
  dynamodb::Table& table = *state.table;
  asl::Result<asl::Json, AwsError> response = asl::Json::object();
  switch (operation) {
    case kPutItem: response = table.PutItem(params); break;
    case kGetItem: response = table.GetItem(params); break;
    case kUpdateItem: response = table.UpdateItem(params); break;
    case kDeleteItem: response = table.DeleteItem(params); break;
    case kQuery: response = table.Read(params, /*query=*/true); break;
    case kScan: response = table.Read(params, /*query=*/false); break;
    default: return;
  }
  if (!response.ok()) return call.Fail(response.error());
  if (operation == kPutItem || operation == kUpdateItem) Deliver(call, state, operation);
  if (call.sdk) return call.Answer(SortedKeys(*response));
  asl::Json sorted = SortedKeys(*response);
  std::string body = asl::Dump(sorted);
  HttpExchange http;
  http.request_id = call.request_id;
  http.at = call.at;
  http.content_length = body.size();
  http.crc32 = Crc32(body);
  http.lowercase_request_id = operation == kGetItem;
  call.Answer(OptimizedOutput(kNames, std::move(sorted), http));
}

void DynamoDbService::Deliver(const ServiceCall& call, const TableState& state,
                              int operation) const {
  DeliveryFanOut* deliveries = call.host->deliveries;
  if (deliveries == nullptr || deliveries->empty()) return;
  const asl::Json& params = call.Parameters();
  auto written = params.find(operation == kPutItem ? "Item" : "Key");
  if (written == params.end()) return;
  const asl::Json* item = state.table->Stored(*written);
  if (item == nullptr) return;
  // The row as DynamoDB stores it (attribute values with their type: {"id": {"S": "a"}}), so a
  // row check names its key by pointer ("/id/S"); the destination is the table's ARN.
  const SimulationConfig& settings = call.host->simulation->config();
  std::string destination = fmt::format("arn:{}:dynamodb:{}:{}:table/{}", settings.partition,
                                        settings.region, settings.account,
                                        state.table->spec().name);
  std::string body = asl::Dump(*item);
  Delivery delivery;
  delivery.service = "dynamodb";
  delivery.destination = destination;
  delivery.body = body;
  delivery.body_json = item;
  delivery.time = call.at;
  delivery.execution_arn = call.request->execution_arn;
  delivery.state_name = call.request->state_name;
  deliveries->OnDelivery(delivery);
}

void DynamoDbService::Summarize(asl::Json& summary) const {
  asl::Json tables = asl::Json::object();
  for (const auto& [name, state] : tables_) {
    tables[name] = {{"items", state.table->size()},
                    {"calls", state.calls},
                    {"throttled", state.throttled}};
  }
  summary["dynamodb"] = std::move(tables);
}

}  // namespace sim
