#pragma once
// The JSON value type used everywhere in sfnsim.
//
// AWS serialises every payload it builds itself as compact JSON with keys in insertion order
// (e.g. an error output is {"Error":…,"Cause":…}), so sfnsim keeps insertion order too.

#include <nlohmann/json.hpp>
#include <string>

namespace asl {

using Json = nlohmann::ordered_json;

// Compact serialisation as Step Functions writes payloads: no spaces, insertion-ordered keys,
// non-ASCII kept as UTF-8. Invalid UTF-8 is replaced rather than thrown on. The same text as
// nlohmann's dump(-1, ' ', false, replace), written faster (json_dump.cc).
std::string Dump(const Json& value);
// Appends Dump(value) to `out`.
void AppendDump(const Json& value, std::string& out);

// An empty object with room for `members` members. ordered_json keeps members in a vector of
// pairs whose const keys make them copy-only: every time the vector grows, each value already in
// the object is deep-copied. Reserve wherever an object is built member by member.
inline Json ObjectWithCapacity(size_t members) {
  Json object = Json::object();
  object.get_ref<Json::object_t&>().reserve(members);
  return object;
}
// Makes room for `more` members in `object` (an object) before they are added.
inline void ReserveMembers(Json& object, size_t more) {
  auto& members = object.get_ref<Json::object_t&>();
  members.reserve(members.size() + more);
}

// Makes room for one more member in `object` (an object), moving the values already there into
// the new storage instead of copying them (a vector's own growth copies: the pairs' const keys
// make their move constructor potentially throwing). A copy of a value recurses once per level
// of nesting, and the value may be nested deep.
inline void ReserveOneMoreByMoving(Json& object) {
  auto& members = object.get_ref<Json::object_t&>();
  if (members.size() < members.capacity()) return;
  Json::object_t::Container grown;
  grown.reserve(members.empty() ? 4 : 2 * members.size());
  for (auto& member : members) grown.emplace_back(member.first, std::move(member.second));
  static_cast<Json::object_t::Container&>(members).swap(grown);
}

// The JSON type name AWS uses in error messages ("string", "number", "object", …).
inline const char* TypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "number";
    case Json::value_t::string: return "string";
    case Json::value_t::array: return "array";
    case Json::value_t::object: return "object";
    default: return "value";
  }
}

}  // namespace asl
