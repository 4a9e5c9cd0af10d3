# The bad-input catalogue (tests/catalogue; docs/testing.md): one parameterized GoogleTest that
# runs the built sfnsim on each case of tests/catalogue/cases/*.yaml, one CTest test per case
# (label "catalogue"). Cases listed in tests/catalogue/known_failing.txt report as skipped.

file(GLOB SFNSIM_CATALOGUE_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/catalogue/*.cc)
add_executable(catalogue_tests ${SFNSIM_CATALOGUE_SOURCES})
target_link_libraries(catalogue_tests PRIVATE sfnsim_options yaml-cpp GTest::gtest
                      GTest::gtest_main)
target_compile_definitions(catalogue_tests PRIVATE
    SFNSIM_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    SFNSIM_BINARY="${PROJECT_BINARY_DIR}/sfnsim")
add_dependencies(catalogue_tests sfnsim)
# The cases are read when the binary starts, and CTest lists them when it runs (PRE_TEST), so a
# new or renamed case needs no rebuild.
gtest_discover_tests(catalogue_tests DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60
                     PROPERTIES TIMEOUT 600 LABELS catalogue)
