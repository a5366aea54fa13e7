package io.drover.coordinator.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExportFormatsTest {
    @Test
    void findsEachFormatByName() {
        assertThat(ResultsFormats.of("table")).isInstanceOf(TableFormat.class);
        assertThat(ResultsFormats.of("json")).isInstanceOf(JsonLinesFormat.class);
        assertThat(ResultsFormats.of("junit")).isInstanceOf(JUnitXmlFormat.class);
        assertThat(ResultsFormats.of("tmt")).isInstanceOf(TmtResultsFormat.class);
        assertThat(ResultsFormats.of("atex")).isInstanceOf(AtexAggregateFormat.class);
    }

    @Test
    void refusesAnUnknownNameListingTheKnownOnes() {
        assertThatThrownBy(() -> ResultsFormats.of("xunit")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown results format 'xunit' (known: table, json, junit, tmt, atex)");
    }
}
