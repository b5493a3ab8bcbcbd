--liquibase formatted sql

--changeset alice:1
create table person (
    id int primary key,
    name text
);
--rollback drop table person;

--changeset bob:2 runOnChange:true splitStatements:false
-- a plain comment
insert into person values (1, 'a  b');

--changeset "carol":"3-func" endDelimiter:/ stripComments:false context:prod labels:"x,y"
--comment: adds a function
create function one() returns int language sql as $$
	select 1
$$
/
--validCheckSum: 9:00000000000000000000000000000000

--changeset dave:4
update person set name = 'z'
/
