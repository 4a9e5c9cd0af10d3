#include "simulator/services/s3/s3_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "asl/load/source_text.h"
#include "simulator/services/config_reader.h"
#include "simulator/services/s3/s3_api.h"

namespace sim::s3 {

namespace {

using world_internal::Member;
using world_internal::Reader;

constexpr size_t kMaxKeyBytes = 1024;  // S3's limit on a key's UTF-8 bytes

bool KeyOk(Reader& r, const std::string& key, const std::string& pointer) {
  if (key.empty() || key.size() > kMaxKeyBytes) {
    r.Error(pointer, fmt::format("an object key is 1 to 1,024 bytes of UTF-8, got {} bytes",
                                 key.size()));
    return false;
  }
  return true;
}

void ReadObject(Reader& r, const asl::Json& o, const std::string& p, BucketSpec& bucket) {
  if (!r.Object(o, p, {"key", "text", "json", "file", "content_type"})) return;
  auto key = r.String(o, p, "key", true);
  if (!key) return;
  ObjectSpec spec;
  spec.key = key.value_or("");
  if (!KeyOk(r, spec.key, Member(p, "key"))) return;
  spec.content_type = r.String(o, p, "content_type").value_or("");
  int given = 0;
  for (const char* body : {"text", "json", "file"}) given += o.contains(body) ? 1 : 0;
  if (given != 1) {
    r.Error(p, "an object needs exactly one of \"text\", \"json\" or \"file\"",
            given == 0 ? asl::DiagnosticCode::kMissingField : asl::DiagnosticCode::kInvalidValue);
    return;
  }
  if (o.contains("text")) {
    auto text = r.String(o, p, "text", true);
    if (!text) return;
    spec.body = text.value_or("");
  } else if (o.contains("json")) {
    spec.body = asl::Dump(o["json"]);
  } else {
    auto file = r.String(o, p, "file", true);
    if (!file) return;
    std::string path = r.Path(file.value_or(""));
    std::string fp = Member(p, "file");
    if (!r.Allowed(path, fp)) return;
    auto read = asl::ReadTextFile(path);
    if (!read.ok()) {
      r.Error(fp, asl::ReadErrorText(read.error()), asl::DiagnosticCode::kUnreadableFile);
      return;
    }
    spec.body = std::move(read.value());
  }
  bucket.objects.push_back(std::move(spec));
}

void ReadFolder(Reader& r, const asl::Json& f, const std::string& p, BucketSpec& bucket) {
  namespace fs = std::filesystem;
  if (!r.Object(f, p, {"prefix", "path"})) return;
  auto prefix = r.String(f, p, "prefix");
  auto folder = r.String(f, p, "path", true);
  if (!folder) return;
  std::string root = r.Path(folder.value_or(""));
  std::string pp = Member(p, "path");
  if (!r.Allowed(root, pp)) return;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    r.Error(pp, fmt::format("{}: not a directory", root), asl::DiagnosticCode::kUnreadableFile);
    return;
  }
  // Sorted, so the load order (and the first error) does not depend on the file system.
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) {
    r.Error(pp, fmt::format("{}: {}", root, ec.message()), asl::DiagnosticCode::kUnreadableFile);
    return;
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    if (!r.Allowed(file.string(), pp)) return;
    ObjectSpec spec;
    spec.key = prefix.value_or("") + file.lexically_relative(root).generic_string();
    if (!KeyOk(r, spec.key, pp)) return;
    auto read = asl::ReadTextFile(file.string());
    if (!read.ok()) {
      r.Error(pp, asl::ReadErrorText(read.error()), asl::DiagnosticCode::kUnreadableFile);
      return;
    }
    spec.body = std::move(read.value());
    bucket.objects.push_back(std::move(spec));
  }
}

void ReadBucket(Reader& r, const asl::Json& b, const std::string& p, Config& config) {
  if (!r.Object(b, p, {"name", "objects", "folders"})) return;
  auto name = r.String(b, p, "name", true);
  if (!name) return;
  BucketSpec bucket;
  bucket.name = name.value_or("");
  if (std::string problem = BucketNameProblem(bucket.name); !problem.empty()) {
    r.Error(Member(p, "name"), fmt::format("\"{}\" is not a bucket name: {}", bucket.name, problem));
    return;
  }
  for (const BucketSpec& other : config.buckets) {
    if (other.name == bucket.name) {
      r.Error(Member(p, "name"), fmt::format("bucket \"{}\" is declared twice", bucket.name));
      return;
    }
  }
  if (auto objects = b.find("objects"); objects != b.end() && !objects->is_null()) {
    std::string op = Member(p, "objects");
    if (r.Array(*objects, op)) {
      for (size_t i = 0; i < objects->size(); ++i) {
        ReadObject(r, (*objects)[i], asl::PointerJoin(op, i), bucket);
      }
    }
  }
  if (auto folders = b.find("folders"); folders != b.end() && !folders->is_null()) {
    std::string fp = Member(p, "folders");
    if (r.Array(*folders, fp)) {
      for (size_t i = 0; i < folders->size(); ++i) {
        ReadFolder(r, (*folders)[i], asl::PointerJoin(fp, i), bucket);
      }
    }
  }
  config.buckets.push_back(std::move(bucket));
}

}  // namespace

std::string BucketNameProblem(const std::string& name) {
  if (name.size() < 3 || name.size() > 63) return "3 to 63 characters";
  if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") != std::string::npos) {
    return "only lowercase letters, numbers, dots and hyphens";
  }
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(name.front()) || !alnum(name.back())) return "it must begin and end with a letter or number";
  if (name.find("..") != std::string::npos) return "no two adjacent periods";
  int dots = 0;
  bool digits_and_dots = true;
  for (char c : name) {
    dots += c == '.';
    digits_and_dots &= (c == '.' || (c >= '0' && c <= '9'));
  }
  if (digits_and_dots && dots == 3) return "it must not be formatted as an IP address";
  for (std::string_view prefix : {"xn--", "sthree-", "amzn-s3-demo-"}) {
    if (name.starts_with(prefix)) return fmt::format("it must not begin with \"{}\"", prefix);
  }
  for (std::string_view suffix : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}) {
    if (name.ends_with(suffix)) return fmt::format("it must not end with \"{}\"", suffix);
  }
  return "";
}

void ReadSection(Reader& r, const asl::Json& value, const std::string& pointer,
                 ServiceSections& out) {
  if (!r.Object(value, pointer, {"buckets", "foreign_buckets", "request_rates"})) return;
  Config& config = out.Make<Config>(kSection);
  if (auto buckets = value.find("buckets"); buckets != value.end() && !buckets->is_null()) {
    std::string bp = Member(pointer, "buckets");
    if (r.Array(*buckets, bp)) {
      for (size_t i = 0; i < buckets->size(); ++i) {
        ReadBucket(r, (*buckets)[i], asl::PointerJoin(bp, i), config);
      }
    }
  }
  if (auto foreign = value.find("foreign_buckets"); foreign != value.end() && !foreign->is_null()) {
    std::string fp = Member(pointer, "foreign_buckets");
    if (r.Array(*foreign, fp)) {
      for (size_t i = 0; i < foreign->size(); ++i) {
        std::string ip = asl::PointerJoin(fp, i);
        const asl::Json& name = (*foreign)[i];
        if (!name.is_string()) {
          r.Error(ip, fmt::format("expected a bucket name, got {}", asl::TypeWithArticle(name)),
                  asl::DiagnosticCode::kWrongType);
          continue;
        }
        const std::string& text = name.get_ref<const std::string&>();
        if (std::string problem = BucketNameProblem(text); !problem.empty()) {
          r.Error(ip, fmt::format("\"{}\" is not a bucket name: {}", text, problem));
          continue;
        }
        bool owned = std::any_of(config.buckets.begin(), config.buckets.end(),
                                 [&](const BucketSpec& b) { return b.name == text; });
        if (owned) {
          r.Error(ip, fmt::format("bucket \"{}\" is declared in buckets too", text));
          continue;
        }
        config.foreign_buckets.push_back(text);
      }
    }
  }
  if (auto rates = value.find("request_rates"); rates != value.end() && !rates->is_null()) {
    std::string rp = Member(pointer, "request_rates");
    if (r.Object(*rates, rp, {"write_per_second", "read_per_second"})) {
      config.rates.write_per_second =
          r.Number(*rates, rp, "write_per_second", 0.001, 1e9).value_or(config.rates.write_per_second);
      config.rates.read_per_second =
          r.Number(*rates, rp, "read_per_second", 0.001, 1e9).value_or(config.rates.read_per_second);
    }
  }
}

}  // namespace sim::s3
