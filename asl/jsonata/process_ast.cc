// The reference's post-parse pass (its processAST): paths become flat step lists, predicates
// become stages of the step they follow, `{}` / `^()` / `@` / `#` attach to steps, tail calls in
// lambda bodies become thunks.

#include <string>

#include "asl/jsonata/ast.h"
#include "asl/jsonata/error.h"

namespace asl::jsonata {

namespace {

// The reference's node type names, used as the token of S0217.
const char* TypeName(NodeType type) {
  switch (type) {
    case NodeType::kPath: return "path";
    case NodeType::kBinary: return "binary";
    case NodeType::kUnaryMinus:
    case NodeType::kArrayConstructor:
    case NodeType::kObjectConstructor: return "unary";
    case NodeType::kString: return "string";
    case NodeType::kNumber: return "number";
    case NodeType::kValue: return "value";
    case NodeType::kDescendant: return "descendant";
    case NodeType::kVariable: return "variable";
    case NodeType::kRegex: return "regex";
    case NodeType::kFunction: return "function";
    case NodeType::kPartial: return "partial";
    case NodeType::kLambda: return "lambda";
    case NodeType::kCondition: return "condition";
    case NodeType::kTransform: return "transform";
    case NodeType::kBind: return "bind";
    case NodeType::kApply: return "apply";
    case NodeType::kSort: return "sort";
    case NodeType::kParent: return "parent";
    default: return "expression";
  }
}

// Walks back from `node` looking for the step a parent slot refers to: a name or wildcard step
// consumes one level, a nested `%` adds one. The step found binds its input under the slot's
// label (tuple = true); a step that already binds one for another `%` shares its label.
ParentSlotPtr SeekParent(Node* node, ParentSlotPtr slot) {
  switch (node->type) {
    case NodeType::kName:
    case NodeType::kWildcard:
      if (--slot->level == 0) {
        if (node->ancestor) slot->label = node->ancestor->label;
        node->ancestor = slot;
        node->tuple = true;
      }
      break;
    case NodeType::kParent: ++slot->level; break;
    case NodeType::kBlock:
      if (!node->items.empty()) {
        node->tuple = true;
        slot = SeekParent(node->items.back().get(), slot);
      }
      break;
    case NodeType::kPath: {
      node->tuple = true;
      int index = static_cast<int>(node->items.size()) - 1;
      slot = SeekParent(node->items[index--].get(), slot);
      while (slot->level > 0 && index >= 0) slot = SeekParent(node->items[index--].get(), slot);
      break;
    }
    default: Throw("S0217", node->position, TypeName(node->type));
  }
  return slot;
}

// `value`'s unresolved `%`s become `result`'s (the reference's pushAncestry).
void PushAncestry(Node* result, Node* value) {
  if (!value->seeking_parent && value->type != NodeType::kParent) return;
  ParentSlots slots = value->seeking_parent ? value->seeking_parent
                                            : std::make_shared<std::vector<ParentSlotPtr>>();
  if (value->type == NodeType::kParent) slots->push_back(value->slot);
  if (!result->seeking_parent) {
    result->seeking_parent = slots;
  } else {
    result->seeking_parent->insert(result->seeking_parent->end(), slots->begin(), slots->end());
  }
}

// Resolves the `%`s of a path's last step against the steps before it; those that reach past
// the first step are left to the enclosing path (the reference's resolveAncestry).
void ResolveAncestry(Node* path) {
  int index = static_cast<int>(path->items.size()) - 1;
  Node* last = path->items[index].get();
  if (!last->seeking_parent && last->type != NodeType::kParent) return;  // nothing to resolve
  // A copy of the pointers: the list may be shared with the path, which gains unresolved slots.
  std::vector<ParentSlotPtr> pending;
  if (last->seeking_parent) {
    if (last->type == NodeType::kParent) last->seeking_parent->push_back(last->slot);
    pending = *last->seeking_parent;
  } else {
    pending.push_back(last->slot);
  }
  for (ParentSlotPtr slot : pending) {
    index = static_cast<int>(path->items.size()) - 2;
    while (slot->level > 0) {
      if (index < 0) {
        if (!path->seeking_parent)
          path->seeking_parent = std::make_shared<std::vector<ParentSlotPtr>>();
        path->seeking_parent->push_back(slot);
        break;
      }
      Node* step = path->items[index--].get();
      // Contiguous steps that bind the focus (`@$x`) count as one.
      while (index >= 0 && !step->focus.empty() && !path->items[index]->focus.empty())
        step = path->items[index--].get();
      slot = SeekParent(step, slot);
    }
  }
}

class AstProcessor {
 public:
  NodePtr Process(NodePtr expr);

 private:
  int next_label_ = 0;  // parent labels are unique within one parse
};

NodePtr AsPath(NodePtr node) {
  if (node->type == NodeType::kPath) return node;
  auto path = std::make_unique<Node>(NodeType::kPath, node->position);
  if (node->keep_array) path->keep_singleton_array = true;
  path->items.push_back(std::move(node));
  return path;
}

// Marks a call in tail position so that the lambda returns a thunk the caller's loop evaluates
// instead of recursing.
NodePtr TailCallOptimize(NodePtr expr) {
  if (expr->type == NodeType::kFunction && expr->predicates.empty()) {
    auto thunk = std::make_unique<Node>(NodeType::kLambda, expr->position);
    thunk->thunk = true;
    thunk->lhs = std::move(expr);
    return thunk;
  }
  if (expr->type == NodeType::kCondition) {
    expr->rhs = TailCallOptimize(std::move(expr->rhs));
    if (expr->third) expr->third = TailCallOptimize(std::move(expr->third));
    return expr;
  }
  if (expr->type == NodeType::kBlock && !expr->items.empty()) {
    expr->items.back() = TailCallOptimize(std::move(expr->items.back()));
  }
  return expr;
}

Node* LastStep(Node* node) {
  if (node->type == NodeType::kPath) return node->items.back().get();
  return node;
}

NodePtr AstProcessor::Process(NodePtr expr) {
  switch (expr->type) {
    case NodeType::kBinary: {
      if (expr->op == ".") {
        NodePtr lstep = Process(std::move(expr->lhs));
        NodePtr result;
        if (lstep->type == NodeType::kPath) {
          result = std::move(lstep);
        } else {
          result = std::make_unique<Node>(NodeType::kPath, expr->position);
          if (lstep->type == NodeType::kParent)
            result->seeking_parent = std::make_shared<std::vector<ParentSlotPtr>>(1, lstep->slot);
          result->items.push_back(std::move(lstep));
        }
        NodePtr rest = Process(std::move(expr->rhs));
        if (rest->type == NodeType::kPath) {
          for (auto& s : rest->items) result->items.push_back(std::move(s));
        } else {
          if (!rest->predicates.empty()) {
            for (auto& p : rest->predicates) {
              Stage stage;
              stage.filter = std::move(p);
              stage.position = stage.filter->position;
              rest->stages.push_back(std::move(stage));
            }
            rest->predicates.clear();
          }
          result->items.push_back(std::move(rest));
        }
        for (auto& step : result->items) {
          if (step->type == NodeType::kNumber || step->type == NodeType::kValue)
            Throw("S0213", step->position, step->type == NodeType::kValue ? step->op
                                                                             : std::string());
          if (step->type == NodeType::kString) step->type = NodeType::kName;
          if (step->keep_array) result->keep_singleton_array = true;
        }
        Node* first = result->items.front().get();
        if (first->type == NodeType::kArrayConstructor) first->consarray = true;
        Node* last = result->items.back().get();
        if (last->type == NodeType::kArrayConstructor) last->consarray = true;
        ResolveAncestry(result.get());
        return result;
      }
      expr->lhs = Process(std::move(expr->lhs));
      expr->rhs = Process(std::move(expr->rhs));
      PushAncestry(expr.get(), expr->lhs.get());
      PushAncestry(expr.get(), expr->rhs.get());
      return expr;
    }
    case NodeType::kPredicate: {
      NodePtr result = Process(std::move(expr->lhs));
      Node* step = LastStep(result.get());
      if (step->has_group) Throw("S0209", expr->position);
      NodePtr predicate = Process(std::move(expr->rhs));
      if (predicate->seeking_parent) {
        // A `%` in the predicate one level up is the step's own input.
        for (const ParentSlotPtr& slot : *predicate->seeking_parent) {
          if (slot->level == 1) {
            SeekParent(step, slot);
          } else {
            --slot->level;
          }
        }
        PushAncestry(step, predicate.get());
      }
      if (result->type == NodeType::kPath) {
        Stage stage;
        stage.filter = std::move(predicate);
        stage.position = expr->position;
        step->stages.push_back(std::move(stage));
      } else {
        result->predicates.push_back(std::move(predicate));
      }
      if (expr->keep_array) step->keep_array = true;
      return result;
    }
    case NodeType::kGroupBy: {
      NodePtr result = Process(std::move(expr->lhs));
      if (result->has_group) Throw("S0210", expr->position);
      result->has_group = true;
      result->group_position = expr->position;
      for (auto& [k, v] : expr->pairs)
        result->group.emplace_back(Process(std::move(k)), Process(std::move(v)));
      return result;
    }
    case NodeType::kSortBy: {
      NodePtr result = AsPath(Process(std::move(expr->lhs)));
      auto sort = std::make_unique<Node>(NodeType::kSort, expr->position);
      for (auto& term : expr->terms) {
        SortTerm t;
        t.descending = term.descending;
        t.expression = Process(std::move(term.expression));
        PushAncestry(sort.get(), t.expression.get());
        sort->terms.push_back(std::move(t));
      }
      result->items.push_back(std::move(sort));
      ResolveAncestry(result.get());
      return result;
    }
    case NodeType::kFocusBind: {
      NodePtr result = Process(std::move(expr->lhs));
      Node* step = LastStep(result.get());
      if (!step->stages.empty() || !step->predicates.empty())
        Throw("S0215", expr->position, "@");
      if (step->type == NodeType::kSort) Throw("S0216", expr->position, "@");
      if (expr->keep_array) step->keep_array = true;
      step->focus = expr->rhs->op;
      step->tuple = true;
      return result;
    }
    case NodeType::kIndexBind: {
      NodePtr result = Process(std::move(expr->lhs));
      Node* step = LastStep(result.get());
      if (result->type != NodeType::kPath) {
        result = AsPath(std::move(result));
        step = result->items.back().get();
        // The reference turns the expression's predicates into the step's stages, so that
        // `#$i` after them numbers the filtered items.
        for (auto& p : step->predicates) {
          Stage stage;
          stage.filter = std::move(p);
          stage.position = stage.filter->position;
          step->stages.push_back(std::move(stage));
        }
        step->predicates.clear();
      }
      if (step->stages.empty()) {
        step->index = expr->rhs->op;
      } else {
        Stage stage;
        stage.is_index = true;
        stage.index_var = expr->rhs->op;
        stage.position = expr->position;
        step->stages.push_back(std::move(stage));
      }
      step->tuple = true;
      return result;
    }
    case NodeType::kApply:
      expr->lhs = Process(std::move(expr->lhs));
      expr->rhs = Process(std::move(expr->rhs));
      // `x ~> $f()[]`: the `[]` keeps the application's singleton result an array.
      if (expr->lhs->keep_array || expr->rhs->keep_array) expr->keep_array = true;
      return expr;
    case NodeType::kBind:
      expr->lhs = Process(std::move(expr->lhs));
      expr->rhs = Process(std::move(expr->rhs));
      PushAncestry(expr.get(), expr->rhs.get());
      return expr;
    case NodeType::kUnaryMinus: {
      expr->lhs = Process(std::move(expr->lhs));
      if (expr->lhs->type == NodeType::kNumber) {
        auto n = std::move(expr->lhs);
        n->literal = Value::Number(-n->literal.AsNumber());
        return n;
      }
      PushAncestry(expr.get(), expr->lhs.get());
      return expr;
    }
    case NodeType::kArrayConstructor:
      for (auto& item : expr->items) {
        item = Process(std::move(item));
        PushAncestry(expr.get(), item.get());
      }
      return expr;
    case NodeType::kBlock:
      for (auto& item : expr->items) {
        item = Process(std::move(item));
        PushAncestry(expr.get(), item.get());
        // A block holding an array constructor is one too when it starts a path: it is
        // evaluated once against the whole input, not per item.
        if (item->consarray || (item->type == NodeType::kPath && item->items[0]->consarray))
          expr->consarray = true;
      }
      return expr;
    case NodeType::kObjectConstructor:
      for (auto& [k, v] : expr->pairs) {
        k = Process(std::move(k));
        PushAncestry(expr.get(), k.get());
        v = Process(std::move(v));
        PushAncestry(expr.get(), v.get());
      }
      return expr;
    case NodeType::kFunction:
    case NodeType::kPartial:
      for (auto& item : expr->items) {
        item = Process(std::move(item));
        PushAncestry(expr.get(), item.get());
      }
      expr->lhs = Process(std::move(expr->lhs));
      return expr;
    case NodeType::kLambda:
      expr->lhs = TailCallOptimize(Process(std::move(expr->lhs)));
      return expr;
    case NodeType::kCondition:
      expr->lhs = Process(std::move(expr->lhs));
      PushAncestry(expr.get(), expr->lhs.get());
      expr->rhs = Process(std::move(expr->rhs));
      PushAncestry(expr.get(), expr->rhs.get());
      if (expr->third) {
        expr->third = Process(std::move(expr->third));
        PushAncestry(expr.get(), expr->third.get());
      }
      return expr;
    case NodeType::kTransform:
      expr->lhs = Process(std::move(expr->lhs));
      expr->rhs = Process(std::move(expr->rhs));
      if (expr->third) expr->third = Process(std::move(expr->third));
      return expr;
    case NodeType::kName:
      return AsPath(std::move(expr));
    case NodeType::kParent:
      expr->slot = std::make_shared<ParentSlot>();
      expr->slot->label = "!" + std::to_string(next_label_);
      expr->slot->index = next_label_++;
      return expr;
    default:
      return expr;
  }
}

}  // namespace

NodePtr ProcessAst(NodePtr expr) {
  AstProcessor processor;
  NodePtr ast = processor.Process(std::move(expr));
  // A `%` no step of the expression can resolve: there is no parent to refer to.
  if (ast->type == NodeType::kParent || ast->seeking_parent)
    Throw("S0217", ast->position, TypeName(ast->type));
  return ast;
}

}  // namespace asl::jsonata
