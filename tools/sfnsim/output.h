#pragma once
// Everything sfnsim prints goes through here. Text meant for a terminal has its control
// characters escaped, so a name, a cause or a message taken from an input file cannot move the
// cursor, recolour or retitle the terminal, or hide a line; JSON keeps JSON's own escapes; every
// write to standard output and to an output file is checked, and a lost write is an error
// (exit 2: "sfnsim: cannot write <what>: <reason>").

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace sfnsim_cli {

// `text` with every control character except newline and tab made visible: C0 controls and DEL
// as \xNN, C1 controls (U+0080..U+009F) as \u00NN, and bytes that are not UTF-8 as \xNN.
std::string EscapeControl(std::string_view text);

// JSON text (a dump of a valid document) with DEL and the C1 controls, which JSON allows raw
// inside strings, written as \u escapes: the same JSON value, nothing a terminal acts on.
std::string EscapeJsonForTerminal(std::string_view json);

// Writes `text` as it is to stdout / stderr. A failed write to stdout is remembered for
// FinishStandardOutput.
void WriteStdout(std::string_view text);
void WriteStderr(std::string_view text);

// Formatted text on stdout / stderr, control characters escaped (EscapeControl).
template <typename... T>
void Out(fmt::format_string<T...> format, T&&... args) {
  WriteStdout(EscapeControl(fmt::format(format, std::forward<T>(args)...)));
}
template <typename... T>
void Err(fmt::format_string<T...> format, T&&... args) {
  WriteStderr(EscapeControl(fmt::format(format, std::forward<T>(args)...)));
}

// Flushes stdout now (before a child process writes to the same descriptor, or so that a
// report is out before the next one is computed); a failure is remembered as a write's is.
void FlushStdout();

// A JSON document's text on stdout, followed by a newline (EscapeJsonForTerminal).
void OutJson(std::string_view json);

// Tells FinishStandardOutput that something meant for stdout was lost (`error` is an errno),
// e.g. by a child process's output copied to it.
void NoteStdoutFailure(int error);

// At the end of a command: flushes stdout. False, after printing "sfnsim: cannot write standard
// output: <reason>", when anything written to it was lost.
bool FinishStandardOutput();

// "sfnsim: cannot write <what>: <reason>" on stderr.
void PrintCannotWrite(std::string_view what, std::string_view reason);

// Writes `text` to `path` (created or truncated), checking every step including the close. On
// failure prints "sfnsim: cannot write <what>: <strerror>" and returns false.
bool WriteOutputFile(const std::string& path, std::string_view text, std::string_view what);

}  // namespace sfnsim_cli
