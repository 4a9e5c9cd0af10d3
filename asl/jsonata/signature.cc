#include "asl/jsonata/signature.h"

#include <cstdint>
#include <string_view>
#include <utility>

#include "asl/jsonata/error.h"

namespace asl::jsonata {

char TypeSymbol(const Value& v) {
  switch (v.type()) {
    case Type::kUndefined: return 'm';
    case Type::kNull: return 'l';
    case Type::kBool: return 'b';
    case Type::kNumber: return 'n';
    case Type::kString: return 's';
    case Type::kArray: return 'a';
    case Type::kObject: return 'o';
    case Type::kFunction: return 'f';
  }
  return 'm';
}

std::shared_ptr<Signature> ParseSignature(std::string_view text) {
  auto sig = std::make_shared<Signature>();
  sig->text = std::string(text);
  size_t pos = 1;  // skip '<'
  SignatureParam* param = nullptr;
  auto push = [&](SignatureParam p) {
    sig->params.push_back(std::move(p));
    param = &sig->params.back();
  };
  while (pos < text.size()) {
    char symbol = text[pos];
    if (symbol == ':') break;  // the return type is not checked
    switch (symbol) {
      case 's': case 'n': case 'b': case 'l': case 'o': {
        SignatureParam p;
        p.type = symbol;
        p.regex = std::string("[") + symbol + "m]";
        push(std::move(p));
        break;
      }
      case 'a': {
        SignatureParam p;
        p.type = 'a';
        p.regex = "[asnblfom]";
        p.array = true;
        push(std::move(p));
        break;
      }
      case 'f': {
        SignatureParam p;
        p.type = 'f';
        p.regex = "f";
        push(std::move(p));
        break;
      }
      case 'j': {
        SignatureParam p;
        p.type = 'j';
        p.regex = "[asnblom]";
        push(std::move(p));
        break;
      }
      case 'x': {
        SignatureParam p;
        p.type = 'x';
        p.regex = "[asnblfom]";
        push(std::move(p));
        break;
      }
      case '-':
        if (param == nullptr) Throw("S0401", static_cast<int>(pos), std::string(1, symbol));
        param->context = true;
        param->context_regex = param->regex;
        param->regex += "?";
        break;
      case '?': case '+':
        if (param == nullptr) Throw("S0401", static_cast<int>(pos), std::string(1, symbol));
        param->regex += symbol;
        break;
      case '(': {
        size_t end = text.find(')', pos);
        if (end == std::string_view::npos) Throw("S0401", static_cast<int>(pos), "(");
        std::string choice(text.substr(pos + 1, end - pos - 1));
        if (choice.find('<') != std::string::npos)
          Throw("S0402", static_cast<int>(pos), std::nullopt,
                "Choice groups containing parameterized types are not supported");
        SignatureParam p;
        p.type = '(';
        p.regex = "[" + choice + "m]";
        push(std::move(p));
        pos = end;
        break;
      }
      case '<': {
        if (param == nullptr || (param->type != 'a' && param->type != 'f'))
          Throw("S0401", static_cast<int>(pos), "<");
        size_t end = pos + 1;
        int depth = 1;
        while (end < text.size() && depth > 0) {
          if (text[end] == '<') ++depth;
          if (text[end] == '>') --depth;
          ++end;
        }
        if (depth != 0) Throw("S0401", static_cast<int>(pos), "<");
        param->subtype = std::string(text.substr(pos + 1, end - pos - 2));
        pos = end - 1;
        break;
      }
      case '>':
        break;
      default:
        Throw("S0401", static_cast<int>(pos), std::string(1, symbol));
    }
    ++pos;
  }
  std::string re = "^";
  for (const auto& p : sig->params) re += "(" + p.regex + ")";
  re += "$";
  sig->matcher = std::regex(re);
  return sig;
}

namespace {

// A parameter's regex ("[sm]", "f", "[asnblfom]+", "[nm]?") as a symbol set and a quantifier.
struct ParamPattern {
  std::string_view allowed;
  size_t min = 1;
  size_t max = 1;  // SIZE_MAX for '+'
};

ParamPattern PatternOf(const std::string& regex) {
  ParamPattern p;
  size_t rest = 1;
  if (!regex.empty() && regex[0] == '[') {
    size_t close = regex.find(']');
    p.allowed = std::string_view(regex).substr(1, close - 1);
    rest = close + 1;
  } else {
    p.allowed = std::string_view(regex).substr(0, 1);
  }
  if (rest < regex.size() && regex[rest] == '?') p.min = 0;
  if (rest < regex.size() && regex[rest] == '+') p.max = SIZE_MAX;
  return p;
}

// What std::regex_match(supplied, "^(p1)(p2)...$") does, without building a regex per call
// (that was most of the cost of calling a built-in): greedy, backtracking, one span per
// parameter in `spans`.
bool MatchParams(const std::vector<SignatureParam>& params, std::string_view supplied, size_t i,
                 size_t pos, std::vector<std::pair<size_t, size_t>>& spans) {
  if (i == params.size()) return pos == supplied.size();
  ParamPattern p = PatternOf(params[i].regex);
  size_t available = 0;
  while (pos + available < supplied.size() && available < p.max &&
         p.allowed.find(supplied[pos + available]) != std::string_view::npos)
    ++available;
  for (size_t count = available + 1; count-- > p.min;) {
    spans[i] = {pos, count};
    if (MatchParams(params, supplied, i + 1, pos + count, spans)) return true;
  }
  return false;
}

}  // namespace

std::vector<Value> Signature::Validate(const std::vector<Value>& args,
                                       const Value& context) const {
  std::string supplied;
  for (const auto& a : args) supplied += TypeSymbol(a);
  std::vector<std::pair<size_t, size_t>> spans(params.size());
  if (!MatchParams(params, supplied, 0, 0, spans)) {
    std::string partial = "^";
    size_t good_to = 0;
    for (const auto& p : params) {
      partial += p.regex;
      std::smatch m;
      if (!std::regex_search(supplied, m, std::regex(partial))) break;
      good_to = static_cast<size_t>(m.length(0));
    }
    Throw("T0410", std::nullopt, std::nullopt,
          "Argument " + std::to_string(good_to + 1) + " of function does not match signature");
  }
  std::vector<Value> validated;
  size_t arg_index = 0;
  for (size_t i = 0; i < params.size(); ++i) {
    const auto& param = params[i];
    std::string m = supplied.substr(spans[i].first, spans[i].second);
    if (m.empty()) {
      if (param.context) {
        if (PatternOf(param.context_regex).allowed.find(TypeSymbol(context)) !=
            std::string_view::npos) {
          validated.push_back(context);
        } else {
          Throw("T0411", std::nullopt, std::nullopt,
                "Context value is not a compatible type with argument " +
                    std::to_string(arg_index + 1));
        }
      } else {
        validated.push_back(arg_index < args.size() ? args[arg_index] : Value());
        ++arg_index;
      }
      continue;
    }
    for (char single : m) {
      Value arg = arg_index < args.size() ? args[arg_index] : Value();
      if (param.type == 'a') {
        if (single == 'm') {
          arg = Value();
        } else {
          bool ok = true;
          if (!param.subtype.empty()) {
            if (single != 'a' && m != param.subtype) {
              ok = false;
            } else if (single == 'a' && arg.Size() > 0) {
              char item_type = TypeSymbol(arg.At(0));
              if (item_type != param.subtype[0]) {
                ok = false;
              } else {
                for (size_t k = 0; k < arg.Size(); ++k)
                  if (TypeSymbol(arg.At(k)) != item_type) ok = false;
              }
            }
          }
          if (!ok)
            Throw("T0412", std::nullopt, std::nullopt,
                  "Argument " + std::to_string(arg_index + 1) + " of function must be an array");
          if (single != 'a') {
            Value wrapped = Value::NewArray();
            wrapped.Owned()->items.push_back(arg);
            arg = wrapped;
          }
        }
      }
      validated.push_back(arg);
      ++arg_index;
    }
  }
  return validated;
}

}  // namespace asl::jsonata
