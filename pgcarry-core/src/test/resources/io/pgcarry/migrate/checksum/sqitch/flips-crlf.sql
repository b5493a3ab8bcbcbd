CREATE TABLE flipr.flips (
    id BIGSERIAL PRIMARY KEY,
    body TEXT NOT NULL
);
