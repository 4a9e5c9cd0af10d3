#pragma once
// How AWS turns a JSON value into text where an intrinsic needs one: the values States.Format
// puts in its template, the comparisons of States.ArrayContains, the data States.Hash digests.
//
// AWS's implementation holds argument values as Java objects and uses their toString(): a string
// as it is, null as "null", numbers as Java prints them (1, 1.1, 1.0E21), an array as "[1, 2]",
// an object as "{a=1, b=[]}" (keys in order, strings unquoted). Recorded on AWS (LocalStack
// snapshot test_generic.py::test_format_2): States.Format('Formatting arguments fst={} and
// snd={}.', …) with {"Arg1": 1, "Arg2": []} gives "… fst={Arg1=1, Arg2=[]} …", with null
// "fst=null", with 1.1 "fst=1.1".

#include <string>

#include "asl/base/json.h"

namespace asl::intrinsics {

void AppendJavaText(const Json& value, std::string* out);
std::string JavaText(const Json& value);

// Java's Double.toString (shortest digits that read back as the same double): 1.0, 0.001,
// 1234567.0, 1.0E7, 1.0E-4, 1.2345E21.
std::string JavaDoubleText(double value);

}  // namespace asl::intrinsics
