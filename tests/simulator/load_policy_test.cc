// LoadPolicy: which paths a scenario or world file may read (its folder tree, or what
// --allow-outside names, after symlinks are resolved) and whether it may run commands; and the
// loaders applying it to every path-taking field before anything is read.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "simulator/scenario/scenario.h"
#include "simulator/world/load_policy.h"
#include "simulator/world/world_config.h"

namespace {

namespace fs = std::filesystem;
using sim::LoadPolicy;

// A scratch tree: root/scenarios/ (the file's folder), root/outside/, a file in each.
class LoadPolicyTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(testing::TempDir()) /
            ("load_policy_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "scenarios/sub");
    fs::create_directories(root_ / "scenarios-evil");
    fs::create_directories(root_ / "outside");
    Write("scenarios/sub/in.json", "{}");
    Write("outside/secret.json", "{\"secret\": true}");
    Write("scenarios-evil/x.json", "{}");
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(root_ / name) << text;
    return (root_ / name).string();
  }
  std::string P(const std::string& name) const { return (root_ / name).string(); }
  fs::path root_;
};

TEST_F(LoadPolicyTest, ConfinesPathsToTheFolderTree) {
  LoadPolicy policy = LoadPolicy::Confined({}, false);
  const std::string folder = P("scenarios");
  EXPECT_EQ(policy.CheckPath(P("scenarios/sub/in.json"), folder), "");
  EXPECT_EQ(policy.CheckPath(P("scenarios/not-yet-there.json"), folder), "");
  // `..` out of the tree, an absolute path elsewhere, a sibling that shares the prefix.
  for (const std::string& path : {P("scenarios/../outside/secret.json"),
                                  P("outside/secret.json"), std::string("/etc/passwd"),
                                  P("scenarios-evil/x.json")}) {
    std::string refused = policy.CheckPath(path, folder);
    EXPECT_NE(refused, "") << path;
    EXPECT_NE(refused.find("--allow-outside"), std::string::npos) << refused;
    EXPECT_NE(refused.find(fs::weakly_canonical(folder).string()), std::string::npos) << refused;
  }
}

TEST_F(LoadPolicyTest, FollowsSymlinksBeforeDeciding) {
  fs::create_symlink(P("outside/secret.json"), P("scenarios/link.json"));
  fs::create_directory_symlink(P("outside"), P("scenarios/dir-link"));
  LoadPolicy policy = LoadPolicy::Confined({}, false);
  EXPECT_NE(policy.CheckPath(P("scenarios/link.json"), P("scenarios")), "");
  EXPECT_NE(policy.CheckPath(P("scenarios/dir-link/secret.json"), P("scenarios")), "");
  // A link inside the tree to a file inside it is fine.
  fs::create_symlink(P("scenarios/sub/in.json"), P("scenarios/in-link.json"));
  EXPECT_EQ(policy.CheckPath(P("scenarios/in-link.json"), P("scenarios")), "");
}

TEST_F(LoadPolicyTest, AllowOutsideAndTrusted) {
  LoadPolicy allowed = LoadPolicy::Confined({P("outside")}, false);
  EXPECT_EQ(allowed.CheckPath(P("outside/secret.json"), P("scenarios")), "");
  EXPECT_NE(allowed.CheckPath("/etc/passwd", P("scenarios")), "");
  LoadPolicy file = LoadPolicy::Confined({P("outside/secret.json")}, false);
  EXPECT_EQ(file.CheckPath(P("outside/secret.json"), P("scenarios")), "");
  EXPECT_NE(file.CheckPath(P("outside/other.json"), P("scenarios")), "");
  EXPECT_EQ(LoadPolicy::Trusted().CheckPath("/etc/passwd", P("scenarios")), "");
  EXPECT_TRUE(LoadPolicy::Trusted().allow_commands());
  EXPECT_FALSE(LoadPolicy::Confined({}, false).allow_commands());
}

TEST_F(LoadPolicyTest, TheScenarioLoaderChecksEveryPathBeforeReadingIt) {
  Write("outside/sm.asl.json", R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})");
  Write("outside/t.csv", "id\n1\n");
  std::string scenario = Write("scenarios/s.yaml", R"(state_machines:
  - {name: m, definition_file: ../outside/sm.asl.json}
athena:
  databases: [d]
  tables: [{database: d, name: t, csv: ../outside/t.csv}]
start: {state_machine: m, input_file: ../outside/secret.json, replay: /etc/hostname}
)");
  auto confined = sim::LoadScenario(scenario, LoadPolicy::Confined({}, false));
  ASSERT_FALSE(confined.ok());
  std::string all;
  for (const asl::Diagnostic& d : confined.error().items()) all += d.pointer + ": " + d.message + "\n";
  for (const char* pointer : {"/state_machines/0/definition_file", "/athena/tables/0/csv",
                              "/start/input_file", "/start/replay"}) {
    EXPECT_NE(all.find(std::string(pointer) + ": "), std::string::npos) << pointer << "\n" << all;
  }
  EXPECT_EQ(all.find("secret"), all.find("secret.json"));  // named, never read
  // Allowed: it loads.
  auto allowed = sim::LoadScenario(scenario, LoadPolicy::Confined({P("outside"), "/etc"}, false));
  EXPECT_TRUE(allowed.ok());
  // The library's default trusts the file.
  EXPECT_TRUE(sim::LoadScenario(scenario).ok());
}

TEST_F(LoadPolicyTest, CommandsNeedPermissionAndTheArrayFormIsNotExpanded) {
  std::string world = Write("scenarios/w.yaml", R"(lambda:
  functions:
    - {name: f, command: "echo {}"}
    - {name: g, command: [printf, "%s", "$HOME;`id`"], working_directory: sub}
    - {name: h, command: [printf, "x"], working_directory: ../outside}
)");
  auto refused = sim::LoadWorld(world, LoadPolicy::Confined({}, false));
  ASSERT_FALSE(refused.ok());
  std::string all;
  for (const asl::Diagnostic& d : refused.error().items()) all += d.pointer + ": " + d.message + "\n";
  EXPECT_NE(all.find("/lambda/functions/0/command: runs a command (echo {}): sfnsim runs the "
                     "commands a scenario or world file declares only with --allow-commands"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("/lambda/functions/1/command: "), std::string::npos) << all;
  EXPECT_NE(all.find("/lambda/functions/2/working_directory: "), std::string::npos) << all;
  EXPECT_EQ(all.find("/lambda/functions/1/working_directory"), std::string::npos) << all;

  auto loaded = sim::LoadWorld(world, LoadPolicy::Confined({P("outside")}, true));
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->functions.size(), 3u);
  // The vector runs as itself: every element one literal word for /bin/sh's exec.
  EXPECT_EQ(loaded->functions[1].command, R"(exec 'printf' '%s' '$HOME;`id`')");
  EXPECT_EQ(loaded->functions[1].working_directory, P("scenarios/sub"));
}

TEST_F(LoadPolicyTest, TheArrayFormRefusesWhatIsNotAnArgumentVector) {
  std::string world = Write("scenarios/w.yaml", R"(lambda:
  functions:
    - {name: a, command: []}
    - {name: b, command: [printf, 5]}
    - {name: c, command: {run: x}}
)");
  auto loaded = sim::LoadWorld(world, LoadPolicy::Confined({}, true));
  ASSERT_FALSE(loaded.ok());
  std::string all;
  for (const asl::Diagnostic& d : loaded.error().items()) all += d.pointer + ": " + d.message + "\n";
  EXPECT_NE(all.find("/lambda/functions/0/command: expected [program, argument...]"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("/lambda/functions/1/command/1: expected a string (one argument)"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("/lambda/functions/2/command: expected a command: a string (run with "
                     "/bin/sh -c) or an array [program, argument...], got an object"),
            std::string::npos)
      << all;
}

}  // namespace
