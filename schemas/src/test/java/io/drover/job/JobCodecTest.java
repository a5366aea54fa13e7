package io.drover.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobCodecTest {
    private static final String TS = "2026-11-22T05:30:00.123Z";

    @Test
    void jobsRoundTrip() {
        List<Job> jobs = List.of(
                new Job(Job.PREPARE, "r1", "r1/sut-1/1", "sut-1", "ssh://root@10.0.0.5", "/src/tree", null,
                        Map.of("distro", List.of("fedora-41")), "/plans/smoke", null, 0, 0, TS),
                new Job(Job.TEST, "r1", "r1/sut-1/2", "sut-1", "ssh://root@10.0.0.5", "https://example.org/t.git",
                        "main", Map.of(), "/plans/smoke", "/tests/a", 3, 2, TS),
                new Job(Job.RELEASE, "r1", "r1/sut-1/3", "sut-1", "local", "/src/tree", null, null, null, null, 0, 0, TS));
        for (Job job : jobs) {
            String line = JobCodec.write(job);
            assertThat(line).startsWith("{\"v\":1,\"type\":\"").doesNotContain("\n");
            assertThat(JobCodec.read(line)).isEqualTo(job);
        }
    }

    @Test
    void badJobsAreRefusedInOneLine() {
        assertThatThrownBy(() -> JobCodec.read("{\"v\":1,\"type\":\"dance\",\"run\":\"r\",\"id\":\"i\",\"sut\":\"s\","
                + "\"address\":\"local\",\"tree\":\"/t\"}")).hasMessageStartingWith("bad job: unknown job type 'dance'");
        assertThatThrownBy(() -> JobCodec.read("{\"v\":1,\"type\":\"test\",\"run\":\"r\",\"id\":\"i\",\"sut\":\"s\","
                + "\"address\":\"local\",\"tree\":\"/t\",\"plan\":\"/p\"}"))
                .hasMessage("bad job: test job i needs a test, a serial number and an attempt");
        assertThatThrownBy(() -> JobCodec.read("{\"v\":2}")).hasMessageContaining("version 2 is newer");
        assertThatThrownBy(() -> JobCodec.read("nope")).hasMessageStartingWith("bad job: ");
    }

    @org.junit.jupiter.api.Test
    void controlRequestsRoundTripAndRefuseHalfATest() {
        var request = new ControlRequest("cancel", "r1", null, null, "asked", "2026-11-22T05:30:00.123Z");
        org.assertj.core.api.Assertions.assertThat(JobCodec.readControl(JobCodec.write(request))).isEqualTo(request);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobCodec.readControl(
                "{\"v\":1,\"action\":\"cancel\",\"run\":\"r1\",\"test\":\"/t\"}"))
                .hasMessage("bad control request: a cancel names both a plan and a test, or neither");
    }
}
