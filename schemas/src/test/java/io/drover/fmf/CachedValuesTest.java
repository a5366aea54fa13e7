package io.drover.fmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parse cache's binary form gives back every value FmfYaml builds, with its exact type. */
class CachedValuesTest {
    @Test
    void everyKindOfValueRoundTrips() {
        Object parsed = FmfYaml.parse("""
                int: 17
                octal: 0o17
                hex: 0x1F
                big: -98765432109876543210
                float: 1.5e3
                inf: -.inf
                nan: .NaN
                zero: -0.0
                bools: [true, False, yes, on]
                nulls: [~, null, ]
                date: 2002-12-14
                timestamp: 2001-12-14t21:59:43.123456789+01:30
                text: "ünïcödé ✓ and 𝄞"
                empty: ""
                nested: {a: [1, {b: [[], {}]}], "1": one}
                keys: {~: none, "null": text, 1: one}
                anchor: &x {k: v}
                alias: *x
                merge: {<<: *x, own: 1}
                """, "values.fmf");
        assertThat(roundTrip(parsed)).satisfies(copy -> ParseCacheTest.assertSameValue(copy, parsed, "values"));
    }

    @Test
    void aValueReachedTwiceStaysOneObject() {
        FmfYaml.YamlMapping map = new FmfYaml.YamlMapping();
        ArrayList<Object> shared = new ArrayList<>(List.of("a", 1L));
        map.put("one", shared, 1);
        map.put("two", shared, 2);
        Map<?, ?> copy = (Map<?, ?>) roundTrip(map);
        assertThat(copy.get("one")).isEqualTo(shared).isSameAs(copy.get("two"));
    }

    @Test
    void aValueFmfYamlNeverBuildsIsRefused() {
        assertThatThrownBy(() -> new CachedValues.Encoder().encode(Map.of("k", "v")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void damagedBytesAreReportedNotDecodedIntoSomethingElse() {
        CachedValues.Encoder encoder = new CachedValues.Encoder();
        byte[] bytes = encoder.encode(FmfYaml.parse("a: [1, 2, {b: c}]", "x"));
        String[] strings = encoder.strings().toArray(String[]::new);
        for (int cut = 0; cut < bytes.length; cut++) {
            ByteBuffer truncated = ByteBuffer.wrap(bytes, 0, cut);
            assertThatThrownBy(() -> CachedValues.decode(truncated, strings))
                    .isInstanceOf(CachedValues.CorruptException.class);
        }
        byte[] unknownTag = bytes.clone();
        unknownTag[0] = 99;
        assertThatThrownBy(() -> CachedValues.decode(ByteBuffer.wrap(unknownTag), strings))
                .isInstanceOf(CachedValues.CorruptException.class);
    }

    private static Object roundTrip(Object value) {
        CachedValues.Encoder encoder = new CachedValues.Encoder();
        byte[] bytes = encoder.encode(value);
        return CachedValues.decode(ByteBuffer.wrap(bytes), encoder.strings().toArray(String[]::new));
    }
}
