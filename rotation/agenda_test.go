package rotation

import "testing"

func TestAgendaProgressCountsEachPersonOnce(t *testing.T) {
	item := func(id int64) DueItem { return DueItem{Contact: Contact{ID: id}} }
	tests := []struct {
		name              string
		due               []DueItem
		done              map[int64]string
		wantDone, wantAll int
	}{
		{"nothing", nil, map[int64]string{}, 0, 0},
		{"two due, one done", []DueItem{item(1), item(2)}, map[int64]string{3: "C"}, 1, 3},
		{"called, then due again today", []DueItem{item(1), item(2)}, map[int64]string{1: "A"}, 0, 2},
	}
	for _, tt := range tests {
		a := Agenda{Due: tt.due, DoneNames: tt.done}
		if done, all := a.Progress(); done != tt.wantDone || all != tt.wantAll {
			t.Errorf("%s: %d of %d, want %d of %d", tt.name, done, all, tt.wantDone, tt.wantAll)
		}
	}
}
