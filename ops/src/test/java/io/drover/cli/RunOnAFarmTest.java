package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.embedded.SharedKafka;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code drover run --kafka} on a farm where nothing answers: it says what may be missing instead of only waiting. */
class RunOnAFarmTest {
    private static final String DEMO = Path.of("..", "examples", "demo").toString();

    @Test
    void aRunNobodyTakesUpSaysWhatMayBeMissing() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        String namespace = "quiet" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, "io.drover.cli.Drover", "run", "--kafka", bootstrap, "--namespace",
                namespace, "--hint-after", "1", "--pool", "sim:1", DEMO).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> hinted = CompletableFuture.runAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.contains("nothing has happened")) {
                    lines.add(line);
                }
                lines.add(String.valueOf(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            hinted.get(90, TimeUnit.SECONDS);
        } finally {
            // a first SIGTERM only asks to cancel the run, which waits for a coordinator that is not there
            run.destroyForcibly();
            run.waitFor(10, TimeUnit.SECONDS);
        }
        String farm = bootstrap + " --namespace " + namespace;
        assertThat(lines).as(String.join("\n", lines)).anyMatch(line -> line.matches("drover: run \\S+: .*"))
                .contains("drover: nothing has happened for 1 s: no worker is in the farm (start one with "
                        + "'drover worker --kafka " + farm + "'); is 'drover coordinator --kafka " + farm
                        + "' running?");
    }
}
