CREATE TABLE public.loose (id int);
-- Publication shapes of PostgreSQL 15 on: column lists, row filters, schemas.
CREATE TABLE far.measures (id int PRIMARY KEY, reading numeric, secret text);
CREATE PUBLICATION filtered FOR TABLE far.measures (id, reading) WHERE (reading > 0), TABLE ONLY far.local WHERE (note IS NOT NULL);
CREATE PUBLICATION whole_schema FOR TABLES IN SCHEMA far, TABLE public.loose WITH (publish = 'delete');
