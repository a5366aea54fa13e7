package io.drover.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventCodecTest {
    private static final String TS = EventCodecTestSamples.TS;

    @Test
    void everyTypeRoundTrips() {
        for (Event event : EventCodecTestSamples.oneOfEach()) {
            String line = EventCodec.write(event);
            assertThat(line).doesNotContain("\n");
            assertThat(EventCodec.read(line)).isEqualTo(event);
        }
    }

    @Test
    void envelopeComesFirst() {
        assertThat(EventCodec.write(EventCodecTestSamples.oneOfEach().get(5))).isEqualTo("{\"v\":1,\"type\":\"test.finished\",\"run\":\"r1\","
                + "\"test\":\"/tests/a\",\"attempt\":1,\"seq\":3,\"ts\":\"" + TS + "\",\"plan\":\"/plans/smoke\",\"status\":\"fail\","
                + "\"failureClass\":\"test\",\"reason\":\"status fail, exit code 1\",\"exitCode\":1,\"durationMs\":1520,"
                + "\"restarts\":0,\"reboots\":0}");
    }

    @Test
    void unknownFieldsAreIgnored() {
        Event event = EventCodec.read("{\"v\":1,\"type\":\"test.heartbeat\",\"run\":\"r\",\"test\":\"/t\",\"attempt\":1,"
                + "\"seq\":5,\"ts\":\"" + TS + "\",\"plan\":\"/p\",\"outputBytes\":10,\"addedLater\":true}");
        assertThat(event).isEqualTo(new TestHeartbeat("r", "/t", 1, 5, TS, "/p", 10));
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

    @org.junit.jupiter.api.Test
    void outputChunksRoundTripWithTheirBytes() {
        byte[] bytes = {0, 1, 2, (byte) 0xff, '\n'};
        OutputChunk chunk = EventCodec.readChunk(EventCodec.write(new OutputChunk("r1", "/p", "/t", 1, 1,
                "files/output.txt", 7, bytes)));
        org.assertj.core.api.Assertions.assertThat(chunk.data()).containsExactly(bytes);
        org.assertj.core.api.Assertions.assertThat(chunk.offset()).isEqualTo(7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventCodec.readChunk("{\"v\":2}"))
                .hasMessage("bad event: output chunk version 2 is newer than this Drover reads (1)");
    }
}
