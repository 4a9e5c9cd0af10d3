// deploy/ takes a scenario run as plain data; it must not include the simulator.
#include "simulator/scenario/scenario.h"
