# Helpers shared by the project's targets.

# sfnsim_sources(VAR DIR): every .cc under DIR (recursively), re-globbed at build time so a new
# file needs no CMakeLists edit. Files named *_test.cc / *_bench.cc belong to test targets.
function(sfnsim_sources var dir)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${dir}/*.cc)
  list(FILTER files EXCLUDE REGEX "_test\\.cc$")
  set(${var} ${files} PARENT_SCOPE)
endfunction()

# sfnsim_add_test(NAME DIR LIB): one GoogleTest binary from every *_test.cc under DIR (plus the
# shared helpers in tests/testutil), registered with CTest test by test.
function(sfnsim_add_test name dir lib)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${dir}/*_test.cc)
  if(NOT files)
    return()
  endif()
  # The helpers are a static library, so a binary links only the ones it uses: asl_tests must
  # not pull in the engine harness, which needs the simulator.
  if(NOT TARGET sfnsim_testutil)
    file(GLOB_RECURSE util CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/testutil/*.cc)
    add_library(sfnsim_testutil STATIC ${util})
    target_link_libraries(sfnsim_testutil PUBLIC asl GTest::gtest GTest::gmock)
    # One object per helper even in a unity build, for the same reason.
    set_target_properties(sfnsim_testutil PROPERTIES UNITY_BUILD OFF)
  endif()
  add_executable(${name} ${files})
  target_link_libraries(${name} PRIVATE sfnsim_testutil ${lib} GTest::gtest GTest::gmock
                        sfnsim_allocator
                        GTest::gtest_main)
  # The AWS-recorded conformance corpus is vendored (tests/data/conformance, a copy of
  # ../shared/conformance) so a clean clone tests without the reference directory beside it.
  set(shared_dir ${PROJECT_SOURCE_DIR}/tests/data)
  target_compile_definitions(${name} PRIVATE
      SFNSIM_SHARED_DIR="${shared_dir}"
      SFNSIM_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      SFNSIM_BINARY="${PROJECT_BINARY_DIR}/sfnsim")
  target_precompile_headers(${name} PRIVATE <nlohmann/json.hpp> <fmt/format.h> <gtest/gtest.h>
                            <string> <vector>)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endfunction()
