# cmake -DTARGET=<fuzz binary> -DINPUTS=<file;file...> -P ExpectFuzzCrash.cmake
#
# The CTest test fuzz_pending.<target>: each reproducer in tests/fuzz/pending/<target>/ is a
# crash, hang or sanitizer report found by the fuzzer in code another change is fixing. Each
# must still fail when run alone through the target; one that no longer fails is reported, so
# it moves to tests/fuzz/regressions/<target>/ (replayed by fuzz.<target>, which must pass) with
# the fix.
foreach(input ${INPUTS})
  execute_process(COMMAND ${TARGET} -timeout=20 -rss_limit_mb=2048 ${input}
                  RESULT_VARIABLE result OUTPUT_QUIET ERROR_QUIET TIMEOUT 60)
  if(result STREQUAL "0")
    message(SEND_ERROR "${input} no longer fails: move it to tests/fuzz/regressions/")
  else()
    message(STATUS "${input}: still fails (${result})")
  endif()
endforeach()
