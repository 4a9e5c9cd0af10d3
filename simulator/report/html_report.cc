#include "simulator/report/html_report.h"

#include <fmt/format.h>

#include "simulator/report/report_assets.h"
#include "simulator/report/report_data.h"
#include "simulator/scenario/balance_format.h"
#include "simulator/scenario/bucket_balance.h"
#include "simulator/scenario/report_format.h"
#include "simulator/scenario/summary_json.h"

namespace sim {

namespace {

// JSON inside <script>: a "</script>" or "<!--" in a string (an execution name, an error's
// cause) must not end the element. '<' never occurs outside JSON strings, so escaping every one
// as \u003c keeps the JSON equal and the HTML safe.
std::string ScriptJson(const asl::Json& value) {
  std::string text = asl::Dump(value);
  std::string out;
  out.reserve(text.size() + 64);
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

}  // namespace

std::string RenderHtmlReport(const HtmlReportInput& input) {
  const std::vector<ScenarioReport>& runs = *input.runs;
  asl::Json summary = SummaryDocument(runs, input.version);
  asl::Json details = asl::Json::array();
  asl::Json texts = asl::Json::array();
  asl::Json reproduce = asl::Json::array();
  for (const ScenarioReport& r : runs) {
    details.push_back(ReportRunDetail(r));
    texts.push_back(FormatSummary(r));
    reproduce.push_back(fmt::format("sfnsim {} {} --seed {}",
                                    input.balance != nullptr ? "balance" : "run", r.file, r.seed));
  }
  asl::Json extra = {{"title", input.title}, {"command", input.command},
                     {"reproduce", std::move(reproduce)}, {"text", std::move(texts)},
                     {"runs", std::move(details)}, {"labels", input.run_labels}};
  if (input.balance != nullptr && input.balance_heading != nullptr) {
    asl::Json balance = BalanceJson(*input.balance, *input.balance_heading);
    balance["key"] = input.balance_heading->key;
    extra["balance"] = std::move(balance);
  }
  std::string fallback;
  for (const ScenarioReport& r : runs) fallback += FormatSummary(r) + "\n";

  std::string page;
  page.reserve(1 << 16);
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"sfnsim " + XmlEscape(input.version) + "\">\n"
          "<title>sfnsim report: " + XmlEscape(input.title) + "</title>\n<style>\n";
  page += kReportCss;
  page += "</style>\n</head>\n<body>\n<header><h1>sfnsim report: " + XmlEscape(input.title) +
          "</h1></header>\n<main id=\"app\">\n<noscript><p>The charts need JavaScript; here is "
          "the text summary.</p><pre>" + XmlEscape(fallback) + "</pre></noscript>\n</main>\n";
  page += "<script type=\"application/json\" id=\"sfnsim-data\">" + ScriptJson(summary) +
          "</script>\n";
  page += "<script type=\"application/json\" id=\"sfnsim-detail\">" + ScriptJson(extra) +
          "</script>\n<script>\n";
  page += kReportJs;
  page += "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace sim
