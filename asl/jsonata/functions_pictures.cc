// The picture-string functions ($formatNumber, $formatInteger, $parseInteger, $formatBase,
// $fromMillis, $toMillis, $now), bound onto asl/jsonata_pictures: this file only converts
// values and errors between the two.

#include <optional>
#include <string>

#include "asl/jsonata/error.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/library.h"
#include "asl/jsonata_pictures/format_base.h"
#include "asl/jsonata_pictures/format_datetime.h"
#include "asl/jsonata_pictures/format_integer.h"
#include "asl/jsonata_pictures/format_number.h"
#include "asl/jsonata_pictures/parse_datetime.h"

namespace asl::jsonata {
namespace {

template <typename T>
const T& PictureValue(const jsonata_pictures::PictureResult<T>& result) {
  if (!result.ok()) {
    const auto& error = result.error();
    Throw(error.code, std::nullopt, error.token, error.message);
  }
  return result.value();
}

std::optional<std::string> OptionalString(const std::vector<Value>& args, size_t i) {
  if (i >= args.size() || args[i].IsUndefined()) return std::nullopt;
  return std::string(args[i].AsString());
}

Value PictureFormatNumber(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  jsonata_pictures::DecimalFormatOptions options;
  if (args.size() > 2 && args[2].IsObject()) {
    args[2].ForEachMember([&](std::string_view key, const Value& v) {
      if (v.IsString()) options[std::string(key)] = std::string(v.AsString());
    });
  }
  return Value::String(PictureValue(jsonata_pictures::FormatNumber(
      args[0].AsNumber(), std::string(args[1].AsString()), options)));
}

Value PictureFormatBase(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  std::optional<double> radix;
  if (args.size() > 1 && !args[1].IsUndefined()) radix = args[1].AsNumber();
  return Value::String(PictureValue(jsonata_pictures::FormatBase(args[0].AsNumber(), radix)));
}

Value PictureFormatInteger(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  return Value::String(PictureValue(
      jsonata_pictures::FormatInteger(args[0].AsNumber(), std::string(args[1].AsString()))));
}

Value PictureParseInteger(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  auto parsed = PictureValue(jsonata_pictures::ParseInteger(std::string(args[0].AsString()),
                                                            std::string(args[1].AsString())));
  return parsed ? Value::Number(*parsed) : Value();
}

Value PictureFromMillis(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  return Value::String(PictureValue(jsonata_pictures::FromMillis(
      args[0].AsNumber(), OptionalString(args, 1), OptionalString(args, 2))));
}

Value PictureToMillis(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  auto millis = PictureValue(jsonata_pictures::ToMillis(
      std::string(args[0].AsString()), OptionalString(args, 1),
      static_cast<double>(ctx.evaluator.NowMs())));
  return millis ? Value::Number(*millis) : Value();
}

// $now([picture [, timezone]]): the evaluation's timestamp (EvaluateOptions::now_ms) written as
// $fromMillis writes it.
Value PictureNow(CallContext& ctx, std::vector<Value>& args) {
  return Value::String(PictureValue(jsonata_pictures::FromMillis(
      static_cast<double>(ctx.evaluator.NowMs()), OptionalString(args, 0),
      OptionalString(args, 1))));
}

}  // namespace

void BindPictureFunctions(FunctionSet* set) {
  BindBuiltin(set, "formatNumber", "<n-so?:s>", PictureFormatNumber);
  BindBuiltin(set, "formatBase", "<n-n?:s>", PictureFormatBase);
  BindBuiltin(set, "formatInteger", "<n-s:s>", PictureFormatInteger);
  BindBuiltin(set, "parseInteger", "<s-s:n>", PictureParseInteger);
  BindBuiltin(set, "fromMillis", "<n-s?s?:s>", PictureFromMillis);
  BindBuiltin(set, "toMillis", "<s-s?:n>", PictureToMillis);
  BindBuiltin(set, "now", "<s?s?:s>", PictureNow);
}

}  // namespace asl::jsonata
