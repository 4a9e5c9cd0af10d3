#!/usr/bin/env bash
# Step Functions Local's mocked-service tutorial, as its readers run it with the AWS CLI: only the
# endpoint is sfnsim's (serve_test.cc starts `sfnsim serve --mock-config MockConfigFile.json`).
# Usage: mock_tutorial.sh ENDPOINT DIR_OF_THIS_SCRIPT
set -euo pipefail
endpoint=$1
here=$2
check() {  # check NAME PYTHON-EXPRESSION-ON-h (the history as a dict)
  python3 -c "import json,sys; h=json.load(sys.stdin); assert $2, '$1'" || { echo "FAIL $1"; exit 1; }
  echo "ok $1"
}

aws stepfunctions create-state-machine --endpoint-url "$endpoint" \
  --definition "file://$here/LambdaSQSIntegration.asl.json" \
  --name "LambdaSQSIntegration" \
  --role-arn "arn:aws:iam::123456789012:role/service-role/LambdaSQSIntegration" >/dev/null

machine=arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration
for case in HappyPath RetryPath HybridPath; do
  aws stepfunctions start-execution --endpoint-url "$endpoint" \
    --name "executionWith${case}MockedServices" \
    --state-machine "$machine#$case" >/dev/null
done
history() {
  aws stepfunctions get-execution-history --endpoint-url "$endpoint" \
    --execution-arn "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:executionWith${1}MockedServices"
}
history HappyPath | check happy_path_succeeds \
  "h['events'][-1]['type'] == 'ExecutionSucceeded' and json.loads(h['events'][-1]['executionSucceededEventDetails']['output'])['MessageId'] == '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51'"
history RetryPath | check retry_path_fails_three_times_then_succeeds \
  "[e['type'] for e in h['events']].count('TaskFailed') == 3 and h['events'][-1]['type'] == 'ExecutionSucceeded'"
history HybridPath | check hybrid_path_sends_to_the_world_queue \
  "h['events'][-1]['type'] == 'ExecutionSucceeded' and 'MD5OfMessageBody' in json.loads(h['events'][-1]['executionSucceededEventDetails']['output'])"
aws stepfunctions describe-execution --endpoint-url "$endpoint" \
  --execution-arn "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:executionWithRetryPathMockedServices" \
  | check retry_path_waited_for_its_backoff \
  "h['status'] == 'SUCCEEDED' and h['stopDate'] > h['startDate']"
