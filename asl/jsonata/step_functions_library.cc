// FunctionSet::StepFunctions(): the functions an expression in a Step Functions state sees.
//
// AWS implements JSONata 2.0.6 and supports every built-in function of it except `$eval`
// ("use $parse instead"): developer guide, "Transforming data with JSONata in Step Functions".

#include "asl/jsonata/function_set.h"

namespace asl::jsonata {

const FunctionSet& FunctionSet::StepFunctions() {
  static const FunctionSet* set = [] {
    auto* functions = new FunctionSet(Standard());
    functions->Remove("eval");
    return functions;
  }();
  return *set;
}

}  // namespace asl::jsonata
