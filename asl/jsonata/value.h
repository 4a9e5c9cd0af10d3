#pragma once
// JSONata's value model.
//
// A Value is JSON plus three things JSON lacks: *undefined* (a path that matched nothing),
// functions (lambdas with their closure, built-ins, partial applications, regexes used as
// matchers) and sequences (the arrays a path step produces, with the reference's flags:
// a singleton sequence collapses to its item unless `keep_singleton` is set by `[]`).
//
// Relation to asl::Json: Step Functions evaluates expressions against the state input once per
// state, so converting the input document into our own tree per evaluation would copy it every
// step. A Value can therefore *borrow* an asl::Json (kind kJson): path steps over a borrowed
// document hand out borrowed children, never copies. Values the expression builds itself
// (constructed objects and arrays, sequences, strings from functions) are owned, shared through
// shared_ptr so that passing a value around is a pointer copy. The borrowed document must
// outlive the evaluation; ToJson() copies the result out at the end.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "asl/base/json.h"

namespace asl::jsonata {

class Value;
struct Function;

// An owned array; when `sequence` is set it is a result sequence of a path, not a JSON array.
struct ArrayData {
  std::vector<Value> items;
  bool sequence = false;
  bool keep_singleton = false;
  bool outer_wrapper = false;
  bool tuple_stream = false;
  bool cons = false;  // built by an array constructor `[...]`: never flattened by a path
};

// An owned object, members in insertion order (as JavaScript objects keep string keys).
struct ObjectData {
  std::vector<std::pair<std::string, Value>> members;
  const Value* Find(std::string_view key) const;
  void Set(std::string key, Value value);
};

enum class Type : uint8_t {
  kUndefined,
  kNull,
  kBool,
  kNumber,
  kString,
  kArray,
  kObject,
  kFunction,
};

class Value {
 public:
  Value() = default;
  static Value Null() { return Value(Rep(nullptr)); }
  static Value Bool(bool b) { return Value(Rep(b)); }
  static Value Number(double n) { return Value(Rep(n)); }
  static Value String(std::string s) {
    return Value(Rep(std::make_shared<const std::string>(std::move(s))));
  }
  static Value Borrow(const Json* json) { return Value(Rep(json)); }
  static Value Array(std::shared_ptr<ArrayData> a) { return Value(Rep(std::move(a))); }
  static Value Object(std::shared_ptr<ObjectData> o) { return Value(Rep(std::move(o))); }
  static Value Func(std::shared_ptr<Function> f) { return Value(Rep(std::move(f))); }
  static Value NewArray() { return Array(std::make_shared<ArrayData>()); }
  static Value NewSequence() {
    auto a = std::make_shared<ArrayData>();
    a->sequence = true;
    return Array(std::move(a));
  }
  static Value NewObject() { return Object(std::make_shared<ObjectData>()); }

  Type type() const;
  bool IsUndefined() const { return rep_.index() == 0; }
  bool IsNull() const { return type() == Type::kNull; }
  bool IsBool() const { return type() == Type::kBool; }
  bool IsNumber() const { return type() == Type::kNumber; }
  bool IsString() const { return type() == Type::kString; }
  bool IsArray() const { return type() == Type::kArray; }
  bool IsObject() const { return type() == Type::kObject; }
  bool IsFunction() const { return rep_.index() == 7; }

  bool AsBool() const;
  double AsNumber() const;
  std::string_view AsString() const;
  const Function& AsFunction() const { return *std::get<7>(rep_); }
  std::shared_ptr<Function> FunctionPtr() const { return std::get<7>(rep_); }

  // Arrays (owned or borrowed).
  size_t Size() const;
  Value At(size_t i) const;
  // The owned array's data, or nullptr for a borrowed JSON array / a non-array.
  ArrayData* Owned() const;
  bool IsSequence() const {
    auto* a = Owned();
    return a != nullptr && a->sequence;
  }

  // Objects (owned or borrowed). Get returns undefined when the key is absent.
  Value Get(std::string_view key) const;
  size_t MemberCount() const;
  template <typename F>
  void ForEachMember(F&& f) const;
  ObjectData* OwnedObject() const;

  // Copies the value out as JSON. Functions become {} inside containers, as JSON.stringify
  // drops them; undefined members are dropped.
  Json ToJson() const;
  // The document a borrowed value points at (nullptr for a value the evaluation built).
  const Json* borrowed() const { return rep_.index() == 8 ? std::get<8>(rep_) : nullptr; }

 private:
  using Rep = std::variant<std::monostate, std::nullptr_t, bool, double,
                           std::shared_ptr<const std::string>, std::shared_ptr<ArrayData>,
                           std::shared_ptr<ObjectData>, std::shared_ptr<Function>, const Json*>;
  explicit Value(Rep rep) : rep_(std::move(rep)) {}
  Rep rep_;
};

template <typename F>
void Value::ForEachMember(F&& f) const {
  if (auto* o = OwnedObject()) {
    for (const auto& [k, v] : o->members) f(std::string_view(k), v);
    return;
  }
  if (rep_.index() == 8) {
    const Json& j = *std::get<8>(rep_);
    if (!j.is_object()) return;
    for (const auto& [k, v] : j.items()) f(std::string_view(k), Value::Borrow(&v));
  }
}

// Converts a JSON document into an owned value (used for bindings and $eval input).
Value FromJsonCopy(const Json& json);

// The reference's `isArrayOfNumbers` etc. helpers.
bool IsArrayOfNumbers(const Value& v);
bool IsArrayOfStrings(const Value& v);
// Deep equality as the reference's isDeepEqual (functions compare by identity).
bool DeepEqual(const Value& a, const Value& b);
// Truthiness as the reference's boolean casting ($boolean).
bool ToBoolean(const Value& v);

}  // namespace asl::jsonata
