#pragma once
// Result<T, E>: a value or an error, without exceptions on the hot path.
//
// Modelled on LibJS's ThrowCompletionOr<T> and leveldb's Status: expected failures (an ASL
// runtime error, a bad definition) are values the caller must look at. TRY(expr) returns the
// error early from a function that itself returns a Result.

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "asl/base/error.h"

namespace asl {

// Tag type so Result<T, E> can be built from an error unambiguously, even when T == E.
template <typename E>
struct Failure {
  E error;
};
template <typename E>
Failure<std::decay_t<E>> Fail(E&& error) {
  return {std::forward<E>(error)};
}

template <typename T, typename E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  template <typename F>
  Result(Failure<F> failure)  // NOLINT: implicit
      : data_(std::in_place_index<1>, E(std::move(failure.error))) {}

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(data_); }
  const T& value() const& { assert(ok()); return std::get<0>(data_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  E& error() & { assert(!ok()); return std::get<1>(data_); }
  const E& error() const& { assert(!ok()); return std::get<1>(data_); }
  E&& error() && { assert(!ok()); return std::get<1>(std::move(data_)); }

  // Moves the error out, for TRY.
  Failure<E> release_error() { return {std::get<1>(std::move(data_))}; }

 private:
  std::variant<T, E> data_;
};

// Result with no value.
template <typename E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  template <typename F>
  Result(Failure<F> failure) : error_(E(std::move(failure.error))), failed_(true) {}  // NOLINT

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const E& error() const& { assert(failed_); return error_; }
  E&& error() && { assert(failed_); return std::move(error_); }
  Failure<E> release_error() { return {std::move(error_)}; }

 private:
  E error_{};
  bool failed_ = false;
};

template <typename E = Error>
using Status = Result<void, E>;

}  // namespace asl

// TRY(expr): evaluates expr (a Result); on error returns the error from the enclosing function,
// otherwise yields the value. A GCC/Clang statement expression, as in SerenityOS's AK/Try.h.
#define TRY(expression)                                      \
  ({                                                         \
    auto&& _try_result = (expression);                       \
    if (!_try_result.ok()) [[unlikely]]                      \
      return _try_result.release_error();                    \
    std::move(_try_result).value();                          \
  })

// TRY_STATUS(expr): as TRY for Result<void>.
#define TRY_STATUS(expression)                               \
  do {                                                       \
    auto&& _try_status = (expression);                       \
    if (!_try_status.ok()) [[unlikely]]                      \
      return _try_status.release_error();                    \
  } while (0)
