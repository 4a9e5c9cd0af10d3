#pragma once
// Step Functions as a service moved to its service folder (simulator/services/states/); this
// header keeps the old include path working for callers outside the services area.
#include "simulator/services/states/sfn_service.h"
