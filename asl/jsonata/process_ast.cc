// The reference's post-parse pass (its processAST): paths become flat step lists, predicates
// become stages of the step they follow, `{}` / `^()` / `@` / `#` attach to steps, tail calls in
// lambda bodies become thunks.

#include <string>

#include "asl/jsonata/ast.h"
#include "asl/jsonata/error.h"

namespace asl::jsonata {

NodePtr ProcessAst(NodePtr expr);

namespace {

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

}  // namespace

NodePtr ProcessAst(NodePtr expr) {
  switch (expr->type) {
    case NodeType::kBinary: {
      if (expr->op == ".") {
        NodePtr lstep = ProcessAst(std::move(expr->lhs));
        NodePtr result;
        if (lstep->type == NodeType::kPath) {
          result = std::move(lstep);
        } else {
          result = std::make_unique<Node>(NodeType::kPath, expr->position);
          result->items.push_back(std::move(lstep));
        }
        NodePtr rest = ProcessAst(std::move(expr->rhs));
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
        return result;
      }
      expr->lhs = ProcessAst(std::move(expr->lhs));
      expr->rhs = ProcessAst(std::move(expr->rhs));
      return expr;
    }
    case NodeType::kPredicate: {
      NodePtr result = ProcessAst(std::move(expr->lhs));
      Node* step = LastStep(result.get());
      if (step->has_group) Throw("S0209", expr->position);
      NodePtr predicate = ProcessAst(std::move(expr->rhs));
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
      NodePtr result = ProcessAst(std::move(expr->lhs));
      if (result->has_group) Throw("S0210", expr->position);
      result->has_group = true;
      result->group_position = expr->position;
      for (auto& [k, v] : expr->pairs)
        result->group.emplace_back(ProcessAst(std::move(k)), ProcessAst(std::move(v)));
      return result;
    }
    case NodeType::kSortBy: {
      NodePtr result = AsPath(ProcessAst(std::move(expr->lhs)));
      auto sort = std::make_unique<Node>(NodeType::kSort, expr->position);
      for (auto& term : expr->terms) {
        SortTerm t;
        t.descending = term.descending;
        t.expression = ProcessAst(std::move(term.expression));
        sort->terms.push_back(std::move(t));
      }
      result->items.push_back(std::move(sort));
      return result;
    }
    case NodeType::kFocusBind: {
      NodePtr result = ProcessAst(std::move(expr->lhs));
      Node* step = LastStep(result.get());
      if (!step->stages.empty() || !step->predicates.empty())
        Throw("S0215", expr->position, "@");
      if (step->type == NodeType::kSort) Throw("S0216", expr->position, "@");
      step->focus = expr->rhs->op;
      step->tuple = true;
      return result;
    }
    case NodeType::kIndexBind: {
      NodePtr result = ProcessAst(std::move(expr->lhs));
      Node* step = LastStep(result.get());
      if (result->type != NodeType::kPath) {
        result = AsPath(std::move(result));
        step = result->items.back().get();
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
    case NodeType::kBind:
      expr->lhs = ProcessAst(std::move(expr->lhs));
      expr->rhs = ProcessAst(std::move(expr->rhs));
      return expr;
    case NodeType::kUnaryMinus: {
      expr->lhs = ProcessAst(std::move(expr->lhs));
      if (expr->lhs->type == NodeType::kNumber) {
        auto n = std::move(expr->lhs);
        n->literal = Value::Number(-n->literal.AsNumber());
        return n;
      }
      return expr;
    }
    case NodeType::kArrayConstructor:
    case NodeType::kBlock:
      for (auto& item : expr->items) item = ProcessAst(std::move(item));
      return expr;
    case NodeType::kObjectConstructor:
      for (auto& [k, v] : expr->pairs) {
        k = ProcessAst(std::move(k));
        v = ProcessAst(std::move(v));
      }
      return expr;
    case NodeType::kFunction:
    case NodeType::kPartial:
      expr->lhs = ProcessAst(std::move(expr->lhs));
      for (auto& item : expr->items) item = ProcessAst(std::move(item));
      return expr;
    case NodeType::kLambda:
      expr->lhs = TailCallOptimize(ProcessAst(std::move(expr->lhs)));
      return expr;
    case NodeType::kCondition:
      expr->lhs = ProcessAst(std::move(expr->lhs));
      expr->rhs = ProcessAst(std::move(expr->rhs));
      if (expr->third) expr->third = ProcessAst(std::move(expr->third));
      return expr;
    case NodeType::kTransform:
      expr->lhs = ProcessAst(std::move(expr->lhs));
      expr->rhs = ProcessAst(std::move(expr->rhs));
      if (expr->third) expr->third = ProcessAst(std::move(expr->third));
      return expr;
    case NodeType::kName:
      return AsPath(std::move(expr));
    case NodeType::kParent:
      Throw("X0001", expr->position, "%",
            "The parent operator % is not supported yet by sfnsim's JSONata engine");
    default:
      return expr;
  }
}

}  // namespace asl::jsonata
