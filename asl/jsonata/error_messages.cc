#include "asl/jsonata/error_messages.h"

#include <string>
#include <string_view>

#include "asl/base/json.h"

namespace asl::jsonata {
namespace {

struct MessageTemplate {
  std::string_view code;
  std::string_view text;
};

// jsonata 2.2.2's errorCodes, the entries that substitute nothing or only the token.
constexpr MessageTemplate kTemplates[] = {
    {"S0101", "String literal must be terminated by a matching quote"},
    {"S0102", "Number out of range: {{token}}"},
    {"S0103", "Unsupported escape sequence: \\{{token}}"},
    {"S0104", "The escape sequence \\u must be followed by 4 hex digits"},
    {"S0105", "Quoted property name must be terminated with a backquote (`)"},
    {"S0106", "Comment has no closing tag"},
    {"S0201", "Syntax error: {{token}}"},
    {"S0204", "Unknown operator: {{token}}"},
    {"S0205", "Unexpected token: {{token}}"},
    {"S0206", "Unknown expression type: {{token}}"},
    {"S0207", "Unexpected end of expression"},
    {"S0209", "A predicate cannot follow a grouping expression in a step"},
    {"S0210", "Each step can only have one grouping expression"},
    {"S0211", "The symbol {{token}} cannot be used as a unary operator"},
    {"S0212", "The left side of := must be a variable name (start with $)"},
    {"S0214", "The right side of {{token}} must be a variable name (start with $)"},
    {"S0215", "A context variable binding must precede any predicates on a step"},
    {"S0216", "A context variable binding must precede the 'order-by' clause on a step"},
    {"S0217", "The object representing the 'parent' cannot be derived from this expression"},
    {"S0301", "Empty regular expressions are not allowed"},
    {"S0302", "No terminating / in regular expression"},
    {"S0402", "Choice groups containing parameterized types are not supported"},
    {"S0401", "Type parameters can only be applied to functions and arrays"},
    {"S0500", "Attempted to evaluate an expression containing syntax error(s)"},
    {"D1004", "Regular expression matches zero length string"},
    {"T1005", "Attempted to invoke a non-function. Did you mean ${{{token}}}?"},
    {"T1006", "Attempted to invoke a non-function"},
    {"T1007", "Attempted to partially apply a non-function. Did you mean ${{{token}}}?"},
    {"T1008", "Attempted to partially apply a non-function"},
    {"T1010",
     "The matcher function argument passed to function "
     "{{token}} does not return the correct object structure"},
    {"D1011",
     "Stack overflow. Check for non-terminating "
     "recursive function.  Consider rewriting as tail-recursive"},
    {"T2001", "The left side of the {{token}} operator must evaluate to a number"},
    {"T2002", "The right side of the {{token}} operator must evaluate to a number"},
    {"T2003", "The left side of the range operator (..) must evaluate to an integer"},
    {"T2004", "The right side of the range operator (..) must evaluate to an integer"},
    {"D2005", "The left side of := must be a variable name (start with $)"},
    {"T2006", "The right side of the function application operator ~> must be a function"},
    {"T2008",
     "The expressions within an order-by "
     "clause must evaluate to numeric or string values"},
    {"T2010",
     "The expressions either side of operator "
     "{{token}} must evaluate to numeric or string values"},
    {"T2013",
     "The transform expression clones the input object using the $clone() "
     "function.  This has been overridden in the current scope by a non-function."},
    {"D3001", "Attempting to invoke string function on Infinity or NaN"},
    {"D3010", "Second argument of replace function cannot be an empty string"},
    {"D3011", "Fourth argument of replace function must evaluate to a positive number"},
    {"D3012", "Attempted to replace a matched string with a non-string value"},
    {"D3020", "Third argument of split function must evaluate to a positive number"},
    {"D3040", "Third argument of match function must evaluate to a positive number"},
    {"D3050",
     "The second argument of reduce function "
     "must be a function with at least two arguments"},
    {"D3070",
     "The single argument form of the sort function can only be applied to an array of "
     "strings or an array of numbers.  Use the second argument to specify a comparison function"},
    {"D3080", "The picture string must only contain a maximum of two sub-pictures"},
    {"D3081",
     "The sub-picture must not contain more than "
     "one instance of the 'decimal-separator' character"},
    {"D3082", "The sub-picture must not contain more than one instance of the 'percent' character"},
    {"D3083",
     "The sub-picture must not contain more "
     "than one instance of the 'per-mille' character"},
    {"D3084", "The sub-picture must not contain both a 'percent' and a 'per-mille' character"},
    {"D3085",
     "The mantissa part of a sub-picture must contain at least one character that "
     "is either an 'optional digit character' or a member of the 'decimal digit family'"},
    {"D3086",
     "The sub-picture must not contain a passive character that is preceded "
     "by an active character and that is followed by another active character"},
    {"D3087",
     "The sub-picture must not contain a 'grouping-separator' "
     "character that appears adjacent to a 'decimal-separator' character"},
    {"D3088",
     "The sub-picture must not contain a "
     "'grouping-separator' at the end of the integer part"},
    {"D3089",
     "The sub-picture must not contain two adjacent "
     "instances of the 'grouping-separator' character"},
    {"D3090",
     "The integer part of the sub-picture must not contain a member of the 'decimal "
     "digit family' that is followed by an instance of the 'optional digit character'"},
    {"D3091",
     "The fractional part of the sub-picture must not contain an instance of the "
     "'optional digit character' that is followed by a member of the 'decimal digit family'"},
    {"D3092",
     "A sub-picture that contains a 'percent' or 'per-mille' "
     "character must not contain a character treated as an 'exponent-separator'"},
    {"D3093",
     "The exponent part of the sub-picture must comprise only of one "
     "or more characters that are members of the 'decimal digit family'"},
    {"D3131", "In a decimal digit pattern, all digits must be from the same decimal group"},
    {"D3134", "The timezone integer format specifier cannot have more than four digits"},
    {"D3135", "No matching closing bracket ']' in date/time picture string"},
    {"D3136", "The date/time picture string is missing specifiers required to parse the timestamp"},
    {"D3138",
     "The $single() function expected exactly 1 "
     "matching result.  Instead it matched more."},
    {"D3139", "The $single() function expected exactly 1 matching result.  Instead it matched 0."},
};

std::string Substitute(std::string_view text, const std::optional<std::string>& token) {
  constexpr std::string_view kRaw = "{{{token}}}";
  constexpr std::string_view kQuoted = "{{token}}";
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text.substr(i, kRaw.size()) == kRaw) {
      out += token.value_or("undefined");
      i += kRaw.size();
    } else if (text.substr(i, kQuoted.size()) == kQuoted) {
      out += token ? Json(*token).dump() : std::string("undefined");
      i += kQuoted.size();
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace

Error WithReferenceMessage(Error error) {
  for (const MessageTemplate& entry : kTemplates) {
    if (entry.code == error.code) {
      error.message = Substitute(entry.text, error.token);
      break;
    }
  }
  return error;
}

}  // namespace asl::jsonata
