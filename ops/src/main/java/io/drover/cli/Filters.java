package io.drover.cli;

import io.drover.fmf.FmfException;
import io.drover.fmf.filter.Filter;
import java.util.ArrayList;
import java.util.List;

/** Filter expressions typed on the command line: parsed up front, a bad one is a usage error. */
final class Filters {
    private Filters() {
    }

    static List<Filter> parse(List<String> expressions) {
        List<Filter> filters = new ArrayList<>();
        for (String expression : expressions) {
            try {
                filters.add(Filter.parse(expression, true, true));
            } catch (FmfException e) {
                throw new ExitCodes.UsageException("invalid filter '" + expression + "': " + e.getMessage());
            }
        }
        return filters;
    }
}
