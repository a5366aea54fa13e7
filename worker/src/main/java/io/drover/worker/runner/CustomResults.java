package io.drover.worker.runner;

import static io.drover.worker.sut.ShellWords.quote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.control.BadResultException;
import io.drover.control.ControlListener;
import io.drover.control.ControlStreamParser;
import io.drover.control.PythonJson;
import io.drover.control.ResultReporter;
import io.drover.fmf.FmfException;
import io.drover.fmf.FmfYaml;
import io.drover.fmf.PyValues;
import io.drover.worker.sut.CommandResult;
import io.drover.worker.sut.RunningCommand;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutFailureClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * tmt's {@code result: custom}: the test leaves {@code results.yaml} or {@code results.json} in
 * {@code TMT_TEST_DATA}, a list of {@code {name, result, note, log}}. Each entry becomes a result
 * ({@code name: /} the test's own, others sub-results named without the leading slash) with its
 * logs uploaded, fed to the reporter as if the test had sent them on the control channel. With no
 * entry for {@code /}, the test's own status is the most severe of the others.
 */
final class CustomResults {
    private static final Duration FETCH = Duration.ofMinutes(10);
    private static final List<String> SEVERITY = List.of("skip", "pass", "info", "warn", "fail", "error");

    private CustomResults() {
    }

    static void report(SutConnection sut, String dataDir, ControlListener reporter, Path scratch) throws IOException {
        CommandResult which = sut.run("cd " + quote(dataDir) + " && for f in results.yaml results.json; do "
                + "[ -f \"$f\" ] && { echo \"$f\"; exit 0; }; done; exit 1", Duration.ofSeconds(30));
        if (!which.succeeded()) {
            throw new BadResultException("result: custom, but the test left neither results.yaml nor results.json"
                    + " in TMT_TEST_DATA");
        }
        String name = which.stdout().strip();
        Path local = fetch(sut, dataDir + "/" + name, scratch.resolve(name));
        List<?> entries = parse(local, name);
        ControlStreamParser parser = new ControlStreamParser(reporter);
        boolean own = false;
        String worst = null;
        for (Object item : entries) {
            if (!(item instanceof Map<?, ?> entry) || entry.get("name") == null || entry.get("result") == null) {
                throw new BadResultException(name + ": every entry needs 'name' and 'result', got " + PyValues.repr(item));
            }
            String resultName = PyValues.str(entry.get("name")).replaceFirst("^/+", "");
            String status = PyValues.str(entry.get("result"));
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            if (resultName.isEmpty()) {
                own = true;
                json.put("testout", ResultReporter.FALLBACK_TESTOUT);
            } else {
                json.put("name", resultName);
                worst = worst == null || SEVERITY.indexOf(status) > SEVERITY.indexOf(worst) ? status : worst;
            }
            json.put("status", status);
            Object note = entry.get("note");
            if (note != null) {
                json.put("note", note instanceof List<?> notes
                        ? String.join("; ", notes.stream().map(PyValues::str).toList()) : PyValues.str(note));
            }
            List<Path> logs = new ArrayList<>();
            if (entry.get("log") instanceof List<?> paths && !paths.isEmpty()) {
                ArrayNode files = json.putArray("files");
                for (Object path : paths) {
                    String relative = PyValues.str(path);
                    Path log = fetch(sut, dataDir + "/" + relative, scratch.resolve("log-" + logs.size()));
                    files.addObject().put("name", relative).put("length", Files.size(log));
                    logs.add(log);
                }
            }
            feed(parser, json, logs);
        }
        if (!own) {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("status", worst == null ? "error" : worst);
            json.put("testout", ResultReporter.FALLBACK_TESTOUT);
            if (worst == null) {
                json.put("note", name + " has no results");
            }
            feed(parser, json, List.of());
        }
        parser.finish();
    }

    private static void feed(ControlStreamParser parser, ObjectNode json, List<Path> files) throws IOException {
        byte[] body = PythonJson.dumps(json).getBytes(StandardCharsets.UTF_8);
        List<InputStream> parts = new ArrayList<>();
        parts.add(new java.io.ByteArrayInputStream(("result " + body.length + "\n").getBytes(StandardCharsets.US_ASCII)));
        parts.add(new java.io.ByteArrayInputStream(body));
        for (Path file : files) {
            parts.add(Files.newInputStream(file));
        }
        try (InputStream stream = new SequenceInputStream(Collections.enumeration(parts))) {
            parser.feed(stream);
        }
    }

    private static List<?> parse(Path file, String name) throws IOException {
        Object data;
        try {
            data = name.endsWith(".json") ? new ObjectMapper().readValue(file.toFile(), Object.class)
                    : FmfYaml.load(file);
        } catch (FmfException | com.fasterxml.jackson.core.JacksonException e) {
            throw new BadResultException(name + " cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(data instanceof List<?> list)) {
            throw new BadResultException(name + " should hold a list of results");
        }
        return list;
    }

    /** Streams a file from the SUT into {@code local}. */
    private static Path fetch(SutConnection sut, String remote, Path local) throws IOException {
        try (OutputStream out = Files.newOutputStream(local)) {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            RunningCommand cat = sut.start("cat -- " + quote(remote), out, err);
            int status = cat.exit().get(FETCH.toMillis(), TimeUnit.MILLISECONDS);
            if (status != 0) {
                throw new BadResultException("cannot read " + remote + ": "
                        + err.toString(StandardCharsets.UTF_8).strip());
            }
        } catch (TimeoutException | InterruptedException e) {
            throw new SutException(SutFailureClass.LOST, sut.address().display() + ": reading " + remote + " took too long");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SutException lost ? lost : new IOException(e.getCause());
        }
        return local;
    }
}
