package io.drover.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** One event of each type (two of test.finished), for the codec and schema tests. */
final class EventCodecTestSamples {
    static final String TS = "2026-11-22T05:30:00.123Z";

    private EventCodecTestSamples() {
    }

    static List<Event> oneOfEach() {
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("name", "sub").put("status", "pass");
        result.putArray("files").add("log.txt");
        return List.of(
                new RunCreated("r1", 1, TS, "/src/tree", null, List.of("/plans/smoke"),
                        Map.of("distro", List.of("fedora-41")), 2, "sim:3",
                        List.of(new RunSut("sut-1", "ssh://root@10.0.0.5", Map.of("arch", "x86_64"))),
                        new RunPolicy(2, 1, 2), List.of(new IssueRule("known-issues.yaml:3", "/tests/.*",
                                "^FATAL: disk", null, Map.of("distro", List.of("fedora-41")), "BZ#12", "2027-01-31"))),
                new TestPending("r1", "/tests/a", 1, 2, TS, "/plans/smoke", 1, 300_000, false),
                new SutState("r1", 3, TS, "sut-1", "ssh://root@10.0.0.5", "broken", "host key changed"),
                new TestStarted("r1", "/tests/a", 1, 1, TS, "/plans/smoke", "sut-1", "worker-7"),
                new TestResult("r1", "/tests/a", 1, 2, TS, "/plans/smoke", result),
                new TestFinished("r1", "/tests/a", 1, 3, TS, "/plans/smoke", "fail", "test", "status fail, exit code 1", 1, 1520, 0, 0),
                new TestFinished("r1", "/tests/b", 1, 3, TS, "/plans/smoke", "pass", null, "status pass, exit code 0", 0, 20, 1, 1),
                new TestHeartbeat("r1", "/tests/a", 1, 4, TS, "/plans/smoke", 4096),
                new WorkerHeartbeat(null, 9, TS, "worker-7", 50, 12),
                new JobFinished("r1", 1, TS, "r1/sut-1/3", "test", "sut-1", "/plans/smoke", "/tests/a", 1, 1,
                        "fail", "test", "status fail, exit code 1", "worker-7", List.of("^FATAL: disk")),
                new JobFinished("r1", 1, TS, "r1/sut-1/1", "prepare", "sut-1", "/plans/smoke", null, 0, 0,
                        "pass", null, "", "worker-7", List.of()),
                new TestVerdict("r1", "/tests/a", 2, 6, TS, "/plans/smoke", 1, "pass", null, "status pass", true, null),
                new TestVerdict("r1", "/tests/b", 0, 7, TS, "/plans/smoke", 2, "infra", "sut-lost",
                        "not run: no usable SUT left", false, "https://bugs.example/1"),
                new RunCancelled("r1", 5, TS, null, null, "cancelled by the user"),
                new RunFinished("r1", 4, TS, 1, 1, 0, 0, 0, 1));
    }

}
