#pragma once
// The execution history as the States language defines it: the event types, the 25,000-event
// limit, and the events each element of an execution writes (history_elements.def). The engine
// emits events by these tables and the history budget counts by them, so the two cannot drift
// apart. https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html

#include <cstdint>
#include <span>
#include <string_view>

#include "asl/model/state_machine.h"
#include "asl/model/task_resource.h"

namespace asl {

enum class HistoryEventType : uint8_t {
#define SFN_EVENT(name) k##name,
#include "asl/model/history_event_types.def"
#undef SFN_EVENT
};

// "TaskStateEntered", … exactly as the API names the type.
std::string_view HistoryEventTypeName(HistoryEventType type);

// The most events a Standard execution's history holds. The engine replaces a non-terminal
// event that would get this id by ExecutionFailed (States.Runtime), so a workflow writes at most
// kHistoryLimit - 1 events of its own and its terminal event may be the kHistoryLimit-th.
inline constexpr int64_t kHistoryLimit = 25000;

enum class HistoryElement : uint8_t {
#define SFN_ELEMENT(name, ...) k##name,
#include "asl/model/history_elements.def"
#undef SFN_ELEMENT
};

// The events `element` writes, in order.
std::span<const HistoryEventType> ElementEvents(HistoryElement element);

// The element a visit of a state of `type` opens with (Pass, Choice, Wait, Succeed and Fail
// visits are one element each) and, for those that have one, the element it closes with on
// success. Their first / last events are the …StateEntered / …StateExited events.
HistoryElement OpeningElement(StateType type);
HistoryElement ClosingElement(StateType type);
// The …StateAborted element of a state a lane can wait in (Task, Wait, Map, Parallel).
bool HasAbortedElement(StateType type);
HistoryElement AbortedElement(StateType type);

// How one attempt of a Task ends.
enum class AttemptEnd : uint8_t { kSucceeded, kFailed, kTimedOut };
// Whether an attempt of `resource` submits a job or waits for a token before it ends
// (TaskSubmitted): .sync, .sync:2 and .waitForTaskToken integrations.
bool AttemptSubmits(const TaskResource& resource);
// The element of one attempt of `resource` ending as `end`; `submitted`: whether the attempt
// got as far as TaskSubmitted (only for resources that submit).
HistoryElement AttemptElement(const TaskResource& resource, AttemptEnd end, bool submitted);

// The event types of a Task's attempts for `resource`, read from its attempt elements: what the
// engine writes as the attempt goes on.
struct AttemptEventTypes {
  HistoryEventType scheduled;
  HistoryEventType started;
  HistoryEventType succeeded;
  HistoryEventType failed;
  HistoryEventType timed_out;
};
AttemptEventTypes AttemptEvents(const TaskResource& resource);

}  // namespace asl
