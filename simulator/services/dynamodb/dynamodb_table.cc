#include "simulator/services/dynamodb/dynamodb_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "simulator/services/dynamodb/attribute_value.h"
#include "simulator/services/dynamodb/expression.h"

namespace sim::dynamodb {

namespace {

const asl::Json* Member(const asl::Json& params, const char* key) {
  if (!params.is_object()) return nullptr;
  auto it = params.find(key);
  return it == params.end() || it->is_null() ? nullptr : &*it;
}

// A string parameter; a ValidationException when it is of another type.
asl::Result<std::optional<std::string>, AwsError> StringParam(const asl::Json& params,
                                                              const char* key,
                                                              const char* member) {
  const asl::Json* v = Member(params, key);
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) {
    return asl::Fail(Validation(fmt::format(
        "1 validation error detected: Value '{}' at '{}' failed to satisfy constraint: Member "
        "must be a string", asl::Dump(*v), member)));
  }
  return std::optional<std::string>(v->get<std::string>());
}

// ExpressionAttributeNames / Values of a request, and the check AWS makes that each was used.
struct RequestSubstitutions {
  Substitutions subs;
  asl::Status<AwsError> Check(const asl::Json& params) {
    const asl::Json* names = Member(params, "ExpressionAttributeNames");
    const asl::Json* values = Member(params, "ExpressionAttributeValues");
    if (values) {
      if (!values->is_object()) return asl::Fail(Validation("ExpressionAttributeValues must be a map"));
      if (values->empty()) {
        return asl::Fail(Validation("ExpressionAttributeValues must not be empty"));
      }
      for (auto it = values->begin(); it != values->end(); ++it) {
        if (std::string problem = CheckAttributeValue(*it, it.key()); !problem.empty()) {
          return asl::Fail(Validation(problem));
        }
      }
    }
    if (names && !names->is_object()) {
      return asl::Fail(Validation("ExpressionAttributeNames must be a map"));
    }
    if (names && names->empty()) {
      return asl::Fail(Validation("ExpressionAttributeNames must not be empty"));
    }
    subs.names = names;
    subs.values = values;
    return {};
  }
  asl::Status<AwsError> Unused() const {
    auto unused = [](const asl::Json* given, const std::set<std::string>& used) {
      std::vector<std::string> out;
      if (!given) return out;
      for (auto it = given->begin(); it != given->end(); ++it) {
        if (!used.count(it.key())) out.push_back(it.key());
      }
      return out;
    };
    if (auto names = unused(subs.names, subs.used_names); !names.empty()) {
      return asl::Fail(Validation(fmt::format(
          "Value provided in ExpressionAttributeNames unused in expressions: keys: {{{}}}",
          fmt::join(names, ", "))));
    }
    if (auto values = unused(subs.values, subs.used_values); !values.empty()) {
      return asl::Fail(Validation(fmt::format(
          "Value provided in ExpressionAttributeValues unused in expressions: keys: {{{}}}",
          fmt::join(values, ", "))));
    }
    return {};
  }
};

// The optional ConditionExpression of a write.
asl::Result<std::optional<Condition>, AwsError> ParseOptionalCondition(
    const asl::Json& params, const char* key, RequestSubstitutions& subs) {
  auto text = StringParam(params, key, key);
  if (!text.ok()) return asl::Fail(text.error());
  if (!*text) return std::optional<Condition>();
  auto parsed = ParseCondition(**text, key, subs.subs);
  if (!parsed.ok()) return asl::Fail(Validation(parsed.error()));
  return std::optional<Condition>(std::move(*parsed));
}

asl::Result<std::string, AwsError> ReturnValues(const asl::Json& params,
                                                std::initializer_list<const char*> allowed) {
  auto text = StringParam(params, "ReturnValues", "returnValues");
  if (!text.ok()) return asl::Fail(text.error());
  std::string value = text->value_or("NONE");
  for (const char* a : allowed) {
    if (value == a) return value;
  }
  if (value == "ALL_NEW" || value == "UPDATED_OLD" || value == "UPDATED_NEW" ||
      value == "ALL_OLD") {
    return asl::Fail(Validation(fmt::format("ReturnValues can only be {}",
                                            fmt::join(allowed, " or "))));
  }
  return asl::Fail(Validation(fmt::format(
      "1 validation error detected: Value '{}' at 'returnValues' failed to satisfy constraint: "
      "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]",
      value)));
}

AwsError ConditionFailed() {
  AwsError e;
  e.code = "ConditionalCheckFailedException";
  e.message = "The conditional request failed";
  e.http_status = 400;
  return e;
}

// The top-level attributes ProjectionExpression names ("a, #b"); nested paths keep their top
// attribute whole (NONSTANDARD, docs/known-differences.md).
asl::Result<std::optional<std::vector<std::string>>, AwsError> Projection(
    const asl::Json& params, RequestSubstitutions& subs) {
  auto text = StringParam(params, "ProjectionExpression", "projectionExpression");
  if (!text.ok()) return asl::Fail(text.error());
  if (!*text) return std::optional<std::vector<std::string>>();
  std::vector<std::string> names;
  std::string_view rest = **text;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view part = rest.substr(0, comma);
    // Each part is a path: parse it as the operand of a trivial condition.
    std::string condition = fmt::format("attribute_exists({})", part);
    auto parsed = ParseCondition(condition, "ProjectionExpression", subs.subs);
    if (!parsed.ok()) return asl::Fail(Validation(parsed.error()));
    // attribute_exists(path): the path's first name.
    size_t start = part.find_first_not_of(" \t\n");
    size_t end = part.find_first_of(".[ \t\n", start);
    std::string top(part.substr(start == std::string_view::npos ? 0 : start,
                                end == std::string_view::npos ? std::string_view::npos
                                                              : end - start));
    if (!top.empty() && top[0] == '#' && subs.subs.names) {
      top = (*subs.subs.names)[top].get<std::string>();
    }
    names.push_back(std::move(top));
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return std::optional<std::vector<std::string>>(std::move(names));
}

asl::Json Project(const asl::Json& item, const std::optional<std::vector<std::string>>& names) {
  if (!names) return item;
  asl::Json out = asl::Json::object();
  for (const std::string& name : *names) {
    if (auto it = item.find(name); it != item.end()) out[name] = *it;
  }
  return out;
}

}  // namespace

AwsError Validation(std::string message) {
  AwsError e;
  e.code = "ValidationException";
  e.message = std::move(message);
  e.http_status = 400;
  return e;
}

bool Table::KeyLess::operator()(const Key& a, const Key& b) const {
  int c = CompareScalars(a.partition, b.partition).value_or(0);
  if (c != 0) return c < 0;
  if (a.sort.is_null() || b.sort.is_null()) return false;
  return CompareScalars(a.sort, b.sort).value_or(0) < 0;
}

Table::Table(TableSpec spec) : spec_(std::move(spec)) {}

asl::Status<std::string> Table::Load() {
  for (size_t i = 0; i < spec_.items.size(); ++i) {
    auto key = KeyOf(spec_.items[i], /*exact=*/false);
    if (!key.ok()) {
      return asl::Fail(fmt::format("dynamodb table {}: item {}: {}", spec_.name, i,
                                   key.error().message));
    }
    items_.insert_or_assign(std::move(*key), spec_.items[i]);
  }
  spec_.items.clear();
  spec_.items.shrink_to_fit();
  return {};
}

asl::Result<Table::Key, AwsError> Table::RequestKey(const asl::Json& params) const {
  const asl::Json* key_param = Member(params, "Key");
  if (!key_param) {
    return asl::Fail(Validation("1 validation error detected: Value null at 'key' failed to "
                                "satisfy constraint: Member must not be null"));
  }
  return KeyOf(*key_param, /*exact=*/true);
}

asl::Result<Table::Key, AwsError> Table::KeyOf(const asl::Json& value, bool exact) const {
  const char* kMismatch = "The provided key element does not match the schema";
  if (!value.is_object()) return asl::Fail(Validation(kMismatch));
  std::vector<const KeyAttribute*> attributes = {&spec_.partition};
  if (spec_.sort) attributes.push_back(&*spec_.sort);
  if (exact && value.size() != attributes.size()) return asl::Fail(Validation(kMismatch));
  Key key;
  for (const KeyAttribute* attribute : attributes) {
    auto it = value.find(attribute->name);
    if (it == value.end()) {
      if (exact) return asl::Fail(Validation(kMismatch));
      return asl::Fail(Validation(fmt::format(
          "One or more parameter values were invalid: Missing the key {} in the item",
          attribute->name)));
    }
    if (std::string problem = CheckAttributeValue(*it, attribute->name); !problem.empty()) {
      return asl::Fail(Validation(problem));
    }
    std::string_view type = TypeOf(*it);
    if (type != attribute->type) {
      if (exact) return asl::Fail(Validation(kMismatch));
      return asl::Fail(Validation(fmt::format(
          "One or more parameter values were invalid: Type mismatch for key {} expected: {} "
          "actual: {}", attribute->name, attribute->type, type)));
    }
    if (it->begin().value().get_ref<const std::string&>().empty()) {
      return asl::Fail(Validation(fmt::format(
          "One or more parameter values are not valid. The AttributeValue for a key attribute "
          "cannot contain an empty {} value. Key: {}", type == "B" ? "binary" : "string",
          attribute->name)));
    }
    (attribute == &spec_.partition ? key.partition : key.sort) = *it;
  }
  return key;
}

asl::Json Table::KeyJson(const Key& key) const {
  asl::Json out = asl::Json::object();
  out[spec_.partition.name] = key.partition;
  if (spec_.sort) out[spec_.sort->name] = key.sort;
  return out;
}

const asl::Json* Table::Stored(const asl::Json& item_or_key) const {
  auto key = KeyOf(item_or_key, /*exact=*/false);
  if (!key.ok()) return nullptr;
  auto it = items_.find(*key);
  return it == items_.end() ? nullptr : &it->second;
}

asl::Result<asl::Json, AwsError> Table::PutItem(const asl::Json& params) {
  const asl::Json* item = Member(params, "Item");
  if (!item) {
    return asl::Fail(Validation("1 validation error detected: Value null at 'item' failed to "
                                "satisfy constraint: Member must not be null"));
  }
  if (!item->is_object()) return asl::Fail(Validation("Item must be a map of attribute values"));
  for (auto it = item->begin(); it != item->end(); ++it) {
    if (std::string problem = CheckAttributeValue(*it, it.key()); !problem.empty()) {
      return asl::Fail(Validation(problem));
    }
  }
  auto key = KeyOf(*item, /*exact=*/false);
  if (!key.ok()) return asl::Fail(key.error());
  RequestSubstitutions subs;
  if (auto checked = subs.Check(params); !checked.ok()) return asl::Fail(checked.error());
  auto condition = ParseOptionalCondition(params, "ConditionExpression", subs);
  if (!condition.ok()) return asl::Fail(condition.error());
  if (auto unused = subs.Unused(); !unused.ok()) return asl::Fail(unused.error());
  auto returns = ReturnValues(params, {"NONE", "ALL_OLD"});
  if (!returns.ok()) return asl::Fail(returns.error());
  auto existing = items_.find(*key);
  const asl::Json* old = existing == items_.end() ? nullptr : &existing->second;
  if (*condition && !Evaluate(**condition, old)) return asl::Fail(ConditionFailed());
  asl::Json out = asl::Json::object();
  if (*returns == "ALL_OLD" && old) out["Attributes"] = *old;
  items_.insert_or_assign(std::move(*key), *item);
  return out;
}

asl::Result<asl::Json, AwsError> Table::GetItem(const asl::Json& params) const {
  auto key = RequestKey(params);
  if (!key.ok()) return asl::Fail(key.error());
  RequestSubstitutions subs;
  if (auto checked = subs.Check(params); !checked.ok()) return asl::Fail(checked.error());
  auto projection = Projection(params, subs);
  if (!projection.ok()) return asl::Fail(projection.error());
  if (auto unused = subs.Unused(); !unused.ok()) return asl::Fail(unused.error());
  asl::Json out = asl::Json::object();
  if (auto it = items_.find(*key); it != items_.end()) out["Item"] = Project(it->second, *projection);
  return out;
}

asl::Result<asl::Json, AwsError> Table::DeleteItem(const asl::Json& params) {
  auto key = RequestKey(params);
  if (!key.ok()) return asl::Fail(key.error());
  RequestSubstitutions subs;
  if (auto checked = subs.Check(params); !checked.ok()) return asl::Fail(checked.error());
  auto condition = ParseOptionalCondition(params, "ConditionExpression", subs);
  if (!condition.ok()) return asl::Fail(condition.error());
  if (auto unused = subs.Unused(); !unused.ok()) return asl::Fail(unused.error());
  auto returns = ReturnValues(params, {"NONE", "ALL_OLD"});
  if (!returns.ok()) return asl::Fail(returns.error());
  auto existing = items_.find(*key);
  const asl::Json* old = existing == items_.end() ? nullptr : &existing->second;
  if (*condition && !Evaluate(**condition, old)) return asl::Fail(ConditionFailed());
  asl::Json out = asl::Json::object();
  if (existing != items_.end()) {
    if (*returns == "ALL_OLD") out["Attributes"] = existing->second;
    items_.erase(existing);
  }
  return out;
}

asl::Result<asl::Json, AwsError> Table::UpdateItem(const asl::Json& params) {
  auto key = RequestKey(params);
  if (!key.ok()) return asl::Fail(key.error());
  RequestSubstitutions subs;
  if (auto checked = subs.Check(params); !checked.ok()) return asl::Fail(checked.error());
  auto text = StringParam(params, "UpdateExpression", "updateExpression");
  if (!text.ok()) return asl::Fail(text.error());
  std::optional<Update> update;
  if (*text) {
    auto parsed = ParseUpdate(**text, subs.subs);
    if (!parsed.ok()) return asl::Fail(Validation(parsed.error()));
    update = std::move(*parsed);
    for (const Path& path : UpdatedPaths(*update)) {
      std::string_view top = TopName(path);
      if (top == spec_.partition.name || (spec_.sort && top == spec_.sort->name)) {
        return asl::Fail(Validation(fmt::format(
            "One or more parameter values were invalid: Cannot update attribute {}. This "
            "attribute is part of the key", top)));
      }
    }
  }
  auto condition = ParseOptionalCondition(params, "ConditionExpression", subs);
  if (!condition.ok()) return asl::Fail(condition.error());
  if (auto unused = subs.Unused(); !unused.ok()) return asl::Fail(unused.error());
  auto returns = ReturnValues(params, {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"});
  if (!returns.ok()) return asl::Fail(returns.error());
  auto existing = items_.find(*key);
  const asl::Json* old = existing == items_.end() ? nullptr : &existing->second;
  if (*condition && !Evaluate(**condition, old)) return asl::Fail(ConditionFailed());
  // UpdateItem creates the item when it does not exist (with its key attributes).
  asl::Json before = old ? *old : KeyJson(*key);
  asl::Json after = before;
  if (update) {
    auto applied = Apply(*update, before);
    if (!applied.ok()) return asl::Fail(Validation(applied.error()));
    after = std::move(*applied);
  }
  asl::Json out = asl::Json::object();
  const std::string& r = *returns;
  if (r == "ALL_OLD" && old) out["Attributes"] = *old;
  if (r == "ALL_NEW") out["Attributes"] = after;
  if ((r == "UPDATED_OLD" || r == "UPDATED_NEW") && update) {
    // The top-level attributes the update touched, as they were or are.
    const asl::Json& source = r == "UPDATED_OLD" ? before : after;
    asl::Json attributes = asl::Json::object();
    for (const Path& path : UpdatedPaths(*update)) {
      std::string name(TopName(path));
      if (auto it = source.find(name); it != source.end() && (r == "UPDATED_NEW" || old)) {
        attributes[name] = *it;
      }
    }
    if (!attributes.empty()) out["Attributes"] = std::move(attributes);
  }
  items_.insert_or_assign(std::move(*key), std::move(after));
  return out;
}

asl::Result<asl::Json, AwsError> Table::Read(const asl::Json& params, bool query) const {
  RequestSubstitutions subs;
  if (auto checked = subs.Check(params); !checked.ok()) return asl::Fail(checked.error());
  std::optional<KeyCondition> key_condition;
  if (query) {
    auto text = StringParam(params, "KeyConditionExpression", "keyConditionExpression");
    if (!text.ok()) return asl::Fail(text.error());
    if (!*text) {
      return asl::Fail(Validation("Either the KeyConditions or KeyConditionExpression parameter "
                                  "must be specified in the request."));
    }
    auto parsed = ParseCondition(**text, "KeyConditionExpression", subs.subs);
    if (!parsed.ok()) return asl::Fail(Validation(parsed.error()));
    auto split = ToKeyCondition(*parsed, spec_.partition.name,
                                spec_.sort ? std::string_view(spec_.sort->name) : "");
    if (!split.ok()) return asl::Fail(Validation(split.error()));
    key_condition = std::move(*split);
    if (TypeOf(key_condition->partition_value) != spec_.partition.type) {
      return asl::Fail(Validation("One or more parameter values were invalid: Condition parameter "
                                  "type does not match schema type"));
    }
  }
  auto filter = ParseOptionalCondition(params, "FilterExpression", subs);
  if (!filter.ok()) return asl::Fail(filter.error());
  auto projection = Projection(params, subs);
  if (!projection.ok()) return asl::Fail(projection.error());
  if (auto unused = subs.Unused(); !unused.ok()) return asl::Fail(unused.error());
  int64_t limit = INT64_MAX;
  if (const asl::Json* l = Member(params, "Limit")) {
    if (!l->is_number_integer() || l->get<int64_t>() < 1) {
      return asl::Fail(Validation(fmt::format(
          "1 validation error detected: Value '{}' at 'limit' failed to satisfy constraint: "
          "Member must have value greater than or equal to 1", asl::Dump(*l))));
    }
    limit = l->get<int64_t>();
  }
  bool forward = true;
  if (const asl::Json* f = Member(params, "ScanIndexForward"); f && f->is_boolean()) {
    forward = f->get<bool>();
  }
  bool count_only = false;
  if (auto select = StringParam(params, "Select", "select"); select.ok() && *select) {
    count_only = **select == "COUNT";
  }
  // The items in the order the call reads them.
  std::vector<std::pair<const Key*, const asl::Json*>> order;
  for (const auto& [key, item] : items_) {
    if (key_condition && !Equal(key.partition, key_condition->partition_value)) continue;
    order.emplace_back(&key, &item);
  }
  if (!forward) std::reverse(order.begin(), order.end());
  size_t first = 0;
  if (const asl::Json* start = Member(params, "ExclusiveStartKey")) {
    auto key = KeyOf(*start, /*exact=*/true);
    if (!key.ok()) {
      return asl::Fail(Validation("The provided starting key is invalid: " + key.error().message));
    }
    KeyLess less;
    while (first < order.size()) {
      const Key& k = *order[first].first;
      if (forward ? less(*key, k) : less(k, *key)) break;  // the first item after the key
      ++first;
    }
  }
  asl::Json items = asl::Json::array();
  int64_t scanned = 0;
  const Key* last = nullptr;
  for (size_t i = first; i < order.size() && scanned < limit; ++i) {
    const asl::Json& item = *order[i].second;
    last = order[i].first;
    if (key_condition && !key_condition->sort_name.empty() &&
        !Evaluate(key_condition->sort, &item)) {
      continue;  // outside the key condition: not read, not counted
    }
    ++scanned;
    if (*filter && !Evaluate(**filter, &item)) continue;
    if (!count_only) items.push_back(Project(item, *projection));
    else items.push_back(asl::Json());
  }
  asl::Json out = asl::Json::object();
  out["Count"] = items.size();
  if (!count_only) out["Items"] = std::move(items);
  // A page that stopped at its Limit says where it stopped, even when nothing follows (as
  // DynamoDB does; the next page is then empty).
  if (scanned >= limit && last) out["LastEvaluatedKey"] = KeyJson(*last);
  out["ScannedCount"] = scanned;
  return out;
}

}  // namespace sim::dynamodb
