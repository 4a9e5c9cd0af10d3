#include "simulator/services/athena/query_results.h"

namespace sim::athena {

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
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

std::string Base64Encode(const uint8_t* bytes, size_t size) {
  std::string out;
  for (size_t i = 0; i < size; i += 3) {
    uint32_t chunk = static_cast<uint32_t>(bytes[i]) << 16;
    if (i + 1 < size) chunk |= static_cast<uint32_t>(bytes[i + 1]) << 8;
    if (i + 2 < size) chunk |= bytes[i + 2];
    out += kBase64[(chunk >> 18) & 63];
    out += kBase64[(chunk >> 12) & 63];
    out += i + 1 < size ? kBase64[(chunk >> 6) & 63] : '=';
    out += i + 2 < size ? kBase64[chunk & 63] : '=';
  }
  return out;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool Base64Decode(std::string_view text, std::vector<uint8_t>* out) {
  if (text.size() % 4 != 0) return false;
  for (size_t i = 0; i < text.size(); i += 4) {
    uint32_t chunk = 0;
    int padding = 0;
    for (size_t j = 0; j < 4; ++j) {
      char c = text[i + j];
      if (c == '=' && i + 4 == text.size() && j >= 2) {
        ++padding;
        chunk <<= 6;
        continue;
      }
      int value = Base64Value(c);
      if (value < 0 || padding > 0) return false;
      chunk = (chunk << 6) | static_cast<uint32_t>(value);
    }
    out->push_back(static_cast<uint8_t>(chunk >> 16));
    if (padding < 2) out->push_back(static_cast<uint8_t>(chunk >> 8));
    if (padding < 1) out->push_back(static_cast<uint8_t>(chunk));
  }
  return true;
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
  uint8_t bytes[kTokenBytes];
  bytes[0] = kTokenVersion;
  uint64_t checksum = Checksum(key, offset);
  for (int i = 0; i < 8; ++i) {
    bytes[1 + i] = static_cast<uint8_t>(offset >> (8 * i));
    bytes[9 + i] = static_cast<uint8_t>(checksum >> (8 * i));
  }
  return Base64Encode(bytes, kTokenBytes);
}

std::optional<uint64_t> DecodePageToken(uint64_t key, std::string_view token) {
  std::vector<uint8_t> bytes;
  if (!Base64Decode(token, &bytes) || bytes.size() != kTokenBytes || bytes[0] != kTokenVersion) {
    return std::nullopt;
  }
  uint64_t offset = 0, checksum = 0;
  for (int i = 0; i < 8; ++i) {
    offset |= static_cast<uint64_t>(bytes[1 + i]) << (8 * i);
    checksum |= static_cast<uint64_t>(bytes[9 + i]) << (8 * i);
  }
  if (checksum != Checksum(key, offset)) return std::nullopt;
  return offset;
}

}  // namespace sim::athena
