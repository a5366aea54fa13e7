package io.drover.coordinator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlFormatTest {
    private static final String XML = ExportSamples.export("junit");

    private static void validate(String xsd, String xml) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JUnitXmlFormatTest.class.getResource("/junit-xsd/" + xsd)).newValidator()
                .validate(new StreamSource(new StringReader(xml)));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document document, String name) {
        NodeList nodes = document.getElementsByTagName(name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static Element testCase(Document document, String test) {
        return elements(document, "testcase").stream().filter(e -> e.getAttribute("name").equals(test)).findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"windyroad-JUnit.xsd", "jenkins-xunit-junit-10.xsd"})
    void validatesAgainstTheStrictAntSchemaAndJenkinsOne(String xsd) throws Exception {
        validate(xsd, XML);
        validate(xsd, ExportSamples.export("junit", ExportSamples.run(), List.of()));
    }

    @Test
    void countsInTheSuiteMatchItsTestCases() throws Exception {
        Document document = parse(XML);
        Element suite = elements(document, "testsuite").get(0);
        assertThat(Map.of("tests", suite.getAttribute("tests"), "failures", suite.getAttribute("failures"),
                "errors", suite.getAttribute("errors"), "skipped", suite.getAttribute("skipped"))).isEqualTo(Map.of(
                "tests", "9", "failures", "1", "errors", "4", "skipped", "1"));
        assertThat(elements(document, "testcase")).hasSize(9);
        assertThat(elements(document, "failure")).hasSize(1);
        assertThat(elements(document, "error")).hasSize(4);
        assertThat(elements(document, "skipped")).hasSize(1);
        assertThat(suite.getAttribute("name")).isEqualTo("r-0042");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-22T08:00:00");
        assertThat(suite.getAttribute("time")).isEqualTo("1205.250");
    }

    @Test
    void namesTheTestAndItsPlanAsClass() throws Exception {
        Element login = testCase(parse(XML), "/tests/login");
        assertThat(login.getAttribute("classname")).isEqualTo("/plans/smoke");
        assertThat(login.getAttribute("time")).isEqualTo("12.345");
        assertThat(login.getChildNodes().getLength()).isZero();
    }

    @Test
    void aFailureCarriesItsKnownIssueAndItsSubResults() throws Exception {
        Element failure = (Element) testCase(parse(XML), "/tests/upload").getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("fail");
        assertThat(failure.getAttribute("message")).isEqualTo("status fail, exit code 1 [known issue RHEL-1234]");
        assertThat(failure.getTextContent()).contains("attempt 1 on sut-2", "known issue RHEL-1234",
                "artifacts: plans/smoke/tests/upload/attempt-1", "fail upload/big: checksum differs",
                "pass upload/small");
    }

    @Test
    void anErrorNamesItsFailureClassOnce() throws Exception {
        Document document = parse(XML);
        Element lost = (Element) testCase(document, "/tests/reboot").getElementsByTagName("error").item(0);
        assertThat(lost.getAttribute("type")).isEqualTo("sut-lost");
        assertThat(lost.getAttribute("message")).isEqualTo("sut-lost: connection lost to host 10.0.0.5");
        Element parser = (Element) testCase(document, "/tests/parser").getElementsByTagName("error").item(0);
        assertThat(parser.getAttribute("message")).startsWith("test: status error, exit code 2");
        Element pending = (Element) testCase(document, "/tests/later").getElementsByTagName("error").item(0);
        assertThat(pending.getAttribute("type")).isEqualTo("pending");
        assertThat(pending.getAttribute("message")).isEqualTo("pending: no verdict yet");
    }

    @Test
    void replacesCharactersXmlForbidsAndEscapesTheRest() throws Exception {
        Element parser = (Element) testCase(parse(XML), "/tests/parser").getElementsByTagName("error").item(0);
        assertThat(parser.getAttribute("message")).endsWith("bad byte \uFFFD in <input> & \uFFFD[31mred");
        assertThat(XML).doesNotContain("\u0007", "\u001b").contains("&lt;input&gt; &amp;");
    }

    @Test
    void listsFlakyTestsAndTheRunInTheSuite() throws Exception {
        Document document = parse(XML);
        assertThat(elements(document, "system-out").get(0).getTextContent())
                .contains("run r-0042: 9 tests, 3 passed, 1 failed, 2 errored, 1 skipped, 1 infrastructure,"
                        + " 1 not finished", "flaky (passed on a retry): 1\n  /plans/smoke /tests/network\n");
        assertThat(elements(document, "property"))
                .extracting(property -> property.getAttribute("name") + "=" + property.getAttribute("value"))
                .contains("run=r-0042", "tree=https://git.example.com/qe/tests.git", "ref=main",
                        "context.distro=rhel-9.8", "context.arch=x86_64");
    }

    @Test
    void listsOnlyTheFirstHundredFlakyTests() throws Exception {
        List<ExportTest> flaky = new ArrayList<>();
        for (int i = 0; i < JUnitXmlFormat.FLAKY_LISTED + 5; i++) {
            flaky.add(new ExportTest("/plans/p", "/tests/t" + i, i, "pass", null, null, true, null, 2, 1, "s",
                    null, null, null, List.of()));
        }
        String out = ExportSamples.export("junit", ExportSamples.run(), flaky);
        assertThat(out).contains("/plans/p /tests/t99\n  and 5 more").doesNotContain("/tests/t100\n");
    }
}
