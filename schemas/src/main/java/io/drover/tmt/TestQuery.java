package io.drover.tmt;

import io.drover.fmf.FilterException;
import io.drover.fmf.PyRegex;
import io.drover.fmf.context.Context;
import io.drover.fmf.filter.Filter;
import java.nio.file.Path;
import java.util.List;

/**
 * How tmt selects tests: names ({@code re.search}, any), filters over the normalized
 * metadata (all; one that cannot be evaluated excludes the test), links (any needle),
 * excludes (none may match), includes (one must match when given).
 */
public record TestQuery(Context context, List<String> names, List<Filter> filters, List<String> links,
                        List<String> excludes, List<String> includes) {
    public TestQuery {
        names = List.copyOf(names);
        filters = List.copyOf(filters);
        links = List.copyOf(links);
        excludes = List.copyOf(excludes);
        includes = List.copyOf(includes);
    }

    public static TestQuery all(Context context) {
        return new TestQuery(context, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Parses filter expressions as tmt does: regular expressions, case-sensitive. */
    public static List<Filter> filters(List<String> expressions) {
        return expressions.stream().map(f -> Filter.parse(f, true, true)).toList();
    }

    boolean matchesName(String name) {
        return anySearch(names, name);
    }

    /** The filters, links, excludes and includes; not the names. */
    public boolean test(TmtTest test) {
        if (!filters.isEmpty()) {
            var data = test.filterData();
            for (Filter filter : filters) {
                try {
                    if (!filter.matches(data, null)) {
                        return false;
                    }
                } catch (FilterException e) {
                    return false;
                }
            }
        }
        if (!test.hasLink(links)) {
            return false;
        }
        for (String exclude : excludes) {
            if (PyRegex.search(exclude, test.name())) {
                return false;
            }
        }
        return includes.isEmpty() || anySearch(includes, test.name());
    }

    /** True when there are no patterns or any of them is found in {@code name}. */
    static boolean anySearch(List<String> patterns, String name) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String pattern : patterns) {
            if (PyRegex.search(pattern, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * tmt's {@code .} name: "the objects under the current directory". {@code cwd} relative to
     * the tree root becomes {@code ^/dir(/|$)}; at the root, everything. Other names pass as they are.
     */
    public static String resolveDot(String name, Path root, Path cwd) {
        if (!".".equals(name) || root == null) {
            return name;
        }
        Path relative = root.toAbsolutePath().normalize().relativize(cwd.toAbsolutePath().normalize());
        String dir = relative.toString().replace('\\', '/');
        if (dir.isEmpty()) {
            return "^/";
        }
        StringBuilder escaped = new StringBuilder("^/");
        for (char c : dir.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.append("(/|$)").toString();
    }
}
