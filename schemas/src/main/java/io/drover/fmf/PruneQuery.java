package io.drover.fmf;

import io.drover.fmf.filter.Filter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What fmf's {@code prune} (and {@code fmf ls}) selects: every listed key present, any
 * name pattern found ({@code re.search}), any source file among the node's sources, every
 * filter passing (a filter that cannot be evaluated on a node excludes it).
 *
 * @param whole   climb every node, not only leaves and {@code select: true} nodes
 * @param keys    keys that must all be present
 * @param names   regular expressions, one of which must be found in the node name
 * @param filters parsed filter expressions, all of which must pass
 * @param sources absolute paths, one of which must be among the node's sources
 */
public record PruneQuery(boolean whole, List<String> keys, List<String> names, List<Filter> filters,
                         Set<Path> sources) {
    public PruneQuery {
        keys = List.copyOf(keys);
        names = List.copyOf(names);
        filters = List.copyOf(filters);
        sources = Set.copyOf(sources);
    }

    /** Leaves and selected nodes, no conditions: {@code fmf ls}. */
    public static PruneQuery leaves() {
        return new PruneQuery(false, List.of(), List.of(), List.of(), Set.of());
    }

    public PruneQuery withWhole(boolean whole) {
        return new PruneQuery(whole, keys, names, filters, sources);
    }

    public PruneQuery withKeys(List<String> keys) {
        return new PruneQuery(whole, keys, names, filters, sources);
    }

    public PruneQuery withNames(List<String> names) {
        return new PruneQuery(whole, keys, names, filters, sources);
    }

    public PruneQuery withFilters(List<Filter> filters) {
        return new PruneQuery(whole, keys, names, filters, sources);
    }

    public PruneQuery withSources(Set<Path> sources) {
        return new PruneQuery(whole, keys, names, filters, sources);
    }

    boolean test(FmfNode node) {
        for (String key : keys) {
            if (!node.data.containsKey(key)) {
                return false;
            }
        }
        if (!names.isEmpty() && names.stream().noneMatch(n -> PyRegex.search(n, node.name()))) {
            return false;
        }
        if (!sources.isEmpty() && node.sources.stream().noneMatch(sources::contains)) {
            return false;
        }
        for (Filter filter : filters) {
            try {
                if (!filter.matches(node.data, node.name())) {
                    return false;
                }
            } catch (FilterException e) {
                return false;
            }
        }
        return true;
    }
}
