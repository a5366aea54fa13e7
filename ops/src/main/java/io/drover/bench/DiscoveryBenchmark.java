package io.drover.bench;

import io.drover.fmf.Adjustment;
import io.drover.fmf.FmfTree;
import io.drover.fmf.context.Context;
import io.drover.tmt.DiscoverRequest;
import io.drover.tmt.Discovery;
import io.drover.tmt.PlanTests;
import io.drover.tmt.TmtTest;
import io.drover.tmt.TmtTree;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The discovery benchmark (not a unit test; see docs/benchmarks.md and bench/discovery.sh).
 *
 * <pre>
 * java -cp ops/target/drover.jar io.drover.bench.DiscoveryBenchmark generate DIR [--tests 10000] [--files 1000] [--seed 1]
 * java -cp ops/target/drover.jar io.drover.bench.DiscoveryBenchmark run DIR [--iterations 10]
 * </pre>
 *
 * {@code run} times, in one JVM, each iteration's phases: (a) {@code FmfTree.load},
 * (b) {@code adjusted} with the context, (c) discovery of every plan through
 * {@code TmtTree.of(tree)} and {@code Discovery}, split into (c1) the tmt model (the tree
 * adjusted again inside TmtTree and every test normalized) and (c2) the plans' selection.
 * It prints the first (cold JVM) iteration and the median of the others, then the heap.
 */
public final class DiscoveryBenchmark {
    private static final String[] PHASES = {"a  FmfTree.load", "b  adjusted(context)", "c1 TmtTree tests(context)",
        "c2 Discovery.discover", "c  discovery (c1+c2)", "   load + discovery (a+c)"};

    private DiscoveryBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || !List.of("generate", "run").contains(args[0])) {
            System.err.println("""
                    usage: DiscoveryBenchmark generate DIR [--tests 10000] [--files 1000] [--seed 1]
                           DiscoveryBenchmark run DIR [--iterations 10]""");
            System.exit(64);
        }
        Path dir = Path.of(args[1]);
        Map<String, String> options = options(Arrays.copyOfRange(args, 2, args.length));
        if ("generate".equals(args[0])) {
            int tests = Integer.parseInt(options.getOrDefault("--tests", "10000"));
            int files = Integer.parseInt(options.getOrDefault("--files", "1000"));
            long seed = Long.parseLong(options.getOrDefault("--seed", "1"));
            TreeGenerator.Shape shape = new TreeGenerator(dir, tests, files, seed).generate();
            System.out.printf(Locale.ROOT, "generated %s: %d tests in %d test files, %d component directories,"
                            + " %d .fmf files, %d bytes (seed %d)%n", dir, shape.tests(), shape.testFiles(),
                    shape.directories(), shape.fmfFiles(), shape.bytes(), seed);
        } else {
            run(dir, Integer.parseInt(options.getOrDefault("--iterations", "10")));
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option VALUE, got " + String.join(" ", args));
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static Context context() {
        Map<String, Object> dimensions = new LinkedHashMap<>();
        dimensions.put("distro", "fedora-41");
        dimensions.put("arch", "x86_64");
        return Context.of(dimensions);
    }

    private static void run(Path dir, int iterations) throws IOException {
        checkIterations(iterations);
        Context context = context();
        printSetup(dir, context);
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);

        double[][] millis = new double[iterations][PHASES.length];
        List<String> counts = null;
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            FmfTree fmf = FmfTree.load(dir);
            long t1 = System.nanoTime();
            FmfTree adjusted = fmf.adjusted(Adjustment.tmt(context));
            long t2 = System.nanoTime();
            TmtTree tmt = TmtTree.of(fmf);
            List<TmtTest> tests = tmt.tests(context);
            long t3 = System.nanoTime();
            List<PlanTests> discovered = new Discovery(tmt).discover(DiscoverRequest.all(context));
            long t4 = System.nanoTime();
            millis[i] = new double[] {ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t4 - t2),
                ms(t1 - t0) + ms(t4 - t2)};
            List<String> now = describe(fmf, adjusted, tests, discovered);
            if (counts != null && !counts.equals(now)) {
                throw new IllegalStateException("iteration " + (i + 1) + " discovered something else: " + now);
            }
            counts = now;
            if (i == 0) {
                System.out.printf(Locale.ROOT, "peak heap after the cold iteration: %.1f MiB%n",
                        mib(peak(heapPools)));
            }
            System.gc(); // outside the timed region, so each iteration starts from a collected heap
        }
        System.out.println();
        counts.forEach(System.out::println);

        System.out.println();
        System.out.printf(Locale.ROOT, "%-28s %10s %14s %10s %10s%n", "phase (ms)", "cold", "warm median",
                "warm min", "warm max");
        for (int p = 0; p < PHASES.length; p++) {
            double[] warm = new double[iterations - 1];
            for (int i = 1; i < iterations; i++) {
                warm[i - 1] = millis[i][p];
            }
            Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "%-28s %10.1f %14.1f %10.1f %10.1f%n", PHASES[p], millis[0][p],
                    median(warm), warm[0], warm[warm.length - 1]);
        }
        System.out.printf(Locale.ROOT, "(warm: iterations 2..%d; a System.gc() runs between iterations)%n",
                iterations);
        StringBuilder each = new StringBuilder("load + discovery (a+c) by iteration, ms:");
        for (double[] iteration : millis) {
            each.append(String.format(Locale.ROOT, " %.0f", iteration[5]));
        }
        System.out.println(each);

        long peakAll = peak(heapPools);
        System.out.println();
        memory(dir, context);
        System.out.printf(Locale.ROOT, "peak heap over all %d iterations (sum of heap pools' peaks): %.1f MiB%n",
                iterations, mib(peakAll));
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        System.out.printf(Locale.ROOT, "collections: %d, %d ms in total (explicit System.gc() included)%n",
                gcCount, gcMillis);
        double[] summaryWarm = new double[iterations - 1];
        for (int i = 1; i < iterations; i++) {
            summaryWarm[i - 1] = millis[i][5];
        }
        Arrays.sort(summaryWarm);
        System.out.printf(Locale.ROOT, "SUMMARY in-process load+discovery: cold %.0f ms, warm median %.0f ms;"
                + " peak heap %.0f MiB%n", millis[0][5], median(summaryWarm), mib(peakAll));
    }

    /** Heap retained by each structure: used heap after a full GC, before and after building it. */
    private static void memory(Path dir, Context context) {
        long base = usedAfterGc();
        FmfTree fmf = FmfTree.load(dir);
        long afterLoad = usedAfterGc();
        FmfTree adjusted = fmf.adjusted(Adjustment.tmt(context));
        long afterAdjust = usedAfterGc();
        TmtTree tmt = TmtTree.of(fmf);
        List<PlanTests> discovered = new Discovery(tmt).discover(DiscoverRequest.all(context));
        long afterDiscovery = usedAfterGc();
        System.out.printf(Locale.ROOT, "heap used after a full GC: %.1f MiB before loading, %.1f MiB with"
                        + " everything below alive%n", mib(base), mib(afterDiscovery));
        System.out.printf(Locale.ROOT, "  retained by the loaded FmfTree:                         %6.1f MiB%n",
                mib(afterLoad - base));
        System.out.printf(Locale.ROOT, "  retained by one adjusted copy:                          %6.1f MiB%n",
                mib(afterAdjust - afterLoad));
        System.out.printf(Locale.ROOT, "  retained by TmtTree (its adjusted copy, tests) + plans: %6.1f MiB%n",
                mib(afterDiscovery - afterAdjust));
        Reference.reachabilityFence(fmf);
        Reference.reachabilityFence(adjusted);
        Reference.reachabilityFence(tmt);
        Reference.reachabilityFence(discovered);
    }

    private static List<String> describe(FmfTree fmf, FmfTree adjusted, List<TmtTest> tests,
                                         List<PlanTests> discovered) {
        List<String> lines = new ArrayList<>();
        long enabled = tests.stream().filter(TmtTest::enabled).count();
        lines.add(String.format(Locale.ROOT, "fmf nodes: %d (%d after adjust); tmt tests: %d, %d enabled"
                        + " after adjust; plans discovered: %d", fmf.climb(true).size(),
                adjusted.climb(true).size(), tests.size(), enabled, discovered.size()));
        int total = 0;
        for (PlanTests plan : discovered) {
            lines.add(String.format(Locale.ROOT, "  %-16s %6d tests", plan.plan().name(), plan.tests().size()));
            total += plan.tests().size();
        }
        lines.add(String.format(Locale.ROOT, "  %-16s %6d tests", "(all plans)", total));
        return lines;
    }

    private static void printSetup(Path dir, Context context) throws IOException {
        long fmfFiles;
        long bytes = 0;
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(p -> p.getFileName().toString().endsWith(".fmf") && Files.isRegularFile(p)).toList();
        }
        fmfFiles = paths.size();
        for (Path p : paths) {
            bytes += Files.size(p);
        }
        var runtime = ManagementFactory.getRuntimeMXBean();
        System.out.printf(Locale.ROOT, "tree: %s (%d .fmf files, %d bytes)%n", dir, fmfFiles, bytes);
        System.out.printf(Locale.ROOT, "context: %s%n", context.dimensions());
        System.out.printf(Locale.ROOT, "jvm: %s %s, %d processors, max heap %.0f MiB, gc %s, args %s%n",
                runtime.getVmName(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
                mib(Runtime.getRuntime().maxMemory()),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                runtime.getInputArguments());
    }

    private static void checkIterations(int iterations) {
        if (iterations < 2) {
            throw new IllegalArgumentException("--iterations must be at least 2 (one cold, one or more warm)");
        }
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        // Several rounds: the last one sees what reference processing freed.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long peak(List<MemoryPoolMXBean> pools) {
        long sum = 0;
        for (MemoryPoolMXBean pool : pools) {
            sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
