#include "asl/runtime/variable_scope.h"

#include <fmt/format.h>

#include "asl/runtime/io_pipeline.h"

namespace asl {

const Json* VariableScope::FindVariable(std::string_view name) const {
  for (const VariableScope* scope = this; scope != nullptr; scope = scope->parent_.get()) {
    if (scope->values_.empty()) continue;
    auto it = scope->values_.find(std::string(name));
    if (it != scope->values_.end()) return &it->second.value;
  }
  return nullptr;
}

void VariableScope::Assign(Json assigned) {
  if (!assigned.is_object()) return;
  for (auto& [name, value] : assigned.items()) {
    Slot& slot = values_[name];
    bytes_ -= slot.bytes;
    slot.bytes = SerializedSize(value);
    slot.value = std::move(value);
    bytes_ += slot.bytes;
  }
}

size_t VariableScope::TotalBytes() const {
  size_t total = 0;
  for (const VariableScope* scope = this; scope != nullptr; scope = scope->parent_.get()) {
    total += scope->bytes_;
  }
  return total;
}

size_t VariableScope::TotalBytesAfter(const Json& assigned) const {
  size_t total = TotalBytes();
  if (!assigned.is_object()) return total;
  for (const auto& [name, value] : assigned.items()) {
    auto it = values_.find(name);
    if (it != values_.end()) total -= it->second.bytes;
    total += SerializedSize(value);
  }
  return total;
}

namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string InvalidVariableName(std::string_view name) {
  if (name.empty()) return "a variable name must not be empty";
  if (name == "states") {
    return "\"states\" is reserved: $states holds the state's input, result and context";
  }
  char first = name.front();
  if (!IsAsciiLetter(first) && first != '_' && static_cast<unsigned char>(first) < 0x80) {
    return fmt::format("a variable name must start with a letter or '_', not '{}'", first);
  }
  size_t characters = 0;
  for (char c : name) {
    // Count characters, not bytes: continuation bytes of UTF-8 do not start one.
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;
    if (!IsAsciiLetter(c) && !IsAsciiDigit(c) && c != '_' && static_cast<unsigned char>(c) < 0x80) {
      return fmt::format("a variable name may hold only letters, digits and '_', not '{}'", c);
    }
  }
  if (characters > kMaxVariableNameLength) {
    return fmt::format("a variable name may be at most {} characters long, this one has {}",
                       kMaxVariableNameLength, characters);
  }
  return "";
}

}  // namespace asl
