#pragma once
// Trino functions that Athena queries use and SQLite lacks (or has with other semantics),
// registered on the model's SQLite connection.
// https://trino.io/docs/current/functions.html
//
// Errors carry Trino's error name ("DIVISION_BY_ZERO: Division by zero").
//
// Registered: year, month, day, day_of_month, quarter, day_of_week / dow (ISO: Monday = 1),
// day_of_year / doy (on 'YYYY-MM-DD…' text), from_iso8601_date, mod (integer when both
// arguments are integers; division by zero is an error), concat (NULL if any argument is NULL),
// strpos (1-based, 0 when absent).
//
// NONSTANDARD, not Athena-compatible (SQLite's behaviour is kept):
//  * `/` and `%` by zero give NULL instead of failing with DIVISION_BY_ZERO;
//  * a comparison or boolean expression yields 1/0 (bigint) instead of a boolean;
//  * dates and timestamps are text; date arithmetic (date_add, date_diff, INTERVAL) and
//    date_format/date_parse are absent; regexp_* and array/map/row functions are absent;
//  * implicit conversions follow SQLite's affinity rules, so comparing a varchar with a number
//    does not fail with TYPE_MISMATCH;
//  * LIKE is case-sensitive as in Trino (PRAGMA case_sensitive_like), but '\' escapes and
//    ESCAPE follow SQLite.
// current_date / current_timestamp / date('now') come from the virtual clock
// (see virtual_clock_vfs.h).

#include <sqlite3.h>

namespace sim::athena {

// Returns SQLITE_OK or the first error of sqlite3_create_function_v2.
int RegisterAthenaFunctions(sqlite3* db);

}  // namespace sim::athena
