-- Sluice store: rows a flow run upserted where the target did not say whether it created or updated them
-- (Dataverse's UpsertMultiple answers with ids only); before this they were counted as updated. Additive: nodes of
-- the previous version leave it 0. Standard types for H2 2.x and PostgreSQL 12+.
ALTER TABLE flow_runs ADD COLUMN upserted_count BIGINT DEFAULT 0 NOT NULL;
