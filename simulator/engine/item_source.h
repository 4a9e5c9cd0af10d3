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

// Items already in hand (the state input's array, or a listing's objects).
std::unique_ptr<ItemSource> ItemsFromValues(std::vector<asl::Json> items);

// The items of one S3 object's text, read as the ItemReader's InputType says (JSON, JSONL,
// CSV). `location` ("s3://bucket/key") names the file in causes. Returns null with `cause` set
// when the text cannot be read at all (a JSON document that is not an array, duplicate CSV
// headers); later problems come from Next.
std::unique_ptr<ItemSource> ItemsFromObject(const asl::ItemReader& reader, std::string text,
                                            std::string location, std::string& cause);

// One item of an S3 listing (ListObjectsV2's Contents entry) as AWS gives it to an iteration:
// {"Etag", "Key", "LastModified" (epoch seconds), "Size", "StorageClass"}.
asl::Json ListingItem(const asl::Json& contents_entry);

}  // namespace sim
