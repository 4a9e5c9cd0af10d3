#pragma once
// The items of a Distributed Map, produced one at a time: from the state input (an array already
// selected), or from what an ItemReader read from S3 (a JSON array, JSON Lines, CSV, an S3
// listing). Files are parsed as children are started, not up front, so an 8-million-row CSV
// never exists as 8 million JSON values at once, and a malformed row fails the Map Run when the
// reader reaches it, as a streaming reader on AWS does.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/model/state_machine.h"

namespace sim {

class ItemSource {
 public:
  virtual ~ItemSource() = default;
  // Produces the next item into `item`: true, or false at the end. A problem with the data
  // (the row and the file named in it) is returned in `cause`, with false.
  virtual bool Next(asl::Json& item, std::string& cause) = 0;
};

// How a file's text becomes items: the ReaderConfig's settings for one file.
struct FileFormat {
  asl::ItemReader::Input input = asl::ItemReader::Input::kJson;
  bool csv_headers_given = false;
  std::vector<std::string> csv_headers;
  char csv_delimiter = ',';
  std::string items_pointer;
};
FileFormat FormatOf(const asl::ItemReader& reader);

// Items already in hand (the state input's array, or a listing's objects).
std::unique_ptr<ItemSource> ItemsFromValues(std::vector<asl::Json> items);

// The items of one S3 object's text, read as the ItemReader's InputType says (JSON, JSONL,
// CSV). `location` ("s3://bucket/key") names the file in causes. Returns null with `cause` set
// when the text cannot be read at all (a JSON document that is not an array, duplicate CSV
// headers); later problems come from Next.
std::unique_ptr<ItemSource> ItemsFromObject(const FileFormat& reader, std::string text,
                                            std::string location, std::string& cause);

// The items of several sources, one after the other (the files of a manifest, the objects of a
// listing read with LOAD_AND_FLATTEN).
std::unique_ptr<ItemSource> ChainItems(std::vector<std::unique_ptr<ItemSource>> sources);

// An S3 object a manifest or listing names, and how to read it.
struct DataFile {
  std::string bucket;
  std::string key;
};

// The data files a manifest lists, and the reader settings each is read with:
// - S3 inventory (manifest.json): its "files" in the destination bucket, CSV whose columns are
//   named by "fileSchema" (gzip-compressed files are refused: no approved library inflates);
// - Athena data manifest: one s3:// URI per line, each file read as the ReaderConfig's CSV
//   settings say (assumed: the developer guide gives no example).
// False with `cause` set when the manifest cannot be read.
bool ReadManifest(const asl::ItemReader& reader, const std::string& text,
                  const std::string& location, std::vector<DataFile>& files,
                  FileFormat& file_format, std::string& cause);

// One item of an S3 listing (ListObjectsV2's Contents entry) as AWS gives it to an iteration:
// {"Etag", "Key", "LastModified" (epoch seconds), "Size", "StorageClass"}.
asl::Json ListingItem(const asl::Json& contents_entry);

}  // namespace sim
