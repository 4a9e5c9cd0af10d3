// Generated tables kept out of memory: the column order the load pass learns (column_order.h),
// regenerated virtual tables answering exactly as stored ones do, and large results read again
// from their statement (result_replay.h) giving the same pages as kept ones.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "simulator/services/athena/column_order.h"
#include "tests/simulator/athena_test_fixture.h"

namespace athena_test {
namespace {

using sim::athena::ColumnOrder;
using sim::athena::Comparison;
using sim::athena::RowRange;

// --- ColumnOrder ---------------------------------------------------------------------------------

std::pair<int64_t, int64_t> Pair(RowRange range) { return {range.begin, range.end}; }

TEST(ColumnOrderTest, RangesOfANonDecreasingIntegerColumn) {
  ColumnOrder order(/*keep_keys=*/true);
  for (int64_t value : {10, 10, 20, 20, 20, 30, 50}) order.AddInteger(value);
  ASSERT_TRUE(order.has_keys());
  EXPECT_TRUE(order.non_decreasing());
  EXPECT_FALSE(order.strictly_increasing());
  EXPECT_EQ(order.distinct_values(), 4u);
  EXPECT_EQ(Pair(order.Range(Comparison::kEq, 20, 7)), std::make_pair(int64_t{2}, int64_t{5}));
  EXPECT_EQ(Pair(order.Range(Comparison::kEq, 10, 7)), std::make_pair(int64_t{0}, int64_t{2}));
  EXPECT_EQ(Pair(order.Range(Comparison::kEq, 50, 7)), std::make_pair(int64_t{6}, int64_t{7}));
  EXPECT_TRUE(order.Range(Comparison::kEq, 25, 7).empty());
  EXPECT_TRUE(order.Range(Comparison::kEq, 99, 7).empty());
  EXPECT_EQ(Pair(order.Range(Comparison::kGt, 20, 7)), std::make_pair(int64_t{5}, int64_t{7}));
  EXPECT_EQ(Pair(order.Range(Comparison::kGe, 20, 7)), std::make_pair(int64_t{2}, int64_t{7}));
  EXPECT_EQ(Pair(order.Range(Comparison::kLt, 20, 7)), std::make_pair(int64_t{0}, int64_t{2}));
  EXPECT_EQ(Pair(order.Range(Comparison::kLe, 20, 7)), std::make_pair(int64_t{0}, int64_t{5}));
  EXPECT_EQ(Pair(order.Range(Comparison::kGe, 5, 7)), std::make_pair(int64_t{0}, int64_t{7}));
  EXPECT_TRUE(order.Range(Comparison::kLt, 10, 7).empty());
  RowRange from_20 = order.Range(Comparison::kGe, 20, 7);
  EXPECT_EQ(Pair(from_20.Intersect(order.Range(Comparison::kLt, 50, 7))),
            std::make_pair(int64_t{2}, int64_t{6}));
}

TEST(ColumnOrderTest, TextOrderIsBinary) {
  ColumnOrder order(/*keep_keys=*/true);
  // Upper case sorts before lower case, and a byte >= 0x80 after both, as in SQLite's BINARY.
  for (const char* value : {"B", "a", "a", "b", "\xc3\xa9"}) order.AddText(value);
  ASSERT_TRUE(order.has_keys());
  EXPECT_TRUE(order.is_text());
  EXPECT_EQ(Pair(order.Range(Comparison::kEq, std::string_view("a"), 5)),
            std::make_pair(int64_t{1}, int64_t{3}));
  EXPECT_EQ(Pair(order.Range(Comparison::kGt, std::string_view("b"), 5)),
            std::make_pair(int64_t{4}, int64_t{5}));
  ColumnOrder other;
  for (const char* value : {"a", "B"}) other.AddText(value);
  EXPECT_FALSE(other.non_decreasing());
}

TEST(ColumnOrderTest, WhatDisqualifiesAColumn) {
  ColumnOrder strict;
  for (int64_t value : {1, 2, 5, 9}) strict.AddInteger(value);
  EXPECT_TRUE(strict.strictly_increasing());
  EXPECT_FALSE(strict.has_keys());  // keys only when asked for
  EXPECT_EQ(strict.distinct_values(), 0u);

  ColumnOrder decreasing(true);
  for (int64_t value : {1, 2, 1}) decreasing.AddInteger(value);
  EXPECT_FALSE(decreasing.non_decreasing());
  EXPECT_FALSE(decreasing.strictly_increasing());
  EXPECT_FALSE(decreasing.has_keys());

  ColumnOrder with_null(true);
  with_null.AddInteger(1);
  with_null.AddNull();
  with_null.AddInteger(2);
  EXPECT_FALSE(with_null.non_decreasing());

  ColumnOrder real(true);
  real.AddReal();
  EXPECT_FALSE(real.has_keys());

  ColumnOrder mixed(true);
  mixed.AddInteger(1);
  mixed.AddText("2");
  EXPECT_FALSE(mixed.has_keys());
  // A range of an unusable column is every row.
  EXPECT_EQ(Pair(mixed.Range(Comparison::kEq, 1, 2)), std::make_pair(int64_t{0}, int64_t{2}));
}

// --- Regenerated tables --------------------------------------------------------------------------

// `rows` rows: id 1..rows (strictly increasing), bucket id / 7 (non-decreasing), tag 'b<bucket,
// 3 digits>' (non-decreasing text), label (not ordered), half (double), a date. Counts the
// rows it generates in `*calls`.
AthenaTableSource OrderedTable(const std::string& name, int64_t rows,
                               std::shared_ptr<int64_t> calls,
                               std::vector<std::string> indexed) {
  AthenaTableSource source;
  source.database = "retail";
  source.name = name;
  source.columns = {"id INTEGER", "bucket INTEGER", "tag VARCHAR", "label VARCHAR",
                    "half DOUBLE",  "day DATE"};
  source.generated_rows = rows;
  source.indexed_columns = std::move(indexed);
  source.generator = [calls](int64_t row, std::vector<std::string>& values) {
    ++*calls;
    int64_t id = row + 1;
    values = {std::to_string(id),
              std::to_string(id / 7),
              fmt::format("b{:03}", id / 7),
              (id % 3 == 0 ? "Row-" : "row-") + std::to_string(id * 7919 % 1000),
              std::to_string(id / 2.0),
              fmt::format("2024-{:02}-{:02}", 1 + id % 12, 1 + id % 28)};
  };
  return source;
}

// Every page of a query's result, `page_size` rows a page, as JSON text.
std::string AllPages(AthenaModel& model, const std::string& id, int page_size,
                     bool with_tokens = true) {
  std::string out;
  asl::Json request = IdRequest(id);
  request["MaxResults"] = page_size;
  for (;;) {
    auto page = model.GetQueryResults(request, *model.CompletionTime(id));
    if (!page.ok()) return out + "error: " + page.error().message;
    if (!page.value().contains("NextToken")) return out + asl::Dump(page.value()) + "\n";
    request["NextToken"] = page.value()["NextToken"];
    if (!with_tokens) page.value().erase("NextToken");
    out += asl::Dump(page.value()) + "\n";
  }
}

class RegeneratedTableTest : public AthenaFixture {
 protected:
  void SetUp() override {
    AthenaConfig config = Config();
    config.max_active_queries = 1000;  // every query is submitted at the same time
    model_ = std::make_unique<AthenaModel>(config);
    ASSERT_TRUE(model_->AddTable(NumbersTable("numbers", 10)).ok());
    // The same rows twice: regenerated (its indexed columns are ordered), and stored in SQLite
    // with the same indexes (an index on the unordered `label` column as well keeps it there).
    ASSERT_TRUE(model_->AddTable(OrderedTable("regen", 300, calls_, {"bucket", "tag"})).ok());
    ASSERT_TRUE(
        model_->AddTable(OrderedTable("stored", 300, stored_calls_, {"bucket", "tag", "label"}))
            .ok());
  }

  // The query's pages (without their NextTokens, which differ from query to query), status
  // and statistics on one table (`{t}` in `sql` names it).
  std::string Answer(std::string sql, const std::string& table) {
    for (size_t at = sql.find("{t}"); at != std::string::npos; at = sql.find("{t}", at)) {
      sql.replace(at, 3, table);
    }
    std::string id = Start(sql, At(0));
    asl::Json execution = model_->GetQueryExecution(IdRequest(id), Done(id)).value();
    return AllPages(*model_, id, 40, /*with_tokens=*/false) +
           asl::Dump(execution["QueryExecution"]["Status"]) +
           asl::Dump(execution["QueryExecution"]["Statistics"]);
  }

  std::shared_ptr<int64_t> calls_ = std::make_shared<int64_t>(0);
  std::shared_ptr<int64_t> stored_calls_ = std::make_shared<int64_t>(0);
};

TEST_F(RegeneratedTableTest, AnswersExactlyAsTheStoredTable) {
  const char* queries[] = {
      "SELECT * FROM {t}",
      "SELECT id, tag, label FROM {t} WHERE bucket = 12 ORDER BY id",
      "SELECT id, label FROM {t} WHERE bucket >= 30 AND bucket < 33",
      "SELECT id FROM {t} WHERE bucket > 40 OR bucket <= 1 ORDER BY id DESC",
      "SELECT id, bucket FROM {t} WHERE bucket IN (3, 17, 5) ORDER BY id",
      "SELECT id FROM {t} WHERE bucket = '12'",       // text constant, integer column
      "SELECT id FROM {t} WHERE bucket = 12.0",       // real constant
      "SELECT id FROM {t} WHERE bucket = 12.5",
      "SELECT id FROM {t} WHERE tag = 'b007'",
      "SELECT id FROM {t} WHERE tag > 'b040' ORDER BY label, id",
      "SELECT id FROM {t} WHERE tag = 'B007' COLLATE NOCASE",
      "SELECT id FROM {t} WHERE tag = 7",
      "SELECT id, half FROM {t} WHERE bucket = 99",   // no such bucket
      "SELECT bucket, count(*), sum(half), min(label) FROM {t} GROUP BY bucket",
      "SELECT DISTINCT bucket FROM {t} WHERE id > 250",
      "SELECT id, day FROM {t} WHERE id BETWEEN 20 AND 30 ORDER BY id LIMIT 5 OFFSET 2",
      "SELECT label, id FROM {t} ORDER BY label, id",
      "SELECT a.id, b.id FROM {t} a JOIN numbers b ON a.id = b.id * 30 ORDER BY a.id",
      "SELECT count(*) FROM {t} WHERE bucket = 5",
      "SELECT nope FROM {t}",
  };
  for (const char* sql : queries) {
    EXPECT_EQ(Answer(sql, "regen"), Answer(sql, "stored")) << sql;
  }
}

TEST_F(RegeneratedTableTest, GeneratesOnlyTheRowsInRange) {
  EXPECT_EQ(*calls_, 300);  // the load pass
  *calls_ = 0;
  Answer("SELECT id, label FROM {t} WHERE bucket = 12 ORDER BY id", "regen");
  EXPECT_EQ(*calls_, 7);  // ids 84..90
  *calls_ = 0;
  Answer("SELECT id FROM {t} WHERE tag >= 'b040'", "regen");
  EXPECT_EQ(*calls_, 300 - 280 + 1);
  *calls_ = 0;
  Answer("SELECT id FROM {t} WHERE label = 'row-1'", "regen");  // not indexed: every row
  EXPECT_EQ(*calls_, 300);
}

TEST_F(RegeneratedTableTest, LoadErrorsAreTheStoredTablesErrors) {
  auto calls = std::make_shared<int64_t>(0);
  AthenaTableSource bad = OrderedTable("bad", 10, calls, {"bucket"});
  bad.generator = [](int64_t row, std::vector<std::string>& values) {
    values = {row == 4 ? "four" : "1", "1", "a", "b", "1.0", "2024-01-01"};
  };
  EXPECT_EQ(model_->AddTable(bad).error(),
            "table retail.bad row 4: column 'id' (integer): 'four' is not an integer");
  EXPECT_EQ(model_->AddTable(OrderedTable("missing", 10, calls, {"bucket", "nope"})).error(),
            "table retail.missing has no column 'nope' to index");
  EXPECT_EQ(model_->AddTable(OrderedTable("unordered", 10, calls, {"label", "nope"})).error(),
            "table retail.unordered has no column 'nope' to index");
}

// --- Results read again --------------------------------------------------------------------------

// Two models fed the same requests: one keeps every result, one keeps none.
class ReplayedResultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AthenaConfig config;
    config.databases = {"default", "retail"};
    config.kept_result_bytes = std::numeric_limits<size_t>::max();
    kept_ = std::make_unique<AthenaModel>(config);
    config.kept_result_bytes = 0;
    replayed_ = std::make_unique<AthenaModel>(config);
    for (AthenaModel* model : {kept_.get(), replayed_.get()}) {
      ASSERT_TRUE(model->AddTable(OrderedTable("regen", 250, calls_, {"bucket"})).ok());
      AthenaTableSource numbers = NumbersTable("numbers", 30);
      numbers.database = "default";
      ASSERT_TRUE(model->AddTable(numbers).ok());
    }
  }

  // Sends the request to both models; their answers must match. Returns the answer.
  asl::Json Both(const std::string& operation, const asl::Json& request, SimTime now) {
    auto call = [&](AthenaModel& model) -> std::string {
      asl::Result<asl::Json, sim::AwsError> answer =
          operation == "start"  ? model.StartQueryExecution(request, now)
          : operation == "exec" ? model.GetQueryExecution(request, now)
                                : model.GetQueryResults(request, now);
      return answer.ok() ? asl::Dump(answer.value())
                         : "error " + answer.error().code + ": " + answer.error().message;
    };
    std::string kept = call(*kept_);
    std::string replayed = call(*replayed_);
    EXPECT_EQ(kept, replayed) << operation << " " << asl::Dump(request);
    EXPECT_TRUE(operation != "start" || kept.rfind("error", 0) != 0) << kept;
    return kept.rfind("error", 0) == 0 ? asl::Json() : asl::Json::parse(kept);
  }

  std::string Start(const std::string& sql, const std::string& database, SimTime now) {
    return Both("start", StartRequest(sql, database), now)["QueryExecutionId"];
  }

  asl::Json Page(const std::string& id, int size, const asl::Json& token, SimTime now) {
    asl::Json request = IdRequest(id);
    request["MaxResults"] = size;
    if (!token.is_null()) request["NextToken"] = token;
    return Both("results", request, now);
  }

  std::shared_ptr<int64_t> calls_ = std::make_shared<int64_t>(0);
  std::unique_ptr<AthenaModel> kept_;
  std::unique_ptr<AthenaModel> replayed_;
};

TEST_F(ReplayedResultTest, PagesMatchKeptResultsWhateverTheReadingOrder) {
  SimTime later = At(3 * 86400000);  // three days on: current_date must not move
  std::string ordered =
      Start("SELECT id, tag, label, half, day FROM regen WHERE bucket >= 3 ORDER BY id",
            "retail", At(0));
  std::string mixed = Start(
      "SELECT id, CASE WHEN id % 2 = 0 THEN id ELSE id / 2.0 END AS mixed, NULL AS blank, "
      "x'0aff' AS bytes, current_date AS today FROM regen",
      "retail", At(0));
  std::string sorted = Start("SELECT label, id FROM regen ORDER BY label DESC, id", "retail",
                             At(0));
  std::vector<asl::Json> tokens = {asl::Json()};
  auto next_page = [&] { tokens.push_back(Page(ordered, 37, tokens.back(), later)["NextToken"]); };
  for (int i = 0; i < 3; ++i) next_page();
  // Another database (the schema changes under the statements), and a new table.
  Start("SELECT count(*) FROM numbers", "default", later);
  auto calls = std::make_shared<int64_t>(0);
  AthenaTableSource extra = OrderedTable("extra", 5, calls, {});
  ASSERT_TRUE(kept_->AddTable(extra).ok());
  ASSERT_TRUE(replayed_->AddTable(extra).ok());
  while (!tokens.back().is_null()) next_page();
  // Backwards, the same page twice, and the pages of two queries interleaved.
  Page(ordered, 37, tokens[2], later);
  Page(ordered, 37, tokens[2], later);
  Page(ordered, 1000, tokens[1], later);
  asl::Json a, b;
  do {
    a = Page(mixed, 60, a, later)["NextToken"];
    b = Page(sorted, 45, b, later)["NextToken"];
  } while (!a.is_null() || !b.is_null());
  Page(sorted, 1, asl::Json(), later);
  Both("exec", IdRequest(ordered), later);
}

TEST_F(ReplayedResultTest, ErrorsAndEmptyResults) {
  std::string empty = Start("SELECT id FROM regen WHERE bucket = 1000", "retail", At(0));
  Page(empty, 10, asl::Json(), At(60000));
  std::string failed = Start("SELECT from_iso8601_date('2020-02-30') FROM regen", "retail", At(0));
  Page(failed, 10, asl::Json(), At(60000));
  std::string running = Start("SELECT * FROM regen", "retail", At(0));
  Page(running, 10, asl::Json(), At(1));
  asl::Json first = Page(running, 10, asl::Json(), At(60000));
  asl::Json forged = first["NextToken"];
  Page(running, 10, "AAAA" + forged.get<std::string>().substr(4), At(60000));
}

TEST_F(ReplayedResultTest, PagesReadInOrderRunTheQueryOnceMore) {
  auto calls = std::make_shared<int64_t>(0);
  AthenaConfig config;
  config.databases = {"retail"};
  config.kept_result_bytes = 0;
  AthenaModel model(config);
  ASSERT_TRUE(model.AddTable(OrderedTable("t", 250, calls, {})).ok());
  *calls = 0;
  // 249 rows and the header: five full pages of 50, then a page with no rows.
  auto started =
      model.StartQueryExecution(StartRequest("SELECT id FROM t WHERE id < 250"), At(0));
  ASSERT_TRUE(started.ok());
  std::string id = started.value()["QueryExecutionId"];
  EXPECT_EQ(*calls, 250);
  std::string pages = AllPages(model, id, 50);
  EXPECT_EQ(std::count(pages.begin(), pages.end(), '\n'), 6);
  EXPECT_EQ(*calls, 250 + 249);
  // A page further back starts over.
  asl::Json request = IdRequest(id);
  request["MaxResults"] = 50;
  ASSERT_TRUE(model.GetQueryResults(request, At(60000)).ok());
  EXPECT_EQ(*calls, 250 + 249 + 49);
}

TEST_F(ReplayedResultTest, RandomValuesAreKept) {
  // random() would differ when run again, so its result is kept whatever its size.
  auto started = replayed_->StartQueryExecution(
      StartRequest("SELECT random() AS r, id FROM regen", "retail"), At(0));
  ASSERT_TRUE(started.ok());
  asl::Json request = IdRequest(started.value()["QueryExecutionId"]);
  request["MaxResults"] = 5;
  auto first = replayed_->GetQueryResults(request, At(60000));
  request["MaxResults"] = 7;
  ASSERT_TRUE(replayed_->GetQueryResults(request, At(60000)).ok());
  request["MaxResults"] = 5;
  auto again = replayed_->GetQueryResults(request, At(60000));
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(asl::Dump(first.value()), asl::Dump(again.value()));
}

}  // namespace
}  // namespace athena_test
