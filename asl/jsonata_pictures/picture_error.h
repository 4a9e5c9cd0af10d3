#pragma once
// The error every picture-string function reports: the reference implementation's code (D3080,
// D3130, ...), a message for people, and the offending part of the picture where the reference
// names one. The JSONata core turns it into its own error type; this folder knows nothing of it.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace asl::jsonata_pictures {

struct PictureError {
  std::string code;
  std::string message;
  std::optional<std::string> token;
};

// A value or a PictureError. Small on purpose: the core converts it at once.
template <typename T>
class PictureResult {
 public:
  PictureResult(T value) : data_(std::move(value)) {}             // NOLINT: implicit
  PictureResult(PictureError error) : data_(std::move(error)) {}  // NOLINT: implicit

  bool ok() const { return data_.index() == 0; }
  const T& value() const { return std::get<0>(data_); }
  const PictureError& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, PictureError> data_;
};

}  // namespace asl::jsonata_pictures
