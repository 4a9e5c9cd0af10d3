# Fuzz targets (tests/fuzz/*_fuzz.cc, one per parser; docs/testing.md).
#
# Every build compiles each target as a plain executable (main() from tests/fuzz/replay_main.cc)
# and registers a CTest test, fuzz.<target>, that runs it on the checked-in reproducers of past
# crashes (tests/fuzz/regressions/<target>/) and the hand-written seeds (tests/fuzz/seeds/
# <target>/); fuzz_pending.<target> checks that the reproducers of crashes not fixed yet
# (tests/fuzz/pending/<target>/) still fail (cmake/ExpectFuzzCrash.cmake).
# With SFNSIM_FUZZ (clang, with SFNSIM_SANITIZE) the same sources link libFuzzer instead, the
# libraries are built with -fsanitize=fuzzer-no-link, and the target fuzz_seeds gathers seed
# corpora from tests/data, fixtures and scenarios into <build>/fuzz/seeds.

set(SFNSIM_FUZZ_DIR ${PROJECT_SOURCE_DIR}/tests/fuzz)

add_library(sfnsim_fuzz_support STATIC ${SFNSIM_FUZZ_DIR}/fuzz_input.cc)
target_link_libraries(sfnsim_fuzz_support PUBLIC sfnsim_options)

file(GLOB SFNSIM_FUZZ_SOURCES CONFIGURE_DEPENDS ${SFNSIM_FUZZ_DIR}/*_fuzz.cc)
set(SFNSIM_FUZZ_TARGETS "")
foreach(source ${SFNSIM_FUZZ_SOURCES})
  get_filename_component(stem ${source} NAME_WE)
  string(REGEX REPLACE "_fuzz$" "" name ${stem})
  list(APPEND SFNSIM_FUZZ_TARGETS ${name})
  add_executable(fuzz_${name} ${source})
  # Every target links the simulator: the asl-only ones lose nothing by it, and one rule keeps
  # this loop simple.
  target_link_libraries(fuzz_${name} PRIVATE sfnsim_fuzz_support simulator)
  set_target_properties(fuzz_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                        ${PROJECT_BINARY_DIR}/fuzz)
  if(SFNSIM_FUZZ)
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
  else()
    target_sources(fuzz_${name} PRIVATE ${SFNSIM_FUZZ_DIR}/replay_main.cc)
  endif()
  if(SFNSIM_BUILD_TESTS)
    # Files, not directories: given a directory, a libFuzzer binary would start fuzzing it.
    file(GLOB_RECURSE inputs CONFIGURE_DEPENDS ${SFNSIM_FUZZ_DIR}/regressions/${name}/*
         ${SFNSIM_FUZZ_DIR}/seeds/${name}/*)
    list(SORT inputs)
    if(inputs)
      add_test(NAME fuzz.${name} COMMAND fuzz_${name} ${inputs})
      set_tests_properties(fuzz.${name} PROPERTIES TIMEOUT 120 LABELS fuzz)
    endif()
    file(GLOB pending CONFIGURE_DEPENDS ${SFNSIM_FUZZ_DIR}/pending/${name}/*)
    if(pending)
      list(SORT pending)
      add_test(NAME fuzz_pending.${name}
               COMMAND ${CMAKE_COMMAND} -DTARGET=$<TARGET_FILE:fuzz_${name}> "-DINPUTS=${pending}"
                       -P ${PROJECT_SOURCE_DIR}/cmake/ExpectFuzzCrash.cmake)
      set_tests_properties(fuzz_pending.${name} PROPERTIES TIMEOUT 600 LABELS fuzz)
    endif()
  endif()
endforeach()

if(SFNSIM_FUZZ)
  add_executable(sfnsim_fuzz_seeds ${SFNSIM_FUZZ_DIR}/seed_gatherer.cc)
  target_link_libraries(sfnsim_fuzz_seeds PRIVATE asl)
  set_target_properties(sfnsim_fuzz_seeds PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                        ${PROJECT_BINARY_DIR}/fuzz)
  add_custom_target(fuzz_seeds
      COMMAND ${CMAKE_COMMAND} -E rm -rf ${PROJECT_BINARY_DIR}/fuzz/seeds
      COMMAND sfnsim_fuzz_seeds ${PROJECT_BINARY_DIR}/fuzz/seeds
              ${PROJECT_SOURCE_DIR}/tests/data ${PROJECT_SOURCE_DIR}/fixtures
              ${PROJECT_SOURCE_DIR}/scenarios
      COMMENT "Gathering the fuzz targets' seed corpora into fuzz/seeds"
      VERBATIM)
  add_custom_target(fuzz_all DEPENDS fuzz_seeds)
  foreach(name ${SFNSIM_FUZZ_TARGETS})
    add_dependencies(fuzz_all fuzz_${name})
  endforeach()
endif()
