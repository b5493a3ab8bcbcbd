-- Foreign-data wrappers, servers, user mappings, foreign tables, publications, event triggers (PostgreSQL 13 on).
-- Needs a superuser (wrappers, event triggers, FOR ALL TABLES) and the postgres_fdw extension.
CREATE SCHEMA far;
CREATE EXTENSION postgres_fdw WITH SCHEMA far;
CREATE FOREIGN DATA WRAPPER "plain fdw" OPTIONS (mode 'it''s', level '2');
CREATE FOREIGN DATA WRAPPER pg_like HANDLER far.postgres_fdw_handler VALIDATOR far.postgres_fdw_validator;
COMMENT ON FOREIGN DATA WRAPPER "plain fdw" IS 'no handler';
CREATE SERVER plain_server TYPE 'kind' VERSION '1.0' FOREIGN DATA WRAPPER "plain fdw" OPTIONS (region 'north');
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost', dbname 'elsewhere');
CREATE SERVER "Other" FOREIGN DATA WRAPPER pg_like;
COMMENT ON SERVER remote IS 'the other database';
CREATE USER MAPPING FOR PUBLIC SERVER plain_server OPTIONS (who 'anyone');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (user 'reader', password 'sekrit-pw-1');
CREATE USER MAPPING FOR CURRENT_USER SERVER "Other";
CREATE TYPE far.mood AS ENUM ('calm', 'busy');
CREATE TABLE far.local (id int PRIMARY KEY, note text);
INSERT INTO far.local VALUES (1, 'one'), (2, 'two');
CREATE FOREIGN TABLE far.remote_items (
    id int OPTIONS (column_name 'item_id') NOT NULL,
    label text COLLATE "C" DEFAULT 'none',
    mood far.mood,
    CONSTRAINT positive CHECK (id > 0)
) SERVER remote OPTIONS (schema_name 'public', table_name 'items');
CREATE FOREIGN TABLE far."Bare" () SERVER plain_server;
COMMENT ON FOREIGN TABLE far.remote_items IS 'rows live elsewhere';
COMMENT ON COLUMN far.remote_items.label IS 'a label';
CREATE VIEW far.items_view AS SELECT id, label FROM far.remote_items;
CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert, update');
CREATE PUBLICATION some_tables FOR TABLE far.local WITH (publish_via_partition_root = true);
CREATE PUBLICATION "Empty";
COMMENT ON PUBLICATION some_tables IS 'just one';
CREATE FUNCTION far.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
CREATE EVENT TRIGGER on_create ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'CREATE VIEW') EXECUTE FUNCTION far.log_ddl();
CREATE EVENT TRIGGER on_drop ON sql_drop EXECUTE FUNCTION far.log_ddl();
ALTER EVENT TRIGGER on_drop DISABLE;
ALTER EVENT TRIGGER on_create ENABLE ALWAYS;
COMMENT ON EVENT TRIGGER on_create IS 'watches';
