// Package pgtest runs a package's tests on both backends of a rotate
// book: the SQLite file, then, when ROTATE_TEST_POSTGRES names a
// PostgreSQL server (.ci/postgres start prints one), the same tests again
// on a team book there, each test on a database of its own.
package pgtest
