#include "simulator/services/athena/query_results.h"

#include "asl/base/base64.h"

namespace sim::athena {

namespace {

constexpr uint8_t kTokenVersion = 1;
constexpr size_t kTokenBytes = 17;  // version, offset (8 bytes), checksum (8 bytes)

uint64_t Mix(uint64_t z) {  // SplitMix64's finaliser
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t Checksum(uint64_t key, uint64_t offset) {
  return Mix(key ^ Mix(offset + 0x9E3779B97F4A7C15ull));
}

asl::Json DataRow(const ResultTable& table, size_t row) {
  asl::Json data = asl::Json::array();
  for (size_t c = 0; c < table.columns().size(); ++c) {
    asl::Json datum = asl::Json::object();
    // A NULL is a Datum without VarCharValue.
    if (!table.IsNull(row, c)) datum["VarCharValue"] = std::string(table.Cell(row, c));
    data.push_back(std::move(datum));
  }
  asl::Json out = asl::Json::object();
  out["Data"] = std::move(data);
  return out;
}

asl::Json HeaderRow(const ResultTable& table) {
  asl::Json data = asl::Json::array();
  for (const ResultColumn& column : table.columns()) {
    asl::Json datum = asl::Json::object();
    datum["VarCharValue"] = column.name;
    data.push_back(std::move(datum));
  }
  asl::Json out = asl::Json::object();
  out["Data"] = std::move(data);
  return out;
}

}  // namespace

std::string_view ResultTable::Cell(size_t row, size_t column) const {
  size_t index = Index(row, column);
  uint64_t begin = Begin(index);
  uint64_t end = ends_[index] & ~kNullBit;
  return std::string_view(arena_).substr(begin, end - begin);
}

void ResultTable::TransformColumn(size_t column, std::string (*transform)(std::string_view)) {
  std::string arena;
  std::vector<uint64_t> ends;
  arena.reserve(arena_.size());
  ends.reserve(ends_.size());
  size_t width = columns_.size();
  for (size_t index = 0; index < ends_.size(); ++index) {
    bool is_null = (ends_[index] & kNullBit) != 0;
    if (is_null) {
      ends.push_back(arena.size() | kNullBit);
      continue;
    }
    std::string_view text = Cell(index / width, index % width);
    if (index % width == column) {
      arena += transform(text);
    } else {
      arena.append(text);
    }
    ends.push_back(arena.size());
  }
  arena_ = std::move(arena);
  ends_ = std::move(ends);
}

asl::Json ColumnInfoJson(const std::vector<ResultColumn>& columns) {
  asl::Json infos = asl::Json::array();
  for (const ResultColumn& column : columns) {
    // Fields in the API reference's (alphabetical) order; Athena's values: catalog "hive",
    // empty schema and table names, Nullable always UNKNOWN.
    asl::Json info = asl::Json::object();
    info["CaseSensitive"] = ColumnInfoCaseSensitive(column.type);
    info["CatalogName"] = "hive";
    info["Label"] = column.name;
    info["Name"] = column.name;
    info["Nullable"] = "UNKNOWN";
    info["Precision"] = ColumnInfoPrecision(column.type);
    info["Scale"] = ColumnInfoScale(column.type);
    info["SchemaName"] = "";
    info["TableName"] = "";
    info["Type"] = TypeName(column.type.kind);
    infos.push_back(std::move(info));
  }
  return infos;
}

asl::Json ResultPage(const ResultTable& rows, size_t first_row, size_t total_rows,
                     bool with_header_row, size_t offset, size_t count,
                     const std::optional<std::string>& next_token) {
  asl::Json page_rows = asl::Json::array();
  size_t header = with_header_row ? 1 : 0;
  size_t total = total_rows + header;
  size_t end = offset + count < total ? offset + count : total;
  for (size_t i = offset; i < end; ++i) {
    if (i < header) {
      page_rows.push_back(HeaderRow(rows));
    } else {
      page_rows.push_back(DataRow(rows, i - header - first_row));
    }
  }
  asl::Json metadata = asl::Json::object();
  metadata["ColumnInfo"] = ColumnInfoJson(rows.columns());
  asl::Json result_set = asl::ObjectWithCapacity(2);
  result_set["ResultSetMetadata"] = std::move(metadata);
  result_set["Rows"] = std::move(page_rows);
  asl::Json page = asl::ObjectWithCapacity(3);
  if (next_token) page["NextToken"] = *next_token;
  page["ResultSet"] = std::move(result_set);
  page["UpdateCount"] = 0;
  return page;
}

std::string EncodePageToken(uint64_t key, uint64_t offset) {
  std::string bytes(kTokenBytes, '\0');
  bytes[0] = static_cast<char>(kTokenVersion);
  uint64_t checksum = Checksum(key, offset);
  for (int i = 0; i < 8; ++i) {
    bytes[1 + i] = static_cast<char>(offset >> (8 * i));
    bytes[9 + i] = static_cast<char>(checksum >> (8 * i));
  }
  return asl::Base64Encode(bytes);
}

std::optional<uint64_t> DecodePageToken(uint64_t key, std::string_view token) {
  std::optional<std::string> bytes = asl::Base64DecodeStrict(token);
  if (!bytes || bytes->size() != kTokenBytes ||
      static_cast<uint8_t>((*bytes)[0]) != kTokenVersion) {
    return std::nullopt;
  }
  uint64_t offset = 0, checksum = 0;
  for (int i = 0; i < 8; ++i) {
    offset |= static_cast<uint64_t>(static_cast<uint8_t>((*bytes)[1 + i])) << (8 * i);
    checksum |= static_cast<uint64_t>(static_cast<uint8_t>((*bytes)[9 + i])) << (8 * i);
  }
  if (checksum != Checksum(key, offset)) return std::nullopt;
  return offset;
}

}  // namespace sim::athena
