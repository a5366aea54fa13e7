package io.drover.tmt;

import io.drover.fmf.Adjustment;
import io.drover.fmf.FmfNode;
import io.drover.fmf.FmfTree;
import io.drover.fmf.Parallel;
import io.drover.fmf.context.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An fmf tree seen as tmt sees it: the tree adjusted for a context (case-insensitively,
 * undecidable rules skipped), its tests (selected nodes with a {@code test} key) and its
 * plans (selected nodes with an {@code execute} key), each sorted by {@code order} after
 * the fmf name order. Adjusted trees are kept per context, so discovering many plans that
 * share a context reads and adjusts the tree once.
 */
public final class TmtTree {
    private static final Comparator<TmtTest> TEST_ORDER = Comparator.comparingInt(TmtTest::order);
    private static final Comparator<TmtPlan> PLAN_ORDER = Comparator.comparingInt(TmtPlan::order);

    private final FmfTree fmf;
    private final Map<Context, Adjusted> adjusted = new ConcurrentHashMap<>();

    private TmtTree(FmfTree fmf) {
        this.fmf = fmf;
    }

    public static TmtTree load(Path path) {
        return new TmtTree(FmfTree.load(path));
    }

    public static TmtTree of(FmfTree fmf) {
        return new TmtTree(fmf);
    }

    public Path root() {
        return fmf.root();
    }


    /** The tree adjusted for {@code context} the way tmt does it. */
    public FmfTree adjusted(Context context) {
        return adjustedFor(context).tree();
    }

    /** Every test of the tree adjusted for {@code context}, disabled and manual ones included, in tmt's order. */
    public List<TmtTest> tests(Context context) {
        return adjustedFor(context).tests();
    }

    /** Every plan of the tree adjusted for {@code context}, disabled ones included, in tmt's order. */
    public List<TmtPlan> plans(Context context) {
        return adjustedFor(context).plans();
    }

    /** {@code tmt tests ls}: the tests that pass the query, each once. */
    public List<TmtTest> tests(TestQuery query) {
        List<TmtTest> selected = new ArrayList<>();
        for (TmtTest test : tests(query.context())) {
            if (query.matchesName(test.name()) && query.test(test)) {
                selected.add(test);
            }
        }
        return selected;
    }

    /** {@code tmt plans ls}: plans whose name matches any of the patterns (all when none). */
    public List<TmtPlan> plans(Context context, List<String> names) {
        return plans(context).stream().filter(p -> TestQuery.anySearch(names, p.name())).toList();
    }

    private Adjusted adjustedFor(Context context) {
        return adjusted.computeIfAbsent(context, c -> {
            FmfTree tree = fmf.adjusted(Adjustment.tmt(c));
            List<FmfNode> testNodes = new ArrayList<>();
            List<TmtPlan> plans = new ArrayList<>();
            for (FmfNode node : tree.climb(false)) {
                if (node.data().containsKey("test")) {
                    testNodes.add(node);
                } else if (node.data().containsKey("execute") || node.data().containsKey("plan")) {
                    plans.add(TmtPlan.of(node));
                }
            }
            List<TmtTest> tests = new ArrayList<>(Parallel.map(testNodes, node -> TmtTest.of(node, tree.root())));
            tests.sort(TEST_ORDER);
            plans.sort(PLAN_ORDER);
            return new Adjusted(tree, List.copyOf(tests), List.copyOf(plans));
        });
    }

    private record Adjusted(FmfTree tree, List<TmtTest> tests, List<TmtPlan> plans) {
    }
}
