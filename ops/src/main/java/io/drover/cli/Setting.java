package io.drover.cli;

import java.util.List;

/**
 * One configured value: {@code values} null when it is explicitly unset (YAML null, an empty environment variable),
 * which restores the built-in default; {@code where} names it in errors ("FILE:LINE: key 'x' of section 'y'").
 */
record Setting(List<String> values, String where) {
}
