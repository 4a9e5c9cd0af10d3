#include "asl/b/two.h"
