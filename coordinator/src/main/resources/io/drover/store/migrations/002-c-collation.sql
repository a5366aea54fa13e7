-- Keys compare as bytes (collation "C"), not by the database's language rules: storing a batch compares key text
-- many times per row, and a locale's collation made that PostgreSQL's largest cost. Readers order names bytewise.
drop view results;

alter table runs alter column run type text collate "C";
alter table tests alter column run type text collate "C", alter column plan type text collate "C",
    alter column test type text collate "C";
alter table attempts alter column run type text collate "C", alter column plan type text collate "C",
    alter column test type text collate "C";
alter table result_pages alter column run type text collate "C", alter column plan type text collate "C",
    alter column test type text collate "C";
alter table jobs alter column run type text collate "C", alter column job type text collate "C";
alter table sut_states alter column run type text collate "C";
alter table artifacts alter column run type text collate "C", alter column plan type text collate "C",
    alter column test type text collate "C", alter column path type text collate "C";

create view results as
select p.run, p.plan, p.test, p.attempt, l.key::bigint as seq, (l.value->>'at')::timestamptz as at,
       l.value->'result'->>'status' as status, l.value->'result'->>'name' as name, l.value->'result' as result
from result_pages p, jsonb_each(p.lines) l;
