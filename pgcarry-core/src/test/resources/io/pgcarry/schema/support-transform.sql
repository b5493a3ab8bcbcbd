-- A transform (its functions are LANGUAGE internal, which a pgcarry archive refuses): dump and clone only.
CREATE FUNCTION sup.from_sql(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4send';
CREATE FUNCTION sup.to_sql(internal) RETURNS sup.flag LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE TRANSFORM FOR sup.flag LANGUAGE sup_lang (FROM SQL WITH FUNCTION sup.from_sql(internal), TO SQL WITH FUNCTION sup.to_sql(internal));
COMMENT ON TRANSFORM FOR sup.flag LANGUAGE sup_lang IS 'codes';
