package io.drover.control;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Turns the results a test reports into an atex "Test Artifacts" directory: {@code results}
 * (one JSON line per final result, written and flushed as it is final), {@code files/}
 * (uploaded bodies, appended as they stream in) and {@code testout.temp}, the file the
 * caller writes the test's stdout+stderr to and that is linked to every {@code testout}
 * name. Partial results are held in memory, merged by name and written when their final
 * result arrives or at {@link #finish}, which also adds atex's fallback result.
 *
 * <p>Drive it as the parser's {@link ControlListener} (directly or from the worker's own
 * listener); it ignores the non-result words.
 */
public final class ResultReporter implements ControlListener, Closeable {
    public static final String RESULTS_FILE = "results";
    public static final String FILES_DIR = "files";
    public static final String TESTOUT_TEMP = "testout.temp";
    /** The name the fallback result attaches the test output under. */
    public static final String FALLBACK_TESTOUT = "output.txt";
    /** The most a test attempt may upload in all (1 GiB); a file that would pass it is refused before it is written. */
    public static final long DEFAULT_UPLOAD_LIMIT = 1L << 30;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path filesDir;
    private final Path testOutput;
    private final OutputStream results;
    /** Held partial results by name (null: the test itself), in first-seen order. */
    private final Map<String, ObjectNode> partials = new LinkedHashMap<>();
    private final OutcomeRule rule;
    private final Consumer<ObjectNode> written;
    private boolean namelessFinalWritten;
    private String testStatus;
    private OutputStream openFile;
    private boolean finished;
    private final long uploadLimit;
    private long uploaded;

    /** Starts reporting into {@code artifactsDir}, which must exist and be empty, with atex's outcome rule. */
    public ResultReporter(Path artifactsDir) throws IOException {
        this(artifactsDir, OutcomeRule.ATEX);
    }

    /** Starts reporting into {@code artifactsDir}, which must exist and be empty. */
    public ResultReporter(Path artifactsDir, OutcomeRule rule) throws IOException {
        this(artifactsDir, rule, line -> { });
    }

    /**
     * As above; {@code written} gets every {@code results} line once it is written (e.g. to publish
     * it as an event), on the thread that wrote it; it must not modify the line.
     */
    public ResultReporter(Path artifactsDir, OutcomeRule rule, Consumer<ObjectNode> written) throws IOException {
        this(artifactsDir, rule, written, DEFAULT_UPLOAD_LIMIT);
    }

    /** As above, taking at most {@code uploadLimit} bytes of uploaded files in all. */
    public ResultReporter(Path artifactsDir, OutcomeRule rule, Consumer<ObjectNode> written, long uploadLimit)
            throws IOException {
        this.rule = rule;
        this.uploadLimit = uploadLimit;
        this.written = written;
        try (Stream<Path> entries = Files.list(artifactsDir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("artifacts directory is not empty: " + artifactsDir);
            }
        }
        filesDir = Files.createDirectory(artifactsDir.resolve(FILES_DIR));
        testOutput = Files.createFile(artifactsDir.resolve(TESTOUT_TEMP));
        results = Files.newOutputStream(artifactsDir.resolve(RESULTS_FILE), CREATE_NEW, WRITE, APPEND);
    }

    /**
     * The status of the test's own (nameless) final result as written, after the outcome rule;
     * null before one is written or when it has no status.
     */
    public String testStatus() {
        return testStatus;
    }

    /** Where the caller appends the test's stdout+stderr; deleted by {@link #finish}. */
    public Path testOutputFile() {
        return testOutput;
    }

    @Override
    public void fileStarted(ReportedResult result, FileUpload file) throws IOException {
        requireNotFinished();
        closeOpenFile();
        if (file.length() > uploadLimit - uploaded) {
            throw new BadResultException("cannot store file '" + file.name() + "' of " + describe(result.name())
                    + ": its " + file.length() + " bytes would take the test's uploads past their limit of "
                    + uploadLimit + " bytes");
        }
        uploaded += file.length();
        Path path = ArtifactPaths.resolve(filesDir, result.name(), file.name());
        try {
            if (Files.isDirectory(path)) {
                throw new FileAlreadyExistsException(path.toString());
            }
            Files.createDirectories(path.getParent());
        } catch (FileAlreadyExistsException e) {
            throw new BadResultException("cannot store file '" + file.name() + "' of " + describe(result.name())
                    + ": " + filesDir.relativize(path) + " clashes with another upload");
        }
        openFile = Files.newOutputStream(path, CREATE, WRITE, APPEND);
    }

    @Override
    public void fileChunk(ReportedResult result, FileUpload file, byte[] buf, int off, int len) throws IOException {
        openFile.write(buf, off, len);
    }

    @Override
    public void fileEnded(ReportedResult result, FileUpload file) throws IOException {
        closeOpenFile();
    }

    @Override
    public void resultEnded(ReportedResult result) throws IOException {
        requireNotFinished();
        ObjectNode data = withFileNames(result.json());
        String name = result.name();
        ObjectNode held = partials.get(name);
        if (result.partial()) {
            if (held == null) {
                partials.put(name, data);
            } else {
                ResultMerge.mergeResult(held, data);
            }
            return;
        }
        if (held != null) {
            partials.remove(name);
            ResultMerge.mergeResult(held, data);
            data = held;
        }
        writeFinal(data);
        if (name == null) {
            namelessFinalWritten = true;
        }
    }

    /**
     * The test is over: reports the fallback result (unless the test wrote its own final
     * nameless result), writes every held partial in first-seen order, and deletes
     * {@code testout.temp}. {@code exitCode} is the test's exit code, null if never
     * reported; {@code abort} the reason the run was aborted, null if it was not. A held
     * result that cannot be written (a colliding {@code testout}) does not stop the others;
     * the first such {@link BadResultException} is thrown at the end.
     */
    public void finish(Integer exitCode, Abort abort) throws IOException {
        requireNotFinished();
        finished = true;
        try {
            closeOpenFile();
            if (!namelessFinalWritten) {
                addFallback(exitCode, abort);
            }
            BadResultException firstRejected = null;
            for (ObjectNode held : partials.values()) {
                try {
                    writeFinal(held);
                } catch (BadResultException e) {
                    // keep writing the others: one bad testout must not lose the remaining results
                    firstRejected = firstRejected == null ? e : firstRejected;
                }
            }
            partials.clear();
            if (firstRejected != null) {
                throw firstRejected;
            }
        } finally {
            close();
            Files.deleteIfExists(testOutput);
        }
    }

    /** Releases open files without reporting anything more. */
    @Override
    public void close() throws IOException {
        try {
            closeOpenFile();
        } finally {
            results.close();
        }
    }

    private void addFallback(Integer exitCode, Abort abort) {
        ObjectNode held = partials.get(null);
        ObjectNode fallback = NODES.objectNode();
        if (abort != null) {
            fallback.put("status", abort.status());
            fallback.put("note", abort.note());
        } else if (held == null || !held.hasNonNull("status")) {
            fallback.put("status", rule.statusOfExitCode(exitCode));
        }
        if (held == null || !held.hasNonNull("testout") && !hasFile(held, FALLBACK_TESTOUT)) {
            fallback.put("testout", FALLBACK_TESTOUT);
        }
        if (held == null) {
            partials.put(null, fallback);
        } else {
            ResultMerge.mergeResult(held, fallback);
        }
    }

    private static boolean hasFile(ObjectNode result, String fileName) {
        JsonNode files = result.get("files");
        if (files != null) {
            for (JsonNode file : files) {
                if (fileName.equals(file.textValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void writeFinal(ObjectNode data) throws IOException {
        JsonNode nameNode = data.get("name");
        String name = nameNode == null || !nameNode.isTextual() ? null : nameNode.textValue();
        JsonNode testoutNode = data.get("testout");
        String testout = testoutNode != null && testoutNode.isTextual() ? testoutNode.textValue() : null;
        if (testout != null) {
            linkTestOutput(name, testout);
        }
        JsonNode status = data.get("status");
        if (name == null && status != null && status.isTextual()) {
            String adjusted = rule.adjust(status.textValue());
            data.put("status", adjusted);
            testStatus = adjusted;
        }
        ObjectNode line = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "partial", "testout" -> { }
                case "files" -> line.set("files", fileList(field.getValue(), testout));
                default -> line.set(field.getKey(), field.getValue());
            }
        }
        if (!line.has("files") && testout != null) {
            line.set("files", fileList(NODES.arrayNode(), testout));
        }
        results.write((PythonJson.dumps(line) + "\n").getBytes(StandardCharsets.US_ASCII));
        results.flush();
        written.accept(line);
    }

    /** Names sorted by code point as Python sorts them, the test output's name first. */
    private static ArrayNode fileList(JsonNode names, String testout) {
        List<String> sorted = new ArrayList<>();
        names.forEach(n -> sorted.add(n.textValue()));
        sorted.sort(ResultReporter::compareCodePoints);
        ArrayNode list = NODES.arrayNode();
        if (testout != null) {
            list.add(testout);
        }
        sorted.stream().distinct().forEach(list::add);
        return list;
    }

    private static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private void linkTestOutput(String name, String testout) throws IOException {
        Path target = ArtifactPaths.resolve(filesDir, name, testout);
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, testOutput);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileAlreadyExistsException) {
                    throw e;
                }
                Files.copy(testOutput, target); // no hard links here: a copy as of now
            }
        } catch (FileAlreadyExistsException e) {
            throw new BadResultException("testout '" + testout + "' of " + describe(name)
                    + " collides with existing file " + filesDir.relativize(target));
        }
    }

    /** A stored copy of a result with {@code files} reduced to its distinct names. */
    private static ObjectNode withFileNames(ObjectNode json) {
        ObjectNode data = json.deepCopy();
        JsonNode files = data.get("files");
        if (files != null && files.isArray()) {
            Set<String> names = new LinkedHashSet<>();
            files.forEach(file -> names.add(file.get("name").textValue()));
            ArrayNode list = NODES.arrayNode();
            names.forEach(list::add);
            data.set("files", list);
        }
        return data;
    }

    private static String describe(String name) {
        return name == null ? "the test itself" : "result '" + name + "'";
    }

    private void closeOpenFile() throws IOException {
        if (openFile != null) {
            OutputStream file = openFile;
            openFile = null;
            file.close();
        }
    }

    private void requireNotFinished() {
        if (finished) {
            throw new IllegalStateException("results already finished");
        }
    }
}
