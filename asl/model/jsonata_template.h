#pragma once
// A field of a JSONata state as written: any JSON value in which every string of the form
// "{% expression %}" -- the whole field or any member or element inside it -- is a JSONata
// expression, compiled once when the definition is loaded.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
//
// Evaluating it builds the value, each expression replaced by its result. A failure names the
// expression and where in the field it stands ("Output/FunctionResult", "Items", "Arguments/a[0]"),
// the location AWS writes in the EvaluationFailed event and the cause text.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/jsonata/jsonata.h"

namespace asl {

class JsonataTemplate {
 public:
  // A syntax error in one expression of the field: `pointer` is relative to the field ("" for
  // the field itself, "/a/0" for a member), `source` the expression without its delimiters.
  struct CompileIssue {
    std::string pointer;
    std::string source;
    jsonata::Error error;
  };
  // Why an evaluation failed: the expression as written, its location in the field (the field
  // name, then "/key" for object members and "[i]" for array elements, as AWS names them), and
  // either the engine's error or, when it yielded nothing, `undefined`.
  struct Failure {
    std::string expression;
    std::string location;
    std::optional<jsonata::Error> error;  // nullopt: the expression returned nothing (undefined)
  };

  // Whether `value` is a string "{% … %}" (surrounding whitespace inside the braces allowed).
  static bool IsExpression(const Json& value);

  // Compiles every expression of `value`; all syntax errors are collected.
  static std::optional<JsonataTemplate> Compile(const Json& value, std::string field_name,
                                                std::vector<CompileIssue>& issues);

  // Builds the value. `options.bindings` carries $states (and later the workflow variables).
  // Returns nullopt and fills `failure` when an expression fails or yields nothing.
  std::optional<Json> Evaluate(const jsonata::EvaluateOptions& options, Failure& failure) const;
  // The same, but when the field is one expression whose value is a document the options lent
  // (`"Items": "{% $states.input.rows %}"`) that document is returned, not copied; otherwise
  // the value is built in `storage`. nullptr on failure.
  const Json* EvaluateBorrowing(const jsonata::EvaluateOptions& options, Json& storage,
                                Failure& failure) const;

  // The whole field is one expression (not a template holding some): its text.
  bool is_expression() const { return root_.kind == Node::Kind::kExpression; }
  const std::string& field_name() const { return field_name_; }
  // The source of every expression in the field, in document order (for what they read).
  std::vector<std::string_view> Sources() const;
  // Whether an expression may read $states.context (`$states.context…`, or `$states` used
  // whole): the Context object is built only then.
  bool reads_context() const { return reads_context_; }
  // Every free `$name` the field's expressions read, without repeats (not `states`).
  const std::vector<std::string>& variables() const { return variables_; }

 private:
  struct Node {
    enum class Kind : uint8_t { kLiteral, kExpression, kObject, kArray } kind = Kind::kLiteral;
    Json literal;                             // kLiteral: the value, copied as is
    std::string source;                       // kExpression
    std::optional<jsonata::Expression> expression;
    std::vector<std::string> keys;            // kObject: member names, in order
    std::vector<Node> children;               // kObject / kArray
    bool has_expression = false;              // anything below is evaluated
  };

  static Node CompileNode(const Json& value, const std::string& pointer,
                          std::vector<CompileIssue>& issues);
  bool EvaluateNode(const Node& node, jsonata::Session& session,
                    std::string& location, Json& out, Failure& failure) const;
  static void CollectSources(const Node& node, std::vector<std::string_view>& out);
  void CollectReferences(const Node& node);
  // Moves an expression's value into `out` (numbers normalised), or fills `failure` when it
  // failed or yielded nothing.
  static bool TakeResult(jsonata::Evaluation& result, const Node& node,
                         const std::string& location, Json& out, Failure& failure);

  std::string field_name_;
  Node root_;
  bool reads_context_ = false;
  std::vector<std::string> variables_;
};

}  // namespace asl
