package io.drover.fmf;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An fmf metadata tree, read exactly as fmf reads it: root found upwards by
 * {@code .fmf/version}, {@code main.fmf} and {@code X.fmf} files, {@code /key} children,
 * one node scattered over several files, hidden entries only when {@code .fmf/config}
 * lists them, nested trees skipped, then inheritance with the merge operators. Use
 * {@link #adjusted} to get a copy adjusted for a context; this tree is not changed.
 */
public final class FmfTree {
    private static final Set<String> IGNORED_DIRECTORIES = Set.of("/dev", "/proc", "/sys");
    /** Trees started by {@link #loadAhead}, by root, until {@link #load} takes them. */
    private static final Map<Path, CompletableFuture<FmfTree>> LOADING_AHEAD = new ConcurrentHashMap<>();

    private final Path root;
    private final FmfNode top;
    /** Made on the first {@link #find}: most commands never ask for a node by name. */
    private volatile Map<String, FmfNode> byName;

    private FmfTree(Path root, FmfNode top) {
        this.root = root;
        this.top = top;
    }

    /** Loads the tree containing {@code start} (a directory inside the tree, or its root). */
    public static FmfTree load(Path start) {
        Path root = findRoot(start);
        CompletableFuture<FmfTree> ahead = LOADING_AHEAD.remove(root);
        if (ahead != null) {
            try {
                return ahead.join();
            } catch (CompletionException e) {
                // loaded again below, so that the error is thrown here as it would have been
            }
        }
        return load(root, null);
    }

    /**
     * Starts loading the tree containing {@code start} on a daemon thread, for the next {@link #load} of that tree
     * to take: a command line calls this before parsing its arguments, which takes picocli about as long as loading
     * a big tree from the parse cache. Does nothing when {@code start} is in no tree.
     */
    public static void loadAhead(Path start) {
        Path root;
        try {
            root = findRoot(start);
        } catch (FmfException e) {
            return;
        }
        CompletableFuture<FmfTree> tree = new CompletableFuture<>();
        if (LOADING_AHEAD.putIfAbsent(root, tree) == null) {
            Thread thread = new Thread(() -> {
                try {
                    tree.complete(load(root, null));
                } catch (Throwable e) {
                    tree.completeExceptionally(e);
                }
            }, "fmf-load-ahead");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Loads with this parse cache; null = the configured one ({@link ParseCache#forTree}). */
    static FmfTree load(Path start, ParseCache cache) {
        Path root = findRoot(start);
        TreeReader reader = new TreeReader(root, readExploreIncludes(root),
                cache != null ? cache : ParseCache.forTree(root));
        FmfNode top = new FmfNode("/", null);
        reader.read(root, top);
        inherit(top);
        return new FmfTree(root, top);
    }

    /** A tree built from in-memory data, as fmf's {@code Tree(dict)}: no files, no root. */
    public static FmfTree fromData(Map<String, ?> data) {
        FmfNode top = new FmfNode("/", null);
        new TreeReader(null, Set.of(), null).update(top, data, null);
        inherit(top);
        return new FmfTree(null, top);
    }

    /** The nearest directory at or above {@code start} that contains {@code .fmf/}. */
    public static Path findRoot(Path start) {
        Path path = start.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new FmfFileException("Invalid directory path '" + start + "': it does not exist");
        }
        if (!Files.isDirectory(path)) {
            path = path.getParent();
        }
        for (Path dir = path; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".fmf"))) {
                checkVersion(dir);
                return dir;
            }
        }
        throw new FmfFileException("Unable to find tree root for '" + start
                + "': no .fmf directory there or above (create one with a .fmf/version file containing 1)");
    }

    private static void checkVersion(Path root) {
        Path version = root.resolve(".fmf/version");
        String text;
        try {
            text = Files.readString(version);
        } catch (IOException e) {
            throw new FmfFormatException(version + ": Unable to detect format version (the file is missing)");
        }
        try {
            Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new FmfFormatException(version + ": Invalid version format '" + text.strip() + "' (expected 1)");
        }
    }

    private static Set<String> readExploreIncludes(Path root) {
        Path config = root.resolve(".fmf/config");
        if (!Files.isRegularFile(config)) {
            return Set.of();
        }
        Object data = FmfYaml.load(config);
        if (!(data instanceof Map<?, ?> map) || !(map.get("explore") instanceof Map<?, ?> explore)) {
            return Set.of();
        }
        Object include = explore.get("include");
        if (include == null) {
            return Set.of();
        }
        if (!(include instanceof List<?> list)) {
            throw new FmfFormatException(config + ":" + FmfYaml.lineOf(explore, "include")
                    + ": explore.include should be a list of names, got a '" + PyValues.typeName(include) + "'");
        }
        Set<String> names = new HashSet<>();
        for (Object item : list) {
            String name = PyValues.str(item);
            if (".fmf".equals(name)) {
                throw new FmfFormatException(config + ": explore.include cannot contain '.fmf'");
            }
            names.add(name);
        }
        return names;
    }

    /** Reads directories and files into nodes. */
    private static final class TreeReader {
        private final Path root;
        private final Set<String> exploreIncludes;
        private final Set<Path> visitedDirectories = new HashSet<>();
        private final Path cwd = Path.of("").toAbsolutePath();
        private final ParseCache cache;

        TreeReader(Path root, Set<String> exploreIncludes, ParseCache cache) {
            this.root = root;
            this.exploreIncludes = exploreIncludes;
            this.cache = cache;
        }

        /**
         * A directory as fmf reads it: metadata files in reading order, then sub-directories in order; with each
         * file's stamp as listed, before it is read (null when it could not be read).
         */
        private record Listing(Path directory, List<String> files, Map<String, FileStamp> stamps,
                               List<Map.Entry<String, Listing>> directories) {
        }

        /**
         * Reads the tree below {@code directory} into {@code node}. The files are parsed in
         * parallel first (YAML parsing is most of the work), or taken from the parse cache
         * when unchanged; the nodes are then built in fmf's order, and the first bad file in
         * that order is the one reported.
         */
        void read(Path directory, FmfNode node) {
            Listing listing = list(directory);
            if (listing == null) {
                return;
            }
            Map<Path, FileStamp> files = new LinkedHashMap<>();
            collect(listing, files);
            Map<Path, Object> parsed = new ConcurrentHashMap<>();
            files.keySet().parallelStream().forEach(file -> {
                Object data;
                try {
                    data = cache.load(file, files.get(file), () -> FmfYaml.load(relative(file)));
                } catch (FmfException e) {
                    data = e;
                }
                parsed.put(file, data == null ? NO_DATA : data);
            });
            cache.save();
            grow(listing, node, parsed);
        }

        private static final Object NO_DATA = new Object();

        /** The directory's entries with fmf's rules, or null for a directory fmf ignores. */
        private Listing list(Path directory) {
            if (IGNORED_DIRECTORIES.contains(directory.toString())) {
                return null;
            }
            List<String> files = new ArrayList<>();
            Map<String, FileStamp> stamps = new HashMap<>();
            List<String> directories = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    // one stat for each entry: whether it is a directory, and a file's stamp for the parse cache
                    BasicFileAttributes attributes = attributes(entry);
                    if (attributes != null && attributes.isDirectory()) {
                        directories.add(name);
                    } else if (name.endsWith(".fmf") && !hidden(name)) {
                        files.add(name);
                        stamps.put(name, attributes == null ? null : FileStamp.of(attributes));
                    }
                }
            } catch (IOException | SecurityException e) {
                return null; // fmf ignores directories it cannot read
            }
            files.sort(PyValues::compareStrings);
            if (files.remove("main.fmf")) {
                files.add(0, "main.fmf");
            }
            directories.sort(PyValues::compareStrings);
            List<Map.Entry<String, Listing>> subdirectories = new ArrayList<>();
            for (String name : directories) {
                if (hidden(name)) {
                    continue;
                }
                Path sub = directory.resolve(name);
                if (Files.isSymbolicLink(sub)) {
                    Path real;
                    try {
                        real = sub.toRealPath();
                    } catch (IOException e) {
                        continue;
                    }
                    if (!visitedDirectories.add(real)) {
                        continue;
                    }
                }
                if (Files.isDirectory(sub.resolve(".fmf"))) {
                    continue; // a nested tree is a tree of its own
                }
                Listing listing = list(sub);
                if (listing != null) {
                    subdirectories.add(Map.entry(name, listing));
                }
            }
            return new Listing(directory, files, stamps, subdirectories);
        }

        private static BasicFileAttributes attributes(Path entry) {
            try {
                return Files.readAttributes(entry, BasicFileAttributes.class);
            } catch (IOException | SecurityException e) {
                return null;
            }
        }

        private static void collect(Listing listing, Map<Path, FileStamp> files) {
            listing.files().forEach(file -> files.put(listing.directory().resolve(file), listing.stamps().get(file)));
            listing.directories().forEach(entry -> collect(entry.getValue(), files));
        }

        private void grow(Listing listing, FmfNode node, Map<Path, Object> parsed) {
            for (String file : listing.files()) {
                Path path = listing.directory().resolve(file);
                Object data = parsed.get(path);
                if (data instanceof FmfException e) {
                    throw e;
                }
                data = data == NO_DATA ? null : data;
                if ("main.fmf".equals(file)) {
                    node.ownSources.add(path);
                    update(node, data, relative(path));
                } else {
                    FmfNode child = child(node, file.substring(0, file.length() - ".fmf".length()));
                    update(child, data, relative(path));
                    child.ownSources.add(path);
                }
            }
            for (Map.Entry<String, Listing> directory : listing.directories()) {
                grow(directory.getValue(), child(node, directory.getKey()), parsed);
            }
            // Directories without any metadata do not make nodes.
            if (node.childMap().values().removeIf(c -> c.childMap().isEmpty() && !c.updated)) {
                node.childrenChanged();
            }
        }

        private boolean hidden(String name) {
            return name.startsWith(".") && !exploreIncludes.contains(name);
        }

        /** File names in messages: relative to the current directory when inside it. */
        private Path relative(Path path) {
            return path.startsWith(cwd) ? cwd.relativize(path) : path;
        }

        private FmfNode child(FmfNode node, String segment) {
            FmfNode child = node.childMap().get(segment);
            if (child == null) {
                child = new FmfNode(node.childName(segment), node);
                node.childMap().put(segment, child);
                node.childrenChanged();
            }
            return child;
        }

        /** fmf's {@code Tree.update}: directives, {@code /children}, then plain keys overwrite raw keys. */
        void update(FmfNode node, Object data, Path file) {
            node.updated = true;
            if (file != null) {
                node.definedIn = file;
            }
            if (data == null) {
                return;
            }
            if (!(data instanceof Map<?, ?> map)) {
                throw new FmfFormatException(location(file, null, null) + "node " + node.where()
                        + " must be a mapping of keys, got a '" + PyValues.typeName(data) + "'");
            }
            if (map.containsKey("/")) {
                directives(node, map.get("/"), location(file, map, "/"));
            }
            // Error locations are built only when needed: this loop runs for every key of the tree.
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = (String) entry.getKey();
                Object value = entry.getValue();
                if (key == null) {
                    throw new FmfFormatException(location(file, map, key) + "Invalid key 'None' in " + node.where() + ".");
                }
                if ("/".equals(key)) {
                    continue;
                }
                if (key.startsWith("/")) {
                    String name = stripLeadingSlashes(key);
                    int slash = name.indexOf('/');
                    if (slash > 0) {
                        Map<String, Object> nested = new LinkedHashMap<>();
                        nested.put(name.substring(slash), value);
                        value = nested;
                        name = name.substring(0, slash);
                    }
                    if (name.isEmpty()) {
                        throw new FmfFormatException(location(file, map, key) + "Invalid child name '" + key + "' in " + node.where() + ".");
                    }
                    if (value != null && !(value instanceof Map)) {
                        throw new FmfFormatException(location(file, map, key) + "Child '" + key + "' of " + node.where()
                                + " must be a mapping, got a '" + PyValues.typeName(value) + "'.");
                    }
                    update(child(node, name), value, file);
                } else {
                    node.raw.put(key, value);
                }
            }
        }

        private static String stripLeadingSlashes(String key) {
            int start = 0;
            while (start < key.length() && key.charAt(start) == '/') {
                start++;
            }
            return key.substring(start);
        }

        private static String location(Path file, Map<?, ?> map, String key) {
            if (file == null) {
                return "";
            }
            int line = map == null ? 0 : FmfYaml.lineOf(map, key);
            return line > 0 ? file + ":" + line + ": " : file + ": ";
        }

        private void directives(FmfNode node, Object value, String at) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new FmfFormatException(at + "Invalid fmf directive in '" + node.name()
                        + "': Should be a 'dict', got a '" + PyValues.typeName(value) + "' instead.");
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = (String) entry.getKey();
                if (!"inherit".equals(key) && !"select".equals(key)) {
                    throw new FmfFormatException(at + "Unknown fmf directive '" + key + "' in '" + node.name() + "'.");
                }
                if (!(entry.getValue() instanceof Boolean)) {
                    throw new FmfFormatException(at + "Invalid fmf directive '" + key + "' in '" + node.name()
                            + "': Should be a 'bool', got a '" + PyValues.typeName(entry.getValue()) + "' instead.");
                }
                node.directives.put(key, entry.getValue());
            }
        }
    }

    /** Top-down: each node merges its raw data into a copy of its parent's merged data. */
    private static void inherit(FmfNode node) {
        FmfNode parent = node.parentOrNull();
        Map<String, Object> base;
        if (parent == null || !node.inherits()) {
            base = new LinkedHashMap<>();
            node.sources = List.copyOf(node.ownSources);
        } else {
            base = new LinkedHashMap<>(parent.data);
            List<Path> sources = new ArrayList<>(parent.sources.size() + node.ownSources.size());
            sources.addAll(parent.sources);
            sources.addAll(node.ownSources);
            node.sources = sources;
        }
        FmfMerge.mergeInto(base, node.raw, node::where);
        node.data = base;
        for (FmfNode child : node.childMap().values()) {
            inherit(child);
        }
    }

    /** The tree root directory, or null for an in-memory tree. */
    public Path root() {
        return root;
    }

    /** The node named {@code /}. */
    public FmfNode top() {
        return top;
    }

    /** fmf's {@code find}: the node with exactly this name. */
    public Optional<FmfNode> find(String name) {
        Map<String, FmfNode> nodes = byName;
        if (nodes == null) {
            Map<String, FmfNode> made = new HashMap<>();
            walk(top, node -> made.putIfAbsent(node.name(), node));
            byName = nodes = made;
        }
        return Optional.ofNullable(nodes.get(name));
    }

    /** fmf's {@code climb}: depth-first pre-order; selected nodes only unless {@code whole}. */
    public List<FmfNode> climb(boolean whole) {
        List<FmfNode> nodes = new ArrayList<>();
        walk(top, node -> {
            if (whole || node.isSelected()) {
                nodes.add(node);
            }
        });
        return nodes;
    }

    private static void walk(FmfNode node, Consumer<FmfNode> visitor) {
        visitor.accept(node);
        for (FmfNode child : node.children()) {
            walk(child, visitor);
        }
    }

    /** fmf's {@code prune}: the climbed nodes that pass every condition of the query. */
    public List<FmfNode> prune(PruneQuery query) {
        List<FmfNode> result = new ArrayList<>();
        for (FmfNode node : climb(query.whole())) {
            if (query.test(node)) {
                result.add(node);
            }
        }
        return result;
    }

    /** A copy of this tree with every node adjusted ({@link Adjustment}); this tree is unchanged. */
    public FmfTree adjusted(Adjustment adjustment) {
        FmfNode copy = copy(top, null);
        List<FmfNode> nodes = new ArrayList<>();
        walk(copy, nodes::add);
        // Each node is adjusted on its own data, so the nodes are adjusted in parallel; the
        // error reported is still that of the first bad node in climbing order.
        Map<Object, io.drover.fmf.context.Decision> decided = Collections.synchronizedMap(new HashMap<>());
        Parallel.map(nodes, node -> {
            adjustment.apply(node, decided);
            return null;
        });
        return new FmfTree(root, copy);
    }

    private static FmfNode copy(FmfNode node, FmfNode parent) {
        FmfNode copy = new FmfNode(node.name(), parent);
        copy.raw = node.raw;
        copy.data = node.data; // shared until an adjust rule changes it (see Adjustment)
        copy.directives.putAll(node.directives);
        copy.ownSources.addAll(node.ownSources);
        copy.sources = node.sources;
        copy.definedIn = node.definedIn;
        copy.updated = node.updated;
        for (Map.Entry<String, FmfNode> child : node.childMap().entrySet()) {
            copy.childMap().put(child.getKey(), copy(child.getValue(), copy));
        }
        return copy;
    }

}
