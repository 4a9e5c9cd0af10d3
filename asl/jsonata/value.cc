#include "asl/jsonata/value.h"

#include <cmath>
#include <cstdint>

#include "asl/jsonata/function.h"

namespace asl::jsonata {

const Value* ObjectData::Find(std::string_view key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

void ObjectData::Set(std::string key, Value value) {
  for (auto& [k, v] : members) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  members.emplace_back(std::move(key), std::move(value));
}

Type Value::type() const {
  switch (rep_.index()) {
    case 0: return Type::kUndefined;
    case 1: return Type::kNull;
    case 2: return Type::kBool;
    case 3: return Type::kNumber;
    case 4: return Type::kString;
    case 5: return Type::kArray;
    case 6: return Type::kObject;
    case 7: return Type::kFunction;
    default: break;
  }
  const Json& j = *std::get<8>(rep_);
  switch (j.type()) {
    case Json::value_t::null: return Type::kNull;
    case Json::value_t::boolean: return Type::kBool;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return Type::kNumber;
    case Json::value_t::string: return Type::kString;
    case Json::value_t::array: return Type::kArray;
    case Json::value_t::object: return Type::kObject;
    default: return Type::kUndefined;
  }
}

bool Value::AsBool() const {
  if (rep_.index() == 2) return std::get<2>(rep_);
  if (rep_.index() == 8) return std::get<8>(rep_)->get<bool>();
  return false;
}

double Value::AsNumber() const {
  if (rep_.index() == 3) return std::get<3>(rep_);
  if (rep_.index() == 8) return std::get<8>(rep_)->get<double>();
  return 0;
}

std::string_view Value::AsString() const {
  if (rep_.index() == 4) return *std::get<4>(rep_);
  if (rep_.index() == 8) return std::get<8>(rep_)->get_ref<const std::string&>();
  return {};
}

size_t Value::Size() const {
  if (rep_.index() == 5) return std::get<5>(rep_)->items.size();
  if (rep_.index() == 8 && std::get<8>(rep_)->is_array()) return std::get<8>(rep_)->size();
  return 0;
}

Value Value::At(size_t i) const {
  if (rep_.index() == 5) return std::get<5>(rep_)->items[i];
  return Borrow(&(*std::get<8>(rep_))[i]);
}

ArrayData* Value::Owned() const {
  return rep_.index() == 5 ? std::get<5>(rep_).get() : nullptr;
}

ObjectData* Value::OwnedObject() const {
  return rep_.index() == 6 ? std::get<6>(rep_).get() : nullptr;
}

Value Value::Get(std::string_view key) const {
  if (rep_.index() == 6) {
    const Value* v = std::get<6>(rep_)->Find(key);
    return v ? *v : Value();
  }
  if (rep_.index() == 8) {
    const Json& j = *std::get<8>(rep_);
    if (!j.is_object()) return Value();
    auto it = j.find(key);
    if (it == j.end()) return Value();
    return Borrow(&*it);
  }
  return Value();
}

size_t Value::MemberCount() const {
  if (rep_.index() == 6) return std::get<6>(rep_)->members.size();
  if (rep_.index() == 8 && std::get<8>(rep_)->is_object()) return std::get<8>(rep_)->size();
  return 0;
}

namespace {

// JSONata numbers are doubles; JSON text shows an integral one as JavaScript's JSON.stringify
// does ("6", not "6.0"), so results print and compare in histories as AWS writes them.
Json NumberJson(double d) {
  constexpr double kTwo63 = 9223372036854775808.0;
  if (d == std::floor(d) && d >= -kTwo63 && d < kTwo63) return Json(static_cast<int64_t>(d));
  return Json(d);
}

}  // namespace

Json Value::ToJson() const {
  switch (rep_.index()) {
    case 0: return Json();
    case 1: return Json(nullptr);
    case 2: return Json(std::get<2>(rep_));
    case 3: return NumberJson(std::get<3>(rep_));
    case 4: return Json(*std::get<4>(rep_));
    case 5: {
      Json out = Json::array();
      for (const auto& item : std::get<5>(rep_)->items) {
        if (item.IsUndefined()) continue;
        out.push_back(item.IsFunction() ? Json::object() : item.ToJson());
      }
      return out;
    }
    case 6: {
      Json out = Json::object();
      for (const auto& [k, v] : std::get<6>(rep_)->members) {
        if (v.IsUndefined() || v.IsFunction()) continue;
        out[k] = v.ToJson();
      }
      return out;
    }
    case 7: return Json("");
    default: return *std::get<8>(rep_);
  }
}

Value FromJsonCopy(const Json& json) {
  switch (json.type()) {
    case Json::value_t::null: return Value::Null();
    case Json::value_t::boolean: return Value::Bool(json.get<bool>());
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return Value::Number(json.get<double>());
    case Json::value_t::string: return Value::String(json.get<std::string>());
    case Json::value_t::array: {
      Value out = Value::NewArray();
      for (const auto& item : json) out.Owned()->items.push_back(FromJsonCopy(item));
      return out;
    }
    case Json::value_t::object: {
      Value out = Value::NewObject();
      for (const auto& [k, v] : json.items()) out.OwnedObject()->members.emplace_back(k, FromJsonCopy(v));
      return out;
    }
    default: return Value();
  }
}

bool IsArrayOfNumbers(const Value& v) {
  if (!v.IsArray()) return false;
  for (size_t i = 0; i < v.Size(); ++i)
    if (!v.At(i).IsNumber()) return false;
  return true;
}

bool IsArrayOfStrings(const Value& v) {
  if (!v.IsArray()) return false;
  for (size_t i = 0; i < v.Size(); ++i)
    if (!v.At(i).IsString()) return false;
  return true;
}

bool DeepEqual(const Value& a, const Value& b) {
  Type ta = a.type();
  Type tb = b.type();
  if (ta != tb) return false;
  switch (ta) {
    case Type::kUndefined:
    case Type::kNull: return true;
    case Type::kBool: return a.AsBool() == b.AsBool();
    case Type::kNumber: return a.AsNumber() == b.AsNumber();
    case Type::kString: return a.AsString() == b.AsString();
    case Type::kFunction: return a.FunctionPtr() == b.FunctionPtr();
    case Type::kArray: {
      if (a.Size() != b.Size()) return false;
      for (size_t i = 0; i < a.Size(); ++i)
        if (!DeepEqual(a.At(i), b.At(i))) return false;
      return true;
    }
    case Type::kObject: {
      if (a.MemberCount() != b.MemberCount()) return false;
      bool equal = true;
      a.ForEachMember([&](std::string_view k, const Value& v) {
        if (equal && !DeepEqual(v, b.Get(k))) equal = false;
      });
      return equal;
    }
  }
  return false;
}

bool ToBoolean(const Value& v) {
  switch (v.type()) {
    case Type::kUndefined: return false;
    case Type::kNull: return false;
    case Type::kBool: return v.AsBool();
    case Type::kNumber: return v.AsNumber() != 0;
    case Type::kString: return !v.AsString().empty();
    case Type::kFunction: return false;
    case Type::kObject: return v.MemberCount() > 0;
    case Type::kArray: {
      if (v.Size() == 1) return ToBoolean(v.At(0));
      for (size_t i = 0; i < v.Size(); ++i)
        if (ToBoolean(v.At(i))) return true;
      return false;
    }
  }
  return false;
}

}  // namespace asl::jsonata
