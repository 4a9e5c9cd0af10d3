#include "asl/a/one.h"
