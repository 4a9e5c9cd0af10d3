#!/usr/bin/env bash
# The README's main job: validates the reference pipeline's definitions and template, and draws
# the production executor's state graph.
set -euo pipefail
cd "$(dirname "$0")/.."
sfnsim=./build/sfnsim
$sfnsim validate fixtures/definitions/*.asl.json
for id in OrchestratorStateMachine ExecutorStateMachine; do
  $sfnsim validate --logical-id "$id" fixtures/templates/production.yaml \
    -s ExecutorStateMachineArn=arn:aws:states:us-east-1:123456789012:stateMachine:backfill-production-executor \
    -s TopicArn=arn:aws:sns:us-east-1:123456789012:customer-backfill
done
$sfnsim graph fixtures/definitions/production_executor.asl.json -o build/production_executor.dot
echo "state graph: build/production_executor.dot"
