#include "asl/analysis/distributed_map_facts.h"

#include <fmt/format.h>

#include "asl/base/number_text.h"

namespace asl {

bool IsDistributedMap(const State& state) {
  return state.type == StateType::kMap && state.map_mode == MapMode::kDistributed &&
         state.processor != nullptr;
}

bool InDistributedChild(const StateGraph& graph, int scope) {
  const std::vector<GraphScope>& scopes = graph.scopes();
  for (int s = scope; s > 0 && s < static_cast<int>(scopes.size()); s = scopes[s].parent) {
    const State* owner = scopes[s].owner;
    if (owner && IsDistributedMap(*owner) && owner->processor.get() == scopes[s].machine) {
      return true;
    }
  }
  return false;
}

ChildBatching BatchingOf(const State& map) {
  ChildBatching out;
  if (!map.item_batcher) return out;
  out.batched = true;
  const ItemBatcher& b = *map.item_batcher;
  out.max_items = b.max_items.value;
  out.max_items_from_input = b.max_items.path.has_value() || b.max_items.expression.has_value();
  out.max_bytes = b.max_bytes.value;
  out.max_bytes_from_input = b.max_bytes.path.has_value() || b.max_bytes.expression.has_value();
  return out;
}

std::string DescribeBatching(const ChildBatching& b) {
  if (!b.batched) return "one per item (no ItemBatcher)";
  std::string bytes;
  if (b.max_bytes) {
    bytes = fmt::format(" of at most {} bytes (MaxInputBytesPerBatch)", GroupDigits(*b.max_bytes));
  } else if (b.max_bytes_from_input) {
    bytes = " of at most the bytes MaxInputBytesPerBatchPath gives";
  }
  if (b.max_items) {
    return fmt::format("one per batch of at most {} (ItemBatcher MaxItemsPerBatch){}",
                       b.max_items == 1 ? std::string("1 item")
                                        : GroupDigits(*b.max_items) + " items",
                       bytes);
  }
  if (b.max_items_from_input) {
    return fmt::format("one per batch{}; the items per batch come from the input "
                       "(MaxItemsPerBatchPath): unknown here",
                       bytes);
  }
  // Only a byte limit: as many items as fit in it (AWS: within the 256 KiB payload quota).
  return fmt::format("one per batch{}; the items per batch depend on their size", bytes);
}

bool HasItemReader(const State& map) { return map.item_reader.has_value(); }

bool ExportsResults(const State& map) {
  return map.result_writer && map.result_writer->is_object() &&
         map.result_writer->contains("Resource");
}

namespace {

std::string StringField(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::string DescribeItemSource(const State& map) {
  if (map.item_reader) {
    std::string resource = StringField(*map.item_reader, "Resource");
    std::string input_type;
    if (auto it = map.item_reader->find("ReaderConfig");
        it != map.item_reader->end() && it->is_object()) {
      input_type = StringField(*it, "InputType");
    }
    return fmt::format("ItemReader {}{}", resource.empty() ? "(no Resource)" : resource,
                       input_type.empty() ? "" : " (" + input_type + ")");
  }
  if (map.items) return "Items (JSONata)";
  if (map.items_path) return "ItemsPath " + map.items_path->text();
  return "the state input";
}

std::string DescribeResultSink(const State& map) {
  if (ExportsResults(map)) return "ResultWriter " + StringField(*map.result_writer, "Resource");
  if (map.result_writer) {
    return "returned as the state's result (ResultWriter without Resource: formatted, not "
           "exported)";
  }
  return "returned as the state's result (no ResultWriter)";
}

}  // namespace asl
