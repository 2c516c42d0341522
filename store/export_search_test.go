package store

import "context"

// SearchWindow is Search looking among the window newest notes and
// follow-ups first, so that a small book reaches both of its ways.
func SearchWindow(ctx context.Context, s *Store, query string, limit, window int) ([]SearchHit, error) {
	return s.search(ctx, query, limit, window)
}
