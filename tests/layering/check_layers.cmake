# Checks the include structure of the tree (run by CTest as `layering.includes`):
#  1. the layers only include downwards (platform, asl, deploy, simulator, server, tools): asl/ includes
#     no simulator/ or tools/ header, deploy/ no simulator/ header, simulator/ no tools/ header,
#     and a library never includes a test header;
#  2. no two folders include each other, directly or around a longer cycle (folders are the
#     second level: asl/path, simulator/engine, ...), so every module can be read bottom-up.
# Usage: cmake -DSOURCE_DIR=<repository root> -P check_layers.cmake
cmake_minimum_required(VERSION 3.25)
if(NOT SOURCE_DIR)
  message(FATAL_ERROR "pass -DSOURCE_DIR=<repository root>")
endif()

# Lower layers first; a file may include its own layer and the layers before it. deploy/ comes
# before simulator/ so that it can never include the simulator (its CMake target does not link
# it, and the simulator does not link deploy either).
set(layers platform asl deploy simulator server tools)
set(failures "")

file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR}
     ${SOURCE_DIR}/platform/*.h ${SOURCE_DIR}/platform/*.cc
     ${SOURCE_DIR}/asl/*.h ${SOURCE_DIR}/asl/*.cc
     ${SOURCE_DIR}/deploy/*.h ${SOURCE_DIR}/deploy/*.cc
     ${SOURCE_DIR}/simulator/*.h ${SOURCE_DIR}/simulator/*.cc
     ${SOURCE_DIR}/server/*.h ${SOURCE_DIR}/server/*.cc
     ${SOURCE_DIR}/tools/*.h ${SOURCE_DIR}/tools/*.cc)

set(folders "")
foreach(file ${sources})
  string(REGEX MATCH "^([^/]+)/" _ ${file})
  set(layer ${CMAKE_MATCH_1})
  list(FIND layers ${layer} layer_index)
  get_filename_component(folder ${file} DIRECTORY)
  list(APPEND folders ${folder})
  file(STRINGS ${SOURCE_DIR}/${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line ${includes})
    string(REGEX MATCH "\"([^\"]+)\"" _ "${line}")
    set(target ${CMAKE_MATCH_1})
    string(REGEX MATCH "^([^/]+)/" _ ${target})
    set(target_layer ${CMAKE_MATCH_1})
    if(target_layer STREQUAL "tests")
      list(APPEND failures "${file}: includes the test header ${target}")
      continue()
    endif()
    list(FIND layers "${target_layer}" target_index)
    if(target_index GREATER layer_index)
      list(APPEND failures "${file}: ${layer}/ includes ${target} from ${target_layer}/, a layer above it")
    endif()
    if(target_index LESS 0)
      continue()  # a system or library header
    endif()
    get_filename_component(target_folder ${target} DIRECTORY)
    if(NOT target_folder STREQUAL folder)
      string(REPLACE "/" "__" key ${folder})
      list(APPEND edges_${key} ${target_folder})
      string(REPLACE "/" "__" edge_var "edge_${key}_to_${target_folder}")
      if(NOT DEFINED ${edge_var})
        set(${edge_var} "${file} includes ${target}")
      endif()
    endif()
  endforeach()
endforeach()
list(REMOVE_DUPLICATES folders)

# Cycles among folders: a depth-first search with an explicit stack, reporting each cycle once
# with the include that makes every step of it.
set(state_done "")
foreach(start ${folders})
  list(FIND state_done ${start} seen)
  if(seen GREATER -1)
    continue()
  endif()
  # Stack entries: "folder|next-edge-index"; `path` is the current path.
  set(stack "${start}|0")
  set(path ${start})
  while(stack)
    list(GET stack -1 top)
    string(REPLACE "|" ";" top_parts "${top}")
    list(GET top_parts 0 node)
    list(GET top_parts 1 index)
    string(REPLACE "/" "__" key ${node})
    set(children ${edges_${key}})
    if(children)
      list(REMOVE_DUPLICATES children)
    endif()
    list(LENGTH children count)
    if(index LESS count)
      list(GET children ${index} child)
      math(EXPR next "${index} + 1")
      list(POP_BACK stack)
      list(APPEND stack "${node}|${next}")
      list(FIND path ${child} on_path)
      if(on_path GREATER -1)
        # A cycle: path[on_path..] -> child.
        list(SUBLIST path ${on_path} -1 cycle)
        list(APPEND cycle ${child})
        set(steps "")
        list(LENGTH cycle cycle_length)
        math(EXPR last "${cycle_length} - 2")
        foreach(i RANGE 0 ${last})
          math(EXPR j "${i} + 1")
          list(GET cycle ${i} from)
          list(GET cycle ${j} to)
          string(REPLACE "/" "__" edge_var "edge_${from}_to_${to}")
          list(APPEND steps "    ${${edge_var}}")
        endforeach()
        string(REPLACE ";" " -> " cycle_text "${cycle}")
        string(REPLACE ";" "\n" steps_text "${steps}")
        list(APPEND failures "folders include each other: ${cycle_text}\n${steps_text}")
      else()
        list(FIND state_done ${child} child_done)
        if(child_done LESS 0)
          list(APPEND stack "${child}|0")
          list(APPEND path ${child})
        endif()
      endif()
    else()
      list(POP_BACK stack)
      list(POP_BACK path)
      list(APPEND state_done ${node})
    endif()
  endwhile()
endforeach()

if(failures)
  list(REMOVE_DUPLICATES failures)
  list(LENGTH failures n)
  string(REPLACE ";" "\n" text "${failures}")
  message(FATAL_ERROR "${n} include-structure problem(s):\n${text}")
endif()
list(LENGTH sources n)
message(STATUS "include structure ok: ${n} files")
