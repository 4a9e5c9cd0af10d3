#include "tools/sfnsim/load_policy_options.h"

namespace sfnsim_cli {

void LoadPolicyOptions::AddTo(CLI::App& command) {
  command
      .add_option("--allow-outside", allow_outside,
                  "Let scenario and world files read files under PATH, outside their own "
                  "folder (repeatable; docs/security.md)")
      ->allow_extra_args(false);
  command.add_flag("--allow-commands", allow_commands,
                   "Let scenario and world files run the commands they declare (Lambda "
                   "`command`); off by default (docs/security.md)");
}

sim::LoadPolicy LoadPolicyOptions::Policy() const {
  return sim::LoadPolicy::Confined(allow_outside, allow_commands);
}

}  // namespace sfnsim_cli
