-- +goose Up
-- Each book's own random id, which tells its WAL from another book's
-- (walcheck.go), and the day the interface last ran its background
-- quick check (at most one a day). One row. commits counts the
-- transactions that wrote: each rewrites this row, so that every commit
-- carries the book's id in the WAL.
CREATE TABLE book_identity (
    id            TEXT NOT NULL,
    commits       INTEGER NOT NULL DEFAULT 0,
    quick_checked TEXT NOT NULL DEFAULT ''
);
INSERT INTO book_identity (id) VALUES (lower(hex(randomblob(16))));

-- +goose Down
DROP TABLE book_identity;
