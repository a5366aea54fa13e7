package io.drover.coordinator.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A small settings file (a pool, known-issue rules) read with snakeyaml-engine's YAML 1.2 core schema as a node
 * tree rather than as Java values, so that every error can name the line it is about. It checks shapes, known
 * keys and duplicate keys; errors are one line, {@code FILE:LINE: KEY: problem}, thrown through the given
 * exception constructor. Scalars are read as their text: {@code 9.10} stays {@code "9.10"}, {@code true} is
 * {@code "true"}, {@code yes} is {@code "yes"} (YAML 1.2 has no yes/no booleans).
 */
public final class SettingsYaml {
    private final String name;
    private final Function<String, ? extends SettingsFileException> errors;

    public SettingsYaml(String name, Function<String, ? extends SettingsFileException> errors) {
        this.name = name;
        this.errors = errors;
    }

    /** The file's name as messages give it. */
    public String name() {
        return name;
    }

    /** The file's text; an unreadable file is an {@link UncheckedIOException}, bad UTF-8 an error naming its line. */
    public String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + describe(e), e);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw error(lineAt(bytes, in.position()), "not valid UTF-8");
        }
        return out.flip().toString();
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The document's root node; empty for a file with no document (empty, or only comments). */
    public Optional<Node> compose(String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(name)
                .setSchema(new CoreSchema())
                // keys() reports a non-scalar key with its line
                .setAllowNonScalarKeys(true)
                .build();
        try {
            return new PlainComposer(settings, new ParserImpl(settings, new StreamReader(settings, text)))
                    .getSingleNode();
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            String problem = e.getContext() == null ? e.getProblem()
                    : e.getProblem() == null ? e.getContext() : e.getContext() + ", " + e.getProblem();
            throw error(line, "invalid YAML: " + oneLine(problem));
        } catch (YamlEngineException e) {
            throw error(0, "invalid YAML: " + oneLine(e.getMessage()));
        }
    }

    /**
     * Reads a merge key ({@code <<}, not part of YAML 1.2) as a plain string key, so that it is refused as an
     * unknown key instead of bringing in keys from elsewhere with the wrong lines.
     */
    private static final class PlainComposer extends Composer {
        PlainComposer(LoadSettings settings, Parser parser) {
            super(settings, parser);
        }

        @Override
        protected Node composeKeyNode(MappingNode mapping) {
            Node key = super.composeKeyNode(mapping);
            if (Tag.MERGE.equals(key.getTag())) {
                key.setTag(Tag.STR);
            }
            return key;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    /** {@code FILE:LINE: problem}; line 0 (unknown) gives {@code FILE: problem}. */
    public SettingsFileException error(int line, String problem) {
        return errors.apply(name + (line > 0 ? ":" + line : "") + ": " + problem);
    }

    /** {@code FILE:LINE: KEY: problem} for a node. */
    public SettingsFileException error(Node node, String key, String problem) {
        return error(line(node), key == null || key.isEmpty() ? problem : key + ": " + problem);
    }

    /** The 1-based line where a node starts, 0 when unknown. */
    public static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** A key below another, as errors name it: {@code suts.labels.arch}. */
    public static String path(String parent, String key) {
        return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }

    public MappingNode mapping(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        throw error(node, key, "expected a mapping, found " + kind(node));
    }

    public SequenceNode sequence(Node node, String key) {
        if (node instanceof SequenceNode sequence) {
            return sequence;
        }
        throw error(node, key, "expected a list, found " + kind(node));
    }

    /** A scalar's text; numbers and booleans give their text as written, nothing (null) is an error. */
    public String text(Node node, String key) {
        if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
            return scalar.getValue();
        }
        throw error(node, key, "expected a string, found " + kind(node));
    }

    /**
     * A mapping's values by key, in the file's order. A key that is not a scalar, is not in {@code known} or
     * comes twice is an error on its line.
     */
    public Map<String, Node> keys(MappingNode mapping, String parent, List<String> known) {
        Map<String, Node> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || Tag.NULL.equals(keyNode.getTag())) {
                throw error(keyNode, parent, "a key must be a string, found " + kind(keyNode));
            }
            String key = scalar.getValue();
            if (!known.contains(key)) {
                throw error(keyNode, path(parent, key), "unknown key (expected " + String.join(", ", known) + ")");
            }
            Integer first = lines.putIfAbsent(key, line(keyNode));
            if (first != null) {
                throw error(keyNode, path(parent, key), "duplicate key (first at line " + first + ")");
            }
            values.put(key, tuple.getValueNode());
        }
        return values;
    }

    /** A mapping of strings to strings, such as labels; every value must be a scalar other than nothing. */
    public Map<String, String> stringMap(Node node, String key) {
        MappingNode mapping = mapping(node, key);
        Map<String, String> map = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String name = text(tuple.getKeyNode(), key);
            Integer first = lines.putIfAbsent(name, line(tuple.getKeyNode()));
            if (first != null) {
                throw error(tuple.getKeyNode(), path(key, name), "duplicate key (first at line " + first + ")");
            }
            map.put(name, text(tuple.getValueNode(), path(key, name)));
        }
        return map;
    }

    /** What a node is, for messages: {@code a list}, {@code a mapping}, {@code a number}, {@code nothing}... */
    public static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return "nothing";
        }
        if (Tag.BOOL.equals(tag)) {
            return "a boolean";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "a number";
        }
        return "a string";
    }
}
