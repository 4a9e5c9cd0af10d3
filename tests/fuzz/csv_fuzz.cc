// Fuzz target: Athena CSV tables (simulator/services/athena/csv_loader.h), as a world's
// `athena.tables[].csv` is read: quoting, empty fields, NULLs, line ends, then the column type
// inferred for every column. Checks that a refusal says why.

#include <cstddef>
#include <cstdint>

#include "simulator/services/athena/csv_loader.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = sfnsim_fuzz::WriteInputFile("table.csv", sfnsim_fuzz::AsText(data, size));
  auto file = sim::athena::ReadCsvFile(path);
  if (!file.ok()) {
    if (file.error().empty()) sfnsim_fuzz::Violated("a table refused without a reason");
    return 0;
  }
  for (size_t column = 0; column < file->header.size(); ++column) {
    sim::athena::InferColumnType(*file, column);
  }
  return 0;
}
