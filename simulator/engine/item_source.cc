// Readers of a Distributed Map's items. AWS's causes are used where they were recorded
// ("Attempting to map over non-iterable node.", "CSV headers cannot contain duplicates.",
// docs/reference/aws-semantics.md §6.4); the others are sfnsim's, naming the row and the file
// (docs/known-differences.md).

#include "simulator/engine/item_source.h"

#include <fmt/format.h>

#include <set>
#include <string_view>
#include <utility>

#include "asl/base/json_limits.h"
#include "asl/base/timestamp.h"

namespace sim {

namespace {

// CSV headers may take at most 10 KiB (the ItemReader page of the developer guide).
constexpr size_t kMaxCsvHeaderBytes = 10 * 1024;

class ValueItems final : public ItemSource {
 public:
  explicit ValueItems(std::vector<asl::Json> items) : items_(std::move(items)) {}
  bool Next(asl::Json& item, std::string&) override {
    if (next_ >= items_.size()) return false;
    item = std::move(items_[next_++]);
    return true;
  }

 private:
  std::vector<asl::Json> items_;
  size_t next_ = 0;
};

// A JSON document's array (or the array ItemsPointer points at), handed out by moving.
class JsonArrayItems final : public ItemSource {
 public:
  explicit JsonArrayItems(asl::Json array) : array_(std::move(array)) {}
  bool Next(asl::Json& item, std::string&) override {
    if (next_ >= array_.size()) return false;
    item = std::move(array_[next_++]);
    return true;
  }

 private:
  asl::Json array_;
  size_t next_ = 0;
};

// One JSON value per line; blank lines are skipped.
class JsonLinesItems final : public ItemSource {
 public:
  JsonLinesItems(std::string text, std::string location)
      : text_(std::move(text)), location_(std::move(location)) {}

  bool Next(asl::Json& item, std::string& cause) override {
    while (pos_ < text_.size()) {
      size_t end = text_.find('\n', pos_);
      if (end == std::string::npos) end = text_.size();
      std::string_view line(text_.data() + pos_, end - pos_);
      pos_ = end + 1;
      ++line_;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      asl::JsonTextProblem problem = asl::JsonTextProblem::kMalformed;
      auto parsed = asl::ParseJsonWithinLimits(line, asl::kMaxJsonDepth, &problem);
      if (!parsed) {
        cause = fmt::format("Line {} of {} is not {}", line_, location_,
                            problem == asl::JsonTextProblem::kTooDeep
                                ? fmt::format("JSON nested at most {} deep", asl::kMaxJsonDepth)
                                : std::string("a JSON value"));
        return false;
      }
      item = std::move(*parsed);
      return true;
    }
    return false;
  }

 private:
  std::string text_;
  std::string location_;
  size_t pos_ = 0;
  int64_t line_ = 0;
};

// RFC 4180 records with a chosen delimiter: quoted fields may hold delimiters, quotes ("") and
// line breaks; \n and \r\n end records. Each record becomes an object keyed by the headers (a
// missing field is "", fields beyond the headers are dropped, as LocalStack's AWS-validated
// reader does).
class CsvItems final : public ItemSource {
 public:
  CsvItems(std::string text, std::string location, char delimiter)
      : text_(std::move(text)), location_(std::move(location)), delimiter_(delimiter) {}

  // Reads the header record (FIRST_ROW) or takes the given one; false with `cause` set.
  bool Start(const FileFormat& reader, std::string& cause) {
    if (reader.csv_headers_given) {
      headers_ = reader.csv_headers;
    } else {
      size_t start = pos_;
      std::vector<std::string> fields;
      bool have = false;
      if (!ReadRecord(fields, have, cause)) return false;
      if (!have) {
        cause = fmt::format("{} has no header row", location_);
        return false;
      }
      if (pos_ - start > kMaxCsvHeaderBytes) {
        cause = fmt::format("The CSV header row of {} is longer than 10 KiB", location_);
        return false;
      }
      headers_ = std::move(fields);
    }
    std::set<std::string_view> seen;
    for (const std::string& h : headers_) {
      if (!seen.insert(h).second) {
        cause = "CSV headers cannot contain duplicates.";
        return false;
      }
    }
    return true;
  }

  bool Next(asl::Json& item, std::string& cause) override {
    std::vector<std::string> fields;
    bool have = false;
    if (!ReadRecord(fields, have, cause) || !have) return false;
    item = asl::ObjectWithCapacity(headers_.size());
    for (size_t i = 0; i < headers_.size(); ++i) {
      item[headers_[i]] = i < fields.size() ? std::move(fields[i]) : std::string();
    }
    return true;
  }

 private:
  // One record into `fields`; `have` false at the end of the text. Blank lines are skipped.
  bool ReadRecord(std::vector<std::string>& fields, bool& have, std::string& cause) {
    fields.clear();
    have = false;
    const size_t n = text_.size();
    while (pos_ < n) {
      ++record_;
      // A blank line is no record.
      if (text_[pos_] == '\n' || (text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n')) {
        pos_ += text_[pos_] == '\n' ? 1 : 2;
        continue;
      }
      std::string field;
      while (true) {
        if (pos_ < n && text_[pos_] == '"') {
          ++pos_;
          bool closed = false;
          while (pos_ < n) {
            char c = text_[pos_++];
            if (c != '"') {
              field.push_back(c);
            } else if (pos_ < n && text_[pos_] == '"') {
              field.push_back('"');
              ++pos_;
            } else {
              closed = true;
              break;
            }
          }
          if (!closed) {
            cause = fmt::format("CSV row {} of {} has a quoted field that is never closed",
                                record_, location_);
            return false;
          }
          if (pos_ < n && text_[pos_] != delimiter_ && text_[pos_] != '\n' &&
              !(text_[pos_] == '\r' && (pos_ + 1 == n || text_[pos_ + 1] == '\n'))) {
            cause = fmt::format("CSV row {} of {} has text after the closing quote of field {}",
                                record_, location_, fields.size() + 1);
            return false;
          }
        } else {
          while (pos_ < n && text_[pos_] != delimiter_ && text_[pos_] != '\n' &&
                 !(text_[pos_] == '\r' && (pos_ + 1 == n || text_[pos_ + 1] == '\n'))) {
            field.push_back(text_[pos_++]);
          }
        }
        fields.push_back(std::move(field));
        field.clear();
        if (pos_ < n && text_[pos_] == delimiter_) {
          ++pos_;
          continue;
        }
        if (pos_ < n && text_[pos_] == '\r') ++pos_;
        if (pos_ < n && text_[pos_] == '\n') ++pos_;
        break;
      }
      have = true;
      return true;
    }
    return true;
  }

  std::string text_;
  std::string location_;
  char delimiter_;
  std::vector<std::string> headers_;
  size_t pos_ = 0;
  int64_t record_ = 0;  // records read so far, the header's included (1-based row numbers)
};

// The node an RFC 6901 pointer names in `doc`, or null.
asl::Json* FollowPointer(asl::Json& doc, const std::string& pointer) {
  if (pointer.empty()) return &doc;
  try {
    asl::Json::json_pointer p(pointer);
    if (!doc.contains(p)) return nullptr;
    return &doc[p];
  } catch (const asl::Json::exception&) {
    return nullptr;
  }
}

class ChainedItems final : public ItemSource {
 public:
  explicit ChainedItems(std::vector<std::unique_ptr<ItemSource>> sources)
      : sources_(std::move(sources)) {}
  bool Next(asl::Json& item, std::string& cause) override {
    while (next_ < sources_.size()) {
      if (sources_[next_]->Next(item, cause)) return true;
      if (!cause.empty()) return false;
      sources_[next_++].reset();  // done with that file: free its text
    }
    return false;
  }

 private:
  std::vector<std::unique_ptr<ItemSource>> sources_;
  size_t next_ = 0;
};

// "s3://bucket/key" split; false when `uri` is not one.
bool SplitS3Uri(std::string_view uri, DataFile& out) {
  constexpr std::string_view kScheme = "s3://";
  if (uri.substr(0, kScheme.size()) != kScheme) return false;
  uri.remove_prefix(kScheme.size());
  size_t slash = uri.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == uri.size()) return false;
  out.bucket = std::string(uri.substr(0, slash));
  out.key = std::string(uri.substr(slash + 1));
  return true;
}

}  // namespace

std::unique_ptr<ItemSource> ChainItems(std::vector<std::unique_ptr<ItemSource>> sources) {
  return std::make_unique<ChainedItems>(std::move(sources));
}

bool ReadManifest(const asl::ItemReader& reader, const std::string& text,
                  const std::string& location, std::vector<DataFile>& files,
                  FileFormat& file_reader, std::string& cause) {
  file_reader = FormatOf(reader);
  file_reader.input = asl::ItemReader::Input::kCsv;
  file_reader.items_pointer.clear();
  if (reader.manifest == asl::ItemReader::Manifest::kAthenaData) {
    size_t pos = 0;
    int64_t line = 0;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string::npos) end = text.size();
      std::string_view uri(text.data() + pos, end - pos);
      pos = end + 1;
      ++line;
      while (!uri.empty() && (uri.back() == '\r' || uri.back() == ' ')) uri.remove_suffix(1);
      if (uri.empty()) continue;
      DataFile file;
      if (!SplitS3Uri(uri, file)) {
        cause = fmt::format("Line {} of the Athena data manifest {} is not an s3:// URI",
                            line, location);
        return false;
      }
      files.push_back(std::move(file));
    }
    return true;
  }
  // An S3 inventory report's manifest.json.
  auto manifest = asl::ParseJsonWithinLimits(text);
  if (!manifest || !manifest->is_object()) {
    cause = fmt::format("The S3 inventory manifest {} is not a JSON object", location);
    return false;
  }
  std::string format = manifest->value("fileFormat", "");
  if (format != "CSV") {
    cause = fmt::format("The S3 inventory manifest {} has fileFormat \"{}\": sfnsim reads CSV "
                        "inventories only", location, format);
    return false;
  }
  std::string schema = manifest->value("fileSchema", "");
  file_reader.csv_headers.clear();
  size_t start = 0;
  while (start <= schema.size()) {
    size_t comma = schema.find(',', start);
    if (comma == std::string::npos) comma = schema.size();
    std::string name = schema.substr(start, comma - start);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (!name.empty()) file_reader.csv_headers.push_back(std::move(name));
    start = comma + 1;
  }
  if (file_reader.csv_headers.empty()) {
    cause = fmt::format("The S3 inventory manifest {} has no fileSchema", location);
    return false;
  }
  file_reader.csv_headers_given = true;
  file_reader.csv_delimiter = ',';
  std::string bucket = manifest->value("destinationBucket", "");
  if (bucket.rfind("arn:aws:s3:::", 0) == 0) bucket = bucket.substr(13);
  auto list = manifest->find("files");
  if (list == manifest->end() || !list->is_array()) {
    cause = fmt::format("The S3 inventory manifest {} has no \"files\" array", location);
    return false;
  }
  for (const asl::Json& entry : *list) {
    std::string key = entry.is_object() ? entry.value("key", "") : "";
    if (key.empty()) {
      cause = fmt::format("An entry of \"files\" in {} has no key", location);
      return false;
    }
    if (key.size() > 3 && key.compare(key.size() - 3, 3, ".gz") == 0) {
      // NONSTANDARD: inventories are gzip-compressed; no approved library inflates them.
      cause = fmt::format("sfnsim cannot read the compressed inventory file s3://{}/{}: store "
                          "it uncompressed for the simulation",
                          bucket, key);
      return false;
    }
    files.push_back({bucket, key});
  }
  return true;
}

std::unique_ptr<ItemSource> ItemsFromValues(std::vector<asl::Json> items) {
  return std::make_unique<ValueItems>(std::move(items));
}

FileFormat FormatOf(const asl::ItemReader& reader) {
  FileFormat format;
  format.input = reader.input;
  format.csv_headers_given = reader.csv_headers_given;
  format.csv_headers = reader.csv_headers;
  format.csv_delimiter = reader.csv_delimiter;
  format.items_pointer = reader.items_pointer;
  return format;
}

std::unique_ptr<ItemSource> ItemsFromObject(const FileFormat& reader, std::string text,
                                            std::string location, std::string& cause) {
  using Input = asl::ItemReader::Input;
  switch (reader.input) {
    case Input::kJson: {
      asl::JsonTextProblem problem = asl::JsonTextProblem::kMalformed;
      auto parsed = asl::ParseJsonWithinLimits(text, asl::kMaxJsonDepth, &problem);
      if (!parsed) {
        cause = problem == asl::JsonTextProblem::kTooDeep
                    ? fmt::format("{} nests JSON deeper than {} levels", location,
                                  asl::kMaxJsonDepth)
                    : fmt::format("{} is not a JSON document", location);
        return nullptr;
      }
      asl::Json* node = FollowPointer(*parsed, reader.items_pointer);
      if (!node) {
        cause = fmt::format("ItemsPointer \"{}\" finds nothing in {}", reader.items_pointer,
                            location);
        return nullptr;
      }
      if (!node->is_array()) {
        cause = "Attempting to map over non-iterable node.";
        return nullptr;
      }
      return std::make_unique<JsonArrayItems>(std::move(*node));
    }
    case Input::kJsonl:
      return std::make_unique<JsonLinesItems>(std::move(text), std::move(location));
    case Input::kCsv: {
      auto csv = std::make_unique<CsvItems>(std::move(text), std::move(location),
                                            reader.csv_delimiter);
      if (!csv->Start(reader, cause)) return nullptr;
      return csv;
    }
    case Input::kParquet:
      // NONSTANDARD: no Debian library reads Parquet (docs/known-differences.md).
      cause = fmt::format("sfnsim cannot read Parquet ({}): convert the data to CSV or JSON "
                          "Lines for the simulation",
                          location);
      return nullptr;
    case Input::kManifest:
    case Input::kListing:
      break;
  }
  cause = fmt::format("{} cannot be read as items here", location);
  return nullptr;
}

asl::Json ListingItem(const asl::Json& entry) {
  asl::Json item = asl::ObjectWithCapacity(5);
  auto field = [&](const char* name) -> asl::Json {
    auto it = entry.find(name);
    return it == entry.end() ? asl::Json() : *it;
  };
  item["Etag"] = field("ETag");
  item["Key"] = field("Key");
  asl::Json modified = field("LastModified");
  if (modified.is_string()) {
    if (auto instant = asl::ParseRfc3339(modified.get<std::string>())) {
      modified = instant->seconds;
    }
  }
  item["LastModified"] = std::move(modified);
  item["Size"] = field("Size");
  item["StorageClass"] = field("StorageClass");
  return item;
}

}  // namespace sim
