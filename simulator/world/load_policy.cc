#include "simulator/world/load_policy.h"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

namespace sim {

namespace {

namespace fs = std::filesystem;

// `path` made absolute and resolved as far as it exists: symlinks followed, "." and ".."
// removed. A path that cannot be resolved at all stays as written, made absolute.
fs::path Resolve(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path.empty() ? fs::path(".") : fs::path(path), ec);
  if (ec) return fs::path(path).lexically_normal();
  fs::path resolved = fs::weakly_canonical(absolute, ec);
  if (ec) return absolute.lexically_normal();
  return resolved;
}

// Whether `path` is `folder` or lies below it, component by component (so /a/bc is not under
// /a/b). Both are resolved.
bool IsUnder(const fs::path& path, const fs::path& folder) {
  auto p = path.begin();
  for (auto f = folder.begin(); f != folder.end(); ++f, ++p) {
    if (f->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *f) return false;
  }
  return true;
}

}  // namespace

LoadPolicy LoadPolicy::Trusted() { return LoadPolicy(); }

LoadPolicy LoadPolicy::Confined(std::vector<std::string> allowed_outside, bool allow_commands) {
  LoadPolicy policy;
  policy.confined_ = true;
  policy.allow_commands_ = allow_commands;
  for (const std::string& allowed : allowed_outside) {
    policy.allowed_outside_.push_back(Resolve(allowed).string());
  }
  return policy;
}

std::string LoadPolicy::CheckPath(const std::string& path, const std::string& root) const {
  if (!confined_) return "";
  fs::path resolved = Resolve(path);
  fs::path folder = Resolve(root);
  if (IsUnder(resolved, folder)) return "";
  for (const std::string& allowed : allowed_outside_) {
    if (IsUnder(resolved, fs::path(allowed))) return "";
  }
  return fmt::format("{} is outside {}, the folder of the file that names it{}; allow it with "
                     "--allow-outside {} (or a folder above it; docs/security.md)",
                     resolved.string(), folder.string(),
                     allowed_outside_.empty() ? "" : ", and outside every --allow-outside",
                     resolved.parent_path().string());
}

std::string LoadPolicy::CommandRefusal(const std::string& command) {
  return fmt::format("runs a command ({}): sfnsim runs the commands a scenario or world file "
                     "declares only with --allow-commands (docs/security.md)",
                     command);
}

}  // namespace sim
