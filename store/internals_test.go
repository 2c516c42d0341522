package store

import "database/sql"

// SQLDB exposes a store's connection pool to the external tests, which
// check the pragmas each pooled connection runs with.
func SQLDB(s *Store) *sql.DB { return s.db }
