-- Issue 20 (Business Central). Standard SQL for H2 and PostgreSQL.
--
-- Connections of type 'business-central' say which environment (production, a sandbox or a named one; Business
-- Central allows 30 characters) and which company (a name of at most 30 characters, a GUID, or NULL for every
-- company of the environment) they work with. Dataverse connections leave both NULL.
ALTER TABLE connections ADD COLUMN bc_environment VARCHAR(30);
ALTER TABLE connections ADD COLUMN bc_company VARCHAR(64);
