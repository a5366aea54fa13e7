package io.drover.fmf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of an fmf tree: its name ({@code /}, {@code /tests/smoke}), its data after
 * inheritance (and after adjust, in an adjusted tree), the files it was read from and
 * its children in fmf's order. Nodes are built by {@link FmfTree} and not changed after.
 */
public final class FmfNode {
    private final String name;
    private final FmfNode parent;
    private final Map<String, FmfNode> children = new LinkedHashMap<>();
    private List<FmfNode> sortedChildren;

    /** The node's own data as read from its files, before inheritance ("original data"). */
    Map<String, Object> raw = new LinkedHashMap<>();
    /** Data after inheritance (and adjust). */
    Map<String, Object> data = Map.of();
    final Map<String, Object> directives = new LinkedHashMap<>();
    /** The fmf files read into this node (main.fmf and X.fmf), in reading order. */
    final List<Path> ownSources = new ArrayList<>(2);
    /** Own sources after inheritance: parent sources first (none with inherit: false). */
    List<Path> sources = List.of();
    /** The last file that defined anything of this node, including by a {@code /key}: for messages. */
    Path definedIn;
    boolean updated;

    FmfNode(String name, FmfNode parent) {
        this.name = name;
        this.parent = parent;
    }

    public String name() {
        return name;
    }

    public Optional<FmfNode> parent() {
        return Optional.ofNullable(parent);
    }

    /** The data after inheritance (and adjust, in an adjusted tree). Do not modify. */
    public Map<String, Object> data() {
        return Collections.unmodifiableMap(data);
    }

    /** The raw data of this node's own files, before inheritance. */
    public Map<String, Object> rawData() {
        return Collections.unmodifiableMap(raw);
    }

    public Object get(String key) {
        return data.get(key);
    }

    /** Source files: the parent's sources followed by the node's own files (fmf's {@code sources}). */
    public List<Path> sources() {
        return Collections.unmodifiableList(sources);
    }

    /** The file this node was last defined in, when it came from a file. */
    public Optional<Path> definedIn() {
        return Optional.ofNullable(definedIn);
    }

    /** Children in fmf's climb order: sorted by their own name segment, by code point. */
    public List<FmfNode> children() {
        if (sortedChildren == null) {
            List<Map.Entry<String, FmfNode>> entries = new ArrayList<>(children.entrySet());
            entries.sort((a, b) -> PyValues.compareStrings(a.getKey(), b.getKey()));
            List<FmfNode> list = new ArrayList<>(entries.size());
            entries.forEach(e -> list.add(e.getValue()));
            sortedChildren = Collections.unmodifiableList(list);
        }
        return sortedChildren;
    }


    /** Whether {@code fmf ls} lists the node: the {@code select} directive, else "is a leaf". */
    public boolean isSelected() {
        return directives.get("select") instanceof Boolean select ? select : children.isEmpty();
    }

    /** False when the node has the directive {@code inherit: false}. */
    public boolean inherits() {
        return !Boolean.FALSE.equals(directives.get("inherit"));
    }

    /** {@code '/name' in path/file.fmf}, for error messages. */
    String where() {
        return definedIn == null ? "'" + name + "'" : "'" + name + "' (" + definedIn + ")";
    }

    Map<String, FmfNode> childMap() {
        return children;
    }

    void childrenChanged() {
        sortedChildren = null;
    }

    FmfNode parentOrNull() {
        return parent;
    }

    String childName(String segment) {
        return "/".equals(name) ? "/" + segment : name + "/" + segment;
    }


    @Override
    public String toString() {
        return name;
    }
}
