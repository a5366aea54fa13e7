package io.drover.fmf;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
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
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * Reads fmf YAML the way fmf's loader (ruamel.yaml, safe, YAML 1.2) does: {@code yes} and
 * {@code on} stay strings, {@code 017} is 17, {@code 1_000} is 1000, {@code 2001-12-14} is
 * a {@link LocalDate}, a timestamp a naive {@link LocalDateTime} in UTC, duplicate keys are
 * an error, merge keys ({@code <<}) follow ruamel's rules. snakeyaml-engine composes the
 * node graph; the scalars are typed here so that the result matches ruamel and keeps line
 * numbers for errors. Every error names the file, line and column.
 */
public final class FmfYaml {
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern INT = Pattern.compile("[-+]?[0-9_]+");
    private static final Pattern INT_BASED = Pattern.compile("([-+]?)0([xob])([0-9a-fA-F_]+)");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\\.[0-9_]+([eE][-+][0-9]+)?");
    private static final Pattern INF = Pattern.compile("([-+]?)\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
    /** A date alone needs two-digit month and day (a full timestamp accepts one digit). */
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \\t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]*))?"
                    + "(?:[ \\t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?");

    private FmfYaml() {
    }

    /** Reads one file; an empty file is {@code null}. Map keys are strings, in document order. */
    public static Object load(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FmfFileException(file + ": not valid UTF-8");
        } catch (IOException e) {
            throw new FmfFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text; {@code label} names the source in error messages. */
    public static Object parse(String text, String label) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                // plain scalars are typed by resolvePlain(), as ruamel does; the failsafe schema skips a second typing
                .setSchema(new FailsafeSchema())
                .setAllowRecursiveKeys(false)
                // the Converter reports a non-scalar key itself, with its position
                .setAllowNonScalarKeys(true)
                .setMaxAliasesForCollections(1000)
                // ruamel reads files of any size
                .setCodePointLimit(Integer.MAX_VALUE)
                .build();
        Optional<Node> root;
        try {
            root = new RuamelMergeComposer(settings, new ParserImpl(settings, new StreamReader(settings, text)))
                    .getSingleNode();
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = e.getContext() == null ? e.getProblem()
                    : e.getProblem() == null ? e.getContext() : e.getContext() + ", " + e.getProblem();
            throw new FmfFileException(at(label, mark) + "invalid YAML: " + oneLine(problem));
        } catch (YamlEngineException e) {
            throw new FmfFileException(label + ": invalid YAML: " + oneLine(e.getMessage()));
        }
        return root.map(node -> new Converter(label).convert(node)).orElse(null);
    }

    /**
     * snakeyaml-engine resolves merge keys ({@code <<}) while composing, with other rules than
     * ruamel (own keys first, duplicates reported); leaving them in place lets the
     * {@link Converter} apply ruamel's.
     */
    private static final class RuamelMergeComposer extends Composer {
        RuamelMergeComposer(LoadSettings settings, Parser parser) {
            super(settings, parser);
        }

        @Override
        protected void composeMappingChildren(List<NodeTuple> children, MappingNode node) {
            super.composeMappingChildren(children, node);
            node.setHasMergeTag(false);
        }
    }

    /** {@code file:line:column: } for a mark (1-based, as editors count). */
    static String at(String label, Mark mark) {
        if (mark == null) {
            return label + ": ";
        }
        return label + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    /** The 1-based line where a key of a loaded mapping starts, or 0 when unknown. */
    public static int lineOf(Map<?, ?> mapping, String key) {
        return mapping instanceof YamlMapping m ? m.lines.getOrDefault(key, 0) : 0;
    }

    /** A mapping as loaded from a file: remembers the line of every key for error messages. */
    static final class YamlMapping extends LinkedHashMap<String, Object> {
        private final transient Map<String, Integer> lines = new LinkedHashMap<>();

        YamlMapping() {
        }

        /** An empty mapping sized for {@code size} keys (the parse cache knows the size). */
        YamlMapping(int size) {
            super(size * 4 / 3 + 1);
        }

        /** The 1-based line of {@code key}, or 0 when unknown. */
        int line(String key) {
            return lines.getOrDefault(key, 0);
        }

        /** Puts a key with the line it was read from. */
        void put(String key, Object value, int line) {
            put(key, value);
            lines.put(key, line);
        }
    }

    private static final class Converter {
        private final String label;
        /** Collections being converted: an alias to one of them would never end. */
        private final Set<Node> converting = Collections.newSetFromMap(new IdentityHashMap<>());

        Converter(String label) {
            this.label = label;
        }

        private FmfFileException error(Node node, String problem) {
            return new FmfFileException(at(label, node.getStartMark().orElse(null)) + problem);
        }

        Object convert(Node node) {
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar, false);
            }
            if (!converting.add(node)) {
                throw error(node, "recursive alias: a collection cannot contain itself");
            }
            try {
                return node instanceof SequenceNode sequence ? sequence(sequence) : mapping((MappingNode) node);
            } finally {
                converting.remove(node);
            }
        }

        private List<Object> sequence(SequenceNode sequence) {
            List<Object> list = new ArrayList<>(sequence.getValue().size());
            for (Node item : sequence.getValue()) {
                list.add(convert(item));
            }
            return list;
        }

        /**
         * A mapping as ruamel's SafeConstructor builds it. With a merge key ({@code <<}) the
         * merged keys come first (from a list of mappings, the earlier mapping wins), the
         * mapping's own keys override them, and duplicate keys are not checked at all.
         */
        private YamlMapping mapping(MappingNode mapping) {
            List<YamlMapping> merged = new ArrayList<>();
            List<NodeTuple> own = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode instanceof ScalarNode scalarKey && scalarKey.isPlain() && "<<".equals(scalarKey.getValue())) {
                    if (merged.stream().anyMatch(m -> !m.isEmpty())) {
                        throw error(keyNode, "duplicate key '<<'");
                    }
                    merged.addAll(mergeSources(tuple.getValueNode()));
                } else {
                    own.add(tuple);
                }
            }
            boolean merging = merged.stream().anyMatch(m -> !m.isEmpty());
            YamlMapping map = new YamlMapping();
            for (YamlMapping source : merged) {
                source.forEach((k, v) -> {
                    map.put(k, v);
                    map.lines.put(k, source.lines.getOrDefault(k, 0));
                });
            }
            for (NodeTuple tuple : own) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode scalarKey)) {
                    throw error(keyNode, "a mapping key must be a scalar");
                }
                Object key = scalar(scalarKey, true);
                String name = key == null ? null : PyValues.str(key);
                if (!merging && map.containsKey(name)) {
                    throw error(keyNode, "duplicate key '" + name + "'");
                }
                map.put(name, convert(tuple.getValueNode()));
                map.lines.put(name, keyNode.getStartMark().map(m -> m.getLine() + 1).orElse(0));
            }
            return map;
        }

        /** The mappings a merge key brings in, in the order they are applied (a list is reversed). */
        private List<YamlMapping> mergeSources(Node value) {
            if (value instanceof MappingNode) {
                return List.of((YamlMapping) convert(value));
            }
            if (!(value instanceof SequenceNode sequence)) {
                throw error(value, "expected a mapping or list of mappings for merging, but found scalar");
            }
            List<YamlMapping> sources = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (!(item instanceof MappingNode)) {
                    throw error(item, "expected a mapping for merging, but found "
                            + (item instanceof SequenceNode ? "sequence" : "scalar"));
                }
                sources.add((YamlMapping) convert(item));
            }
            Collections.reverse(sources);
            return sources;
        }

        private Object scalar(ScalarNode node, boolean isKey) {
            try {
                return typedScalar(node, isKey);
            } catch (IllegalArgumentException e) {
                throw error(node, e.getMessage());
            }
        }

        private Object typedScalar(ScalarNode node, boolean isKey) {
            String text = node.getValue();
            Tag tag = node.getTag();
            if (node.isPlain() && node.isResolved()) {
                if ("=".equals(text) && !isKey) {
                    // ruamel resolves a plain '=' to the 'value' tag, which its safe loader cannot build
                    throw new IllegalArgumentException(
                            "could not determine a constructor for the tag 'tag:yaml.org,2002:value'");
                }
                return resolvePlain(text);
            }
            if (node.isResolved() || Tag.STR.equals(tag)) {
                return text;
            }
            Object typed = resolvePlain(text);
            if (Tag.INT.equals(tag) && (typed instanceof Long || typed instanceof BigInteger)
                    || Tag.FLOAT.equals(tag) && typed instanceof Double
                    || Tag.BOOL.equals(tag) && typed instanceof Boolean
                    || Tag.NULL.equals(tag) && typed == null
                    || "tag:yaml.org,2002:timestamp".equals(tag.getValue()) && typed instanceof java.time.temporal.Temporal) {
                return typed;
            }
            if (Tag.FLOAT.equals(tag) && (typed instanceof Long || typed instanceof BigInteger)) {
                return ((Number) typed).doubleValue();
            }
            throw new IllegalArgumentException("cannot read '" + text + "' as " + tag.getValue());
        }
    }

    /** Types a plain scalar as ruamel's YAML 1.2 resolver does. */
    static Object resolvePlain(String text) {
        if (text.isEmpty()) {
            return null;
        }
        char first = text.charAt(0);
        if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
            // Only null and bool words can start otherwise; most keys and values take this path.
            return switch (text) {
                case "~", "null", "Null", "NULL" -> null;
                case "true", "True", "TRUE" -> Boolean.TRUE;
                case "false", "False", "FALSE" -> Boolean.FALSE;
                default -> text;
            };
        }
        if (NULL.matcher(text).matches()) {
            return null;
        }
        if (BOOL.matcher(text).matches()) {
            return first == 't' || first == 'T';
        }
        Matcher based = INT_BASED.matcher(text);
        if (based.matches() && validDigits(based.group(2).charAt(0), based.group(3))) {
            int radix = switch (based.group(2).charAt(0)) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            BigInteger value = new BigInteger(based.group(3).replace("_", ""), radix);
            return integer("-".equals(based.group(1)) ? value.negate() : value);
        }
        if (INT.matcher(text).matches() && text.chars().anyMatch(Character::isDigit)) {
            return integer(new BigInteger(text.replace("_", "").replace("+", "")));
        }
        if (FLOAT.matcher(text).matches()) {
            return Double.parseDouble(text.replace("_", ""));
        }
        Matcher inf = INF.matcher(text);
        if (inf.matches()) {
            return "-".equals(inf.group(1)) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (NAN.matcher(text).matches()) {
            return Double.NaN;
        }
        Matcher date = DATE.matcher(text);
        if (date.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)),
                        Integer.parseInt(date.group(3)));
            } catch (java.time.DateTimeException e) {
                // ruamel resolves it as a timestamp, then Python's date() refuses it
                throw new IllegalArgumentException("invalid date '" + text + "': " + e.getMessage());
            }
        }
        Matcher ts = TIMESTAMP.matcher(text);
        if (ts.matches()) {
            return timestamp(ts, text);
        }
        return text;
    }

    private static boolean validDigits(char base, String digits) {
        String allowed = switch (base) {
            case 'x' -> "[0-9a-fA-F_]+";
            case 'o' -> "[0-7_]+";
            default -> "[01_]+";
        };
        return digits.matches(allowed) && digits.chars().anyMatch(c -> c != '_');
    }

    private static Object integer(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    /**
     * A timestamp as ruamel builds it: a naive {@code datetime} with microseconds (rounded on
     * the seventh digit), moved to UTC when it has a numeric offset; {@code Z} is just dropped.
     */
    private static Object timestamp(Matcher ts, String text) {
        try {
            String fraction = ts.group(7) == null ? "" : ts.group(7);
            int micros = 0;
            if (!fraction.isEmpty()) {
                micros = Integer.parseInt((fraction + "000000").substring(0, 6));
                if (fraction.length() > 6 && fraction.charAt(6) > '4') {
                    micros++;
                }
            }
            boolean overflow = micros > 999_999;
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(ts.group(1)), Integer.parseInt(ts.group(2)),
                    Integer.parseInt(ts.group(3)), Integer.parseInt(ts.group(4)), Integer.parseInt(ts.group(5)),
                    Integer.parseInt(ts.group(6)), overflow ? 0 : micros * 1000);
            // ruamel's delta, quirks included: the rounding second follows the offset's sign
            Duration delta = Duration.ZERO;
            if (ts.group(9) != null) {
                int minutes = ts.group(11) == null ? 0 : Integer.parseInt(ts.group(11));
                delta = Duration.ofHours(Integer.parseInt(ts.group(10))).plusMinutes(minutes)
                        .plusSeconds(overflow ? 1 : 0);
                if ("-".equals(ts.group(9))) {
                    delta = delta.negated();
                }
            } else if (overflow) {
                delta = Duration.ofSeconds(-1);
            }
            return local.minus(delta);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("invalid timestamp '" + text + "': " + e.getMessage());
        }
    }

    /** Reads a whole YAML stream from a reader (for command-line context files and the like). */
    public static Object load(Reader reader, String label) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) > 0; ) {
            text.append(buffer, 0, n);
        }
        return parse(text.toString(), label);
    }
}
