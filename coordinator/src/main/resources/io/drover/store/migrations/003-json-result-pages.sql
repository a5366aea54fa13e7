-- Result pages are kept as the JSON text they were written as (json, not jsonb): PostgreSQL then neither converts a
-- page to its binary form when storing it nor back to text when a finished run is read for its aggregate, which
-- halved both here (docs/benchmarks.md). Merging a page with lines it lacks goes through jsonb, so a merged page is
-- jsonb's text of the same lines; lines it already has leave it as it is.
drop view results;

alter table result_pages alter column lines type json using lines::json;

create view results as
select p.run, p.plan, p.test, p.attempt, l.key::bigint as seq, (l.value->>'at')::timestamptz as at,
       l.value->'result'->>'status' as status, l.value->'result'->>'name' as name, (l.value->'result')::jsonb as result
from result_pages p, json_each(p.lines) l;
