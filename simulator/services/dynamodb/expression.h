#pragma once
// DynamoDB's expressions: condition and filter expressions, key conditions and update
// expressions, with ExpressionAttributeNames (#n) and ExpressionAttributeValues (:v).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
//
// Modelled: comparisons (= <> < <= > >=), BETWEEN, IN, AND/OR/NOT, parentheses,
// attribute_exists, attribute_not_exists, attribute_type, begins_with, contains, size; SET (with
// + and -, if_not_exists, list_append), REMOVE, ADD and DELETE; document paths with .member
// and [index].

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"

namespace sim::dynamodb {

// One step of a document path: a member name, or a list index (index >= 0).
struct PathStep {
  std::string name;
  int64_t index = -1;
};
using Path = std::vector<PathStep>;

struct Node;
using NodePtr = std::shared_ptr<const Node>;

// The substitutions an expression may use, and which of them it used (AWS refuses unused
// ones).
struct Substitutions {
  const asl::Json* names = nullptr;   // ExpressionAttributeNames (object) or null
  const asl::Json* values = nullptr;  // ExpressionAttributeValues (object) or null
  std::set<std::string> used_names;
  std::set<std::string> used_values;
};

// A parsed condition (ConditionExpression, FilterExpression, KeyConditionExpression).
struct Condition {
  NodePtr root;
};

// `kind` names the expression in errors: "ConditionExpression", "FilterExpression",
// "KeyConditionExpression". The error is the ValidationException's message.
asl::Result<Condition, std::string> ParseCondition(std::string_view text, std::string_view kind,
                                                   Substitutions& subs);
// Whether `item` (an object of attribute name to AttributeValue; null for no item) satisfies it.
bool Evaluate(const Condition& condition, const asl::Json* item);

// The key condition's parts: the partition key's equality and an optional sort key condition.
struct KeyCondition {
  std::string partition_name;
  asl::Json partition_value;
  std::string sort_name;  // "" when the sort key is not constrained
  Condition sort;         // evaluated on the item
};
// Splits a parsed KeyConditionExpression; the error is AWS's message.
asl::Result<KeyCondition, std::string> ToKeyCondition(const Condition& condition,
                                                      std::string_view partition_key,
                                                      std::string_view sort_key);

// A parsed UpdateExpression.
struct UpdateAction {
  enum class Kind { kSet, kRemove, kAdd, kDelete } kind = Kind::kSet;
  Path path;
  NodePtr value;  // SET's value, ADD/DELETE's operand
};
struct Update {
  std::vector<UpdateAction> actions;
};
asl::Result<Update, std::string> ParseUpdate(std::string_view text, Substitutions& subs);
// Applies it to `item` (an object, possibly empty for a new item); the error is AWS's message.
asl::Result<asl::Json, std::string> Apply(const Update& update, asl::Json item);

// The attribute a path's first step names (for key checks).
std::string_view TopName(const Path& path);
// The paths an update writes (for "cannot update key attribute" checks).
std::vector<Path> UpdatedPaths(const Update& update);

}  // namespace sim::dynamodb
