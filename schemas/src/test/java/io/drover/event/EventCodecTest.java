package io.drover.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private static final String TS = "2026-11-22T05:30:00.123Z";

    private static List<Event> oneOfEach() {
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("name", "sub").put("status", "pass");
        result.putArray("files").add("log.txt");
        return List.of(
                new RunCreated("r1", 1, TS, "/src/tree", null, List.of("/plans/smoke"),
                        Map.of("distro", List.of("fedora-41")), 2, "sim:3"),
                new TestPending("r1", "/tests/a", 1, 2, TS, "/plans/smoke", 1),
                new SutState("r1", 3, TS, "sut-1", "ssh://root@10.0.0.5", "broken", "host key changed"),
                new TestStarted("r1", "/tests/a", 1, 1, TS, "/plans/smoke", "sut-1", "worker-7"),
                new TestResult("r1", "/tests/a", 1, 2, TS, result),
                new TestFinished("r1", "/tests/a", 1, 3, TS, "fail", "test", "status fail, exit code 1", 1, 1520, 0, 0),
                new TestFinished("r1", "/tests/b", 1, 3, TS, "pass", null, "status pass, exit code 0", 0, 20, 1, 1),
                new TestHeartbeat("r1", "/tests/a", 1, 4, TS, 4096),
                new WorkerHeartbeat(null, 9, TS, "worker-7", 50, 12),
                new RunFinished("r1", 4, TS, 1, 1, 0, 0, 0, 1));
    }

    @Test
    void everyTypeRoundTrips() {
        for (Event event : oneOfEach()) {
            String line = EventCodec.write(event);
            assertThat(line).doesNotContain("\n");
            assertThat(EventCodec.read(line)).isEqualTo(event);
        }
    }

    @Test
    void envelopeComesFirst() {
        assertThat(EventCodec.write(oneOfEach().get(5))).isEqualTo("{\"v\":1,\"type\":\"test.finished\",\"run\":\"r1\","
                + "\"test\":\"/tests/a\",\"attempt\":1,\"seq\":3,\"ts\":\"" + TS + "\",\"status\":\"fail\","
                + "\"failureClass\":\"test\",\"reason\":\"status fail, exit code 1\",\"exitCode\":1,\"durationMs\":1520,"
                + "\"restarts\":0,\"reboots\":0}");
    }

    @Test
    void unknownFieldsAreIgnored() {
        Event event = EventCodec.read("{\"v\":1,\"type\":\"test.heartbeat\",\"run\":\"r\",\"test\":\"/t\",\"attempt\":1,"
                + "\"seq\":5,\"ts\":\"" + TS + "\",\"outputBytes\":10,\"addedLater\":true}");
        assertThat(event).isEqualTo(new TestHeartbeat("r", "/t", 1, 5, TS, 10));
    }

    @Test
    void whatIsNotAnEventIsRefusedInOneLine() {
        assertThatThrownBy(() -> EventCodec.read("{")).hasMessageStartingWith("bad event: not JSON");
        assertThatThrownBy(() -> EventCodec.read("[]")).hasMessage("bad event: not a JSON object");
        assertThatThrownBy(() -> EventCodec.read("{\"type\":\"run.finished\"}")).hasMessage("bad event: no version 'v'");
        assertThatThrownBy(() -> EventCodec.read("{\"v\":2,\"type\":\"run.finished\",\"seq\":1,\"ts\":\"x\"}"))
                .hasMessageContaining("version 2 is newer");
        assertThatThrownBy(() -> EventCodec.read("{\"v\":1,\"type\":\"test.exploded\",\"seq\":1,\"ts\":\"x\"}"))
                .hasMessageStartingWith("bad event: test.exploded: ").hasMessageContaining("test.exploded");
        assertThatThrownBy(() -> EventCodec.read("{\"v\":1,\"type\":\"run.finished\",\"run\":\"r\"}"))
                .hasMessage("bad event: run.finished: 'seq' and 'ts' are required");
    }
}
