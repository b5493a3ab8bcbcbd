CREATE TABLE flipr.users (
    nickname TEXT PRIMARY KEY,
    password TEXT NOT NULL
);
