package io.drover.coordinator.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportStreamingTest {
    private static final int TESTS = 50_000;

    @ParameterizedTest
    @ValueSource(strings = {"table", "json", "junit", "tmt", "atex"})
    void exportsTwoHundredThousandTestsOneAtATime(String format) throws Exception {
        ExportSamples.CountingSink sink = new ExportSamples.CountingSink();
        ExportRun run = new ExportRun("big", "2026-11-22T08:00:00Z", null, "/tree", null, ExportSamples.run().context(),
                TESTS, 0, 0, 0, 0, 0);

        ResultsFormats.of(format).write(run, ExportSamples.generated(TESTS), sink);

        // every format writes at least a line per test
        assertThat(sink.lines).isGreaterThanOrEqualTo(TESTS);
    }
}
