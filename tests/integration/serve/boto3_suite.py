"""A client's test suite against `sfnsim serve`, written with boto3 the way teams write one
against Step Functions Local: only the endpoint URL is sfnsim's. Run by serve_test.cc with the
server's URL as the first argument; prints one line per check and exits 1 if any failed."""

import json
import sys
import threading
import time

import boto3
import botocore.config
import botocore.exceptions

URL = sys.argv[1]
sfn = boto3.client("stepfunctions", endpoint_url=URL, region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")
# StartSyncExecution and TestState go to a "sync-" host on AWS: the SDKs prefix the endpoint's
# host unless told not to, which a local endpoint needs.
sync_sfn = boto3.client("stepfunctions", endpoint_url=URL, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test",
                        config=botocore.config.Config(inject_host_prefix=False))
ROLE = "arn:aws:iam::123456789012:role/sfn-test"
QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/approvals"

FAILED = []


def check(fn):
    try:
        fn()
        print(f"ok {fn.__name__}")
    except Exception as e:  # a failed assert or an unexpected client error
        FAILED.append(fn.__name__)
        print(f"FAIL {fn.__name__}: {type(e).__name__}: {e}")
    return fn


def create(name, definition, type_="STANDARD"):
    return sfn.create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE,
                                    type=type_)["stateMachineArn"]


def expect_error(code, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except botocore.exceptions.ClientError as e:
        got = e.response["Error"]["Code"]
        assert got == code, f"expected {code}, got {got}: {e.response['Error']['Message']}"
        return e.response["Error"]["Message"]
    raise AssertionError(f"expected {code}, the call succeeded")


WAIT_A_DAY = {
    "StartAt": "Prepare",
    "States": {
        "Prepare": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "Next": "Wait"},
        "Wait": {"Type": "Wait", "Seconds": 86400, "Next": "Done"},
        "Done": {"Type": "Pass", "Result": {"done": True}, "ResultPath": "$.r", "End": True},
    },
}


@check
def a_wait_of_a_day_finishes_at_once():
    arn = create("WaitADay", WAIT_A_DAY)
    ex = sfn.start_execution(stateMachineArn=arn, name="first", input='{"n": 1}')
    d = sfn.describe_execution(executionArn=ex["executionArn"])
    assert d["status"] == "SUCCEEDED", d["status"]
    assert json.loads(d["output"]) == {"n": 1, "r": {"done": True}}, d["output"]
    # The day, plus the engine's latency into each of the three states (20-40 ms each by default,
    # docs/world.md "Engine latency").
    elapsed = (d["stopDate"] - d["startDate"]).total_seconds()
    assert 86400 + 3 * 0.020 <= elapsed <= 86400 + 3 * 0.040, (d["startDate"], d["stopDate"])


@check
def history_pages_in_both_orders():
    arn = sfn.list_state_machines()["stateMachines"][0]["stateMachineArn"]
    ex = sfn.start_execution(stateMachineArn=arn, input='{"n": 2}')["executionArn"]
    whole = sfn.get_execution_history(executionArn=ex, maxResults=1000)["events"]
    assert [e["type"] for e in whole][:2] == ["ExecutionStarted", "PassStateEntered"], whole[:2]
    assert whole[-1]["type"] == "ExecutionSucceeded"
    paged = []
    for page in sfn.get_paginator("get_execution_history").paginate(
            executionArn=ex, PaginationConfig={"PageSize": 2}):
        assert len(page["events"]) <= 2
        paged += page["events"]
    assert paged == whole
    reverse = sfn.get_execution_history(executionArn=ex, reverseOrder=True, maxResults=3)
    assert [e["id"] for e in reverse["events"]] == [len(whole), len(whole) - 1, len(whole) - 2]
    assert "nextToken" in reverse
    bare = sfn.get_execution_history(executionArn=ex, includeExecutionData=False)["events"]
    started = bare[0]["executionStartedEventDetails"]
    assert "input" not in started and "roleArn" in started, started
    assert all("output" not in e.get("executionSucceededEventDetails", {}) for e in bare)
    expect_error("InvalidToken", sfn.get_execution_history, executionArn=ex, nextToken="garbage")


@check
def list_executions_filters_and_pages():
    arn = create("Lister", {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
    fail = create("Failer", {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}})
    names = [f"run-{i}" for i in range(7)]
    for n in names:
        sfn.start_execution(stateMachineArn=arn, name=n)
    listed = []
    for page in sfn.get_paginator("list_executions").paginate(
            stateMachineArn=arn, PaginationConfig={"PageSize": 3}):
        listed += [e["name"] for e in page["executions"]]
    assert listed == list(reversed(names)), listed  # newest first
    assert sfn.list_executions(stateMachineArn=arn, statusFilter="FAILED")["executions"] == []
    sfn.start_execution(stateMachineArn=fail, name="boom")
    failed = sfn.list_executions(stateMachineArn=fail, statusFilter="FAILED")["executions"]
    assert [e["name"] for e in failed] == ["boom"] and failed[0]["status"] == "FAILED"
    d = sfn.describe_execution(executionArn=failed[0]["executionArn"])
    assert d["error"] == "E", d


@check
def task_token_round_trip():
    arn = create("Approval", {
        "StartAt": "Ask",
        "States": {
            "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {"QueueUrl": QUEUE, "MessageBody": {"token.$": "$$.Task.Token"}},
                    "TimeoutSeconds": 3600, "Next": "Done"},
            "Done": {"Type": "Pass", "End": True},
        },
    })
    ex = sfn.start_execution(stateMachineArn=arn, name="ask")["executionArn"]
    assert sfn.describe_execution(executionArn=ex)["status"] == "RUNNING"
    events = sfn.get_execution_history(executionArn=ex)["events"]
    scheduled = [e for e in events if e["type"] == "TaskScheduled"][0]
    params = json.loads(scheduled["taskScheduledEventDetails"]["parameters"])
    token = params["MessageBody"]["token"]
    sfn.send_task_heartbeat(taskToken=token)
    sfn.send_task_success(taskToken=token, output='{"approved": true}')
    d = sfn.describe_execution(executionArn=ex)
    assert d["status"] == "SUCCEEDED" and json.loads(d["output"]) == {"approved": True}, d
    expect_error("TaskDoesNotExist", sfn.send_task_success, taskToken=token, output="{}")
    # A failure sent back is the task's error.
    ex2 = sfn.start_execution(stateMachineArn=arn, name="ask-again")["executionArn"]
    events = sfn.get_execution_history(executionArn=ex2)["events"]
    token2 = json.loads([e for e in events if e["type"] == "TaskScheduled"][0]
                        ["taskScheduledEventDetails"]["parameters"])["MessageBody"]["token"]
    expect_error("InvalidOutput", sfn.send_task_success, taskToken=token2, output="not json")
    sfn.send_task_failure(taskToken=token2, error="Rejected", cause="no")
    d = sfn.describe_execution(executionArn=ex2)
    assert d["status"] == "FAILED" and d["error"] == "Rejected" and d["cause"] == "no", d


@check
def stop_execution_aborts():
    arn = sfn.describe_state_machine(
        stateMachineArn=f"arn:aws:states:us-east-1:123456789012:stateMachine:Approval")["stateMachineArn"]
    ex = sfn.start_execution(stateMachineArn=arn, name="to-stop")["executionArn"]
    stopped = sfn.stop_execution(executionArn=ex, error="Manual", cause="test")
    d = sfn.describe_execution(executionArn=ex)
    assert d["status"] == "ABORTED" and d["stopDate"] == stopped["stopDate"], d
    assert sfn.get_execution_history(executionArn=ex, reverseOrder=True)["events"][0]["type"] == \
        "ExecutionAborted"


@check
def machines_are_described_updated_tagged_and_deleted():
    definition = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "End": True}}}
    arn = create("Lifecycle", definition)
    # Idempotent: the same request again gives the same machine.
    assert create("Lifecycle", definition) == arn
    expect_error("StateMachineAlreadyExists", create, "Lifecycle",
                 {"StartAt": "Q", "States": {"Q": {"Type": "Succeed"}}})
    d = sfn.describe_state_machine(stateMachineArn=arn)
    assert d["name"] == "Lifecycle" and d["type"] == "STANDARD" and d["status"] == "ACTIVE"
    assert json.loads(d["definition"]) == definition
    ex = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    new = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 2, "End": True}}}
    sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(new))
    ex2 = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    assert sfn.describe_execution(executionArn=ex2)["output"] == "2"
    for_first = sfn.describe_state_machine_for_execution(executionArn=ex)
    assert json.loads(for_first["definition"]) == definition  # as it was when it started
    sfn.tag_resource(resourceArn=arn, tags=[{"key": "team", "value": "retail"},
                                            {"key": "env", "value": "test"}])
    sfn.untag_resource(resourceArn=arn, tagKeys=["env"])
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == [{"key": "team", "value": "retail"}]
    sfn.delete_state_machine(stateMachineArn=arn)
    expect_error("StateMachineDoesNotExist", sfn.describe_state_machine, stateMachineArn=arn)
    # Its executions are still there to read.
    assert sfn.describe_execution(executionArn=ex)["status"] == "SUCCEEDED"


@check
def definitions_are_validated():
    bad = {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}
    message = expect_error("InvalidDefinition", create, "Broken", bad)
    assert "Invalid State Machine Definition" in message and "/States/A" in message, message
    result = sfn.validate_state_machine_definition(definition=json.dumps(bad))
    assert result["result"] == "FAIL", result
    assert any(d["severity"] == "ERROR" and d["location"].startswith("/States/A")
               for d in result["diagnostics"]), result
    ok = sfn.validate_state_machine_definition(definition=json.dumps(WAIT_A_DAY))
    assert ok["result"] == "OK", ok
    syntax = sfn.validate_state_machine_definition(definition="{not json")
    assert syntax["diagnostics"][0]["code"] == "INVALID_JSON_DESCRIPTION", syntax


@check
def errors_have_aws_codes():
    missing = "arn:aws:states:us-east-1:123456789012:stateMachine:Nope"
    expect_error("StateMachineDoesNotExist", sfn.start_execution, stateMachineArn=missing)
    expect_error("InvalidArn", sfn.describe_state_machine, stateMachineArn="not-an-arn")
    expect_error("ExecutionDoesNotExist", sfn.describe_execution,
                 executionArn="arn:aws:states:us-east-1:123456789012:execution:Nope:x")
    arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Lister"
    sfn.start_execution(stateMachineArn=arn, name="dup", input="{}")
    expect_error("ExecutionAlreadyExists", sfn.start_execution, stateMachineArn=arn, name="dup")
    expect_error("InvalidName", sfn.start_execution, stateMachineArn=arn, name="bad name")
    expect_error("InvalidExecutionInput", sfn.start_execution, stateMachineArn=arn, input="{")
    # The SDK's exception classes work as against AWS.
    try:
        sfn.describe_execution(executionArn="arn:aws:states:us-east-1:123456789012:execution:N:x")
        raise AssertionError("no error")
    except sfn.exceptions.ExecutionDoesNotExist:
        pass


@check
def express_machines_run_synchronously():
    arn = create("Quick", {"StartAt": "P", "States": {
        "P": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "End": True}}},
        type_="EXPRESS")
    sync = boto3.client("stepfunctions", endpoint_url=URL, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test",
                        config=botocore.config.Config(inject_host_prefix=False))
    r = sync.start_sync_execution(stateMachineArn=arn, input='{"a": 2, "b": 3}')
    assert r["status"] == "SUCCEEDED" and json.loads(r["output"]) == {"sum": 5}, r
    assert ":express:Quick:" in r["executionArn"], r["executionArn"]
    assert r["billingDetails"]["billedDurationInMilliseconds"] >= 100
    standard = "arn:aws:states:us-east-1:123456789012:stateMachine:Lister"
    expect_error("StateMachineTypeNotSupported", sync.start_sync_execution, stateMachineArn=standard)


@check
def thirty_two_threads_start_and_poll():
    arn = create("Parallel32", WAIT_A_DAY)
    errors = []

    def worker(k):
        client = boto3.client("stepfunctions", endpoint_url=URL, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test")
        try:
            for i in range(10):
                ex = client.start_execution(stateMachineArn=arn, name=f"t{k}-{i}",
                                            input=json.dumps({"n": k * 100 + i}))
                d = client.describe_execution(executionArn=ex["executionArn"])
                if d["status"] != "SUCCEEDED" or json.loads(d["output"])["n"] != k * 100 + i:
                    errors.append(d)
        except Exception as e:
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    total = sum(len(p["executions"]) for p in sfn.get_paginator("list_executions").paginate(
        stateMachineArn=arn))
    assert total == 320, total


@check
def test_state_runs_one_state():
    # The Pass example of AWS's TestState documentation, at DEBUG.
    r = sync_sfn.test_state(definition=json.dumps({"Type": "Pass", "Parameters": {"data.$": "$.x"},
                                              "ResultPath": "$.out", "Next": "After"}),
                       roleArn=ROLE, input='{"x": 7}', inspectionLevel="DEBUG")
    assert r["status"] == "SUCCEEDED" and r["nextState"] == "After", r
    assert json.loads(r["output"]) == {"x": 7, "out": {"data": 7}}, r
    assert json.loads(r["inspectionData"]["afterParameters"]) == {"data": 7}, r
    expect_error("InvalidDefinition", sync_sfn.test_state, definition="{", roleArn=ROLE)


print(f"{len(FAILED)} failed")
sys.exit(1 if FAILED else 0)
