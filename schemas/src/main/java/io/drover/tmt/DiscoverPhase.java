package io.drover.tmt;

import io.drover.fmf.PyValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One phase of a plan's {@code discover} step.
 *
 * @param how         {@code fmf} or {@code shell}
 * @param test        regular expressions selecting tests in this order, duplicates kept
 * @param filter      filter expressions, all of which must pass
 * @param include     regular expressions; when given, only matching tests stay (tree order)
 * @param exclude     regular expressions; matching tests are dropped
 * @param link        link needles {@code RELATION:TARGET}, any of which must match
 * @param adjustTests adjust rules applied to every discovered test
 * @param path        the fmf tree to discover in, relative to the plan's tree root (null: the plan's tree)
 * @param shellTests  for {@code how: shell}, the tests as written in the plan
 * @param data        the phase as written, normalized
 */
public record DiscoverPhase(String name, String how, List<TestSelector> test, List<String> filter,
                            List<String> include, List<String> exclude, List<String> link,
                            List<Map<String, Object>> adjustTests, String url, String ref, String path,
                            List<Map<String, Object>> shellTests, Map<String, Object> data) {

    /** A {@code test} item: a name regexp, with adjust-rule keys applied to the tests it selects. */
    public record TestSelector(String name, Map<String, Object> rule) {
        public static TestSelector of(String name) {
            return new TestSelector(name, Map.of());
        }
    }

    static DiscoverPhase of(Map<String, Object> phase, String where) {
        MetadataReader keys = new MetadataReader(phase, where + " discover phase '" + phase.get("name") + "'");
        List<TestSelector> selectors = new ArrayList<>();
        Object test = phase.get("test");
        if (test != null) {
            for (Object item : test instanceof List<?> list ? list : List.of(test)) {
                if (item instanceof Map<?, ?> map) {
                    Map<String, Object> rule = new LinkedHashMap<>();
                    map.forEach((k, v) -> rule.put((String) k, v));
                    Object name = rule.remove("name");
                    if (name == null) {
                        throw keys.error("test", "item " + PyValues.repr(map) + " needs a 'name'");
                    }
                    selectors.add(new TestSelector(PyValues.str(name), rule));
                } else if (item != null) {
                    selectors.add(TestSelector.of(PyValues.str(item)));
                }
            }
        }
        return new DiscoverPhase(
                (String) phase.get("name"),
                (String) phase.get("how"),
                List.copyOf(selectors),
                keys.stringList("filter"),
                keys.stringList("include"),
                keys.stringList("exclude"),
                keys.stringList("link"),
                keys.mappingList("adjust-tests"),
                keys.string("url", null),
                keys.string("ref", null),
                keys.string("path", null),
                keys.mappingList("tests"),
                phase);
    }
}
