package io.drover.event;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A result the test reported, as its line in the attempt's {@code results} file: the test's own
 * result (no {@code name}) or a sub-result.
 *
 * @param plan   the plan the test is in
 * @param result the results line, e.g. {@code {"name": "sub", "status": "pass", "files": ["log.txt"]}}
 */
public record TestResult(String run, String test, int attempt, long seq, String ts, String plan, ObjectNode result)
        implements Event {
    public static final String TYPE = "test.result";
}
