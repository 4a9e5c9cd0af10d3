#include "simulator/services/mock_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "asl/load/source_text.h"

namespace sim {

namespace {

using asl::DiagnosticCode;

bool ParseIndex(std::string_view text, int64_t& out) {
  if (text.empty()) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && out >= 0;
}

}  // namespace

const MockedStep* MockedResponse::Find(int64_t invocation) const {
  for (const MockedStep& step : steps) {
    if (invocation >= step.first && invocation <= step.last) return &step;
  }
  return nullptr;
}

asl::Result<MockConfig, asl::DiagnosticList> MockConfig::Parse(const asl::Json& doc) {
  asl::DiagnosticList d;
  MockConfig config;
  if (!doc.is_object()) {
    d.Add(DiagnosticCode::kNotAnObject, "", "a mock config must be a JSON object");
    return asl::Fail(std::move(d));
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (it.key() != "StateMachines" && it.key() != "MockedResponses") {
      d.Add(DiagnosticCode::kUnknownField, asl::PointerJoin("", it.key()),
            fmt::format("field \"{}\" is not valid in a mock config (expected StateMachines and "
                        "MockedResponses)", it.key()));
    }
  }
  // MockedResponses first, so test cases can be checked against them.
  auto responses = doc.find("MockedResponses");
  if (responses == doc.end()) {
    d.Add(DiagnosticCode::kMissingField, "", "required field \"MockedResponses\" is missing");
  } else if (!responses->is_object()) {
    d.Add(DiagnosticCode::kWrongType, "/MockedResponses", "expected an object");
  } else {
    for (auto r = responses->begin(); r != responses->end(); ++r) {
      std::string pointer = asl::PointerJoin("/MockedResponses", r.key());
      MockedResponse response;
      response.name = r.key();
      if (!r->is_object() || r->empty()) {
        d.Add(DiagnosticCode::kWrongType, pointer,
              "expected an object of invocation indexes (\"0\", \"1-2\") to responses");
        continue;
      }
      for (auto step_it = r->begin(); step_it != r->end(); ++step_it) {
        std::string step_pointer = asl::PointerJoin(pointer, step_it.key());
        MockedStep step;
        std::string_view key = step_it.key();
        size_t dash = key.find('-');
        bool ok = dash == std::string_view::npos
                      ? ParseIndex(key, step.first) && (step.last = step.first, true)
                      : ParseIndex(key.substr(0, dash), step.first) &&
                            ParseIndex(key.substr(dash + 1), step.last) && step.first <= step.last;
        if (!ok) {
          d.Add(DiagnosticCode::kInvalidValue, step_pointer,
                fmt::format("\"{}\" is not an invocation index: expected a number such as \"0\" "
                            "or an inclusive range such as \"1-3\"", key));
          continue;
        }
        const asl::Json& body = *step_it;
        bool has_return = body.is_object() && body.contains("Return");
        bool has_throw = body.is_object() && body.contains("Throw");
        if (!body.is_object() || has_return == has_throw || body.size() != 1) {
          d.Add(DiagnosticCode::kInvalidValue, step_pointer,
                "expected an object with exactly one of \"Return\" or \"Throw\"");
          continue;
        }
        if (has_return) {
          step.value = body["Return"];
        } else {
          const asl::Json& t = body["Throw"];
          std::string throw_pointer = asl::PointerJoin(step_pointer, "Throw");
          if (!t.is_object() || !t.contains("Error") || !t["Error"].is_string() ||
              (t.contains("Cause") && !t["Cause"].is_string())) {
            d.Add(DiagnosticCode::kInvalidValue, throw_pointer,
                  "expected {\"Error\": string, \"Cause\": string}");
            continue;
          }
          step.is_throw = true;
          step.error = asl::Error(t["Error"].get<std::string>(),
                                  t.value("Cause", std::string()));
          step.error.has_cause = t.contains("Cause");
        }
        response.steps.push_back(std::move(step));
      }
      std::sort(response.steps.begin(), response.steps.end(),
                [](const MockedStep& a, const MockedStep& b) { return a.first < b.first; });
      for (size_t i = 1; i < response.steps.size(); ++i) {
        if (response.steps[i].first <= response.steps[i - 1].last) {
          d.Add(DiagnosticCode::kInvalidValue, pointer,
                fmt::format("invocation {} is covered twice", response.steps[i].first));
        }
      }
      config.responses_[r.key()] = std::move(response);
    }
  }
  auto machines = doc.find("StateMachines");
  if (machines == doc.end()) {
    d.Add(DiagnosticCode::kMissingField, "", "required field \"StateMachines\" is missing");
  } else if (!machines->is_object()) {
    d.Add(DiagnosticCode::kWrongType, "/StateMachines", "expected an object");
  } else {
    for (auto m = machines->begin(); m != machines->end(); ++m) {
      std::string pointer = asl::PointerJoin("/StateMachines", m.key());
      auto cases = m->is_object() ? m->find("TestCases") : m->end();
      if (!m->is_object() || cases == m->end() || !cases->is_object()) {
        d.Add(DiagnosticCode::kMissingField, pointer, "expected {\"TestCases\": {…}}");
        continue;
      }
      for (auto c = cases->begin(); c != cases->end(); ++c) {
        std::string case_pointer = asl::PointerJoin(asl::PointerJoin(pointer, "TestCases"), c.key());
        if (!c->is_object()) {
          d.Add(DiagnosticCode::kWrongType, case_pointer,
                "expected an object of state names to mocked response names");
          continue;
        }
        auto& states = config.machines_[m.key()][c.key()];
        for (auto s = c->begin(); s != c->end(); ++s) {
          std::string state_pointer = asl::PointerJoin(case_pointer, s.key());
          if (!s->is_string()) {
            d.Add(DiagnosticCode::kWrongType, state_pointer,
                  "expected the name of a mocked response");
            continue;
          }
          std::string response = s->get<std::string>();
          if (responses != doc.end() && responses->is_object() && !responses->contains(response)) {
            std::vector<std::string> names;
            for (auto r = responses->begin(); r != responses->end(); ++r) names.push_back(r.key());
            std::string message =
                fmt::format("mocked response \"{}\" is not defined in MockedResponses", response);
            if (std::string hint = asl::SpellCheck(response, names); !hint.empty()) {
              message += fmt::format(" (did you mean \"{}\"?)", hint);
            }
            d.Add(DiagnosticCode::kInvalidValue, state_pointer, message);
            continue;
          }
          states[s.key()] = response;
        }
      }
    }
  }
  if (!d.empty()) return asl::Fail(std::move(d));
  return config;
}

asl::Result<MockConfig, asl::DiagnosticList> MockConfig::Load(const std::string& path) {
  // The shared reader (regular files only, bounded) and the definition loaders' JSON parser:
  // errors carry the file, line and column, and a `Return` nested deeper than kMaxJsonDepth is
  // refused here rather than overflowing the stack when the run copies it.
  auto text = asl::ReadTextFile(path);
  if (!text.ok()) return asl::Fail(std::move(text.error()));
  auto parsed = asl::ParseText(*text, asl::TextSyntax::kJson);
  if (!parsed.ok()) return asl::Fail(asl::TextErrorsIn(parsed.error(), path));
  return Parse(parsed->value);
}

asl::Result<std::map<std::string, const MockedResponse*>, std::string> MockConfig::TestCase(
    const std::string& state_machine, const std::string& test_case) const {
  const std::map<std::string, std::string>* states = nullptr;
  std::vector<std::string> known;
  for (const auto& [machine, cases] : machines_) {
    for (const auto& [name, mapping] : cases) {
      known.push_back(fmt::format("{}/{}", machine, name));
      if (name != test_case || (!state_machine.empty() && machine != state_machine)) continue;
      if (states) {
        return asl::Fail(fmt::format("test case \"{}\" exists for several state machines: pass "
                                     "--state-machine-name", test_case));
      }
      states = &mapping;
    }
  }
  if (!states) {
    return asl::Fail(fmt::format("no test case \"{}\"{} in the mock config (it has: {})",
                                 test_case,
                                 state_machine.empty() ? "" : " for state machine \"" +
                                                                  state_machine + "\"",
                                 fmt::join(known, ", ")));
  }
  std::map<std::string, const MockedResponse*> out;
  for (const auto& [state, response] : *states) out[state] = &responses_.at(response);
  return out;
}

bool ScriptedBackend::Invoke(const TaskRequest& request, const TaskHandle& handle) {
  auto it = states_.find(std::string(request.state_name));
  if (it == states_.end()) return false;
  const MockedStep* step = it->second->Find(request.invocation);
  if (!step) {
    handle.Fail(request.now,
                asl::Error("States.Runtime",
                           fmt::format("sfnsim: mocked response \"{}\" has no entry for invocation "
                                       "{} of state \"{}\"", it->second->name, request.invocation,
                                       request.state_name)));
    return true;
  }
  handle.Start(request.now);
  const asl::TaskResource& resource = *request.resource;
  bool submits = resource.pattern == asl::IntegrationPattern::kSync ||
                 resource.pattern == asl::IntegrationPattern::kSync2 ||
                 resource.pattern == asl::IntegrationPattern::kWaitForTaskToken;
  if (submits && resource.kind != asl::ResourceKind::kActivity) {
    handle.Submit(request.now, asl::Json::object());
  }
  if (step->is_throw) handle.Fail(request.now, step->error);
  else handle.Succeed(request.now, step->value);
  return true;
}

}  // namespace sim
