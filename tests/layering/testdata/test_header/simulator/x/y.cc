#include "tests/testutil/json_file.h"
