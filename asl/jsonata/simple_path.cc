#include "asl/jsonata/simple_path.h"

#include <cmath>
#include <cstdint>

namespace asl::jsonata {

namespace {

// A step's constant index (`[0]`, `[-1]`): a number literal as its only predicate.
bool ConstantIndex(const Node& step, int64_t& index) {
  if (step.stages.size() != 1) return false;
  const Stage& stage = step.stages.front();
  if (stage.is_index || !stage.filter || stage.filter->type != NodeType::kNumber) return false;
  double d = stage.filter->literal.AsNumber();
  if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 1e15) return false;
  index = static_cast<int64_t>(d);
  return true;
}

bool PlainStep(const Node& step) {
  // `ancestor`: the step binds its input for a parent operator `%` further on.
  return step.focus.empty() && step.index.empty() && !step.tuple && !step.has_group &&
         !step.ancestor &&
         !step.consarray && !step.keep_array && !step.keep_singleton_array &&
         step.predicates.empty() && step.group.empty();
}

}  // namespace

const std::string* SimplePathVariable(const Node* path) {
  if (path->type != NodeType::kPath || path->items.size() < 2 || path->keep_singleton_array ||
      path->has_group || path->tuple) {
    return nullptr;
  }
  const Node& first = *path->items.front();
  // `$` and `$$` are the context and the root: the general algorithm handles them.
  if (first.type != NodeType::kVariable || first.op.empty() || first.op == "$" ||
      !first.stages.empty() || !PlainStep(first)) {
    return nullptr;
  }
  for (size_t i = 1; i < path->items.size(); ++i) {
    const Node& step = *path->items[i];
    int64_t index = 0;
    if (step.type != NodeType::kName || !PlainStep(step)) return nullptr;
    if (!step.stages.empty() && !ConstantIndex(step, index)) return nullptr;
  }
  return &first.op;
}

std::optional<Value> WalkSimplePath(const Node* path, const Value* root) {
  if (root == nullptr) return Value();
  if (root->IsArray()) return std::nullopt;
  Value current = *root;
  const size_t last = path->items.size() - 1;
  for (size_t i = 1; i <= last; ++i) {
    const Node& step = *path->items[i];
    // A name on anything but an object selects nothing.
    if (!current.IsObject()) return Value();
    Value next = current.Get(step.op);
    if (next.IsUndefined()) return next;
    int64_t index = 0;
    if (!step.stages.empty() && ConstantIndex(step, index)) {
      if (next.IsArray()) {
        // The predicate picks from the array the name selected (negative: from the end).
        int64_t size = static_cast<int64_t>(next.Size());
        if (index < 0) index += size;
        if (index < 0 || index >= size) return Value();
        next = next.At(static_cast<size_t>(index));
      } else if (index != 0 && index != -1) {
        return Value();  // a single value is a sequence of one
      }
    }
    // An array before the last step is mapped over: the general algorithm's business. At the
    // end a borrowed array is the result as it stands; a sequence the engine built is not.
    if (next.IsArray() && (i != last || next.Owned() != nullptr)) return std::nullopt;
    current = std::move(next);
  }
  return current;
}

}  // namespace asl::jsonata
