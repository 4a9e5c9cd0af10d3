#pragma once
// One DynamoDB table in memory: its key schema and items in key order, and the item APIs
// (PutItem, GetItem, UpdateItem, DeleteItem, Query, Scan) on request parameters as the API
// reference names them, answering the API's response or AWS's error.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html

#include <map>
#include <optional>
#include <string>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/services/integration/aws_error.h"
#include "simulator/services/dynamodb/dynamodb_config.h"

namespace sim::dynamodb {

// A ValidationException with `message`.
AwsError Validation(std::string message);

class Table {
 public:
  explicit Table(TableSpec spec);

  // Adds the world's items; the error names the first that does not fit the key schema.
  asl::Status<std::string> Load();

  asl::Result<asl::Json, AwsError> PutItem(const asl::Json& params);
  asl::Result<asl::Json, AwsError> GetItem(const asl::Json& params) const;
  asl::Result<asl::Json, AwsError> UpdateItem(const asl::Json& params);
  asl::Result<asl::Json, AwsError> DeleteItem(const asl::Json& params);
  // Query (`query` true) or Scan, with Limit, ExclusiveStartKey / LastEvaluatedKey,
  // KeyConditionExpression (Query), FilterExpression, ScanIndexForward, Select COUNT and
  // ProjectionExpression.
  asl::Result<asl::Json, AwsError> Read(const asl::Json& params, bool query) const;

  // The stored item whose key attributes `item_or_key` carries (an Item or a Key parameter);
  // null when there is none or the value has no valid key.
  const asl::Json* Stored(const asl::Json& item_or_key) const;

  const TableSpec& spec() const { return spec_; }
  size_t size() const { return items_.size(); }

 private:
  // An item's primary key, ordered as DynamoDB orders a partition's items (numbers
  // numerically).
  struct Key {
    asl::Json partition;
    asl::Json sort;  // null without a sort key
  };
  struct KeyLess {
    bool operator()(const Key& a, const Key& b) const;
  };
  // The key of an item (PutItem's Item) or of a Key parameter (`exact`: nothing but the key
  // attributes), or AWS's ValidationException.
  asl::Result<Key, AwsError> KeyOf(const asl::Json& value, bool exact) const;
  // A request's `Key` parameter (GetItem, UpdateItem, DeleteItem): present, and exactly the key.
  asl::Result<Key, AwsError> RequestKey(const asl::Json& params) const;
  asl::Json KeyJson(const Key& key) const;

  TableSpec spec_;
  std::map<Key, asl::Json, KeyLess> items_;
};

}  // namespace sim::dynamodb
