#include "asl/jsonata/function_set.h"

#include <stdexcept>

#include "asl/jsonata/function.h"
#include "asl/jsonata/signature.h"

namespace asl::jsonata {

void FunctionSet::Add(std::string_view name, std::string_view signature, HostFunction function) {
  auto builtin = std::make_shared<Builtin>();
  builtin->name = std::string(name);
  if (!signature.empty()) {
    try {
      builtin->signature = ParseSignature(signature);
    } catch (const ErrorException& e) {
      throw std::invalid_argument("JSONata function $" + std::string(name) + ": signature \"" +
                                  std::string(signature) + "\" is malformed (" + e.error.code +
                                  ")");
    }
  }
  builtin->host = std::move(function);
  auto fn = std::make_shared<Function>();
  fn->kind = Function::Kind::kBuiltin;
  fn->builtin = std::move(builtin);
  Set(std::string(name), Value::Func(std::move(fn)));
}

bool FunctionSet::Remove(std::string_view name) {
  auto it = functions_.find(name);
  if (it == functions_.end()) return false;
  functions_.erase(it);
  return true;
}

std::vector<std::string> FunctionSet::Names() const {
  std::vector<std::string> names;
  names.reserve(functions_.size());
  for (const auto& [name, fn] : functions_) names.push_back(name);
  return names;
}

const Value* FunctionSet::Find(std::string_view name) const {
  auto it = functions_.find(name);
  return it == functions_.end() ? nullptr : &it->second;
}

void FunctionSet::Set(std::string name, Value function) {
  functions_.insert_or_assign(std::move(name), std::move(function));
}

}  // namespace asl::jsonata
