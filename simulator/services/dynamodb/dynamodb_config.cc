#include "simulator/services/dynamodb/dynamodb_config.h"

#include <fmt/format.h>

#include "asl/load/source_text.h"
#include "simulator/services/config_reader.h"
#include "simulator/services/dynamodb/attribute_value.h"

namespace sim::dynamodb {

namespace {

using world_internal::Member;
using world_internal::Reader;

std::optional<KeyAttribute> ReadKey(Reader& r, const asl::Json& value, const std::string& p) {
  if (!r.Object(value, p, {"name", "type"})) return std::nullopt;
  auto name = r.String(value, p, "name", true);
  auto type = r.String(value, p, "type", true);
  if (!name || !type) return std::nullopt;
  KeyAttribute key{name.value_or(""), type.value_or("")};
  if (key.name.empty()) {
    r.Error(Member(p, "name"), "a key attribute needs a name");
    return std::nullopt;
  }
  if (key.type != "S" && key.type != "N" && key.type != "B") {
    r.Error(Member(p, "type"),
            fmt::format("\"{}\" is not a key attribute type (S, N or B)", key.type));
    return std::nullopt;
  }
  return key;
}

// Each item must be an object of valid AttributeValues.
void ReadItems(Reader& r, const asl::Json& items, const std::string& p, TableSpec& table) {
  if (!r.Array(items, p)) return;
  for (size_t i = 0; i < items.size(); ++i) {
    std::string ip = asl::PointerJoin(p, i);
    const asl::Json& item = items[i];
    if (!item.is_object()) {
      r.Error(ip, fmt::format("expected an item (an object of attribute name to typed value "
                              "such as {{\"S\": \"text\"}}), got {}", asl::TypeWithArticle(item)),
              asl::DiagnosticCode::kWrongType);
      continue;
    }
    bool valid = true;
    for (auto it = item.begin(); it != item.end(); ++it) {
      if (std::string problem = CheckAttributeValue(*it, it.key()); !problem.empty()) {
        r.Error(Member(ip, it.key().c_str()), problem);
        valid = false;
      }
    }
    if (valid) table.items.push_back(item);
  }
}

}  // namespace

void ReadSection(Reader& r, const asl::Json& value, const std::string& pointer,
                 ServiceSections& out) {
  if (!r.Object(value, pointer, {"tables"})) return;
  Config& config = out.Make<Config>(kSection);
  auto tables = value.find("tables");
  if (tables == value.end() || tables->is_null()) return;
  std::string tp = Member(pointer, "tables");
  if (!r.Array(*tables, tp)) return;
  for (size_t i = 0; i < tables->size(); ++i) {
    const asl::Json& t = (*tables)[i];
    std::string p = asl::PointerJoin(tp, i);
    if (!r.Object(t, p, {"name", "key_schema", "items", "items_file", "throttle"})) continue;
    TableSpec table;
    auto name = r.String(t, p, "name", true);
    if (!name) continue;
    table.name = name.value_or("");
    // CreateTable: 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'.
    if (table.name.size() < 3 || table.name.size() > 255 ||
        table.name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                     "0123456789_-.") != std::string::npos) {
      r.Error(Member(p, "name"), fmt::format("\"{}\" is not a table name (3 to 255 of a-z, A-Z, "
                                             "0-9, _, - and .)", table.name));
      continue;
    }
    auto schema = t.find("key_schema");
    if (schema == t.end()) {
      r.Error(p, "required field \"key_schema\" is missing", asl::DiagnosticCode::kMissingField);
      continue;
    }
    std::string sp = Member(p, "key_schema");
    if (!r.Object(*schema, sp, {"partition", "sort"})) continue;
    if (!schema->contains("partition")) {
      r.Error(sp, "required field \"partition\" is missing", asl::DiagnosticCode::kMissingField);
      continue;
    }
    auto partition = ReadKey(r, (*schema)["partition"], Member(sp, "partition"));
    if (!partition) continue;
    table.partition = *partition;
    if (schema->contains("sort")) {
      auto sort = ReadKey(r, (*schema)["sort"], Member(sp, "sort"));
      if (!sort) continue;
      if (sort->name == partition->name) {
        r.Error(Member(sp, "sort"), "the sort key must differ from the partition key");
        continue;
      }
      table.sort = *sort;
    }
    if (auto items = t.find("items"); items != t.end() && !items->is_null()) {
      ReadItems(r, *items, Member(p, "items"), table);
    }
    if (auto file = r.String(t, p, "items_file")) {
      std::string path = r.Path(file.value_or(""));
      std::string fp = Member(p, "items_file");
      if (!r.Allowed(path, fp)) continue;
      auto document = asl::ReadDocumentFile(path);
      if (!document.ok()) {
        for (const asl::Diagnostic& d : document.error().items()) r.diagnostics().Add(d);
        continue;
      }
      // Problems inside the file are reported at the world's items_file member, with the item's
      // index in the file.
      asl::DiagnosticList inner;
      Reader file_reader(document->source, inner, "", r.policy());
      ReadItems(file_reader, document->value, "", table);
      for (const asl::Diagnostic& d : inner.items()) r.diagnostics().Add(d);
    }
    if (auto throttle = t.find("throttle"); throttle != t.end() && !throttle->is_null()) {
      std::string hp = Member(p, "throttle");
      if (r.Object(*throttle, hp, {"requests_per_second", "burst"})) {
        auto rate = r.Number(*throttle, hp, "requests_per_second", 0.001, 1e9);
        auto burst = r.Integer(*throttle, hp, "burst", 1, int64_t{1} << 40);
        if (!rate) {
          r.Error(hp, "required field \"requests_per_second\" is missing",
                  asl::DiagnosticCode::kMissingField);
        } else {
          double per_second = rate.value_or(1);
          table.throttle = TableThrottle{
              per_second, burst.value_or(std::max<int64_t>(1, static_cast<int64_t>(per_second)))};
        }
      }
    }
    bool twice = false;
    for (const TableSpec& other : config.tables) twice |= other.name == table.name;
    if (twice) {
      r.Error(p, fmt::format("table \"{}\" is declared twice", table.name));
      continue;
    }
    config.tables.push_back(std::move(table));
  }
}

}  // namespace sim::dynamodb
