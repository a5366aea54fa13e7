package io.drover.fmf;

import io.drover.fmf.FmfYaml.YamlMapping;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of parsed fmf values in the parse cache. It keeps exactly what
 * {@link FmfYaml} builds: the Java type of every scalar (long, big integer, double, boolean,
 * string, date, timestamp, null), key order, the line of every key, and a mapping or list
 * that appears twice in one file's value is written once and stays one object.
 * Strings live in one table shared by all files, written once each.
 */
final class CachedValues {
    private static final byte NULL = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;
    private static final byte LONG = 3;
    private static final byte BIG_INTEGER = 4;
    private static final byte DOUBLE = 5;
    private static final byte STRING = 6;
    private static final byte DATE = 7;
    private static final byte TIMESTAMP = 8;
    private static final byte MAPPING = 9;
    private static final byte LIST = 10;
    /** A mapping or list already written in this file, by its number in order of appearance. */
    private static final byte SAME = 11;

    private CachedValues() {
    }

    /** Encodes values file by file; every file's bytes refer to the one string table. */
    static final class Encoder {
        private final Map<String, Integer> numbers = new HashMap<>();
        private final List<String> strings = new ArrayList<>();

        /** The bytes of one file's value; IllegalArgumentException for a value FmfYaml never builds. */
        byte[] encode(Object value) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                write(out, value, new IdentityHashMap<>());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        /** The string table, in number order. */
        List<String> strings() {
            return strings;
        }

        private void write(DataOutputStream out, Object value, Map<Object, Integer> seen) throws IOException {
            if (value == null) {
                out.writeByte(NULL);
            } else if (value instanceof String s) {
                out.writeByte(STRING);
                out.writeInt(number(s));
            } else if (value instanceof Boolean b) {
                out.writeByte(b ? TRUE : FALSE);
            } else if (value instanceof Long l) {
                out.writeByte(LONG);
                out.writeLong(l);
            } else if (value instanceof Double d) {
                out.writeByte(DOUBLE);
                out.writeLong(Double.doubleToRawLongBits(d));
            } else if (value instanceof BigInteger b) {
                out.writeByte(BIG_INTEGER);
                out.writeInt(number(b.toString()));
            } else if (value instanceof LocalDateTime t) {
                out.writeByte(TIMESTAMP);
                out.writeLong(t.toEpochSecond(ZoneOffset.UTC));
                out.writeInt(t.getNano());
            } else if (value instanceof LocalDate d) {
                out.writeByte(DATE);
                out.writeLong(d.toEpochDay());
            } else if (seen.containsKey(value)) {
                out.writeByte(SAME);
                out.writeInt(seen.get(value));
            } else if (value instanceof YamlMapping map) {
                seen.put(map, seen.size());
                out.writeByte(MAPPING);
                out.writeInt(map.size());
                for (Map.Entry<String, Object> entry : map.entrySet()) {
                    out.writeInt(entry.getKey() == null ? -1 : number(entry.getKey()));
                    out.writeInt(map.line(entry.getKey()));
                    write(out, entry.getValue(), seen);
                }
            } else if (value instanceof ArrayList<?> list) {
                seen.put(list, seen.size());
                out.writeByte(LIST);
                out.writeInt(list.size());
                for (Object item : list) {
                    write(out, item, seen);
                }
            } else {
                throw new IllegalArgumentException("not a value FmfYaml builds: " + value.getClass().getName());
            }
        }

        private int number(String s) {
            return numbers.computeIfAbsent(s, key -> {
                strings.add(key);
                return strings.size() - 1;
            });
        }
    }

    /** Decodes one file's bytes against the string table; {@link CorruptException} when they make no sense. */
    static Object decode(ByteBuffer bytes, String[] strings) {
        try {
            Object value = new Decoder(bytes, strings).read();
            if (bytes.hasRemaining()) {
                throw new CorruptException("trailing bytes");
            }
            return value;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException
                 | java.time.DateTimeException e) {
            throw new CorruptException(e.toString());
        }
    }

    /** The cached bytes are damaged: the file is parsed again. */
    static final class CorruptException extends RuntimeException {
        CorruptException(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Decoder {
        private final ByteBuffer in;
        private final String[] strings;
        private final List<Object> seen = new ArrayList<>();

        Decoder(ByteBuffer in, String[] strings) {
            this.in = in;
            this.strings = strings;
        }

        Object read() {
            byte tag = in.get();
            switch (tag) {
                case NULL:
                    return null;
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case LONG:
                    return in.getLong();
                case DOUBLE:
                    return Double.longBitsToDouble(in.getLong());
                case STRING:
                    return strings[in.getInt()];
                case BIG_INTEGER:
                    return new BigInteger(strings[in.getInt()]);
                case TIMESTAMP:
                    return LocalDateTime.ofEpochSecond(in.getLong(), in.getInt(), ZoneOffset.UTC);
                case DATE:
                    return LocalDate.ofEpochDay(in.getLong());
                case SAME:
                    return seen.get(in.getInt());
                case MAPPING:
                    return mapping();
                case LIST:
                    return list();
                default:
                    throw new CorruptException("unknown tag " + tag);
            }
        }

        private YamlMapping mapping() {
            int size = size();
            YamlMapping map = new YamlMapping(size);
            seen.add(map);
            for (int i = 0; i < size; i++) {
                int key = in.getInt();
                int line = in.getInt();
                map.put(key == -1 ? null : strings[key], read(), line);
            }
            return map;
        }

        private ArrayList<Object> list() {
            int size = size();
            ArrayList<Object> list = new ArrayList<>(size);
            seen.add(list);
            for (int i = 0; i < size; i++) {
                list.add(read());
            }
            return list;
        }

        /** A count, checked against what is left so that damaged bytes cannot ask for a huge collection. */
        private int size() {
            int size = in.getInt();
            if (size < 0 || size > in.remaining()) {
                throw new CorruptException("bad size " + size);
            }
            return size;
        }
    }
}
