#pragma once
// The paths Step Functions fields are mostly made of -- `$states.input.order.id`,
// `$states.input.Data[0].VarCharValue`, `$bucket.id` -- walked straight through the documents
// they borrow, without the sequences the general path algorithm builds at every step. Only
// paths whose result cannot depend on that algorithm are walked: a variable, then names, each
// with at most one constant index; any array met before the last step hands the path back.

#include <optional>
#include <string>

#include "asl/jsonata/ast.h"
#include "asl/jsonata/value.h"

namespace asl::jsonata {

// The variable a simple path starts from, or nullptr when `path` is not one.
const std::string* SimplePathVariable(const Node* path);

// The path's value from `root` (the variable's value; nullptr when unbound), or nullopt when
// the walk meets what only the general algorithm decides (an array to map over).
std::optional<Value> WalkSimplePath(const Node* path, const Value* root);

}  // namespace asl::jsonata
