#include "asl/load/yaml_expansion.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/base/number_text.h"

namespace asl {

namespace {

// Values and scalar bytes, saturating (an expansion can exceed 2^64).
struct Expansion {
  uint64_t values = 0;
  uint64_t bytes = 0;

  void Add(const Expansion& other) {
    values = std::min(kSaturated, values + std::min(other.values, kSaturated));
    bytes = std::min(kSaturated, bytes + std::min(other.bytes, kSaturated));
  }
  static constexpr uint64_t kSaturated = uint64_t{1} << 62;
};

// A node's identity: yaml-cpp keeps no public one, but every node owns its tag string, and an
// alias is the node its anchor names, so the tag's address tells nodes apart and aliases
// together. Only collections are looked up this way (every node handle from an iteration has
// data of its own).
const void* NodeIdentity(const YAML::Node& node) { return &node.Tag(); }

bool IsYamlCollection(const YAML::Node& node) { return node.IsMap() || node.IsSequence(); }

Expansion ScalarExpansion(const YAML::Node& node) {
  return {1, node.IsScalar() ? node.Scalar().size() : 0};
}

// One open collection of a walk: its entries still to visit.
struct YamlFrame {
  YAML::Node node;
  YAML::const_iterator next, end;
  Expansion size;       // phase 1: the expanded size so far, the collection itself included
  size_t pointer_size;  // phase 2: length of the pointer of the collection
  int key_line;         // phase 2: the line of the innermost key above the next entry
  size_t index = 0;     // of the next entry
};

// The child an entry holds, with its key's text (maps) and line.
struct YamlEntry {
  YAML::Node child;
  std::string key;  // "" in a sequence
  size_t index;     // in a sequence
  int line;         // the key's line in a map, else the child's
  bool in_map;
};

YamlEntry NextEntry(YamlFrame& frame) {
  YamlEntry entry;
  entry.index = frame.index++;
  entry.in_map = frame.node.IsMap();
  if (entry.in_map) {
    const auto& pair = *frame.next;
    YAML::Node key = pair.first;
    entry.child = pair.second;
    entry.key = key.IsScalar() ? key.Scalar() : std::string();
    entry.line = key.Mark().line + 1;
  } else {
    const YAML::Node& item = *frame.next;  // the iterator's value is a node in a sequence
    entry.child = item;
    entry.line = entry.child.Mark().line + 1;
  }
  ++frame.next;
  return entry;
}

}  // namespace

std::optional<TextError> CheckYamlExpansion(const YAML::Node& root,
                                            const YamlExpansionLimits& limits) {
  if (!IsYamlCollection(root)) return std::nullopt;

  // Phase 1: the expanded size of every distinct collection, each computed once, bottom-up;
  // and the document's own size (every node counted once, however often it is used).
  std::unordered_map<const void*, Expansion> expanded;
  std::unordered_set<const void*> open_ids;
  Expansion own{1, 0};
  std::vector<YamlFrame> frames;
  auto open_collection = [&](const YAML::Node& node) {
    open_ids.insert(NodeIdentity(node));
    frames.push_back({node, node.begin(), node.end(), Expansion{1, 0}, 0, 0});
  };
  open_collection(root);
  while (!frames.empty()) {
    YamlFrame& frame = frames.back();
    if (frame.next == frame.end) {
      Expansion size = frame.size;
      expanded[NodeIdentity(frame.node)] = size;
      open_ids.erase(NodeIdentity(frame.node));
      frames.pop_back();
      if (!frames.empty()) frames.back().size.Add(size);
      continue;
    }
    YamlEntry entry = NextEntry(frame);
    Expansion key_bytes{0, entry.key.size()};
    frame.size.Add(key_bytes);
    own.Add(key_bytes);
    if (!IsYamlCollection(entry.child)) {
      frame.size.Add(ScalarExpansion(entry.child));
      own.Add(ScalarExpansion(entry.child));
      continue;
    }
    const void* id = NodeIdentity(entry.child);
    if (auto done = expanded.find(id); done != expanded.end()) {
      frame.size.Add(done->second);
      continue;
    }
    if (open_ids.count(id) != 0) {
      return TextError{entry.line, 0, "",
                       fmt::format("an alias refers to a node that contains it (the anchor at "
                                   "line {}): its expansion never ends",
                                   entry.child.Mark().line + 1)};
    }
    if (static_cast<int>(frames.size()) >= limits.max_depth) {
      return TextError{entry.line, 0, "",
                       fmt::format("nested more than {} levels deep", limits.max_depth)};
    }
    own.Add(Expansion{1, 0});
    open_collection(entry.child);
  }
  const uint64_t max_values = std::max(limits.max_values, own.values);
  const uint64_t max_bytes = std::max(limits.max_bytes, own.bytes);
  Expansion total = expanded[NodeIdentity(root)];
  if (total.values <= max_values && total.bytes <= max_bytes) return std::nullopt;

  // Phase 2: where the expansion crosses the bounds, in document order: the first alias (a
  // collection met a second time) that takes the running size beyond them.
  std::unordered_set<const void*> seen{NodeIdentity(root)};
  std::string pointer;
  Expansion running{1, 0};
  frames.clear();
  frames.push_back({root, root.begin(), root.end(), {}, 0, root.Mark().line + 1});
  while (!frames.empty()) {
    YamlFrame& frame = frames.back();
    if (frame.next == frame.end) {
      frames.pop_back();
      continue;
    }
    pointer.resize(frame.pointer_size);
    YamlEntry entry = NextEntry(frame);
    pointer = entry.in_map ? PointerJoin(pointer, entry.key) : PointerJoin(pointer, entry.index);
    running.Add(Expansion{0, entry.key.size()});
    bool repeated = IsYamlCollection(entry.child) && seen.count(NodeIdentity(entry.child)) != 0;
    Expansion size = !IsYamlCollection(entry.child) ? ScalarExpansion(entry.child)
                : repeated                 ? expanded[NodeIdentity(entry.child)]
                                           : Expansion{1, 0};
    running.Add(size);
    if (running.values > max_values || running.bytes > max_bytes) {
      std::string what = repeated ? fmt::format("the alias to the anchor at line {} (it expands "
                                                "to {} values, {} bytes)",
                                                entry.child.Mark().line + 1,
                                                GroupDigits(static_cast<int64_t>(size.values)),
                                                GroupDigits(static_cast<int64_t>(size.bytes)))
                                  : "this value";
      return TextError{
          entry.in_map ? entry.line : frame.key_line, 0, pointer,
          fmt::format("with aliases expanded the document exceeds {} values or {} bytes at {}, "
                      "sfnsim's bound on a YAML document's expansion (it is {} values, {} "
                      "bytes in all; a definition is at most 1 MiB of JSON)",
                      GroupDigits(static_cast<int64_t>(max_values)),
                      GroupDigits(static_cast<int64_t>(max_bytes)), what,
                      GroupDigits(static_cast<int64_t>(total.values)),
                      GroupDigits(static_cast<int64_t>(total.bytes)))};
    }
    if (IsYamlCollection(entry.child) && !repeated) {
      seen.insert(NodeIdentity(entry.child));
      int key_line = entry.in_map ? entry.line : frame.key_line;
      frames.push_back({entry.child, entry.child.begin(), entry.child.end(), {}, pointer.size(),
                        key_line});
    }
  }
  return std::nullopt;
}

}  // namespace asl
