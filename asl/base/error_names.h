#pragma once
// The predefined error names of the Amazon States Language.
// https://states-language.net/spec.html#appendix-a
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html

#include <string_view>

namespace asl::errors {

inline constexpr std::string_view kAll = "States.ALL";
inline constexpr std::string_view kDataLimitExceeded = "States.DataLimitExceeded";
inline constexpr std::string_view kExceedToleratedFailureThreshold =
    "States.ExceedToleratedFailureThreshold";
inline constexpr std::string_view kHeartbeatTimeout = "States.HeartbeatTimeout";
inline constexpr std::string_view kHttpSocket = "States.Http.Socket";
inline constexpr std::string_view kIntrinsicFailure = "States.IntrinsicFailure";
inline constexpr std::string_view kItemReaderFailed = "States.ItemReaderFailed";
inline constexpr std::string_view kNoChoiceMatched = "States.NoChoiceMatched";
inline constexpr std::string_view kParameterPathFailure = "States.ParameterPathFailure";
inline constexpr std::string_view kPermissions = "States.Permissions";
inline constexpr std::string_view kQueryEvaluationError = "States.QueryEvaluationError";
// Not in the spec's list, but what AWS raises when ResultPath cannot be applied (e.g. to a
// string input): "Unable to apply ReferencePath $.x to input \"abc\"" (see reference_path.h).
inline constexpr std::string_view kReferencePathConflict = "States.ReferencePathConflict";
inline constexpr std::string_view kResultPathMatchFailure = "States.ResultPathMatchFailure";
inline constexpr std::string_view kResultWriterFailed = "States.ResultWriterFailed";
inline constexpr std::string_view kRuntime = "States.Runtime";
inline constexpr std::string_view kTaskFailed = "States.TaskFailed";
inline constexpr std::string_view kTimeout = "States.Timeout";
inline constexpr std::string_view kBranchFailed = "States.BranchFailed";

}  // namespace asl::errors
