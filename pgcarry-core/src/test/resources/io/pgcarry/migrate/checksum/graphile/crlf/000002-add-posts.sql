--! Previous: sha1:7e1d4238404f9157daa5bb37b111a41515f31d28
--! Hash: sha1:8d1ea1fcd6531c9fe86fc51c2307054042577392
--! Message: add posts

create table posts (
  id serial primary key,
  user_id int references users
);
