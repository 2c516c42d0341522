package main

import (
	"context"

	"rotate/rotation"
	"rotate/store"
)

// raceEdit saves an edit made from what a handle read before (was) as now.
func raceEdit(ctx context.Context, st *store.Store, was, now rotation.Contact) error {
	return st.UpdateContact(ctx, was, now)
}
