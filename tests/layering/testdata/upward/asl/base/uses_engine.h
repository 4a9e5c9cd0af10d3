#include "simulator/engine/execution.h"
