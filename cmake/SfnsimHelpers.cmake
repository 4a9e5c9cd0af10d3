# Helpers shared by the project's targets.

# sfnsim_sources(VAR DIR): every .cc under DIR (recursively), re-globbed at build time so a new
# file needs no CMakeLists edit. Files named *_test.cc / *_bench.cc belong to test targets.
function(sfnsim_sources var dir)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${dir}/*.cc)
  list(FILTER files EXCLUDE REGEX "_test\\.cc$")
  set(${var} ${files} PARENT_SCOPE)
endfunction()

# sfnsim_add_test(NAME DIR LIB): one GoogleTest binary from every *_test.cc under DIR (plus the
# shared helpers: tests/testutil/*.cc for every binary, tests/testutil/simulator/*.cc for those
# that link the simulator), registered with CTest test by test.
function(sfnsim_add_test name dir lib)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${dir}/*_test.cc)
  file(GLOB util CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/testutil/*.cc)
  if(NOT lib STREQUAL "asl")
    file(GLOB sim_util CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/testutil/simulator/*.cc)
    list(APPEND util ${sim_util})
  endif()
  if(NOT files)
    return()
  endif()
  add_executable(${name} ${files} ${util})
  target_link_libraries(${name} PRIVATE ${lib} GTest::gtest GTest::gmock GTest::gtest_main)
  # shared/ sits beside the checkout; a git worktree one level deeper (wt/<branch>) finds it two
  # levels up.
  set(shared_dir ${PROJECT_SOURCE_DIR}/../shared)
  if(NOT EXISTS ${shared_dir} AND EXISTS ${PROJECT_SOURCE_DIR}/../../shared)
    set(shared_dir ${PROJECT_SOURCE_DIR}/../../shared)
  endif()
  target_compile_definitions(${name} PRIVATE
      SFNSIM_SHARED_DIR="${shared_dir}"
      SFNSIM_BINARY="${PROJECT_BINARY_DIR}/sfnsim")
  target_precompile_headers(${name} PRIVATE <nlohmann/json.hpp> <fmt/format.h> <gtest/gtest.h>
                            <string> <vector>)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endfunction()
