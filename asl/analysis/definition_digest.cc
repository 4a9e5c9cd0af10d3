#include "asl/analysis/definition_digest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "asl/base/diagnostic.h"
#include "asl/intrinsics/hash_digests.h"

namespace asl {

namespace {

void AppendCanonical(const Json& value, std::string* out) {
  switch (value.type()) {
    case Json::value_t::object: {
      std::vector<const std::pair<const std::string, Json>*> members;
      members.reserve(value.size());
      for (const auto& member : value.get_ref<const Json::object_t&>()) members.push_back(&member);
      std::sort(members.begin(), members.end(),
                [](const auto* a, const auto* b) { return a->first < b->first; });
      out->push_back('{');
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out->push_back(',');
        out->append(Dump(Json(members[i]->first)));
        out->push_back(':');
        AppendCanonical(members[i]->second, out);
      }
      out->push_back('}');
      return;
    }
    case Json::value_t::array: {
      out->push_back('[');
      for (size_t i = 0; i < value.size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendCanonical(value[i], out);
      }
      out->push_back(']');
      return;
    }
    case Json::value_t::number_float: {
      double d = value.get<double>();
      constexpr double kExact = 9007199254740992.0;  // 2^53
      if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < kExact) {
        out->append(fmt::format("{}", static_cast<int64_t>(d)));
        return;
      }
      out->append(Dump(value));
      return;
    }
    default:
      out->append(Dump(value));
      return;
  }
}

// Every state of the state machine object `machine` (a definition, a Map's ItemProcessor or
// Iterator, a Parallel branch) at `pointer`, and the states nested in them.
void DigestStates(const Json& machine, const std::string& pointer,
                  std::map<std::string, std::string>* parts) {
  auto states = machine.find("States");
  if (states == machine.end() || !states->is_object()) return;
  std::string states_pointer = PointerJoin(pointer, "States");
  for (const auto& [name, state] : states->items()) {
    std::string state_pointer = PointerJoin(states_pointer, name);
    (*parts)[state_pointer] = ContentHash(state);
    if (!state.is_object()) continue;
    for (const char* inner : {"ItemProcessor", "Iterator"}) {
      auto it = state.find(inner);
      if (it != state.end() && it->is_object()) {
        DigestStates(*it, PointerJoin(state_pointer, inner), parts);
      }
    }
    auto branches = state.find("Branches");
    if (branches != state.end() && branches->is_array()) {
      for (size_t i = 0; i < branches->size(); ++i) {
        if ((*branches)[i].is_object()) {
          DigestStates((*branches)[i], PointerJoin(PointerJoin(state_pointer, "Branches"), i),
                       parts);
        }
      }
    }
  }
}

bool IsInside(const std::string& inner, const std::string& outer) {
  return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 &&
         inner[outer.size()] == '/';
}

}  // namespace

std::string CanonicalJson(const Json& value) {
  std::string out;
  AppendCanonical(value, &out);
  return out;
}

std::string ContentHash(const Json& value) { return intrinsics::Sha256Hex(CanonicalJson(value)); }

DefinitionDigest DigestDefinition(const Json& definition) {
  DefinitionDigest digest;
  digest.sha256 = ContentHash(definition);
  if (!definition.is_object()) return digest;
  for (const auto& [key, value] : definition.items()) {
    if (key != "States") digest.parts[PointerJoin("", key)] = ContentHash(value);
  }
  DigestStates(definition, "", &digest.parts);
  return digest;
}

std::vector<DigestChange> DiffDigests(const std::map<std::string, std::string>& verified,
                                      const std::map<std::string, std::string>& current) {
  std::vector<DigestChange> all;
  for (const auto& [pointer, hash] : verified) {
    auto it = current.find(pointer);
    if (it == current.end()) {
      all.push_back({pointer, DigestChange::kRemoved});
    } else if (it->second != hash) {
      all.push_back({pointer, DigestChange::kChanged});
    }
  }
  for (const auto& [pointer, hash] : current) {
    if (!verified.contains(pointer)) all.push_back({pointer, DigestChange::kAdded});
  }
  std::sort(all.begin(), all.end(),
            [](const DigestChange& a, const DigestChange& b) { return a.pointer < b.pointer; });
  std::vector<DigestChange> innermost;
  for (const DigestChange& change : all) {
    bool explained = false;
    if (change.kind == DigestChange::kChanged) {
      for (const DigestChange& other : all) {
        if (IsInside(other.pointer, change.pointer)) {
          explained = true;
          break;
        }
      }
    } else {
      // An added or removed state inside one that is itself added or removed says nothing new.
      for (const DigestChange& other : all) {
        if (other.kind == change.kind && IsInside(change.pointer, other.pointer)) {
          explained = true;
          break;
        }
      }
    }
    if (!explained) innermost.push_back(change);
  }
  return innermost;
}

std::string DescribeChanges(const std::vector<DigestChange>& changes) {
  std::string out;
  for (const DigestChange& change : changes) {
    if (!out.empty()) out += ", ";
    bool is_state = change.pointer.find("/States/") != std::string::npos;
    const char* verb = change.kind == DigestChange::kChanged ? "changed"
                       : change.kind == DigestChange::kAdded ? "added"
                                                             : "removed";
    out += fmt::format("{}{} {}", is_state ? "state " : "", change.pointer, verb);
  }
  return out;
}

}  // namespace asl
