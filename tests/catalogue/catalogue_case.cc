#include "tests/catalogue/catalogue_case.h"

#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace sfnsim_catalogue {

namespace {

namespace fs = std::filesystem;

// A malformed catalogue entry: thrown while reading one file, caught per file.
struct CaseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string Where(const std::string& file, const YAML::Node& node) {
  return file + ":" + std::to_string(node.Mark().line + 1);
}

std::string Scalar(const YAML::Node& node, const std::string& file, const char* what) {
  if (!node.IsScalar()) throw CaseError(Where(file, node) + ": " + what + " must be a string");
  return node.as<std::string>();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string FromHex(const std::string& hex, const std::string& where) {
  std::string bytes;
  std::string digits;
  for (char c : hex) {
    if (std::isxdigit(static_cast<unsigned char>(c))) digits += c;
    else if (!std::isspace(static_cast<unsigned char>(c))) throw CaseError(where + ": bad hex");
  }
  if (digits.size() % 2 != 0) throw CaseError(where + ": odd number of hex digits");
  for (size_t i = 0; i < digits.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16));
  }
  return bytes;
}

// One part of a generated file: text or hex, repeated `times`.
FilePart Part(const YAML::Node& part, const std::string& file) {
  if (!part.IsMap()) throw CaseError(Where(file, part) + ": a part is {text|hex, times}");
  FilePart p;
  p.unit = part["hex"] ? FromHex(Scalar(part["hex"], file, "hex"), Where(file, part))
                       : Scalar(part["text"], file, "text");
  if (part["times"]) p.times = part["times"].as<int64_t>();
  if (p.times < 0) throw CaseError(Where(file, part) + ": times must not be negative");
  return p;
}

// Writes a part, numbering "{n}" and "{next}" when the unit has them.
void WritePart(const FilePart& part, std::ofstream& out) {
  bool numbered = part.unit.find("{n}") != std::string::npos ||
                  part.unit.find("{next}") != std::string::npos;
  for (int64_t i = 0; i < part.times; ++i) {
    if (!numbered) {
      out.write(part.unit.data(), static_cast<std::streamsize>(part.unit.size()));
      continue;
    }
    std::string text =
        Replace(Replace(part.unit, "{next}", std::to_string(i + 1)), "{n}", std::to_string(i));
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
}

CaseFile ReadFile(const YAML::Node& node, const std::string& file) {
  CaseFile f;
  if (node.IsScalar()) {
    f.parts.push_back({node.as<std::string>(), 1});
    return f;
  }
  if (node.IsNull()) return f;
  if (!node.IsMap()) throw CaseError(Where(file, node) + ": a file is text or a map");
  if (node["hex"]) {
    f.parts.push_back({FromHex(Scalar(node["hex"], file, "hex"), Where(file, node)), 1});
  } else if (node["parts"]) {
    for (const YAML::Node& part : node["parts"]) f.parts.push_back(Part(part, file));
  } else if (node["fifo"]) {
    f.kind = CaseFile::Kind::kFifo;
  } else if (node["directory"]) {
    f.kind = CaseFile::Kind::kDirectory;
  } else if (node["symlink"]) {
    f.kind = CaseFile::Kind::kSymlink;
    f.target = Scalar(node["symlink"], file, "symlink");
  } else if (node["copy"]) {
    f.kind = CaseFile::Kind::kCopy;
    f.target = Scalar(node["copy"], file, "copy");
  } else {
    throw CaseError(Where(file, node) + ": a file needs hex, parts, fifo, directory, symlink "
                    "or copy");
  }
  return f;
}

bool ValidName(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

const std::set<std::string>& KnownKeys() {
  static const std::set<std::string> keys = {
      "name",    "about",  "files",    "args",   "stdin",   "stdout_to", "exit",
      "message", "stdout", "unwanted", "absent", "timeout", "memory_mb"};
  return keys;
}

CatalogueCase ReadCase(const YAML::Node& node, const std::string& file) {
  if (!node.IsMap()) throw CaseError(Where(file, node) + ": a case is a map");
  for (const auto& member : node) {
    std::string key = member.first.as<std::string>();
    if (!KnownKeys().count(key)) {
      throw CaseError(Where(file, member.first) + ": unknown key " + key);
    }
  }
  CatalogueCase c;
  c.source = Where(file, node);
  if (!node["name"] || !node["args"] || !node["exit"]) {
    throw CaseError(c.source + ": a case needs name, args and exit");
  }
  c.name = Scalar(node["name"], file, "name");
  if (!ValidName(c.name)) throw CaseError(c.source + ": name: letters, digits and '_' only");
  if (node["about"]) c.about = Scalar(node["about"], file, "about");
  if (node["files"]) {
    for (const auto& member : node["files"]) {
      std::string name = member.first.as<std::string>();
      if (name.empty() || name.find("..") != std::string::npos || name[0] == '/') {
        throw CaseError(Where(file, member.first) + ": file names stay in the scratch directory");
      }
      c.files[name] = ReadFile(member.second, file);
    }
  }
  if (!node["args"].IsSequence()) throw CaseError(c.source + ": args must be a list");
  for (const YAML::Node& arg : node["args"]) c.args.push_back(Scalar(arg, file, "an argument"));
  if (node["stdin"]) c.stdin_text = Scalar(node["stdin"], file, "stdin");
  if (node["stdout_to"]) c.stdout_to = Scalar(node["stdout_to"], file, "stdout_to");
  c.exit_code = node["exit"].as<int>();
  if (node["message"]) c.message_regex = Scalar(node["message"], file, "message");
  if (node["stdout"]) c.stdout_regex = Scalar(node["stdout"], file, "stdout");
  if (c.exit_code != 0 && c.message_regex.empty()) {
    throw CaseError(c.source + ": a failing case needs a message regex naming the file and place");
  }
  if (node["unwanted"]) c.unwanted_regex = Scalar(node["unwanted"], file, "unwanted");
  if (node["absent"]) {
    if (!node["absent"].IsSequence()) throw CaseError(c.source + ": absent must be a list");
    for (const YAML::Node& pattern : node["absent"]) {
      c.absent.push_back(Scalar(pattern, file, "a pattern"));
    }
  }
  if (node["timeout"]) c.timeout_seconds = node["timeout"].as<double>();
  if (node["memory_mb"]) c.memory_mb = node["memory_mb"].as<int64_t>();
  return c;
}

}  // namespace

Catalogue LoadCatalogue(const std::string& directory) {
  Catalogue catalogue;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  if (ec) {
    catalogue.error = directory + ": " + ec.message();
    return catalogue;
  }
  std::sort(files.begin(), files.end());
  std::set<std::string> names;
  for (const fs::path& path : files) {
    std::string file = "cases/" + path.filename().string();
    try {
      YAML::Node document = YAML::LoadFile(path.string());
      if (!document.IsSequence()) throw CaseError(file + ": the file is a list of cases");
      for (const YAML::Node& node : document) {
        CatalogueCase c = ReadCase(node, file);
        if (!names.insert(c.name).second) throw CaseError(c.source + ": duplicate name " + c.name);
        catalogue.cases.push_back(std::move(c));
      }
    } catch (const std::exception& e) {  // CaseError and yaml-cpp's own, which carry the line
      catalogue.error += std::string(catalogue.error.empty() ? "" : "\n") + file + ": " + e.what();
    }
  }
  return catalogue;
}

std::map<std::string, std::string> LoadKnownFailing(const std::string& path, std::string* error) {
  std::map<std::string, std::string> names;
  std::ifstream in(path);
  if (!in) {
    *error = path + ": cannot read";
    return names;
  }
  // A comment line gives the reason of the names below it, up to the next blank line; a comment
  // after a name is that name's own.
  std::string line, group_reason;
  while (std::getline(in, line)) {
    size_t hash = line.find('#');
    std::string comment = hash == std::string::npos ? "" : line.substr(hash + 1);
    std::istringstream words(line.substr(0, hash));
    std::string name;
    if (words >> name) {
      names[name] = comment.empty() ? group_reason : comment;
    } else if (hash != std::string::npos) {
      group_reason = comment.substr(comment.find_first_not_of(' ') == std::string::npos
                                        ? comment.size() : comment.find_first_not_of(' '));
    } else {
      group_reason.clear();
    }
  }
  return names;
}

std::string MaterializeFiles(const CatalogueCase& c, const std::string& directory,
                             const std::string& source_dir) {
  for (const auto& [name, f] : c.files) {
    fs::path path = fs::path(directory) / name;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    switch (f.kind) {
      case CaseFile::Kind::kBytes: {
        std::ofstream out(path, std::ios::binary);
        for (const FilePart& part : f.parts) WritePart(part, out);
        if (!out) return name + ": cannot write";
        break;
      }
      case CaseFile::Kind::kFifo:
        if (mkfifo(path.c_str(), 0644) != 0) return name + ": mkfifo: " + std::strerror(errno);
        break;
      case CaseFile::Kind::kDirectory:
        fs::create_directories(path, ec);
        break;
      case CaseFile::Kind::kSymlink:
        fs::create_symlink(f.target, path, ec);
        break;
      case CaseFile::Kind::kCopy:
        fs::copy_file(fs::path(source_dir) / f.target, path, ec);
        break;
    }
    if (ec) return name + ": " + ec.message();
  }
  return "";
}

}  // namespace sfnsim_catalogue
