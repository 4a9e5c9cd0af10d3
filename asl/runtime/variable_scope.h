#pragma once
// Workflow variables: the values `Assign` stores and later states read as "$name".
// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
//
// A state machine's top-level states share one scope. Every Parallel branch and inline Map
// iteration runs in a scope of its own whose parent is the scope of the state that started it:
// it reads the outer variables and assigns only its own (asl/validate refuses an inner Assign
// of an outer name), and its variables vanish when the branch or iteration ends. The outer
// scope cannot change meanwhile, since its lane waits in the Parallel or Map state, so a
// parent pointer is all an inner scope needs. A Distributed Map's child executions start with
// an empty scope of their own, as on AWS.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "asl/base/eval_context.h"
#include "asl/base/json.h"

namespace asl {

class VariableScope final : public VariableSource {
 public:
  explicit VariableScope(std::shared_ptr<const VariableScope> parent = nullptr)
      : parent_(std::move(parent)) {}

  // This scope's value, else the nearest enclosing scope's; nullptr when none holds `name`.
  const Json* FindVariable(std::string_view name) const override;

  // Stores one state's assignments (an object {name: value}), replacing earlier values.
  void Assign(Json assigned);

  // Serialised bytes of the values held here and in every enclosing scope: AWS bounds the
  // variables of an execution as a whole (kMaxTotalVariableBytes).
  size_t TotalBytes() const;
  // The same if `assigned` were stored.
  size_t TotalBytesAfter(const Json& assigned) const;

 private:
  struct Slot {
    Json value;
    size_t bytes = 0;
  };
  std::shared_ptr<const VariableScope> parent_;
  std::unordered_map<std::string, Slot> values_;
  size_t bytes_ = 0;
};

// The size limits of the developer guide ("Passing data between states with variables"):
// one variable, and all the variables one Assign sets, at most 256 KiB each as serialised JSON;
// all the variables an execution holds at most 10 MiB.
inline constexpr size_t kMaxVariableBytes = 262144;
inline constexpr size_t kMaxAssignBytes = 262144;
inline constexpr size_t kMaxTotalVariableBytes = 10485760;

// A variable name as AWS accepts it: a Unicode identifier (here: a letter, '_' or a non-ASCII
// character first, then also digits), at most kMaxVariableNameLength characters, and not the
// reserved name "states". Returns why not, or "" when the name is valid.
inline constexpr size_t kMaxVariableNameLength = 80;
std::string InvalidVariableName(std::string_view name);

}  // namespace asl
