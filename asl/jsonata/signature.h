#pragma once
// Function signatures as the reference writes them (`<s-n?:s>`, `<a<n>:n>`, `<x-:b>`) and the
// argument checks they imply (T0410 wrong argument, T0411 wrong context, T0412 array of the
// wrong type). Like the reference, the arguments' type symbols are matched against a regular
// expression built from the parameters, so optional, repeated and context parameters resolve
// the same way.

#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "asl/jsonata/value.h"

namespace asl::jsonata {

struct SignatureParam {
  char type = 'x';
  std::string regex;
  bool array = false;
  bool context = false;
  std::string context_regex;
  std::string subtype;
};

struct Signature {
  std::string text;
  std::vector<SignatureParam> params;
  std::regex matcher;
  // Checks `args` (the context `context` fills a `-` parameter that was not given) and returns
  // the arguments the function receives. Throws T0410 / T0411 / T0412.
  std::vector<Value> Validate(const std::vector<Value>& args, const Value& context) const;
};

// Parses `<...>`; throws S0401/S0402 on a malformed signature.
std::shared_ptr<Signature> ParseSignature(std::string_view text);

// The reference's one-letter type symbol of a value: s n b l a o f, m for undefined.
char TypeSymbol(const Value& v);

}  // namespace asl::jsonata
