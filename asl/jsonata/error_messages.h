#pragma once
// The reference implementation's error texts. Step Functions copies them into the cause of a
// failed expression ("... threw an error during evaluation. T1006: Attempted to invoke a
// non-function", conformance/aws-recorded/jsonata_*.json), so the engine reports them too.

#include "asl/jsonata/error.h"

namespace asl::jsonata {

// `error` with the reference's message for its code: `{{token}}` is written as JSON.stringify
// writes the token (quoted; `undefined` when there is none) and `{{{token}}}` as it is. Codes
// whose text needs a value the engine does not carry (`{{value}}`, `{{index}}`) and the user
// messages of $error / $assert keep the message they were thrown with.
Error WithReferenceMessage(Error error);

}  // namespace asl::jsonata
