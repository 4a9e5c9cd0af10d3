#pragma once
// What a scenario or world file may reach beyond its own text: the files its paths name
// (definition_file, a template's DefinitionUri, input_file, replay, csv, working_directory) and
// the commands its Lambda functions run. A scenario file can come from anyone — one added in a
// pull request runs in CI — so the command line confines both (docs/security.md): every path,
// symlinks resolved, must lie in the file's own folder tree or under a folder given with
// --allow-outside, and commands run only with --allow-commands.
//
// The library's loaders take a policy; without one they trust the file (a program that builds
// or vets its worlds itself), which is LoadPolicy::Trusted().

#include <string>
#include <vector>

namespace sim {

class LoadPolicy {
 public:
  // Any path, any command.
  static LoadPolicy Trusted();
  // Paths inside the loaded file's folder tree or under one of `allowed_outside` (files or
  // folders, relative to the current directory); commands only when `allow_commands`.
  static LoadPolicy Confined(std::vector<std::string> allowed_outside, bool allow_commands);

  bool confined() const { return confined_; }
  bool allow_commands() const { return allow_commands_; }

  // "" when `path` may be read by a file whose folder is `root` ("" : the current directory);
  // otherwise why not and how to allow it: "/a/x.json is outside /a/scenarios, the folder of
  // the file that names it; allow it with --allow-outside /a (…)". Both are resolved
  // (weakly_canonical: symlinks followed, . and .. removed) before they are compared.
  std::string CheckPath(const std::string& path, const std::string& root) const;

  // The message for a command a file declares while commands are not allowed, naming the flag.
  static std::string CommandRefusal(const std::string& command);

 private:
  bool confined_ = false;
  bool allow_commands_ = true;
  std::vector<std::string> allowed_outside_;  // resolved
};

}  // namespace sim
