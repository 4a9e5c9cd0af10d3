// Parsing DynamoDB expressions (expression.h); evaluation is in expression_eval.cc.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "simulator/services/dynamodb/expression.h"
#include "simulator/services/dynamodb/expression_node.h"

namespace sim::dynamodb {

namespace {

using Kind = Node::Kind;

struct Token {
  enum class Type { kWord, kName, kValue, kNumber, kSymbol, kEnd } type = Type::kEnd;
  std::string text;
};

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view kind, Substitutions& subs)
      : text_(text), kind_(kind), subs_(subs) {
    Tokenize();
  }

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  NodePtr Condition() {
    NodePtr left = AndCondition();
    while (!failed() && Keyword("OR")) {
      NodePtr right = AndCondition();
      left = Binary(Kind::kOr, "OR", left, right);
    }
    return left;
  }

  NodePtr Operand() {
    if (failed()) return nullptr;
    const Token& t = Peek();
    if (t.type == Token::Type::kValue) {
      Next();
      return ValueNode(t.text);
    }
    if (t.type == Token::Type::kWord && Upper(t.text) == "SIZE" && PeekAt(1).text == "(") {
      Next();
      Next();
      auto node = std::make_shared<Node>();
      node->kind = Kind::kSize;
      node->path = ParsePath();
      Expect(")");
      return node;
    }
    if (t.type == Token::Type::kWord || t.type == Token::Type::kName) {
      auto node = std::make_shared<Node>();
      node->kind = Kind::kPath;
      node->path = ParsePath();
      return node;
    }
    Syntax();
    return nullptr;
  }

  // SET's right-hand side: operand [+|- operand], if_not_exists(path, value), list_append(a, b).
  NodePtr SetValue() {
    NodePtr left = SetTerm();
    if (failed()) return nullptr;
    if (Symbol("+")) return Binary(Kind::kPlus, "+", left, SetTerm());
    if (Symbol("-")) return Binary(Kind::kMinus, "-", left, SetTerm());
    return left;
  }

  Path ParsePath() {
    Path path;
    PathStep first;
    if (!Name(first.name)) return path;
    path.push_back(std::move(first));
    while (!failed()) {
      if (Symbol(".")) {
        PathStep step;
        if (!Name(step.name)) return path;
        path.push_back(std::move(step));
      } else if (Symbol("[")) {
        const Token& t = Peek();
        if (t.type != Token::Type::kNumber) {
          Syntax();
          return path;
        }
        Next();
        PathStep step;
        step.index = std::min<int64_t>(std::stoll(t.text.substr(0, 12)), 1000000000);
        path.push_back(std::move(step));
        Expect("]");
      } else {
        break;
      }
    }
    return path;
  }

  bool AtEnd() { return Peek().type == Token::Type::kEnd; }
  bool Keyword(const char* word) {
    if (Peek().type == Token::Type::kWord && Upper(Peek().text) == word) {
      Next();
      return true;
    }
    return false;
  }
  bool PeekKeyword(const char* word) {
    return Peek().type == Token::Type::kWord && Upper(Peek().text) == word;
  }
  bool Symbol(const char* symbol) {
    if (Peek().type == Token::Type::kSymbol && Peek().text == symbol) {
      Next();
      return true;
    }
    return false;
  }
  void Expect(const char* symbol) {
    if (!failed() && !Symbol(symbol)) Syntax();
  }
  void Syntax() {
    if (failed()) return;
    const Token& t = Peek();
    std::string token = t.type == Token::Type::kEnd ? "<EOF>" : t.text;
    Fail(fmt::format("Syntax error; token: \"{}\", near: \"{}\"", token, Near()));
  }
  void Fail(std::string message) {
    if (error_.empty()) error_ = fmt::format("Invalid {}: {}", kind_, message);
  }

 private:
  void Tokenize() {
    size_t i = 0;
    while (i < text_.size()) {
      char c = text_[i];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
        continue;
      }
      Token t;
      size_t start = i;
      auto word = [&](size_t from) {
        size_t j = from;
        while (j < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[j])) ||
                                    text_[j] == '_' || text_[j] == '-' )) {
          if (text_[j] == '-' && j == from) break;
          ++j;
        }
        return j;
      };
      if (c == '#' || c == ':') {
        i = word(i + 1);
        t.type = c == '#' ? Token::Type::kName : Token::Type::kValue;
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        while (i < text_.size() && std::isdigit(static_cast<unsigned char>(text_[i]))) ++i;
        t.type = Token::Type::kNumber;
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        while (i < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[i])) ||
                                    text_[i] == '_')) {
          ++i;
        }
        t.type = Token::Type::kWord;
      } else if ((c == '<' || c == '>') && i + 1 < text_.size() &&
                 (text_[i + 1] == '=' || (c == '<' && text_[i + 1] == '>'))) {
        i += 2;
        t.type = Token::Type::kSymbol;
      } else {
        ++i;
        t.type = Token::Type::kSymbol;
      }
      t.text = std::string(text_.substr(start, i - start));
      starts_.push_back(start);
      tokens_.push_back(std::move(t));
    }
    starts_.push_back(text_.size());
    tokens_.push_back(Token{});
  }

  const Token& Peek() const { return tokens_[pos_]; }
  const Token& PeekAt(size_t ahead) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  void Next() {
    if (pos_ + 1 < tokens_.size()) ++pos_;
  }
  // The tokens around the current one, as DynamoDB's "near" shows them.
  std::string Near() const {
    size_t from = pos_ > 0 ? pos_ - 1 : 0;
    size_t to = std::min(pos_ + 2, tokens_.size() - 1);
    return std::string(text_.substr(starts_[from], starts_[to] - starts_[from]));
  }

  bool Name(std::string& out) {
    const Token& t = Peek();
    if (t.type == Token::Type::kWord) {
      out = t.text;
      Next();
      return true;
    }
    if (t.type == Token::Type::kName) {
      Next();
      const asl::Json* names = subs_.names;
      auto it = names ? names->find(t.text) : asl::Json::const_iterator();
      if (!names || it == names->end() || !it->is_string()) {
        Fail(fmt::format("An expression attribute name used in the document path is not "
                         "defined; attribute name: {}", t.text));
        return false;
      }
      subs_.used_names.insert(t.text);
      out = it->get<std::string>();
      return true;
    }
    Syntax();
    return false;
  }

  NodePtr ValueNode(const std::string& name) {
    const asl::Json* values = subs_.values;
    auto it = values ? values->find(name) : asl::Json::const_iterator();
    if (!values || it == values->end()) {
      Fail(fmt::format("An expression attribute value used in expression is not defined; "
                       "attribute value: {}", name));
      return nullptr;
    }
    subs_.used_values.insert(name);
    auto node = std::make_shared<Node>();
    node->kind = Kind::kValue;
    node->value = *it;
    return node;
  }

  static NodePtr Binary(Kind kind, const char* op, NodePtr a, NodePtr b) {
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->op = op;
    node->args = {std::move(a), std::move(b)};
    return node;
  }

  NodePtr AndCondition() {
    NodePtr left = NotCondition();
    while (!failed() && Keyword("AND")) left = Binary(Kind::kAnd, "AND", left, NotCondition());
    return left;
  }

  NodePtr NotCondition() {
    if (failed()) return nullptr;
    if (Keyword("NOT")) {
      auto node = std::make_shared<Node>();
      node->kind = Kind::kNot;
      node->args = {NotCondition()};
      return node;
    }
    return Primary();
  }

  NodePtr Primary() {
    if (failed()) return nullptr;
    if (Symbol("(")) {
      NodePtr inner = Condition();
      Expect(")");
      return inner;
    }
    const Token& t = Peek();
    if (t.type == Token::Type::kWord && PeekAt(1).text == "(" && Upper(t.text) != "SIZE") {
      std::string name = t.text;
      Next();
      Next();
      auto node = std::make_shared<Node>();
      node->kind = Kind::kFunction;
      node->op = name;
      if (name != "attribute_exists" && name != "attribute_not_exists" &&
          name != "attribute_type" && name != "begins_with" && name != "contains") {
        Fail(fmt::format("Invalid function name; function: {}", name));
        return nullptr;
      }
      auto path = std::make_shared<Node>();
      path->kind = Kind::kPath;
      path->path = ParsePath();
      node->args.push_back(path);
      if (name != "attribute_exists" && name != "attribute_not_exists") {
        Expect(",");
        node->args.push_back(Operand());
      }
      Expect(")");
      return node;
    }
    NodePtr left = Operand();
    if (failed()) return nullptr;
    const Token& op = Peek();
    if (op.type == Token::Type::kSymbol &&
        (op.text == "=" || op.text == "<>" || op.text == "<" || op.text == "<=" ||
         op.text == ">" || op.text == ">=")) {
      std::string comparator = op.text;
      Next();
      auto node = std::make_shared<Node>();
      node->kind = Kind::kCompare;
      node->op = comparator;
      node->args = {left, Operand()};
      return node;
    }
    if (Keyword("BETWEEN")) {
      auto node = std::make_shared<Node>();
      node->kind = Kind::kBetween;
      NodePtr low = Operand();
      if (!Keyword("AND")) Syntax();
      node->args = {left, low, Operand()};
      return node;
    }
    if (Keyword("IN")) {
      auto node = std::make_shared<Node>();
      node->kind = Kind::kIn;
      node->args.push_back(left);
      Expect("(");
      do {
        node->args.push_back(Operand());
      } while (!failed() && Symbol(","));
      Expect(")");
      return node;
    }
    Syntax();
    return nullptr;
  }

  NodePtr SetTerm() {
    if (failed()) return nullptr;
    const Token& t = Peek();
    if (t.type == Token::Type::kWord && PeekAt(1).text == "(" &&
        (t.text == "if_not_exists" || t.text == "list_append")) {
      bool if_not_exists = t.text == "if_not_exists";
      Next();
      Next();
      auto node = std::make_shared<Node>();
      node->kind = if_not_exists ? Kind::kIfNotExists : Kind::kListAppend;
      node->args.push_back(if_not_exists ? PathOperand() : Operand());
      Expect(",");
      node->args.push_back(Operand());
      Expect(")");
      return node;
    }
    return Operand();
  }

  NodePtr PathOperand() {
    auto node = std::make_shared<Node>();
    node->kind = Kind::kPath;
    node->path = ParsePath();
    return node;
  }

  std::string_view text_;
  std::string_view kind_;
  Substitutions& subs_;
  std::vector<Token> tokens_;
  std::vector<size_t> starts_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

asl::Result<Condition, std::string> ParseCondition(std::string_view text, std::string_view kind,
                                                   Substitutions& subs) {
  Parser parser(text, kind, subs);
  if (parser.AtEnd()) {
    return asl::Fail(fmt::format("Invalid {}: The expression can not be empty;", kind));
  }
  NodePtr root = parser.Condition();
  if (!parser.failed() && !parser.AtEnd()) parser.Syntax();
  if (parser.failed()) return asl::Fail(parser.error());
  return Condition{root};
}

asl::Result<KeyCondition, std::string> ToKeyCondition(const Condition& condition,
                                                      std::string_view partition_key,
                                                      std::string_view sort_key) {
  std::vector<NodePtr> parts;
  const Node& root = *condition.root;
  if (root.kind == Kind::kAnd) {
    parts = {root.args[0], root.args[1]};
    if (parts[0]->kind == Kind::kAnd || parts[1]->kind == Kind::kAnd) {
      return asl::Fail(std::string(
          "Invalid KeyConditionExpression: The expression has too many conditions; it may name "
          "the partition key and the sort key once each"));
    }
  } else {
    parts = {condition.root};
  }
  KeyCondition out;
  for (const NodePtr& part : parts) {
    const Node& n = *part;
    std::string_view name;
    if ((n.kind == Kind::kCompare || n.kind == Kind::kBetween) && n.args[0]->kind == Kind::kPath &&
        n.args[0]->path.size() == 1) {
      name = n.args[0]->path[0].name;
    } else if (n.kind == Kind::kFunction && n.op == "begins_with" &&
               n.args[0]->path.size() == 1) {
      name = n.args[0]->path[0].name;
    } else {
      return asl::Fail(std::string("Invalid operator used in KeyConditionExpression: ") +
                       (n.kind == Kind::kFunction ? n.op : (n.op.empty() ? "OR" : n.op)));
    }
    if (name == partition_key && out.partition_name.empty()) {
      if (n.kind != Kind::kCompare || n.op != "=" || n.args[1]->kind != Kind::kValue) {
        return asl::Fail(std::string("Query key condition not supported"));
      }
      out.partition_name = std::string(name);
      out.partition_value = n.args[1]->value;
    } else if (!sort_key.empty() && name == sort_key && out.sort_name.empty()) {
      if (n.kind == Kind::kCompare && n.op == "<>") {
        return asl::Fail(std::string("Unsupported operator on KeyConditionExpression: operator: <>"));
      }
      out.sort_name = std::string(name);
      out.sort.root = part;
    } else {
      return asl::Fail(fmt::format("Query condition missed key schema element: {}",
                                   partition_key));
    }
  }
  if (out.partition_name.empty()) {
    return asl::Fail(fmt::format("Query condition missed key schema element: {}", partition_key));
  }
  return out;
}

asl::Result<Update, std::string> ParseUpdate(std::string_view text, Substitutions& subs) {
  Parser parser(text, "UpdateExpression", subs);
  Update update;
  if (parser.AtEnd()) {
    return asl::Fail(std::string("Invalid UpdateExpression: The expression can not be empty;"));
  }
  std::set<std::string> clauses;
  while (!parser.failed() && !parser.AtEnd()) {
    UpdateAction::Kind kind;
    std::string clause;
    if (parser.Keyword("SET")) kind = UpdateAction::Kind::kSet, clause = "SET";
    else if (parser.Keyword("REMOVE")) kind = UpdateAction::Kind::kRemove, clause = "REMOVE";
    else if (parser.Keyword("ADD")) kind = UpdateAction::Kind::kAdd, clause = "ADD";
    else if (parser.Keyword("DELETE")) kind = UpdateAction::Kind::kDelete, clause = "DELETE";
    else {
      parser.Syntax();
      break;
    }
    if (!clauses.insert(clause).second) {
      parser.Fail(fmt::format("The \"{}\" section can only be used once in an update expression;",
                              clause));
      break;
    }
    do {
      UpdateAction action;
      action.kind = kind;
      action.path = parser.ParsePath();
      if (kind == UpdateAction::Kind::kSet) {
        parser.Expect("=");
        action.value = parser.SetValue();
      } else if (kind != UpdateAction::Kind::kRemove) {
        action.value = parser.Operand();
      }
      update.actions.push_back(std::move(action));
    } while (!parser.failed() && parser.Symbol(","));
    if (!parser.failed() && !parser.AtEnd() && !parser.PeekKeyword("SET") &&
        !parser.PeekKeyword("REMOVE") && !parser.PeekKeyword("ADD") &&
        !parser.PeekKeyword("DELETE")) {
      parser.Syntax();
    }
  }
  if (parser.failed()) return asl::Fail(parser.error());
  // Two actions on one path (or one inside the other) conflict.
  for (size_t i = 0; i < update.actions.size(); ++i) {
    for (size_t j = i + 1; j < update.actions.size(); ++j) {
      const Path& a = update.actions[i].path;
      const Path& b = update.actions[j].path;
      size_t n = std::min(a.size(), b.size());
      bool overlap = true;
      for (size_t k = 0; k < n && overlap; ++k) {
        overlap = a[k].name == b[k].name && a[k].index == b[k].index;
      }
      if (overlap) {
        return asl::Fail(fmt::format(
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove "
            "or rewrite one of these paths; path one: [{}], path two: [{}]",
            a[0].name, b[0].name));
      }
    }
  }
  return update;
}

}  // namespace sim::dynamodb
