#pragma once
// The located reader of world documents moved to simulator/services/config_reader.h (services
// read their own world sections with it); this header keeps the old include path working.
#include "simulator/services/config_reader.h"
#include "simulator/world/load_policy.h"
