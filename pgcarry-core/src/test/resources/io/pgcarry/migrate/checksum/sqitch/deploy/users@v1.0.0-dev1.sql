CREATE TABLE flipr.users (
    nickname TEXT PRIMARY KEY
);
