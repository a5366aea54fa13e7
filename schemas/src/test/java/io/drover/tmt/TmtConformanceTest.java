package io.drover.tmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.fmf.Conformance;
import io.drover.fmf.context.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ls} and {@code discover} fact of {@code tmt-data/expected-tmt.json}: the tmt
 * command line is translated into the same selection through our API.
 */
class TmtConformanceTest {

    @TestFactory
    Stream<DynamicTest> everyListingAndDiscoveryMatchesTmt() {
        Path data = Conformance.tmtData();
        JsonNode facts = Conformance.readJson(data.resolve("expected-tmt.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode fact : facts) {
            String kind = fact.get("kind").asText();
            if (!kind.equals("ls") && !kind.equals("discover")) {
                continue;
            }
            String name = fact.get("tree").asText() + " [" + fact.path("cwd_sub").asText() + "] " + fact.get("cmd").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> check(data, fact)));
        }
        assertThat(tests).hasSize(62);
        return tests.stream();
    }

    private void check(Path data, JsonNode fact) {
        Path root = data.resolve(fact.get("tree").asText());
        Path cwd = root.resolve(fact.path("cwd_sub").asText(""));
        TmtTree tree = TmtTree.load(cwd);
        TmtCommand command = TmtCommand.parse(fact.get("cmd").asText(), root, cwd);
        JsonNode expected = fact.get("result");
        if (fact.get("kind").asText().equals("ls")) {
            List<String> actual = command.listsPlans()
                    ? tree.plans(command.context(), command.names()).stream().map(TmtPlan::name).toList()
                    : tree.tests(command.testQuery()).stream().map(TmtTest::name).toList();
            assertThat(actual).containsExactlyElementsOf(strings(expected));
        } else {
            Map<String, List<String>> actual = new LinkedHashMap<>();
            for (PlanTests plan : new Discovery(tree).discover(command.discoverRequest())) {
                actual.put(plan.plan().name(), plan.tests().stream().map(DiscoveredTest::name).toList());
            }
            Map<String, List<String>> wanted = new LinkedHashMap<>();
            expected.properties().forEach(e -> wanted.put(e.getKey(), strings(e.getValue().get("tests"))));
            assertThat(actual).containsExactlyEntriesOf(wanted);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The parts of a tmt command line the corpus uses, mapped onto our queries. */
    private static final class TmtCommand {
        final Map<String, Object> context = new LinkedHashMap<>();
        boolean plansLs;
        final List<String> names = new ArrayList<>();
        final List<String> filters = new ArrayList<>();
        final List<String> excludes = new ArrayList<>();
        final List<String> links = new ArrayList<>();
        final List<String> planNames = new ArrayList<>();
        boolean defaultPlan;
        List<String> test;
        List<String> include;
        List<String> exclude;
        List<String> filter;
        List<String> link;
        final List<String> testNames = new ArrayList<>();

        static TmtCommand parse(String line, Path root, Path cwd) {
            TmtCommand c = new TmtCommand();
            List<String> args = new ArrayList<>(Arrays.asList(line.split("\\s+")));
            args.remove(0);
            String section = "";
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "-c" -> {
                        String[] kv = args.get(++i).split("=", 2);
                        c.context.put(kv[0], List.of(kv[1].split(",")));
                    }
                    case "tests", "test", "plans", "plan", "discover", "finish", "run", "ls" -> {
                        if (a.equals("plans") && section.isEmpty()) {
                            c.plansLs = true;
                        }
                        section = a.equals("ls") ? section : a.replaceAll("s$", "");
                    }
                    case "-r", "-rv", "-v", "--how", "-h" -> {
                        if (a.equals("--how") || a.equals("-h")) {
                            i++;
                        }
                    }
                    case "--default" -> c.defaultPlan = true;
                    case "--name", "-n" -> {
                        String name = TestQuery.resolveDot(args.get(++i), root, cwd);
                        (section.equals("plan") ? c.planNames : c.testNames).add(name);
                    }
                    case "--filter", "-f" -> {
                        String f = args.get(++i);
                        c.filters.add(f);
                        c.filter = c.filters;
                    }
                    case "-t", "--test" -> c.test = add(c.test, args.get(++i));
                    case "-i", "--include" -> c.include = add(c.include, args.get(++i));
                    case "-x", "--exclude" -> {
                        String x = args.get(++i);
                        c.excludes.add(x);
                        c.exclude = add(c.exclude, x);
                    }
                    case "--link" -> {
                        String l = args.get(++i);
                        c.links.add(l);
                        c.link = add(c.link, l);
                    }
                    default -> c.names.add(TestQuery.resolveDot(a, root, cwd));
                }
            }
            return c;
        }

        private static List<String> add(List<String> list, String value) {
            List<String> out = list == null ? new ArrayList<>() : list;
            out.add(value);
            return out;
        }

        boolean listsPlans() {
            return plansLs;
        }

        Context context() {
            return Context.of(context);
        }

        List<String> names() {
            return names;
        }

        TestQuery testQuery() {
            return new TestQuery(context(), names, TestQuery.filters(filters), links, excludes, List.of());
        }

        DiscoverRequest discoverRequest() {
            return new DiscoverRequest(planNames, defaultPlan, context(), test, include, exclude, filter, link, testNames);
        }
    }
}
