#include "simulator/harness/start_refusal.h"

#include <fmt/format.h>

#include <optional>

#include "simulator/services/states/sfn_service.h"

namespace sim {

std::string StartRefusal(const std::string& name, const std::string& input,
                         const std::string& input_path) {
  std::optional<AwsError> refused = CheckStartExecution(name, input);
  if (!refused) return "";
  // The name alone with an empty input tells which flag holds what is refused.
  std::string flag = CheckStartExecution(name, "{}") ? fmt::format("--name \"{}\"", name)
                                                     : fmt::format("--input {}", input_path);
  return fmt::format("{}: StartExecution refuses it: {}: {}", flag, refused->code,
                     refused->message);
}

}  // namespace sim
