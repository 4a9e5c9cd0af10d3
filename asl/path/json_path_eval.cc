// JSONPath evaluation with Jayway JsonPath's semantics, which Step Functions runs.
// https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html
//
// What is modelled from Jayway (recorded AWS causes quote its messages, e.g. "Invalid path
// '$.no.such.result.path' : Missing property in path $['no']"):
//  - "upstream definite": while every step so far selects one node, a missing member in the
//    middle of the path, a member read from a non-object or an index read from a non-array is an
//    error; after a wildcard, slice, union, filter or "..", such misses are skipped silently;
//  - a missing member in the last step is never an error by itself: a definite path then fails
//    with "No results for path: …" and an indefinite one gives fewer matches;
//  - ['a','b'] must be the last step and yields one object with the members found;
//  - slices follow Jayway's arithmetic (see ApplySlice);
//  - ".." visits a node before its children, objects' members in document order.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "asl/base/json_limits.h"
#include "asl/path/json_path_internal.h"

namespace asl::json_path_internal {
namespace {

using Kind = JsonPathStepKind;

bool IsNumber(const Json& v) { return v.is_number(); }

// Numeric comparison without losing precision between integers.
int CompareNumbers(const Json& a, const Json& b) {
  if (a.is_number_integer() && b.is_number_integer()) {
    if (a.is_number_unsigned() || b.is_number_unsigned()) {
      // Compare as signed when both fit, else the unsigned one is larger.
      bool a_big = a.is_number_unsigned() && a.get<uint64_t>() > INT64_MAX;
      bool b_big = b.is_number_unsigned() && b.get<uint64_t>() > INT64_MAX;
      if (a_big || b_big) {
        if (a_big && b_big) {
          uint64_t x = a.get<uint64_t>(), y = b.get<uint64_t>();
          return x < y ? -1 : (x > y ? 1 : 0);
        }
        return a_big ? 1 : -1;
      }
    }
    int64_t x = a.get<int64_t>(), y = b.get<int64_t>();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  double x = a.get<double>(), y = b.get<double>();
  return x < y ? -1 : (x > y ? 1 : 0);
}

// A string that reads entirely as a number, for Jayway's number-to-string equality.
bool StringAsNumber(const std::string& s, double* value) {
  if (s.empty()) return false;
  char* end = nullptr;
  *value = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(*value);
}

// Jayway's "==": numbers by value, a number and a numeric string by value, objects member by
// member in any order, arrays element by element. Compared with a list of pairs still to
// compare, not by recursion: both sides come from the input, which may be nested deep.
bool Equal(const Json& a, const Json& b) {
  std::vector<std::pair<const Json*, const Json*>> pending{{&a, &b}};
  while (!pending.empty()) {
    auto [x, y] = pending.back();
    pending.pop_back();
    if (IsNumber(*x) && IsNumber(*y)) {
      if (CompareNumbers(*x, *y) != 0) return false;
      continue;
    }
    if (IsNumber(*x) && y->is_string()) std::swap(x, y);
    if (x->is_string() && IsNumber(*y)) {
      double v = 0;
      if (!StringAsNumber(x->get_ref<const std::string&>(), &v) || y->get<double>() != v) {
        return false;
      }
      continue;
    }
    if (x->type() != y->type()) return false;
    if (x->is_object()) {
      if (x->size() != y->size()) return false;
      for (auto it = x->begin(); it != x->end(); ++it) {
        auto other = y->find(it.key());
        if (other == y->end()) return false;
        pending.emplace_back(&it.value(), &*other);
      }
    } else if (x->is_array()) {
      if (x->size() != y->size()) return false;
      for (size_t i = 0; i < x->size(); ++i) pending.emplace_back(&(*x)[i], &(*y)[i]);
    } else if (*x != *y) {
      return false;
    }
  }
  return true;
}

// Jayway's "<" family: numbers with numbers, strings with strings; anything else is false.
// Strings compare by UTF-8 bytes (Java compares UTF-16 units; they differ only beyond U+FFFF).
bool Ordered(const Json& a, const Json& b, JsonPathFilter::Op op) {
  int cmp = 0;
  if (IsNumber(a) && IsNumber(b)) {
    cmp = CompareNumbers(a, b);
  } else if (a.is_string() && b.is_string()) {
    cmp = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
  } else {
    return false;
  }
  switch (op) {
    case JsonPathFilter::Op::kLt: return cmp < 0;
    case JsonPathFilter::Op::kLe: return cmp <= 0;
    case JsonPathFilter::Op::kGt: return cmp > 0;
    case JsonPathFilter::Op::kGe: return cmp >= 0;
    default: return false;
  }
}

// How Jayway prints a model in "Current context is: %s" (Java toString of the json-smart
// value: compact JSON for containers, the bare text for a string).
std::string ContextText(const Json& node) {
  if (node.is_string()) return node.get<std::string>();
  return Dump(node);
}

// The Java class Jayway names in "but found '%s'". NOTE: AWS's JSON provider is not known;
// these are the classes of Jayway's default provider (json-smart).
std::string_view JavaClassName(const Json& node) {
  switch (node.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "java.lang.Boolean";
    case Json::value_t::string: return "java.lang.String";
    case Json::value_t::number_float: return "java.lang.Double";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: {
      if (node.is_number_unsigned() && node.get<uint64_t>() > INT64_MAX) {
        return "java.math.BigInteger";
      }
      int64_t v = node.get<int64_t>();
      return v >= INT32_MIN && v <= INT32_MAX ? "java.lang.Integer" : "java.lang.Long";
    }
    case Json::value_t::array: return "net.minidev.json.JSONArray";
    default: return "net.minidev.json.JSONObject";
  }
}

std::string NamesFragment(const JsonPathStep& step, std::string_view separator) {
  std::string out = "[";
  for (size_t i = 0; i < step.names.size(); ++i) {
    if (i > 0) out += separator;
    out += step.quote;
    out += step.names[i];
    out += step.quote;
  }
  out += "]";
  return out;
}

std::string IndexesFragment(const JsonPathStep& step) {
  std::string out = "[";
  for (size_t i = 0; i < step.indexes.size(); ++i) {
    if (i > 0) out += ",";
    out += std::to_string(step.indexes[i]);
  }
  out += "]";
  return out;
}

// Jayway's getPathFragment() of one step.
std::string Fragment(const JsonPathStep& step) {
  switch (step.kind) {
    case Kind::kName: return fmt::format("[{0}{1}{0}]", step.quote, step.name);
    case Kind::kNames: return NamesFragment(step, ",");
    case Kind::kIndex: return fmt::format("[{}]", step.index);
    case Kind::kIndexes: return IndexesFragment(step);
    case Kind::kSlice:
      return fmt::format("[{}:{}]", step.slice_start ? std::to_string(*step.slice_start) : "",
                         step.slice_end ? std::to_string(*step.slice_end) : "");
    case Kind::kWildcard: return "[*]";
    case Kind::kFilter: return "[?]";
  }
  return "";
}

}  // namespace

std::string NormalizedSteps(const std::vector<JsonPathStep>& steps) {
  std::string out;
  for (const JsonPathStep& step : steps) {
    if (step.descendant) out += "..";
    out += Fragment(step);
  }
  return out;
}

std::string TooDeepDetail() {
  return fmt::format("the value it selects is nested more than {} levels deep, sfnsim's limit "
                     "for JSON values (docs/known-differences.md)",
                     kMaxJsonDepth);
}

Evaluator::Evaluator(const std::vector<JsonPathStep>& steps, const Json& root,
                     std::string* detail)
    : steps_(steps), root_(root), detail_(detail) {
  if (detail_ != nullptr) path_.push_back('$');
}

bool Evaluator::Run(const Json& start) {
  Eval(0, start, /*upstream_definite=*/true);
  return !failed_;
}

void Evaluator::TooDeep() {
  too_deep_ = true;
  Fail(TooDeepDetail());
}

void Evaluator::Fail(std::string message, bool invalid_path) {
  if (failed_) return;
  failed_ = true;
  invalid_path_ = invalid_path;
  if (detail_ != nullptr) *detail_ = std::move(message);
}

void Evaluator::Push(std::string_view fragment) {
  if (detail_ != nullptr) path_ += fragment;
}

void Evaluator::PushIndex(int64_t index) {
  if (detail_ != nullptr) fmt::format_to(std::back_inserter(path_), "[{}]", index);
}

void Evaluator::Pop(size_t length) {
  if (detail_ != nullptr) path_.resize(length);
}

void Evaluator::Eval(size_t i, const Json& node, bool upstream_definite) {
  if (failed_) return;
  if (i == steps_.size()) {
    matches_.push_back(&node);
    return;
  }
  if (steps_[i].descendant) {
    Walk(i, node);
  } else {
    Apply(i, node, upstream_definite);
  }
}

// "..": applies step i at `node` and at every node below it, parents before children. Walked
// with an explicit stack (one frame per open container): the document may be nested deep.
void Evaluator::Walk(size_t i, const Json& start) {
  const JsonPathStep& step = steps_[i];
  // Applies the step at one container (the caller has set path_ to its path).
  auto visit = [&](const Json& node) {
    bool matches = false;
    switch (step.kind) {
      case Kind::kName:
      case Kind::kNames: matches = node.is_object(); break;
      case Kind::kIndex:
      case Kind::kIndexes:
      case Kind::kSlice: matches = node.is_array(); break;
      case Kind::kWildcard: matches = true; break;
      case Kind::kFilter: matches = Accept(*step.filter, node); break;
    }
    if (matches) Apply(i, node, /*upstream_definite=*/false);
  };
  struct Frame {
    Json::const_iterator next, end;
    bool object;
    size_t index;  // of `next`, for an array
    size_t mark;   // length of path_ at this container
  };
  if (failed_ || !start.is_structured()) return;
  visit(start);
  std::vector<Frame> open;
  open.push_back({start.cbegin(), start.cend(), start.is_object(), 0, path_.size()});
  while (!open.empty() && !failed_) {
    Frame& frame = open.back();
    if (frame.next == frame.end) {
      Pop(frame.mark);
      open.pop_back();
      continue;
    }
    Pop(frame.mark);
    if (frame.object) {
      if (detail_ != nullptr) fmt::format_to(std::back_inserter(path_), "['{}']", frame.next.key());
    } else {
      PushIndex(static_cast<int64_t>(frame.index));
    }
    const Json& child = *frame.next;
    ++frame.next;  // before push_back, which may move the frames
    ++frame.index;
    if (!child.is_structured()) continue;
    visit(child);
    open.push_back({child.cbegin(), child.cend(), child.is_object(), 0, path_.size()});
  }
}

bool Evaluator::CheckArray(const JsonPathStep& step, const Json& node, bool upstream_definite) {
  if (node.is_array()) return true;
  if (!upstream_definite) return false;
  if (node.is_null()) {
    Fail(fmt::format("The path {} is null", path_));
  } else {
    Fail(fmt::format("Filter: {} can only be applied to arrays. Current context is: {}",
                     Fragment(step), ContextText(node)));
  }
  return false;
}

void Evaluator::HandleIndex(size_t i, const Json& array, int64_t index, bool next_definite) {
  int64_t size = static_cast<int64_t>(array.size());
  int64_t effective = index < 0 ? size + index : index;
  if (effective < 0 || effective >= size) return;  // Jayway skips indexes out of bounds
  size_t mark = path_.size();
  PushIndex(index);
  Eval(i + 1, array[static_cast<size_t>(effective)], next_definite);
  Pop(mark);
}

void Evaluator::Apply(size_t i, const Json& node, bool upstream_definite) {
  const JsonPathStep& step = steps_[i];
  bool leaf = i + 1 == steps_.size();
  size_t mark = path_.size();
  switch (step.kind) {
    case Kind::kName:
    case Kind::kNames: {
      if (!node.is_object()) {
        if (upstream_definite) {
          Fail(fmt::format(
              "Expected to find an object with property {} in path {} but found '{}'. This is "
              "not a json object according to the JsonProvider: "
              "'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.",
              Fragment(step), path_, JavaClassName(node)));
        }
        return;
      }
      if (step.kind == Kind::kNames) {
        if (!leaf) {
          Fail(fmt::format("Multi properties can only be used as path leafs: {}{}", path_,
                           NamesFragment(step, ", ")),
               /*invalid_path=*/true);
          return;
        }
        Json merged = Json::object();
        for (const std::string& name : step.names) {
          auto it = node.find(name);
          if (it == node.end()) continue;
          // Checked before the copy, which recurses once per level.
          if (JsonDepthExceeds(*it, kMaxJsonDepth - 1)) return TooDeep();
          merged[name] = *it;
        }
        built_.push_back(std::move(merged));
        matches_.push_back(&built_.back());
        return;
      }
      auto it = node.find(step.name);
      if (it == node.end()) {
        if (!leaf && upstream_definite) {
          Fail(fmt::format("Missing property in path {}['{}']", path_, step.name));
        }
        return;
      }
      if (detail_ != nullptr) fmt::format_to(std::back_inserter(path_), "['{}']", step.name);
      Eval(i + 1, *it, upstream_definite);
      Pop(mark);
      return;
    }
    case Kind::kIndex:
      if (CheckArray(step, node, upstream_definite)) {
        HandleIndex(i, node, step.index, upstream_definite);
      }
      return;
    case Kind::kIndexes:
      if (CheckArray(step, node, upstream_definite)) {
        for (int64_t index : step.indexes) HandleIndex(i, node, index, false);
      }
      return;
    case Kind::kSlice: {
      if (!CheckArray(step, node, upstream_definite)) return;
      // Jayway's ArraySliceToken: [from:] and [:to] count negative bounds from the end;
      // [from:to] clamps `to` to the length and walks from `from` as written (a negative
      // `from` reads from the end through HandleIndex).
      int64_t length = static_cast<int64_t>(node.size());
      if (length == 0) return;
      if (step.slice_start && !step.slice_end) {
        int64_t from = *step.slice_start < 0 ? length + *step.slice_start : *step.slice_start;
        for (int64_t k = std::max<int64_t>(0, from); k < length && !failed_; ++k) {
          HandleIndex(i, node, k, false);
        }
      } else if (!step.slice_start) {
        int64_t to = *step.slice_end < 0 ? length + *step.slice_end : *step.slice_end;
        to = std::min(length, to);
        for (int64_t k = 0; k < to && !failed_; ++k) HandleIndex(i, node, k, false);
      } else {
        int64_t from = *step.slice_start;
        int64_t to = std::min(length, *step.slice_end);
        for (int64_t k = from; k < to && !failed_; ++k) HandleIndex(i, node, k, false);
      }
      return;
    }
    case Kind::kWildcard:
      if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
          if (detail_ != nullptr) fmt::format_to(std::back_inserter(path_), "['{}']", key);
          Eval(i + 1, value, false);
          Pop(mark);
        }
      } else if (node.is_array()) {
        for (size_t k = 0; k < node.size(); ++k) {
          HandleIndex(i, node, static_cast<int64_t>(k), false);
        }
      }
      return;
    case Kind::kFilter:
      // Jayway applies a filter to an object itself, and to each element of an array.
      if (node.is_object()) {
        if (Accept(*step.filter, node)) Eval(i + 1, node, false);
      } else if (node.is_array()) {
        for (size_t k = 0; k < node.size() && !failed_; ++k) {
          if (Accept(*step.filter, node[k])) HandleIndex(i, node, static_cast<int64_t>(k), false);
        }
      } else if (upstream_definite) {
        Fail(fmt::format("Filter: [?] can not be applied to primitives. Current context is: {}",
                         ContextText(node)),
             /*invalid_path=*/true);
      }
      return;
  }
}

// Tests one filter condition with `current` as "@".
bool Evaluator::Accept(const JsonPathFilter& filter, const Json& current) {
  using Op = JsonPathFilter::Op;
  switch (filter.op) {
    case Op::kOr: return Accept(*filter.lhs, current) || Accept(*filter.rhs, current);
    case Op::kAnd: return Accept(*filter.lhs, current) && Accept(*filter.rhs, current);
    case Op::kNot: return !Accept(*filter.lhs, current);
    default: break;
  }
  // Operand values; a path that selects nothing is "undefined" (nullptr), which equals
  // nothing, so "!=" holds against it (Jayway).
  Json left_list, right_list;
  auto value_of = [&](const JsonPathFilterOperand& operand, Json* list) -> const Json* {
    if (operand.kind == JsonPathFilterOperand::Kind::kLiteral) return &operand.literal;
    const Json& start = operand.kind == JsonPathFilterOperand::Kind::kCurrent ? current : root_;
    Evaluator inner(operand.steps, root_, nullptr);
    if (!inner.Run(start)) return nullptr;
    if (operand.single) {
      if (inner.matches().empty()) return nullptr;
      // A final ['a','b'] builds its object inside `inner`; copy it out before it goes.
      // Any other match points into the document, which outlives this call.
      if (!operand.steps.empty() && operand.steps.back().kind == Kind::kNames) {
        *list = *inner.matches().front();
        return list;
      }
      return inner.matches().front();
    }
    *list = Json::array();
    for (const Json* match : inner.matches()) {
      if (JsonDepthExceeds(*match, kMaxJsonDepth - 1)) {
        TooDeep();
        return nullptr;
      }
      list->push_back(*match);
    }
    return list;
  };
  const Json* left = value_of(filter.left, &left_list);
  if (filter.op == Op::kExists) {
    // An indefinite path "exists" when it selects something (sfnsim's choice; Jayway's answer
    // depends on its options).
    return left != nullptr && (filter.left.single || !left->empty());
  }
  const Json* right = value_of(filter.right, &right_list);
  if (left == nullptr || right == nullptr) return filter.op == Op::kNe;
  switch (filter.op) {
    case Op::kEq: return Equal(*left, *right);
    case Op::kNe: return !Equal(*left, *right);
    default: return Ordered(*left, *right, filter.op);
  }
}

}  // namespace asl::json_path_internal
