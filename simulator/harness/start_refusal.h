#pragma once
// `sfnsim execute`'s check of what StartExecution would refuse (simulator/services/states/sfn_service.h:
// a name it does not allow, an input over 256 KiB), said about the flag that holds it.

#include <string>

namespace sim {

// "" when StartExecution takes `name` and `input`; else "--name \"x\": StartExecution refuses
// it: CODE: message" (or about "--input FILE" when the name alone is fine).
std::string StartRefusal(const std::string& name, const std::string& input,
                         const std::string& input_path);

}  // namespace sim
