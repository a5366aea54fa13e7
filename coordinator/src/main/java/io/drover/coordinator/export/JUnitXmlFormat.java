package io.drover.coordinator.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.result.RunTally;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML: {@code <testsuites>} holding one {@code <testsuite>} for the run, one {@code <testcase>} per test with
 * {@code classname} = plan and {@code name} = test. The writer must encode UTF-8, as the declaration says.
 *
 * <p>One suite per run rather than one per plan: a suite's counts are attributes that come before its test cases,
 * and only the run's counts are known before the stream ({@link ExportRun}); a plan's would need all its tests
 * first. Nothing is lost: Jenkins groups test cases into classes and GitLab shows {@code classname} as the suite
 * column, so tests still show by plan. (Jenkins takes what follows the last {@code .} of a classname as the class,
 * so a plan with a dot in its name shows split there.)
 *
 * <p>The output stays inside both the strict Ant schema (windyroad's {@code JUnit.xsd}: {@code properties},
 * {@code system-out} and {@code system-err} present, at most one of {@code failure}/{@code error}/{@code skipped} in
 * a test case and nothing else) and the Jenkins xUnit plug-in's {@code junit-10.xsd}. Since a passing test case has
 * no room for a note there, flaky tests are listed (the first {@value #FLAKY_LISTED}) in the suite's {@code
 * system-out}, after the counts.
 *
 * <p>Each test's element follows how its verdict counts in the run's counts, so the suite's attributes match its
 * test cases: a pass (pass, info) has none; {@code <skipped>}; {@code <failure>} for a test's own fail or warn
 * (tmt counts warn as failed); {@code <error>} for everything else (error, timeout, cancelled, infra, and tests
 * still pending or running), its message naming the failure class ({@code sut-lost: connection lost}). Messages end
 * with {@code [known issue X]} and {@code [flaky]}. Characters XML 1.0 forbids become U+FFFD.
 */
final class JUnitXmlFormat implements ResultsFormat {
    static final int FLAKY_LISTED = 100;
    /** The strict schema's timestamp: no zone (UTC here), no fraction. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Override
    public void write(ExportRun run, Iterator<ExportTest> tests, Writer out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            indent(xml, 1);
            writeSuiteStart(xml, run);
            List<String> flaky = new ArrayList<>();
            int flakyCount = 0;
            while (tests.hasNext()) {
                ExportTest test = tests.next();
                writeTestCase(xml, test);
                if (test.flaky() && ++flakyCount <= FLAKY_LISTED) {
                    flaky.add(test.plan() + " " + test.test());
                }
            }
            indent(xml, 2);
            xml.writeStartElement("system-out");
            xml.writeCharacters(xml(summary(run, flaky, flakyCount)));
            xml.writeEndElement();
            indent(xml, 2);
            xml.writeStartElement("system-err");
            xml.writeEndElement();
            indent(xml, 1);
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("cannot write JUnit XML: " + e, e);
        }
        out.flush();
    }

    private static void writeSuiteStart(XMLStreamWriter xml, ExportRun run) throws XMLStreamException {
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", xml(run.run()));
        xml.writeAttribute("package", xml(run.tree()));
        xml.writeAttribute("id", "0");
        xml.writeAttribute("tests", Integer.toString(run.tests()));
        xml.writeAttribute("failures", Integer.toString(run.failed()));
        xml.writeAttribute("errors", Integer.toString(run.errored() + run.infrastructure() + run.unfinished()));
        xml.writeAttribute("skipped", Integer.toString(run.skipped()));
        long runMs = run.finishedAt() == null ? 0
                : Duration.between(Instant.parse(run.createdAt()), Instant.parse(run.finishedAt())).toMillis();
        xml.writeAttribute("time", seconds(runMs));
        xml.writeAttribute("timestamp", TIMESTAMP.format(Instant.parse(run.createdAt())));
        // where the tests ran is one SUT per test, not one host per suite; the schema asks for localhost then
        xml.writeAttribute("hostname", "localhost");
        indent(xml, 2);
        xml.writeStartElement("properties");
        property(xml, "run", run.run());
        property(xml, "tree", run.tree());
        property(xml, "ref", run.ref());
        property(xml, "created-at", run.createdAt());
        property(xml, "finished-at", run.finishedAt());
        for (Map.Entry<String, List<String>> dimension : run.context().entrySet()) {
            property(xml, "context." + dimension.getKey(), String.join(",", dimension.getValue()));
        }
        indent(xml, 2);
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value != null) {
            indent(xml, 3);
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", xml(name));
            xml.writeAttribute("value", xml(value));
        }
    }

    private static void writeTestCase(XMLStreamWriter xml, ExportTest test) throws XMLStreamException {
        RunTally.Kind kind = test.kind();
        indent(xml, 2);
        if (kind == RunTally.Kind.PASS) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("name", xml(test.test()));
        xml.writeAttribute("classname", xml(test.plan()));
        xml.writeAttribute("time", seconds(test.durationMs()));
        if (kind == RunTally.Kind.PASS) {
            return;
        }
        indent(xml, 3);
        if (kind == RunTally.Kind.SKIP) {
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", xml(test.note()));
        } else {
            boolean failure = kind == RunTally.Kind.FAIL;
            String type = failure || test.failureClass() == null ? test.status() : test.failureClass();
            xml.writeStartElement(failure ? "failure" : "error");
            xml.writeAttribute("type", xml(type));
            xml.writeAttribute("message", xml(failure ? test.note() : classed(type, test)));
            xml.writeCharacters(xml(details(test)));
            xml.writeEndElement();
        }
        indent(xml, 2);
        xml.writeEndElement();
    }

    /** {@code sut-lost: connection lost [known issue X]}, the class not repeated when the reason starts with it. */
    private static String classed(String type, ExportTest test) {
        String reason = test.reason() == null || test.reason().isBlank() ? "no verdict yet" : test.reason();
        String message = reason.startsWith(type + ":") ? reason : type + ": " + reason;
        return (message + " " + test.remarks()).strip();
    }

    /** The body of a failure or an error: what a reader looks for next. */
    private static String details(ExportTest test) {
        StringBuilder text = new StringBuilder();
        text.append("status ").append(test.status());
        if (test.failureClass() != null) {
            text.append(", failure class ").append(test.failureClass());
        }
        if (test.attempt() > 0) {
            text.append(", attempt ").append(test.attempt());
        }
        if (test.sut() != null) {
            text.append(" on ").append(test.sut());
        }
        if (test.reason() != null && !test.reason().isBlank()) {
            text.append('\n').append(test.reason());
        }
        if (test.knownIssue() != null) {
            text.append("\nknown issue ").append(test.knownIssue());
        }
        if (test.attemptDir() != null) {
            text.append("\nartifacts: ").append(test.attemptDir());
        }
        for (ObjectNode result : test.subResults()) {
            text.append('\n').append(result.path("status").asText("-")).append(' ').append(result.get("name").asText());
            if (result.path("note").isTextual()) {
                text.append(": ").append(result.get("note").textValue());
            }
        }
        return text.toString();
    }

    private static String summary(ExportRun run, List<String> flaky, int flakyCount) {
        RunTally tally = new RunTally(run.passed(), run.failed(), run.errored(), run.skipped(), run.infrastructure());
        StringBuilder text = new StringBuilder("run ").append(run.run()).append(": ").append(run.tests())
                .append(" tests, ").append(tally.counts()).append(", ").append(run.unfinished())
                .append(" not finished\nflaky (passed on a retry): ").append(flakyCount).append('\n');
        flaky.forEach(test -> text.append("  ").append(test).append('\n'));
        if (flakyCount > flaky.size()) {
            text.append("  and ").append(flakyCount - flaky.size()).append(" more\n");
        }
        return text.toString();
    }

    private static void indent(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    private static String seconds(long ms) {
        return BigDecimal.valueOf(ms, 3).toPlainString();
    }

    /** The text with each character XML 1.0 forbids (most control characters, lone surrogates) as U+FFFD. */
    static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000 ? c : 0xFFFD));
        return clean.toString();
    }
}
