#include "asl/model/history_events.h"

#include <array>

namespace asl {

namespace {

constexpr std::string_view kEventTypeNames[] = {
#define SFN_EVENT(name) #name,
#include "asl/model/history_event_types.def"
#undef SFN_EVENT
};

// One array of events per element, then a table of spans over them.
namespace element_events {
#define SFN_EVENT_OF(name) HistoryEventType::k##name
#define SFN_ELEMENT(element, ...) \
  constexpr HistoryEventType k##element[] = {SFN_EVENTS_OF(__VA_ARGS__)};
// Up to five events per element: prefix each with HistoryEventType::k.
#define SFN_EVENTS_OF(...) SFN_PICK(__VA_ARGS__, SFN_E5, SFN_E4, SFN_E3, SFN_E2, SFN_E1)(__VA_ARGS__)
#define SFN_PICK(_1, _2, _3, _4, _5, name, ...) name
#define SFN_E1(a) SFN_EVENT_OF(a)
#define SFN_E2(a, b) SFN_EVENT_OF(a), SFN_EVENT_OF(b)
#define SFN_E3(a, b, c) SFN_E2(a, b), SFN_EVENT_OF(c)
#define SFN_E4(a, b, c, d) SFN_E3(a, b, c), SFN_EVENT_OF(d)
#define SFN_E5(a, b, c, d, e) SFN_E4(a, b, c, d), SFN_EVENT_OF(e)
#include "asl/model/history_elements.def"
#undef SFN_ELEMENT
}  // namespace element_events

constexpr std::span<const HistoryEventType> kElements[] = {
#define SFN_ELEMENT(element, ...) std::span<const HistoryEventType>(element_events::k##element),
#include "asl/model/history_elements.def"
#undef SFN_ELEMENT
};

#undef SFN_EVENT_OF
#undef SFN_EVENTS_OF
#undef SFN_PICK
#undef SFN_E1
#undef SFN_E2
#undef SFN_E3
#undef SFN_E4
#undef SFN_E5

}  // namespace

std::string_view HistoryEventTypeName(HistoryEventType type) {
  return kEventTypeNames[static_cast<size_t>(type)];
}

std::span<const HistoryEventType> ElementEvents(HistoryElement element) {
  return kElements[static_cast<size_t>(element)];
}

HistoryElement OpeningElement(StateType type) {
  switch (type) {
    case StateType::kPass: return HistoryElement::kPassVisit;
    case StateType::kChoice: return HistoryElement::kChoiceVisit;
    case StateType::kWait: return HistoryElement::kWaitVisit;
    case StateType::kSucceed: return HistoryElement::kSucceedVisit;
    case StateType::kFail: return HistoryElement::kFailVisit;
    case StateType::kTask: return HistoryElement::kTaskEntered;
    case StateType::kMap: return HistoryElement::kMapOpened;
    case StateType::kParallel: return HistoryElement::kParallelOpened;
  }
  return HistoryElement::kPassVisit;
}

HistoryElement ClosingElement(StateType type) {
  switch (type) {
    case StateType::kTask: return HistoryElement::kTaskExited;
    case StateType::kMap: return HistoryElement::kMapSucceeded;
    case StateType::kParallel: return HistoryElement::kParallelSucceeded;
    // One element each: the visit closes with its own last event. A Fail state is never left.
    default: return OpeningElement(type);
  }
}

bool HasAbortedElement(StateType type) {
  return type == StateType::kTask || type == StateType::kWait || type == StateType::kMap ||
         type == StateType::kParallel;
}

HistoryElement AbortedElement(StateType type) {
  switch (type) {
    case StateType::kWait: return HistoryElement::kWaitAborted;
    case StateType::kMap: return HistoryElement::kMapAborted;
    case StateType::kParallel: return HistoryElement::kParallelAborted;
    default: return HistoryElement::kTaskAborted;
  }
}

bool AttemptSubmits(const TaskResource& resource) {
  return resource.kind != ResourceKind::kActivity && resource.kind != ResourceKind::kLambda &&
         (resource.pattern == IntegrationPattern::kSync ||
          resource.pattern == IntegrationPattern::kSync2 ||
          resource.pattern == IntegrationPattern::kWaitForTaskToken);
}

HistoryElement AttemptElement(const TaskResource& resource, AttemptEnd end, bool submitted) {
  auto pick = [end](HistoryElement ok, HistoryElement failed, HistoryElement timed_out) {
    return end == AttemptEnd::kSucceeded ? ok : end == AttemptEnd::kFailed ? failed : timed_out;
  };
  using E = HistoryElement;
  switch (resource.kind) {
    case ResourceKind::kLambda:
      return pick(E::kLambdaAttemptSucceeded, E::kLambdaAttemptFailed, E::kLambdaAttemptTimedOut);
    case ResourceKind::kActivity:
      return pick(E::kActivityAttemptSucceeded, E::kActivityAttemptFailed,
                  E::kActivityAttemptTimedOut);
    default: break;
  }
  if (submitted && AttemptSubmits(resource)) {
    return pick(E::kJobAttemptSucceeded, E::kJobAttemptFailed, E::kJobAttemptTimedOut);
  }
  return pick(E::kServiceAttemptSucceeded, E::kServiceAttemptFailed, E::kServiceAttemptTimedOut);
}

AttemptEventTypes AttemptEvents(const TaskResource& resource) {
  // Every attempt element starts Scheduled, Started and ends with its outcome.
  auto succeeded = ElementEvents(AttemptElement(resource, AttemptEnd::kSucceeded, false));
  auto failed = ElementEvents(AttemptElement(resource, AttemptEnd::kFailed, false));
  auto timed_out = ElementEvents(AttemptElement(resource, AttemptEnd::kTimedOut, false));
  return {succeeded[0], succeeded[1], succeeded.back(), failed.back(), timed_out.back()};
}

}  // namespace asl
