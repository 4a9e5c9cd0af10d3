#pragma once
// Registration of built-in functions (each group in its own functions_*.cc).

#include <vector>

#include "asl/jsonata/function.h"

namespace asl::jsonata {

class Frame;

// Adds `name` with `signature` (reference notation, may be empty) to `frame`.
void BindBuiltin(Frame* frame, const char* name, const char* signature, BuiltinImpl impl);

void BindCoreFunctions(Frame* frame);     // functions_core.cc
void BindArrayFunctions(Frame* frame);    // functions_array.cc
void BindRegexFunctions(Frame* frame);    // functions_regex.cc
void BindEncodingFunctions(Frame* frame); // functions_encoding.cc

}  // namespace asl::jsonata
