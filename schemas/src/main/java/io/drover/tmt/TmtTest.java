package io.drover.tmt;

import io.drover.fmf.FmfNode;
import io.drover.fmf.PyValues;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tmt test (an L1 object): the fmf node's keys normalized with tmt's defaults. Built
 * once at discovery and passed unchanged to whoever runs it; nobody reads YAML again.
 *
 * @param name        the fmf node name, {@code /tests/smoke}
 * @param test        the shell script to run
 * @param path        the test's directory relative to the tree root, {@code /} or {@code /tests/smoke}
 * @param duration    tmt duration text, {@code 5m} by default
 * @param durationSeconds the duration in seconds
 * @param tier        null or the tier as text ({@code 1} becomes {@code "1"})
 * @param sources     the fmf files the test was read from, relative to the tree root
 * @param data        the node's whole data after adjust, unknown keys included
 */
public record TmtTest(String name, String summary, String description, String test, String path,
                      String framework, boolean manual, List<Requirement> require, List<Requirement> recommend,
                      Map<String, String> environment, String duration, long durationSeconds, String result,
                      List<String> tag, String tier, boolean enabled, int order, String id, List<Link> link,
                      List<Map<String, Object>> check, List<Integer> restartOnExitCode, int restartMaxCount,
                      boolean restartWithReboot, boolean tty, List<String> where, List<String> contact,
                      List<String> component, List<String> author, List<String> sources,
                      Map<String, Object> data) {
    public static final List<String> RESULTS = List.of("respect", "xfail", "pass", "info", "warn", "error",
            "fail", "custom", "restraint");
    public static final List<String> FRAMEWORKS = List.of("shell", "beakerlib");

    public TmtTest {
        data = Collections.unmodifiableMap(data);
    }

    /** A test from an fmf node that has the key {@code test}. */
    public static TmtTest of(FmfNode node, Path root) {
        return of(node.name(), node.data(), node.rawData(), node.sources(), root,
                node.definedIn().map(Path::toString).orElse(null));
    }

    /** A test from data (for a node whose data was changed further, e.g. by a discover rule). */
    public static TmtTest of(String name, Map<String, Object> nodeData, Map<String, Object> rawData,
                             List<Path> sources, Path root, String file) {
        Map<String, Object> data = nodeData;
        String where = "test '" + name + "'" + (file == null ? "" : " (" + file + ")");
        MetadataReader keys = new MetadataReader(data, where);
        if (!(data.get("test") instanceof String script) || script.isBlank()) {
            throw keys.error("test", "is required and should be the shell command to run, got '"
                    + PyValues.str(data.get("test")) + "'");
        }
        String duration = keys.string("duration", TmtDuration.DEFAULT);
        long seconds;
        try {
            seconds = TmtDuration.toSeconds(duration);
        } catch (IllegalArgumentException e) {
            throw keys.error("duration", "is invalid: " + e.getMessage());
        }
        if (data.containsKey("id") && data.get("id") != null && !rawData.containsKey("id")) {
            throw keys.error("id", "must be defined in the test itself, not inherited");
        }
        List<String> relativeSources = new ArrayList<>();
        for (Path source : sources) {
            relativeSources.add(root == null ? source.toString() : relative(root, source));
        }
        return new TmtTest(name,
                keys.string("summary", null),
                keys.string("description", null),
                script,
                keys.string("path", defaultPath(sources, root)),
                keys.choice("framework", "shell", FRAMEWORKS),
                keys.bool("manual", false),
                Requirement.parse(data.get("require"), where),
                Requirement.parse(data.get("recommend"), where),
                keys.stringMap("environment"),
                duration,
                seconds,
                keys.choice("result", "respect", RESULTS),
                keys.stringList("tag"),
                keys.string("tier", null),
                keys.bool("enabled", true),
                keys.integer("order", 50),
                keys.string("id", null),
                Link.parse(data.get("link"), where),
                checks(keys),
                keys.integerList("restart-on-exit-code"),
                keys.integer("restart-max-count", 1),
                keys.bool("restart-with-reboot", false),
                keys.bool("tty", false),
                keys.has("where") ? keys.stringList("where") : null,
                keys.stringList("contact"),
                keys.stringList("component"),
                keys.stringList("author"),
                List.copyOf(relativeSources),
                data);
    }

    /** tmt's default path: the directory of the last source file, relative to the root. */
    private static String defaultPath(List<Path> sources, Path root) {
        if (sources.isEmpty() || root == null) {
            return "/";
        }
        Path dir = sources.get(sources.size() - 1).getParent();
        String relative = relative(root, dir).replace('\\', '/');
        return relative.isEmpty() ? "/" : "/" + relative;
    }

    /** {@code root.relativize(path)} as text; a path below the root is cut as a string, which costs far less. */
    private static String relative(Path root, Path path) {
        String base = root.toString();
        String full = path.toString();
        if (full.equals(base)) {
            return "";
        }
        if (full.startsWith(base) && full.length() > base.length() && full.charAt(base.length()) == '/'
                && !base.endsWith("/") && path.isAbsolute() == root.isAbsolute()) {
            return full.substring(base.length() + 1);
        }
        return root.relativize(path).toString();
    }

    private static List<Map<String, Object>> checks(MetadataReader keys) {
        Object value = keys.raw("check");
        List<Map<String, Object>> checks = new ArrayList<>();
        if (value == null) {
            return checks;
        }
        for (Object item : value instanceof List<?> list ? list : List.of(value)) {
            if (item instanceof String how) {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("how", how);
                checks.add(check);
            } else if (item instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> check = (Map<String, Object>) map;
                checks.add(check);
            } else {
                throw keys.error("check", "should be a check name or a mapping, got '" + PyValues.str(item) + "'");
            }
        }
        return checks;
    }

    /** The keys {@code tmt tests export} prints, sorted. */
    public static final List<String> EXPORT_KEYS = List.of("author", "check", "component", "contact",
            "description", "duration", "enabled", "environment", "framework", "id", "link", "manual", "name",
            "order", "path", "recommend", "require", "restart-max-count", "restart-on-exit-code",
            "restart-with-reboot", "result", "sources", "summary", "tag", "test", "tier", "tty", "where");

    /** The keys and values {@code tmt tests export} prints, sorted by key. */
    public Map<String, Object> export() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : EXPORT_KEYS) {
            out.put(key, exported(key));
        }
        return out;
    }

    /** One key of {@link #export()}. */
    public Object exported(String key) {
        return switch (key) {
            case "name" -> name;
            case "summary" -> summary;
            case "description" -> description;
            case "test" -> test;
            case "path" -> path;
            case "framework" -> framework;
            case "manual" -> manual;
            case "require" -> require.stream().map(Requirement::export).toList();
            case "recommend" -> recommend.stream().map(Requirement::export).toList();
            case "environment" -> environment;
            case "duration" -> duration;
            case "result" -> result;
            case "tag" -> tag;
            case "tier" -> tier;
            case "enabled" -> enabled;
            case "order" -> (long) order;
            case "id" -> id;
            case "link" -> link.stream().map(Link::export).toList();
            case "check" -> check;
            case "restart-on-exit-code" -> restartOnExitCode.stream().map(Integer::longValue).toList();
            case "restart-max-count" -> (long) restartMaxCount;
            case "restart-with-reboot" -> restartWithReboot;
            case "tty" -> tty;
            case "where" -> where;
            case "contact" -> contact;
            case "component" -> component;
            case "author" -> author;
            case "sources" -> sources;
            default -> throw new IllegalArgumentException("not an exported key: " + key);
        };
    }

    /**
     * What tmt's {@code --filter} sees: the node data overlaid with the normalized keys and
     * the name; every boolean also matches its lowercase text ({@code enabled:true}). A view
     * that computes only the keys a filter asks for.
     */
    public Map<String, Object> filterData() {
        return new FilterView(this);
    }

    private static final class FilterView extends AbstractMap<String, Object> {
        private static final java.util.Set<String> EXPORTED = java.util.Set.copyOf(EXPORT_KEYS);
        private final TmtTest test;

        FilterView(TmtTest test) {
            this.test = test;
        }

        @Override
        public boolean containsKey(Object key) {
            return EXPORTED.contains(key) || test.data.containsKey(key);
        }

        @Override
        public Object get(Object key) {
            Object value = EXPORTED.contains(key) ? test.exported((String) key) : test.data.get(key);
            return value instanceof Boolean b ? List.of(PyValues.str(b), PyValues.str(b).toLowerCase()) : value;
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>(test.data);
            all.putAll(test.export());
            all.replaceAll((key, value) -> get(key));
            return all.entrySet();
        }
    }

    /** Whether any link matches any of the needles ({@code RELATION:TARGET}); true for no needles. */
    public boolean hasLink(List<String> needles) {
        if (needles.isEmpty()) {
            return true;
        }
        for (String needle : needles) {
            for (Link l : link) {
                if (l.matches(needle)) {
                    return true;
                }
            }
        }
        return false;
    }
}
