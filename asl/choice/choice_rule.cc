#include "asl/choice/choice_rule.h"

#include <fmt/format.h>

#include <optional>
#include <string_view>
#include <vector>

#include "asl/base/error_names.h"
#include "asl/base/timestamp.h"
#include "asl/choice/comparison.h"
#include "asl/path/json_path.h"

namespace asl {

namespace {

enum class Family : uint8_t {
  kString,
  kStringMatches,
  kNumeric,
  kBoolean,
  kTimestamp,
  kIsNull,
  kIsPresent,
  kIsNumeric,
  kIsString,
  kIsBoolean,
  kIsTimestamp,
};

enum class Relation : uint8_t { kEquals, kLessThan, kGreaterThan, kLessThanEquals, kGreaterThanEquals };

struct OperatorInfo {
  std::string_view name;
  Family family;
  Relation relation;
  bool path;  // the …Path variant: the value is a path into the input, not a literal
};

// The comparison operators of https://states-language.net/spec.html#choice-state
// and https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
constexpr OperatorInfo kOperators[] = {
    {"StringEquals", Family::kString, Relation::kEquals, false},
    {"StringEqualsPath", Family::kString, Relation::kEquals, true},
    {"StringLessThan", Family::kString, Relation::kLessThan, false},
    {"StringLessThanPath", Family::kString, Relation::kLessThan, true},
    {"StringGreaterThan", Family::kString, Relation::kGreaterThan, false},
    {"StringGreaterThanPath", Family::kString, Relation::kGreaterThan, true},
    {"StringLessThanEquals", Family::kString, Relation::kLessThanEquals, false},
    {"StringLessThanEqualsPath", Family::kString, Relation::kLessThanEquals, true},
    {"StringGreaterThanEquals", Family::kString, Relation::kGreaterThanEquals, false},
    {"StringGreaterThanEqualsPath", Family::kString, Relation::kGreaterThanEquals, true},
    {"StringMatches", Family::kStringMatches, Relation::kEquals, false},
    {"NumericEquals", Family::kNumeric, Relation::kEquals, false},
    {"NumericEqualsPath", Family::kNumeric, Relation::kEquals, true},
    {"NumericLessThan", Family::kNumeric, Relation::kLessThan, false},
    {"NumericLessThanPath", Family::kNumeric, Relation::kLessThan, true},
    {"NumericGreaterThan", Family::kNumeric, Relation::kGreaterThan, false},
    {"NumericGreaterThanPath", Family::kNumeric, Relation::kGreaterThan, true},
    {"NumericLessThanEquals", Family::kNumeric, Relation::kLessThanEquals, false},
    {"NumericLessThanEqualsPath", Family::kNumeric, Relation::kLessThanEquals, true},
    {"NumericGreaterThanEquals", Family::kNumeric, Relation::kGreaterThanEquals, false},
    {"NumericGreaterThanEqualsPath", Family::kNumeric, Relation::kGreaterThanEquals, true},
    {"BooleanEquals", Family::kBoolean, Relation::kEquals, false},
    {"BooleanEqualsPath", Family::kBoolean, Relation::kEquals, true},
    {"TimestampEquals", Family::kTimestamp, Relation::kEquals, false},
    {"TimestampEqualsPath", Family::kTimestamp, Relation::kEquals, true},
    {"TimestampLessThan", Family::kTimestamp, Relation::kLessThan, false},
    {"TimestampLessThanPath", Family::kTimestamp, Relation::kLessThan, true},
    {"TimestampGreaterThan", Family::kTimestamp, Relation::kGreaterThan, false},
    {"TimestampGreaterThanPath", Family::kTimestamp, Relation::kGreaterThan, true},
    {"TimestampLessThanEquals", Family::kTimestamp, Relation::kLessThanEquals, false},
    {"TimestampLessThanEqualsPath", Family::kTimestamp, Relation::kLessThanEquals, true},
    {"TimestampGreaterThanEquals", Family::kTimestamp, Relation::kGreaterThanEquals, false},
    {"TimestampGreaterThanEqualsPath", Family::kTimestamp, Relation::kGreaterThanEquals, true},
    {"IsNull", Family::kIsNull, Relation::kEquals, false},
    {"IsPresent", Family::kIsPresent, Relation::kEquals, false},
    {"IsNumeric", Family::kIsNumeric, Relation::kEquals, false},
    {"IsString", Family::kIsString, Relation::kEquals, false},
    {"IsBoolean", Family::kIsBoolean, Relation::kEquals, false},
    {"IsTimestamp", Family::kIsTimestamp, Relation::kEquals, false},
};

const OperatorInfo* FindOperator(std::string_view name) {
  for (const OperatorInfo& info : kOperators) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

bool IsBooleanOperator(std::string_view name) {
  return name == "And" || name == "Or" || name == "Not";
}

// Every field a choice rule may carry, for "did you mean" suggestions.
const std::vector<std::string>& KnownFields() {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> all = {"And", "Or", "Not", "Variable", "Next", "Comment"};
    for (const OperatorInfo& info : kOperators) all.emplace_back(info.name);
    return all;
  }();
  return fields;
}

bool Holds(Relation relation, int order) {
  switch (relation) {
    case Relation::kEquals: return order == 0;
    case Relation::kLessThan: return order < 0;
    case Relation::kGreaterThan: return order > 0;
    case Relation::kLessThanEquals: return order <= 0;
    case Relation::kGreaterThanEquals: return order >= 0;
  }
  return false;
}

}  // namespace

struct ChoiceRuleNode {
  enum class Kind : uint8_t { kAnd, kOr, kNot, kComparison };
  Kind kind = Kind::kComparison;
  std::vector<ChoiceRuleNode> children;  // And/Or: every operand; Not: exactly one

  // Comparisons only.
  const OperatorInfo* op = nullptr;
  JsonPath variable;
  JsonPath operand;             // the …Path variants
  std::string string_literal;   // String*
  Json number_literal;          // Numeric*
  bool bool_literal = false;    // BooleanEquals and the Is* tests
  Instant timestamp_literal;    // Timestamp*
  StringPattern pattern;        // StringMatches
};

namespace {

// --- Compiling -------------------------------------------------------------------------------

class RuleCompiler {
 public:
  explicit RuleCompiler(DiagnosticList& diagnostics) : diagnostics_(diagnostics) {}

  bool uses_context() const { return uses_context_; }

  ChoiceRuleNode Compile(const Json& rule, const std::string& pointer, bool top_level) {
    ChoiceRuleNode node;
    if (!rule.is_object()) {
      Add(DiagnosticCode::kWrongType, pointer,
          fmt::format("a choice rule must be an object, got {}", TypeName(rule)));
      return node;
    }

    // 1. Sort the fields: operators, Variable, Next, Comment; anything else is unknown.
    std::vector<std::string_view> operators;
    const Json* variable = nullptr;
    bool has_next = false;
    for (const auto& [key, value] : rule.items()) {
      const std::string field_pointer = PointerJoin(pointer, key);
      if (IsBooleanOperator(key) || FindOperator(key) != nullptr) {
        operators.push_back(key);
      } else if (key == "Variable") {
        variable = &value;
      } else if (key == "Next") {
        has_next = true;
        if (!top_level) {
          Add(DiagnosticCode::kChoiceTopLevelNext, field_pointer,
              "a nested choice rule must not have a \"Next\" field");
        } else if (!value.is_string()) {
          Add(DiagnosticCode::kWrongType, field_pointer, MustBe("Next", "a string", value));
        }
      } else if (key == "Comment") {
        if (!value.is_string()) {
          Add(DiagnosticCode::kWrongType, field_pointer, MustBe("Comment", "a string", value));
        }
      } else if (key == "Assign" && top_level) {
        // The rule's workflow variables: asl/validate reads them with the state's language.
      } else {
        std::string message = fmt::format("unknown field \"{}\" in a choice rule", key);
        if (std::string guess = SpellCheck(key, KnownFields()); !guess.empty()) {
          message += fmt::format(" (did you mean \"{}\"?)", guess);
        }
        Add(DiagnosticCode::kUnknownField, field_pointer, std::move(message));
      }
    }
    if (top_level && !has_next) {
      Add(DiagnosticCode::kChoiceTopLevelNext, pointer,
          "a top-level choice rule must have a \"Next\" field");
    }

    // 2. Exactly one operator: And, Or, Not, or one comparison.
    if (operators.empty()) {
      if (variable != nullptr) {
        CompilePath("Variable", *variable, PointerJoin(pointer, "Variable"));
        Add(DiagnosticCode::kChoiceRuleShape, pointer,
            "a comparison must have exactly one comparison operator, found none");
      } else {
        Add(DiagnosticCode::kChoiceRuleShape, pointer,
            "a choice rule must have \"And\", \"Or\", \"Not\", or \"Variable\" with a "
            "comparison operator");
      }
      return node;
    }
    if (operators.size() > 1) {
      if (variable != nullptr) CompilePath("Variable", *variable, PointerJoin(pointer, "Variable"));
      std::string found;
      for (std::string_view name : operators) {
        found += fmt::format("{}\"{}\"", found.empty() ? "" : ", ", name);
      }
      Add(DiagnosticCode::kChoiceRuleShape, pointer,
          fmt::format("a choice rule must have exactly one operator, found {}", found));
      // Still check each operator's value, to report every problem at once.
      for (std::string_view name : operators) {
        ChoiceRuleNode ignored;
        const std::string value_pointer = PointerJoin(pointer, name);
        if (IsBooleanOperator(name)) {
          CompileBoolean(ignored, name, rule.at(std::string(name)), value_pointer);
        } else {
          ignored.op = FindOperator(name);
          CompileOperand(ignored, rule.at(std::string(name)), value_pointer);
        }
      }
      return node;
    }

    const std::string_view name = operators.front();
    const Json& value = rule.at(std::string(name));
    const std::string value_pointer = PointerJoin(pointer, name);
    if (IsBooleanOperator(name)) {
      if (variable != nullptr) {
        Add(DiagnosticCode::kChoiceRuleShape, PointerJoin(pointer, "Variable"),
            fmt::format("field \"Variable\" cannot be used with \"{}\"", name));
      }
      CompileBoolean(node, name, value, value_pointer);
      return node;
    }

    node.kind = ChoiceRuleNode::Kind::kComparison;
    node.op = FindOperator(name);
    if (variable == nullptr) {
      Add(DiagnosticCode::kMissingField, pointer,
          fmt::format("the comparison \"{}\" needs a \"Variable\" field", name));
    } else if (auto path = CompilePath("Variable", *variable, PointerJoin(pointer, "Variable"))) {
      node.variable = std::move(*path);
    }
    CompileOperand(node, value, value_pointer);
    return node;
  }

 private:
  void Add(DiagnosticCode code, std::string pointer, std::string message,
           Severity severity = Severity::kError) {
    diagnostics_.Add(code, std::move(pointer), std::move(message), severity);
  }

  static std::string MustBe(std::string_view field, std::string_view what, const Json& value) {
    return fmt::format("field \"{}\" must be {}, got {}", field, what, TypeName(value));
  }

  void CompileBoolean(ChoiceRuleNode& node, std::string_view name, const Json& value,
                      const std::string& pointer) {
    if (name == "Not") {
      node.kind = ChoiceRuleNode::Kind::kNot;
      if (!value.is_object()) {
        Add(DiagnosticCode::kWrongType, pointer, MustBe(name, "an object", value));
        return;
      }
      node.children.push_back(Compile(value, pointer, /*top_level=*/false));
      return;
    }
    node.kind = name == "And" ? ChoiceRuleNode::Kind::kAnd : ChoiceRuleNode::Kind::kOr;
    if (!value.is_array()) {
      Add(DiagnosticCode::kWrongType, pointer, MustBe(name, "an array", value));
      return;
    }
    if (value.empty()) {
      Add(DiagnosticCode::kChoiceRuleShape, pointer,
          fmt::format("field \"{}\" must be a non-empty array of choice rules", name));
      return;
    }
    node.children.reserve(value.size());
    for (size_t i = 0; i < value.size(); ++i) {
      node.children.push_back(Compile(value[i], PointerJoin(pointer, i), /*top_level=*/false));
    }
  }

  // Variable and the …Path operands: a string holding a reference path.
  std::optional<JsonPath> CompilePath(std::string_view field, const Json& value,
                                      const std::string& pointer) {
    if (!value.is_string()) {
      Add(DiagnosticCode::kWrongType, pointer, MustBe(field, "a string", value));
      return std::nullopt;
    }
    const std::string& text = value.get_ref<const std::string&>();
    auto parsed = JsonPath::Parse(text);
    if (!parsed.ok()) {
      Add(DiagnosticCode::kInvalidJsonPath, pointer,
          fmt::format("field \"{}\" is not a valid JSONPath (\"{}\"): {}", field, text,
                      parsed.error()));
      return std::nullopt;
    }
    // "The values of Variable and Path fields in a comparison must be valid reference paths."
    // https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
    if (!parsed->is_definite()) {
      Add(DiagnosticCode::kInvalidReferencePath, pointer,
          fmt::format("field \"{}\" must be a reference path (names and array indexes only), "
                      "got \"{}\"",
                      field, text));
      return std::nullopt;
    }
    if (parsed->is_context()) uses_context_ = true;
    return std::move(parsed).value();
  }

  // The operator's value: a literal of the operator's type, or a path for the …Path variants.
  void CompileOperand(ChoiceRuleNode& node, const Json& value, const std::string& pointer) {
    const OperatorInfo& op = *node.op;
    if (op.path) {
      if (auto path = CompilePath(op.name, value, pointer)) node.operand = std::move(*path);
      return;
    }
    switch (op.family) {
      case Family::kString:
        if (!value.is_string()) {
          Add(DiagnosticCode::kWrongType, pointer, MustBe(op.name, "a string", value));
          return;
        }
        node.string_literal = value.get<std::string>();
        return;
      case Family::kStringMatches:
        if (!value.is_string()) {
          Add(DiagnosticCode::kWrongType, pointer, MustBe(op.name, "a string", value));
          return;
        }
        node.pattern = StringPattern::Compile(value.get_ref<const std::string&>());
        if (node.pattern.open_escape()) {
          // The spec makes this a runtime error, so AWS accepts the definition: warn only.
          Add(DiagnosticCode::kInvalidValue, pointer,
              "field \"StringMatches\" has a \"\\\" that escapes neither \"*\" nor \"\\\"; "
              "evaluating it fails with States.Runtime",
              Severity::kWarning);
        }
        return;
      case Family::kNumeric:
        if (!value.is_number()) {
          Add(DiagnosticCode::kWrongType, pointer, MustBe(op.name, "a number", value));
          return;
        }
        node.number_literal = value;
        return;
      case Family::kTimestamp: {
        if (!value.is_string()) {
          Add(DiagnosticCode::kWrongType, pointer, MustBe(op.name, "a string", value));
          return;
        }
        const std::string& text = value.get_ref<const std::string&>();
        std::optional<Instant> instant = ParseRfc3339(text);
        if (!instant) {
          Add(DiagnosticCode::kInvalidTimestamp, pointer,
              fmt::format("field \"{}\" must be an RFC 3339 timestamp such as "
                          "\"2016-03-14T01:59:00Z\", got \"{}\"",
                          op.name, text));
          return;
        }
        node.timestamp_literal = *instant;
        return;
      }
      case Family::kBoolean:
      case Family::kIsNull:
      case Family::kIsPresent:
      case Family::kIsNumeric:
      case Family::kIsString:
      case Family::kIsBoolean:
      case Family::kIsTimestamp:
        if (!value.is_boolean()) {
          Add(DiagnosticCode::kWrongType, pointer, MustBe(op.name, "a boolean", value));
          return;
        }
        node.bool_literal = value.get<bool>();
        return;
    }
  }

  DiagnosticList& diagnostics_;
  bool uses_context_ = false;
};

// --- Evaluating ------------------------------------------------------------------------------

// The node a reference path selects, or nullptr. Without a Context object, "$$" paths select
// nothing (callers provide it whenever uses_context() is true).
const Json* Select(const JsonPath& path, const EvalContext& context) {
  const Json* root = path.Root(context);
  return root ? path.Find(*root) : nullptr;
}

// AWS's failure when a Variable or …Path operand selects nothing.
Error InvalidPath(const JsonPath& path) {
  return Error(std::string(errors::kRuntime),
               fmt::format("Invalid path '{}': The choice state's condition path references an "
                           "invalid value.",
                           path.text()));
}

Result<bool> EvaluateComparison(const ChoiceRuleNode& node, const EvalContext& context) {
  const OperatorInfo& op = *node.op;
  const Json* value = Select(node.variable, context);
  // IsPresent alone tolerates a Variable that selects nothing.
  if (op.family == Family::kIsPresent) return (value != nullptr) == node.bool_literal;
  if (value == nullptr) return Fail(InvalidPath(node.variable));

  const Json* other = nullptr;
  if (op.path) {
    other = Select(node.operand, context);
    if (other == nullptr) return Fail(InvalidPath(node.operand));
  }

  // "For each operator which compares values, if the values are not both of the appropriate
  // type ... the comparison will return false."
  switch (op.family) {
    case Family::kString: {
      if (!value->is_string()) return false;
      std::string_view rhs;
      if (other != nullptr) {
        if (!other->is_string()) return false;
        rhs = other->get_ref<const std::string&>();
      } else {
        rhs = node.string_literal;
      }
      return Holds(op.relation, CompareStrings(value->get_ref<const std::string&>(), rhs));
    }
    case Family::kStringMatches:
      if (!value->is_string()) return false;
      if (node.pattern.open_escape()) {
        // The spec: "If an open escape backslash \ is found in the StringMatches string, the
        // interpreter will throw a runtime error." AWS's cause text is not documented; this
        // one is sfnsim's.
        return Fail(Error(std::string(errors::kRuntime),
                          "The StringMatches pattern contains an open escape backslash."));
      }
      return node.pattern.Matches(value->get_ref<const std::string&>());
    case Family::kNumeric: {
      if (!value->is_number()) return false;
      const Json& rhs = other != nullptr ? *other : node.number_literal;
      if (!rhs.is_number()) return false;
      return Holds(op.relation, CompareNumbers(*value, rhs));
    }
    case Family::kBoolean: {
      if (!value->is_boolean()) return false;
      if (other != nullptr) return other->is_boolean() && *other == *value;
      return value->get<bool>() == node.bool_literal;
    }
    case Family::kTimestamp: {
      if (!value->is_string()) return false;
      std::optional<Instant> lhs = ParseRfc3339(value->get_ref<const std::string&>());
      if (!lhs) return false;
      Instant rhs = node.timestamp_literal;
      if (other != nullptr) {
        if (!other->is_string()) return false;
        std::optional<Instant> parsed = ParseRfc3339(other->get_ref<const std::string&>());
        if (!parsed) return false;
        rhs = *parsed;
      }
      const auto order = *lhs <=> rhs;
      return Holds(op.relation, order < 0 ? -1 : order > 0 ? 1 : 0);
    }
    case Family::kIsNull: return value->is_null() == node.bool_literal;
    case Family::kIsNumeric: return value->is_number() == node.bool_literal;
    case Family::kIsString: return value->is_string() == node.bool_literal;
    case Family::kIsBoolean: return value->is_boolean() == node.bool_literal;
    case Family::kIsTimestamp: {
      const bool is_timestamp =
          value->is_string() && ParseRfc3339(value->get_ref<const std::string&>()).has_value();
      return is_timestamp == node.bool_literal;
    }
    case Family::kIsPresent: break;  // handled above
  }
  return false;
}

// And/Or stop as soon as the result is known ("ceasing array processing when the boolean value
// has been unambiguously determined"), so a later operand's error is not raised.
Result<bool> EvaluateNode(const ChoiceRuleNode& node, const EvalContext& context) {
  switch (node.kind) {
    case ChoiceRuleNode::Kind::kAnd:
      for (const ChoiceRuleNode& child : node.children) {
        if (!TRY(EvaluateNode(child, context))) return false;
      }
      return true;
    case ChoiceRuleNode::Kind::kOr:
      for (const ChoiceRuleNode& child : node.children) {
        if (TRY(EvaluateNode(child, context))) return true;
      }
      return false;
    case ChoiceRuleNode::Kind::kNot:
      return !TRY(EvaluateNode(node.children.front(), context));
    case ChoiceRuleNode::Kind::kComparison:
      return EvaluateComparison(node, context);
  }
  return false;
}

size_t CountErrors(const DiagnosticList& diagnostics) {
  size_t errors = 0;
  for (const Diagnostic& d : diagnostics.items()) errors += d.severity == Severity::kError;
  return errors;
}

}  // namespace

ChoiceRule::ChoiceRule() = default;
ChoiceRule::ChoiceRule(ChoiceRule&&) noexcept = default;
ChoiceRule& ChoiceRule::operator=(ChoiceRule&&) noexcept = default;
ChoiceRule::~ChoiceRule() = default;

// https://states-language.net/spec.html#choice-state
ChoiceRule ChoiceRule::Compile(const Json& rule, const std::string& pointer, bool top_level,
                               DiagnosticList& diagnostics) {
  const size_t errors_before = CountErrors(diagnostics);
  RuleCompiler compiler(diagnostics);
  ChoiceRuleNode root = compiler.Compile(rule, pointer, top_level);
  ChoiceRule compiled;
  if (CountErrors(diagnostics) != errors_before) return compiled;
  compiled.root_ = std::make_unique<ChoiceRuleNode>(std::move(root));
  compiled.uses_context_ = compiler.uses_context();
  return compiled;
}

// https://states-language.net/spec.html#choice-state
Result<bool> ChoiceRule::Evaluate(const EvalContext& context) const {
  if (root_ == nullptr) {
    return Fail(Error(std::string(errors::kRuntime), "The choice rule was not compiled."));
  }
  return EvaluateNode(*root_, context);
}

}  // namespace asl
