package io.drover.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records what the parser reports as readable lines; consecutive chunks of one file are joined. */
final class RecordingListener implements ControlListener {
    final List<String> events = new ArrayList<>();
    final List<ReportedResult> results = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();

    @Override
    public void resultStarted(ReportedResult result) {
        events.add("result#" + result.index() + "@" + result.offset() + " " + PythonJson.dumps(result.json()));
    }

    @Override
    public void fileStarted(ReportedResult result, FileUpload file) {
        events.add("file#" + result.index() + " " + file.position() + " " + file.name() + " " + file.length());
        body.setLength(0);
    }

    @Override
    public void fileChunk(ReportedResult result, FileUpload file, byte[] buf, int off, int len) {
        body.append(new String(buf, off, len, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void fileEnded(ReportedResult result, FileUpload file) {
        events.add("body#" + result.index() + " " + file.name() + " [" + body + "]");
    }

    @Override
    public void resultEnded(ReportedResult result) {
        events.add("end#" + result.index());
        results.add(result);
    }

    @Override
    public void exitCode(int code) {
        events.add("exitcode " + code);
    }

    @Override
    public void duration(DurationCommand command) {
        events.add("duration " + command.kind() + " " + command.seconds());
    }

    @Override
    public void disconnect() {
        events.add("disconnect");
    }

    @Override
    public void noop() {
        events.add("noop");
    }
}
