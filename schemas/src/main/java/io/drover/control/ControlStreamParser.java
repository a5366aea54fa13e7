package io.drover.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental parser of atex's test-control stream. Feed it bytes as they arrive; it calls
 * the {@link ControlListener} as soon as a control line, a result's JSON or a piece of a
 * file body is complete. It holds at most one control line (4096 bytes including
 * {@code \n}) and one result's JSON; file bodies go to the listener straight from the
 * caller's buffer. The first protocol error is final: there is no resynchronisation.
 */
public final class ControlStreamParser {
    /** Longest control line, including its {@code \n}. */
    public static final int MAX_LINE = 4096;
    /** Default cap on the JSON of one {@code result}; atex has none, we refuse to buffer more. */
    public static final int DEFAULT_MAX_RESULT_JSON = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactory())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json.loads accepts NaN and Infinity
            .build();

    private enum State { LINE, JSON, BODY }

    private final ControlListener listener;
    private final int maxResultJson;
    private final byte[] line = new byte[MAX_LINE - 1];
    private int lineLength;
    private long offset;
    private long itemStart;
    private State state = State.LINE;
    private byte[] json;
    private int jsonLength;
    private int jsonExpected;
    private int results;
    private ReportedResult current;
    private int fileIndex;
    private long bodyRemaining;
    private ControlProtocolException failure;
    private boolean listenerFailed;

    public ControlStreamParser(ControlListener listener) {
        this(listener, 0, DEFAULT_MAX_RESULT_JSON);
    }

    /**
     * A parser whose offsets start at {@code startOffset}: a caller that reconnects feeds the
     * stream from there, which must be the start of a control line.
     */
    public ControlStreamParser(ControlListener listener, long startOffset, int maxResultJson) {
        if (startOffset < 0 || maxResultJson < 0) {
            throw new IllegalArgumentException("negative offset or limit");
        }
        this.listener = listener;
        this.offset = startOffset;
        this.maxResultJson = maxResultJson;
    }

    /** Total bytes consumed, counted from the start offset's origin. */
    public long offset() {
        return offset;
    }

    /** True between control words: a reconnecting reader may resume at {@link #offset()}. */
    public boolean atCommandBoundary() {
        return state == State.LINE && lineLength == 0;
    }

    public void feed(byte[] buf) throws IOException {
        feed(buf, 0, buf.length);
    }

    public void feed(byte[] buf, int off, int len) throws IOException {
        requireUsable();
        try {
            int end = off + len;
            while (off < end) {
                off = switch (state) {
                    case LINE -> readLine(buf, off, end);
                    case JSON -> readJson(buf, off, end);
                    case BODY -> readBody(buf, off, end);
                };
            }
        } catch (ControlProtocolException e) {
            failure = e;
            json = null;
            throw e;
        } catch (IOException | RuntimeException e) {
            listenerFailed = true;
            json = null;
            throw e;
        }
    }

    private void requireUsable() throws ControlProtocolException {
        if (failure != null) {
            throw failure;
        }
        if (listenerFailed) {
            throw new IllegalStateException("the listener failed earlier; the stream position is lost");
        }
    }

    /** Feeds everything {@code in} yields until its end; returns the bytes read. Does not call {@link #finish()}. */
    public long feed(InputStream in) throws IOException {
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            feed(buf, 0, n);
            total += n;
        }
        return total;
    }

    /** The stream ended: fails if it ended inside a control line or a payload. */
    public void finish() throws ControlProtocolException {
        requireUsable();
        ControlProtocolException eof = switch (state) {
            case LINE -> lineLength == 0 ? null
                    : new ControlProtocolException("EOF in the middle of a control line", itemStart);
            case JSON -> new ControlProtocolException("EOF when reading data: got " + jsonLength + " of "
                    + jsonExpected + " bytes of result JSON", itemStart);
            case BODY -> {
                FileUpload file = current.files().get(fileIndex);
                yield new ControlProtocolException("EOF when reading data: got " + (file.length() - bodyRemaining)
                        + " of " + file.length() + " bytes of file '" + file.name() + "'", itemStart);
            }
        };
        if (eof != null) {
            failure = eof;
            json = null;
            throw eof;
        }
    }

    /** Bytes of internal buffers held right now; stays near {@link #MAX_LINE} between results. */
    int bufferCapacity() {
        return line.length + (json == null ? 0 : json.length);
    }

    private int readLine(byte[] buf, int off, int end) throws IOException {
        if (lineLength == 0) {
            itemStart = offset;
        }
        for (int i = off; i < end; i++) {
            byte b = buf[i];
            if (b == '\n') {
                offset += i + 1 - off;
                String text = new String(line, 0, lineLength, StandardCharsets.US_ASCII);
                lineLength = 0;
                dispatch(text);
                return i + 1;
            }
            if (b < 0) {
                throw new ControlProtocolException("non-ASCII byte 0x" + Integer.toHexString(b & 0xff)
                        + " in control line", itemStart);
            }
            if (lineLength == line.length) {
                throw new ControlProtocolException("control line longer than " + MAX_LINE + " bytes", itemStart);
            }
            line[lineLength++] = b;
        }
        offset += end - off;
        return end;
    }

    private void dispatch(String text) throws IOException {
        if (text.isEmpty()) {
            throw new ControlProtocolException("empty control line", itemStart);
        }
        int space = text.indexOf(' ');
        String word = space < 0 ? text : text.substring(0, space);
        String args = space < 0 ? "" : text.substring(space + 1);
        switch (word) {
            case "result" -> startResult(args);
            case "exitcode" -> listener.exitCode(exitCode(args));
            case "duration" -> listener.duration(duration(args));
            case "disconnect" -> listener.disconnect();
            case "noop" -> listener.noop();
            default -> throw new ControlProtocolException("unknown control word: " + quoted(word), itemStart);
        }
    }

    private void startResult(String args) throws IOException {
        if (!isDigits(args)) {
            throw new ControlProtocolException("result: length is not a decimal byte count: " + quoted(args), itemStart);
        }
        long length = args.length() > 12 ? Long.MAX_VALUE : Long.parseLong(args);
        if (length > maxResultJson) {
            throw new ControlProtocolException("result: JSON length " + args + " exceeds the limit of "
                    + maxResultJson + " bytes", itemStart);
        }
        jsonExpected = (int) length;
        jsonLength = 0;
        json = new byte[Math.min(jsonExpected, 64 * 1024)];
        state = State.JSON;
        if (jsonExpected == 0) {
            endJson();
        }
    }

    private int readJson(byte[] buf, int off, int end) throws IOException {
        int n = Math.min(end - off, jsonExpected - jsonLength);
        if (jsonLength + n > json.length) {
            // grow as bytes arrive, so a lying length cannot make us allocate up front
            json = Arrays.copyOf(json, Math.min(jsonExpected, Math.max(jsonLength + n, json.length * 2)));
        }
        System.arraycopy(buf, off, json, jsonLength, n);
        jsonLength += n;
        offset += n;
        if (jsonLength == jsonExpected) {
            endJson();
        }
        return off + n;
    }

    private void endJson() throws IOException {
        long resultStart = itemStart;
        ObjectNode object = parseObject(json, jsonLength, resultStart);
        json = null;
        current = new ReportedResult(results++, resultStart, object, fileUploads(object, resultStart));
        fileIndex = -1;
        listener.resultStarted(current);
        nextFile();
    }

    private static ObjectNode parseObject(byte[] bytes, int length, long at) throws ControlProtocolException {
        JsonNode node;
        try (JsonParser parser = JSON.createParser(bytes, 0, length)) {
            node = JSON.readTree(parser);
            if (node != null && !node.isMissingNode() && hasMoreTokens(parser)) {
                throw new ControlProtocolException("result: JSON value followed by extra data", at);
            }
        } catch (ControlProtocolException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new ControlProtocolException("result: invalid JSON: " + firstLine(e.getOriginalMessage()), at);
        } catch (IOException e) {
            throw new ControlProtocolException("result: invalid JSON: " + firstLine(e.getMessage()), at);
        }
        if (node == null || node.isMissingNode()) {
            throw new ControlProtocolException("result: invalid JSON: no value", at);
        }
        if (!node.isObject()) {
            throw new ControlProtocolException("result: JSON is not an object but " + kind(node), at);
        }
        return (ObjectNode) node;
    }

    private static boolean hasMoreTokens(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            return true; // garbage after the value is extra data too, as Python says
        }
    }

    private static List<FileUpload> fileUploads(ObjectNode result, long at) throws ControlProtocolException {
        JsonNode name = result.get("name");
        if (name != null && !name.isNull() && !name.isTextual()) {
            throw new ControlProtocolException("result: 'name' is not a string but " + kind(name), at);
        }
        JsonNode testout = result.get("testout");
        if (testout != null && !testout.isNull()) {
            if (!testout.isTextual()) {
                throw new ControlProtocolException("result: 'testout' is not a string but " + kind(testout), at);
            }
            if (testout.textValue().isEmpty()) {
                throw new ControlProtocolException("result: 'testout' specified, but empty", at);
            }
            requireNormalizable("result: testout", testout.textValue(), at);
        }
        JsonNode files = result.get("files");
        if (files == null) {
            return List.of();
        }
        if (!files.isArray()) {
            throw new ControlProtocolException("result: 'files' is not a list but " + kind(files), at);
        }
        List<FileUpload> uploads = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            JsonNode entry = files.get(i);
            String where = "result: files[" + i + "]";
            if (!entry.isObject()) {
                throw new ControlProtocolException(where + " is not an object but " + kind(entry), at);
            }
            JsonNode fileName = entry.get("name");
            if (fileName == null || !fileName.isTextual()) {
                throw new ControlProtocolException(where + " has no string 'name'", at);
            }
            JsonNode length = entry.get("length");
            if (length == null || !length.isIntegralNumber() || !length.canConvertToLong() || length.longValue() < 0) {
                throw new ControlProtocolException(where + " has no non-negative integer 'length'", at);
            }
            requireNormalizable(where + " name", fileName.textValue(), at);
            uploads.add(new FileUpload(i, fileName.textValue(), length.longValue()));
        }
        return uploads;
    }

    private static void requireNormalizable(String what, String fileName, long at) throws ControlProtocolException {
        if (ArtifactPaths.normalize(fileName).isEmpty()) {
            throw new ControlProtocolException(what + " " + quoted(fileName) + " is empty once normalized", at);
        }
    }

    /** Announces zero-length files at once and stops at the first one with a body, or ends the result. */
    private void nextFile() throws IOException {
        while (++fileIndex < current.files().size()) {
            FileUpload file = current.files().get(fileIndex);
            listener.fileStarted(current, file);
            if (file.length() > 0) {
                bodyRemaining = file.length();
                itemStart = offset;
                state = State.BODY;
                return;
            }
            listener.fileEnded(current, file);
        }
        state = State.LINE;
        ReportedResult done = current;
        current = null;
        listener.resultEnded(done);
    }

    private int readBody(byte[] buf, int off, int end) throws IOException {
        int n = (int) Math.min(end - off, bodyRemaining);
        FileUpload file = current.files().get(fileIndex);
        offset += n;
        bodyRemaining -= n;
        listener.fileChunk(current, file, buf, off, n);
        if (bodyRemaining == 0) {
            listener.fileEnded(current, file);
            nextFile();
        }
        return off + n;
    }

    private int exitCode(String args) throws ControlProtocolException {
        String digits = args.startsWith("-") || args.startsWith("+") ? args.substring(1) : args;
        if (!isDigits(digits) || digits.length() > 10) {
            throw new ControlProtocolException("exitcode: not an integer: " + quoted(args), itemStart);
        }
        long code = Long.parseLong(args);
        if (code != (int) code) {
            throw new ControlProtocolException("exitcode: out of range: " + quoted(args), itemStart);
        }
        return (int) code;
    }

    private DurationCommand duration(String args) throws ControlProtocolException {
        try {
            return DurationCommand.parse(args);
        } catch (IllegalArgumentException e) {
            throw new ControlProtocolException(e.getMessage(), itemStart);
        }
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String quoted(String s) {
        return PythonJson.dumps(TextNode.valueOf(
                s.length() > 80 ? s.substring(0, 80) + "..." : s));
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
