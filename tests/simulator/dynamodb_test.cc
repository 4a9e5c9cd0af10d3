// DynamoDB through the service registry: typed values, expressions, the item APIs, paging,
// AWS's errors in both integration styles, throttling, faults and the world section.

#include <gtest/gtest.h>

#include "simulator/services/dynamodb/attribute_value.h"
#include "simulator/services/dynamodb/dynamodb_service.h"
#include "simulator/services/dynamodb/dynamodb_table.h"
#include "simulator/services/dynamodb/expression.h"
#include "simulator/registry/registry.h"
#include "tests/simulator/world_test_util.h"

namespace {

using asl::Json;
using sim::dynamodb::AddNumbers;
using sim::dynamodb::CompareNumbers;
using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;

TEST(DynamoDbValues, NumbersCompareNumericallyAndAddExactly) {
  EXPECT_GT(CompareNumbers("10", "9"), 0);  // not as text
  EXPECT_EQ(CompareNumbers("1.50", "1.5"), 0);
  EXPECT_EQ(CompareNumbers("1E2", "100"), 0);
  EXPECT_LT(CompareNumbers("-2", "1"), 0);
  EXPECT_LT(CompareNumbers("-10", "-9"), 0);
  EXPECT_EQ(CompareNumbers("0", "-0.0"), 0);
  EXPECT_EQ(AddNumbers("1.5", "2.25"), "3.75");
  EXPECT_EQ(AddNumbers("5", "-7"), "-2");
  EXPECT_EQ(AddNumbers("0.1", "-0.1"), "0");
  EXPECT_EQ(AddNumbers("99999999999999999999999999999999999999", "1"),
            "100000000000000000000000000000000000000");
  EXPECT_EQ(AddNumbers("10", "3", /*subtract=*/true), "7");
}

TEST(DynamoDbValues, AttributeValuesAreChecked) {
  using sim::dynamodb::CheckAttributeValue;
  EXPECT_EQ(CheckAttributeValue(Json{{"N", "12.5"}}, "a"), "");
  EXPECT_EQ(CheckAttributeValue(Json{{"N", "x"}}, "a"),
            "A value provided cannot be converted into a number");
  EXPECT_EQ(CheckAttributeValue(Json{{"NULL", true}}, "a"), "");
  EXPECT_NE(CheckAttributeValue(Json{{"S", 1}}, "a"), "");
  EXPECT_NE(CheckAttributeValue(Json{{"S", "x"}, {"N", "1"}}, "a"), "");
  EXPECT_EQ(CheckAttributeValue(Json{{"SS", Json::array()}}, "a"),
            "One or more parameter values were invalid: An string set  may not be empty");
  EXPECT_NE(CheckAttributeValue(Json{{"NS", {"1", "1.0"}}}, "a"), "");  // duplicates
  EXPECT_EQ(CheckAttributeValue(Json{{"M", {{"x", {{"L", {{{"BOOL", false}}}}}}}}}, "a"), "");
}

bool Holds(const std::string& expression, const Json& item, const Json& values = Json(),
           const Json& names = Json()) {
  sim::dynamodb::Substitutions subs;
  subs.values = values.is_null() ? nullptr : &values;
  subs.names = names.is_null() ? nullptr : &names;
  auto parsed = sim::dynamodb::ParseCondition(expression, "ConditionExpression", subs);
  EXPECT_TRUE(parsed.ok()) << expression << ": " << (parsed.ok() ? "" : parsed.error());
  return parsed.ok() && sim::dynamodb::Evaluate(*parsed, &item);
}

TEST(DynamoDbExpressions, Conditions) {
  Json item = {{"id", {{"S", "order-1"}}}, {"total", {{"N", "10"}}}, {"tags", {{"SS", {"a", "b"}}}},
               {"address", {{"M", {{"city", {{"S", "Lyon"}}}}}}}};
  Json v = {{":nine", {{"N", "9"}}}, {":ten", {{"N", "10.0"}}}, {":p", {{"S", "order"}}},
            {":city", {{"S", "Lyon"}}}, {":a", {{"S", "a"}}}};
  EXPECT_TRUE(Holds("attribute_exists(id)", item));
  EXPECT_FALSE(Holds("attribute_not_exists(id)", item));
  EXPECT_TRUE(Holds("attribute_not_exists(missing)", item));
  EXPECT_TRUE(Holds("total > :nine AND total = :ten", item, v));
  EXPECT_TRUE(Holds("total >= :ten AND total <= :ten AND NOT total < :ten", item, v));
  EXPECT_TRUE(Holds("total <> :nine", item, v));
  EXPECT_TRUE(Holds("total < :nine OR begins_with(id, :p)", item, v));
  EXPECT_TRUE(Holds("(#t BETWEEN :nine AND :ten) AND address.city = :city", item, v,
                    {{"#t", "total"}}));
  EXPECT_TRUE(Holds("contains(tags, :a) AND size(tags) = :nine OR total IN (:nine, :ten)", item, v));
  EXPECT_FALSE(Holds("id = :nine", item, v));  // types differ: false, not an error

  sim::dynamodb::Substitutions subs;
  auto undefined = sim::dynamodb::ParseCondition("id = :x", "ConditionExpression", subs);
  ASSERT_FALSE(undefined.ok());
  EXPECT_EQ(undefined.error(), "Invalid ConditionExpression: An expression attribute value used "
                               "in expression is not defined; attribute value: :x");
  auto syntax = sim::dynamodb::ParseCondition("id = = id", "FilterExpression", subs);
  ASSERT_FALSE(syntax.ok());
  EXPECT_TRUE(syntax.error().starts_with("Invalid FilterExpression: Syntax error; token: \"=\""))
      << syntax.error();
}

TEST(DynamoDbExpressions, Updates) {
  Json v = {{":one", {{"N", "1"}}}, {":s", {{"SS", {"x"}}}}, {":l", {{"L", {{{"S", "z"}}}}}},
            {":n", {{"S", "new"}}}};
  sim::dynamodb::Substitutions subs;
  subs.values = &v;
  auto update = sim::dynamodb::ParseUpdate(
      "SET visits = visits + :one, label = if_not_exists(label, :n), log = list_append(log, :l) "
      "REMOVE old ADD tags :s, count :one",
      subs);
  ASSERT_TRUE(update.ok()) << update.error();
  Json item = {{"id", {{"S", "k"}}}, {"visits", {{"N", "41"}}}, {"old", {{"BOOL", true}}},
               {"log", {{"L", Json::array()}}}};
  auto applied = sim::dynamodb::Apply(*update, item);
  ASSERT_TRUE(applied.ok()) << applied.error();
  EXPECT_EQ((*applied)["visits"], (Json{{"N", "42"}}));
  EXPECT_EQ((*applied)["label"], (Json{{"S", "new"}}));
  EXPECT_EQ((*applied)["log"]["L"].size(), 1u);
  EXPECT_FALSE(applied->contains("old"));
  EXPECT_EQ((*applied)["tags"], (Json{{"SS", {"x"}}}));
  EXPECT_EQ((*applied)["count"], (Json{{"N", "1"}}));
}

sim::dynamodb::TableSpec OrdersSpec() {
  sim::dynamodb::TableSpec spec;
  spec.name = "orders";
  spec.partition = {"customer", "S"};
  spec.sort = sim::dynamodb::KeyAttribute{"at", "N"};
  for (int i = 1; i <= 5; ++i) {
    spec.items.push_back({{"customer", {{"S", "c1"}}},
                          {"at", {{"N", std::to_string(i * 5)}}},  // 5, 10, …: numeric order
                          {"total", {{"N", std::to_string(i)}}}});
  }
  spec.items.push_back({{"customer", {{"S", "c2"}}}, {"at", {{"N", "1"}}}, {"total", {{"N", "9"}}}});
  return spec;
}

TEST(DynamoDbTable, QueryPagesWithLimitAndExclusiveStartKey) {
  sim::dynamodb::Table table(OrdersSpec());
  ASSERT_TRUE(table.Load().ok());
  Json params = {{"TableName", "orders"},
                 {"KeyConditionExpression", "customer = :c AND at >= :from"},
                 {"ExpressionAttributeValues", {{":c", {{"S", "c1"}}}, {":from", {{"N", "10"}}}}},
                 {"Limit", 2}};
  std::vector<std::string> seen;
  int pages = 0;
  while (true) {
    auto page = table.Read(params, /*query=*/true);
    ASSERT_TRUE(page.ok()) << page.error().message;
    ++pages;
    for (const Json& item : (*page)["Items"]) seen.push_back(item["at"]["N"].get<std::string>());
    if (!page->contains("LastEvaluatedKey")) break;
    params["ExclusiveStartKey"] = (*page)["LastEvaluatedKey"];
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"10", "15", "20", "25"}));
  EXPECT_EQ(pages, 3);  // 2 + 2, then the empty page after a full one

  Json scan = {{"TableName", "orders"}, {"FilterExpression", "#t > :two"},
               {"ExpressionAttributeNames", {{"#t", "total"}}},
               {"ExpressionAttributeValues", {{":two", {{"N", "2"}}}}}};
  auto scanned = table.Read(scan, /*query=*/false);
  ASSERT_TRUE(scanned.ok());
  EXPECT_EQ((*scanned)["Count"], 4);
  EXPECT_EQ((*scanned)["ScannedCount"], 6);
  EXPECT_FALSE(scanned->contains("LastEvaluatedKey"));
}

TEST(DynamoDbTable, ValidationMessagesAreAws) {
  sim::dynamodb::Table table(OrdersSpec());
  ASSERT_TRUE(table.Load().ok());
  auto put = [&](const Json& item) {
    auto r = table.PutItem({{"TableName", "orders"}, {"Item", item}});
    return r.ok() ? std::string() : r.error().message;
  };
  EXPECT_EQ(put({{"customer", {{"S", "c"}}}}),
            "One or more parameter values were invalid: Missing the key at in the item");
  EXPECT_EQ(put({{"customer", {{"N", "1"}}}, {"at", {{"N", "1"}}}}),
            "One or more parameter values were invalid: Type mismatch for key customer expected: "
            "S actual: N");
  EXPECT_EQ(put({{"customer", {{"S", ""}}}, {"at", {{"N", "1"}}}}),
            "One or more parameter values are not valid. The AttributeValue for a key attribute "
            "cannot contain an empty string value. Key: customer");
  auto get = table.GetItem({{"TableName", "orders"}, {"Key", {{"customer", {{"S", "c1"}}}}}});
  ASSERT_FALSE(get.ok());
  EXPECT_EQ(get.error().message, "The provided key element does not match the schema");
  auto unused = table.GetItem({{"TableName", "orders"},
                               {"Key", {{"customer", {{"S", "c1"}}}, {"at", {{"N", "5"}}}}},
                               {"ExpressionAttributeValues", {{":x", {{"S", "1"}}}}}});
  ASSERT_FALSE(unused.ok());
  EXPECT_EQ(unused.error().message,
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
}

// A world with one table and the definition's tasks, run to its end.
struct WorldResult {
  std::unique_ptr<WorldRun> run;
  Json events;
};

WorldResult RunWorld(const std::string& world_text, const Json& definition, const std::string& input) {
  WorldResult out;
  out.run = std::make_unique<WorldRun>(WorldFromText(world_text));
  out.run->Run(Machine(definition), input);
  out.events = out.run->Events();
  return out;
}

const char* kWorld = R"(
dynamodb:
  tables:
    - name: accounts
      key_schema: {partition: {name: id, type: S}}
      items: [{id: {S: a1}, balance: {N: "10"}}]
)";

Json TaskDefinition(const std::string& resource, const Json& parameters) {
  return {{"StartAt", "T"},
          {"States", {{"T", {{"Type", "Task"}, {"Resource", resource}, {"Parameters", parameters},
                             {"End", true}}}}}};
}

const Json& LastFailure(const Json& events) {
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if ((*it)["type"] == "TaskFailed") return (*it)["taskFailedEventDetails"];
  }
  static const Json kNone;
  return kNone;
}

TEST(DynamoDbIntegration, ConditionalCheckFailedInBothStyles) {
  Json params = {{"TableName", "accounts"},
                 {"Item", {{"id", {{"S", "a1"}}}}},
                 {"ConditionExpression", "attribute_not_exists(id)"}};
  WorldResult optimized = RunWorld(kWorld, TaskDefinition("arn:aws:states:::dynamodb:putItem", params), "{}");
  const Json& failure = LastFailure(optimized.events);
  EXPECT_EQ(failure["error"], "DynamoDB.ConditionalCheckFailedException");
  EXPECT_TRUE(failure["cause"].get<std::string>().starts_with(
      "The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: "
      "ConditionalCheckFailedException; Request ID: "))
      << failure["cause"];
  WorldResult sdk = RunWorld(kWorld, TaskDefinition("arn:aws:states:::aws-sdk:dynamodb:putItem", params), "{}");
  EXPECT_EQ(LastFailure(sdk.events)["error"], "DynamoDb.ConditionalCheckFailedException");
  EXPECT_TRUE(LastFailure(sdk.events)["cause"].get<std::string>().starts_with(
      "The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: "));
}

TEST(DynamoDbIntegration, MissingTableAndValidationErrors) {
  WorldResult missing = RunWorld(kWorld, TaskDefinition("arn:aws:states:::dynamodb:getItem",
                                                {{"TableName", "nope"}, {"Key", {{"id", {{"S", "a1"}}}}}}),
                         "{}");
  EXPECT_EQ(LastFailure(missing.events)["error"], "DynamoDB.ResourceNotFoundException");
  EXPECT_TRUE(LastFailure(missing.events)["cause"].get<std::string>().starts_with(
      "Requested resource not found (Service: AmazonDynamoDBv2;"));
  // A ValidationException is not a modelled class: the SDKs' generic one.
  WorldResult invalid = RunWorld(kWorld, TaskDefinition("arn:aws:states:::aws-sdk:dynamodb:getItem",
                                                {{"TableName", "accounts"}, {"Key", {{"id", {{"N", "1"}}}}}}),
                         "{}");
  EXPECT_EQ(LastFailure(invalid.events)["error"], "DynamoDb.DynamoDbException");
}

TEST(DynamoDbIntegration, UpdateThenQueryThroughAwsSdk) {
  Json definition = {
      {"StartAt", "Add"},
      {"States",
       {{"Add", {{"Type", "Task"}, {"Resource", "arn:aws:states:::dynamodb:updateItem"},
                 {"Parameters", {{"TableName", "accounts"}, {"Key", {{"id", {{"S", "a1"}}}}},
                                 {"UpdateExpression", "ADD balance :five"},
                                 {"ConditionExpression", "balance >= :five"},
                                 {"ExpressionAttributeValues", {{":five", {{"N", "5"}}}}},
                                 {"ReturnValues", "UPDATED_NEW"}}},
                 {"ResultSelector", {{"balance.$", "$.Attributes.balance.N"}}},
                 {"ResultPath", "$.added"},
                 {"Next", "Query"}}},
        {"Query", {{"Type", "Task"}, {"Resource", "arn:aws:states:::aws-sdk:dynamodb:query"},
                   {"Parameters", {{"TableName", "accounts"},
                                   {"KeyConditionExpression", "id = :id"},
                                   {"ExpressionAttributeValues", {{":id", {{"S", "a1"}}}}}}},
                   {"End", true}}}}}};
  WorldResult run = RunWorld(kWorld, definition, "{}");
  ASSERT_EQ(run.run->execution->status(), sim::ExecutionStatus::kSucceeded);
  Json output = run.run->execution->output();
  EXPECT_EQ(output["Count"], 1);
  EXPECT_EQ(output["Items"][0]["balance"]["N"], "15");
  EXPECT_FALSE(output.contains("SdkHttpMetadata"));  // aws-sdk: the plain response
  Json summary = run.run->world->Summary();
  EXPECT_EQ(summary["dynamodb"]["accounts"]["calls"], 2);
}

TEST(DynamoDbIntegration, ThrottlingAndFaults) {
  std::string world = std::string(kWorld) + "      throttle: {requests_per_second: 1, burst: 1}\n";
  Json parallel = {{"StartAt", "P"},
                   {"States", {{"P", {{"Type", "Parallel"}, {"End", true},
                                      {"Branches", Json::array()}}}}}};
  Json task = TaskDefinition("arn:aws:states:::dynamodb:getItem",
                             {{"TableName", "accounts"}, {"Key", {{"id", {{"S", "a1"}}}}}});
  Json second = {{"StartAt", "T2"}, {"States", {{"T2", task["States"]["T"]}}}};
  parallel["States"]["P"]["Branches"] = {task, second};
  WorldResult throttled = RunWorld(world, parallel, "{}");
  EXPECT_EQ(LastFailure(throttled.events)["error"],
            "DynamoDB.ProvisionedThroughputExceededException");
  EXPECT_EQ(throttled.run->world->Summary()["dynamodb"]["accounts"]["throttled"], 1);

  std::string faulty = std::string(kWorld) + "faults: [{service: dynamodb, rate: 1.0}]\n";
  WorldResult fault = RunWorld(faulty, task, "{}");
  EXPECT_EQ(LastFailure(fault.events)["error"], "DynamoDB.InternalServerErrorException");
}

// What DynamoDB tells the delivery observers (docs/world.md, "Deliveries"): the item each
// successful PutItem and UpdateItem wrote, as stored, at the table's ARN; a write whose condition
// failed, reads and DeleteItem deliver nothing.
TEST(DynamoDbIntegration, WrittenItemsAreDelivered) {
  struct Recorder final : sim::DeliveryObserver {
    void OnDelivery(const sim::Delivery& d) override {
      seen.push_back(std::string(d.service) + " " + std::string(d.destination) + " " +
                     std::string(d.state_name) + " " + std::string(d.body));
      ASSERT_NE(d.body_json, nullptr);
      EXPECT_EQ(asl::Dump(*d.body_json), d.body);
    }
    std::vector<std::string> seen;
  } recorder;
  Json definition = Json::parse(R"json({"StartAt":"Put","States":{
      "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
        "Parameters":{"TableName":"accounts","Item":{"id":{"S":"b2"},"balance":{"N":"1"}}},
        "ResultPath":null,"Next":"PutAgain"},
      "PutAgain":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
        "Parameters":{"TableName":"accounts","Item":{"id":{"S":"b2"}},
                      "ConditionExpression":"attribute_not_exists(id)"},
        "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":null,"Next":"Add"}],
        "ResultPath":null,"Next":"Add"},
      "Add":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:updateItem",
        "Parameters":{"TableName":"accounts","Key":{"id":{"S":"a1"}},
                      "UpdateExpression":"ADD balance :one",
                      "ExpressionAttributeValues":{":one":{"N":"1"}}},
        "ResultPath":null,"Next":"Get"},
      "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
        "Parameters":{"TableName":"accounts","Key":{"id":{"S":"a1"}}},
        "ResultPath":null,"Next":"Delete"},
      "Delete":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:deleteItem",
        "Parameters":{"TableName":"accounts","Key":{"id":{"S":"b2"}}},"End":true}}})json");
  WorldRun run(WorldFromText(kWorld));
  run.world->AddDeliveryObserver(&recorder);  // before Install: connected when it installs
  run.Run(Machine(definition), "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  // Attributes in the order the item was written (asl::Json keeps insertion order).
  const std::string table = "dynamodb arn:aws:dynamodb:us-east-1:123456789012:table/accounts";
  EXPECT_EQ(recorder.seen,
            (std::vector<std::string>{table + R"( Put {"id":{"S":"b2"},"balance":{"N":"1"}})",
                                      table + R"( Add {"id":{"S":"a1"},"balance":{"N":"11"}})"}));
}

TEST(DynamoDbWorld, SectionErrorsAreLocated) {
  auto parsed = asl::ParseText(R"({"dynamodb": {"tables": [{"name": "t1x", "key_schema":
      {"partition": {"name": "id", "type": "X"}}}]}})", asl::TextSyntax::kJson);
  ASSERT_TRUE(parsed.ok());
  asl::SourceMap source;
  source.file = "w.json";
  auto config = sim::ParseWorld(parsed->value, source, "");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().items()[0].pointer, "/dynamodb/tables/0/key_schema/partition/type");
  EXPECT_NE(config.error().items()[0].message.find("\"X\" is not a key attribute type"),
            std::string::npos);

  // Items that do not fit the key schema stop the world from installing.
  WorldRun bad(WorldFromText(R"(
dynamodb:
  tables:
    - name: things
      key_schema: {partition: {name: id, type: N}}
      items: [{id: {S: "1"}}]
)"));
  auto installed = bad.world->Install(*bad.simulation);
  ASSERT_FALSE(installed.ok());
  EXPECT_NE(installed.error().find("dynamodb table things: item 0: One or more parameter values "
                                   "were invalid: Type mismatch for key id expected: N actual: S"),
            std::string::npos)
      << installed.error();
}

TEST(DynamoDbRegistry, LintAndLatencyReadTheDescriptor) {
  EXPECT_EQ(sim::FindService("dynamodb"), &sim::DynamoDbDescriptor());
  EXPECT_EQ(sim::FindService("sfn")->name, "states");
  const auto& facts = sim::LintIntegrationFacts().retry_suggestions;
  ASSERT_TRUE(facts.count("dynamodb"));
  EXPECT_NE(facts.at("dynamodb").find("ProvisionedThroughputExceededException"), std::string::npos);
  sim::LatencyModel latency(sim::Services());
  EXPECT_EQ(latency.Find("dynamodb", "getItem").max_ms, 10);
  EXPECT_EQ(latency.Find("sns", "publish").max_ms, 40);
}

}  // namespace
