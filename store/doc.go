// Package store keeps rotate books: the schema and its migrations, the
// queries and the transactions. It is the only package that speaks SQL; it
// takes and returns the rotation package's types.
//
// A book lives on one of two backends behind the same Store:
//
//   - a personal book in a SQLite file (modernc.org/sqlite), opened by
//     Open with a path; migrations in migrations/sqlite;
//   - a team book on PostgreSQL (pgx), opened by Open or OpenTeam with a
//     postgres:// URL, shared by an owner and assistants under row-level
//     security; migrations in migrations/postgres.
//
// A schema change needs a migration for both backends (TestSchemasMatch
// checks that they end with the same tables and columns). The dialect
// type rewrites the one SQL text the package writes for PostgreSQL.
//
// The files are named after what they keep: contacts*.go (the contact
// rows: reading, adding, editing), calls.go (calls and notes),
// followups.go, drafts.go, revisions.go, undo.go and call_edit.go
// (corrections of logged calls), settings.go, search.go, today.go,
// leveling.go and catchup.go (the due list and its load), import*.go and
// export.go (interchange), team.go and team_push.go (members, roles,
// pushing a personal book to a team one), sqlite*.go and postgres.go
// (what belongs to one driver). docs/ARCHITECTURE.md has the full table.
//
// Errors say what is wrong; a RemedyError names what can be done about
// it, and the interface words that (cmd/rotate as what to type).
package store
