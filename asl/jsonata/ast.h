#pragma once
// The compiled form of a JSONata expression: the parser's tree after the reference's
// post-processing (paths flattened into steps, predicates attached as stages, tail calls
// marked). Built once; evaluation only reads it.

#include <memory>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "asl/jsonata/value.h"

namespace asl::jsonata {

struct Signature;

enum class NodeType {
  kPath,
  kBinary,
  kUnaryMinus,
  kArrayConstructor,
  kObjectConstructor,
  kName,
  kString,
  kNumber,
  kValue,  // true / false / null
  kWildcard,
  kDescendant,
  kParent,
  kVariable,
  kRegex,
  kFunction,  // a call
  kPartial,
  kLambda,
  kCondition,
  kTransform,
  kBlock,
  kBind,
  kApply,
  kSort,
  kPlaceholder,  // `?` in a partial application
  // Parse-only forms, rewritten before evaluation.
  kGroupBy,
  kPredicate,
  kFocusBind,
  kIndexBind,
  kSortBy,
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

// The parent operator `%` resolved at parse time (the reference's ancestry slots): `level` counts
// the steps still to walk back, and the step it lands on binds the step's input under `label`
// in the tuple stream, where `%` reads it.
struct ParentSlot {
  std::string label;  // "!0", "!1", ...: never a valid variable name
  int level = 1;
  int index = 0;
};
using ParentSlotPtr = std::shared_ptr<ParentSlot>;
// Shared, as the reference shares one array between a node and the node that inherits it.
using ParentSlots = std::shared_ptr<std::vector<ParentSlotPtr>>;

struct Stage {
  bool is_index = false;  // `#$var` binding; otherwise a filter
  NodePtr filter;
  std::string index_var;
  int position = 0;
};

struct SortTerm {
  NodePtr expression;
  bool descending = false;
};

struct Node {
  NodeType type;
  int position = 0;
  std::string op;    // binary operator; name / variable / string text
  Value literal;     // string, number, value literals
  NodePtr lhs, rhs;  // binary, bind, apply; condition's then/else in rhs/third
  NodePtr third;
  std::vector<NodePtr> items;  // path steps, arguments, block/array expressions
  std::vector<std::pair<NodePtr, NodePtr>> pairs;  // object constructor / group-by
  int group_position = 0;
  bool has_group = false;
  std::vector<std::pair<NodePtr, NodePtr>> group;  // `{...}` applied to a step
  std::vector<Stage> stages;  // predicates on a path step
  std::vector<NodePtr> predicates;  // predicates on a non-path expression
  std::vector<SortTerm> terms;
  std::vector<std::string> params;  // lambda parameters
  std::shared_ptr<Signature> signature;
  std::shared_ptr<std::regex> regex;
  std::string regex_flags;
  std::string focus;  // `@$var`
  std::string index;  // `#$var` on a step (not a stage)
  bool keep_array = false;
  bool keep_singleton_array = false;
  bool consarray = false;
  bool tuple = false;
  bool thunk = false;
  // The parent operator's pass (last: evaluation reads the fields above on every node).
  ParentSlotPtr slot;          // kParent
  ParentSlotPtr ancestor;      // a step that binds its input for a `%` further on
  ParentSlots seeking_parent;  // `%`s inside not yet resolved to a step (null = none)

  Node(NodeType t, int pos) : type(t), position(pos) {}
};

}  // namespace asl::jsonata
