// sfnsim: the command line. A thin layer over the asl and simulator libraries.
#include <cstdio>

int main() {
  std::puts("sfnsim " SFNSIM_VERSION);
  return 0;
}
