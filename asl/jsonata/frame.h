#pragma once
// Variable scopes. Frames live in the evaluation's arena (not reference-counted) because a
// recursive lambda is bound in the frame it closes over: reference counting would leak that
// cycle, and the arena frees everything when the evaluation ends.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "asl/jsonata/value.h"

namespace asl::jsonata {

class Frame {
 public:
  explicit Frame(Frame* parent) : parent_(parent) {}
  void Bind(std::string_view name, Value value) {
    for (auto& [k, v] : vars_) {
      if (k == name) {
        v = std::move(value);
        return;
      }
    }
    vars_.emplace_back(std::string(name), std::move(value));
  }
  // nullptr when unbound in this frame and its parents.
  const Value* Lookup(std::string_view name) const {
    for (const Frame* f = this; f != nullptr; f = f->parent_) {
      for (const auto& [k, v] : f->vars_)
        if (k == name) return &v;
    }
    return nullptr;
  }
  Frame* parent() const { return parent_; }

 private:
  Frame* parent_;
  std::vector<std::pair<std::string, Value>> vars_;
};

}  // namespace asl::jsonata
