#include "simulator/scenario/publish_tally.h"

#include "asl/base/json_limits.h"

namespace sim {

void PublishTally::OnDelivery(const Delivery& delivery) {
  if (delivery.duplicate) return;
  ++per_destination_[std::string(delivery.destination)];
  if (auto s = per_service_.find(delivery.service); s != per_service_.end()) {
    ++s->second;
  } else {
    per_service_.emplace(std::string(delivery.service), 1);
  }
  auto [it, added] = execution_index_.try_emplace(std::string(delivery.execution_arn),
                                                  static_cast<uint32_t>(execution_arns_.size()));
  if (added) {
    execution_arns_.emplace_back(delivery.execution_arn);
    execution_counts_.push_back(0);
  }
  ++execution_counts_[it->second];
  published_.push_back({(delivery.time - start_).ms, it->second});
  if (rows_ == nullptr || !RowTopicMatches(rows_->topic, delivery.destination)) return;
  if (std::optional<std::string> key =
          MessageKey(delivery.body, rows_->key, delivery.body_json)) {
    keys_.Add(std::move(*key));
  } else {
    ++keyless_;
  }
}

std::unordered_map<std::string, int64_t> PublishTally::PerExecution() const {
  std::unordered_map<std::string, int64_t> out;
  out.reserve(execution_arns_.size());
  for (size_t i = 0; i < execution_arns_.size(); ++i) {
    out.emplace(execution_arns_[i], execution_counts_[i]);
  }
  return out;
}

int64_t PublishTally::DeliveredBy(std::string_view service) const {
  auto it = per_service_.find(service);
  return it == per_service_.end() ? 0 : it->second;
}

bool RowTopicMatches(std::string_view wanted, std::string_view destination) {
  if (wanted == destination) return true;
  if (destination.size() <= wanted.size() || !destination.ends_with(wanted)) return false;
  char before = destination[destination.size() - wanted.size() - 1];
  return before == ':' || before == '/';
}

namespace {

// Finds a top-level member's string value without building the document: the parser still
// reads (and so validates) the whole body, but allocates nothing per value. A repeated member
// counts as its last occurrence, as the document parser keeps it.
class TopLevelStringScan final : public asl::Json::json_sax_t {
 public:
  explicit TopLevelStringScan(const std::string& key) : key_(key) {}

  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool string(string_t& value) override {
    if (depth_ == 1 && at_key_) {
      found_ = Found::kString;
      value_ = std::move(value);
    }
    at_key_ = false;
    return true;
  }
  bool start_object(std::size_t) override { return Open(/*object=*/true); }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(/*object=*/false); }
  bool end_array() override { return Close(); }
  bool key(string_t& name) override {
    at_key_ = depth_ == 1 && name == key_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const asl::Json::exception&) override {
    return false;
  }

  enum class Found : uint8_t { kNone, kString, kOther };
  bool top_is_object() const { return top_is_object_; }
  Found found() const { return found_; }
  std::string& value() { return value_; }

 private:
  bool Value() {
    if (depth_ == 1 && at_key_) found_ = Found::kOther;
    at_key_ = false;
    return true;
  }
  bool Open(bool object) {
    if (depth_ == 0) top_is_object_ = object;
    if (depth_ == 1 && at_key_) found_ = Found::kOther;
    at_key_ = false;
    ++depth_;
    return true;
  }
  bool Close() {
    --depth_;
    return true;
  }

  const std::string& key_;
  int depth_ = 0;
  bool at_key_ = false;
  bool top_is_object_ = false;
  Found found_ = Found::kNone;
  std::string value_;
};

// The member `key` names in `doc`: a top-level member of an object, or a JSON pointer ("/a/b").
const asl::Json* FindKey(const asl::Json& doc, const std::string& key) {
  if (key.empty() || key[0] != '/') {
    if (!doc.is_object()) return nullptr;
    auto it = doc.find(key);
    return it == doc.end() ? nullptr : &*it;
  }
  try {
    asl::Json::json_pointer path(key);
    return doc.contains(path) ? &doc.at(path) : nullptr;
  } catch (const asl::Json::exception&) {
    return nullptr;  // a malformed pointer
  }
}

}  // namespace

std::optional<std::string> MessageKey(std::string_view body, const std::string& key,
                                      const asl::Json* body_json) {
  if (body_json) {
    // The body is this value's text: a member found here is the member the body holds. Other
    // values than strings are printed from the body, below, as before.
    const asl::Json* value = FindKey(*body_json, key);
    if (value == nullptr) return std::nullopt;
    if (value->is_string()) return value->get<std::string>();
  }
  if (key.empty() || key[0] != '/') {
    // The common case, a top-level member holding a string (a backfill's customer id): scanned.
    TopLevelStringScan scan(key);
    if (!asl::Json::sax_parse(body.begin(), body.end(), &scan) || !scan.top_is_object()) return std::nullopt;
    if (scan.found() == TopLevelStringScan::Found::kNone) return std::nullopt;
    if (scan.found() == TopLevelStringScan::Found::kString) return std::move(scan.value());
  }
  std::optional<asl::Json> parsed = asl::ParseJsonWithinLimits(body);
  if (!parsed) return std::nullopt;
  const asl::Json& doc = *parsed;
  const asl::Json* value = FindKey(doc, key);
  if (value == nullptr) return std::nullopt;
  return value->is_string() ? value->get<std::string>() : value->dump();
}

}  // namespace sim
