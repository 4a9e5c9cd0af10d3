// The loader on plain definitions (ASL as JSON or YAML, not in a template), and how its
// diagnostics are formatted. Templates: definition_loader_template_test.cc.
#include "asl/load/definition_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/asl/load_test_util.h"

namespace asl {
namespace {

using ::testing::ElementsAre;

using DefinitionLoader = load_test::LoaderTest;

constexpr std::string_view kPassMachine =
    "{\n"
    "  \"Comment\": \"z before a\",\n"
    "  \"StartAt\": \"P\",\n"
    "  \"States\": {\n"
    "    \"P\": {\"Type\": \"Pass\", \"Result\": {\"z\": 1, \"a\": 2}, \"End\": true}\n"
    "  }\n"
    "}\n";

TEST_F(DefinitionLoader, LoadsAJsonFile) {
  LoadedDefinition loaded = Load("sm.json", kPassMachine);
  EXPECT_EQ(loaded.format, DefinitionFormat::kJson);
  EXPECT_EQ(loaded.definition, Json::parse(kPassMachine));
  EXPECT_EQ(loaded.resolved_text,
            R"({"Comment":"z before a","StartAt":"P","States":{"P":{"Type":"Pass",)"
            R"("Result":{"z":1,"a":2},"End":true}}})");
  EXPECT_EQ(loaded.source.file, dir_.Path("sm.json"));
  EXPECT_EQ(loaded.source.pointer_prefix, "");
  EXPECT_FALSE(loaded.source.embedded_string);
  EXPECT_EQ(loaded.source.LineOf("/States/P/Result/a"), 5);
  EXPECT_EQ(loaded.logical_id, "");
  EXPECT_EQ(loaded.state_machine_type, "");
  EXPECT_TRUE(loaded.warnings.empty());
  // What a later stage reports against this definition points into the file.
  Diagnostic later{DiagnosticCode::kUnknownNextState, Severity::kError, "/States/P/Next",
                   "state \"Q\" does not exist"};
  EXPECT_EQ(FormatDiagnostic(later, loaded.source),
            dir_.Path("sm.json") + ":5: /States/P/Next: state \"Q\" does not exist");
}

TEST_F(DefinitionLoader, SniffsTheSyntaxWhenTheExtensionSaysNothing) {
  EXPECT_EQ(Load("sm.asl", kPassMachine).format, DefinitionFormat::kJson);
  EXPECT_EQ(Load("sm.txt", "StartAt: P\nStates: {P: {Type: Succeed}}\n").format,
            DefinitionFormat::kYaml);
}

TEST_F(DefinitionLoader, UnreadableFilesAreReported) {
  auto missing = LoadDefinitionFile(dir_.Path("nope.json"), {});
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(load_test::Formatted(missing.error(), dir_.path()),
              ElementsAre("nope.json: cannot read: No such file or directory"));
  EXPECT_EQ(missing.error().items()[0].code, DiagnosticCode::kUnreadableFile);
  dir_.Write("sub/x.json", "{}");
  auto directory = LoadDefinitionFile(dir_.Path("sub"), {});
  ASSERT_FALSE(directory.ok());
  EXPECT_THAT(load_test::Formatted(directory.error(), dir_.path()),
              ElementsAre("sub: cannot read: it is a directory"));
}

TEST_F(DefinitionLoader, ErrorsCarryTheirCodes) {
  auto syntax = LoadDefinitionText("{", "sm.json", {});
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().items()[0].code, DiagnosticCode::kSyntaxError);
  auto array = LoadDefinitionText("[]", "sm.json", {});
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(array.error().items()[0].code, DiagnosticCode::kNotAnObject);
  EXPECT_THAT(load_test::Formatted(array.error()),
              ElementsAre("sm.json:1: the definition is an array; it must be a JSON object"));
}

// A definition meant for DefinitionUri/DefinitionSubstitutions, loaded on its own: the user's
// values replace its placeholders in the text, before parsing, as AWS does.
TEST_F(DefinitionLoader, UserValuesFillPlaceholdersOfAPlainDefinition) {
  constexpr std::string_view kText =
      "{\n"
      "  \"StartAt\": \"W\",\n"
      "  \"States\": {\n"
      "    \"W\": {\"Type\": \"Wait\", \"Seconds\": ${Wait}, \"Next\": \"T\"},\n"
      "    \"T\": {\"Type\": \"Task\", \"Resource\": \"${FunctionArn}\", \"End\": true}\n"
      "  }\n"
      "}\n";
  LoadOptions options;
  options.substitutions = {{"Wait", "30"}, {"FunctionArn", "arn:aws:lambda:us-east-1:1:function:f"}};
  LoadedDefinition loaded = Load("flow.asl.json", kText, options);
  EXPECT_EQ(loaded.resolved_text,
            R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"Next":"T"},)"
            R"("T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","End":true}}})");
  EXPECT_EQ(loaded.source.LineOf("/States/T"), 5);
  EXPECT_TRUE(loaded.warnings.empty());

  // Without a value, a quoted placeholder stays (a warning) ...
  options.substitutions = {{"Wait", "30"}};
  loaded = Load("flow.asl.json", kText, options);
  EXPECT_EQ(loaded.definition["States"]["T"]["Resource"], "${FunctionArn}");
  EXPECT_THAT(Warnings(loaded),
              ElementsAre("flow.asl.json:5: /States/T/Resource: ${FunctionArn} looks like a "
                          "DefinitionSubstitutions placeholder but has no value, so it stays as "
                          "written and the definition is checked with it; supply it with -s "
                          "FunctionArn=VALUE or --substitutions FILE (in a world file, the state "
                          "machine's \"substitutions\") (warning)"));
  // ... and an unquoted one leaves text that is not JSON.
  EXPECT_THAT(Errors("flow.asl.json", kText),
              ElementsAre("flow.asl.json:4:38: expected a JSON value, found '$' (the "
                          "placeholder ${Wait} has no value: supply it with -s Wait=VALUE or "
                          "--substitutions FILE (in a world file, the state machine's "
                          "\"substitutions\"))"));
  // A parse error in substituted text says so.
  options.substitutions = {{"Wait", "thirty"}, {"FunctionArn", "f"}};
  EXPECT_THAT(Errors("flow.asl.json", kText, options),
              ElementsAre("flow.asl.json:4:38: expected a JSON value, found 'thirty' (after "
                          "substitution)"));
}

TEST_F(DefinitionLoader, AUserValueThatIsNotUtf8IsRefused) {
  LoadOptions options;
  options.substitutions = {{"Name", "bad\xFF"}};
  EXPECT_THAT(Errors("sm.json", "{\"StartAt\": \"${Name}\", \"States\": {}}", options),
              ElementsAre("sm.json:1:17: invalid UTF-8 (byte 0xFF); definitions must be UTF-8 "
                          "text (after substitution)"));
}

TEST_F(DefinitionLoader, ALogicalIdForAPlainDefinitionIsIgnoredWithAWarning) {
  LoadOptions options;
  options.logical_id = "Machine";
  LoadedDefinition loaded = Load("sm.json", kPassMachine, options);
  EXPECT_THAT(Warnings(loaded),
              ElementsAre("sm.json: the logical id \"Machine\" is ignored: this is a "
                          "definition, not a template (warning)"));
}

TEST(DiagnosticFormat, SelfLocatedDiagnosticsIgnoreTheSourceMap) {
  SourceMap source{"other.json", "/Resources/X", false, {{"/Resources/X", 9}}};
  Diagnostic syntax{DiagnosticCode::kSyntaxError, Severity::kError, "", "expected ':'",
                    "sm.json", 3, 5};
  EXPECT_EQ(FormatDiagnostic(syntax, source), "sm.json:3:5: expected ':'");
  Diagnostic no_column{DiagnosticCode::kSyntaxError, Severity::kError, "/States/A", "dup",
                       "sm.yaml", 7, 0};
  EXPECT_EQ(FormatDiagnostic(no_column, source), "sm.yaml:7: /States/A: dup");
  Diagnostic no_line{DiagnosticCode::kUnreadableFile, Severity::kWarning, "", "cannot read",
                     "x.json", 0, 0};
  EXPECT_EQ(FormatDiagnostic(no_line, source), "x.json: cannot read (warning)");
  // Text loaded without a file name still shows where.
  auto unnamed = LoadDefinitionText("{\n  \"a\" 1}", "", {});
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(FormatDiagnostic(unnamed.error().items()[0], source),
            "<definition>:2:7: expected ':' after the key \"a\", found '1'");
}

TEST(DiagnosticFormat, SourceMapsLocateDefinitionPointers) {
  SourceMap in_template{"t.yaml", "/Resources/Sm/Properties/Definition", false,
                        {{"", 1}, {"/Resources/Sm/Properties/Definition", 10},
                         {"/Resources/Sm/Properties/Definition/States/A", 12}}};
  Diagnostic diagnostic{DiagnosticCode::kUnknownNextState, Severity::kError,
                        "/States/A/Next", "state \"B\" does not exist"};
  EXPECT_EQ(FormatDiagnostic(diagnostic, in_template),
            "t.yaml:12: /Resources/Sm/Properties/Definition/States/A/Next: state \"B\" does not "
            "exist");
  diagnostic.pointer = "";
  EXPECT_EQ(FormatDiagnostic(diagnostic, in_template),
            "t.yaml:10: /Resources/Sm/Properties/Definition: state \"B\" does not exist");

  SourceMap embedded{"t.json", "/Resources/Sm/Properties/DefinitionString", true,
                     {{"/Resources/Sm/Properties/DefinitionString", 6}}};
  diagnostic.pointer = "/States/A/Next";
  EXPECT_EQ(FormatDiagnostic(diagnostic, embedded),
            "t.json:6: /Resources/Sm/Properties/DefinitionString (/States/A/Next): state \"B\" "
            "does not exist");

  // A pointer without a leading '/' (not a JSON pointer) must not break line lookup.
  SourceMap plain{"sm.json", "", false, {{"", 1}}};
  diagnostic.pointer = "States";
  EXPECT_EQ(FormatDiagnostic(diagnostic, plain), "sm.json:1: States: state \"B\" does not exist");
  EXPECT_EQ(plain.LineOf("no/slash/first"), 1);
}

}  // namespace
}  // namespace asl
