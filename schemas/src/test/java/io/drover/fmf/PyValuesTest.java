package io.drover.fmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Python's str(), repr(), == and + on fmf values (expected texts taken from CPython). */
class PyValuesTest {

    private static Map<String, Object> dict(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void noneAndBooleansAreSpelledLikePython() {
        assertThat(PyValues.str(null)).isEqualTo("None");
        assertThat(PyValues.str(true)).isEqualTo("True");
        assertThat(PyValues.str(false)).isEqualTo("False");
        assertThat(PyValues.repr(null)).isEqualTo("None");
        assertThat(PyValues.repr(true)).isEqualTo("True");
    }

    @Test
    void integersOfAnySize() {
        assertThat(PyValues.str(17L)).isEqualTo("17");
        assertThat(PyValues.str(-3L)).isEqualTo("-3");
        assertThat(PyValues.str(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
    }

    @Test
    void floatsUseTheShortestRoundTripText() {
        assertThat(PyValues.str(7.0)).isEqualTo("7.0");
        assertThat(PyValues.str(0.1)).isEqualTo("0.1");
        assertThat(PyValues.str(1e16)).isEqualTo("1e+16");
        assertThat(PyValues.str(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PyValues.str(1e-05)).isEqualTo("1e-05");
        assertThat(PyValues.str(0.0001)).isEqualTo("0.0001");
        assertThat(PyValues.str(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(PyValues.str(123.456)).isEqualTo("123.456");
        assertThat(PyValues.str(-0.0)).isEqualTo("-0.0");
        assertThat(PyValues.str(1.7976931348623157e308)).isEqualTo("1.7976931348623157e+308");
    }

    @Test
    void floatsThatJava17PrintsTooLongAreStillShortest() {
        assertThat(PyValues.str(2e23)).isEqualTo("2e+23");
        assertThat(PyValues.str(1e23)).isEqualTo("1e+23");
        assertThat(PyValues.str(5e-324)).isEqualTo("5e-324");
        assertThat(PyValues.str(1.152921504606847e+18)).isEqualTo("1.152921504606847e+18");
    }

    @Test
    void infinityAndNan() {
        assertThat(PyValues.str(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(PyValues.str(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(PyValues.str(Double.NaN)).isEqualTo("nan");
    }

    @Test
    void strOfAStringIsTheStringItself() {
        assertThat(PyValues.str("it's \"x\"\n")).isEqualTo("it's \"x\"\n");
    }

    @Test
    void reprQuotesStringsLikePython() {
        assertThat(PyValues.repr("plain")).isEqualTo("'plain'");
        assertThat(PyValues.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PyValues.repr("say \"hi\"")).isEqualTo("'say \"hi\"'");
        assertThat(PyValues.repr("both ' \"")).isEqualTo("'both \\' \"'");
        assertThat(PyValues.repr("")).isEqualTo("''");
    }

    @Test
    void reprEscapesControlAndNonPrintableCharacters() {
        assertThat(PyValues.repr("a\nb\tc\rd\\")).isEqualTo("'a\\nb\\tc\\rd\\\\'");
        assertThat(PyValues.repr("\u0001\u007f")).isEqualTo("'\\x01\\x7f'");
        assertThat(PyValues.repr("\u00a0\u200b\u2028\u0085")).isEqualTo("'\\xa0\\u200b\\u2028\\x85'");
        assertThat(PyValues.repr("é😀")).isEqualTo("'é😀'");
    }

    @Test
    void listsAndDictsPrintTheirItemsWithRepr() {
        List<Object> list = Arrays.asList(1L, "a", null, true, 1.5, List.of());
        assertThat(PyValues.str(list)).isEqualTo("[1, 'a', None, True, 1.5, []]");
        Map<String, Object> map = dict("a", List.of(1L), "b", dict("c", null), "it's", "x");
        assertThat(PyValues.str(map)).isEqualTo("{'a': [1], 'b': {'c': None}, \"it's\": 'x'}");
        assertThat(PyValues.repr(dict())).isEqualTo("{}");
    }

    @Test
    void datesPrintLikeDatetime() {
        assertThat(PyValues.str(LocalDate.of(2001, 12, 14))).isEqualTo("2001-12-14");
        assertThat(PyValues.repr(LocalDate.of(2001, 12, 14))).isEqualTo("datetime.date(2001, 12, 14)");
        assertThat(PyValues.str(List.of(LocalDate.of(2001, 2, 3)))).isEqualTo("[datetime.date(2001, 2, 3)]");
    }

    @Test
    void dateTimesPrintLikeDatetime() {
        LocalDateTime withMicros = LocalDateTime.of(2001, 12, 15, 2, 59, 43, 100_000_000);
        assertThat(PyValues.str(withMicros)).isEqualTo("2001-12-15 02:59:43.100000");
        assertThat(PyValues.repr(withMicros)).isEqualTo("datetime.datetime(2001, 12, 15, 2, 59, 43, 100000)");
        LocalDateTime onTheHour = LocalDateTime.of(2001, 12, 15, 2, 0);
        assertThat(PyValues.str(onTheHour)).isEqualTo("2001-12-15 02:00:00");
        assertThat(PyValues.repr(onTheHour)).isEqualTo("datetime.datetime(2001, 12, 15, 2, 0)");
        assertThat(PyValues.repr(LocalDateTime.of(2001, 12, 15, 2, 0, 5))).isEqualTo("datetime.datetime(2001, 12, 15, 2, 0, 5)");
    }

    @Test
    void numbersCompareByValueAcrossIntFloatAndBool() {
        assertThat(PyValues.equal(1L, 1.0)).isTrue();
        assertThat(PyValues.equal(1.0, true)).isTrue();
        assertThat(PyValues.equal(1L, true)).isTrue();
        assertThat(PyValues.equal(0L, false)).isTrue();
        assertThat(PyValues.equal(2L, true)).isFalse();
        assertThat(PyValues.equal(new BigInteger("9007199254740993"), 9007199254740992.0)).isFalse();
        assertThat(PyValues.equal(new BigInteger("9007199254740992"), 9007199254740992.0)).isTrue();
    }

    @Test
    void nanEqualsNothingAndInfinityOnlyInfinity() {
        assertThat(PyValues.equal(Double.NaN, Double.NaN)).isFalse();
        assertThat(PyValues.equal(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
        assertThat(PyValues.equal(Double.POSITIVE_INFINITY, new BigInteger("9223372036854775808"))).isFalse();
        assertThat(PyValues.equal(Double.NaN, Long.MAX_VALUE - 1)).isFalse();
    }

    @Test
    void stringsNeverEqualNumbers() {
        assertThat(PyValues.equal("1", 1L)).isFalse();
        assertThat(PyValues.equal("True", true)).isFalse();
        assertThat(PyValues.equal("a", "a")).isTrue();
    }

    @Test
    void noneEqualsOnlyNone() {
        assertThat(PyValues.equal(null, null)).isTrue();
        assertThat(PyValues.equal(null, false)).isFalse();
        assertThat(PyValues.equal("", null)).isFalse();
    }

    @Test
    void listsCompareItemByItemInOrder() {
        assertThat(PyValues.equal(List.of(1L, "a"), List.of(1.0, "a"))).isTrue();
        assertThat(PyValues.equal(List.of(1L, "a"), List.of("a", 1L))).isFalse();
        assertThat(PyValues.equal(List.of(1L), List.of(1L, 1L))).isFalse();
    }

    @Test
    void dictsCompareWithoutOrder() {
        assertThat(PyValues.equal(dict("a", 1L, "b", List.of(true)), dict("b", List.of(1L), "a", 1.0))).isTrue();
        assertThat(PyValues.equal(dict("a", 1L), dict("a", 1L, "b", 2L))).isFalse();
        assertThat(PyValues.equal(dict("a", null), dict("b", null))).isFalse();
    }

    @Test
    void dateEqualsOnlyTheSameDate() {
        assertThat(PyValues.equal(LocalDate.of(2001, 1, 1), LocalDate.of(2001, 1, 1))).isTrue();
        assertThat(PyValues.equal(LocalDate.of(2001, 1, 1), "2001-01-01")).isFalse();
    }

    @Test
    void addConcatenatesStringsWithoutSeparator() {
        assertThat(PyValues.add("General description", "Specific description"))
                .isEqualTo("General descriptionSpecific description");
    }

    @Test
    void addConcatenatesListsIntoANewList() {
        List<Object> left = new ArrayList<>(List.of("a"));
        List<Object> right = List.of("b", 1L);
        assertThat(PyValues.add(left, right)).isEqualTo(List.of("a", "b", 1L));
        assertThat(left).containsExactly("a");
    }

    @Test
    void addAddsNumbersWithPythonTypes() {
        assertThat(PyValues.add(1L, 2L)).isEqualTo(3L);
        assertThat(PyValues.add(1L, 0.5)).isEqualTo(1.5);
        assertThat(PyValues.add(1.5, 1.5)).isEqualTo(3.0);
        assertThat(PyValues.add(Long.MAX_VALUE, 1L)).isEqualTo(new BigInteger("9223372036854775808"));
    }

    @Test
    void boolIsAnIntWhenAdded() {
        assertThat(PyValues.add(true, 1L)).isEqualTo(2L);
        assertThat(PyValues.add(true, true)).isEqualTo(2L);
        assertThat(PyValues.add(false, 0.5)).isEqualTo(0.5);
    }

    @Test
    void addOfIncompatibleTypesIsNullForTypeError() {
        assertThat(PyValues.add("a", 1L)).isNull();
        assertThat(PyValues.add(List.of(), "a")).isNull();
        assertThat(PyValues.add(null, 1L)).isNull();
        assertThat(PyValues.add(1L, null)).isNull();
        assertThat(PyValues.add(dict(), dict())).isNull();
        assertThat(PyValues.add(LocalDate.of(2001, 1, 1), 1L)).isNull();
    }

    @Test
    void typeErrorMessagesAreThoseOfPython() {
        assertThat(PyValues.addTypeError("a", 1L)).isEqualTo("can only concatenate str (not \"int\") to str");
        assertThat(PyValues.addTypeError(List.of(), "a")).isEqualTo("can only concatenate list (not \"str\") to list");
        assertThat(PyValues.addTypeError(1L, "a")).isEqualTo("unsupported operand type(s) for +: 'int' and 'str'");
        assertThat(PyValues.addTypeError(null, 1L)).isEqualTo("unsupported operand type(s) for +: 'NoneType' and 'int'");
        assertThat(PyValues.addTypeError(dict(), List.of())).isEqualTo("unsupported operand type(s) for +: 'dict' and 'list'");
        assertThat(PyValues.addTypeError("a", LocalDate.of(2001, 1, 1)))
                .isEqualTo("can only concatenate str (not \"datetime.date\") to str");
    }

    @Test
    void typeNamesAreThoseOfPython() {
        assertThat(PyValues.typeName(null)).isEqualTo("NoneType");
        assertThat(PyValues.typeName("x")).isEqualTo("str");
        assertThat(PyValues.typeName(true)).isEqualTo("bool");
        assertThat(PyValues.typeName(1L)).isEqualTo("int");
        assertThat(PyValues.typeName(BigInteger.TEN.pow(30))).isEqualTo("int");
        assertThat(PyValues.typeName(1.0)).isEqualTo("float");
        assertThat(PyValues.typeName(List.of())).isEqualTo("list");
        assertThat(PyValues.typeName(dict())).isEqualTo("dict");
        assertThat(PyValues.typeName(LocalDate.of(2001, 1, 1))).isEqualTo("date");
        assertThat(PyValues.typeName(LocalDateTime.of(2001, 1, 1, 0, 0))).isEqualTo("datetime");
    }
}
