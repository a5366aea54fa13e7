package io.drover.fmf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python value semantics for fmf data. fmf is defined by what Python does with YAML
 * values ({@code str()}, {@code ==}, {@code +}), so this is the one place that knows it.
 * Data values are: {@code null}, {@link String}, {@link Boolean}, {@link Long} or
 * {@link BigInteger}, {@link Double}, dates and times, {@link List} and {@link Map}.
 */
public final class PyValues {
    private PyValues() {
    }

    /** Python's {@code type(value).__name__}, for error messages. */
    public static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        } else if (value instanceof String) {
            return "str";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof Long || value instanceof BigInteger || value instanceof Integer) {
            return "int";
        } else if (value instanceof Double) {
            return "float";
        } else if (value instanceof List) {
            return "list";
        } else if (value instanceof Map) {
            return "dict";
        } else if (value instanceof LocalDate) {
            return "date";
        } else if (value instanceof TemporalAccessor) {
            return "datetime";
        }
        return value.getClass().getSimpleName();
    }

    /** Python's {@code str(value)}. */
    public static String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof LocalDateTime t) {
            // datetime.__str__: seconds always, microseconds only when not zero
            String text = String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
            int micros = t.getNano() / 1000;
            return micros == 0 ? text : text + String.format(".%06d", micros);
        }
        if (value instanceof LocalDate d) {
            return String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        }
        if (value instanceof TemporalAccessor t) {
            return t.toString();
        }
        return repr(value);
    }

    /** Python's {@code repr(value)}. */
    public static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        repr(value, out);
        return out.toString();
    }

    private static void repr(Object value, StringBuilder out) {
        if (value == null) {
            out.append("None");
        } else if (value instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (value instanceof Double d) {
            out.append(floatRepr(d));
        } else if (value instanceof Number n) {
            out.append(n);
        } else if (value instanceof String s) {
            stringRepr(s, out);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                repr(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                repr(e.getKey(), out);
                out.append(": ");
                repr(e.getValue(), out);
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else if (value instanceof LocalDate d) {
            out.append("datetime.date(").append(d.getYear()).append(", ").append(d.getMonthValue())
                    .append(", ").append(d.getDayOfMonth()).append(')');
        } else if (value instanceof LocalDateTime t) {
            // datetime.__repr__ drops trailing zero seconds and microseconds
            out.append("datetime.datetime(").append(t.getYear()).append(", ").append(t.getMonthValue())
                    .append(", ").append(t.getDayOfMonth()).append(", ").append(t.getHour()).append(", ")
                    .append(t.getMinute());
            int micros = t.getNano() / 1000;
            if (t.getSecond() != 0 || micros != 0) {
                out.append(", ").append(t.getSecond());
            }
            if (micros != 0) {
                out.append(", ").append(micros);
            }
            out.append(')');
        } else {
            out.append(value);
        }
    }

    /**
     * Python's shortest round-trip float text: {@code 7.0}, {@code 1e+16}, {@code 1e-05},
     * {@code inf}. Java 17's {@link Double#toString(double)} is not always the shortest
     * ({@code 2e+23} comes out as {@code 1.9999999999999998E23}), so the digits are searched
     * here: the fewest significant digits that read back as the same double.
     */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDigits(d).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        String digits = shortest.unscaledValue().abs().toString();
        StringBuilder s = new StringBuilder(d < 0 ? "-" : "");
        if (exponent < -4 || exponent >= 16) {
            s.append(digits.charAt(0));
            if (digits.length() > 1) {
                s.append('.').append(digits, 1, digits.length());
            }
            s.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            return s.append(abs < 10 ? "0" : "").append(abs).toString();
        }
        String plain = shortest.abs().toPlainString();
        return s.append(plain).append(plain.contains(".") ? "" : ".0").toString();
    }

    private static BigDecimal shortestDigits(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == d) {
                return nearest;
            }
            // Next to a power of two the gap below is half the gap above: the nearest
            // candidate may miss while the one on the other side still reads back.
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal other = exact.round(new MathContext(precision, mode));
                if (other.doubleValue() == d) {
                    return other;
                }
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    /** Python's {@code repr(str)}: quotes chosen like Python, non-printable characters escaped. */
    private static void stringRepr(String s, StringBuilder out) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else if (c < 0x7f || isPrintable(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xff) {
                out.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        }
        out.append(quote);
    }

    /** Python's {@code str.isprintable()} for one non-ASCII character. */
    private static boolean isPrintable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Python's {@code a == b}: {@code 1 == 1.0 == True}, dicts compare without order. */
    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double da && !Double.isFinite(da) || b instanceof Double db && !Double.isFinite(db)) {
                // nan equals nothing, inf only inf (and no int is infinite)
                return toDouble(a) == toDouble(b);
            }
            return toBigDecimal(a).compareTo(toBigDecimal(b)) == 0;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!equal(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !equal(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** A Python number: int, float or bool (bool is an int in Python). */
    public static boolean isNumber(Object value) {
        return value instanceof Number || value instanceof Boolean;
    }

    /** Python's {@code a + b} on fmf values, or {@code null} when Python raises TypeError. */
    public static Object add(Object a, Object b) {
        if (a instanceof String sa && b instanceof String sb) {
            return sa + sb;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            List<Object> joined = new ArrayList<>(la.size() + lb.size());
            joined.addAll(la);
            joined.addAll(lb);
            return joined;
        }
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                return toDouble(a) + toDouble(b);
            }
            return normalize(toBigInteger(a).add(toBigInteger(b)));
        }
        return null;
    }

    /**
     * The message of the TypeError Python raises for {@code a + b} (when {@link #add} gives
     * {@code null}): {@code can only concatenate str (not "int") to str}, {@code unsupported
     * operand type(s) for +: 'int' and 'str'}.
     */
    public static String addTypeError(Object a, Object b) {
        if (a instanceof String || a instanceof List) {
            String type = a instanceof String ? "str" : "list";
            return "can only concatenate " + type + " (not \"" + qualifiedTypeName(b) + "\") to " + type;
        }
        return "unsupported operand type(s) for +: '" + qualifiedTypeName(a) + "' and '" + qualifiedTypeName(b) + "'";
    }

    /** The type name Python puts in TypeError messages: the module is named for dates. */
    private static String qualifiedTypeName(Object value) {
        String name = typeName(value);
        return value instanceof TemporalAccessor ? "datetime." + name : name;
    }

    /** Python's {@code a - b} for two ints or two floats (bools excluded, as fmf's type check does). */
    public static Object subtract(Object a, Object b) {
        if (a instanceof Double da && b instanceof Double db) {
            return da - db;
        }
        return normalize(toBigInteger(a).subtract(toBigInteger(b)));
    }

    /** True when both are Python ints (not bools) or both floats: fmf's {@code type(a) == type(b)} check. */
    public static boolean sameNumericType(Object a, Object b) {
        boolean intA = a instanceof Long || a instanceof BigInteger;
        boolean intB = b instanceof Long || b instanceof BigInteger;
        return (intA && intB) || (a instanceof Double && b instanceof Double);
    }

    private static Object normalize(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static double toDouble(Object n) {
        return n instanceof Boolean b ? (b ? 1 : 0) : ((Number) n).doubleValue();
    }

    private static BigInteger toBigInteger(Object n) {
        if (n instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (n instanceof BigInteger bi) {
            return bi;
        }
        return BigInteger.valueOf(((Number) n).longValue());
    }

    private static BigDecimal toBigDecimal(Object n) {
        if (n instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (n instanceof Double d) {
            return new BigDecimal(d);
        }
        if (n instanceof BigInteger bi) {
            return new BigDecimal(bi);
        }
        return BigDecimal.valueOf(((Number) n).longValue());
    }

    /** Python's {@code str} ordering: by code point (Java's compareTo orders UTF-16 units). */
    public static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
