-- A later version's migration, for tests of rolling upgrades: it drops what older nodes read.
-- oldest-compatible-schema: 901
ALTER TABLE flow_runs DROP COLUMN detail;
