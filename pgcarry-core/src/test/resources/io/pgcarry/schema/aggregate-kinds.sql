-- Aggregates beyond the ordinary ones: a sort operator, ordered-set and hypothetical-set aggregates, moving-aggregate
-- options and parallel safety; valid on 13 and 17, as a superuser (internal state types).
CREATE SCHEMA agg;
CREATE FUNCTION agg.add2(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE FUNCTION agg.sub2(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
CREATE AGGREGATE agg.ranked(int ORDER BY int) (SFUNC = agg.add2, STYPE = int);
CREATE AGGREGATE agg.mymax(int) (SFUNC = int4larger, STYPE = int, SORTOP = >, PARALLEL = SAFE);
CREATE AGGREGATE agg.hypo(VARIADIC "any" ORDER BY VARIADIC "any") (SFUNC = ordered_set_transition_multi, STYPE = internal,
    FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);
CREATE AGGREGATE agg.pct(float8 ORDER BY float8) (SFUNC = ordered_set_transition, STYPE = internal,
    FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA, FINALFUNC_MODIFY = READ_ONLY, PARALLEL = SAFE);
CREATE AGGREGATE agg.moving(int) (SFUNC = agg.add2, STYPE = int, INITCOND = '0',
    MSFUNC = agg.add2, MINVFUNC = agg.sub2, MSTYPE = int, MINITCOND = '0');
COMMENT ON AGGREGATE agg.ranked(int ORDER BY int) IS 'ordered-set';
COMMENT ON AGGREGATE agg.hypo(VARIADIC "any" ORDER BY VARIADIC "any") IS 'hypothetical-set';
CREATE TABLE agg.t (x int, f float8);
INSERT INTO agg.t VALUES (1, 0.5), (2, 1.5), (3, 2.5);
CREATE VIEW agg.uses AS
    SELECT agg.ranked(1) WITHIN GROUP (ORDER BY x) AS r, agg.mymax(x) AS m, agg.hypo(2) WITHIN GROUP (ORDER BY x) AS h,
           agg.pct(0.5) WITHIN GROUP (ORDER BY f) AS p, agg.moving(x) AS mv
      FROM agg.t;
-- an aggregate without arguments is named name(*) by COMMENT ON, ALTER and DROP
CREATE AGGREGATE agg.countstar(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');
COMMENT ON AGGREGATE agg.countstar(*) IS 'counts rows';
