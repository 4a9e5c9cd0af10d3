#include "asl/jsonata/library.h"

#include <memory>

#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/function_set.h"
#include "asl/jsonata/signature.h"

namespace asl::jsonata {
namespace {

// Every built-in, the engine's `__` helpers included. Built once, never freed (the sets are
// shared by all evaluations for the life of the process).
const FunctionSet& AllBuiltins() {
  static const FunctionSet* all = [] {
    auto* set = new FunctionSet();
    BindCoreFunctions(set);
    BindArrayFunctions(set);
    BindRegexFunctions(set);
    BindEncodingFunctions(set);
    BindPictureFunctions(set);
    return set;
  }();
  return *all;
}

}  // namespace

void BindBuiltin(FunctionSet* set, const char* name, const char* signature, BuiltinImpl impl,
                 int arity) {
  auto builtin = std::make_shared<Builtin>();
  builtin->name = name;
  builtin->arity = arity;
  if (*signature != '\0') builtin->signature = ParseSignature(signature);
  builtin->impl = impl;
  auto fn = std::make_shared<Function>();
  fn->kind = Function::Kind::kBuiltin;
  fn->builtin = std::move(builtin);
  set->Set(name, Value::Func(std::move(fn)));
}

const Value* InternalFunction(std::string_view name) { return AllBuiltins().Find(name); }

const FunctionSet& FunctionSet::Standard() {
  static const FunctionSet* standard = [] {
    auto* set = new FunctionSet(AllBuiltins());
    for (const auto& name : set->Names())
      if (name.starts_with("__")) set->Remove(name);
    return set;
  }();
  return *standard;
}

}  // namespace asl::jsonata
