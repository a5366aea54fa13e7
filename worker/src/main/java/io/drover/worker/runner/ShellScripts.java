package io.drover.worker.runner;

import static io.drover.worker.sut.ShellWords.quote;

import java.util.Map;

/** Pieces of the bash scripts the worker writes for the SUT. */
final class ShellScripts {
    /**
     * Exports the {@code NAME=VALUE} lines of {@code $TMT_PLAN_ENVIRONMENT_FILE}, each value as
     * written (one pair of surrounding quotes dropped), as tmt reads that file: not as shell code.
     */
    static final String IMPORT_PLAN_ENVIRONMENT_FILE = """
                if [ -s "$TMT_PLAN_ENVIRONMENT_FILE" ]; then
                    while IFS= read -r drover_line || [ -n "$drover_line" ]; do
                        [[ $drover_line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
                        drover_name=${BASH_REMATCH[2]} drover_value=${BASH_REMATCH[3]}
                        [[ $drover_value =~ ^\\"(.*)\\"$ || $drover_value =~ ^\\'(.*)\\'$ ]] && drover_value=${BASH_REMATCH[1]}
                        export "$drover_name=$drover_value"
                    done < "$TMT_PLAN_ENVIRONMENT_FILE"
                    unset drover_line drover_name drover_value
                fi
                """;

    private ShellScripts() {
    }

    /** Whether a shell takes {@code name} as a variable name. */
    static boolean isVariableName(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    /** {@code export NAME=VALUE} lines; a name a shell cannot take is refused. */
    static void exports(StringBuilder script, Map<String, String> variables) {
        variables.forEach((name, value) -> {
            if (!isVariableName(name)) {
                throw new IllegalArgumentException("environment variable name '" + name + "' is not valid in a shell");
            }
            script.append("export ").append(name).append('=').append(quote(value)).append('\n');
        });
    }

    /** Writes {@code content} to the file as it is, with bash's printf: no process per file. */
    static void file(StringBuilder script, String name, String content) {
        script.append("printf '%s' ").append(quote(content)).append(" > ").append(quote(name)).append('\n');
    }
}
