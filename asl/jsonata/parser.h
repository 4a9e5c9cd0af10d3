#pragma once
// The Pratt parser (top-down operator precedence, as the reference's) and the post-processing
// that turns its tree into the evaluator's: paths become step lists, predicates become stages,
// `~>` chains and tail calls are marked. Errors carry the reference's S0xxx codes.

#include <string_view>

#include "asl/jsonata/ast.h"

namespace asl::jsonata {

// Throws ErrorException on a syntax error.
NodePtr Parse(std::string_view source);

}  // namespace asl::jsonata
