package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docs/configuration.md lists every section and key of the command model, and nothing else. */
class ConfigurationDocTest {
    private static final Pattern SECTION = Pattern.compile("^## `([^`]+)`");
    private static final Pattern KEY = Pattern.compile("^\\| `([^`]+)` \\|");

    /** Section -> keys, from the "## `section`" headings and the first column of their tables. */
    static Map<String, Set<String>> documented(Path doc) throws IOException {
        Map<String, Set<String>> sections = new LinkedHashMap<>();
        Set<String> keys = null;
        for (String line : Files.readAllLines(doc)) {
            Matcher section = SECTION.matcher(line);
            Matcher key = KEY.matcher(line);
            if (section.find()) {
                keys = sections.computeIfAbsent(section.group(1), s -> new LinkedHashSet<>());
            } else if (line.startsWith("## ")) {
                keys = null;
            } else if (keys != null && key.find()) {
                keys.add(key.group(1));
            }
        }
        return sections;
    }

    /** Section -> keys of the commands; sections without keys left out. */
    static Map<String, Set<String>> model() {
        ConfigKeys keys = ConfigKeys.of(Drover.commandLine(Map.of()).getCommandSpec());
        Map<String, Set<String>> sections = new LinkedHashMap<>();
        sections.put(ConfigKeys.COMMON, new LinkedHashSet<>(ConfigKeys.SHARED));
        for (String section : keys.sections()) {
            if (!keys.keys(section).isEmpty()) {
                sections.put(section, keys.keys(section).keySet());
            }
        }
        return sections;
    }

    private static List<String> difference(Map<String, Set<String>> a, Map<String, Set<String>> b) {
        List<String> missing = new ArrayList<>();
        a.forEach((section, keys) -> {
            if (!b.containsKey(section)) {
                missing.add("section '" + section + "'");
            } else {
                keys.stream().filter(key -> !b.get(section).contains(key)).forEach(key -> missing.add(section + "." + key));
            }
        });
        return missing;
    }

    @Test
    void everyRowNamesItsFlagAndItsEnvironmentVariable() throws IOException {
        List<String> wrong = new ArrayList<>();
        String section = null;
        for (String line : Files.readAllLines(doc())) {
            Matcher heading = SECTION.matcher(line);
            Matcher key = KEY.matcher(line);
            if (heading.find()) {
                section = heading.group(1);
            } else if (line.startsWith("## ")) {
                section = null;
            } else if (section != null && key.find()) {
                String name = section.equals(ConfigKeys.COMMON) ? "" : section;
                String variable = "`" + ConfigKeys.environmentName(name, key.group(1)) + "`";
                if (!line.contains("| `--" + key.group(1) + "` |") || !line.contains(variable)) {
                    wrong.add(section + "." + key.group(1));
                }
            }
        }
        assertThat(wrong).as("rows of docs/configuration.md without their flag or environment variable").isEmpty();
    }

    private static Path doc() {
        return Path.of(System.getProperty("user.dir")).getParent().resolve("docs/configuration.md");
    }

    @Test
    void everySharedKeyIsAnOptionOfTwoCommandsOrMore() {
        ConfigKeys keys = ConfigKeys.of(Drover.commandLine(Map.of()).getCommandSpec());
        for (String key : ConfigKeys.SHARED) {
            assertThat(keys.sectionsWith(key)).as(key).hasSizeGreaterThan(1);
        }
    }

    @Test
    void docsListEveryKeyAndNoOther() throws IOException {
        Map<String, Set<String>> documented = documented(doc());
        Map<String, Set<String>> model = model();
        List<String> missing = difference(model, documented);
        List<String> extra = difference(documented, model);
        assertThat(missing).as("docs/configuration.md lacks " + missing + (extra.isEmpty() ? "" : " and lists what no command has: " + extra)).isEmpty();
        assertThat(extra).as("docs/configuration.md lists what no command has: " + extra).isEmpty();
    }
}
