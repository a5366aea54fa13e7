package io.drover.fmf;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * Reads fmf YAML the way fmf's loader (ruamel.yaml, safe, YAML 1.2) does: {@code yes} and
 * {@code on} stay strings, {@code 017} is 17, {@code 1_000} is 1000, {@code 2001-12-14} is
 * a date, duplicate keys are an error. snakeyaml-engine composes the node graph; the
 * scalars are typed here so that the result matches ruamel and keeps line numbers for
 * errors. Every error names the file, line and column.
 */
public final class FmfYaml {
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern INT = Pattern.compile("[-+]?[0-9_]+");
    private static final Pattern INT_BASED = Pattern.compile("([-+]?)0([xob])([0-9a-fA-F_]+)");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\\.[0-9_]+([eE][-+]?[0-9]+)?");
    private static final Pattern INF = Pattern.compile("([-+]?)\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})");
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
                .setSchema(new CoreSchema())
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(1000)
                .build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new FmfFileException(at(label, mark) + "invalid YAML: " + oneLine(problem));
        } catch (YamlEngineException e) {
            throw new FmfFileException(label + ": invalid YAML: " + oneLine(e.getMessage()));
        }
        return root.map(node -> new Converter(label).convert(node)).orElse(null);
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
    }

    private static final class Converter {
        private final String label;

        Converter(String label) {
            this.label = label;
        }

        Object convert(Node node) {
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                List<Object> list = new ArrayList<>(sequence.getValue().size());
                for (Node item : sequence.getValue()) {
                    list.add(convert(item));
                }
                return list;
            }
            MappingNode mapping = (MappingNode) node;
            YamlMapping map = new YamlMapping();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode instanceof ScalarNode scalarKey && "<<".equals(scalarKey.getValue()) && scalarKey.isPlain()) {
                    mergeKey(map, tuple.getValueNode());
                    continue;
                }
                Object key = convert(keyNode);
                if (key instanceof List || key instanceof Map) {
                    throw new FmfFileException(at(label, keyNode.getStartMark().orElse(null))
                            + "a mapping key must be a scalar");
                }
                String name = key == null ? null : PyValues.str(key);
                if (map.containsKey(name)) {
                    throw new FmfFileException(at(label, keyNode.getStartMark().orElse(null))
                            + "duplicate key '" + name + "'");
                }
                map.put(name, convert(tuple.getValueNode()));
                map.lines.put(name, keyNode.getStartMark().map(m -> m.getLine() + 1).orElse(0));
            }
            return map;
        }

        /** YAML merge key {@code <<: *anchor}: keys already present win, as in ruamel. */
        private void mergeKey(YamlMapping map, Node value) {
            List<Node> sources = value instanceof SequenceNode s ? s.getValue() : List.of(value);
            for (Node source : sources) {
                if (!(convert(source) instanceof Map<?, ?> merged)) {
                    throw new FmfFileException(at(label, source.getStartMark().orElse(null))
                            + "a merge key '<<' needs a mapping or a list of mappings");
                }
                merged.forEach((k, v) -> map.putIfAbsent((String) k, v));
            }
        }

        private Object scalar(ScalarNode node) {
            String text = node.getValue();
            Tag tag = node.getTag();
            if (node.isPlain() && node.isResolved()) {
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
            throw new FmfFileException(at(label, node.getStartMark().orElse(null))
                    + "cannot read '" + text + "' as " + tag.getValue());
        }
    }

    /** Types a plain scalar as ruamel's YAML 1.2 resolver does. */
    static Object resolvePlain(String text) {
        if (text.isEmpty()) {
            return null;
        }
        char first = text.charAt(0);
        if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.' || first == '~'
                || first == 'n' || first == 'N' || first == 't' || first == 'T' || first == 'f' || first == 'F')) {
            return text;
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
                return text;
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

    private static Object timestamp(Matcher ts, String text) {
        try {
            String fraction = ts.group(7) == null ? "" : ts.group(7);
            int nanos = fraction.isEmpty() ? 0
                    : Integer.parseInt((fraction + "000000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(ts.group(1)), Integer.parseInt(ts.group(2)),
                    Integer.parseInt(ts.group(3)), Integer.parseInt(ts.group(4)), Integer.parseInt(ts.group(5)),
                    Integer.parseInt(ts.group(6)), nanos);
            if (ts.group(8) == null) {
                return local;
            }
            if ("Z".equals(ts.group(8))) {
                return OffsetDateTime.of(local, ZoneOffset.UTC);
            }
            int hours = Integer.parseInt(ts.group(10));
            int minutes = ts.group(11) == null ? 0 : Integer.parseInt(ts.group(11));
            int sign = "-".equals(ts.group(9)) ? -1 : 1;
            return OffsetDateTime.of(local, ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return text;
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
