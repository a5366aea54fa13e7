package io.drover.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.job.Job;
import io.drover.job.JobCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/events.md is the contract downstream tools read: every example in it is one line that its codec reads and
 * writes back as it was, that fits its schema file, and every record of the four topics has one.
 */
class EventsDocTest {
    private static final Path DOC = Path.of("../docs/events.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    private static final Set<String> JOB_TYPES = Set.of(Job.PREPARE, Job.TEST, Job.FINISH, Job.RELEASE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> examples() throws Exception {
        assertThat(DOC).as("docs/events.md, read from %s", Path.of("").toAbsolutePath()).isRegularFile();
        List<String> examples = new ArrayList<>();
        Matcher block = JSON_BLOCK.matcher(Files.readString(DOC));
        while (block.find()) {
            examples.add(block.group(1));
        }
        return examples;
    }

    @Test
    void everyExampleIsOneLineItsCodecReadsAndWritesBackAndFitsItsSchema() throws Exception {
        Set<String> shown = new TreeSet<>();
        for (String example : examples()) {
            assertThat(example.lines().count()).as("a ```json block of docs/events.md is one line: %s", example)
                    .isEqualTo(1);
            String line = example.strip();
            JsonNode written = JSON.readTree(line);
            String schema = schemaOf(written);
            JsonNode again = JSON.readTree(writeBack(schema, line));
            assertThat(again).as("%s written back", line).isEqualTo(written);
            EventSchemas.assertFits(schema, written);
            shown.add(schema);
        }
        Set<String> all = new TreeSet<>(EventSchemas.eventTypes().keySet());
        all.addAll(List.of(EventSchemas.JOB, EventSchemas.CONTROL, EventSchemas.OUTPUT_CHUNK));
        assertThat(shown).as("the records docs/events.md has an example of").isEqualTo(all);
    }

    /** The schema of a line: a control request has an action, a chunk no type, a job a job's type. */
    private static String schemaOf(JsonNode line) {
        if (line.has("action")) {
            return EventSchemas.CONTROL;
        }
        if (!line.has("type")) {
            return EventSchemas.OUTPUT_CHUNK;
        }
        String type = line.get("type").textValue();
        return JOB_TYPES.contains(type) ? EventSchemas.JOB : type;
    }

    private static String writeBack(String schema, String line) {
        return switch (schema) {
            case EventSchemas.CONTROL -> JobCodec.write(JobCodec.readControl(line));
            case EventSchemas.JOB -> JobCodec.write(JobCodec.read(line));
            case EventSchemas.OUTPUT_CHUNK -> EventCodec.write(EventCodec.readChunk(line));
            default -> EventCodec.write(EventCodec.read(line));
        };
    }
}
