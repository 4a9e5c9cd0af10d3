#pragma once
// DynamoDB as a Task calls it: the optimized integrations arn:aws:states:::dynamodb:putItem,
// getItem, updateItem and deleteItem (API response plus SdkHttpMetadata, errors
// DynamoDB.<Exception>), and arn:aws:states:::aws-sdk:dynamodb:putItem, getItem, updateItem,
// deleteItem, query and scan (plain API responses, errors DynamoDb.<Exception>), against the
// tables of the world's `dynamodb` section.
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "simulator/quotas/token_bucket.h"
#include "simulator/services/dynamodb/dynamodb_table.h"
#include "simulator/services/service.h"
#include "simulator/services/service_descriptor.h"

namespace sim {

const ServiceDescriptor& DynamoDbDescriptor();
const ServiceNames& DynamoDbNames();

class DynamoDbService final : public Service {
 public:
  // The world's tables; a problem with their items goes to `problems`.
  DynamoDbService(const dynamodb::Config& config, std::vector<std::string>& problems);
  const ServiceDescriptor& descriptor() const override { return DynamoDbDescriptor(); }
  int Route(const asl::TaskResource& resource) const override;
  void Call(int operation, ServiceCall& call) override;
  void Summarize(asl::Json& summary) const override;

  // A table by name (null when the world has none), for tests and reports.
  const dynamodb::Table* table(const std::string& name) const;

 private:
  struct TableState {
    std::unique_ptr<dynamodb::Table> table;
    std::optional<TokenBucket> throttle;
    int64_t calls = 0;
    int64_t throttled = 0;
  };
  // Tells the world's delivery observers of the item a PutItem or UpdateItem wrote.
  void Deliver(const ServiceCall& call, const TableState& state, int operation) const;

  std::map<std::string, TableState, std::less<>> tables_;
};

}  // namespace sim
