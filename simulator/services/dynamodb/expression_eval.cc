// Evaluating DynamoDB expressions (expression.h) on items; parsing is in expression.cc.

#include <fmt/format.h>

#include <algorithm>

#include "simulator/services/dynamodb/attribute_value.h"
#include "simulator/services/dynamodb/expression.h"
#include "simulator/services/dynamodb/expression_node.h"

namespace sim::dynamodb {

namespace {

using Kind = Node::Kind;

// The value at `path` in `item` (an object of attributes); null when absent.
const asl::Json* Resolve(const asl::Json* item, const Path& path) {
  if (!item || path.empty()) return nullptr;
  const asl::Json* current = nullptr;
  for (size_t i = 0; i < path.size(); ++i) {
    const PathStep& step = path[i];
    if (i == 0) {
      auto it = item->find(step.name);
      if (it == item->end()) return nullptr;
      current = &*it;
      continue;
    }
    std::string_view type = TypeOf(*current);
    const asl::Json& inner = current->begin().value();
    if (step.index >= 0) {
      if (type != "L" || static_cast<size_t>(step.index) >= inner.size()) return nullptr;
      current = &inner[static_cast<size_t>(step.index)];
    } else {
      if (type != "M") return nullptr;
      auto it = inner.find(step.name);
      if (it == inner.end()) return nullptr;
      current = &*it;
    }
  }
  return current;
}

std::optional<asl::Json> OperandValue(const Node& node, const asl::Json* item) {
  switch (node.kind) {
    case Kind::kValue: return node.value;
    case Kind::kPath: {
      const asl::Json* v = Resolve(item, node.path);
      if (!v) return std::nullopt;
      return *v;
    }
    case Kind::kSize: {
      const asl::Json* v = Resolve(item, node.path);
      if (!v) return std::nullopt;
      std::string_view type = TypeOf(*v);
      const asl::Json& inner = v->begin().value();
      size_t n = 0;
      if (type == "S" || type == "B") n = inner.get_ref<const std::string&>().size();
      else if (inner.is_array() || inner.is_object()) n = inner.size();
      else return std::nullopt;
      return asl::Json{{"N", std::to_string(n)}};
    }
    default: return std::nullopt;
  }
}

bool Compare(const std::string& op, const asl::Json& a, const asl::Json& b) {
  if (op == "=") return Equal(a, b);
  if (op == "<>") return !Equal(a, b);
  std::optional<int> c = CompareScalars(a, b);
  if (!c) return false;
  if (op == "<") return *c < 0;
  if (op == "<=") return *c <= 0;
  if (op == ">") return *c > 0;
  return *c >= 0;
}

bool EvaluateNode(const Node& node, const asl::Json* item) {
  switch (node.kind) {
    case Kind::kAnd: return EvaluateNode(*node.args[0], item) && EvaluateNode(*node.args[1], item);
    case Kind::kOr: return EvaluateNode(*node.args[0], item) || EvaluateNode(*node.args[1], item);
    case Kind::kNot: return !EvaluateNode(*node.args[0], item);
    case Kind::kCompare: {
      auto a = OperandValue(*node.args[0], item);
      auto b = OperandValue(*node.args[1], item);
      if (!a || !b) return node.op == "<>" && (a.has_value() != b.has_value());
      return Compare(node.op, *a, *b);
    }
    case Kind::kBetween: {
      auto a = OperandValue(*node.args[0], item);
      auto lo = OperandValue(*node.args[1], item);
      auto hi = OperandValue(*node.args[2], item);
      if (!a || !lo || !hi) return false;
      return Compare(">=", *a, *lo) && Compare("<=", *a, *hi);
    }
    case Kind::kIn: {
      auto a = OperandValue(*node.args[0], item);
      if (!a) return false;
      for (size_t i = 1; i < node.args.size(); ++i) {
        auto b = OperandValue(*node.args[i], item);
        if (b && Equal(*a, *b)) return true;
      }
      return false;
    }
    case Kind::kFunction: {
      const asl::Json* target = Resolve(item, node.args[0]->path);
      if (node.op == "attribute_exists") return target != nullptr;
      if (node.op == "attribute_not_exists") return target == nullptr;
      auto operand = OperandValue(*node.args[1], item);
      if (!target || !operand) return false;
      if (node.op == "attribute_type") {
        return TypeOf(*operand) == "S" &&
               TypeOf(*target) == operand->begin().value().get_ref<const std::string&>();
      }
      std::string_view type = TypeOf(*target);
      const asl::Json& inner = target->begin().value();
      if (node.op == "begins_with") {
        if ((type != "S" && type != "B") || TypeOf(*operand) != type) return false;
        return inner.get_ref<const std::string&>().starts_with(
            operand->begin().value().get_ref<const std::string&>());
      }
      // contains: a substring of S, an element of a set or list.
      if (type == "S" && TypeOf(*operand) == "S") {
        return inner.get_ref<const std::string&>().find(
                   operand->begin().value().get_ref<const std::string&>()) != std::string::npos;
      }
      if (type == "L") {
        return std::any_of(inner.begin(), inner.end(),
                           [&](const asl::Json& e) { return Equal(e, *operand); });
      }
      if (type == "SS" || type == "NS" || type == "BS") {
        std::string_view element = type == "SS" ? "S" : (type == "NS" ? "N" : "B");
        if (TypeOf(*operand) != element) return false;
        return std::any_of(inner.begin(), inner.end(), [&](const asl::Json& e) {
          return Equal(asl::Json{{std::string(element), e}}, *operand);
        });
      }
      return false;
    }
    default: return false;
  }
}

// Sets `value` at `path` in `item`; false when a parent is missing or of the wrong type.
bool Assign(asl::Json& item, const Path& path, asl::Json value) {
  asl::Json* container = &item;  // an object of attributes or an M's inner object
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    const PathStep& step = path[i];
    asl::Json* next = nullptr;
    if (step.index >= 0) {
      if (!container->is_array() || static_cast<size_t>(step.index) >= container->size()) return false;
      next = &(*container)[static_cast<size_t>(step.index)];
    } else {
      if (!container->is_object() || !container->contains(step.name)) return false;
      next = &(*container)[step.name];
    }
    std::string_view type = TypeOf(*next);
    const PathStep& child = path[i + 1];
    if ((child.index >= 0 && type != "L") || (child.index < 0 && type != "M")) return false;
    container = &next->begin().value();
  }
  const PathStep& last = path.back();
  if (last.index >= 0) {
    if (!container->is_array()) return false;
    size_t index = static_cast<size_t>(last.index);
    if (index >= container->size()) container->push_back(std::move(value));
    else (*container)[index] = std::move(value);
    return true;
  }
  if (!container->is_object()) return false;
  (*container)[last.name] = std::move(value);
  return true;
}

void Remove(asl::Json& item, const Path& path) {
  asl::Json* container = &item;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    const PathStep& step = path[i];
    asl::Json* next = nullptr;
    if (step.index >= 0) {
      if (!container->is_array() || static_cast<size_t>(step.index) >= container->size()) return;
      next = &(*container)[static_cast<size_t>(step.index)];
    } else {
      if (!container->is_object() || !container->contains(step.name)) return;
      next = &(*container)[step.name];
    }
    if (TypeOf(*next) != "M" && TypeOf(*next) != "L") return;
    container = &next->begin().value();
  }
  const PathStep& last = path.back();
  if (last.index >= 0) {
    if (container->is_array() && static_cast<size_t>(last.index) < container->size()) {
      container->erase(static_cast<size_t>(last.index));
    }
  } else if (container->is_object()) {
    container->erase(last.name);
  }
}

asl::Result<asl::Json, std::string> SetValueOf(const Node& node, const asl::Json& item) {
  const std::string kOperand =
      "Invalid UpdateExpression: The provided expression refers to an attribute that does not "
      "exist in the item";
  switch (node.kind) {
    case Kind::kPlus:
    case Kind::kMinus: {
      auto a = SetValueOf(*node.args[0], item);
      if (!a.ok()) return a;
      auto b = SetValueOf(*node.args[1], item);
      if (!b.ok()) return b;
      if (TypeOf(*a) != "N" || TypeOf(*b) != "N") {
        return asl::Fail(std::string(
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            "operator or function: ") + node.op + ", operand type: " +
            std::string(TypeOf(*a) != "N" ? TypeOf(*a) : TypeOf(*b)));
      }
      return asl::Json{{"N", AddNumbers((*a)["N"].get<std::string>(), (*b)["N"].get<std::string>(),
                                        node.kind == Kind::kMinus)}};
    }
    case Kind::kIfNotExists: {
      if (const asl::Json* v = Resolve(&item, node.args[0]->path)) return *v;
      return SetValueOf(*node.args[1], item);
    }
    case Kind::kListAppend: {
      auto a = SetValueOf(*node.args[0], item);
      if (!a.ok()) return a;
      auto b = SetValueOf(*node.args[1], item);
      if (!b.ok()) return b;
      if (TypeOf(*a) != "L" || TypeOf(*b) != "L") {
        return asl::Fail(std::string(
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            "operator or function: list_append, operand type: ") +
            std::string(TypeOf(*a) != "L" ? TypeOf(*a) : TypeOf(*b)));
      }
      asl::Json out = *a;
      for (const asl::Json& e : (*b)["L"]) out["L"].push_back(e);
      return out;
    }
    default: {
      auto v = OperandValue(node, &item);
      if (!v) return asl::Fail(kOperand);
      return std::move(*v);
    }
  }
}

}  // namespace

bool Evaluate(const Condition& condition, const asl::Json* item) {
  return condition.root && EvaluateNode(*condition.root, item);
}

asl::Result<asl::Json, std::string> Apply(const Update& update, asl::Json item) {
  // Every value is computed from the item as it was before the update.
  const asl::Json before = item;
  for (const UpdateAction& action : update.actions) {
    switch (action.kind) {
      case UpdateAction::Kind::kSet: {
        auto value = SetValueOf(*action.value, before);
        if (!value.ok()) return asl::Fail(value.error());
        if (!Assign(item, action.path, std::move(*value))) {
          return asl::Fail(std::string(
              "The document path provided in the update expression is invalid for update"));
        }
        break;
      }
      case UpdateAction::Kind::kRemove: Remove(item, action.path); break;
      case UpdateAction::Kind::kAdd:
      case UpdateAction::Kind::kDelete: {
        bool add = action.kind == UpdateAction::Kind::kAdd;
        auto operand = OperandValue(*action.value, &before);
        if (!operand) return asl::Fail(std::string("Invalid UpdateExpression: missing operand"));
        std::string_view type = TypeOf(*operand);
        const asl::Json* current = Resolve(&before, action.path);
        bool set = type == "SS" || type == "NS" || type == "BS";
        if (add && type == "N") {
          if (current && TypeOf(*current) != "N") {
            return asl::Fail(std::string("An operand in the update expression has an incorrect "
                                         "data type"));
          }
          std::string sum = AddNumbers(current ? (*current)["N"].get<std::string>() : "0",
                                       (*operand)["N"].get<std::string>());
          if (!Assign(item, action.path, asl::Json{{"N", sum}})) {
            return asl::Fail(std::string(
                "The document path provided in the update expression is invalid for update"));
          }
          break;
        }
        if (!set || (current && TypeOf(*current) != type)) {
          return asl::Fail(fmt::format(
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator: {}, operand type: {}", add ? "ADD" : "DELETE", type));
        }
        asl::Json elements = current ? (*current)[std::string(type)] : asl::Json::array();
        auto same = [&](const asl::Json& x, const asl::Json& y) {
          return type == "NS" ? CompareNumbers(x.get_ref<const std::string&>(),
                                               y.get_ref<const std::string&>()) == 0
                              : x == y;
        };
        for (const asl::Json& e : operand->begin().value()) {
          auto found = std::find_if(elements.begin(), elements.end(),
                                    [&](const asl::Json& x) { return same(x, e); });
          if (add && found == elements.end()) elements.push_back(e);
          if (!add && found != elements.end()) elements.erase(found);
        }
        if (elements.empty()) Remove(item, action.path);
        else if (!Assign(item, action.path, asl::Json{{std::string(type), std::move(elements)}})) {
          return asl::Fail(std::string(
              "The document path provided in the update expression is invalid for update"));
        }
        break;
      }
    }
  }
  return item;
}

std::string_view TopName(const Path& path) {
  return path.empty() ? std::string_view() : std::string_view(path[0].name);
}

std::vector<Path> UpdatedPaths(const Update& update) {
  std::vector<Path> paths;
  for (const UpdateAction& action : update.actions) paths.push_back(action.path);
  return paths;
}

}  // namespace sim::dynamodb
