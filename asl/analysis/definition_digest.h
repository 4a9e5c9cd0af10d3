#pragma once
// Content hashes of state machine definitions, for the verification record (docs/deploy.md).
//
// The hash is SHA-256 over a canonical JSON text, so that key order, whitespace and the way a
// number is written do not matter: a definition re-serialised by CloudFormation (which sorts a
// Definition object's keys), reformatted, or converted between JSON and YAML hashes the same.
// Canonical text: no whitespace; object members sorted by key (UTF-8 byte order, which is code
// point order); strings with only '"', '\' and control characters escaped (\b \f \n \r \t, else
// \u00XX), non-ASCII kept as UTF-8; integers in decimal; a number with a fraction or exponent
// whose value is an integer below 2^53 written as that integer (1.0 -> 1, 1e3 -> 1000); other
// numbers in the shortest form that reads back as the same double; true, false, null.

#include <map>
#include <string>
#include <vector>

#include "asl/base/json.h"

namespace asl {

// The canonical text described above.
std::string CanonicalJson(const Json& value);

// Lowercase hexadecimal SHA-256 of CanonicalJson(value).
std::string ContentHash(const Json& value);

// A definition's hash and the hash of each of its parts, so that a changed definition can be
// told apart state by state. Parts are keyed by JSON pointer: every state, at every depth
// ("/States/Publish", "/States/Buckets/ItemProcessor/States/Run", Parallel branches as
// "/States/P/Branches/0/States/A"), and every top-level member other than States ("/StartAt",
// "/Comment", "/TimeoutSeconds"). A nested state's change also changes the hash of the Map or
// Parallel state around it.
struct DefinitionDigest {
  std::string sha256;
  std::map<std::string, std::string> parts;
};
DefinitionDigest DigestDefinition(const Json& definition);

// How one part differs between a verified digest and a current one.
struct DigestChange {
  enum Kind { kChanged, kAdded, kRemoved };
  std::string pointer;
  Kind kind = kChanged;
};

// The parts that differ, innermost only (a Map state is not listed when the difference lies in
// one of its inner states, which is), in pointer order.
std::vector<DigestChange> DiffDigests(const std::map<std::string, std::string>& verified,
                                      const std::map<std::string, std::string>& current);

// "state /States/Publish changed", "state /States/New added", "/TimeoutSeconds removed": one
// phrase per change, joined with ", ".
std::string DescribeChanges(const std::vector<DigestChange>& changes);

}  // namespace asl
