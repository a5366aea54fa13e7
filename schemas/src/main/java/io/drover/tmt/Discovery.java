package io.drover.tmt;

import io.drover.fmf.FmfMerge;
import io.drover.fmf.Parallel;
import io.drover.fmf.PyRegex;
import io.drover.fmf.context.Context;
import io.drover.fmf.context.Decision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * tmt's discover step: for each enabled plan, the tests each of its discover phases
 * selects, in order. For {@code how: fmf}: with {@code test} regexps, the tests matching
 * each regexp in turn (duplicates kept, each regexp's tests by {@code order}), otherwise
 * every test; then {@code filter} (all), {@code link} (any), {@code exclude},
 * {@code include}; manual and disabled tests dropped. The tree is adjusted with the plan's
 * context joined with the caller's (the caller wins).
 */
public final class Discovery {
    private final TmtTree tree;

    public Discovery(TmtTree tree) {
        this.tree = tree;
    }

    /** Each plan's tests; the plans are discovered in parallel, with the result (and failure) of a loop over them. */
    public List<PlanTests> discover(DiscoverRequest request) {
        return Parallel.map(plans(request), plan -> discover(plan, request));
    }

    /** The enabled plans the request names (tmt's default plan when the tree has none). */
    public List<TmtPlan> plans(DiscoverRequest request) {
        List<TmtPlan> all = tree.plans(request.context());
        if (request.defaultPlan() || all.isEmpty()) {
            TmtPlan plan = TmtPlan.defaultPlan();
            if (!TestQuery.anySearch(request.plans(), plan.name())) {
                throw new NoSuchPlanException("No plan matches " + String.join(", ", request.plans())
                        + ": the tree has no plans, only tmt's default plan " + plan.name());
            }
            return List.of(plan);
        }
        List<TmtPlan> selected = all.stream().filter(p -> TestQuery.anySearch(request.plans(), p.name())).toList();
        if (selected.isEmpty()) {
            throw new NoSuchPlanException("No plan matches " + String.join(", ", request.plans())
                    + "; plans in " + tree.root() + ": "
                    + String.join(", ", all.stream().map(TmtPlan::name).toList()));
        }
        return selected.stream().filter(TmtPlan::enabled).toList();
    }

    public PlanTests discover(TmtPlan plan, DiscoverRequest request) {
        Context context = plan.context().overriddenBy(request.context());
        List<DiscoveredTest> tests = new ArrayList<>();
        boolean prefix = plan.discover().size() > 1;
        for (DiscoverPhase phase : plan.discover()) {
            for (TmtTest test : phaseTests(plan, phase, context, request)) {
                if (!test.enabled() || !TestQuery.anySearch(request.names(), test.name())) {
                    continue;
                }
                String name = prefix ? "/" + phase.name() + test.name() : test.name();
                tests.add(new DiscoveredTest(name, tests.size() + 1, phase.name(), test));
            }
        }
        if (tests.isEmpty() && plan.discover().stream().allMatch(p -> "shell".equals(p.how()) && p.shellTests().isEmpty())) {
            tests.addAll(executeScriptTests(plan, request));
        }
        return new PlanTests(plan, tests);
    }

    private List<TmtTest> phaseTests(TmtPlan plan, DiscoverPhase phase, Context context, DiscoverRequest request) {
        String where = "plan '" + plan.name() + "' discover phase '" + phase.name() + "'";
        return switch (phase.how()) {
            case "fmf" -> fmfTests(phase, context, request, where);
            case "shell" -> shellTests(phase, where);
            default -> throw new SpecificationException(where + ": discover method '" + phase.how()
                    + "' is not supported (use fmf or shell)");
        };
    }

    private List<TmtTest> fmfTests(DiscoverPhase phase, Context context, DiscoverRequest request, String where) {
        if (phase.url() != null) {
            throw new SpecificationException(where + ": discovering tests from a remote repository (url "
                    + phase.url() + ") is not supported yet");
        }
        TmtTree source = phase.path() == null ? tree : TmtTree.load(resolve(phase.path()));
        List<TmtTest> candidates = source.tests(context).stream().filter(t -> !t.manual()).toList();
        List<DiscoverPhase.TestSelector> selectors = request.test() != null
                ? request.test().stream().map(DiscoverPhase.TestSelector::of).toList()
                : phase.test();
        List<TmtTest> selected = new ArrayList<>();
        if (selectors.isEmpty()) {
            selected.addAll(candidates);
        } else {
            for (DiscoverPhase.TestSelector selector : selectors) {
                for (TmtTest test : candidates) {
                    if (PyRegex.search(selector.name(), test.name())) {
                        selected.add(selector.rule().isEmpty() ? test : applyRules(test, List.of(selector.rule()), context, source));
                    }
                }
            }
        }
        if (!phase.adjustTests().isEmpty()) {
            selected.replaceAll(test -> applyRules(test, phase.adjustTests(), context, source));
        }
        TestQuery query = new TestQuery(context, List.of(),
                TestQuery.filters(request.filter() != null ? request.filter() : phase.filter()),
                request.link() != null ? request.link() : phase.link(),
                request.exclude() != null ? request.exclude() : phase.exclude(),
                request.include() != null ? request.include() : phase.include());
        return selected.stream().filter(query::test).toList();
    }

    /** Applies adjust rules (a discover {@code test} item's keys, or {@code adjust-tests}) to one test. */
    private static TmtTest applyRules(TmtTest test, List<Map<String, Object>> rules, Context context, TmtTree source) {
        Map<String, Object> data = new LinkedHashMap<>(test.data());
        for (Map<String, Object> rule : rules) {
            Map<String, Object> copy = new LinkedHashMap<>(rule);
            Object when = copy.containsKey("when") ? copy.get("when") : Boolean.TRUE;
            Object continues = copy.getOrDefault("continue", Boolean.TRUE);
            copy.keySet().removeAll(List.of("when", "because", "continue"));
            if (context.matches(when, false) == Decision.TRUE) {
                FmfMerge.mergeInto(data, copy, "test '" + test.name() + "'");
                if (Boolean.FALSE.equals(continues)) {
                    break;
                }
            }
        }
        var node = source.adjusted(context).find(test.name()).orElseThrow();
        return TmtTest.of(test.name(), data, node.rawData(), node.sources(), source.root(),
                node.definedIn().map(Object::toString).orElse(null));
    }

    private List<TmtTest> shellTests(DiscoverPhase phase, String where) {
        List<TmtTest> tests = new ArrayList<>();
        for (Map<String, Object> item : phase.shellTests()) {
            Object name = item.get("name");
            if (name == null) {
                throw new SpecificationException(where + ": every test needs a 'name'");
            }
            String testName = name.toString().startsWith("/") ? name.toString() : "/" + name;
            tests.add(TmtTest.of(testName, item, item, List.of(), tree.root(), null));
        }
        return tests;
    }

    /** A plan whose {@code execute} has a {@code script} and that discovers nothing runs the script as its only test. */
    private List<DiscoveredTest> executeScriptTests(TmtPlan plan, DiscoverRequest request) {
        List<DiscoveredTest> tests = new ArrayList<>();
        for (ExecutePhase phase : plan.execute()) {
            if (phase.script().isEmpty()) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("test", String.join("\n", phase.script()));
            TmtTest test = TmtTest.of("/script", data, data, List.of(), tree.root(), null);
            if (TestQuery.anySearch(request.names(), test.name())) {
                tests.add(new DiscoveredTest(test.name(), tests.size() + 1, phase.name(), test));
            }
        }
        return tests;
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || tree.root() == null ? p : tree.root().resolve(p);
    }
}
