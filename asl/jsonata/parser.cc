#include "asl/jsonata/parser.h"

#include <string>
#include <unordered_map>

#include "asl/jsonata/error.h"
#include "asl/jsonata/lexer.h"
#include "asl/jsonata/signature.h"

namespace asl::jsonata {
namespace {

int BindingPower(const Token& t) {
  if (t.kind != TokenKind::kOperator) return 0;
  static const std::unordered_map<std::string, int> kPowers = {
      {".", 75},  {"[", 80},  {"{", 70},  {"(", 80},  {"@", 80},  {"#", 80},  {"?", 20},
      {"+", 50},  {"-", 50},  {"*", 60},  {"/", 60},  {"%", 60},  {"=", 40},  {"<", 40},
      {">", 40},  {"^", 40},  {"..", 20}, {":=", 10}, {"!=", 40}, {"<=", 40}, {">=", 40},
      {"~>", 40}, {"?:", 40}, {"??", 40}, {"and", 30}, {"or", 25}, {"in", 40}, {"&", 50}};
  auto it = kPowers.find(t.text);
  return it == kPowers.end() ? 0 : it->second;
}

bool EndsOperand(const Token& t) {
  switch (t.kind) {
    case TokenKind::kOperator:
      return t.text == ")" || t.text == "]" || t.text == "}";
    case TokenKind::kEnd:
      return false;
    default:
      return true;
  }
}

class Parser {
 public:
  explicit Parser(std::string_view src) : lexer_(src) { current_ = Read(false); }

  NodePtr ParseAll() {
    NodePtr expr = Expression(0);
    if (current_.kind != TokenKind::kEnd) Throw("S0201", current_.position, current_.text);
    return expr;
  }

 private:
  bool Is(const char* op) const {
    return current_.kind == TokenKind::kOperator && current_.text == op;
  }

  void Advance() { current_ = Read(EndsOperand(current_)); }

  // The next token. `!` on its own is a token (it ends a name) but no operator: the reference
  // refuses it as soon as it is read.
  Token Read(bool infix) {
    Token t = lexer_.Next(infix);
    if (t.kind == TokenKind::kOperator && t.text == "!") Throw("S0204", t.position, t.text);
    return t;
  }

  void Expect(const char* op) {
    if (!Is(op)) {
      if (current_.kind == TokenKind::kEnd) Throw("S0203", current_.position, op);
      Throw("S0202", current_.position, current_.text);
    }
    Advance();
  }

  NodePtr Expression(int rbp) {
    Token t = current_;
    // As the reference's expression(): the token after one taken as an operand (a name, `*`,
    // `(` ...) is read in infix position, so `c.* / 2` divides rather than opening a regex.
    current_ = Read(true);
    NodePtr left = Nud(t);
    while (rbp < BindingPower(current_)) {
      t = current_;
      Advance();
      left = Led(t, std::move(left));
    }
    return left;
  }

  NodePtr Nud(const Token& t) {
    int pos = t.position;
    switch (t.kind) {
      case TokenKind::kEnd:
        Throw("S0207", pos);
      case TokenKind::kNumber: {
        auto n = std::make_unique<Node>(NodeType::kNumber, pos);
        n->literal = Value::Number(t.number);
        return n;
      }
      case TokenKind::kString: {
        auto n = std::make_unique<Node>(NodeType::kString, pos);
        n->literal = Value::String(t.text);
        n->op = t.text;
        return n;
      }
      case TokenKind::kValue: {
        auto n = std::make_unique<Node>(NodeType::kValue, pos);
        n->literal = t.text == "null" ? Value::Null() : Value::Bool(t.text == "true");
        n->op = t.text;
        return n;
      }
      case TokenKind::kName: {
        auto n = std::make_unique<Node>(NodeType::kName, pos);
        n->op = t.text;
        return n;
      }
      case TokenKind::kVariable: {
        auto n = std::make_unique<Node>(NodeType::kVariable, pos);
        n->op = t.text;
        return n;
      }
      case TokenKind::kRegex: {
        auto n = std::make_unique<Node>(NodeType::kRegex, pos);
        n->op = t.text;
        n->regex_flags = t.flags;
        auto flags = std::regex::ECMAScript;
        if (t.flags.find('i') != std::string::npos) flags |= std::regex::icase;
        if (t.flags.find('m') != std::string::npos) flags |= std::regex::multiline;
        try {
          n->regex = std::make_shared<std::regex>(t.text, flags);
        } catch (const std::regex_error&) {
          Throw("S0302", pos, t.text);
        }
        return n;
      }
      case TokenKind::kOperator:
        break;
    }
    const std::string& op = t.text;
    if (op == "and" || op == "or" || op == "in") {
      auto n = std::make_unique<Node>(NodeType::kName, pos);
      n->op = op;
      return n;
    }
    if (op == "-") {
      auto n = std::make_unique<Node>(NodeType::kUnaryMinus, pos);
      n->lhs = Expression(70);
      return n;
    }
    if (op == "*") return std::make_unique<Node>(NodeType::kWildcard, pos);
    if (op == "**") return std::make_unique<Node>(NodeType::kDescendant, pos);
    if (op == "%") return std::make_unique<Node>(NodeType::kParent, pos);
    if (op == "(") {
      auto n = std::make_unique<Node>(NodeType::kBlock, pos);
      while (!Is(")")) {
        n->items.push_back(Expression(0));
        if (!Is(";")) break;
        Advance();
      }
      Expect(")");
      return n;
    }
    if (op == "[") {
      auto n = std::make_unique<Node>(NodeType::kArrayConstructor, pos);
      if (!Is("]")) {
        for (;;) {
          NodePtr item = Expression(0);
          if (Is("..")) {
            auto range = std::make_unique<Node>(NodeType::kBinary, current_.position);
            range->op = "..";
            Advance();
            range->lhs = std::move(item);
            range->rhs = Expression(0);
            item = std::move(range);
          }
          n->items.push_back(std::move(item));
          if (!Is(",")) break;
          Advance();
        }
      }
      Expect("]");
      return n;
    }
    if (op == "{") {
      auto n = std::make_unique<Node>(NodeType::kObjectConstructor, pos);
      n->pairs = ObjectPairs();
      return n;
    }
    if (op == "|") {
      auto n = std::make_unique<Node>(NodeType::kTransform, pos);
      n->lhs = Expression(0);
      Expect("|");
      n->rhs = Expression(0);
      if (Is(",")) {
        Advance();
        n->third = Expression(0);
      }
      Expect("|");
      return n;
    }
    Throw("S0211", pos, op);
  }

  std::vector<std::pair<NodePtr, NodePtr>> ObjectPairs() {
    std::vector<std::pair<NodePtr, NodePtr>> pairs;
    if (!Is("}")) {
      for (;;) {
        NodePtr key = Expression(0);
        Expect(":");
        NodePtr value = Expression(0);
        pairs.emplace_back(std::move(key), std::move(value));
        if (!Is(",")) break;
        Advance();
      }
    }
    Expect("}");
    return pairs;
  }

  NodePtr Led(const Token& t, NodePtr left) {
    const std::string& op = t.text;
    int pos = t.position;
    if (op == "(") return Call(pos, std::move(left));
    if (op == "[") {
      if (Is("]")) {
        Node* step = left.get();
        while (step->type == NodeType::kPredicate) step = step->lhs.get();
        step->keep_array = true;
        Advance();
        return left;
      }
      auto n = std::make_unique<Node>(NodeType::kPredicate, pos);
      n->lhs = std::move(left);
      n->rhs = Expression(0);
      Expect("]");
      return n;
    }
    if (op == "{") {
      auto n = std::make_unique<Node>(NodeType::kGroupBy, pos);
      n->lhs = std::move(left);
      n->pairs = ObjectPairs();
      return n;
    }
    if (op == "^") {
      auto n = std::make_unique<Node>(NodeType::kSortBy, pos);
      n->lhs = std::move(left);
      Expect("(");
      for (;;) {
        SortTerm term;
        if (Is("<")) {
          Advance();
        } else if (Is(">")) {
          term.descending = true;
          Advance();
        }
        term.expression = Expression(0);
        n->terms.push_back(std::move(term));
        if (!Is(",")) break;
        Advance();
      }
      Expect(")");
      return n;
    }
    if (op == "?") {
      auto n = std::make_unique<Node>(NodeType::kCondition, pos);
      n->lhs = std::move(left);
      n->rhs = Expression(0);
      if (Is(":")) {
        Advance();
        n->third = Expression(0);
      }
      return n;
    }
    if (op == ":=") {
      if (left->type != NodeType::kVariable) Throw("S0212", left->position, left->op);
      auto n = std::make_unique<Node>(NodeType::kBind, pos);
      n->lhs = std::move(left);
      n->rhs = Expression(BindingPower(t) - 1);  // right associative
      return n;
    }
    if (op == "@" || op == "#") {
      auto n = std::make_unique<Node>(op == "@" ? NodeType::kFocusBind : NodeType::kIndexBind, pos);
      n->lhs = std::move(left);
      n->rhs = Expression(BindingPower(t));
      if (n->rhs->type != NodeType::kVariable) Throw("S0214", n->rhs->position, op);
      return n;
    }
    auto n = std::make_unique<Node>(op == "~>" ? NodeType::kApply : NodeType::kBinary, pos);
    n->op = op;
    n->lhs = std::move(left);
    // The reference reads the default of `?:` and `??` with expression(0): all that follows,
    // so `a ?: b ? c : d` is `a ?: (b ? c : d)`.
    n->rhs = Expression(op == "?:" || op == "??" ? 0 : BindingPower(t));
    return n;
  }

  NodePtr Call(int pos, NodePtr left) {
    std::vector<NodePtr> args;
    bool partial = false;
    if (!Is(")")) {
      for (;;) {
        if (Is("?")) {
          partial = true;
          args.push_back(std::make_unique<Node>(NodeType::kPlaceholder, current_.position));
          Advance();
        } else {
          args.push_back(Expression(0));
        }
        if (!Is(",")) break;
        Advance();
      }
    }
    Expect(")");
    if (left->type == NodeType::kName && (left->op == "function" || left->op == "\xCE\xBB")) {
      auto n = std::make_unique<Node>(NodeType::kLambda, pos);
      for (auto& a : args) {
        if (a->type != NodeType::kVariable) Throw("S0208", a->position, a->op);
        n->params.push_back(a->op);
      }
      if (Is("<")) {
        std::string sig = "<";
        int depth = 1;
        int sig_pos = current_.position;
        while (depth > 0 && !Is("{") && current_.kind != TokenKind::kEnd) {
          Advance();
          if (Is(">")) {
            --depth;
          } else if (Is("<")) {
            ++depth;
          }
          sig += current_.text;
        }
        Expect(">");
        (void)sig_pos;
        n->signature = ParseSignature(sig);
      }
      Expect("{");
      n->lhs = Expression(0);
      Expect("}");
      return n;
    }
    auto n = std::make_unique<Node>(partial ? NodeType::kPartial : NodeType::kFunction, pos);
    n->lhs = std::move(left);
    n->items = std::move(args);
    return n;
  }

  Lexer lexer_;
  Token current_;
};

}  // namespace

NodePtr ProcessAst(NodePtr expr);

NodePtr Parse(std::string_view source) {
  Parser parser(source);
  return ProcessAst(parser.ParseAll());
}

}  // namespace asl::jsonata
