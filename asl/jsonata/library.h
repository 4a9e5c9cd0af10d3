#pragma once
// Registration of built-in functions (each group in its own functions_*.cc).

#include <vector>

#include "asl/jsonata/function.h"

namespace asl::jsonata {

class FunctionSet;

// Adds `name` with `signature` (reference notation, may be empty) to `set`. `arity` overrides
// the count of the signature's parameters as the function's arity (see Builtin::arity).
void BindBuiltin(FunctionSet* set, const char* name, const char* signature, BuiltinImpl impl,
                 int arity = -1);

void BindCoreFunctions(FunctionSet* set);      // functions_core.cc
void BindArrayFunctions(FunctionSet* set);     // functions_array.cc
void BindRegexFunctions(FunctionSet* set);     // functions_regex.cc
void BindEncodingFunctions(FunctionSet* set);  // functions_encoding.cc
void BindPictureFunctions(FunctionSet* set);   // functions_pictures.cc

}  // namespace asl::jsonata
