#include "asl/model/task_resource.h"

#include <gtest/gtest.h>

#include <string>

namespace asl {
namespace {

TaskResource ParseResource(std::string_view arn) {
  auto parsed = ParseTaskResource(arn);
  EXPECT_TRUE(parsed.ok()) << arn << ": " << (parsed.ok() ? "" : parsed.error());
  return parsed.ok() ? std::move(parsed).value() : TaskResource();
}

// Issue 16 (18): a service integration ARN with a region and account (as AWS Application
// Composer writes it) is accepted and parsed as its short form, so dispatch and the history
// are the same.
TEST(TaskResourceTest, ServiceIntegrationWithRegionAndAccountIsItsShortForm) {
  const std::pair<const char*, const char*> pairs[] = {
      {"arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject",
       "arn:aws:states:::aws-sdk:s3:getObject"},
      {"arn:aws:states:us-east-1:123456789012:sns:publish", "arn:aws:states:::sns:publish"},
      {"arn:aws:states:eu-west-1:123456789012:states:startExecution.sync:2",
       "arn:aws:states:::states:startExecution.sync:2"},
      {"arn:aws:states:us-east-1:123456789012:lambda:invoke.waitForTaskToken",
       "arn:aws:states:::lambda:invoke.waitForTaskToken"},
      {"arn:aws:states:us-east-1:123456789012:http:invoke", "arn:aws:states:::http:invoke"},
  };
  for (const auto& [full, short_form] : pairs) {
    TaskResource a = ParseResource(full);
    TaskResource b = ParseResource(short_form);
    EXPECT_EQ(a.arn, full);
    EXPECT_EQ(a.kind, b.kind) << full;
    EXPECT_EQ(a.pattern, b.pattern) << full;
    EXPECT_EQ(a.partition, b.partition) << full;
    EXPECT_EQ(a.region, b.region) << full;
    EXPECT_EQ(a.account, b.account) << full;
    EXPECT_EQ(a.service, b.service) << full;
    EXPECT_EQ(a.api, b.api) << full;
    EXPECT_EQ(a.history_resource_type, b.history_resource_type) << full;
    EXPECT_EQ(a.history_resource, b.history_resource) << full;
  }
}

TEST(TaskResourceTest, ActivitiesStillNeedRegionAccountAndName) {
  TaskResource activity = ParseResource("arn:aws:states:us-east-1:123456789012:activity:work");
  EXPECT_EQ(activity.kind, ResourceKind::kActivity);
  EXPECT_EQ(activity.region, "us-east-1");
  EXPECT_EQ(activity.account, "123456789012");
  for (const char* bad : {"arn:aws:states:::activity:work", "arn:aws:states:us-east-1::activity:w",
                          "arn:aws:states:us-east-1:123456789012:activity:"}) {
    EXPECT_FALSE(ParseTaskResource(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace asl
