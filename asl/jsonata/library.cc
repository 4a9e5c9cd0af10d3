#include "asl/jsonata/library.h"

#include <deque>
#include <mutex>
#include <memory>

#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/frame.h"
#include "asl/jsonata/signature.h"

namespace asl::jsonata {

void BindBuiltin(Frame* frame, const char* name, const char* signature, BuiltinImpl impl) {
  auto fn = std::make_shared<Function>();
  fn->kind = Function::Kind::kBuiltin;
  // Built-ins are immutable and shared by every evaluation; their signatures are parsed once.
  static std::mutex* mutex = new std::mutex();
  static std::deque<Builtin>* registry = new std::deque<Builtin>();
  std::lock_guard<std::mutex> lock(*mutex);
  const Builtin* found = nullptr;
  for (const auto& b : *registry)
    if (b.impl == impl && std::string_view(b.name) == name) found = &b;
  if (found == nullptr) {
    registry->push_back(Builtin{name, *signature ? ParseSignature(signature) : nullptr, impl});
    found = &registry->back();
  }
  fn->builtin = found;
  frame->Bind(name, Value::Func(std::move(fn)));
}

void BindStandardLibrary(Frame* frame) {
  BindCoreFunctions(frame);
  BindArrayFunctions(frame);
  BindRegexFunctions(frame);
  BindEncodingFunctions(frame);
}

}  // namespace asl::jsonata
