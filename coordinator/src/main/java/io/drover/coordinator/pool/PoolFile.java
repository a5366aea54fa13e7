package io.drover.coordinator.pool;

import io.drover.event.RunSut;
import io.drover.sut.SutAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a pool file (docs/pools.md):
 * <pre>
 * defaults: {labels: {arch: x86_64}}     # optional, under every SUT's labels
 * suts:
 *   - id: f41-a                          # optional: host, or host-port, made unique
 *     address: ssh://root@10.0.0.5
 *     labels: {distro: fedora-41}
 * provisioner: static                    # optional
 * </pre>
 * Every error is a {@link PoolFileException} naming the file, the line and the key.
 */
public final class PoolFile {
    static final List<String> TOP_KEYS = List.of("defaults", "suts", "provisioner");
    static final List<String> DEFAULTS_KEYS = List.of("labels");
    static final List<String> SUT_KEYS = List.of("id", "address", "labels");

    private final SettingsYaml yaml;
    private final Provisioners provisioners;

    private PoolFile(String name, Provisioners provisioners) {
        this.yaml = new SettingsYaml(name, PoolFileException::new);
        this.provisioners = provisioners;
    }

    /** Reads a pool file naming one of Drover's own provisioners; an unreadable file is an UncheckedIOException. */
    public static PoolSpec read(Path file) {
        return read(file, Provisioners.standard());
    }

    public static PoolSpec read(Path file, Provisioners provisioners) {
        PoolFile pool = new PoolFile(file.toString(), provisioners);
        return pool.spec(pool.yaml.read(file));
    }

    /** Parses a pool file's text; {@code name} stands for the file in messages and as the pool's source. */
    public static PoolSpec parse(String text, String name) {
        return parse(text, name, Provisioners.standard());
    }

    public static PoolSpec parse(String text, String name, Provisioners provisioners) {
        return new PoolFile(name, provisioners).spec(text);
    }

    private PoolSpec spec(String text) {
        Node root = yaml.compose(text)
                .orElseThrow(() -> yaml.error(1, "empty pool file: expected a mapping with 'suts'"));
        MappingNode top = yaml.mapping(root, "");
        Map<String, Node> keys = yaml.keys(top, "", TOP_KEYS);
        String provisioner = PoolSpec.STATIC;
        if (keys.containsKey("provisioner")) {
            Node node = keys.get("provisioner");
            provisioner = yaml.text(node, "provisioner");
            if (!provisioners.knows(provisioner)) {
                throw yaml.error(node, "provisioner", provisioners.unknown(provisioner));
            }
        }
        Map<String, String> defaults = keys.containsKey("defaults") ? defaultLabels(keys.get("defaults")) : Map.of();
        List<RunSut> suts = keys.containsKey("suts") ? suts(keys.get("suts"), defaults) : List.of();
        if (suts.isEmpty() && PoolSpec.STATIC.equals(provisioner)) {
            Node where = keys.getOrDefault("suts", top);
            throw yaml.error(where, "suts", "no SUT: a static pool needs at least one");
        }
        return new PoolSpec(yaml.name(), provisioner, suts);
    }

    private Map<String, String> defaultLabels(Node node) {
        Map<String, Node> keys = yaml.keys(yaml.mapping(node, "defaults"), "defaults", DEFAULTS_KEYS);
        return keys.containsKey("labels") ? yaml.stringMap(keys.get("labels"), "defaults.labels") : Map.of();
    }

    /** A SUT as written, before ids are derived. */
    private record Entry(String id, Node idNode, String address, SutAddress parsed, Map<String, String> labels) {
    }

    private List<RunSut> suts(Node node, Map<String, String> defaults) {
        SequenceNode list = yaml.sequence(node, "suts");
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> explicitIds = new HashMap<>();
        for (Node item : list.getValue()) {
            Entry entry = entry(item, defaults);
            if (entry.id() != null) {
                Integer first = explicitIds.putIfAbsent(entry.id(), SettingsYaml.line(entry.idNode()));
                if (first != null) {
                    throw yaml.error(entry.idNode(), "suts.id", "'" + entry.id() + "' is used twice (first at line "
                            + first + ")");
                }
            }
            entries.add(entry);
        }
        Set<String> taken = new HashSet<>(explicitIds.keySet());
        List<RunSut> suts = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            String id = entry.id() != null ? entry.id() : unique(derivedId(entry.parsed()), taken);
            suts.add(new RunSut(id, entry.address(), entry.labels()));
        }
        return suts;
    }

    private Entry entry(Node item, Map<String, String> defaults) {
        MappingNode mapping = yaml.mapping(item, "suts");
        Map<String, Node> keys = yaml.keys(mapping, "suts", SUT_KEYS);
        if (!keys.containsKey("address")) {
            throw yaml.error(mapping, "suts.address", "missing (every SUT needs one)");
        }
        Node addressNode = keys.get("address");
        String address = yaml.text(addressNode, "suts.address");
        SutAddress parsed;
        try {
            parsed = SutAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw yaml.error(addressNode, "suts.address", e.getMessage());
        }
        Node idNode = keys.get("id");
        String id = idNode == null ? null : checkedId(idNode);
        Map<String, String> labels = new LinkedHashMap<>(defaults);
        if (keys.containsKey("labels")) {
            labels.putAll(yaml.stringMap(keys.get("labels"), "suts.labels"));
        }
        return new Entry(id, idNode, address, parsed, labels);
    }

    private String checkedId(Node node) {
        String id = yaml.text(node, "suts.id");
        if (id.isBlank()) {
            throw yaml.error(node, "suts.id", "empty");
        }
        if (id.contains("/")) {
            throw yaml.error(node, "suts.id", "'" + id + "' contains '/'");
        }
        return id;
    }

    /** {@code local}, the host, or host-port when the port is not 22. */
    static String derivedId(SutAddress address) {
        if (address instanceof SutAddress.Ssh ssh) {
            return ssh.port() == 22 ? ssh.host() : ssh.host() + "-" + ssh.port();
        }
        return "local";
    }

    private static String unique(String base, Set<String> taken) {
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}
