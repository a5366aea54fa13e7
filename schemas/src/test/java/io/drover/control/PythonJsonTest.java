package io.drover.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Expected strings are what CPython 3's {@code json.dumps} prints for the same values. */
class PythonJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String dumps(String json) throws IOException {
        return PythonJson.dumps(JSON.readTree(json));
    }

    @Test
    void usesPythonsSeparators() throws IOException {
        assertThat(dumps("{\"a\":1,\"b\":[1,2,{}],\"c\":{\"d\":[]},\"e\":[true,false,null]}"))
                .isEqualTo("{\"a\": 1, \"b\": [1, 2, {}], \"c\": {\"d\": []}, \"e\": [true, false, null]}");
        assertThat(dumps("{}")).isEqualTo("{}");
    }

    @Test
    void escapesEverythingOutsidePrintableAscii() throws IOException {
        assertThat(dumps("{\"a\u00e9\": \"\\u00e9\\u007f\\u0001\\n\\\"\\\\ \ud83d\ude00\\u0085/\\t\\r\\b\\f\"}"))
                .isEqualTo("{\"a\\u00e9\": \"\\u00e9\\u007f\\u0001\\n\\\"\\\\ \\ud83d\\ude00\\u0085/\\t\\r\\b\\f\"}");
    }

    @Test
    void writesIntegersOfAnySize() throws IOException {
        assertThat(dumps("[0, -0, 7, -12, 1180591620717411303424]")).isEqualTo("[0, 0, 7, -12, 1180591620717411303424]");
    }

    @Test
    void writesFloatsAsPythonsRepr() {
        double[] values = {1.0, 0.1, 1e16, 1e15, 123456789012345678.0, 1e-05, 0.0001, 1.5e-7, -0.0, 1e22, 5e-324,
            1.7976931348623157e+308, 100.0, 2.5e16, 1.0 / 3, 2.0 / 3, Double.POSITIVE_INFINITY, Double.NaN,
            9007199254740993.0, 0.1 + 0.2, 1e23, 8.41e21, 5e-5, Double.NEGATIVE_INFINITY, -2.5};
        String[] python = {"1.0", "0.1", "1e+16", "1000000000000000.0", "1.2345678901234568e+17", "1e-05", "0.0001",
            "1.5e-07", "-0.0", "1e+22", "5e-324", "1.7976931348623157e+308", "100.0", "2.5e+16", "0.3333333333333333",
            "0.6666666666666666", "Infinity", "NaN", "9007199254740992.0", "0.30000000000000004", "1e+23", "8.41e+21",
            "5e-05", "-Infinity", "-2.5"};
        for (int i = 0; i < values.length; i++) {
            assertThat(PythonJson.floatRepr(values[i])).as("%s", values[i]).isEqualTo(python[i]);
        }
    }

    @Test
    void everyFloatReadsBackExactly() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 3000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                assertThat(Double.parseDouble(PythonJson.floatRepr(d))).isEqualTo(d);
            }
        }
    }
}
