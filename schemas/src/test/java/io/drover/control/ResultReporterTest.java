package io.drover.control;

import static io.drover.control.ControlStreams.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact {@code results} lines and file bytes, as atex's result tests expect them. */
class ResultReporterTest {
    /** Named like atex's exception so the fallback note reads the same. */
    static final class TestAbortedError extends Exception {
        TestAbortedError(String message) {
            super(message);
        }
    }

    @TempDir
    Path dir;
    private ResultReporter reporter;
    private ControlStreamParser parser;

    private void start() throws IOException {
        reporter = new ResultReporter(dir);
        parser = new ControlStreamParser(reporter);
    }

    private void feed(ControlStreams stream) throws IOException {
        if (reporter == null) {
            start();
        }
        parser.feed(stream.bytes());
    }

    private void testWrites(String output) throws IOException {
        if (reporter == null) {
            start();
        }
        Files.writeString(reporter.testOutputFile(), output, StandardOpenOption.APPEND);
    }

    /** Feeds {@code stream}, ends it cleanly, and finishes with {@code exitCode}; returns the results file. */
    private String run(ControlStreams stream, Integer exitCode) throws IOException {
        feed(stream);
        parser.finish();
        reporter.finish(exitCode, null);
        return results();
    }

    private String results() throws IOException {
        return Files.readString(dir.resolve("results"), StandardCharsets.US_ASCII);
    }

    private String file(String relative) throws IOException {
        return Files.readString(dir.resolve("files").resolve(relative), StandardCharsets.ISO_8859_1);
    }

    private List<String> filesOnDisk() throws IOException {
        Path files = dir.resolve("files");
        try (Stream<Path> walk = Files.walk(files)) {
            return walk.filter(Files::isRegularFile).map(p -> files.relativize(p).toString()).sorted().toList();
        }
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    // ---- fallback result (2.4)

    @Test
    void fallbackPassesForExitCodeZeroAndAttachesTheOutput() throws IOException {
        testWrites("hello\n");
        assertThat(run(stream(), 0)).isEqualTo(lines("{\"status\": \"pass\", \"files\": [\"output.txt\"]}"));
        assertThat(file("output.txt")).isEqualTo("hello\n");
        assertThat(filesOnDisk()).containsExactly("output.txt");
        try (Stream<Path> top = Files.list(dir)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("results", "files");
        }
    }

    @Test
    void fallbackFailsForANonZeroExitCode() throws IOException {
        assertThat(run(stream(), 2)).isEqualTo(lines("{\"status\": \"fail\", \"files\": [\"output.txt\"]}"));
        assertThat(file("output.txt")).isEmpty();
    }

    @Test
    void fallbackFailsWhenNoExitCodeWasReported() throws IOException {
        assertThat(run(stream(), null)).isEqualTo(lines("{\"status\": \"fail\", \"files\": [\"output.txt\"]}"));
    }

    @Test
    void fallbackIsInfraWithTheExceptionWhenTheRunWasAborted() throws IOException {
        start();
        testWrites("partial output");
        reporter.finish(0, Abort.of(new TestAbortedError("test duration timeout reached")));
        assertThat(results()).isEqualTo(lines(
                "{\"status\": \"infra\", \"note\": \"TestAbortedError(test duration timeout reached)\", \"files\": [\"output.txt\"]}"));
        assertThat(file("output.txt")).isEqualTo("partial output");
    }

    @Test
    void anExceptionWithoutMessageGivesEmptyParentheses() throws IOException {
        start();
        reporter.finish(null, Abort.of(new IllegalStateException()));
        assertThat(results()).isEqualTo(lines(
                "{\"status\": \"infra\", \"note\": \"IllegalStateException()\", \"files\": [\"output.txt\"]}"));
    }

    @Test
    void theTestsOwnFinalNamelessResultReplacesTheFallback() throws IOException {
        testWrites("out");
        assertThat(run(stream().result("{\"status\": \"pass\"}"), 1)).isEqualTo(lines("{\"status\": \"pass\"}"));
        assertThat(filesOnDisk()).isEmpty();
    }

    @Test
    void theTestsOwnFinalResultStaysWhenItThenTimesOut() throws IOException {
        feed(stream().result("{\"status\": \"pass\"}"));
        reporter.finish(null, Abort.of(new TestAbortedError("test duration timeout reached")));
        assertThat(results()).isEqualTo(lines("{\"status\": \"pass\"}"));
    }

    @Test
    void anEmptyResultIsValidAndFinal() throws IOException {
        assertThat(run(stream().result("{}"), 0)).isEqualTo(lines("{}"));
    }

    @Test
    void theReportedResultWinsOverTheExitCode() throws IOException {
        assertThat(run(stream().result("{\"status\": \"fail\"}").line("exitcode 0"), 0)).isEqualTo(lines("{\"status\": \"fail\"}"));
    }

    @Test
    void aSubResultDoesNotReplaceTheFallback() throws IOException {
        assertThat(run(stream().result("{\"status\": \"fail\", \"name\": \"subtest\"}"), 0)).isEqualTo(lines(
                "{\"status\": \"fail\", \"name\": \"subtest\"}",
                "{\"status\": \"pass\", \"files\": [\"output.txt\"]}"));
    }

    @Test
    void aPartialNamelessResultIsStillFinalizedByTheFallback() throws IOException {
        String json = "{\"status\": \"error\", \"note\": \"no final result provided\", \"partial\": true}";
        assertThat(run(stream().result(json), 0)).isEqualTo(lines(
                "{\"status\": \"error\", \"note\": \"no final result provided\", \"files\": [\"output.txt\"]}"));
    }

    @Test
    void anAbortOverridesThePartialsStatusAndNote() throws IOException {
        feed(stream().result("{\"status\": \"pass\", \"partial\": true, \"files\": [{\"name\": \"log\", \"length\": 2}]}", "ok"));
        reporter.finish(0, Abort.of(new TestAbortedError("cancel requested")));
        assertThat(results()).isEqualTo(lines(
                "{\"status\": \"infra\", \"files\": [\"output.txt\", \"log\"], \"note\": \"TestAbortedError(cancel requested)\"}"));
        assertThat(file("log")).isEqualTo("ok");
    }

    @Test
    void thePartialsOwnTestoutIsKeptByTheFallback() throws IOException {
        testWrites("out");
        assertThat(run(stream().result("{\"testout\": \"my.log\", \"partial\": true}"), 0))
                .isEqualTo(lines("{\"status\": \"pass\", \"files\": [\"my.log\"]}"));
        assertThat(filesOnDisk()).containsExactly("my.log");
        assertThat(file("my.log")).isEqualTo("out");
    }

    @Test
    void aPartialThatUploadedOutputTxtGetsNoSecondOne() throws IOException {
        testWrites("real output");
        String json = "{\"partial\": true, \"files\": [{\"name\": \"output.txt\", \"length\": 8}]}";
        assertThat(run(stream().result(json, "uploaded"), 3)).isEqualTo(lines("{\"files\": [\"output.txt\"], \"status\": \"fail\"}"));
        assertThat(file("output.txt")).isEqualTo("uploaded");
    }

    @Test
    void aTestCrashingMidUploadGetsAnInfraFallbackAndKeepsTheBytesItSent() throws IOException {
        feed(stream().result("{\"status\": \"pass\", \"files\": [{\"name\": \"A\", \"length\": 13}]}", "contents"));
        ControlProtocolException eof = catchThrowableOfType(ControlProtocolException.class, parser::finish);
        reporter.finish(null, Abort.of(eof));
        assertThat(results()).isEqualTo(lines("{\"status\": \"infra\", \"note\": \"ControlProtocolException("
                + "EOF when reading data: got 8 of 13 bytes of file 'A' (at byte 68))\", \"files\": [\"output.txt\"]}"));
        assertThat(file("A")).isEqualTo("contents");
    }

    // ---- output line shape (2.1, 2.2)

    @Test
    void theTwoResultExampleOfTheReference() throws IOException {
        feed(stream().raw(ControlStreamParserTest.TWO_RESULTS));
        assertThat(results()).isEqualTo(lines(
                "{\"status\": \"pass\", \"name\": \"some/test\", \"files\": [\"A\", \"B\"]}",
                "{\"status\": \"pass\", \"name\": \"another/test\"}"));
        parser.finish();
        reporter.finish(0, null);
        assertThat(results()).isEqualTo(lines(
                "{\"status\": \"pass\", \"name\": \"some/test\", \"files\": [\"A\", \"B\"]}",
                "{\"status\": \"pass\", \"name\": \"another/test\"}",
                "{\"status\": \"pass\", \"files\": [\"output.txt\"]}"));
        assertThat(file("some/test/A")).isEqualTo("contents of A");
        assertThat(file("some/test/B")).isEqualTo("contents of B");
        assertThat(filesOnDisk()).containsExactly("output.txt", "some/test/A", "some/test/B");
    }

    @Test
    void fileNamesAreSortedAndLengthsDropped() throws IOException {
        String json = "{\"status\": \"pass\", \"files\": [{\"name\": \"file_C\", \"length\": 1}, "
                + "{\"name\": \"file_A\", \"length\": 1}, {\"name\": \"file_B\", \"length\": 1}]}";
        assertThat(run(stream().result(json, "c", "a", "b"), 0)).isEqualTo(lines("{\"status\": \"pass\", \"files\": [\"file_A\", \"file_B\", \"file_C\"]}"));
        assertThat(file("file_A") + file("file_B") + file("file_C")).isEqualTo("abc");
    }

    @Test
    void namesSortByCodePointAsPythonDoes() throws IOException {
        String json = "{\"files\": [{\"name\": \"\\ufb01\", \"length\": 0}, {\"name\": \"\\ud83d\\ude00\", \"length\": 0}, "
                + "{\"name\": \"Z\", \"length\": 0}, {\"name\": \"a\", \"length\": 0}]}";
        assertThat(run(stream().result(json), 0)).isEqualTo(lines("{\"files\": [\"Z\", \"a\", \"\\ufb01\", \"\\ud83d\\ude00\"]}"));
    }

    @Test
    void theTestOutputNameComesFirst() throws IOException {
        testWrites("the output");
        String json = "{\"status\": \"pass\", \"testout\": \"output.txt\", \"files\": [{\"name\": \"custom.txt\", \"length\": 3}]}";
        assertThat(run(stream().result(json, "abc"), 0)).isEqualTo(lines("{\"status\": \"pass\", \"files\": [\"output.txt\", \"custom.txt\"]}"));
        assertThat(file("output.txt")).isEqualTo("the output");
        assertThat(file("custom.txt")).isEqualTo("abc");
    }

    @Test
    void testoutAloneAddsAFilesList() throws IOException {
        assertThat(run(stream().result("{\"testout\": \"log\", \"status\": \"pass\", \"note\": \"n\"}"), 0))
                .isEqualTo(lines("{\"status\": \"pass\", \"note\": \"n\", \"files\": [\"log\"]}"));
    }

    @Test
    void outputWrittenAfterTheReportStillAppears() throws IOException {
        testWrites("before ");
        feed(stream().result("{\"status\": \"pass\", \"testout\": \"out.log\"}"));
        testWrites("after");
        parser.finish();
        reporter.finish(0, null);
        assertThat(file("out.log")).isEqualTo("before after");
        assertThat(Files.exists(dir.resolve(ResultReporter.TESTOUT_TEMP))).isFalse();
    }

    @Test
    void everyTestoutGetsTheWholeOutput() throws IOException {
        testWrites("all of it");
        assertThat(run(stream().result("{\"name\": \"sub\", \"testout\": \"a.log\"}").result("{\"testout\": \"b.log\"}"), 0))
                .isEqualTo(lines("{\"name\": \"sub\", \"files\": [\"a.log\"]}", "{\"files\": [\"b.log\"]}"));
        assertThat(file("sub/a.log")).isEqualTo("all of it");
        assertThat(file("b.log")).isEqualTo("all of it");
    }

    @Test
    void aTestoutCollidingWithAnUploadIsRejected() throws IOException {
        start();
        String json = "{\"testout\": \"x\", \"files\": [{\"name\": \"x\", \"length\": 1}]}";
        assertThatThrownBy(() -> feed(stream().result(json, "1"))).isInstanceOf(BadResultException.class)
                .hasMessage("testout 'x' of the test itself collides with existing file x");
    }

    @Test
    void aTestoutUsedTwiceBySameNamedResultsIsRejected() throws IOException {
        feed(stream().result("{\"name\": \"s\", \"testout\": \"t\"}"));
        assertThatThrownBy(() -> feed(stream().result("{\"name\": \"s\", \"testout\": \"t\"}")))
                .isInstanceOf(BadResultException.class)
                .hasMessage("testout 't' of result 's' collides with existing file s/t");
    }

    @Test
    void customKeysAndKeyOrderPassThroughVerbatim() throws IOException {
        String json = "{\"rerun\": 1, \"status\": \"pass\", \"x-group\": {\"b\": [1, 2.5, null], \"a\": true}, \"note\": \"caf\u00e9\", \"name\": \"t\", \"empty\": null}";
        assertThat(run(stream().result(json), 0)).startsWith(
                "{\"rerun\": 1, \"status\": \"pass\", \"x-group\": {\"b\": [1, 2.5, null], \"a\": true}, \"note\": \"caf\\u00e9\", \"name\": \"t\", \"empty\": null}\n");
    }

    @Test
    void resultsWithoutStatusAndSeveralNamelessOnesAreWrittenAsSent() throws IOException {
        assertThat(run(stream().result("{\"name\": \"x\"}").result("{\"status\": \"pass\"}").result("{\"status\": \"fail\"}"), 0))
                .isEqualTo(lines("{\"name\": \"x\"}", "{\"status\": \"pass\"}", "{\"status\": \"fail\"}"));
    }

    @Test
    void anEmptyFilesListStaysEmpty() throws IOException {
        assertThat(run(stream().result("{\"status\": \"pass\", \"files\": []}"), 0)).isEqualTo(lines("{\"status\": \"pass\", \"files\": []}"));
    }

    @Test
    void nestedSubResultNamesBecomeDirectories() throws IOException {
        String json = "{\"status\": \"pass\", \"name\": \"sub/res/ult\", \"files\": [{\"name\": \"dir/log\", \"length\": 3}]}";
        assertThat(run(stream().result(json, "xyz"), 0)).startsWith(lines(
                "{\"status\": \"pass\", \"name\": \"sub/res/ult\", \"files\": [\"dir/log\"]}"));
        assertThat(file("sub/res/ult/dir/log")).isEqualTo("xyz");
    }

    @Test
    void binaryBodiesAreStoredByteForByte() throws IOException {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        feed(stream().result("{\"files\": [{\"name\": \"bin\", \"length\": 256}]}").raw(body));
        assertThat(Files.readAllBytes(dir.resolve("files/bin"))).isEqualTo(body);
    }

    // ---- appends

    @Test
    void theSameFileTwiceInOneResultIsAppendedAndListedOnce() throws IOException {
        String json = "{\"files\": [{\"name\": \"a\", \"length\": 2}, {\"name\": \"a\", \"length\": 3}]}";
        assertThat(run(stream().result(json, "12", "345"), 0)).isEqualTo(lines("{\"files\": [\"a\"]}"));
        assertThat(file("a")).isEqualTo("12345");
    }

    @Test
    void theSameFileInALaterResultOfTheSameNameIsAppended() throws IOException {
        String file = "{\"name\": \"n\", \"files\": [{\"name\": \"log\", \"length\": 3}]}";
        assertThat(run(stream().result(file, "one").result(file, "two")
                .result("{\"files\": [{\"name\": \"log\", \"length\": 5}]}", "three"), 0)).isEqualTo(lines(
                "{\"name\": \"n\", \"files\": [\"log\"]}",
                "{\"name\": \"n\", \"files\": [\"log\"]}",
                "{\"files\": [\"log\"]}"));
        assertThat(file("n/log")).isEqualTo("onetwo");
        assertThat(file("log")).isEqualTo("three");
    }

    // ---- path normalization

    @Test
    void pathsCannotEscapeTheFilesDirectory() throws IOException {
        String json = "{\"name\": \"../../x\", \"files\": [{\"name\": \"../../y\", \"length\": 1}, {\"name\": \"/etc/passwd\", \"length\": 1}]}";
        assertThat(run(stream().result(json, "1", "2").result("{\"files\": [{\"name\": \"/abs\", \"length\": 1}]}", "3"), 0))
                .isEqualTo(lines(
                        "{\"name\": \"../../x\", \"files\": [\"../../y\", \"/etc/passwd\"]}",
                        "{\"files\": [\"/abs\"]}"));
        assertThat(filesOnDisk()).containsExactly("abs", "x/etc/passwd", "x/y");
        try (Stream<Path> top = Files.list(dir)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("results", "files");
        }
    }

    @Test
    void controlCharactersInNamesBecomeUnderscores() throws IOException {
        String json = "{\"name\": \"a\\tb\", \"files\": [{\"name\": \"c\\u0000d\\u0085e\", \"length\": 1}]}";
        assertThat(run(stream().result(json, "!"), 0)).startsWith(lines("{\"name\": \"a\\tb\", \"files\": [\"c\\u0000d\\u0085e\"]}"));
        assertThat(filesOnDisk()).containsExactly("a_b/c_d_e", "output.txt");
    }

    @Test
    void aFileWhereADirectoryIsNeededIsRejected() throws IOException {
        feed(stream().result("{\"files\": [{\"name\": \"a\", \"length\": 1}]}", "1"));
        assertThatThrownBy(() -> feed(stream().result("{\"files\": [{\"name\": \"a/b\", \"length\": 1}]}", "2")))
                .isInstanceOf(BadResultException.class)
                .hasMessage("cannot store file 'a/b' of the test itself: a/b clashes with another upload");
    }

    @Test
    void aDirectoryWhereAFileIsNeededIsRejected() throws IOException {
        feed(stream().result("{\"files\": [{\"name\": \"a/b\", \"length\": 1}]}", "1"));
        assertThatThrownBy(() -> feed(stream().result("{\"files\": [{\"name\": \"./a\", \"length\": 1}]}", "2")))
                .isInstanceOf(BadResultException.class).hasMessageContaining("clashes");
    }

    @Test
    void uploadsPastTheLimitAreRefusedBeforeTheyAreWritten() throws IOException {
        reporter = new ResultReporter(dir, OutcomeRule.ATEX, line -> { }, 10);
        parser = new ControlStreamParser(reporter);
        feed(stream().result("{\"files\": [{\"name\": \"a\", \"length\": 6}]}", "123456"));
        assertThatThrownBy(() -> feed(stream().result("{\"files\": [{\"name\": \"b\", \"length\": 5}]}", "12345")))
                .isInstanceOf(BadResultException.class)
                .hasMessage("cannot store file 'b' of the test itself: its 5 bytes would take the test's uploads past "
                        + "their limit of 10 bytes");
        assertThat(filesOnDisk()).containsExactly("a");
    }

    // ---- partial results (2.3)

    @Test
    void aPartialIsHeldUntilItsFinalResultAndMergedIntoIt() throws IOException {
        feed(stream().result("{\"status\": \"error\", \"note\": \"no final result provided\", \"partial\": true, "
                + "\"files\": [{\"name\": \"log\", \"length\": 6}]}", "early\n"));
        assertThat(results()).isEmpty();
        assertThat(file("log")).isEqualTo("early\n");
        assertThat(run(stream().result("{\"status\": \"pass\", \"files\": [{\"name\": \"log\", \"length\": 5}]}", "late\n"), 1))
                .isEqualTo(lines("{\"status\": \"pass\", \"note\": \"no final result provided\", \"files\": [\"log\"]}"));
        assertThat(file("log")).isEqualTo("early\nlate\n");
    }

    @Test
    void nullDeletesAKeyAndNeverAddsOne() throws IOException {
        assertThat(run(stream()
                .result("{\"name\": \"t\", \"status\": \"error\", \"note\": \"x\", \"partial\": true}")
                .result("{\"name\": \"t\", \"note\": null, \"other\": null, \"partial\": true}")
                .result("{\"name\": \"t\", \"status\": \"pass\"}"), 0)).startsWith(lines(
                "{\"name\": \"t\", \"status\": \"pass\"}"));
    }

    @Test
    void mergeAddsReplacesByTypeRecursesIntoObjectsAndAppendsArrays() throws IOException {
        assertThat(run(stream()
                .result("{\"a\": [1], \"b\": {\"c\": 1, \"d\": 2, \"e\": {\"f\": [\"x\"]}}, \"g\": 1, \"h\": [1], \"i\": \"s\", "
                        + "\"j\": 1, \"k\": true, \"partial\": true}")
                .result("{\"a\": [2, [3]], \"b\": {\"c\": 3, \"d\": null, \"e\": {\"f\": [\"y\"]}, \"new\": 4}, \"g\": 1.5, "
                        + "\"h\": {\"o\": 1}, \"i\": \"t\", \"j\": 2, \"k\": 0, \"l\": [], \"partial\": true}")
                .result("{\"status\": \"pass\", \"a\": [4]}"), 0)).isEqualTo(lines(
                "{\"a\": [1, 2, [3], 4], \"b\": {\"c\": 3, \"e\": {\"f\": [\"x\", \"y\"]}, \"new\": 4}, \"g\": 1.5, "
                        + "\"h\": {\"o\": 1}, \"i\": \"t\", \"j\": 2, \"k\": 0, \"l\": [], \"status\": \"pass\"}"));
    }

    @Test
    void filesOfPartialsAreUnionedAndEveryBodyIsAppended() throws IOException {
        assertThat(run(stream()
                .result("{\"partial\": true, \"files\": [{\"name\": \"b\", \"length\": 1}, {\"name\": \"a\", \"length\": 1}]}", "1", "2")
                .result("{\"partial\": true, \"files\": [{\"name\": \"a\", \"length\": 1}, {\"name\": \"c\", \"length\": 1}]}", "3", "4")
                .result("{\"status\": \"pass\"}"), 0)).isEqualTo(lines("{\"files\": [\"a\", \"b\", \"c\"], \"status\": \"pass\"}"));
        assertThat(file("a")).isEqualTo("23");
    }

    @Test
    void partialsOfDifferentNamesAreFlushedInFirstSeenOrderAtTheEnd() throws IOException {
        assertThat(run(stream()
                .result("{\"name\": \"two\", \"status\": \"error\", \"partial\": true}")
                .result("{\"status\": \"error\", \"partial\": true}")
                .result("{\"name\": \"one\", \"status\": \"error\", \"partial\": true}")
                .result("{\"name\": \"done\", \"status\": \"pass\"}")
                .result("{\"name\": \"two\", \"note\": \"still running\", \"partial\": true}"), 0)).isEqualTo(lines(
                "{\"name\": \"done\", \"status\": \"pass\"}",
                "{\"name\": \"two\", \"status\": \"error\", \"note\": \"still running\"}",
                "{\"status\": \"error\", \"files\": [\"output.txt\"]}",
                "{\"name\": \"one\", \"status\": \"error\"}"));
    }

    @Test
    void theFinalResultIsWrittenWhenItArrivesNotAtTheEnd() throws IOException {
        feed(stream().result("{\"name\": \"a\", \"partial\": true}").result("{\"name\": \"b\", \"status\": \"pass\"}")
                .result("{\"name\": \"a\", \"status\": \"fail\"}"));
        assertThat(results()).isEqualTo(lines("{\"name\": \"b\", \"status\": \"pass\"}", "{\"name\": \"a\", \"status\": \"fail\"}"));
    }

    @Test
    void aPartialAfterTheFinalStartsANewResult() throws IOException {
        assertThat(run(stream().result("{\"name\": \"a\", \"status\": \"pass\"}").result("{\"name\": \"a\", \"note\": \"n\", \"partial\": true}"), 0))
                .isEqualTo(lines("{\"name\": \"a\", \"status\": \"pass\"}", "{\"name\": \"a\", \"note\": \"n\"}",
                        "{\"status\": \"pass\", \"files\": [\"output.txt\"]}"));
    }

    @Test
    void testoutMayBeSetAndOverriddenInPartialsAndIsLinkedOnlyWhenFinal() throws IOException {
        testWrites("out");
        feed(stream().result("{\"name\": \"s\", \"testout\": \"first.log\", \"partial\": true}")
                .result("{\"name\": \"s\", \"testout\": \"second.log\", \"partial\": true}"));
        assertThat(filesOnDisk()).isEmpty();
        assertThat(run(stream().result("{\"name\": \"s\", \"status\": \"pass\"}"), 0)).startsWith(lines(
                "{\"name\": \"s\", \"status\": \"pass\", \"files\": [\"second.log\"]}"));
        assertThat(filesOnDisk()).containsExactly("output.txt", "s/second.log");
    }

    @Test
    void aNullTestoutInAPartialRemovesIt() throws IOException {
        assertThat(run(stream().result("{\"testout\": \"a.log\", \"partial\": true}").result("{\"testout\": null, \"status\": \"pass\"}"), 0))
                .isEqualTo(lines("{\"status\": \"pass\"}"));
        assertThat(filesOnDisk()).isEmpty();
    }

    @Test
    void aCollidingTestoutAtTheEndDoesNotLoseTheOtherHeldResults() throws IOException {
        feed(stream().result("{\"name\": \"a\", \"testout\": \"t\", \"partial\": true, \"files\": [{\"name\": \"t\", \"length\": 1}]}", "x")
                .result("{\"name\": \"b\", \"status\": \"pass\", \"partial\": true}"));
        assertThatThrownBy(() -> reporter.finish(0, null)).isInstanceOf(BadResultException.class)
                .hasMessage("testout 't' of result 'a' collides with existing file a/t");
        assertThat(results()).isEqualTo(lines("{\"name\": \"b\", \"status\": \"pass\"}",
                "{\"status\": \"pass\", \"files\": [\"output.txt\"]}"));
        assertThat(Files.exists(dir.resolve(ResultReporter.TESTOUT_TEMP))).isFalse();
    }

    // ---- lifecycle

    @Test
    void theArtifactsDirectoryMustBeEmpty() throws IOException {
        Files.writeString(dir.resolve("stale"), "x");
        assertThatThrownBy(() -> new ResultReporter(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("artifacts directory is not empty");
    }

    @Test
    void finishingTwiceIsABug() throws IOException {
        start();
        reporter.finish(0, null);
        assertThatThrownBy(() -> reporter.finish(0, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void otherControlWordsDoNotTouchTheResults() throws IOException {
        assertThat(run(stream().line("duration save").line("noop").line("disconnect").line("exitcode 1").line("duration restore"), 1))
                .isEqualTo(lines("{\"status\": \"fail\", \"files\": [\"output.txt\"]}"));
    }
}
