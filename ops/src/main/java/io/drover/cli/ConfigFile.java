package io.drover.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads the YAML configuration file into a {@link ConfigLayer}, checking every section and key against the commands. */
final class ConfigFile {
    private final String label;
    private final ConfigKeys keys;
    private final ConfigLayer layer = new ConfigLayer();

    private ConfigFile(String label, ConfigKeys keys) {
        this.label = label;
        this.keys = keys;
    }

    static ConfigLayer read(Path file, ConfigKeys keys) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigLayer.Invalid(file + ": no such configuration file");
        } catch (IOException e) {
            throw new ConfigLayer.Invalid(file + ": cannot read the configuration file: " + e.getMessage());
        }
        ConfigFile reader = new ConfigFile(file.toString(), keys);
        reader.document(compose(file.toString(), text));
        return reader.layer;
    }

    private static Optional<Node> compose(String label, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setSchema(new CoreSchema()).build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = e.getContext() == null ? e.getProblem()
                    : e.getProblem() == null ? e.getContext() : e.getContext() + ", " + e.getProblem();
            throw new ConfigLayer.Invalid(at(label, mark) + "invalid YAML: " + oneLine(problem));
        } catch (YamlEngineException e) {
            throw new ConfigLayer.Invalid(label + ": invalid YAML: " + oneLine(e.getMessage()));
        }
    }

    private void document(Optional<Node> root) {
        if (root.isEmpty() || isNull(root.get())) {
            return;
        }
        for (NodeTuple entry : mapping(root.get(), "the configuration must be a mapping of sections")) {
            String name = name(entry);
            if (name.equals(ConfigKeys.COMMON)) {
                common(entry.getValueNode());
            } else if (keys.sections().contains(name)) {
                section(name, entry.getValueNode());
            } else {
                Set<String> known = new TreeSet<>(keys.subsections(""));
                known.add(ConfigKeys.COMMON);
                throw error(entry.getKeyNode(), "unknown section '" + name + "'" + Closest.hint(name, known));
            }
        }
    }

    private void section(String section, Node node) {
        if (isNull(node)) {
            return;
        }
        for (NodeTuple entry : mapping(node, "section '" + section + "' must be a mapping of keys")) {
            String key = name(entry);
            var option = keys.keys(section).get(key);
            if (option != null) {
                layer.put(section, key, setting(section, key, entry, option.isMultiValue()));
            } else if (keys.sections().contains(section + " " + key)) {
                section(section + " " + key, entry.getValueNode());
            } else {
                Set<String> known = new TreeSet<>(keys.keys(section).keySet());
                known.addAll(keys.subsections(section));
                throw error(entry.getKeyNode(), "unknown key '" + key + "' in section '" + section + "'" + Closest.hint(key, known));
            }
        }
    }

    private void common(Node node) {
        if (isNull(node)) {
            return;
        }
        for (NodeTuple entry : mapping(node, "section 'common' must be a mapping of keys")) {
            String key = name(entry);
            if (!keys.isShared(key)) {
                List<String> sections = keys.sectionsWith(key);
                throw error(entry.getKeyNode(), sections.isEmpty()
                        ? "unknown key '" + key + "' in section 'common'" + Closest.hint(key, ConfigKeys.SHARED)
                        : "key '" + key + "' is not shared: set it in section '" + String.join("' or '", sections) + "'");
            }
            layer.put(ConfigKeys.COMMON, key, setting(ConfigKeys.COMMON, key, entry, false));
        }
    }

    private Setting setting(String section, String key, NodeTuple entry, boolean multiple) {
        String where = label + ":" + line(entry.getKeyNode()) + ": key '" + key + "' of section '" + section + "'";
        Node value = entry.getValueNode();
        if (isNull(value)) {
            return new Setting(null, where);
        }
        if (value instanceof ScalarNode scalar) {
            return new Setting(List.of(scalar.getValue()), where);
        }
        if (value instanceof SequenceNode sequence && multiple) {
            List<String> values = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (!(item instanceof ScalarNode scalar) || isNull(item)) {
                    throw error(item, "key '" + key + "' of section '" + section + "': every item of the list must be a value");
                }
                values.add(scalar.getValue());
            }
            return new Setting(values, where);
        }
        throw error(value, "key '" + key + "' of section '" + section + "' takes "
                + (multiple ? "a value or a list of values" : "one value") + ", not a " + (value instanceof SequenceNode ? "list" : "mapping"));
    }

    private List<NodeTuple> mapping(Node node, String otherwise) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, otherwise);
        }
        Set<String> seen = new HashSet<>();
        for (NodeTuple entry : mapping.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                throw error(entry.getKeyNode(), "a key must be a name");
            }
            if (!seen.add(key.getValue())) {
                throw error(key, "duplicate key '" + key.getValue() + "'");
            }
        }
        return mapping.getValue();
    }

    /** A key's name; {@link #mapping} made sure that it is a scalar. */
    private static String name(NodeTuple entry) {
        return ((ScalarNode) entry.getKeyNode()).getValue();
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private ConfigLayer.Invalid error(Node node, String problem) {
        return new ConfigLayer.Invalid(label + ":" + line(node) + ": " + problem);
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    /** {@code file:line:column: } for a mark (1-based, as editors count). */
    private static String at(String label, Mark mark) {
        return mark == null ? label + ": " : label + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
    }
}
