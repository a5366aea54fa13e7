package io.drover.fmf.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.fmf.InvalidRegexException;
import io.drover.fmf.InvalidRuleException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextTest {
    private static final Context FEDORA = Context.of(Map.of("distro", "fedora-33", "arch", List.of("x86_64", "ppc64")));

    @Test
    void valuesAreConvertedWithPythonStrAndKeepOrder() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("zeta", true);
        values.put("alpha", 1);
        values.put("none", null);
        values.put("multi", Arrays.asList("b", "a", "b", 2.0));
        Context context = Context.of(values);

        assertThat(context.dimensions()).containsExactly(
                Map.entry("zeta", List.of("True")),
                Map.entry("alpha", List.of("1")),
                Map.entry("none", List.of("None")),
                Map.entry("multi", List.of("b", "a", "2.0")));
        assertThatThrownBy(() -> context.dimensions().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void overriddenByReplacesDimensionsInPlaceAndAddsNewOnes() {
        Context base = Context.of(new LinkedHashMap<>(Map.of("distro", "centos-8")));
        Context merged = base.overriddenBy(Context.of(Map.of("distro", "fedora-40")))
                .overriddenBy(Context.of(Map.of("arch", "aarch64")));

        assertThat(merged.dimensions()).containsExactly(
                Map.entry("distro", List.of("fedora-40")), Map.entry("arch", List.of("aarch64")));
        assertThat(base.dimensions()).containsExactly(Map.entry("distro", List.of("centos-8")));
        assertThat(Context.empty().overriddenBy(base)).isEqualTo(base);
    }

    @Test
    void emptyContextCannotDecideComparisonsButKnowsWhatIsUndefined() {
        assertThat(Context.empty().matches("distro == fedora", true)).isEqualTo(Decision.CANNOT_DECIDE);
        assertThat(Context.empty().matches("distro is not defined", true)).isEqualTo(Decision.TRUE);
        assertThat(Context.empty().matches("distro is defined", true)).isEqualTo(Decision.FALSE);
    }

    @Test
    void aDimensionWithNoValuesIsDefinedButUndecidable() {
        Context context = Context.of(Map.of("distro", List.of()));
        assertThat(context.matches("distro is defined", true)).isEqualTo(Decision.TRUE);
        assertThat(context.matches("distro == fedora", true)).isEqualTo(Decision.CANNOT_DECIDE);
    }

    @Test
    void booleanRulesAreTheirValueAndOtherTypesAreInvalid() {
        assertThat(FEDORA.matches(true, true)).isEqualTo(Decision.TRUE);
        assertThat(FEDORA.matches(false, true)).isEqualTo(Decision.FALSE);
        assertThatThrownBy(() -> FEDORA.matches(42, true))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("Invalid rule '42': expected a string or a boolean, got 'int'");
        assertThatThrownBy(() -> FEDORA.matches(null, true)).isInstanceOf(InvalidRuleException.class);
    }

    @Test
    void cachedRulesGiveTheSameAnswersForEveryContext() {
        Context centos = Context.of(Map.of("distro", "centos-8.4"));
        String rule = "distro ~>= fedora-33 or distro < centos-9";
        for (int i = 0; i < 3; i++) {
            assertThat(FEDORA.matches(rule, true)).isEqualTo(Decision.TRUE);
            assertThat(centos.matches(rule, true)).isEqualTo(Decision.TRUE);
            assertThat(Context.empty().matches(rule, true)).isEqualTo(Decision.CANNOT_DECIDE);
            assertThat(centos.matches("distro > centos-9", true)).isEqualTo(Decision.FALSE);
        }
    }

    @Test
    void invalidRulesFailEveryTimeEvenWhenAnEarlierGroupIsTrue() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> FEDORA.matches("true or bar", true))
                    .isInstanceOf(InvalidRuleException.class)
                    .hasMessage("Invalid rule 'true or bar': cannot parse expression 'bar'");
        }
    }

    @Test
    void evaluationIsLazySoAnUnreachedBadRegexIsNoError() {
        assertThat(FEDORA.matches("true or distro ~ (", true)).isEqualTo(Decision.TRUE);
        assertThat(FEDORA.matches("false and distro ~ (", true)).isEqualTo(Decision.FALSE);
        assertThatThrownBy(() -> FEDORA.matches("distro ~ (", true)).isInstanceOf(InvalidRegexException.class);
    }

    @Test
    void regexOperatorsIgnoreCaseInsensitivity() {
        assertThat(FEDORA.matches("distro ~ ^Fedora", false)).isEqualTo(Decision.FALSE);
        assertThat(FEDORA.matches("distro == Fedora", false)).isEqualTo(Decision.TRUE);
        assertThat(FEDORA.matches("distro !~ ^fed", true)).isEqualTo(Decision.FALSE);
    }

    @Test
    void caseInsensitiveComparisonCasefolds() {
        Context context = Context.of(Map.of("street", "straße-1"));
        assertThat(context.matches("street == STRASSE", false)).isEqualTo(Decision.TRUE);
        assertThat(context.matches("street == STRASSE", true)).isEqualTo(Decision.FALSE);
        assertThat(Context.casefold("İstanbul ΣΑΣ")).isEqualTo("i\u0307stanbul σασ");
    }

    @Test
    void versionPartsCompareLikePythonInt() {
        Context context = Context.of(Map.of("pkg", "foo-1_0.08"));
        assertThat(context.matches("pkg == foo-10.8", true)).isEqualTo(Decision.TRUE);
        assertThat(context.matches("pkg > foo-9", true)).isEqualTo(Decision.TRUE);
        // "1_0" and "08" are ints, "1a" is not: string comparison "1_0" < "1a"
        assertThat(context.matches("pkg < foo-1a", true)).isEqualTo(Decision.TRUE);
    }

    @Test
    void whitespaceAroundOperatorsAndValuesIsOptional() {
        assertThat(FEDORA.matches("arch=ppc64", true)).isEqualTo(Decision.TRUE);
        assertThat(FEDORA.matches("arch!=x86_64 , ppc64", true)).isEqualTo(Decision.TRUE);
        assertThat(FEDORA.matches("distro<=fedora-33", true)).isEqualTo(Decision.TRUE);
    }

    @Test
    void decisionLogicIsKleene() {
        Decision undecided = Decision.CANNOT_DECIDE;
        assertThat(undecided.and(Decision.TRUE)).isEqualTo(undecided);
        assertThat(undecided.and(Decision.FALSE)).isEqualTo(Decision.FALSE);
        assertThat(undecided.or(Decision.TRUE)).isEqualTo(Decision.TRUE);
        assertThat(undecided.or(Decision.FALSE)).isEqualTo(undecided);
        assertThat(Decision.of(true)).isEqualTo(Decision.TRUE);
        assertThat(Decision.of(false).isFalse()).isTrue();
    }
}
