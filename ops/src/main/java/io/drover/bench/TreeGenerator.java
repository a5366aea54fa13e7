package io.drover.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a deterministic, realistic fmf tree for the discovery benchmark: a root
 * {@code main.fmf} with shared keys and {@code adjust} rules, up to 50 component
 * directories (each a {@code main.fmf} with merge operators and files
 * {@code testsNNN.fmf} of {@code /name} children), and a {@code plans.fmf} with plans
 * that select tests by filter, by regexp, by exclude, or not at all. The same seed,
 * test count and file count always give the same bytes.
 */
final class TreeGenerator {
    static final int MAX_DIRECTORIES = 50;

    private static final String[] AREAS = {"kernel", "network", "storage", "security", "packaging",
        "systemd", "selinux", "firewall", "python", "compilers"};
    private static final String[] PACKAGES = {"kernel-tools", "iproute", "lvm2", "openssl", "rpm",
        "systemd", "policycoreutils", "nftables", "python3", "gcc"};
    private static final String[] ACTIONS = {"create", "remove", "list", "update", "restart", "upgrade",
        "rollback", "query", "verify", "stress", "smoke", "reload", "mount", "login", "parse", "export"};
    private static final String[] EXTRA_PACKAGES = {"jq", "curl", "strace", "tar", "gzip", "sed", "gawk"};

    private final Path dir;
    private final int tests;
    private final int files;
    private final Random random;

    /** What was written. */
    record Shape(int directories, int testFiles, int tests, int fmfFiles, long bytes) {
    }

    TreeGenerator(Path dir, int tests, int files, long seed) {
        if (files < 1 || tests < files) {
            throw new IllegalArgumentException("need at least one test file and at least one test per file,"
                    + " got --tests " + tests + " --files " + files);
        }
        this.dir = dir;
        this.tests = tests;
        this.files = files;
        this.random = new Random(seed);
    }

    Shape generate() throws IOException {
        if (Files.exists(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(dir + " exists and is not empty");
                }
            }
        }
        Files.createDirectories(dir.resolve(".fmf"));
        Counter counter = new Counter();
        counter.write(dir.resolve(".fmf/version"), "1\n");
        counter.write(dir.resolve("main.fmf"), rootMain());
        counter.write(dir.resolve("plans.fmf"), plans());
        int directories = Math.min(MAX_DIRECTORIES, files);
        int file = 0;
        for (int d = 0; d < directories; d++) {
            String component = AREAS[d % AREAS.length] + "-" + (d / AREAS.length + 1);
            Path componentDir = dir.resolve(component);
            Files.createDirectories(componentDir);
            counter.write(componentDir.resolve("main.fmf"), componentMain(d, component));
            int filesHere = files / directories + (d < files % directories ? 1 : 0);
            for (int f = 0; f < filesHere; f++, file++) {
                int testsHere = tests / files + (file < tests % files ? 1 : 0);
                counter.write(componentDir.resolve(String.format("tests%03d.fmf", f)),
                        testFile(component, f, testsHere));
            }
        }
        return new Shape(directories, files, tests, counter.files, counter.bytes);
    }

    private static final class Counter {
        int files;
        long bytes;

        void write(Path path, String text) {
            try {
                Files.writeString(path, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (path.getFileName().toString().endsWith(".fmf")) {
                files++;
            }
            bytes += text.length();
        }
    }

    private static String rootMain() {
        return """
                # Keys every test and plan of the benchmark tree inherits.
                contact: Bench Team <bench@example.org>
                component: [bench-suite]
                duration: 5m
                framework: shell
                require: [bash, coreutils]
                environment:
                    LANG: C.UTF-8
                    BENCH_TREE: "1"
                tag: [bench]
                adjust:
                  - when: distro == fedora
                    environment+:
                        PKG_MANAGER: dnf
                    tag+: [fedora]
                  - when: arch != x86_64
                    duration: 15m
                    tag+: [non-x86]
                  - when: distro < fedora-40
                    enabled: false
                    because: the suite needs a recent distribution
                """;
    }

    private String componentMain(int index, String component) {
        String area = AREAS[index % AREAS.length];
        StringBuilder out = new StringBuilder();
        out.append("summary: Tests of ").append(component).append('\n');
        out.append("component+: [").append(area).append("]\n");
        out.append("tag+: [").append(area).append(", ").append(component).append("]\n");
        out.append("environment+:\n    COMPONENT: ").append(component).append('\n');
        out.append("require+: [").append(PACKAGES[index % PACKAGES.length]).append("]\n");
        if (index % 3 == 0) {
            out.append("""
                    adjust+:
                      - when: distro == centos-stream-9 and arch == s390x
                        enabled: false
                        because: no s390x builders for this component
                    """);
        }
        if (index % 4 == 1) {
            out.append("duration: 10m\n");
        }
        return out.toString();
    }

    private String testFile(String component, int fileIndex, int count) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(component).append(", group ").append(fileIndex).append('\n');
        out.append("summary: ").append(component).append(" group ").append(fileIndex).append('\n');
        if (random.nextInt(4) == 0) {
            out.append("tier: ").append(1 + random.nextInt(3)).append('\n');
        }
        if (random.nextInt(5) == 0) {
            out.append("require+: [").append(pick(EXTRA_PACKAGES)).append("]\n");
        }
        for (int t = 0; t < count; t++) {
            String action = pick(ACTIONS);
            String name = action + "-" + t;
            out.append('\n').append('/').append(name).append(":\n");
            out.append("    summary: ").append(component).append(' ').append(action).append(", case ").append(t).append('\n');
            out.append("    test: ./run.sh ").append(action).append(' ').append(t).append('\n');
            boolean flaky = random.nextInt(10) == 0;
            if (random.nextInt(8) == 0) {
                // Replaces the inherited tags instead of adding to them.
                out.append("    tag: [").append(action).append(flaky ? ", flaky" : "").append("]\n");
            } else {
                out.append("    tag+: [").append(action).append(flaky ? ", flaky" : "").append("]\n");
            }
            if (random.nextInt(6) != 0) {
                out.append("    tier: ").append(1 + random.nextInt(3)).append('\n');
            }
            if (random.nextInt(10) == 0) {
                out.append("    order: ").append(10 + 10 * random.nextInt(9)).append('\n');
            }
            if (random.nextInt(33) == 0) {
                out.append("    enabled: false\n");
            }
            if (random.nextInt(12) == 0) {
                out.append("    duration: ").append(1 + random.nextInt(30)).append("m\n");
            }
            if (random.nextInt(10) == 0) {
                out.append("    require+: [").append(pick(EXTRA_PACKAGES)).append("]\n");
            }
            if (random.nextInt(5) == 0) {
                out.append("    environment+:\n        CASE: \"").append(t).append("\"\n");
            }
            if (random.nextInt(4) == 0) {
                out.append("    adjust+:\n");
                int rules = 1 + random.nextInt(2);
                for (int r = 0; r < rules; r++) {
                    out.append(adjustRule());
                }
            }
        }
        return out.toString();
    }

    private String adjustRule() {
        return switch (random.nextInt(5)) {
            case 0 -> """
                          - when: arch == aarch64
                            enabled: false
                            because: not supported on aarch64
                    """;
            case 1 -> """
                          - when: distro >= fedora-41
                            environment+:
                                NEW_API: "1"
                            tag+: [new-api]
                    """;
            case 2 -> """
                          - when: distro ~ ^centos
                            tag+: [centos]
                    """;
            case 3 -> """
                          - when: distro == fedora and arch == x86_64
                            duration: 20m
                            continue: false
                    """;
            default -> """
                          - when: distro < fedora-41 or arch == ppc64le
                            tag+: [flaky]
                            because: known to be unstable there
                    """;
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String plans() {
        return """
                # Plans of the benchmark tree; they inherit the root keys as tmt plans do.
                discover:
                    how: fmf
                execute:
                    how: tmt

                /smoke:
                    summary: Tier 1 tests
                    discover+:
                        filter: "tier: 1"

                /network:
                    summary: Network tests, then the first groups of firewall tests
                    discover+:
                        test:
                          - '^/network-'
                          - '^/firewall-\\d+/tests00[0-4]/'

                /stable:
                    summary: Tier 2 without flaky tests, python and stress tests
                    discover+:
                        filter:
                          - "tier: 2"
                          - "tag: -flaky"
                        exclude:
                          - '^/python-'
                          - '/stress-'

                /fedora:
                    summary: Tests the adjust rules tagged for Fedora
                    discover+:
                        filter: "tag: fedora"

                /full:
                    summary: Every enabled test
                """;
    }
}
