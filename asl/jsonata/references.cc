// Expression::ReferencedVariables: the free `$name`s of an expression, for validation (which
// functions a definition calls, which `$states` fields a state reads).
//
// Scopes follow the evaluator's frames: a block, a lambda's parameters and a path's `@$x` /
// `#$i` bindings. A `:=` binds from that point on in its scope, so `$x` read before
// `($x := 1)` in the same block is free. A lambda's body runs after its definition and sees
// what its enclosing scopes bind later (a recursive `$f := function(){ $f() }`), so references
// inside lambda bodies are judged against the scopes' final contents.

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "asl/jsonata/ast.h"
#include "asl/jsonata/jsonata.h"

namespace asl::jsonata {
namespace {

struct ReferenceScope {
  ReferenceScope* parent = nullptr;
  std::set<std::string, std::less<>> names;

  bool Binds(std::string_view name) const {
    for (const ReferenceScope* s = this; s != nullptr; s = s->parent)
      if (s->names.contains(name)) return true;
    return false;
  }
};

class ReferenceCollector {
 public:
  std::vector<VariableReference> Run(const Node* root) {
    Walk(root, NewScope(nullptr));
    std::vector<VariableReference> out;
    for (auto& pending : pending_) {
      if (pending.deferred && pending.scope->Binds(pending.ref.name)) continue;
      out.push_back(std::move(pending.ref));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.position < b.position; });
    return out;
  }

 private:
  struct Pending {
    VariableReference ref;
    ReferenceScope* scope;
    bool deferred;
  };

  ReferenceScope* NewScope(ReferenceScope* parent) {
    scopes_.push_back(std::make_unique<ReferenceScope>());
    scopes_.back()->parent = parent;
    return scopes_.back().get();
  }

  void Reference(const Node* variable, ReferenceScope* scope, bool called,
                 std::vector<std::string> fields = {}) {
    const std::string& name = variable->op;
    if (name.empty() || name == "$") return;  // `$` and `$$`: the context and the root
    if (lambda_depth_ == 0 && scope->Binds(name)) return;
    pending_.push_back(Pending{VariableReference{name, variable->position, called,
                                                 std::move(fields)},
                               scope, lambda_depth_ > 0});
  }

  // The callee of a call or partial application: `$f(...)` (a variable, possibly wrapped in a
  // one-step path) is a called reference; anything else is walked as an expression.
  void WalkCallee(const Node* procedure, ReferenceScope* scope) {
    const Node* p = procedure;
    if (p->type == NodeType::kPath && p->items.size() == 1 && p->stages.empty() &&
        p->predicates.empty() && !p->has_group)
      p = p->items[0].get();
    if (p->type == NodeType::kVariable) {
      Reference(p, scope, /*called=*/true);
      return;
    }
    Walk(procedure, scope);
  }

  void WalkPath(const Node* path, ReferenceScope* outer) {
    ReferenceScope* scope = NewScope(outer);
    const auto& steps = path->items;
    for (size_t i = 0; i < steps.size(); ++i) {
      const Node* step = steps[i].get();
      if (i == 0 && step->type == NodeType::kVariable) {
        std::vector<std::string> fields;
        for (size_t k = 1; k < steps.size() && steps[k]->type == NodeType::kName; ++k) {
          fields.push_back(steps[k]->op);
          if (!steps[k]->stages.empty() || !steps[k]->focus.empty() || !steps[k]->index.empty())
            break;
        }
        Reference(step, scope, /*called=*/false, std::move(fields));
        WalkAttachments(step, scope);
      } else {
        Walk(step, scope);
      }
      if (!step->focus.empty()) scope->names.insert(step->focus);
      if (!step->index.empty()) scope->names.insert(step->index);
    }
    WalkAttachments(path, scope);
  }

  // Predicates, stages and group-by attached to a node (walked after the node itself).
  void WalkAttachments(const Node* node, ReferenceScope* scope) {
    for (const auto& stage : node->stages) {
      if (stage.filter) Walk(stage.filter.get(), scope);
      if (stage.is_index) scope->names.insert(stage.index_var);
    }
    for (const auto& predicate : node->predicates) Walk(predicate.get(), scope);
    for (const auto& [key, value] : node->group) {
      Walk(key.get(), scope);
      Walk(value.get(), scope);
    }
  }

  void Walk(const Node* node, ReferenceScope* scope) {
    if (node == nullptr) return;
    switch (node->type) {
      case NodeType::kPath:
        WalkPath(node, scope);
        return;
      case NodeType::kVariable:
        Reference(node, scope, /*called=*/false);
        break;
      case NodeType::kBlock: {
        ReferenceScope* block = NewScope(scope);
        for (const auto& item : node->items) Walk(item.get(), block);
        break;
      }
      case NodeType::kBind:
        Walk(node->rhs.get(), scope);
        scope->names.insert(node->lhs->op);
        break;
      case NodeType::kLambda: {
        if (node->thunk) {  // a tail call the post-parse pass wrapped: not a new function
          Walk(node->lhs.get(), scope);
          break;
        }
        ReferenceScope* params = NewScope(scope);
        for (const auto& param : node->params) params->names.insert(param);
        ++lambda_depth_;
        Walk(node->lhs.get(), params);
        --lambda_depth_;
        break;
      }
      case NodeType::kFunction:
      case NodeType::kPartial:
        WalkCallee(node->lhs.get(), scope);
        for (const auto& arg : node->items) Walk(arg.get(), scope);
        break;
      case NodeType::kApply:
        Walk(node->lhs.get(), scope);
        if (node->rhs->type == NodeType::kVariable) {
          Reference(node->rhs.get(), scope, /*called=*/true);
        } else {
          Walk(node->rhs.get(), scope);
        }
        break;
      default:
        Walk(node->lhs.get(), scope);
        Walk(node->rhs.get(), scope);
        Walk(node->third.get(), scope);
        for (const auto& item : node->items) Walk(item.get(), scope);
        for (const auto& [key, value] : node->pairs) {
          Walk(key.get(), scope);
          Walk(value.get(), scope);
        }
        for (const auto& term : node->terms) Walk(term.expression.get(), scope);
        break;
    }
    WalkAttachments(node, scope);
  }

  std::vector<std::unique_ptr<ReferenceScope>> scopes_;
  std::vector<Pending> pending_;
  int lambda_depth_ = 0;
};

}  // namespace

std::vector<VariableReference> Expression::ReferencedVariables() const {
  return ReferenceCollector().Run(ast_.get());
}

}  // namespace asl::jsonata
