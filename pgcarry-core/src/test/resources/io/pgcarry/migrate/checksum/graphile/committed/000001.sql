--! Previous: -
--! Hash: sha1:7e1d4238404f9157daa5bb37b111a41515f31d28

create table users (id serial primary key);
