package io.drover.control;

import static io.drover.control.ControlStreams.feedInChunks;
import static io.drover.control.ControlStreams.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControlStreamParserTest {
    /** The byte-exact example of the reference, section 2.1. */
    static final String TWO_RESULTS = "result 108\n"
            + "{\"status\": \"pass\", \"name\": \"some/test\", \"files\": [{\"name\": \"A\", \"length\": 13}, {\"name\": \"B\", \"length\": 13}]}"
            + "contents of Acontents of B"
            + "result 42\n"
            + "{\"status\": \"pass\", \"name\": \"another/test\"}";

    private final RecordingListener listener = new RecordingListener();
    private final ControlStreamParser parser = new ControlStreamParser(listener);

    private List<String> parse(byte[] bytes) throws IOException {
        feedInChunks(parser, bytes, 0);
        return listener.events;
    }

    private List<String> parse(String text) throws IOException {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private ControlProtocolException protocolError(String text) {
        return protocolError(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The error a fresh parser reports for {@code bytes}. */
    private ControlProtocolException protocolError(byte[] bytes) {
        ControlStreamParser fresh = new ControlStreamParser(listener);
        return catchThrowableOfType(ControlProtocolException.class, () -> feedInChunks(fresh, bytes, 0));
    }

    @Test
    void parsesTheTwoResultExampleOfTheReferenceByteForByte() throws IOException {
        assertThat(parse(TWO_RESULTS)).containsExactly(
                "result#0@0 {\"status\": \"pass\", \"name\": \"some/test\", \"files\": [{\"name\": \"A\", \"length\": 13}, {\"name\": \"B\", \"length\": 13}]}",
                "file#0 0 A 13",
                "body#0 A [contents of A]",
                "file#0 1 B 13",
                "body#0 B [contents of B]",
                "end#0",
                "result#1@145 {\"status\": \"pass\", \"name\": \"another/test\"}",
                "end#1");
        assertThat(parser.offset()).isEqualTo(TWO_RESULTS.length());
        assertThat(listener.results.get(0).name()).isEqualTo("some/test");
        assertThat(listener.results.get(0).files()).containsExactly(new FileUpload(0, "A", 13), new FileUpload(1, "B", 13));
    }

    @Test
    void readsEveryControlWord() throws IOException {
        assertThat(parse("exitcode 0\nexitcode 3\nexitcode -1\nduration 5m\nduration +60\nduration -1h\n"
                + "duration save\nduration restore\ndisconnect\nnoop\n")).containsExactly(
                "exitcode 0", "exitcode 3", "exitcode -1", "duration SET 300", "duration PLUS 60",
                "duration MINUS 3600", "duration SAVE 0", "duration RESTORE 0", "disconnect", "noop");
    }

    @Test
    void argumentsOfNoopAndDisconnectAreNotValidated() throws IOException {
        assertThat(parse("noop foo\ndisconnect now please\nnoop \n")).containsExactly("noop", "disconnect", "noop");
    }

    @Test
    void jsonMayBeMultiLineAndSurroundedByWhitespace() throws IOException {
        assertThat(parse(stream().result(" {\n  \"status\": \"pass\"\n}\n").line("noop").bytes()))
                .containsExactly("result#0@0 {\"status\": \"pass\"}", "end#0", "noop");
    }

    @Test
    void resultLengthCountsBytesNotCharacters() throws IOException {
        assertThat(parse(stream().result("{\"note\": \"é😀\"}").line("noop").bytes()))
                .containsExactly("result#0@0 {\"note\": \"\\u00e9\\ud83d\\ude00\"}", "end#0", "noop");
    }

    @Test
    void emptyFilesNeedNoBytesAndSameNameTwiceIsReportedTwice() throws IOException {
        String json = "{\"files\": [{\"name\": \"e\", \"length\": 0}, {\"name\": \"x\", \"length\": 2}, {\"name\": \"x\", \"length\": 1}, {\"name\": \"z\", \"length\": 0}]}";
        assertThat(parse(stream().result(json, "abc").line("noop").bytes())).containsExactly(
                "result#0@0 " + json,
                "file#0 0 e 0", "body#0 e []",
                "file#0 1 x 2", "body#0 x [ab]",
                "file#0 2 x 1", "body#0 x [c]",
                "file#0 3 z 0", "body#0 z []",
                "end#0", "noop");
    }

    @Test
    void resultWithOnlyEmptyFilesEndsWithoutMoreBytes() throws IOException {
        parser.feed(stream().result("{\"files\": [{\"name\": \"e\", \"length\": 0}]}").bytes());
        assertThat(listener.events).endsWith("end#0");
        assertThat(parser.atCommandBoundary()).isTrue();
    }

    @Test
    void bodiesAreBinaryAndMayLookLikeControlLines() throws IOException {
        byte[] body = {0, (byte) 0xff, '\n', 'n', 'o', 'o', 'p', '\n'};
        byte[] bytes = stream().result("{\"files\": [{\"name\": \"bin\", \"length\": 8}]}").raw(body).line("exitcode 1").bytes();
        assertThat(parse(bytes)).containsExactly(
                "result#0@0 {\"files\": [{\"name\": \"bin\", \"length\": 8}]}",
                "file#0 0 bin 8", "body#0 bin [\u0000\u00ff\nnoop\n]", "end#0", "exitcode 1");
    }

    @Test
    void tracksTheOffsetAndWhetherAReaderMayResumeThere() throws IOException {
        parser.feed("noop\nresult 2\n{".getBytes(StandardCharsets.US_ASCII));
        assertThat(parser.offset()).isEqualTo(15);
        assertThat(parser.atCommandBoundary()).isFalse();
        parser.feed("}exit".getBytes(StandardCharsets.US_ASCII));
        assertThat(parser.offset()).isEqualTo(20);
        assertThat(parser.atCommandBoundary()).isFalse();
        parser.feed("code 0\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(parser.offset()).isEqualTo(27);
        assertThat(parser.atCommandBoundary()).isTrue();
    }

    @Test
    void aResumedParserCountsFromItsStartOffset() throws IOException {
        ControlStreamParser resumed = new ControlStreamParser(listener, 1000, ControlStreamParser.DEFAULT_MAX_RESULT_JSON);
        resumed.feed(stream().line("noop").result("{}").bytes());
        assertThat(resumed.offset()).isEqualTo(1000 + 5 + 9 + 2);
        assertThat(listener.events).containsExactly("noop", "result#0@1005 {}", "end#0");
        ControlProtocolException error = catchThrowableOfType(ControlProtocolException.class,
                () -> resumed.feed("\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(error.offset()).isEqualTo(1016);
    }

    @Test
    void readsFromAnInputStream() throws IOException {
        byte[] bytes = TWO_RESULTS.getBytes(StandardCharsets.US_ASCII);
        assertThat(parser.feed(new ByteArrayInputStream(bytes))).isEqualTo(bytes.length);
        parser.finish();
        assertThat(listener.events).hasSize(8);
    }

    @Test
    void aLineOf4096BytesIncludingItsNewlineIsAccepted() throws IOException {
        String longest = "noop " + "x".repeat(4096 - 6);
        assertThat(longest.length() + 1).isEqualTo(ControlStreamParser.MAX_LINE);
        assertThat(parse(longest + "\n")).containsExactly("noop");
    }

    @Test
    void aLongerLineIsRejectedAsSoonAsItIsTooLong() {
        ControlStreamParser fresh = new ControlStreamParser(listener);
        ControlProtocolException error = catchThrowableOfType(ControlProtocolException.class,
                () -> fresh.feed(("noop\nnoop " + "x".repeat(4091)).getBytes(StandardCharsets.US_ASCII)));
        assertThat(error.reason()).isEqualTo("control line longer than 4096 bytes");
        assertThat(error.offset()).isEqualTo(5);
        assertThat(error).hasMessage("control line longer than 4096 bytes (at byte 5)");
        assertThat(listener.events).containsExactly("noop");
    }

    @Test
    void rejectsAnEmptyLine() {
        ControlProtocolException error = protocolError("noop\n\nnoop\n");
        assertThat(error.reason()).isEqualTo("empty control line");
        assertThat(error.offset()).isEqualTo(5);
        assertThat(listener.events).containsExactly("noop");
    }

    @Test
    void rejectsAnUnknownWord() {
        assertThat(protocolError("noop\nabort\n").reason()).isEqualTo("unknown control word: \"abort\"");
        assertThat(protocolError(" noop\n").reason()).isEqualTo("unknown control word: \"\"");
    }

    @Test
    void wordsAreCaseAndByteExact() {
        assertThat(protocolError("NOOP\n").reason()).isEqualTo("unknown control word: \"NOOP\"");
        assertThat(protocolError("noop\r\n").reason()).isEqualTo("unknown control word: \"noop\\r\"");
    }

    @Test
    void rejectsNonAsciiInAControlLine() {
        assertThat(protocolError("noop é\n").reason()).isEqualTo("non-ASCII byte 0xc3 in control line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"result\n", "result \n", "result abc\n", "result -1\n", "result +5\n", "result 1 \n",
        "result  1\n", "result 0x10\n", "result 1.0\n"})
    void rejectsABadResultLength(String line) {
        assertThat(protocolError(line).reason()).startsWith("result: length is not a decimal byte count: ");
    }

    @Test
    void refusesToBufferAResultJsonBeyondTheLimit() {
        ControlStreamParser small = new ControlStreamParser(listener, 0, 100);
        ControlProtocolException error = catchThrowableOfType(ControlProtocolException.class,
                () -> small.feed("result 101\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(error.reason()).isEqualTo("result: JSON length 101 exceeds the limit of 100 bytes");
        assertThat(catchThrowableOfType(ControlProtocolException.class,
                () -> small.feed("result 99999999999999999999999\n".getBytes(StandardCharsets.US_ASCII)))).isSameAs(error);
    }

    @Test
    void rejectsInvalidJsonWithTheOffsetOfItsResultLine() {
        ControlProtocolException error = protocolError(stream().line("noop").result("{\"status\": pass}").bytes());
        assertThat(error.reason()).startsWith("result: invalid JSON: ");
        assertThat(error.offset()).isEqualTo(5);
        assertThat(error.getMessage()).doesNotContain("\n");
    }

    @Test
    void rejectsEmptyJson() {
        assertThat(protocolError("result 0\n").reason()).startsWith("result: invalid JSON");
        assertThat(protocolError("result 2\n  ").reason()).startsWith("result: invalid JSON");
    }

    @Test
    void rejectsInvalidUtf8InJson() {
        byte[] bytes = stream().raw("result 11\n{\"a\": \"").raw(new byte[] {(byte) 0xff, (byte) 0xfe}).raw("\"}").bytes();
        assertThat(protocolError(bytes).reason()).startsWith("result: invalid JSON: ");
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        assertThat(protocolError(stream().result("[{}]").bytes()).reason()).isEqualTo("result: JSON is not an object but array");
        assertThat(protocolError(stream().result("\"pass\"").bytes()).reason()).isEqualTo("result: JSON is not an object but string");
        assertThat(protocolError(stream().result("null").bytes()).reason()).isEqualTo("result: JSON is not an object but null");
    }

    @Test
    void rejectsAnObjectFollowedByExtraData() {
        assertThat(protocolError(stream().result("{} {}").bytes()).reason()).isEqualTo("result: JSON value followed by extra data");
        assertThat(protocolError(stream().result("{}x").bytes()).reason()).isEqualTo("result: JSON value followed by extra data");
        assertThat(protocolError(stream().result("{}]").bytes()).reason()).isEqualTo("result: JSON value followed by extra data");
    }

    @Test
    void rejectsBadFilesEntries() {
        assertThat(filesError("{\"files\": {\"name\": \"a\", \"length\": 1}}")).isEqualTo("result: 'files' is not a list but object");
        assertThat(filesError("{\"files\": null}")).isEqualTo("result: 'files' is not a list but null");
        assertThat(filesError("{\"files\": [\"a\"]}")).isEqualTo("result: files[0] is not an object but string");
        assertThat(filesError("{\"files\": [{\"length\": 1}]}")).isEqualTo("result: files[0] has no string 'name'");
        assertThat(filesError("{\"files\": [{\"name\": 7, \"length\": 1}]}")).isEqualTo("result: files[0] has no string 'name'");
        assertThat(filesError("{\"files\": [{\"name\": \"a\", \"length\": 0}, {\"name\": \"b\"}]}"))
                .isEqualTo("result: files[1] has no non-negative integer 'length'");
        assertThat(filesError("{\"files\": [{\"name\": \"a\", \"length\": 1.0}]}"))
                .isEqualTo("result: files[0] has no non-negative integer 'length'");
        assertThat(filesError("{\"files\": [{\"name\": \"a\", \"length\": \"1\"}]}"))
                .isEqualTo("result: files[0] has no non-negative integer 'length'");
        assertThat(filesError("{\"files\": [{\"name\": \"a\", \"length\": -1}]}"))
                .isEqualTo("result: files[0] has no non-negative integer 'length'");
        assertThat(filesError("{\"files\": [{\"name\": \"a\", \"length\": true}]}"))
                .isEqualTo("result: files[0] has no non-negative integer 'length'");
        assertThat(filesError("{\"files\": [{\"name\": \"a\", \"length\": 99999999999999999999}]}"))
                .isEqualTo("result: files[0] has no non-negative integer 'length'");
        assertThat(filesError("{\"files\": [{\"name\": \"../..\", \"length\": 1}]}"))
                .isEqualTo("result: files[0] name \"../..\" is empty once normalized");
        assertThat(filesError("{\"files\": [{\"name\": \"\", \"length\": 1}]}"))
                .isEqualTo("result: files[0] name \"\" is empty once normalized");
        assertThat(listener.events).isEmpty();
    }

    private String filesError(String json) {
        return catchThrowableOfType(ControlProtocolException.class,
                () -> new ControlStreamParser(listener).feed(stream().result(json).bytes())).reason();
    }

    @Test
    void rejectsAnEmptyOrNonStringTestout() {
        assertThat(filesError("{\"testout\": \"\"}")).isEqualTo("result: 'testout' specified, but empty");
        assertThat(filesError("{\"testout\": 1}")).isEqualTo("result: 'testout' is not a string but number");
        assertThat(filesError("{\"testout\": \"/./\"}")).isEqualTo("result: testout \"/./\" is empty once normalized");
    }

    @Test
    void rejectsANonStringName() {
        assertThat(filesError("{\"name\": [\"a\"]}")).isEqualTo("result: 'name' is not a string but array");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exitcode\n", "exitcode \n", "exitcode abc\n", "exitcode 1.5\n", "exitcode 0x1\n",
        "exitcode 99999999999\n", "exitcode 2147483648\n", "exitcode  1\n", "exitcode -\n"})
    void rejectsABadExitCode(String line) {
        assertThat(protocolError(line).reason()).startsWith("exitcode: ");
    }

    @Test
    void exitCodeCoversTheIntRange() throws IOException {
        assertThat(parse("exitcode 2147483647\nexitcode -2147483648\nexitcode +7\n"))
                .containsExactly("exitcode 2147483647", "exitcode -2147483648", "exitcode 7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"duration\n", "duration \n", "duration 5x\n", "duration +\n", "duration m\n",
        "duration 1.5m\n", "duration  5\n", "duration 5 \n", "duration 1h30m\n", "duration SAVE\n", "duration *2\n",
        "duration 99999999999999999999\n", "duration 999999999999999999d\n"})
    void rejectsABadDuration(String line) {
        assertThat(protocolError(line).reason()).startsWith("duration: ");
    }

    @Test
    void endOfStreamInsideALineIsAnError() {
        ControlProtocolException error = protocolError("noop\nexitc");
        assertThat(error.reason()).isEqualTo("EOF in the middle of a control line");
        assertThat(error.offset()).isEqualTo(5);
    }

    @Test
    void endOfStreamInsideTheJsonIsAnError() {
        ControlProtocolException error = protocolError("result 10\n{\"a\"");
        assertThat(error.reason()).isEqualTo("EOF when reading data: got 4 of 10 bytes of result JSON");
        assertThat(error.offset()).isEqualTo(0);
    }

    @Test
    void endOfStreamInsideAFileBodyIsAnError() {
        byte[] bytes = stream().result("{\"files\": [{\"name\": \"A\", \"length\": 13}]}", "contents").bytes();
        ControlProtocolException error = protocolError(bytes);
        assertThat(error.reason()).isEqualTo("EOF when reading data: got 8 of 13 bytes of file 'A'");
        assertThat(error.offset()).isEqualTo(bytes.length - 8);
        assertThat(listener.events).doesNotContain("end#0");
    }

    @Test
    void endOfStreamRightAfterTheResultLineIsAnError() {
        assertThat(protocolError("result 2\n").reason()).isEqualTo("EOF when reading data: got 0 of 2 bytes of result JSON");
    }

    @Test
    void endOfStreamBetweenWordsIsFine() throws IOException {
        assertThat(parse("")).isEmpty();
        assertThat(new ControlStreamParser(listener).atCommandBoundary()).isTrue();
    }

    @Test
    void theFirstErrorIsFinal() {
        ControlProtocolException error = catchThrowableOfType(ControlProtocolException.class,
                () -> parser.feed("\n".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> parser.feed("noop\n".getBytes(StandardCharsets.US_ASCII))).isSameAs(error);
        assertThatThrownBy(parser::finish).isSameAs(error);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void aFailingListenerStopsTheParser() {
        ControlStreamParser failing = new ControlStreamParser(new ControlListener() {
            @Override
            public void noop() throws IOException {
                throw new IOException("disk full");
            }
        });
        assertThatThrownBy(() -> failing.feed("noop\n".getBytes(StandardCharsets.US_ASCII))).hasMessage("disk full");
        assertThatThrownBy(() -> failing.feed("noop\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pythonJsonNumbersAreAccepted() throws IOException {
        assertThat(parse(stream().result("{\"a\": NaN, \"b\": -Infinity, \"c\": 1E400, \"d\": -0, \"e\": 1.5}").bytes()))
                .startsWith("result#0@0 {\"a\": NaN, \"b\": -Infinity, \"c\": Infinity, \"d\": 0, \"e\": 1.5}");
    }

    @Test
    void aDuplicateKeyKeepsItsFirstPlaceAndItsLastValueAsInPython() throws IOException {
        assertThat(parse(stream().result("{\"a\": 1, \"b\": 2, \"a\": 3}").bytes())).startsWith("result#0@0 {\"a\": 3, \"b\": 2}");
    }

    @Test
    void partialIsTruthyAsInPython() throws IOException {
        parse(stream().result("{\"partial\": true}").result("{\"partial\": 1}").result("{\"partial\": \"yes\"}")
                .result("{\"partial\": false}").result("{\"partial\": 0}").result("{\"partial\": \"\"}")
                .result("{\"partial\": null}").result("{}").bytes());
        assertThat(listener.results).extracting(ReportedResult::partial)
                .containsExactly(true, true, true, false, false, false, false, false);
    }
}
