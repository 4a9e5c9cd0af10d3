#pragma once
// The world-document sections of the services the registry builds, each as its own type (a
// service's config type lives in its folder; the world keeps it without knowing it).

#include <any>
#include <map>
#include <string>
#include <string_view>

namespace sim {

class ServiceSections {
 public:
  // The section `name` as a T; null when the world has none (or it is another type).
  template <typename T>
  const T* Get(std::string_view name) const {
    auto it = sections_.find(name);
    return it == sections_.end() ? nullptr : std::any_cast<T>(&it->second);
  }
  // The section `name`, made empty on first use.
  template <typename T>
  T& Make(std::string_view name) {
    auto it = sections_.find(name);
    if (it == sections_.end() || !it->second.has_value()) {
      it = sections_.insert_or_assign(std::string(name), std::any(T{})).first;
    }
    return *std::any_cast<T>(&it->second);
  }
  bool empty() const { return sections_.empty(); }

 private:
  std::map<std::string, std::any, std::less<>> sections_;
};

}  // namespace sim
