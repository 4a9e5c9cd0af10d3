#include "asl/analysis/sequential_maps.h"

#include <functional>
#include <utility>

#include "asl/validate/definition_parser.h"

namespace asl {

std::shared_ptr<const StateMachine> SequentialMapsVariant(const Json& definition, bool express) {
  Json document = definition;
  bool changed = false;
  std::function<void(Json&)> visit = [&](Json& value) {
    if (value.is_object()) {
      if (auto type = value.find("Type"); type != value.end() && *type == "Map") {
        auto mc = value.find("MaxConcurrency");
        if (mc == value.end() || *mc != 1 || value.contains("MaxConcurrencyPath")) {
          value.erase("MaxConcurrencyPath");
          value["MaxConcurrency"] = 1;
          changed = true;
        }
      }
      for (auto it = value.begin(); it != value.end(); ++it) visit(it.value());
    } else if (value.is_array()) {
      for (Json& item : value) visit(item);
    }
  };
  visit(document);
  if (!changed) return nullptr;
  ParseOptions options;
  options.express = express;
  ParsedDefinition parsed = ParseDefinition(document, options);
  return std::shared_ptr<const StateMachine>(std::move(parsed.machine));
}

}  // namespace asl
