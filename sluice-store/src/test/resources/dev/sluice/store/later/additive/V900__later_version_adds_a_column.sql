-- A later version's migration, for tests of rolling upgrades: additive, so every node keeps working.
ALTER TABLE flow_runs ADD COLUMN later_note VARCHAR(100);
